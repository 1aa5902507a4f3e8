/**
 * Selection (src/mirror/select.ts) and target naming (src/mirror/names.ts), with settings read the way users give
 * them (readSettings), so that `filter` / `exclude` are tested as the product compiles them.
 */
import { describe, expect, test } from '@jest/globals';

import type { RepoInfo } from '../src/hosts/host.js';
import { mapNames, nameKey, refuseHostileNames, targetPathFor } from '../src/mirror/names.js';
import {
  applyFilters,
  byPath,
  inShard,
  pickNamed,
  selectionCounts,
  shardOf,
  skipReason,
  wholeNameHint,
} from '../src/mirror/select.js';
import { readSettings, type Settings } from '../src/settings/index.js';

function settings(extra: Record<string, string> = {}): Settings {
  return readSettings({
    argv: [],
    env: {
      MIRROR_SOURCE_TYPE: 'github',
      MIRROR_SOURCE_OWNER: 'acme',
      MIRROR_TARGET_TYPE: 'gitlab',
      MIRROR_TARGET_OWNER: 'mirrors',
      MIRROR_TARGET_TOKEN: 'glpat-unit-test-token',
      ...extra,
    },
  });
}

function repo(repoPath: string, extra: Partial<RepoInfo> = {}): RepoInfo {
  const name = repoPath.split('/').pop() ?? repoPath;
  return {
    id: `id-${repoPath}`,
    name,
    path: repoPath,
    cloneUrl: `https://example.test/acme/${repoPath}.git`,
    webUrl: `https://example.test/acme/${repoPath}`,
    visibility: 'private',
    fork: false,
    archived: false,
    ...extra,
  };
}

const names = (repos: RepoInfo[]): string[] => repos.map((r) => r.path);

describe('filters', () => {
  const listing = [
    repo('api'),
    repo('rapid'),
    repo('api-server'),
    repo('web'),
    repo('forked', { fork: true }),
    repo('old', { archived: true }),
    repo('platform/api-gateway'),
  ];

  test('filter must match the whole repository name, not a part of it and not the path', () => {
    const { selected, skipped } = applyFilters(listing, settings({ MIRROR_FILTER: 'api' }));
    expect(names(selected)).toEqual(['api']);
    expect(skipped.find((skip) => skip.repo.name === 'rapid')?.reason).toMatch(/does not match filter/);
    // The name of a subgroup project is its last segment: `platform/.*` matches no name.
    expect(names(applyFilters(listing, settings({ MIRROR_FILTER: 'platform/.*' })).selected)).toEqual([]);
    expect(names(applyFilters(listing, settings({ MIRROR_FILTER: 'api.*' })).selected)).toEqual([
      'api',
      'api-server',
      'platform/api-gateway',
    ]);
    // A whole-name match even with alternation: `api|web` is not `^api|web$`.
    expect(names(applyFilters(listing, settings({ MIRROR_FILTER: 'api|web' })).selected)).toEqual(['api', 'web']);
  });

  test('exclude is a whole-name match too, and says why', () => {
    const { selected, skipped } = applyFilters(listing, settings({ MIRROR_EXCLUDE: 'api' }));
    expect(names(selected)).toContain('rapid');
    expect(names(selected)).toContain('api-server');
    expect(names(selected)).not.toContain('api');
    expect(skipped).toEqual([{ repo: listing[0], reason: expect.stringMatching(/matches exclude/) }]);
  });

  test('forks and archived repositories are included by default and skipped on request', () => {
    expect(names(applyFilters(listing, settings()).selected)).toHaveLength(listing.length);
    const noForks = settings({ MIRROR_INCLUDE_FORKS: 'false', MIRROR_INCLUDE_ARCHIVED: 'false' });
    expect(skipReason(listing[4], noForks)).toMatch(/fork/);
    expect(skipReason(listing[5], noForks)).toMatch(/archived/);
    expect(names(applyFilters(listing, noForks).selected)).not.toEqual(expect.arrayContaining(['forked']));
    expect(names(applyFilters(listing, noForks).selected)).not.toEqual(expect.arrayContaining(['old']));
    expect(skipReason(listing[0], noForks)).toBeUndefined();
  });
});

describe('repositories list', () => {
  const listing = [repo('API'), repo('web'), repo('platform/Gateway')];

  test('matches by name or by path, case-insensitively, and reports unknown names as given', () => {
    const { picked, unknown } = pickNamed(listing, ['api', 'PLATFORM/gateway', 'Nope', 'web']);
    expect(names(picked)).toEqual(['API', 'web', 'platform/Gateway']);
    expect(unknown).toEqual(['Nope']);
    expect(names(pickNamed(listing, ['gateway']).picked)).toEqual(['platform/Gateway']);
  });

  test('a name that matches nothing picks nothing', () => {
    expect(pickNamed(listing, ['ap', 'platform'])).toEqual({ picked: [], unknown: ['ap', 'platform'] });
  });
});

describe('shards', () => {
  const listing = Array.from({ length: 60 }, (_, i) => repo(i % 7 === 0 ? `group/repo-${i}` : `repo-${i}`));

  test.each([1, 2, 3, 4, 5])('with %i shard(s), every repository is in exactly one shard', (count) => {
    const counts = new Map<string, number>();
    for (let index = 1; index <= count; index++) {
      for (const r of listing.filter((candidate) => inShard(candidate, { index, count }))) {
        counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(listing.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  test('the shard of a repository is deterministic and independent of the listing order and of case', () => {
    for (const r of listing) {
      expect(shardOf(r.path, 4)).toBe(shardOf(r.path, 4));
      expect(shardOf(r.path.toUpperCase(), 4)).toBe(shardOf(r.path, 4));
      expect(shardOf(r.path, 4)).toBeGreaterThanOrEqual(1);
      expect(shardOf(r.path, 4)).toBeLessThanOrEqual(4);
    }
    const forward = listing.filter((r) => inShard(r, { index: 2, count: 3 }));
    const backward = [...listing].reverse().filter((r) => inShard(r, { index: 2, count: 3 }));
    expect(names(backward).sort()).toEqual(names(forward).sort());
    // Not everything in one shard: the split is real.
    expect(forward.length).toBeGreaterThan(5);
    expect(forward.length).toBeLessThan(40);
    expect(listing.every((r) => inShard(r, undefined))).toBe(true);
  });

  test('settings give the shard that inShard uses', () => {
    expect(settings({ MIRROR_SHARD: '2/3' }).shard).toEqual({ index: 2, count: 3 });
  });

  test('byPath sorts case-insensitively', () => {
    expect(names([repo('b'), repo('A'), repo('a-1')].sort(byPath))).toEqual(['A', 'a-1', 'b']);
  });
});

describe('target names', () => {
  test('gitlab keeps subgroup paths; flat hosts join them with -', () => {
    const sub = repo('platform/api');
    expect(targetPathFor(sub, 'gitlab')).toBe('platform/api');
    expect(targetPathFor(sub, 'github')).toBe('platform-api');
    expect(targetPathFor(sub, 'bitbucket-cloud')).toBe('platform-api');
    expect(targetPathFor(sub, 'bitbucket-server')).toBe('platform-api');
  });

  test('characters a host does not allow are replaced; Bitbucket slugs are lower case', () => {
    const odd = repo('Team/My Repo+ü.js');
    expect(targetPathFor(odd, 'github')).toBe('Team-My-Repo--.js');
    expect(targetPathFor(odd, 'bitbucket-server')).toBe('team-my-repo--.js');
    expect(targetPathFor(odd, 'bitbucket-cloud')).toBe('team-my-repo--.js');
    expect(targetPathFor(odd, 'gitlab')).toBe('Team/My Repo+ü.js');
    expect(nameKey('Team/API')).toBe('team/api');
  });

  test('two sources landing on one target name both fail as a collision; others are mapped', () => {
    const sources = [repo('platform/api'), repo('platform-api'), repo('Platform-API'), repo('web')];
    const { mapped, collisions } = mapNames(sources, 'github');
    expect(mapped.map((entry) => [entry.source.path, entry.targetPath])).toEqual([['web', 'web']]);
    expect(collisions.map((c) => c.source.path).sort()).toEqual(['Platform-API', 'platform-api', 'platform/api']);
    const first = collisions.find((c) => c.source.path === 'platform/api');
    expect(first?.targetPath).toBe('platform-api');
    expect(first?.others.sort()).toEqual(['Platform-API', 'platform-api']);
  });

  test('on a gitlab target, subgroup paths do not collide with flat names', () => {
    const { mapped, collisions } = mapNames([repo('platform/api'), repo('platform-api')], 'gitlab');
    expect(collisions).toEqual([]);
    expect(mapped.map((entry) => entry.targetPath).sort()).toEqual(['platform-api', 'platform/api']);
  });
});

describe('what the filters matched', () => {
  const listed = ['api', 'web', 'skip-a', 'skip-b', 'rapid'].map((name) => repo(name));

  test('counts each pattern against every listed name, and gives the patterns as written', () => {
    expect(selectionCounts(listed, settings({ MIRROR_FILTER: '[a-z]+', MIRROR_EXCLUDE: 'skip-.*|api' }))).toEqual({
      listed: 5,
      filter: { pattern: '[a-z]+', matched: 3 },
      exclude: { pattern: 'skip-.*|api', matched: 3 },
    });
    expect(selectionCounts(listed, settings())).toEqual({ listed: 5, filter: { pattern: '.*', matched: 5 } });
  });

  test('a pattern written as a search gets a hint; one that matches whole names, or nothing at all, does not', () => {
    const search = settings({ MIRROR_EXCLUDE: '^skip-' });
    expect(wholeNameHint('exclude', search.exclude as RegExp, listed)).toBe(
      "exclude '^skip-' matched no repository name: patterns match the whole name, and as a search it would match 2; " +
        "add '.*' where more of the name may follow or precede",
    );
    expect(wholeNameHint('filter', settings({ MIRROR_FILTER: 'pi' }).filter, listed)).toMatch(/would match 2/);
    expect(wholeNameHint('exclude', settings({ MIRROR_EXCLUDE: 'skip-.*' }).exclude as RegExp, listed)).toBeUndefined();
    expect(wholeNameHint('exclude', settings({ MIRROR_EXCLUDE: 'zzz' }).exclude as RegExp, listed)).toBeUndefined();
  });
});

describe('names a target cannot hold (name-rules.ts)', () => {
  const HOSTILE = ['..', '.', '-x', '--upload-pack=touch_pwned', 'a=b', 'line\nbreak'];
  const refusedOn = (type: Parameters<typeof mapNames>[1], paths: string[]) =>
    mapNames(
      paths.map((p) => repo(p)),
      type,
    ).refused;

  test('a GitLab target refuses every hostile name, naming the rule; valid names are mapped', () => {
    const { mapped, refused, collisions } = mapNames(
      [...HOSTILE, 'ok', 'sub/ok.v2'].map((p) => repo(p)),
      'gitlab',
    );
    expect(mapped.map((entry) => entry.targetPath).sort()).toEqual(['ok', 'sub/ok.v2']);
    expect(collisions).toEqual([]);
    const reasons = Object.fromEntries(refused.map((entry) => [entry.source.path, entry.reason]));
    expect(Object.keys(reasons).sort()).toEqual([...HOSTILE].sort());
    expect(reasons['..']).toBe('"..": repository names must not be "." or ".."');
    expect(reasons['-x']).toBe('"-x": GitLab paths must not start with "-"');
    expect(reasons['--upload-pack=touch_pwned']).toMatch(/GitLab paths may contain only non-accented letters/);
    expect(reasons['a=b']).toMatch(/GitLab paths may contain only/);
    expect(reasons['line\nbreak']).toBe(
      '"line\\nbreak": repository names must not contain control characters (such as a newline)',
    );
  });

  test('GitLab: each subgroup segment follows the path rules; .git/.atom/. endings and long paths are refused', () => {
    expect(refusedOn('gitlab', ['grp/../x'])[0].reason).toBe(
      '"grp/../x" (segment ".."): GitLab paths must not be "." or ".."',
    );
    expect(refusedOn('gitlab', ['-grp/x'])[0].reason).toMatch(/segment "-grp".*must not start with "-"/);
    for (const bad of ['x.git', 'x.atom', 'x.', 'My Repo', 'ü', 'a'.repeat(256)])
      expect(refusedOn('gitlab', [bad])).toHaveLength(1);
    expect(refusedOn('gitlab', ['_x', 'x.y', 'x-y_z', 'a'.repeat(255)])).toEqual([]);
  });

  test('GitHub: mapped names keep to [A-Za-z0-9._-]; "." / "..", control characters and >100 characters refused', () => {
    // The mapping replaces what GitHub does not allow, so "=" becomes "-"; the rest cannot be mapped into a name.
    const refused = refusedOn('github', [...HOSTILE, 'b'.repeat(101)]);
    expect(refused.map((entry) => entry.source.path).sort()).toEqual(
      ['.', '..', 'b'.repeat(101), 'line\nbreak'].sort(),
    );
    expect(refused.find((entry) => entry.source.path === 'b'.repeat(101))?.reason).toMatch(/at most 100 characters/);
  });

  test('Bitbucket Cloud: no leading, trailing or doubled "-" unless all dashes, at most 62 characters', () => {
    const reasons = refusedOn('bitbucket-cloud', ['-x', 'x-', 'a--b', 'c'.repeat(63), '---', 'a-b', '_x', '.x']).map(
      (entry) => [entry.source.path, entry.reason],
    );
    expect(reasons.map(([name]) => name)).toEqual(['-x', 'x-', 'a--b', 'c'.repeat(63)]);
    expect(reasons[0][1]).toBe(
      '"-x": Bitbucket Cloud slugs must not start or end with "-" or contain "--" (unless made of dashes only)',
    );
  });

  test('Bitbucket Server: slugs start with a letter or digit', () => {
    const refused = refusedOn('bitbucket-server', ['-x', '_x', '.x', 'a--b-', 'X1']);
    expect(refused.map((entry) => entry.source.path)).toEqual(['-x', '_x', '.x']);
    expect(refused[0].reason).toBe('"-x": Bitbucket Server slugs must start with a letter or a digit');
  });

  test('names hostile on any target are split off before the filters (a newline defeats a whole-name filter)', () => {
    const { safe, refused } = refuseHostileNames(
      ['ok', '..', 'grp/..', 'line\nbreak', 'tab\tname', ''].map((p) => repo(p)),
      'github',
    );
    expect(safe.map((entry) => entry.path)).toEqual(['ok']);
    expect(refused.map((entry) => entry.reason)).toEqual([
      '"..": repository names must not be "." or ".."',
      '"grp/..": repository names must not be "." or ".."',
      '"line\\nbreak": repository names must not contain control characters (such as a newline)',
      '"tab\\tname": repository names must not contain control characters (such as a newline)',
      '"": repository names must not be empty',
    ]);
    expect(settings().filter.test('line\nbreak')).toBe(false);
  });
});
