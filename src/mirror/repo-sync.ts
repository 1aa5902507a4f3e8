/**
 * One repository, start to end: find or create the target, compare refs, fetch, plan, push with leases, keep
 * protection and the default branch, record what was written. Throws only for failures of this repository; the
 * engine turns them into a `failed` (or `unavailable`) result and goes on with the others.
 */
import path from 'node:path';

import { CacheRepo, lsRemote, type PushOutcome } from '../git/cache-repo.js';
import { TRANSIENT_GIT_ERROR, type Git, type GitCredential } from '../git/git.js';
import { sameRefs, type RefMap } from '../git/refs.js';
import type { Host, RepoInfo, Visibility } from '../hosts/host.js';
import type { RefAction, RepoResult, RepoStatus } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import { planRefs, updatesOf, type PlannedRef } from './plan.js';
import { refsRecord, stableHash, type RepoState, type StateStore } from './state.js';

export interface RepoContext {
  settings: Settings;
  source: Host;
  target: Host;
  runtime: Runtime;
  git: Git;
  store: StateStore;
  /** Full verification is due when the last one is older than this. */
  verifyIntervalMs: number;
  signal?: AbortSignal;
  /** Copies LFS objects for the given source tips before their refs are pushed (when `lfs` is on). */
  copyLfs?: (
    repo: CacheRepo,
    sourceUrl: string,
    targetUrl: string,
    tips: string[],
    credentials: GitCredential[],
    signal?: AbortSignal,
  ) => Promise<{ downloaded: number; uploaded: number }>;
}

export interface RepoJob {
  source: RepoInfo;
  targetPath: string;
  /** The target repository when the listing (or a lookup) found it. */
  target?: RepoInfo;
}

type Outcome = Omit<RepoResult, 'durationMs'>;

export async function syncRepository(ctx: RepoContext, job: RepoJob): Promise<Outcome> {
  const { settings } = ctx;
  const stateKey = [
    settings.source.type,
    settings.source.url,
    job.source.id,
    settings.target.type,
    settings.target.url,
    settings.target.owner,
    job.targetPath.toLowerCase(),
  ].join('|');
  const state = await ctx.store.read(stateKey);
  const base = { name: job.source.path, target: job.targetPath };

  if (settings.mode === 'sync' && job.target && isUnchanged(ctx, job, state)) {
    return { ...base, status: 'up-to-date', reason: 'source unchanged since the last sync', refs: [] };
  }

  const sourceCredentials = credentialsFor(job.source.cloneUrl, ctx.source);
  const cache = new CacheRepo(
    ctx.git,
    path.join(
      settings.cacheDir,
      'repos',
      `${stableHash(`${settings.source.type}|${settings.source.url}|${job.source.id}`)}.git`,
    ),
  );
  // A repository about to be created needs everything anyway: fetch at once and read the refs from the cache,
  // saving a network round trip per new repository on a first sync.
  const fetchFirst = settings.mode === 'sync' && !job.target && settings.createMissing;
  if (fetchFirst) await fetchIntoCache(ctx, cache, job.source.cloneUrl, sourceCredentials);
  const sourceListing = fetchFirst
    ? await cache.localListing()
    : await lsRemote(ctx.git, job.source.cloneUrl, sourceCredentials, { signal: ctx.signal });
  for (const ref of sourceListing.unsafe) {
    ctx.runtime.warning(
      `${job.source.path}: ref ${JSON.stringify(ref)} has a name git or the mirror cannot use safely; not mirrored`,
    );
  }
  const sourceRefs = sourceListing.refs;

  let targetRepo = job.target;
  if (!targetRepo) {
    if (settings.mode === 'check') return { ...base, status: 'missing', reason: 'no target repository', refs: [] };
    if (!settings.createMissing) {
      return { ...base, status: 'skipped', reason: 'no target repository and create-missing is false', refs: [] };
    }
    if (settings.mode === 'preview') {
      const refs = [...sourceRefs].sort().map(([ref, to]): RefAction => ({ ref, kind: 'create', to }));
      return { ...base, status: 'create', refs };
    }
  }

  const targetRefs: RefMap = targetRepo
    ? (
        await lsRemote(ctx.git, targetRepo.cloneUrl, credentialsFor(targetRepo.cloneUrl, ctx.target), {
          signal: ctx.signal,
        })
      ).refs
    : new Map();

  if (settings.mode === 'check' && sourceRefs.size === 0) return { ...base, status: 'empty', refs: [] };

  const written = state ? { refs: state.refs, pending: state.pending } : undefined;

  if (targetRepo && sameRefs(sourceRefs, targetRefs)) {
    if (settings.mode === 'check') return { ...base, status: 'in-sync', refs: [] };
    if (settings.mode === 'preview') return { ...base, status: 'up-to-date', refs: [] };
    const verifying = !state || !state.clean || verificationDue(ctx, state);
    if (verifying) await keepProtected(ctx, targetRepo, job, sourceRefs);
    await ctx.store.write(stateKey, newState(job, targetRepo, sourceRefs, true));
    return { ...base, status: 'up-to-date', refs: [] };
  }

  // Refs differ: the source's objects are needed (to push, and to tell fast-forwards from divergence).
  if (sourceRefs.size && !fetchFirst) await fetchIntoCache(ctx, cache, job.source.cloneUrl, sourceCredentials);
  const plan = await planRefs({
    source: sourceRefs,
    target: targetRefs,
    written,
    prune: settings.prune,
    overwrite: settings.onDivergence === 'overwrite',
    isAncestor: (ancestor, descendant) => cache.isAncestor(ancestor, descendant),
  });
  const diverged = plan.filter((action) => action.kind === 'diverged');
  const known = confirmWritten(state, plan);

  if (settings.mode === 'check') {
    return {
      ...base,
      status: diverged.length ? 'diverged' : 'behind',
      reason: divergedReason(diverged),
      refs: stripPlan(plan),
    };
  }
  if (settings.mode === 'preview') {
    const status: RepoStatus = diverged.length ? 'diverged' : 'update';
    return { ...base, status, reason: divergedReason(diverged), refs: stripPlan(plan) };
  }

  // sync
  let created = false;
  if (!targetRepo) {
    targetRepo = await ctx.target.createRepo({
      name: job.targetPath,
      description: `Mirror of ${job.source.webUrl}`,
      visibility: visibilityFor(settings, job.source),
      defaultBranch: job.source.defaultBranch,
    });
    created = true;
    ctx.runtime.info(`created ${targetRepo.webUrl}`);
  }
  const target = targetRepo;
  const updates = updatesOf(plan);
  const outcomes = updates.length ? await pushUpdates(ctx, cache, job, target, updates, known, stateKey) : [];
  const refs = applyOutcomes(plan, outcomes);

  const failedRefs = refs.filter((action) => action.error);
  const finalTarget = new Map(targetRefs);
  for (const action of refs) {
    if (action.error || action.kind === 'diverged') continue;
    if (action.to) finalTarget.set(action.ref, action.to);
    else finalTarget.delete(action.ref);
  }
  const clean = diverged.length === 0 && failedRefs.length === 0;
  await ctx.store.write(stateKey, newState(job, target, recordable(finalTarget, plan, refs, known), clean));

  await keepProtected(ctx, target, job, finalTarget, created, updates.length > 0);

  const status: RepoStatus = failedRefs.length
    ? 'failed'
    : diverged.length && settings.onDivergence === 'fail'
      ? 'diverged'
      : created
        ? 'created'
        : updates.length
          ? 'updated'
          : 'up-to-date';
  const reason = failedRefs.length
    ? `${failedRefs.length} ref(s) rejected: ${failedRefs.map((action) => `${action.ref} ${action.error}`).join('; ')}`
    : divergedReason(diverged);
  return { ...base, status, reason, refs };
}

/**
 * A killed run's pending values that the target turned out to hold were written by the mirror: record them as such,
 * so that this run's own pending record (or a failed push) does not forget them. Overwritten refs are left out: a
 * value someone else pushed is never recorded as the mirror's.
 */
function confirmWritten(state: RepoState | undefined, plan: PlannedRef[]): RepoState | undefined {
  if (!state?.pending) return state;
  const refs = { ...state.refs };
  for (const action of plan) {
    if (action.kind === 'diverged' || action.overwritten || action.from === undefined) continue;
    if (state.pending[action.ref] === action.from) refs[action.ref] = action.from;
  }
  return { ...state, refs };
}

/** The no-op fast path: nothing was pushed to the source since a clean sync, per the host's own push stamp. */
function isUnchanged(ctx: RepoContext, job: RepoJob, state: RepoState | undefined): boolean {
  return Boolean(
    state?.clean &&
    job.source.pushedAt &&
    state.source.pushedAt === job.source.pushedAt &&
    state.source.cloneUrl === job.source.cloneUrl &&
    state.target.cloneUrl === job.target?.cloneUrl &&
    !verificationDue(ctx, state),
  );
}

function verificationDue(ctx: RepoContext, state: RepoState): boolean {
  const verifiedAt = Date.parse(state.verifiedAt);
  return !Number.isFinite(verifiedAt) || Date.now() - verifiedAt >= ctx.verifyIntervalMs;
}

function newState(job: RepoJob, target: RepoInfo, refs: RefMap, clean: boolean): RepoState {
  return {
    version: 1,
    source: { id: job.source.id, cloneUrl: job.source.cloneUrl, pushedAt: trustedStamp(job.source.pushedAt) },
    target: { path: job.targetPath, cloneUrl: target.cloneUrl },
    refs: refsRecord(refs),
    clean,
    verifiedAt: new Date().toISOString(),
  };
}

/**
 * Push stamps have one-second resolution (GitHub `pushed_at`): a stamp from the last few seconds may not yet cover a
 * push made in the same second, so it is not recorded and the next run compares refs instead of trusting it.
 */
function trustedStamp(pushedAt: string | undefined): string | undefined {
  if (!pushedAt) return undefined;
  const at = Date.parse(pushedAt);
  return Number.isFinite(at) && Date.now() - at > 5_000 ? pushedAt : undefined;
}

/**
 * What the state may call "written by the mirror": every target ref except the diverged and failed ones, which keep
 * their previous record (recording a value someone else wrote would let the next run overwrite it).
 */
function recordable(finalTarget: RefMap, plan: PlannedRef[], refs: RefAction[], state: RepoState | undefined): RefMap {
  const keep = new Set([
    ...plan.filter((action) => action.kind === 'diverged').map((action) => action.ref),
    ...refs.filter((action) => action.error).map((action) => action.ref),
  ]);
  const record: RefMap = new Map();
  for (const [ref, sha] of finalTarget) if (!keep.has(ref)) record.set(ref, sha);
  for (const ref of keep) {
    const previous = state?.refs[ref];
    if (previous) record.set(ref, previous);
  }
  return record;
}

/** The source refused the fetch (credentials, gone): not the cache's fault. Network trouble (a stall too) neither. */
const SOURCE_REFUSED =
  /(Authentication failed|returned error: (401|403|404)|not found|terminal prompts disabled| stalled: )/i;

function isSourceUnavailable(message: string): boolean {
  return SOURCE_REFUSED.test(message) || TRANSIENT_GIT_ERROR.test(message);
}

async function fetchIntoCache(
  ctx: RepoContext,
  cache: CacheRepo,
  url: string,
  credentials: GitCredential[],
): Promise<void> {
  await cache.open();
  try {
    await cache.fetch(url, credentials, ctx.signal);
  } catch (error) {
    // The source refused or is unreachable (after retries): the cache is not at fault, keep it.
    if (ctx.signal?.aborted || !cache.exists() || isSourceUnavailable((error as Error).message)) throw error;
    // A cache repo damaged by a killed run is rebuilt from the source once; a second failure is the source's.
    ctx.runtime.warning(`cache of ${url} could not be updated (${(error as Error).message}); rebuilding it`);
    await cache.rebuild();
    await cache.fetch(url, credentials, ctx.signal);
  }
}

async function pushUpdates(
  ctx: RepoContext,
  cache: CacheRepo,
  job: RepoJob,
  target: RepoInfo,
  updates: PlannedRef[],
  state: RepoState | undefined,
  stateKey: string,
): Promise<PushOutcome[]> {
  const { settings } = ctx;
  const credentials = credentialsFor(target.cloneUrl, ctx.target);
  if (settings.lfs && ctx.copyLfs) {
    const tips = [...new Set(updates.map((action) => action.to).filter((sha): sha is string => Boolean(sha)))];
    if (tips.length) {
      const lfs = await ctx.copyLfs(
        cache,
        job.source.cloneUrl,
        target.cloneUrl,
        tips,
        [...credentialsFor(job.source.cloneUrl, ctx.source), ...credentials],
        ctx.signal,
      );
      if (lfs.uploaded || lfs.downloaded) {
        ctx.runtime.info(
          `LFS: ${lfs.downloaded} object(s) fetched from the source, ${lfs.uploaded} uploaded to the target`,
        );
      }
    }
  }
  // Record what is about to be written before writing it: a run killed mid-push must not see its own writes as
  // divergence next time.
  const pending: RefMap = new Map(
    updates.filter((action) => action.to).map((action) => [action.ref, action.to as string]),
  );
  await ctx.store.write(stateKey, {
    ...(state ?? newState(job, target, new Map(), false)),
    pending: refsRecord(pending),
    clean: false,
  });

  const lift = settings.protect && ctx.target.protectionStrategy === 'lift';
  if (lift) await ctx.target.unprotect(target);
  // Exempt hosts: protection (with the mirror's exemption) is put right before the push, so that a rule someone added
  // without the exemption cannot refuse the mirror's own forced updates and prunes, and there is no unprotected window.
  else if (settings.protect) await ctx.target.protect(target);
  let outcomes: PushOutcome[] | undefined;
  let pushError: unknown;
  try {
    outcomes = await cache.push(
      target.cloneUrl,
      updates.map((action) => ({ ref: action.ref, to: action.to, expect: action.expect })),
      credentials,
      ctx.signal,
    );
  } catch (error) {
    pushError = error;
  }
  // Restored whatever happened to the push.
  if (lift) {
    try {
      await ctx.target.protect(target);
    } catch (error) {
      const restore = `protection of ${target.webUrl} could not be restored after the push: ${(error as Error).message}`;
      throw new Error(pushError ? `${(pushError as Error).message}; ${restore}` : restore);
    }
  }
  if (pushError || !outcomes) throw pushError;
  return outcomes;
}

function applyOutcomes(plan: PlannedRef[], outcomes: PushOutcome[]): RefAction[] {
  const byRef = new Map(outcomes.map((outcome) => [outcome.ref, outcome]));
  return plan.map((action) => {
    const outcome = byRef.get(action.ref);
    const kind = outcome?.forced && action.kind === 'update' ? 'force-update' : action.kind;
    const result: RefAction = { ref: action.ref, kind, from: action.from, to: action.to };
    if (outcome && !outcome.ok) result.error = outcome.message ?? 'rejected';
    return result;
  });
}

function stripPlan(plan: PlannedRef[]): RefAction[] {
  return plan.map(({ ref, kind, from, to }) => ({ ref, kind, from, to }));
}

/** Protection and default branch: checked when something was written, and on verification runs. */
async function keepProtected(
  ctx: RepoContext,
  target: RepoInfo,
  job: RepoJob,
  targetRefs: RefMap,
  created = false,
  pushed = false,
): Promise<void> {
  const { settings } = ctx;
  // When something was pushed, protection was already checked around the push.
  if (settings.protect && !pushed) await ctx.target.protect(target);
  const branch = job.source.defaultBranch;
  if (branch && targetRefs.has(`refs/heads/${branch}`)) {
    // A new repo's default branch is whatever its first push made it: ask the host rather than trust the create answer.
    const current = created ? ((await ctx.target.getRepo(target.path)) ?? target) : target;
    if (current.defaultBranch !== branch) await ctx.target.setDefaultBranch(current, branch);
  }
}

function divergedReason(diverged: PlannedRef[]): string | undefined {
  if (!diverged.length) return undefined;
  const names = diverged.slice(0, 5).map((action) => action.ref);
  const more = diverged.length > 5 ? ` and ${diverged.length - 5} more` : '';
  return `${diverged.length} ref(s) changed on the target since the mirror last wrote them, left untouched: ${names.join(', ')}${more}`;
}

function visibilityFor(settings: Settings, source: RepoInfo): Visibility {
  return settings.visibility === 'source' ? source.visibility : settings.visibility;
}

export function credentialsFor(url: string, host: Host): GitCredential[] {
  const header = host.gitAuthHeader();
  return header ? [{ url, header }] : [];
}
