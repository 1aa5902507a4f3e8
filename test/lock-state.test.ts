/**
 * The cache lock (src/mirror/lock.ts) and the state store (src/mirror/state.ts): what makes a killed or overlapping
 * run harmless.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { hostname } from 'node:os';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { acquireCacheLock, LOCK_POLL_MS, LockBusyError } from '../src/mirror/lock.js';
import { StateStore, stableHash, type RepoState } from '../src/mirror/state.js';
import { scaled } from './support/time-scale.mjs';

let work: string;
let counter = 0;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-state-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const freshDir = (): string => {
  const dir = path.join(work, `cache-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
const lockFile = (dir: string): string => path.join(dir, 'org-mirror.lock');

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.on('close', resolve));
  return pid;
}

/**
 * A clock that moves only when the lock waits: every wait is recorded and added to the time, so that how long the
 * lock waited is what it computed, not what the machine took.
 */
function fakeTime(start = Date.now()): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
  let time = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => time,
    sleep: (ms: number) => {
      waits.push(ms);
      time += ms;
      return Promise.resolve();
    },
  };
}

describe('cache lock', () => {
  test('a second acquirer waits, then fails with a message naming the cache and the holder', async () => {
    const dir = freshDir();
    const release = await acquireCacheLock(dir, { waitMs: 0 });
    const waits: string[] = [];
    const clock = fakeTime();
    const error = await acquireCacheLock(dir, {
      waitMs: 700,
      onWait: (owner) => waits.push(owner),
      now: clock.now,
      sleep: clock.sleep,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockBusyError);
    const message = (error as Error).message;
    expect(message).toContain(dir);
    expect(message).toContain(`pid ${process.pid}`);
    expect(message).toMatch(/in use by another run/);
    // It looked again every 250 ms until the 700 ms were up (at 0, 250, 500 and 750 ms), and gave up then.
    expect(clock.waits).toEqual([LOCK_POLL_MS, LOCK_POLL_MS, LOCK_POLL_MS]);
    expect(waits).toEqual([`pid ${process.pid} on ${hostname()}`]);
    await release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  test('a second acquirer gets the lock as soon as the first releases it', async () => {
    const dir = freshDir();
    const release = await acquireCacheLock(dir, { waitMs: 0 });
    const clock = fakeTime();
    let released = false;
    // The first run ends during the second's second wait.
    const sleep = async (ms: number): Promise<void> => {
      await clock.sleep(ms);
      if (clock.waits.length === 2) {
        await release();
        released = true;
      }
    };
    const second = await acquireCacheLock(dir, { waitMs: 60_000, now: clock.now, sleep });
    expect(released).toBe(true);
    // Held while it waited twice; taken at the first look after the release.
    expect(clock.waits).toEqual([LOCK_POLL_MS, LOCK_POLL_MS]);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    await second();
  });

  test('the lock of a process that is gone is broken at once', async () => {
    const dir = freshDir();
    const pid = await deadPid();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid, host: hostname(), startedAt: Date.now() }));
    const clock = fakeTime();
    const release = await acquireCacheLock(dir, { waitMs: 60_000, now: clock.now, sleep: clock.sleep });
    // Not one wait, though it could have waited a minute.
    expect(clock.waits).toEqual([]);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(fs.readdirSync(dir)).toEqual(['org-mirror.lock']);
    await release();
  });

  test("another machine's fresh lock is respected; an old one is broken", async () => {
    const dir = freshDir();
    const clock = fakeTime();
    fs.writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, host: 'another-runner', startedAt: clock.now() }));
    const error = await acquireCacheLock(dir, { waitMs: 300, now: clock.now, sleep: clock.sleep }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LockBusyError);
    expect((error as Error).message).toContain('another-runner');
    expect(clock.waits).toEqual([LOCK_POLL_MS, LOCK_POLL_MS]);

    fs.writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: 1, host: 'another-runner', startedAt: clock.now() - 60_000 }),
    );
    const release = await acquireCacheLock(dir, { waitMs: 0, staleMs: 30_000, now: clock.now });
    await release();
  });

  test('a half-written lock is a run starting: respected while fresh, broken when it stays so', async () => {
    const dir = freshDir();
    fs.writeFileSync(lockFile(dir), '{"pid": 12');
    // Its age is its file's: the clock starts at the file's modification time, so "fresh" is not up to the machine.
    const written = fs.statSync(lockFile(dir)).mtimeMs;
    const clock = fakeTime(written);
    const error = await acquireCacheLock(dir, { waitMs: 300, now: clock.now, sleep: clock.sleep }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LockBusyError);

    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(dir), old, old);
    const release = await acquireCacheLock(dir, { waitMs: 0 });
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    await release();

    // An empty lock file (created, nothing written yet) is the same case.
    fs.writeFileSync(lockFile(dir), '');
    fs.utimesSync(lockFile(dir), old, old);
    await (
      await acquireCacheLock(dir, { waitMs: 0 })
    )();
  });

  test('many acquirers at once: exactly one holds the lock at any time', async () => {
    const dir = freshDir();
    let holders = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        // A bound that only guards against a hang (all five are through in about 1.5 s).
        const release = await acquireCacheLock(dir, { waitMs: scaled(60_000) });
        holders++;
        most = Math.max(most, holders);
        await new Promise((resolve) => setTimeout(resolve, 30));
        holders--;
        await release();
      }),
    );
    expect(most).toBe(1);
  });
});

describe('state store', () => {
  const state = (refs: Record<string, string>): RepoState => ({
    version: 1,
    source: { id: '1', cloneUrl: 'https://src.test/acme/api.git', pushedAt: '2024-01-01T00:00:00Z' },
    target: { path: 'api', cloneUrl: 'https://dst.test/mirrors/api.git' },
    refs,
    clean: true,
    verifiedAt: new Date().toISOString(),
  });

  test('what is written is read back; the file name is a hash, never a host name', async () => {
    const dir = freshDir();
    const store = new StateStore(dir);
    const key = 'github|https://src.test|1|gitlab|https://dst.test|mirrors|../../etc/passwd';
    const written = state({ 'refs/heads/main': 'a'.repeat(40) });
    await store.write(key, written);
    expect(await store.read(key)).toEqual(written);
    expect(fs.readdirSync(path.join(dir, 'state'))).toEqual([`${stableHash(key)}.json`]);
    expect(store.fileFor(key).startsWith(path.join(dir, 'state') + path.sep)).toBe(true);
    expect(await store.read('another key')).toBeUndefined();
  });

  test('a corrupt or foreign state file is no state', async () => {
    const dir = freshDir();
    const store = new StateStore(dir);
    await store.write('k', state({}));
    for (const text of [
      '',
      '{"version": 1, "refs": {"refs/he',
      'null',
      '[]',
      '{"version": 2, "refs": {}}',
      '{"version": 1}',
    ]) {
      fs.writeFileSync(store.fileFor('k'), text);
      expect(await store.read('k')).toBeUndefined();
    }
  });

  test('writes are atomic: no temporary file is left, and concurrent writers never leave half a file', async () => {
    const dir = freshDir();
    const store = new StateStore(dir);
    const many = Array.from({ length: 20 }, (_, i) =>
      state(
        Object.fromEntries(Array.from({ length: 200 }, (_, j) => [`refs/heads/b${j}`, String(i).padStart(40, '0')])),
      ),
    );
    await Promise.all(many.map((s) => store.write('k', s)));
    expect(fs.readdirSync(path.join(dir, 'state'))).toEqual([`${stableHash('k')}.json`]);
    const read = await store.read('k');
    expect(read).toBeDefined();
    expect(many).toContainEqual(read);
  });

  test('a failed write leaves the previous state and no temporary file', async () => {
    const dir = freshDir();
    const store = new StateStore(dir);
    await store.write('k', state({ 'refs/heads/main': 'b'.repeat(40) }));
    // The target path is a directory now: the rename fails, as a full disk or a permission problem would.
    const file = store.fileFor('k');
    const aside = `${file}.kept`;
    fs.renameSync(file, aside);
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'x'), '');
    await expect(store.write('k', state({}))).rejects.toThrow();
    expect(fs.readdirSync(path.join(dir, 'state')).sort()).toEqual([path.basename(file), path.basename(aside)].sort());
  });
});
