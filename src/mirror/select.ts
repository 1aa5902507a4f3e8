/**
 * Which source repositories this run mirrors: filters on the whole name, exclusions, forks, archived, the
 * `repositories` list, the event hint, and the shard. Deterministic: the same listing always gives the same selection.
 */
import { createHash } from 'node:crypto';

import type { RepoInfo } from '../hosts/host.js';
import type { PatternMatch, SelectionReport } from '../report/model.js';
import type { Settings, Shard } from '../settings/settings.js';

export interface Skip {
  repo: RepoInfo;
  reason: string;
}

/** Why a repository is not selected by the filters, or undefined when it is. */
export function skipReason(repo: RepoInfo, settings: Settings): string | undefined {
  if (!settings.filter.test(repo.name)) return `name does not match filter ${settings.filter.source}`;
  if (settings.exclude?.test(repo.name)) return `name matches exclude ${settings.exclude.source}`;
  if (repo.fork && !settings.includeForks) return 'fork (include-forks is false)';
  if (repo.archived && !settings.includeArchived) return 'archived (include-archived is false)';
  return undefined;
}

export function applyFilters(repos: RepoInfo[], settings: Settings): { selected: RepoInfo[]; skipped: Skip[] } {
  const selected: RepoInfo[] = [];
  const skipped: Skip[] = [];
  for (const repo of repos) {
    const reason = skipReason(repo, settings);
    if (reason) skipped.push({ repo, reason });
    else selected.push(repo);
  }
  return { selected, skipped };
}

/** Repositories named in `repositories` (by name or path, case-insensitive), and the names that matched nothing. */
export function pickNamed(repos: RepoInfo[], names: string[]): { picked: RepoInfo[]; unknown: string[] } {
  const wanted = new Map(names.map((name) => [name.toLowerCase(), name]));
  const found = new Set<string>();
  const picked = repos.filter((repo) => {
    for (const key of [repo.name.toLowerCase(), repo.path.toLowerCase()]) {
      if (wanted.has(key)) {
        found.add(key);
        return true;
      }
    }
    return false;
  });
  const unknown = [...wanted].filter(([key]) => !found.has(key)).map(([, name]) => name);
  return { picked, unknown };
}

/** Shard of a repository (1-based): a stable hash of its path, so every job of a matrix agrees. */
export function shardOf(path: string, count: number): number {
  const digest = createHash('sha256').update(path.toLowerCase()).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(repo: RepoInfo, shard: Shard | undefined): boolean {
  return !shard || shardOf(repo.path, shard.count) === shard.index;
}

export function byPath(a: RepoInfo, b: RepoInfo): number {
  const left = a.path.toLowerCase();
  const right = b.path.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** How many of `repos` the `filter` and the `exclude` each matched (each on its own, against every listed name). */
export function selectionCounts(repos: RepoInfo[], settings: Settings): SelectionReport {
  const count = (regex: RegExp): PatternMatch => ({
    pattern: patternOf(regex),
    matched: repos.filter((repo) => regex.test(repo.name)).length,
  });
  return {
    listed: repos.length,
    filter: count(settings.filter),
    ...(settings.exclude ? { exclude: count(settings.exclude) } : {}),
  };
}

/**
 * A hint for a pattern that matched no name as a whole but would as a search (`^skip-` for `skip-me`): the pattern
 * was most likely meant the other way.
 */
export function wholeNameHint(name: 'filter' | 'exclude', regex: RegExp, repos: RepoInfo[]): string | undefined {
  const pattern = patternOf(regex);
  let search: RegExp;
  try {
    search = new RegExp(pattern);
  } catch {
    return undefined;
  }
  const searchMatches = repos.filter((repo) => search.test(repo.name)).length;
  if (searchMatches === 0 || repos.some((repo) => regex.test(repo.name))) return undefined;
  return (
    `${name} '${pattern}' matched no repository name: patterns match the whole name, and as a search it would match ` +
    `${searchMatches}; add '.*' where more of the name may follow or precede`
  );
}

/** The pattern as the user wrote it: settings compile it anchored, `^(?:…)$`. */
function patternOf(regex: RegExp): string {
  const match = /^\^\(\?:([\s\S]*)\)\$$/.exec(regex.source);
  return match ? match[1] : regex.source;
}
