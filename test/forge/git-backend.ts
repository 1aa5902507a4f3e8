/**
 * Git over smart HTTP through `git http-backend` run as a CGI, as a real server would
 * (https://git-scm.com/docs/git-http-backend). The request body is streamed in untouched (gzip bodies included: git
 * http-backend inflates them itself when told through HTTP_CONTENT_ENCODING) and the CGI headers are parsed out.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { lightSpawn } from '../support/light-spawn.js';

export interface CgiOptions {
  projectRoot: string;
  /** `/<owner>/<repo>.git/info/refs` relative to the project root. */
  pathInfo: string;
  queryString: string;
  remoteUser?: string;
  /** Extra config (`key=value`) passed through GIT_CONFIG_COUNT. */
  config: [string, string][];
  /** Extra environment for hooks. */
  env: Record<string, string>;
}

let execPath: string | undefined;

/**
 * git's own directory of programs (`git --exec-path`), found once per process: `git http-backend` is not a builtin,
 * so git would start `git-http-backend` from there as a second process; the fake starts it directly.
 */
function gitExecPath(): string {
  execPath ??= execFileSync('git', ['--exec-path']).toString().trim();
  return execPath;
}

/** Runs http-backend for one request; resolves with the HTTP status it answered. */
export function runHttpBackend(req: IncomingMessage, res: ServerResponse, options: CgiOptions): Promise<number> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_PROJECT_ROOT: options.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: options.pathInfo,
    QUERY_STRING: options.queryString,
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_COUNT: String(options.config.length),
    ...options.env,
  };
  options.config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  if (options.remoteUser) env.REMOTE_USER = options.remoteUser;
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env.HTTP_GIT_PROTOCOL = protocol;
  // What `git http-backend` hands its dashed program besides this environment: the exec path, in front of PATH too.
  const exec = gitExecPath();
  env.GIT_EXEC_PATH = exec;
  env.PATH = `${exec}:${env.PATH}`;

  return new Promise((resolve) => {
    const child = lightSpawn(path.join(exec, 'git-http-backend'), [], { env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stdin = child.stdin!;
    req.pipe(stdin);
    stdin.on('error', () => undefined);
    let head = Buffer.alloc(0);
    let headersDone = false;
    let status = 200;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const crlf = head.indexOf('\r\n\r\n');
      const lf = head.indexOf('\n\n');
      const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
      if (end < 0) return;
      const sepLength = end === crlf ? 4 : 2;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString().split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      headersDone = true;
      res.writeHead(status, headers);
      res.write(head.subarray(end + sepLength));
    });
    child.on('close', (code) => {
      if (!headersDone) {
        status = 500;
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.write(`git http-backend failed (${code}): ${stderr}`);
      }
      res.end();
      resolve(status);
    });
  });
}
