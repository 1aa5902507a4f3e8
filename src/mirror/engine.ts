/**
 * The mirror engine: source listing → selection → one job per repository, run `concurrency` at a time → report.
 * It never asks which hosts it talks to. It never acts on a partial listing (a listing error ends the run before any
 * change), and one repository's failure never stops the others.
 */
import { mkdir } from 'node:fs/promises';
import pLimit from 'p-limit';

import type { EventHint } from '../events/event-hint.js';
import { Git } from '../git/git.js';
import { createLfsCopier } from '../git/lfs.js';
import type { Host, RepoInfo } from '../hosts/host.js';
import { countByStatus, formatDuration } from '../report/counts.js';
import type { RepoResult, RunReport } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import { installHooks, removeMirrors } from './admin-modes.js';
import { acquireCacheLock } from './lock.js';
import { mapNames, nameKey, refuseHostileNames, type TargetPath } from './names.js';
import { syncRepository, type RepoContext, type RepoJob } from './repo-sync.js';
import { applyFilters, byPath, inShard, pickNamed, type Skip } from './select.js';
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
  /** `request-timeout`: a git transfer that receives no data this long is abandoned as stalled (default 60 s). */
  requestTimeoutMs?: number;
  /** Full comparison of every repository at least this often, whatever the push stamps say (default 24 h). */
  verifyIntervalMs?: number;
  redact?: (text: string) => string;
  copyLfs?: RepoContext['copyLfs'];
}

interface Selection {
  jobs: TargetPath[];
  skipped: Skip[];
  failed: RepoResult[];
  /** The whole source namespace was listed (not a single-repository run). */
  complete: boolean;
  /** Web URLs of every source repository listed, to recognise orphaned mirrors. */
  sourceWebUrls: Set<string>;
}

const CACHE_MODES = new Set(['sync', 'preview', 'check']);

export async function runMirror(settings: Settings, deps: MirrorDeps): Promise<RunReport> {
  const startedAt = new Date();
  const { runtime } = deps;
  const repos: RepoResult[] = [];
  const finish = (error?: string): RunReport => ({
    version: 1,
    mode: settings.mode,
    source: { type: settings.source.type, url: settings.source.url, owner: settings.source.owner },
    target: { type: settings.target.type, url: settings.target.url, owner: settings.target.owner },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    counts: countByStatus(repos),
    repos,
    ...(error ? { error } : {}),
  });

  if (deps.hint.kind === 'refuse') {
    runtime.warning(`Nothing to do: ${deps.hint.reason}`);
    return finish();
  }

  const release = CACHE_MODES.has(settings.mode)
    ? await acquireCacheLock(settings.cacheDir, {
        waitMs: deps.lockWaitMs ?? 15 * 60_000,
        onWait: (owner) => runtime.info(`Waiting for the run holding ${settings.cacheDir} (${owner}) to finish…`),
      })
    : async () => undefined;
  try {
    const selection = await select(settings, deps);
    repos.push(...selection.failed);
    const skipped: RepoResult[] = selection.skipped.map((skip) => ({
      name: skip.repo.path,
      status: 'skipped',
      reason: skip.reason,
      refs: [],
      durationMs: 0,
    }));
    // install-hooks works on the source only: the target is not even read (its token may be absent).
    const targets =
      settings.mode === 'install-hooks' ? new Map<string, RepoInfo>() : await findTargets(settings, deps, selection);
    const jobs: RepoJob[] = selection.jobs.map((job) => ({ ...job, target: targets.get(nameKey(job.targetPath)) }));
    runtime.info(
      `${jobs.length} repositor${jobs.length === 1 ? 'y' : 'ies'} selected` +
        (selection.skipped.length ? `, ${selection.skipped.length} skipped by the filters` : '') +
        (settings.shard ? ` (shard ${settings.shard.index}/${settings.shard.count})` : ''),
    );

    if (settings.mode === 'remove') {
      repos.push(...(await removeMirrors(adminContext(settings, deps), jobs)));
    } else if (settings.mode === 'install-hooks') {
      repos.push(
        ...(await installHooks(
          adminContext(settings, deps),
          jobs.map((job) => job.source),
        )),
      );
    } else {
      await mkdir(settings.cacheDir, { recursive: true });
      repos.push(...(await runJobs(settings, deps, jobs)));
      if (selection.complete && (settings.mode === 'sync' || settings.mode === 'check')) {
        repos.push(...orphans(settings, selection, [...targets.values()], deps.runtime));
      }
    }
    repos.push(...skipped);
    return finish();
  } finally {
    await release();
  }
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
  const hostile = refuseHostileNames(listed, settings.target.type);
  const { selected, skipped } = applyFilters(hostile.safe, settings);
  if (deps.hint.kind === 'repos') {
    for (const skip of skipped)
      runtime.warning(`${skip.repo.path}: not mirrored (${skip.reason}): nothing to do for it`);
  }
  const { mapped, collisions, refused } = mapNames(selected, settings.target.type);
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
  const jobs = mapped.filter((job) => inShard(job.source, settings.shard)).sort((a, b) => byPath(a.source, b.source));
  return {
    jobs,
    skipped: skipped.filter((skip) => inShard(skip.repo, settings.shard)),
    failed,
    complete,
    sourceWebUrls,
  };
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
  const store = new StateStore(settings.cacheDir);
  const limit = pLimit(settings.concurrency);
  let done = 0;
  return Promise.all(
    jobs.map((job) =>
      limit(async () => {
        const result = await runJob(settings, deps, git, store, job);
        done++;
        deps.runtime.info(
          `[${done}/${jobs.length}] ${job.source.path}: ${describeResult(result)} in ${formatDuration(result.durationMs)}`,
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
): Promise<RepoResult> {
  const started = Date.now();
  const controller = new AbortController();
  const timeoutMs = deps.repoTimeoutMs ?? 30 * 60_000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const ctx: RepoContext = {
    settings,
    source: deps.source,
    target: deps.target,
    runtime: deps.runtime,
    git,
    store,
    verifyIntervalMs: deps.verifyIntervalMs ?? 24 * 3600_000,
    signal: controller.signal,
    copyLfs: deps.copyLfs ?? (settings.lfs ? createLfsCopier(git) : undefined),
  };
  try {
    return await deps.runtime.group(job.source.path, async () => {
      try {
        const timedOut = new Promise<never>((_, reject) =>
          controller.signal.addEventListener('abort', () =>
            reject(new Error(`ran out of time after ${formatDuration(timeoutMs)}`)),
          ),
        );
        const outcome = await Promise.race([syncRepository(ctx, job), timedOut]);
        if (outcome.reason && outcome.status !== 'up-to-date') deps.runtime.info(outcome.reason);
        return { ...outcome, durationMs: Date.now() - started };
      } catch (error) {
        const reason = deps.redact ? deps.redact(messageOf(error)) : messageOf(error);
        deps.runtime.error(`${job.source.path}: ${reason}`);
        return {
          name: job.source.path,
          target: job.targetPath,
          status: settings.mode === 'check' ? 'unavailable' : 'failed',
          reason,
          refs: [],
          durationMs: Date.now() - started,
        };
      }
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Target repositories that say they mirror a source repository which is no longer there (deleted or renamed). */
function orphans(settings: Settings, selection: Selection, targets: RepoInfo[], runtime: Runtime): RepoResult[] {
  const prefix = `Mirror of ${settings.source.url}/`.toLowerCase();
  const results: RepoResult[] = [];
  for (const target of targets) {
    const description = (target.description ?? '').trim();
    if (!description.toLowerCase().startsWith(prefix)) continue;
    const origin = description.slice('Mirror of '.length).trim();
    // Only mirrors of this source namespace: other namespaces may be mirrored into the same target.
    if (!origin.toLowerCase().includes(`/${settings.source.owner.toLowerCase()}/`)) continue;
    if (selection.sourceWebUrls.has(origin.toLowerCase())) continue;
    runtime.warning(`${target.path}: mirrors ${origin}, which is no longer in the source: left as it is (orphaned)`);
    results.push({
      name: target.path,
      target: target.path,
      status: 'orphaned',
      reason: `${origin} is no longer in the source (deleted or renamed); the mirror is kept`,
      refs: [],
      durationMs: 0,
    });
  }
  return results.sort((a, b) => (a.name < b.name ? -1 : 1));
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
