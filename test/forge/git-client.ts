/** Plain git as a client of the forge, for tests: credentials only through the environment, never in URLs or argv. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface GitResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Output of a child process, once it has closed; `status` is -1 when it was killed by a signal. */
export function outputOf(child: ChildProcessByStdio<null, Readable, Readable>): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/**
 * Runs git asynchronously (the forge answers in this same process, so a synchronous spawn would deadlock): no prompts,
 * no system or user config, `identity` as author and committer, and for `auth.url` only an `Authorization` header
 * (`auth.authorization`, the whole header value) given through the environment.
 */
export function gitClient(
  cwd: string,
  args: string[],
  identity: { name: string; email: string },
  auth?: { url: string; authorization: string },
): Promise<GitResult> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'init.defaultBranch',
    GIT_CONFIG_VALUE_0: 'main',
    GIT_CONFIG_KEY_1: 'credential.helper',
    GIT_CONFIG_VALUE_1: '',
  };
  if (auth) {
    env.GIT_CONFIG_COUNT = '3';
    env.GIT_CONFIG_KEY_2 = `http.${auth.url}/.extraHeader`;
    env.GIT_CONFIG_VALUE_2 = `Authorization: ${auth.authorization}`;
  }
  return outputOf(spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/**
 * Runs git as `gitClient` does, with an `Authorization: Basic` header for `url` (username `x-access-token`/`oauth2`,
 * token as password). */
export function gitAs(
  cwd: string,
  args: string[],
  auth?: { url: string; token: string; username?: string },
): Promise<GitResult> {
  const basic = auth && Buffer.from(`${auth.username ?? 'x-access-token'}:${auth.token}`).toString('base64');
  return gitClient(
    cwd,
    args,
    { name: 'Test', email: 'test@forge.test' },
    auth && { url: auth.url, authorization: `Basic ${basic}` },
  );
}

export function tempDir(prefix = 'forge-client-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
