/**
 * Health over time (SPEC "Health over time"): per repository, the health of its last attempt, when its current streak
 * of that health began, how many runs it lasted and when the repository last synced cleanly; the backoff schedule of
 * a repository that keeps failing; and the changes a run made to health, for notifications and the status issue.
 * Pure functions over plain data: the file that keeps it is `health-store.ts`.
 */
import type { RepoResult } from '../report/model.js';

export const HEALTHS = ['healthy', 'failing', 'diverged', 'held', 'orphaned'] as const;
export type Health = (typeof HEALTHS)[number];

/** Failed runs in a row after which a repository is tried less often. */
export const BACKOFF_AFTER = 3;
export const DEFAULT_BACKOFF_MAX = 12;

export interface RepoHealth {
  health: Health;
  /** Start of the current unhealthy streak (ISO-8601); absent when healthy. */
  since?: string;
  /** Runs in a row that ended in this (unhealthy) health; 0 when healthy. */
  consecutiveFailures: number;
  /** Last run that left the repository healthy. */
  lastSuccess?: string;
  /** Why, as said by the run that began the streak (kept so the status issue does not change while health does not). */
  reason?: string;
  /** The CI run where the streak began. */
  runUrl?: string;
  /** Number of the full run of the last attempt (see HealthFile.fullRuns). */
  lastAttemptRun?: number;
}

/** One mirror's (and shard's) health: `cache-dir/health/<hash>.json`. */
export interface HealthFile {
  version: 1;
  /** Full runs so far (runs not limited to named repositories): backoff counts in these. */
  fullRuns: number;
  repos: Record<string, RepoHealth>;
  /** The run's own failure (listing, lock…): the mirror as a whole. */
  run?: RepoHealth;
  /** The status issue last written: its number on the issue host, and whether it exists at all. */
  statusIssue?: { number?: number; host: string };
}

export interface HealthChange {
  repository: string;
  /** Absent on the first run (nothing known before). */
  from?: Health;
  to: Health;
  reason?: string;
  failingSince?: string;
}

/** What a run adds to a repository's report entry. */
export interface StreakFields {
  health?: Health;
  failingSince?: string;
  consecutiveFailures?: number;
  lastSuccess?: string;
  /** backing-off: the full run (HealthFile.fullRuns numbering) it will be tried again, and how many runs from now. */
  nextAttemptRun?: number;
}

/** The name a repository's health is kept under: `repositories` names and events give the source path too. */
export const RUN_ENTRY = '(run)';

/** Health of a sync result; undefined for statuses that say nothing about it (skipped, backing-off, preview/check). */
export function healthOf(status: string): Health | undefined {
  switch (status) {
    case 'created':
    case 'updated':
    case 'up-to-date':
      return 'healthy';
    case 'failed':
      return 'failing';
    case 'diverged':
      return 'diverged';
    case 'held':
      return 'held';
    case 'orphaned':
      return 'orphaned';
    default:
      return undefined;
  }
}

export function needsAttention(health: Health): boolean {
  return health !== 'healthy';
}

/**
 * Full runs to wait after the last attempt: 1 (every run) up to BACKOFF_AFTER failures in a row, then 2, 4, 8 … at
 * most `max` (0 or 1: every run).
 */
export function backoffInterval(consecutiveFailures: number, max: number): number {
  if (consecutiveFailures < BACKOFF_AFTER || max <= 1) return 1;
  const exponent = consecutiveFailures - BACKOFF_AFTER + 1;
  return exponent >= 30 ? max : Math.min(2 ** exponent, max);
}

/** The full run a failing repository is tried next; undefined when it is tried on every run. */
export function nextAttemptRun(entry: RepoHealth | undefined, max: number): number | undefined {
  if (!entry || entry.health !== 'failing' || entry.lastAttemptRun === undefined) return undefined;
  const interval = backoffInterval(entry.consecutiveFailures, max);
  return interval > 1 ? entry.lastAttemptRun + interval : undefined;
}

/** Whether full run number `run` attempts the repository (a run naming it always does: not decided here). */
export function isDue(entry: RepoHealth | undefined, run: number, max: number): boolean {
  const next = nextAttemptRun(entry, max);
  return next === undefined || run >= next;
}

export interface RunFacts {
  now: string;
  /** Counted in `fullRuns`: not limited to named repositories. */
  fullRun: boolean;
  /** The listing was complete: repositories no longer in the results are forgotten. */
  complete: boolean;
  runUrl?: string;
  /** The run's own error (nothing attempted). */
  error?: string;
}

export interface HealthUpdate {
  file: HealthFile;
  changes: HealthChange[];
}

export function emptyHealthFile(): HealthFile {
  return { version: 1, fullRuns: 0, repos: {} };
}

/** The next entry of a repository whose attempt ended in `health`. */
export function nextEntry(
  previous: RepoHealth | undefined,
  health: Health,
  facts: RunFacts,
  reason: string | undefined,
  run: number,
): RepoHealth {
  if (health === 'healthy') return { health, consecutiveFailures: 0, lastSuccess: facts.now, lastAttemptRun: run };
  const continues = previous?.health === health;
  const entry: RepoHealth = {
    health,
    since: continues ? (previous.since ?? facts.now) : facts.now,
    consecutiveFailures: continues ? previous.consecutiveFailures + 1 : 1,
    lastAttemptRun: run,
  };
  if (previous?.lastSuccess) entry.lastSuccess = previous.lastSuccess;
  const firstReason = continues ? previous.reason : reason;
  if (firstReason) entry.reason = oneLine(firstReason);
  const runUrl = continues ? previous.runUrl : facts.runUrl;
  if (runUrl) entry.runUrl = runUrl;
  return entry;
}

/**
 * The health after a sync run, and what changed. Repositories the run did not attempt (backing off, skipped, or not
 * named) keep their entry; after a complete listing, entries of repositories no longer selected are dropped. The
 * first run (no file before) reports the unhealthy repositories as changes.
 */
export function updateHealth(
  previous: HealthFile | undefined,
  results: readonly RepoResult[],
  facts: RunFacts,
): HealthUpdate {
  const before = previous ?? emptyHealthFile();
  const run = before.fullRuns + (facts.fullRun ? 1 : 0);
  const file: HealthFile = { version: 1, fullRuns: run, repos: facts.complete ? {} : { ...before.repos } };
  if (before.statusIssue) file.statusIssue = before.statusIssue;
  const changes: HealthChange[] = [];
  const note = (repository: string, was: RepoHealth | undefined, now: RepoHealth) => {
    // A repository seen for the first time is news only when it needs attention.
    const changed = was ? was.health !== now.health : needsAttention(now.health);
    if (!changed) return;
    const change: HealthChange = { repository, to: now.health };
    if (was) change.from = was.health;
    if (now.reason) change.reason = now.reason;
    if (now.since) change.failingSince = now.since;
    changes.push(change);
  };

  for (const result of results) {
    const was = before.repos[result.name];
    const health = healthOf(result.status);
    if (health === undefined) {
      if (was && result.status === 'backing-off') file.repos[result.name] = was;
      continue;
    }
    const entry = nextEntry(was, health, facts, result.reason, run);
    file.repos[result.name] = entry;
    note(result.name, was, entry);
  }

  if (facts.error) {
    file.run = nextEntry(before.run, 'failing', facts, facts.error, run);
    file.repos = { ...before.repos };
    note(RUN_ENTRY, before.run, file.run);
  } else if (before.run) {
    note(RUN_ENTRY, before.run, { health: 'healthy', consecutiveFailures: 0, lastSuccess: facts.now });
  }
  return { file, changes };
}

/** The report fields of a repository's entry (and, backing off, when it is tried next). */
export function streakFields(entry: RepoHealth | undefined, backoffMax: number): StreakFields {
  if (!entry) return {};
  const fields: StreakFields = { health: entry.health };
  if (entry.since) fields.failingSince = entry.since;
  if (entry.consecutiveFailures) fields.consecutiveFailures = entry.consecutiveFailures;
  if (entry.lastSuccess) fields.lastSuccess = entry.lastSuccess;
  const next = nextAttemptRun(entry, backoffMax);
  if (next !== undefined) fields.nextAttemptRun = next;
  return fields;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `3 Dec` (this year) or `3 Dec 2025`, in UTC. */
export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return date.getUTCFullYear() === now.getUTCFullYear() ? day : `${day} ${date.getUTCFullYear()}`;
}

/** `failing since 3 Dec, 12 runs` for an unhealthy streak; undefined otherwise. */
export function describeStreak(fields: StreakFields, now = new Date()): string | undefined {
  if (!fields.health || fields.health === 'healthy' || !fields.failingSince) return undefined;
  const runs = fields.consecutiveFailures ?? 1;
  return `${fields.health} since ${shortDate(fields.failingSince, now)}, ${runs} run${runs === 1 ? '' : 's'}`;
}

/** Why a repository is not tried this run, with when it will be. */
export function backingOffReason(entry: RepoHealth, run: number, max: number): string {
  const next = nextAttemptRun(entry, max) ?? run;
  const inRuns = Math.max(1, next - run);
  return (
    `backing off after ${entry.consecutiveFailures} failed runs in a row: tried again in ${inRuns} full ` +
    `run${inRuns === 1 ? '' : 's'} (run ${next}), or at once by a run naming it` +
    (entry.reason ? `; failing with: ${entry.reason}` : '')
  );
}

function oneLine(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
