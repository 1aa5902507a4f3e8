/**
 * The test processes' spawn through the run's spawner process (test/support/light-spawn.ts, spawner.mjs): a child
 * started there behaves as one started by Node's own spawn, for what the tests use of it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { lightSpawn, SPAWNER_ENV, type LightChild } from './support/light-spawn.js';
import { startSpawner } from './support/start-helpers.mjs';

interface Outcome {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  events: string[];
}

function outcome(child: LightChild): Promise<Outcome> {
  const events: string[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('spawn', () => events.push('spawn'));
  child.on('exit', () => events.push('exit'));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code: number | null, signal: string | null) => {
      events.push('close');
      resolve({ code, signal, stdout, stderr, events });
    });
  });
}

const SH = '/bin/sh';

describe.each([
  ['through the spawner', true],
  ["with Node's own spawn", false],
])('lightSpawn %s', (_label, throughSpawner) => {
  let spawner: { socketPath: string; stop(): void } | undefined;
  let saved: string | undefined;

  beforeAll(async () => {
    saved = process.env[SPAWNER_ENV];
    if (throughSpawner) {
      spawner = await startSpawner();
      process.env[SPAWNER_ENV] = spawner.socketPath;
    } else delete process.env[SPAWNER_ENV];
  });
  afterAll(() => {
    spawner?.stop();
    if (saved === undefined) delete process.env[SPAWNER_ENV];
    else process.env[SPAWNER_ENV] = saved;
  });

  test('passes arguments, environment and working directory; separates stdout and stderr; gives the exit code', async () => {
    const child = lightSpawn(SH, ['-c', 'echo "$1 $GREETING $(pwd)"; echo oops >&2; exit 3', 'sh', 'arg'], {
      env: { PATH: process.env.PATH, GREETING: 'hello' },
      cwd: '/',
      stdin: 'ignore',
    });
    const done = await outcome(child);
    expect(done).toMatchObject({ code: 3, signal: null, stdout: 'arg hello /\n', stderr: 'oops\n' });
    expect(done.events).toEqual(['spawn', 'exit', 'close']);
    expect(child.pid).toEqual(expect.any(Number));
    expect(child.stdin).toBeNull();
  });

  test('streams stdin, large outputs included, and ends it', async () => {
    const child = lightSpawn(SH, ['-c', 'cat; echo end'], { env: { PATH: process.env.PATH } });
    const big = 'x'.repeat(3 * 1024 * 1024);
    const done = outcome(child);
    child.stdin!.write(big.slice(0, 1024 * 1024));
    child.stdin!.end(big.slice(1024 * 1024));
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout.length).toBe(big.length + 'end\n'.length);
    expect(stdout.endsWith('xend\n')).toBe(true);
  });

  test('kill() ends the child with the signal', async () => {
    const child = lightSpawn(SH, ['-c', 'echo started; exec sleep 30'], { env: { PATH: process.env.PATH } });
    const done = outcome(child);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(child.kill('SIGTERM')).toBe(true);
    const { code, signal } = await done;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
  });

  test('a program that does not exist is an error event with its code', async () => {
    const child = lightSpawn('/nonexistent/program', [], { env: {} });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => child.on('error', resolve));
    expect(error.code).toBe('ENOENT');
  });
});
