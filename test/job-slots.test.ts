/**
 * The two kinds of concurrency (issue 10 item 3): the job pool's size, transfer slots held until released, and a
 * repository time limit that does not run while the job waits for a slot.
 */
import { describe, expect, test } from '@jest/globals';
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

  test('a paused time budget does not run out; resumed, it does', async () => {
    let out = false;
    const budget = new TimeBudget(20, () => (out = true));
    budget.pause();
    // Wait well past the limit while paused: nothing happens.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(out).toBe(false);
    budget.resume();
    while (!out) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(out).toBe(true);
    budget.stop();
  });
});
