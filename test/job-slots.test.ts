/**
 * The two kinds of concurrency (issue 10 item 3): the job pool's size, transfer slots held until released, and a
 * repository time limit that does not run while the job waits for a slot.
 */
import { describe, expect, jest, test } from '@jest/globals';
import pLimit from 'p-limit';

import { holdSlot, jobParallelism, TimeBudget } from '../src/mirror/job-slots.js';

describe('job slots', () => {
  test('jobs run 4x concurrency, at most 32, never fewer than concurrency', () => {
    expect([1, 2, 8, 16, 32, 64].map(jobParallelism)).toEqual([4, 8, 32, 32, 32, 64]);
  });

  test('a held slot keeps the next job waiting until it is released', async () => {
    const limit = pLimit(1);
    const release = await holdSlot(limit);
    let second = false;
    const next = holdSlot(limit).then((releaseNext) => {
      second = true;
      return releaseNext;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    expect(limit.activeCount).toBe(1);
    release();
    (await next)();
    expect(second).toBe(true);
  });

  test('a paused time budget does not run out; resumed, it does', () => {
    // Fake timers (and Date): the budget's time is what the test advances, not what the machine takes.
    jest.useFakeTimers();
    try {
      let out = false;
      const budget = new TimeBudget(20, () => (out = true));
      jest.advanceTimersByTime(5);
      budget.pause();
      // Well past the limit while paused: nothing happens.
      jest.advanceTimersByTime(60);
      expect(out).toBe(false);
      budget.resume();
      // 15 ms were left: not out 1 ms before, out when they are used up.
      jest.advanceTimersByTime(14);
      expect(out).toBe(false);
      jest.advanceTimersByTime(1);
      expect(out).toBe(true);
      budget.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
