/**
 * One run at a time per cache: `cache-dir/org-mirror.lock`, created exclusively. A lock whose process is gone (same
 * machine) or that is older than any run can last is stale and broken safely: renamed away first, so two runs
 * breaking it at once cannot both win.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface LockOptions {
  /** How long to wait for another run to finish. */
  waitMs: number;
  /** Age after which a lock is stale whatever its owner. */
  staleMs?: number;
  onWait?: (owner: string) => void;
  /** The clock (default `Date.now`) and the wait between two looks at the lock (default a timer): tests inject both. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Time between two looks at a lock held by another run. */
export const LOCK_POLL_MS = 250;

interface LockOwner {
  pid: number;
  host: string;
  startedAt: number;
}

export class LockBusyError extends Error {}

export async function acquireCacheLock(cacheDir: string, options: LockOptions): Promise<() => Promise<void>> {
  await mkdir(cacheDir, { recursive: true });
  const file = path.join(cacheDir, 'org-mirror.lock');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + options.waitMs;
  let told = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: now() };
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (!owner || isStale(owner, options.staleMs ?? 6 * 3600_000, now())) {
      const aside = `${file}.stale.${process.pid}.${now()}`;
      await rename(file, aside).then(
        () => rm(aside, { force: true }),
        () => undefined,
      );
      continue;
    }
    if (now() >= deadline) {
      throw new LockBusyError(
        `cache-dir ${cacheDir} is in use by another run (pid ${owner.pid} on ${owner.host}); runs on one cache must not overlap`,
      );
    }
    if (!told) {
      options.onWait?.(`pid ${owner.pid} on ${owner.host}`);
      told = true;
    }
    await sleep(LOCK_POLL_MS);
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch (error) {
    // Missing: gone in between. Half-written: its writer is alive a few ms more; treat as fresh unless it stays so.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const info = await stat(file).catch(() => undefined);
    return info ? { pid: -1, host: hostname(), startedAt: info.mtimeMs } : undefined;
  }
}

function isStale(owner: LockOwner, staleMs: number, now: number): boolean {
  if (now - owner.startedAt > staleMs) return true;
  if (owner.pid <= 0) return now - owner.startedAt > 10_000;
  // A lock from another machine in a local cache-dir came with a restored cache (actions/cache, GitLab cache:) from
  // a job that was killed: no run there can still be using this copy. A short grace covers shared network disks.
  if (owner.host !== hostname()) return now - owner.startedAt > 5 * 60_000;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
