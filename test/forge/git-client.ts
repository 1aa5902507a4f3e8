/** Plain git as a client of the forge, for tests: credentials only through the environment, never in URLs or argv. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GitResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs git asynchronously (the forge answers in this same process, so a synchronous spawn would deadlock) with an `Authorization: Basic` header for `url` (username `x-access-token`/`oauth2`, token as password). */
export function gitAs(
  cwd: string,
  args: string[],
  auth?: { url: string; token: string; username?: string },
): Promise<GitResult> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@forge.test',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@forge.test',
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'init.defaultBranch',
    GIT_CONFIG_VALUE_0: 'main',
    GIT_CONFIG_KEY_1: 'credential.helper',
    GIT_CONFIG_VALUE_1: '',
  };
  if (auth) {
    const basic = Buffer.from(`${auth.username ?? 'x-access-token'}:${auth.token}`).toString('base64');
    env.GIT_CONFIG_COUNT = '3';
    env.GIT_CONFIG_KEY_2 = `http.${auth.url}/.extraHeader`;
    env.GIT_CONFIG_VALUE_2 = `Authorization: Basic ${basic}`;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

export function tempDir(prefix = 'forge-client-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
