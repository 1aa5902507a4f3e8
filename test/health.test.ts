/**
 * Health over time, the pure parts: the backoff schedule, streaks across runs, the changes a run makes, the summary
 * text, and the notification document and its signature.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';

import {
  backoffInterval,
  describeStreak,
  isDue,
  updateHealth,
  type HealthFile,
  type RunFacts,
} from '../src/mirror/health.js';
import { partitionDue } from '../src/mirror/health-store.js';
import type { RepoResult } from '../src/report/model.js';
import { buildNotification, signBody } from '../src/report/notify.js';

const result = (name: string, status: RepoResult['status'], reason?: string): RepoResult => ({
  name,
  status,
  refs: [],
  durationMs: 0,
  ...(reason ? { reason } : {}),
});
const full = (now: string): RunFacts => ({ now, fullRun: true, complete: true, runUrl: `https://ci/${now}` });

describe('backoff schedule', () => {
  test('every run up to 3 failures, then 2, 4, 8 … full runs, capped by backoff-max', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((failures) => backoffInterval(failures, 12))).toEqual([
      1, 1, 2, 4, 8, 12, 12, 12,
    ]);
    expect(backoffInterval(50, 12)).toBe(12);
    expect(backoffInterval(1000, 10_000)).toBe(10_000);
  });

  test('backoff-max 0 (or 1) tries every run', () => {
    for (const failures of [3, 4, 10, 100]) {
      expect(backoffInterval(failures, 0)).toBe(1);
      expect(backoffInterval(failures, 1)).toBe(1);
    }
  });

  test('a repository that always fails, over 40 full runs: fewer attempts, never none after the third', () => {
    let file: HealthFile | undefined;
    const attempted: number[] = [];
    for (let run = 1; run <= 40; run++) {
      const entry = file?.repos.bad;
      const due = isDue(entry, (file?.fullRuns ?? 0) + 1, 12);
      const status = due ? 'failed' : 'backing-off';
      if (due) attempted.push(run);
      file = updateHealth(file, [result('bad', status, 'boom')], full(`2026-12-0${(run % 9) + 1}T00:00:00Z`)).file;
    }
    expect(attempted.slice(0, 6)).toEqual([1, 2, 3, 5, 9, 17]);
    expect(attempted).toEqual([1, 2, 3, 5, 9, 17, 29]);
    // Gaps never exceed backoff-max.
    for (let i = 1; i < attempted.length; i++) expect(attempted[i] - attempted[i - 1]).toBeLessThanOrEqual(12);
    expect(file?.repos.bad).toMatchObject({ health: 'failing', consecutiveFailures: 7 });
  });

  test('a run naming the repositories tries them all (the engine is given no deferral)', async () => {
    const jobs = [{ source: { path: 'a' }, targetPath: 'a' }];
    expect(await partitionDue(jobs, undefined)).toEqual({ due: jobs, deferred: [] });
    const deferred = await partitionDue(jobs, async (name) => result(name, 'backing-off'));
    expect(deferred.due).toEqual([]);
    expect(deferred.deferred[0]).toMatchObject({ name: 'a', status: 'backing-off' });
  });
});

describe('streaks', () => {
  test('failingSince and consecutiveFailures over runs; a success clears the streak', () => {
    const one = updateHealth(undefined, [result('a', 'failed', 'first cause'), result('b', 'up-to-date')], {
      ...full('2026-12-03T10:00:00.000Z'),
    });
    expect(one.file.repos.a).toMatchObject({
      health: 'failing',
      since: '2026-12-03T10:00:00.000Z',
      consecutiveFailures: 1,
      reason: 'first cause',
      runUrl: 'https://ci/2026-12-03T10:00:00.000Z',
    });
    // The first run reports the unhealthy ones only.
    expect(one.changes).toEqual([
      { repository: 'a', to: 'failing', reason: 'first cause', failingSince: '2026-12-03T10:00:00.000Z' },
    ]);
    const two = updateHealth(one.file, [result('a', 'failed', 'another cause'), result('b', 'updated')], {
      ...full('2026-12-04T10:00:00.000Z'),
    });
    // The streak, its first reason and the run it began in stay; no change to announce.
    expect(two.file.repos.a).toMatchObject({
      since: '2026-12-03T10:00:00.000Z',
      consecutiveFailures: 2,
      reason: 'first cause',
      runUrl: 'https://ci/2026-12-03T10:00:00.000Z',
    });
    expect(two.changes).toEqual([]);
    const three = updateHealth(two.file, [result('a', 'up-to-date'), result('b', 'diverged', 'main moved')], {
      ...full('2026-12-05T10:00:00.000Z'),
    });
    expect(three.file.repos.a).toEqual({
      health: 'healthy',
      consecutiveFailures: 0,
      lastSuccess: '2026-12-05T10:00:00.000Z',
      lastAttemptRun: 3,
    });
    expect(three.changes.map((c) => [c.repository, c.from, c.to])).toEqual([
      ['a', 'failing', 'healthy'],
      ['b', 'healthy', 'diverged'],
    ]);
    expect(three.file.repos.b.lastSuccess).toBe('2026-12-04T10:00:00.000Z');
  });

  test('a run limited to named repositories keeps the others and is not counted as a full run', () => {
    const one = updateHealth(
      undefined,
      [result('a', 'failed'), result('b', 'up-to-date')],
      full('2026-12-01T00:00:00Z'),
    );
    const named = updateHealth(one.file, [result('a', 'failed')], {
      now: '2026-12-02T00:00:00Z',
      fullRun: false,
      complete: false,
    });
    expect(named.file.fullRuns).toBe(1);
    expect(Object.keys(named.file.repos).sort()).toEqual(['a', 'b']);
    expect(named.file.repos.a.consecutiveFailures).toBe(2);
  });

  test('a complete run forgets repositories no longer selected; a failed run keeps everything', () => {
    const one = updateHealth(
      undefined,
      [result('a', 'failed'), result('b', 'up-to-date')],
      full('2026-12-01T00:00:00Z'),
    );
    const failedRun = updateHealth(one.file, [], { ...full('2026-12-02T00:00:00Z'), error: 'listing failed' });
    expect(Object.keys(failedRun.file.repos).sort()).toEqual(['a', 'b']);
    expect(failedRun.file.run).toMatchObject({ health: 'failing', reason: 'listing failed' });
    expect(failedRun.changes).toEqual([
      { repository: '(run)', to: 'failing', reason: 'listing failed', failingSince: '2026-12-02T00:00:00Z' },
    ]);
    const after = updateHealth(failedRun.file, [result('a', 'failed')], full('2026-12-03T00:00:00Z'));
    expect(Object.keys(after.file.repos)).toEqual(['a']);
    expect(after.file.run).toBeUndefined();
    expect(after.changes).toEqual([{ repository: '(run)', from: 'failing', to: 'healthy' }]);
  });

  test('the summary text: failing since 3 Dec, 12 runs', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    expect(
      describeStreak({ health: 'failing', failingSince: '2026-12-03T08:00:00Z', consecutiveFailures: 12 }, now),
    ).toBe('failing since 3 Dec, 12 runs');
    expect(describeStreak({ health: 'diverged', failingSince: '2025-11-30T08:00:00Z' }, now)).toBe(
      'diverged since 30 Nov 2025, 1 run',
    );
    expect(describeStreak({ health: 'healthy', lastSuccess: '2026-12-03T08:00:00Z' }, now)).toBeUndefined();
  });
});

describe('notification', () => {
  test('one line of text with icons, the changes for machines, problems first', () => {
    const file: HealthFile = {
      version: 1,
      fullRuns: 3,
      repos: {
        a: { health: 'healthy', consecutiveFailures: 0 },
        b: { health: 'failing', consecutiveFailures: 1, since: '2026-12-03T00:00:00Z' },
        c: { health: 'healthy', consecutiveFailures: 0 },
      },
    };
    const note = buildNotification(
      'github.com/acme → gitlab.com/mirrors',
      [
        { repository: 'a', from: 'failing', to: 'healthy' },
        { repository: 'b', from: 'healthy', to: 'failing', reason: 'x', failingSince: '2026-12-03T00:00:00Z' },
      ],
      file,
    )!;
    expect(note.mirror).toBe('github.com/acme → gitlab.com/mirrors');
    expect(note.text).toBe(
      'org-mirror github.com/acme → gitlab.com/mirrors: ❌ b now failing; ✅ a recovered — ❌ 1 failing · ✅ 2 healthy',
    );
    expect(note.text).not.toMatch(/\n/);
    expect(note.changes.map((c) => c.repository)).toEqual(['b', 'a']);
    expect(buildNotification('m', [], file)).toBeUndefined();
  });

  test('the signature is the hex HMAC-SHA256 of the exact body', () => {
    const body = JSON.stringify({ text: 'hi' });
    expect(signBody(body, 's3cret')).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
  });
});
