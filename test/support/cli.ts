/**
 * Runs the org-mirror CLI as a separate process, exactly as users do (flags and MIRROR_* environment), with a git
 * wrapper first on PATH that records every git argv, so tests can prove no token ever reaches a command line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { RunReport } from '../../src/report/model.js';
import { lightSpawn } from './light-spawn.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  report?: RunReport;
}

export interface CliOptions {
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Run `dist/index.js` instead of the sources. */
  dist?: boolean;
  /** Directory holding the git wrapper and its argv log (see `gitSpy`). */
  spy?: GitSpy;
}

export interface GitSpy {
  binDir: string;
  logFile: string;
  /** Every git argv recorded so far, one line per process. */
  calls(): string[];
}

/** A `git` wrapper that appends its argv to a log and execs the real git. */
export function gitSpy(dir: string): GitSpy {
  const binDir = path.join(dir, 'spy-bin');
  const logFile = path.join(dir, 'git-argv.log');
  fs.mkdirSync(binDir, { recursive: true });
  const realGit = fs.existsSync('/usr/bin/git') ? '/usr/bin/git' : 'git';
  fs.writeFileSync(path.join(binDir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${logFile}'\nexec ${realGit} "$@"\n`, {
    mode: 0o755,
  });
  return {
    binDir,
    logFile,
    calls: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []),
  };
}

/** One side of a mirror, as the CLI takes it from `MIRROR_SOURCE_*` / `MIRROR_TARGET_*`. */
export interface MirrorEndpoint {
  type: string;
  url: string;
  owner: string;
  token: string;
  /** Bitbucket: the token's username (Basic credentials) instead of a bare token. */
  username?: string;
  /** Bitbucket Cloud target: the project created repositories go to. */
  project?: string;
}

export interface MirrorEnvSpec {
  source: MirrorEndpoint;
  target: MirrorEndpoint;
  cacheDir: string;
  reportFile: string;
}

function endpointVars(role: 'SOURCE' | 'TARGET', endpoint: MirrorEndpoint): Record<string, string> {
  const prefix = `MIRROR_${role}_`;
  const env: Record<string, string> = {
    [`${prefix}TYPE`]: endpoint.type,
    [`${prefix}URL`]: endpoint.url,
    [`${prefix}OWNER`]: endpoint.owner,
    [`${prefix}TOKEN`]: endpoint.token,
  };
  if (endpoint.username !== undefined) env[`${prefix}USERNAME`] = endpoint.username;
  if (endpoint.project !== undefined) env[`${prefix}PROJECT`] = endpoint.project;
  return env;
}

/** The CLI's `MIRROR_*` environment for one source and one target, then `extra` (which wins). */
export function mirrorEnv(spec: MirrorEnvSpec, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...endpointVars('SOURCE', spec.source),
    ...endpointVars('TARGET', spec.target),
    MIRROR_CACHE_DIR: spec.cacheDir,
    MIRROR_REPORT_FILE: spec.reportFile,
    ...extra,
  };
}

/** The environment of a clean machine: nothing of the CI running the tests leaks into the CLI under test. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(MIRROR_|INPUT_|GITHUB_|GITLAB_|CI_|RUNNER_|TRIGGER_PAYLOAD|GIT_)/.test(key) || key === 'CI') continue;
    if (/^(HTTPS?_PROXY|NO_PROXY|ALL_PROXY)$/i.test(key)) continue;
    // Extra CAs of the machine running the tests: the fakes are plain HTTP or bring their own CA (proxy-tls), and
    // Node reads this file at every start (about 50 ms of CPU per CLI run for a system bundle).
    if (key === 'NODE_EXTRA_CA_CERTS') continue;
    env[key] = value;
  }
  return env;
}

export function runCli(options: CliOptions = {}): Promise<CliRun> {
  const env: Record<string, string> = { ...cleanEnv() };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  if (options.spy) env.PATH = `${options.spy.binDir}${path.delimiter}${env.PATH ?? ''}`;
  const entry = options.dist
    ? [path.join(ROOT, 'dist/index.js')]
    : ['--import', 'tsx', path.join(ROOT, 'src/index.ts')];
  return new Promise((resolve, reject) => {
    const child = lightSpawn(process.execPath, [...entry, ...(options.args ?? [])], {
      cwd: ROOT,
      env,
      stdin: 'ignore',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const reportFile = env.MIRROR_REPORT_FILE;
      let report: RunReport | undefined;
      if (reportFile && fs.existsSync(reportFile))
        report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as RunReport;
      resolve({ code: code ?? -1, stdout, stderr, report });
    });
  });
}

/** Files under `dir` (recursively) whose content contains any of `secrets`, in raw or base64 form. */
export function filesContaining(dir: string, secrets: string[]): string[] {
  const needles = secrets.flatMap((secret) => [secret, Buffer.from(secret).toString('base64')]);
  const found: string[] = [];
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        const content = fs.readFileSync(full);
        if (needles.some((needle) => content.includes(needle))) found.push(full);
      }
    }
  };
  if (!fs.existsSync(dir)) return found;
  if (fs.statSync(dir).isDirectory()) visit(dir);
  else if (needles.some((needle) => fs.readFileSync(dir).includes(needle))) found.push(dir);
  return found;
}

export function textContains(text: string, secrets: string[]): boolean {
  return secrets.some((secret) => text.includes(secret) || text.includes(Buffer.from(secret).toString('base64')));
}

export function tempDir(prefix = 'org-mirror-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
