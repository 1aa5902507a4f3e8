/**
 * The mirror engine: source listing → selection → one job per repository, run `concurrency` at a time → report.
 * It never asks which hosts it talks to. It never acts on a partial listing (a listing error ends the run before any
 * change), and one repository's failure never stops the others.
 */
import { mkdir } from 'node:fs/promises';
import pLimit, { type LimitFunction } from 'p-limit';

import type { EventHint } from '../events/event-hint.js';
import { MirrorError, kindOf } from '../errors.js';
import { Git } from '../git/git.js';
import { createLfsCopier } from '../git/lfs.js';
import type { Host, RepoInfo } from '../hosts/host.js';
import { countByStatus, formatDuration } from '../report/counts.js';
import type { RepoResult, RunReport, SelectionReport } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import { installHooks, removeMirrors } from './admin-modes.js';
import { holdSlot, jobParallelism, TimeBudget } from './job-slots.js';
import { partitionDue } from './health-store.js';
import { acquireCacheLock } from './lock.js';
import { mapNames, nameKey, refuseHostileNames, type TargetPath } from './names.js';
import { handleOrphans, reopenMirrors } from './orphans.js';
import { isDisabled, settingsFor, targetNameOf } from './overrides.js';
import type { RepoContext, RepoJob } from './repo-context.js';
import { syncRepository } from './repo-sync.js';
import { applyFilters, byPath, inShard, pickNamed, selectionCounts, wholeNameHint, type Skip } from './select.js';
import { withSshSides, type Progress, type SshTransports } from './ssh-sides.js';
import { StateStore } from './state.js';

export interface MirrorDeps {
  source: Host;
  target: Host;
  runtime: Runtime;
  hint: EventHint;
  /** The git runner (tests count its processes). */
  git?: Git;
  /** How long a run waits for another run holding the cache (default 15 minutes). */
  lockWaitMs?: number;
  /** Time limit of one repository (default 30 minutes). */
  repoTimeoutMs?: number;
  /** The time limit of one repository by its source path, overriding `repoTimeoutMs` where it answers a number. */
  repoTimeoutFor?: (sourcePath: string) => number | undefined;
  /** `request-timeout`: a git transfer that receives no data this long is abandoned as stalled (default 60 s). */
  requestTimeoutMs?: number;
  /** Full comparison of every repository at least this often, whatever the push stamps say (default 24 h). */
  verifyIntervalMs?: number;
  redact?: (text: string) => string;
  copyLfs?: RepoContext['copyLfs'];
  /** The run's start (set by runMirror): the stamp of the history refs it writes. */
  startedAt?: Date;
  /** Job slots shared with other mirrors of the same run (multi-run.ts); default: the mirror's own. */
  slots?: JobSlots;
  /** Health backoff: a `backing-off` result for a repository not tried this run (health-store.ts). */
  defer?: (name: string, target?: string) => Promise<RepoResult | undefined>;
}

/** Ref checks and API reads run `checks` at a time; git transfers `transfers` at a time (`concurrency`). */
export interface JobSlots {
  checks: LimitFunction;
  transfers: LimitFunction;
}

export function jobSlots(concurrency: number): JobSlots {
  return { checks: pLimit(jobParallelism(concurrency)), transfers: pLimit(concurrency) };
}

interface Selection {
  jobs: TargetPath[];
  skipped: Skip[];
  failed: RepoResult[];
  /** `enabled: false` in the configuration file: nothing requested for them. */
  disabled: TargetPath[];
  /** The whole source namespace was listed (not a single-repository run). */
  complete: boolean;
  /** Web URLs of every source repository listed, to recognise orphaned mirrors. */
  sourceWebUrls: Set<string>;
  /** What `filter` and `exclude` matched. */
  counts: SelectionReport;
}

const CACHE_MODES = new Set(['sync', 'preview', 'check']);

export async function runMirror(settings: Settings, deps: MirrorDeps): Promise<RunReport> {
  const startedAt = new Date();
  const { runtime } = deps;
  if (deps.hint.kind === 'refuse') {
    runtime.warning(`Nothing to do: ${deps.hint.reason}`);
    return newReport(settings, startedAt, []);
  }
  const release = CACHE_MODES.has(settings.mode)
    ? await acquireCacheLock(settings.cacheDir, {
        waitMs: deps.lockWaitMs ?? 15 * 60_000,
        onWait: (owner) => runtime.info(`Waiting for the run holding ${settings.cacheDir} (${owner}) to finish…`),
      })
    : async () => undefined;
  try {
    const selection = await select(settings, deps);
    // install-hooks works on the source only: the target is not even read (its token may be absent).
    const targets =
      settings.mode === 'install-hooks' ? new Map<string, RepoInfo>() : await findTargets(settings, deps, selection);
    const jobs: RepoJob[] = selection.jobs.map((job) => ({ ...job, target: targets.get(nameKey(job.targetPath)) }));
    announceSelection(settings, runtime, jobs, selection);
    const done = await runMode(settings, { ...deps, startedAt }, selection, jobs, targets);
    return newReport(
      settings,
      startedAt,
      [...selection.failed, ...disabledResults(selection), ...done, ...skippedResults(selection)],
      selection.counts,
    );
  } finally {
    await release();
  }
}

function newReport(settings: Settings, startedAt: Date, repos: RepoResult[], selection?: SelectionReport): RunReport {
  return {
    version: 1,
    mode: settings.mode,
    source: { type: settings.source.type, url: settings.source.url, owner: settings.source.owner },
    target: { type: settings.target.type, url: settings.target.url, owner: settings.target.owner },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    counts: countByStatus(repos),
    repos,
    ...(selection ? { selection } : {}),
  };
}

function announceSelection(settings: Settings, runtime: Runtime, jobs: RepoJob[], selection: Selection): void {
  runtime.info(
    `${jobs.length} repositor${jobs.length === 1 ? 'y' : 'ies'} selected` +
      (selection.skipped.length ? `, ${selection.skipped.length} skipped by the filters` : '') +
      (settings.shard ? ` (shard ${settings.shard.index}/${settings.shard.count})` : ''),
  );
}

/** `enabled: false` in the configuration file: reported, nothing requested. */
function disabledResults(selection: Selection): RepoResult[] {
  return selection.disabled.map((job) => ({
    name: job.source.path,
    target: job.targetPath,
    status: 'disabled',
    reason: 'enabled: false in the configuration file',
    refs: [],
    durationMs: 0,
  }));
}

function skippedResults(selection: Selection): RepoResult[] {
  return selection.skipped.map((skip) => ({
    name: skip.repo.path,
    status: 'skipped',
    reason: skip.reason,
    refs: [],
    durationMs: 0,
  }));
}

/** What the mode does with the selected repositories: remove, install hooks, or sync / preview / check them. */
async function runMode(
  settings: Settings,
  deps: MirrorDeps,
  selection: Selection,
  jobs: RepoJob[],
  targets: Map<string, RepoInfo>,
): Promise<RepoResult[]> {
  if (settings.mode === 'remove') return removeMirrors(adminContext(settings, deps), jobs);
  if (settings.mode === 'install-hooks') {
    return installHooks(
      adminContext(settings, deps),
      jobs.map((job) => job.source),
    );
  }
  await mkdir(settings.cacheDir, { recursive: true });
  // Repositories that keep failing wait for their turn (health backoff), unless this run names them.
  const { due, deferred } = await partitionDue(jobs, deps.defer);
  // Mirrors archived as orphans whose source is back are unarchived before anything is pushed to them.
  const reopened = await reopenMirrors(settings, deps.target, deps.runtime, due);
  const repos = [...deferred, ...reopened.failed, ...(await runJobs(settings, deps, reopened.jobs))];
  // Orphans only after a complete listing of the source: a run limited by an event or `repositories` cannot know.
  if (selection.complete && reportsOrphans(settings)) {
    const context = { ...deps, settings, sourceWebUrls: selection.sourceWebUrls, today: today() };
    repos.push(...(await handleOrphans(context, [...targets.values()])));
  }
  return repos;
}

function adminContext(settings: Settings, deps: MirrorDeps) {
  return { settings, source: deps.source, target: deps.target, runtime: deps.runtime };
}

/** The source side: a full listing (never partial: a ListingError propagates), or single lookups for an event. */
async function select(settings: Settings, deps: MirrorDeps): Promise<Selection> {
  const { runtime } = deps;
  let listed: RepoInfo[];
  let complete = true;
  if (deps.hint.kind === 'repos') {
    complete = false;
    listed = [];
    for (const repoPath of deps.hint.paths) {
      const repo = await deps.source.getRepo(repoPath);
      if (repo) listed.push(repo);
      else runtime.warning(`${repoPath}: not found in ${settings.source.owner} on the source: nothing to do for it`);
    }
  } else {
    listed = await deps.source.listRepos();
    runtime.info(`${listed.length} repositories in ${settings.source.owner} on ${settings.source.url}`);
  }
  const sourceWebUrls = new Set(listed.map((repo) => repo.webUrl.toLowerCase()));

  if (settings.repositories?.length) {
    const { picked, unknown } = pickNamed(listed, settings.repositories);
    for (const name of unknown)
      runtime.warning(`repositories: ${name} is not in the source listing: nothing to do for it`);
    listed = picked;
    complete = false;
  }
  const counts = reportFilterMatches(settings, listed, runtime);
  const hostile = refuseHostileNames(listed, settings.target.type);
  const { selected, skipped } = applyFilters(hostile.safe, settings);
  if (deps.hint.kind === 'repos') {
    for (const skip of skipped)
      runtime.warning(`${skip.repo.path}: not mirrored (${skip.reason}): nothing to do for it`);
  }
  const { mapped, collisions, refused } = mapNames(selected, settings.target.type, (repo) =>
    targetNameOf(settings, repo),
  );
  const failed: RepoResult[] = collisions
    .filter((collision) => inShard(collision.source, settings.shard))
    .map((collision) => ({
      name: collision.source.path,
      target: collision.targetPath,
      status: 'failed',
      reason: `name collision: ${[collision.source.path, ...collision.others].join(' and ')} all map to ${collision.targetPath} on the target; exclude or rename one`,
      refs: [],
      durationMs: 0,
    }));
  failed.push(...refusedNames([...hostile.refused, ...refused], settings, runtime));
  const inThisShard = mapped
    .filter((job) => inShard(job.source, settings.shard))
    .sort((a, b) => byPath(a.source, b.source));
  const jobs = inThisShard.filter((job) => !isDisabled(settings, job.source));
  return {
    jobs,
    disabled: inThisShard.filter((job) => isDisabled(settings, job.source)),
    skipped: skipped.filter((skip) => inShard(skip.repo, settings.shard)),
    failed,
    complete,
    sourceWebUrls,
    counts,
  };
}

/** Says in the log what `filter` and `exclude` each matched, with a hint for a pattern written as a search. */
function reportFilterMatches(settings: Settings, listed: RepoInfo[], runtime: Runtime): SelectionReport {
  const counts = selectionCounts(listed, settings);
  const of = `of ${counts.listed} ${counts.listed === 1 ? 'repository' : 'repositories'}`;
  runtime.info(
    `filter '${counts.filter.pattern}' matched ${counts.filter.matched} ${of}` +
      (counts.exclude ? `; exclude '${counts.exclude.pattern}' matched ${counts.exclude.matched} ${of}` : ''),
  );
  for (const [name, regex] of [
    ['filter', settings.filter],
    ['exclude', settings.exclude],
  ] as const) {
    const hint = regex && wholeNameHint(name, regex, listed);
    if (hint) runtime.warning(hint);
  }
  return counts;
}

/** Repositories whose name the target cannot hold: failed before any request, with the rule they break. */
function refusedNames(
  refused: ReturnType<typeof mapNames>['refused'],
  settings: Settings,
  runtime: Runtime,
): RepoResult[] {
  return refused
    .filter((entry) => inShard(entry.source, settings.shard))
    .map((entry) => {
      const reason = `name refused before any request: ${entry.reason}`;
      // Quoted: a name from the source may carry a newline, which would forge a line of the log.
      runtime.error(`${JSON.stringify(entry.source.path)}: ${reason}`);
      return { name: entry.source.path, target: entry.targetPath, status: 'failed', reason, refs: [], durationMs: 0 };
    });
}

/**
 * The target side, keyed by lower-cased path: the namespace listed once for a full run (complete or throws), a lookup
 * per repository for a run of a few.
 */
async function findTargets(settings: Settings, deps: MirrorDeps, selection: Selection): Promise<Map<string, RepoInfo>> {
  const targets = new Map<string, RepoInfo>();
  if (!selection.jobs.length && !selection.complete) return targets;
  if (selection.complete || selection.jobs.length > 20) {
    for (const repo of await deps.target.listRepos()) targets.set(nameKey(repo.path), repo);
    return targets;
  }
  for (const job of selection.jobs) {
    const repo = await deps.target.getRepo(job.targetPath);
    if (repo) targets.set(nameKey(job.targetPath), repo);
  }
  return targets;
}

async function runJobs(settings: Settings, deps: MirrorDeps, jobs: RepoJob[]): Promise<RepoResult[]> {
  // No git process outlives its repository's time limit.
  const git =
    deps.git ??
    new Git({
      redact: deps.redact,
      timeoutMs: deps.repoTimeoutMs,
      stallSeconds: Math.ceil((deps.requestTimeoutMs ?? 60_000) / 1000),
    });
  // Sides with an SSH key get their key files for the time the jobs run, and are tried before any job.
  return withSshSides(settings, deps.runtime, git, jobs, (batch, ssh, progress) =>
    runAll(settings, deps, batch, git, ssh, progress),
  );
}

async function runAll(
  settings: Settings,
  deps: MirrorDeps,
  jobs: RepoJob[],
  git: Git,
  ssh: SshTransports,
  progress: Progress,
): Promise<RepoResult[]> {
  const store = new StateStore(settings.cacheDir);
  // Ref discovery and API reads at a higher parallelism than git transfers, which `concurrency` bounds.
  const { checks: limit, transfers } = deps.slots ?? jobSlots(settings.concurrency);
  return Promise.all(
    jobs.map((job) =>
      limit(async () => {
        const result = await runJob(settingsFor(settings, job.source), deps, git, store, job, transfers, ssh);
        progress.done++;
        deps.runtime.info(
          `[${progress.done}/${progress.total}] ${job.source.path}: ${describeResult(result)} in ${formatDuration(result.durationMs)}`,
        );
        return result;
      }),
    ),
  );
}

async function runJob(
  settings: Settings,
  deps: MirrorDeps,
  git: Git,
  store: StateStore,
  job: RepoJob,
  transfers: LimitFunction,
  ssh: SshTransports,
): Promise<RepoResult> {
  const started = Date.now();
  const controller = new AbortController();
  const timeoutMs = deps.repoTimeoutFor?.(job.source.path) ?? deps.repoTimeoutMs ?? 30 * 60_000;
  const budget = new TimeBudget(timeoutMs, () => controller.abort());
  let slot: Promise<() => void> | undefined;
  let finished = false;
  const ctx: RepoContext = {
    settings,
    source: deps.source,
    target: deps.target,
    runtime: deps.runtime,
    git,
    store,
    verifyIntervalMs: deps.verifyIntervalMs ?? 24 * 3600_000,
    startedAt: deps.startedAt,
    signal: controller.signal,
    copyLfs: deps.copyLfs ?? (settings.lfs ? createLfsCopier(git) : undefined),
    transferSlot: async () => {
      // Held from the job's first git process to its end; the wait is not charged to its time limit.
      // A job that ran out of time starts no git process, and never keeps a slot its end would not release.
      if (finished || controller.signal.aborted)
        throw new MirrorError('stopped: the repository ran out of time', 'timeout');
      slot ??= (async () => {
        budget.pause();
        const release = await holdSlot(transfers);
        budget.resume();
        return release;
      })();
      const release = await slot;
      if (finished) {
        release();
        throw new MirrorError('stopped: the repository ran out of time', 'timeout');
      }
    },
    ssh,
  };
  try {
    return await deps.runtime.group(job.source.path, async () => {
      try {
        const outcome = await withinTime(syncRepository(ctx, job), controller.signal, timeoutMs);
        if (outcome.reason && outcome.status !== 'up-to-date') deps.runtime.info(outcome.reason);
        return { ...outcome, durationMs: Date.now() - started };
      } catch (error) {
        return failedResult(settings, deps, job, error, Date.now() - started);
      }
    });
  } finally {
    finished = true;
    budget.stop();
    if (slot) (await slot)();
  }
}

/** The repository's work, or a `timeout` failure when its time limit aborts it first. */
function withinTime<T>(work: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  const timedOut = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () =>
      reject(new MirrorError(`ran out of time after ${formatDuration(timeoutMs)}`, 'timeout')),
    ),
  );
  return Promise.race([work, timedOut]);
}

/** A repository that failed: its reason (redacted) and the failure's kind, as decided where it was born. */
function failedResult(
  settings: Settings,
  deps: MirrorDeps,
  job: RepoJob,
  error: unknown,
  durationMs: number,
): RepoResult {
  const reason = deps.redact ? deps.redact(messageOf(error)) : messageOf(error);
  deps.runtime.error(`${job.source.path}: ${reason}`);
  return {
    name: job.source.path,
    target: job.targetPath,
    status: settings.mode === 'check' ? 'unavailable' : 'failed',
    reason,
    kind: kindOf(error),
    refs: [],
    durationMs,
  };
}

/** sync and check report orphans; preview too when they would be archived. */
function reportsOrphans(settings: Settings): boolean {
  return (
    settings.mode === 'sync' ||
    settings.mode === 'check' ||
    (settings.mode === 'preview' && settings.orphans === 'archive')
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function describeResult(result: RepoResult): string {
  const changed = result.refs.filter((action) => action.kind !== 'diverged' && !action.error).length;
  switch (result.status) {
    case 'created':
      return `created, ${changed} ref${changed === 1 ? '' : 's'} pushed`;
    case 'updated':
      return `updated ${changed} ref${changed === 1 ? '' : 's'}`;
    case 'update':
    case 'create':
      return `would ${result.status} (${result.refs.length} ref${result.refs.length === 1 ? '' : 's'})`;
    case 'failed':
    case 'diverged':
    case 'held':
    case 'unavailable':
    case 'skipped':
      return `${result.status}: ${result.reason ?? ''}`;
    default:
      return result.status;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
