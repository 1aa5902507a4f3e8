import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import type { RepoResult, RepoStatus, RunReport } from './model.js';

/** The counts published as Action outputs (SPEC "Outputs"), always present, `0` when none. */
export const OUTPUT_STATUSES = [
  'created',
  'updated',
  'up-to-date',
  'diverged',
  'failed',
  'skipped',
  'orphaned',
  'held',
] as const;

/** Order in which statuses are listed in headlines and tables: problems first, then changes, then the rest. */
export const STATUS_ORDER: readonly RepoStatus[] = [
  'failed',
  'backing-off',
  'unavailable',
  'diverged',
  'held',
  'created',
  'create',
  'updated',
  'update',
  'behind',
  'missing',
  'unprotected',
  'hook-created',
  'hook-updated',
  'up-to-date',
  'in-sync',
  'hook-unchanged',
  'empty',
  'skipped',
  'disabled',
  'orphaned',
];

/**
 * Statuses that make the run fail (exit 1). `unavailable` (mode check could not read a repository) counts as failed;
 * `backing-off` (a repository that keeps failing) and `held` (the destruction guard) too; `diverged` only with
 * `on-divergence: fail`.
 */
export function isFailing(status: RepoStatus, onDivergence: Settings['onDivergence']): boolean {
  return (
    status === 'failed' ||
    status === 'backing-off' ||
    status === 'unavailable' ||
    status === 'held' ||
    (status === 'diverged' && onDivergence === 'fail')
  );
}

/** Number of repositories per status, only the statuses that occur, in STATUS_ORDER. */
export function countByStatus(repos: readonly RepoResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of STATUS_ORDER) {
    const count = repos.filter((repo) => repo.status === status).length;
    if (count > 0) counts[status] = count;
  }
  return counts;
}

export interface RefCounts {
  created: number;
  updated: number;
  deleted: number;
  diverged: number;
}

/** Ref actions of one repository by kind; forced and fast-forward updates both count as updated. */
export function refCountsOf(repo: RepoResult): RefCounts {
  const counts: RefCounts = { created: 0, updated: 0, deleted: 0, diverged: 0 };
  for (const ref of repo.refs) {
    if (ref.kind === 'create') counts.created++;
    else if (ref.kind === 'update' || ref.kind === 'force-update') counts.updated++;
    else if (ref.kind === 'delete') counts.deleted++;
    else counts.diverged++;
  }
  return counts;
}

/** `1.2 s`, `45.0 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** `3 created, 12 updated, 320 up-to-date` (statuses that occur, in STATUS_ORDER). */
export function countsText(repos: readonly RepoResult[]): string {
  return Object.entries(countByStatus(repos))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
}

/** The last log line: `org-mirror sync: 340 repositories in 1 min 2 s: 3 created, 12 updated, 325 up-to-date`. */
export function summaryLine(report: RunReport): string {
  const head = `org-mirror ${report.mode}`;
  if (report.error) return `${head} failed: ${report.error}`;
  const total = report.repos.length;
  const repos = `${total} ${total === 1 ? 'repository' : 'repositories'} in ${formatDuration(report.durationMs)}`;
  return total === 0 ? `${head}: ${repos}` : `${head}: ${repos}: ${countsText(report.repos)}`;
}

/** Action outputs: the eight counts (SPEC "Outputs") and `report`, the JSON report's path. */
export function setOutputs(runtime: Pick<Runtime, 'setOutput'>, report: RunReport, reportFile: string): void {
  for (const status of OUTPUT_STATUSES) {
    runtime.setOutput(status, String(report.repos.filter((repo) => repo.status === status).length));
  }
  runtime.setOutput('report', reportFile);
}

/**
 * 0: all good. 1: the run errored (e.g. the listing failed), or a repository failed / was unavailable, or diverged
 * with `on-divergence: fail`. (2, bad configuration, is decided before any report exists.)
 */
export function exitCodeOf(report: RunReport, settings: Pick<Settings, 'onDivergence'>): 0 | 1 {
  if (report.error || report.mirrors?.some((mirror) => mirror.error)) return 1;
  return report.repos.some((repo) => isFailing(repo.status, settings.onDivergence)) ? 1 : 0;
}
