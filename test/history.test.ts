/**
 * History refs and the destruction guard, the pure parts (src/mirror/history.ts, guard.ts) and their inputs
 * (keep-history, history-days, destructive-limit, accept): the stamp, which planned actions lose a tip, retention by
 * the stamp in a ref's name, the guard's counting, and bad input refused in one line with exit code 2 before any
 * network call.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { run } from '../src/main.js';
import { countDestructive, describeCounts, guardVerdict, isAccepted, refsAfter } from '../src/mirror/guard.js';
import {
  expiredHistory,
  historyRefName,
  historyStamp,
  keepUpdates,
  parseStamp,
  replacedTips,
  stampOf,
  withHistory,
} from '../src/mirror/history.js';
import type { PlannedRef } from '../src/mirror/plan.js';
import { readSettings, SettingsError } from '../src/settings/index.js';

const sha = (label: string): string => label.repeat(40).slice(0, 40);
const A = sha('a');
const B = sha('b');
const C = sha('c');
const X = sha('e');
// a ← b ← c; b ← x
const PARENT: Record<string, string | undefined> = { [B]: A, [C]: B, [X]: B };
async function isAncestor(ancestor: string, descendant: string): Promise<boolean> {
  for (let at: string | undefined = descendant; at; at = PARENT[at]) if (at === ancestor) return true;
  return false;
}

describe('the stamp', () => {
  it('is the run start in UTC as YYYYMMDDTHHMMSSZ', () => {
    expect(historyStamp(new Date('2026-12-07T09:05:03.789Z'))).toBe('20261207T090503Z');
    expect(historyStamp(new Date(Date.UTC(2020, 0, 1, 0, 0, 0)))).toBe('20200101T000000Z');
  });

  it('reads back to the same second, and refuses anything else', () => {
    expect(parseStamp('20200101T000000Z')?.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    for (const bad of ['20200230T000000Z', '2020-01-01', '20200101T000000', 'x20200101T000000Z', '20201301T000000Z']) {
      expect(parseStamp(bad)).toBeUndefined();
    }
  });

  it('names the history ref in both layouts, and is found again in the name', () => {
    const stamp = '20261207T090503Z';
    expect(historyRefName('refs/heads/feature/x', stamp, 'refs')).toBe(
      'refs/mirror-history/20261207T090503Z/heads/feature/x',
    );
    expect(historyRefName('refs/tags/v1', stamp, 'tags')).toBe('refs/tags/mirror-history/20261207T090503Z/tags/v1');
    expect(stampOf('refs/mirror-history/20261207T090503Z/heads/feature/x')).toBe(stamp);
    expect(stampOf('refs/tags/mirror-history/20261207T090503Z/tags/v1')).toBe(stamp);
    expect(stampOf('refs/heads/main')).toBeUndefined();
  });
});

describe('replaced tips', () => {
  const plan: PlannedRef[] = [
    { ref: 'refs/heads/ff', kind: 'update', from: A, to: C, expect: A },
    { ref: 'refs/heads/forced', kind: 'update', from: X, to: C, expect: X },
    { ref: 'refs/heads/gone', kind: 'delete', from: B, expect: B },
    { ref: 'refs/heads/new', kind: 'create', to: C },
    { ref: 'refs/heads/left', kind: 'diverged', from: X, to: C },
    { ref: 'refs/tags/v1', kind: 'update', from: A, to: C, expect: A },
    { ref: 'refs/tags/old', kind: 'delete', from: A, expect: A },
  ];

  it('are deletes and moves to a commit that does not contain the old tip; fast-forwards and creations keep nothing', async () => {
    expect(await replacedTips(plan, isAncestor)).toEqual([
      { ref: 'refs/heads/forced', from: X, kind: 'force-move' },
      { ref: 'refs/heads/gone', from: B, kind: 'delete' },
      // A moved tag loses its old tip even when the new commit contains it.
      { ref: 'refs/tags/v1', from: A, kind: 'force-move' },
      { ref: 'refs/tags/old', from: A, kind: 'delete' },
    ]);
  });

  it('are kept by new refs, each pushed right before the change that replaces it, expired refs last', async () => {
    const replaced = await replacedTips(plan, isAncestor);
    const keep = keepUpdates(replaced, '20261207T090503Z', 'refs');
    expect(keep[0]).toEqual({ ref: 'refs/mirror-history/20261207T090503Z/heads/forced', to: X });
    expect(keep[0].expect).toBeUndefined();
    const writes = plan
      .filter((action) => action.kind !== 'diverged')
      .map((action) => ({ ref: action.ref, to: action.to, expect: action.expect }));
    const expired = [{ ref: 'refs/mirror-history/20200101T000000Z/heads/x', expect: A }];
    const ordered = withHistory(writes, replaced, keep, expired).map((update) => update.ref);
    expect(ordered).toEqual([
      'refs/heads/ff',
      'refs/mirror-history/20261207T090503Z/heads/forced',
      'refs/heads/forced',
      'refs/mirror-history/20261207T090503Z/heads/gone',
      'refs/heads/gone',
      'refs/heads/new',
      'refs/mirror-history/20261207T090503Z/tags/v1',
      'refs/tags/v1',
      'refs/mirror-history/20261207T090503Z/tags/old',
      'refs/tags/old',
      'refs/mirror-history/20200101T000000Z/heads/x',
    ]);
  });
});

describe('retention', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const history = new Map([
    ['refs/mirror-history/20200101T000000Z/heads/main', A],
    ['refs/tags/mirror-history/20200101T000000Z/tags/v1', B],
    ['refs/mirror-history/20261201T000000Z/heads/main', C],
    ['refs/mirror-history/not-a-stamp/heads/main', X],
  ]);

  it('deletes history refs older than history-days by their stamp, leasing on the value seen', () => {
    expect(expiredHistory(history, now, 90)).toEqual([
      { ref: 'refs/mirror-history/20200101T000000Z/heads/main', expect: A },
      { ref: 'refs/tags/mirror-history/20200101T000000Z/tags/v1', expect: B },
    ]);
    expect(expiredHistory(history, now, 3).map((update) => update.ref)).toContain(
      'refs/mirror-history/20261201T000000Z/heads/main',
    );
  });

  it('keeps everything with history-days 0, and never deletes a name without a stamp', () => {
    expect(expiredHistory(history, now, 0)).toEqual([]);
    expect(expiredHistory(history, now, 1).map((update) => update.ref)).not.toContain(
      'refs/mirror-history/not-a-stamp/heads/main',
    );
  });
});

describe('the guard', () => {
  const target = new Map<string, string>();
  for (let i = 0; i < 14; i++) target.set(`refs/heads/b${i}`, A);
  target.set('refs/tags/v1', A);
  const deletes = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ ref: `refs/heads/b${i}`, from: A, kind: 'delete' as const }));

  it('counts deleted branches, deleted tags and force-moves', () => {
    const counts = countDestructive([
      ...deletes(2),
      { ref: 'refs/tags/v1', from: A, kind: 'delete' },
      { ref: 'refs/heads/x', from: X, kind: 'force-move' },
    ]);
    expect(counts).toEqual({ deletedBranches: 2, deletedTags: 1, forceMoved: 1 });
    expect(describeCounts(counts)).toBe('would delete 2 branches and 1 tag, force-move 1');
  });

  it('holds more than destructive-limit, not the limit itself', () => {
    const twelve = deletes(12);
    const after = refsAfter(
      target,
      twelve.map(({ ref }) => ({ ref })),
    );
    const held = guardVerdict({ replaced: twelve, target, after, limit: 10 });
    expect(held.held).toBe(true);
    expect(held.reason).toMatch(/^would delete 12 branches, force-move 0/);
    const ten = deletes(10);
    expect(guardVerdict({ replaced: ten, target, after: refsAfter(target, ten), limit: 10 }).held).toBe(false);
  });

  it('holds a run that deletes every branch, even below the limit; none disables it', () => {
    const small = new Map([
      ['refs/heads/main', A],
      ['refs/heads/dev', B],
    ]);
    const replaced = [
      { ref: 'refs/heads/main', from: A, kind: 'delete' as const },
      { ref: 'refs/heads/dev', from: B, kind: 'delete' as const },
    ];
    const after = refsAfter(small, replaced);
    const verdict = guardVerdict({ replaced, target: small, after, limit: 10 });
    expect(verdict.held).toBe(true);
    expect(verdict.reason).toContain('every branch');
    expect(guardVerdict({ replaced, target: small, after, limit: undefined }).held).toBe(false);
  });

  it('never holds a repository whose target was empty, nor creations and fast-forwards', () => {
    expect(guardVerdict({ replaced: [], target: new Map(), after: new Map(), limit: 0 }).held).toBe(false);
    expect(guardVerdict({ replaced: [], target, after: target, limit: 0 }).held).toBe(false);
  });

  it('is released by accept naming the repository (any case) or *', () => {
    expect(isAccepted(['api', 'Web'], 'web')).toBe(true);
    expect(isAccepted(['*'], 'anything')).toBe(true);
    expect(isAccepted(['api'], 'web')).toBe(false);
    expect(isAccepted(undefined, 'web')).toBe(false);
  });
});

describe('the inputs', () => {
  const BASE = {
    MIRROR_SOURCE_TYPE: 'github',
    MIRROR_SOURCE_OWNER: 'acme',
    MIRROR_SOURCE_TOKEN: 'src-token',
    MIRROR_TARGET_TYPE: 'gitlab',
    MIRROR_TARGET_OWNER: 'mirrors',
    MIRROR_TARGET_TOKEN: 'tgt-token',
  };
  const read = (env: Record<string, string>) => readSettings({ argv: [], env: { ...BASE, ...env } });
  const errorOf = (env: Record<string, string>): string => {
    try {
      read(env);
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      return (error as Error).message;
    }
    throw new Error('expected a SettingsError');
  };

  it('default to keeping history 90 days and a limit of 10', () => {
    const settings = read({});
    expect(settings.keepHistory).toBe(true);
    expect(settings.historyDays).toBe(90);
    expect(settings.destructiveLimit).toBe(10);
    expect(settings.accept).toBeUndefined();
  });

  it('read none, 0, false and a list', () => {
    const settings = read({
      MIRROR_DESTRUCTIVE_LIMIT: 'none',
      MIRROR_HISTORY_DAYS: '0',
      MIRROR_KEEP_HISTORY: 'false',
      MIRROR_ACCEPT: 'api, web\nlib',
    });
    expect(settings.destructiveLimit).toBeNull();
    expect(settings.historyDays).toBe(0);
    expect(settings.keepHistory).toBe(false);
    expect(settings.accept).toEqual(['api', 'web', 'lib']);
    expect(read({ MIRROR_MODE: 'preview', MIRROR_ACCEPT: '*' }).accept).toEqual(['*']);
  });

  it.each<[Record<string, string>, string]>([
    [
      { MIRROR_DESTRUCTIVE_LIMIT: '-1' },
      "Invalid destructive-limit '-1'. Expected a whole number of refs, 0 or more, or none.",
    ],
    [
      { MIRROR_DESTRUCTIVE_LIMIT: '2.5' },
      "Invalid destructive-limit '2.5'. Expected a whole number of refs, 0 or more, or none.",
    ],
    [
      { MIRROR_HISTORY_DAYS: 'forever' },
      "Invalid history-days 'forever'. Expected a whole number of days, 0 or more (0 keeps them forever).",
    ],
    [{ MIRROR_HISTORY_DAYS: '-5' }, "Invalid history-days '-5'"],
    [{ MIRROR_KEEP_HISTORY: 'maybe' }, "Invalid keep-history 'maybe'"],
    [{ MIRROR_MODE: 'check', MIRROR_ACCEPT: 'api' }, "Invalid accept 'api'"],
    [{ MIRROR_MODE: 'remove', MIRROR_ACCEPT: '*' }, 'Expected mode sync or preview with it (mode is remove).'],
  ])('refuses %j in one line', (env, expected) => {
    const message = errorOf(env);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('end the run with exit code 2 before any network call', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'history-input-'));
    const writes: string[] = [];
    const streams = [process.stdout, process.stderr] as const;
    const originals = streams.map((stream) => stream.write);
    for (const stream of streams) {
      stream.write = ((chunk: string | Uint8Array) => {
        writes.push(String(chunk));
        return true;
      }) as typeof stream.write;
    }
    try {
      // Hosts that do not exist: any request would fail differently and later than the settings check.
      const env = {
        ...BASE,
        MIRROR_SOURCE_URL: 'http://127.0.0.1:9',
        MIRROR_TARGET_URL: 'http://127.0.0.1:9',
        MIRROR_MODE: 'check',
        MIRROR_ACCEPT: 'api',
        MIRROR_CACHE_DIR: path.join(dir, 'cache'),
        PATH: process.env.PATH,
      };
      const code = await run({ argv: [], env });
      expect(code).toBe(2);
      expect(writes.join('')).toContain("Invalid accept 'api'");
      expect(writes.join('')).not.toMatch(/selected|listing|127\.0\.0\.1/);
    } finally {
      streams.forEach((stream, index) => (stream.write = originals[index]));
      process.exitCode = 0;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
