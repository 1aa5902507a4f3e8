/** The result data of a run: produced by the engine, written by the report writers. */
import type { ErrorKind } from '../errors.js';
import type { Health } from '../mirror/health.js';

export type RepoStatus =
  // sync
  | 'created'
  | 'updated'
  | 'up-to-date'
  | 'diverged'
  | 'failed'
  // a repository that keeps failing, not tried this run (health backoff); counts as failed
  | 'backing-off'
  | 'skipped'
  | 'orphaned'
  /** The destruction guard kept the run from writing (sync, preview and check alike). */
  | 'held'
  // `enabled: false` in the configuration file (a repository, or a whole mirror)
  | 'disabled'
  // preview plan
  | 'create'
  | 'update'
  // check
  | 'in-sync'
  | 'behind'
  | 'missing'
  | 'empty'
  | 'unavailable'
  // remove / install-hooks
  | 'unprotected'
  | 'hook-created'
  | 'hook-updated'
  | 'hook-unchanged';

export type RefActionKind = 'create' | 'update' | 'force-update' | 'delete' | 'diverged';

export interface RefAction {
  /** Full ref name: refs/heads/x or refs/tags/y. */
  ref: string;
  kind: RefActionKind;
  /** Value on the target before (undefined when absent). */
  from?: string;
  /** Value to write (undefined for delete / diverged). */
  to?: string;
  /** Set when the action was attempted and failed (e.g. lease rejected). */
  error?: string;
  /** The kind of that failure: `push-refused` (protection, hook), `conflict` (a lease that no longer held). */
  errorKind?: ErrorKind;
}

export interface RepoResult {
  /** With a configuration file: the id of the mirror the repository belongs to. */
  mirror?: string;
  /** Source path under the owner namespace. */
  name: string;
  /** Target repository name/path. */
  target?: string;
  status: RepoStatus;
  /** Why skipped / failed / unavailable / diverged / orphaned. */
  reason?: string;
  /** For a failed or unavailable repository: the kind of failure (src/errors.ts), decided where it was born. */
  kind?: ErrorKind;
  /** What to do about it, when the engine knows better than the status's generic advice (e.g. orphans). */
  next?: string;
  refs: RefAction[];
  durationMs: number;
  /** Things worth knowing that are not failures, e.g. a wiki the target cannot hold. */
  notes?: string[];
  /** The repository's wiki, when `wikis` is on and the source has one: its own status, reason and ref actions. */
  wiki?: WikiResult;
  /** Health over time (sync, check and preview, once a sync has recorded it): see mirror/health.ts. */
  health?: Health;
  /** Start of the current unhealthy streak. */
  failingSince?: string;
  /** Runs in a row the streak has lasted. */
  consecutiveFailures?: number;
  /** Last run that left the repository healthy. */
  lastSuccess?: string;
  /** backing-off: the full run it will be tried again (numbered in the mirror's health file). */
  nextAttemptRun?: number;
}

export interface WikiResult {
  status: RepoStatus;
  reason?: string;
  /** For a failed or unavailable wiki: the kind of failure. */
  kind?: ErrorKind;
  refs: RefAction[];
}

export interface RunReport {
  version: 1;
  mode: string;
  source: { type: string; url: string; owner: string };
  target: { type: string; url: string; owner: string };
  startedAt: string;
  durationMs: number;
  counts: Record<string, number>;
  repos: RepoResult[];
  /** Set when the whole run failed before acting (e.g. listing error). */
  error?: string;
  /** What `filter` and `exclude` matched, when the run got as far as the listing. */
  selection?: SelectionReport;
  /**
   * With a configuration file: one section per mirror, in the file's order (`repos` holds every mirror's repositories,
   * each with its `mirror` id; `counts` are totals). `source` and `target` above are the first mirror's.
   */
  mirrors?: MirrorSection[];
}

/** One mirror of a run with a configuration file. */
export interface MirrorSection {
  id: string;
  /** `false`: the mirror has `enabled: false`: nothing was requested for it. */
  enabled: boolean;
  source: { type: string; url: string; owner: string };
  target: { type: string; url: string; owner: string };
  durationMs: number;
  counts: Record<string, number>;
  /** Set when this mirror failed before acting (e.g. its listing failed); the other mirrors ran. */
  error?: string;
  selection?: SelectionReport;
}

export interface PatternMatch {
  /** The pattern as given (matched against the whole name). */
  pattern: string;
  /** Repositories whose name it matched, out of `SelectionReport.listed`. */
  matched: number;
}

export interface SelectionReport {
  /** Repositories the filters were applied to: the listing (or the repositories a `repositories` list / event named). */
  listed: number;
  filter: PatternMatch;
  exclude?: PatternMatch;
}
