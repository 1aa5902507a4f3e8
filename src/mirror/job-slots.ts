/**
 * Two kinds of concurrency: repository jobs (ref discovery and API reads, cheap HTTP requests) run several times more
 * at once than git transfers, which `concurrency` bounds. A job takes a transfer slot before its first git process and
 * keeps it until it ends; the wait for a slot is not charged to the repository's time limit.
 */
import type { LimitFunction } from 'p-limit';

/** Ceiling of the job pool: at most this many discoveries at once (one keep-alive connection each per host). */
const MAX_JOBS = 32;

/**
 * Jobs at once for `concurrency` git transfers: 4× (discovery takes two round trips, a transfer far more, so four
 * jobs per slot keep the slots busy) up to 32, which bounds the connections per host and the burst of API reads
 * against a host's rate limit; never fewer than `concurrency`.
 */
export function jobParallelism(concurrency: number): number {
  return Math.max(concurrency, Math.min(MAX_JOBS, 4 * concurrency));
}

/** Waits for a slot of `limit` and holds it until the returned function is called. */
export function holdSlot(limit: LimitFunction): Promise<() => void> {
  return new Promise((acquired) => {
    void limit(() => new Promise<void>((release) => acquired(release)));
  });
}

/** A time limit that can be paused (while waiting for a slot), calling `onTimeout` once it is used up. */
export class TimeBudget {
  private remainingMs: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    limitMs: number,
    private readonly onTimeout: () => void,
  ) {
    this.remainingMs = limitMs;
    this.resume();
  }

  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.remainingMs -= Date.now() - this.startedAt;
  }

  resume(): void {
    if (this.timer) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(this.onTimeout, Math.max(0, this.remainingMs));
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
