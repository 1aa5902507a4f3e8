/**
 * One repository, start to end: find or create the target, compare refs, fetch, plan, push with leases, keep
 * protection and the default branch, record what was written. Throws only for failures of this repository; the
 * engine turns them into a `failed` (or `unavailable`) result and goes on with the others.
 */
import path from 'node:path';

import { CacheRepo, PUSH_BATCH, type PushOutcome } from '../git/cache-repo.js';
import { GitError, TRANSIENT_GIT_ERROR, type Git, type GitCredential } from '../git/git.js';
import { listRemoteRefs } from '../git/ref-discovery.js';
import { explainSshFailure, type Side, type SshTransport } from '../git/ssh.js';
import { sameRefs, type RefMap } from '../git/refs.js';
import type { Host, RepoInfo, Visibility } from '../hosts/host.js';
import type { RefAction, RepoResult, RepoStatus } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import { createTarget, type CreatedTarget } from './create-target.js';
import { assessDestruction, historyNotes, pushList, type Destruction } from './history-plan.js';
import { planRefs, updatesOf, type PlannedRef } from './plan.js';
import { refsRecord, stableHash, type RepoState, type StateStore } from './state.js';
import { withWiki } from './wiki-sync.js';

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
  /**
   * Waits for one of the `concurrency` git transfer slots, held until the repository is done (called before its
   * first git process; ref discovery over HTTP needs none).
   */
  transferSlot?: () => Promise<void>;
  /** Copies LFS objects for the given source tips before their refs are pushed (when `lfs` is on). */
  copyLfs?: (
    repo: CacheRepo,
    sourceUrl: string,
    targetUrl: string,
    tips: string[],
    credentials: GitCredential[],
    signal?: AbortSignal,
  ) => Promise<{ downloaded: number; uploaded: number }>;
  /** The sides whose git goes over SSH (their key and host keys), when any. */
  ssh?: Partial<Record<Side, SshTransport>>;
  /** The run's start: the stamp of the history refs it writes and the clock of retention (default: now). */
  startedAt?: Date;
}

export interface RepoJob {
  source: RepoInfo;
  targetPath: string;
  /** The target repository when the listing (or a lookup) found it. */
  target?: RepoInfo;
}

export type Outcome = Omit<RepoResult, 'durationMs'>;

export async function syncRepository(ctx: RepoContext, job: RepoJob): Promise<Outcome> {
  const code = await syncCode(ctx, job);
  // The wiki is its own step after the code (wiki-sync.ts): it has no push stamp, so it runs even when the code's
  // fast path found nothing to do.
  return ctx.settings.wikis ? withWiki(ctx, job, code) : code;
}

/**
 * Where the state of one mirrored pair lives: the source repository and the target path under this configuration's
 * target. `prefix` keeps a repository's wiki apart from its code.
 */
export function repoStateKey(ctx: RepoContext, job: RepoJob, prefix?: string): string {
  const { settings } = ctx;
  return [
    ...(prefix ? [prefix] : []),
    settings.source.type,
    settings.source.url,
    job.source.id,
    settings.target.type,
    settings.target.url,
    settings.target.owner,
    job.targetPath.toLowerCase(),
  ].join('|');
}

async function syncCode(ctx: RepoContext, job: RepoJob): Promise<Outcome> {
  const { settings } = ctx;
  const stateKey = repoStateKey(ctx, job);
  const state = await ctx.store.read(stateKey);
  const base = { name: job.source.path, target: job.targetPath };

  if (settings.mode === 'sync' && job.target && isUnchanged(ctx, job, state) && !targetSettingsDrift(ctx, job, state)) {
    return { ...base, status: 'up-to-date', reason: 'source unchanged since the last sync', refs: [] };
  }

  const sourceUrl = gitUrlOf(ctx, 'source', job.source);
  const sourceCredentials = await credentialsFor(sourceUrl, ctx.source, ctx.ssh?.source);
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
  if (fetchFirst) await overSide(ctx, 'source', fetchIntoCache(ctx, cache, sourceUrl, sourceCredentials));
  const sourceListing = fetchFirst
    ? await cache.localListing()
    : await overSide(ctx, 'source', listRemoteRefs(ctx.git, sourceUrl, sourceCredentials, discoveryOptions(ctx)));
  for (const ref of sourceListing.unsafe) {
    ctx.runtime.warning(
      `${job.source.path}: ref ${JSON.stringify(ref)} has a name git or the mirror cannot use safely; not mirrored`,
    );
  }
  const sourceRefs = sourceListing.refs;
  // A listing without the default branch (Bitbucket Server's) is completed from the HEAD the refs came with.
  if (!job.source.defaultBranch) {
    const head = fetchFirst ? await cache.headBranch() : (sourceListing as { head?: string }).head;
    if (head && sourceRefs.has(`refs/heads/${head}`)) job.source = { ...job.source, defaultBranch: head };
  }

  // The target is read only when this run must check it: the source holds exactly what the mirror last wrote.
  if (settings.mode === 'sync' && job.target && matchesLastSync(ctx, job, state, sourceRefs)) {
    return { ...base, status: 'up-to-date', reason: 'source refs unchanged since the last sync', refs: [] };
  }

  let targetRepo = job.target;
  let created: CreatedTarget | undefined;
  if (!targetRepo) {
    if (settings.mode === 'check') return { ...base, status: 'missing', reason: 'no target repository', refs: [] };
    if (!settings.createMissing) {
      return { ...base, status: 'skipped', reason: 'no target repository and create-missing is false', refs: [] };
    }
    if (settings.mode === 'preview') {
      const refs = [...sourceRefs].sort().map(([ref, to]): RefAction => ({ ref, kind: 'create', to }));
      return { ...base, status: 'create', refs };
    }
    // Created before the comparison: a repository adopted after a lost answer may already hold refs.
    created = await createTargetRepo(ctx, job);
    targetRepo = created.repo;
  }

  // A repository this run created (not adopted) is empty: nothing to read.
  const targetUrl = targetRepo && !(created && !created.adopted) ? gitUrlOf(ctx, 'target', targetRepo) : undefined;
  const targetListing = targetUrl
    ? await overSide(
        ctx,
        'target',
        listRemoteRefs(
          ctx.git,
          targetUrl,
          await credentialsFor(targetUrl, ctx.target, ctx.ssh?.target),
          discoveryOptions(ctx),
        ),
      )
    : undefined;
  const targetRefs: RefMap = targetListing?.refs ?? new Map();

  if (settings.mode === 'check' && sourceRefs.size === 0) return { ...base, status: 'empty', refs: [] };

  const written = state ? { refs: state.refs, pending: state.pending } : undefined;

  if (targetRepo && !created && sameRefs(sourceRefs, targetRefs)) {
    if (settings.mode === 'check') return { ...base, status: 'in-sync', refs: [] };
    if (settings.mode === 'preview') return { ...base, status: 'up-to-date', refs: [] };
    const verifying = !state || !state.clean || verificationDue(ctx, state);
    if (verifying) await keepProtected(ctx, targetRepo, job, sourceRefs);
    else if (targetSettingsDrift(ctx, job, state)) await followSourceSettings(ctx, targetRepo, job, sourceRefs);
    await ctx.store.write(stateKey, newState(job, targetRepo, sourceRefs, true));
    return { ...base, status: 'up-to-date', refs: [] };
  }

  // Refs differ: the source's objects are needed (to push, and to tell fast-forwards from divergence).
  if (sourceRefs.size && !fetchFirst) {
    await overSide(ctx, 'source', fetchIntoCache(ctx, cache, sourceUrl, sourceCredentials));
  }
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
  const destruction = await assessDestruction({
    settings,
    name: job.source.path,
    plan,
    target: targetRefs,
    history: targetListing?.history ?? new Map(),
    cache,
    fetchTargetRefs: async (refs) => {
      if (!targetUrl) return;
      const credentials = await credentialsFor(targetUrl, ctx.target, ctx.ssh?.target);
      await overSide(ctx, 'target', cache.fetchRefsOf(targetUrl, refs, credentials, ctx.signal));
    },
    layout: ctx.target.historyRefs,
    startedAt: ctx.startedAt ?? new Date(),
  });
  if (destruction.held || (settings.mode === 'check' && destruction.verdict.held)) {
    // Nothing is written to a held repository; its state no longer counts as clean, so that the no-op fast path
    // does not call it up to date next time.
    if (settings.mode === 'sync' && state?.clean) await ctx.store.write(stateKey, { ...state, clean: false });
    return heldResult(base, destruction, stripPlan(plan));
  }

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
  if (!targetRepo) throw new Error(`${job.targetPath}: no target repository`);
  const target = targetRepo;
  // Made by this run's own create (not adopted after a lost answer): empty, with no rule of anyone else's.
  const fresh = Boolean(created && !created.adopted);
  const updates = updatesOf(plan);
  const outcomes = updates.length
    ? await pushUpdates(ctx, cache, job, target, updates, known, stateKey, fresh, destruction)
    : [];
  const refs = applyOutcomes(plan, outcomes);
  const notes = historyNotes(
    destruction,
    new Set(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.ref)),
  );

  const failedRefs = refs.filter((action) => action.error);
  const finalTarget = new Map(targetRefs);
  for (const action of refs) {
    if (action.error || action.kind === 'diverged') continue;
    if (action.to) finalTarget.set(action.ref, action.to);
    else finalTarget.delete(action.ref);
  }
  const clean = diverged.length === 0 && failedRefs.length === 0;
  await ctx.store.write(stateKey, newState(job, target, recordable(finalTarget, plan, refs, known), clean));

  await keepProtected(ctx, target, job, finalTarget, fresh, updates.length > 0);

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
  return { ...base, status, reason, refs, ...(notes.length ? { notes } : {}) };
}

/** A repository the destruction guard holds: reported with its counts and how to release it; nothing written. */
function heldResult(base: { name: string; target: string }, destruction: Destruction, refs: RefAction[]): Outcome {
  return {
    ...base,
    status: 'held',
    reason: destruction.verdict.reason,
    next: `if the change at the source is intended, rerun with accept: ${base.name} to apply it (the replaced tips are kept)`,
    refs,
  };
}

/**
 * A killed run's pending values that the target turned out to hold were written by the mirror: record them as such,
 * so that this run's own pending record (or a failed push) does not forget them. Overwritten refs are left out: a
 * value someone else pushed is never recorded as the mirror's.
 */
export function confirmWritten(state: RepoState | undefined, plan: PlannedRef[]): RepoState | undefined {
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

/**
 * The fast path for every host: the source's refs are exactly what the mirror last wrote, that write left the target
 * clean, and no full comparison is due, so the target (which the mirror alone writes) is not read.
 */
function matchesLastSync(ctx: RepoContext, job: RepoJob, state: RepoState | undefined, sourceRefs: RefMap): boolean {
  return Boolean(
    state?.clean &&
    !state.pending &&
    state.source.cloneUrl === job.source.cloneUrl &&
    state.target.cloneUrl === job.target?.cloneUrl &&
    !verificationDue(ctx, state) &&
    !targetSettingsDrift(ctx, job, state) &&
    sameRefs(sourceRefs, new Map(Object.entries(state.refs))),
  );
}

export function discoveryOptions(ctx: RepoContext) {
  return { signal: ctx.signal, timeoutMs: ctx.settings.requestTimeout * 1000, beforeGit: ctx.transferSlot };
}

/**
 * The target's default branch or visibility differs from what the source's listing says, both known from the two
 * listings (no request): the fast path must not skip such a repository. A default branch the target does not hold
 * (as far as the last sync recorded) cannot be set, so it does not count.
 */
export function targetSettingsDrift(ctx: RepoContext, job: RepoJob, state: RepoState | undefined): boolean {
  const target = job.target;
  if (!target) return false;
  const branch = job.source.defaultBranch;
  // Bitbucket Server's listing has no default branch: the one the last sync left is taken instead.
  const targetBranch = target.defaultBranch ?? state?.target.defaultBranch;
  const branchDrift =
    branch !== undefined && targetBranch !== branch && (!state || state.refs[`refs/heads/${branch}`] !== undefined);
  return branchDrift || visibilityDrift(ctx, job.source, target);
}

function visibilityDrift(ctx: RepoContext, source: RepoInfo, target: RepoInfo): boolean {
  if (ctx.settings.visibility !== 'source') return false;
  return target.visibility !== hostVisibility(ctx.target, source.visibility);
}

/** What `visibility` becomes on `host` (a visibility it does not offer becomes private). */
function hostVisibility(host: Host, visibility: Visibility): Visibility {
  return host.visibilities.includes(visibility) ? visibility : 'private';
}

export function verificationDue(ctx: RepoContext, state: RepoState): boolean {
  const verifiedAt = Date.parse(state.verifiedAt);
  return !Number.isFinite(verifiedAt) || Date.now() - verifiedAt >= ctx.verifyIntervalMs;
}

function newState(job: RepoJob, target: RepoInfo, refs: RefMap, clean: boolean): RepoState {
  // The default branch the sync leaves (the source's, when the target holds it), for the next run's drift check.
  const branch = job.source.defaultBranch;
  const defaultBranch = branch && refs.has(`refs/heads/${branch}`) ? branch : target.defaultBranch;
  return {
    version: 1,
    source: { id: job.source.id, cloneUrl: job.source.cloneUrl, pushedAt: trustedStamp(job.source.pushedAt) },
    target: { path: job.targetPath, cloneUrl: target.cloneUrl, ...(defaultBranch ? { defaultBranch } : {}) },
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
export function recordable(
  finalTarget: RefMap,
  plan: PlannedRef[],
  refs: RefAction[],
  state: RepoState | undefined,
): RefMap {
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
  /(Authentication failed|returned error: (401|403|404)|not found|terminal prompts disabled| stalled: |Could not read from remote repository|Permission denied \(publickey|Host key verification failed)/i;

function isSourceUnavailable(message: string): boolean {
  return SOURCE_REFUSED.test(message) || TRANSIENT_GIT_ERROR.test(message);
}

export async function fetchIntoCache(
  ctx: RepoContext,
  cache: CacheRepo,
  url: string,
  credentials: GitCredential[],
): Promise<void> {
  await ctx.transferSlot?.();
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
  created: boolean,
  destruction?: Destruction,
): Promise<PushOutcome[]> {
  const { settings } = ctx;
  await ctx.transferSlot?.();
  const targetUrl = gitUrlOf(ctx, 'target', target);
  const credentials = await credentialsFor(targetUrl, ctx.target, ctx.ssh?.target);
  if (settings.lfs && ctx.copyLfs) {
    const tips = [...new Set(updates.map((action) => action.to).filter((sha): sha is string => Boolean(sha)))];
    if (tips.length) {
      const lfs = await ctx.copyLfs(
        cache,
        job.source.cloneUrl,
        target.cloneUrl,
        tips,
        [...(await credentialsFor(job.source.cloneUrl, ctx.source)), ...credentials],
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
  // A repository created by this run is empty and unprotected: nothing to lift, nothing to read before writing rules.
  const fresh = created;
  if (lift && !fresh) await ctx.target.unprotect(target);
  // Exempt hosts: protection (with the mirror's exemption) is put right before the push, so that a rule someone added
  // without the exemption cannot refuse the mirror's own forced updates and prunes, and there is no unprotected window.
  else if (settings.protect && !lift) await ctx.target.protect(target, { fresh });
  let outcomes: PushOutcome[] | undefined;
  let pushError: unknown;
  try {
    outcomes = await overSide(
      ctx,
      'target',
      cache.push(
        targetUrl,
        pushList(updates, destruction),
        // Asked again after the protection calls: expiring credentials (GitHub App tokens) are renewed when due.
        await credentialsFor(targetUrl, ctx.target, ctx.ssh?.target),
        ctx.signal,
        // A kept tip and the change that replaces it land together or not at all.
        { atomic: Boolean(destruction?.keep.length || destruction?.expired.length) },
      ),
    );
  } catch (error) {
    pushError = error;
  }
  // Restored whatever happened to the push.
  if (lift) {
    // The host reacts to the first push it receives: with several pushes the default may be another branch.
    const initial = target.defaultBranch;
    const initialPushed =
      updates.length <= PUSH_BATCH &&
      outcomes?.some((outcome) => outcome.ref === `refs/heads/${initial}` && outcome.ok);
    try {
      await ctx.target.protect(target, { fresh, initialDefaultBranch: initialPushed ? initial : undefined });
    } catch (error) {
      const restore = `protection of ${target.webUrl} could not be restored after the push: ${(error as Error).message}`;
      throw new Error(pushError ? `${(pushError as Error).message}; ${restore}` : restore);
    }
  }
  if (pushError || !outcomes) throw pushError;
  return outcomes;
}

export function applyOutcomes(plan: PlannedRef[], outcomes: PushOutcome[]): RefAction[] {
  const byRef = new Map(outcomes.map((outcome) => [outcome.ref, outcome]));
  return plan.map((action) => {
    const outcome = byRef.get(action.ref);
    const kind = outcome?.forced && action.kind === 'update' ? 'force-update' : action.kind;
    const result: RefAction = { ref: action.ref, kind, from: action.from, to: action.to };
    if (outcome && !outcome.ok) result.error = outcome.message ?? 'rejected';
    return result;
  });
}

export function stripPlan(plan: PlannedRef[]): RefAction[] {
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
  if (settings.protect && !pushed) await ctx.target.protect(target, { fresh: created });
  await followSourceSettings(ctx, target, job, targetRefs, created);
}

/**
 * Default branch and (with `visibility: source`) visibility as on the source, compared with the listings' values: a
 * request only when one differs.
 */
async function followSourceSettings(
  ctx: RepoContext,
  target: RepoInfo,
  job: RepoJob,
  targetRefs: RefMap,
  created = false,
): Promise<void> {
  const branch = job.source.defaultBranch;
  if (branch && targetRefs.has(`refs/heads/${branch}`)) {
    // A new repository's HEAD points at the branch its create answer names (the host's default branch name), so when
    // that branch was pushed it is the default: no read back. Otherwise the first push may have made another branch
    // the default (GitLab, Bitbucket Cloud take the first pushed branch): write without reading, a write costs what
    // a read would. A wrong guess is put right by the next verification run, which reads first.
    const current = created ? { ...target, defaultBranch: target.defaultBranch ?? '' } : target;
    const was = current.defaultBranch;
    if (was !== branch && (await ctx.target.setDefaultBranch(current, branch)) && !created) {
      ctx.runtime.info(`default branch set to ${branch}${was ? ` (was ${was})` : ''}, as on the source`);
    }
  }
  // A new repository was created with the source's visibility.
  if (!created && visibilityDrift(ctx, job.source, target)) {
    const was = target.visibility;
    const wanted = hostVisibility(ctx.target, job.source.visibility);
    if (await ctx.target.setVisibility(target, wanted)) {
      ctx.runtime.info(`visibility set to ${wanted} (was ${was}), as on the source`);
    }
  }
}

/** The target repository, created now (or adopted after a lost answer). */
async function createTargetRepo(ctx: RepoContext, job: RepoJob): Promise<CreatedTarget> {
  const made = await createTarget({
    target: ctx.target,
    request: {
      name: job.targetPath,
      description: `Mirror of ${job.source.webUrl}`,
      visibility: visibilityFor(ctx.settings, job.source),
      defaultBranch: job.source.defaultBranch,
    },
    sourceWebUrl: job.source.webUrl,
    isEmpty: async (repo) => {
      const url = gitUrlOf(ctx, 'target', repo);
      const credentials = await credentialsFor(url, ctx.target, ctx.ssh?.target);
      return (await listRemoteRefs(ctx.git, url, credentials, discoveryOptions(ctx))).refs.size === 0;
    },
    onRetry: (message) => ctx.runtime.warning(message),
  });
  ctx.runtime.info(`${made.adopted ? 'adopted' : 'created'} ${made.repo.webUrl}`);
  return made;
}

export function divergedReason(diverged: PlannedRef[]): string | undefined {
  if (!diverged.length) return undefined;
  const names = diverged.slice(0, 5).map((action) => action.ref);
  const more = diverged.length > 5 ? ` and ${diverged.length - 5} more` : '';
  return `${diverged.length} ref(s) changed on the target since the mirror last wrote them, left untouched: ${names.join(', ')}${more}`;
}

function visibilityFor(settings: Settings, source: RepoInfo): Visibility {
  return settings.visibility === 'source' ? source.visibility : settings.visibility;
}

export async function credentialsFor(url: string, host: Host, ssh?: SshTransport): Promise<GitCredential[]> {
  if (ssh) return [{ url, sshCommand: ssh.command }];
  const header = await host.gitAuthHeader();
  return header ? [{ url, header }] : [];
}

/** git on an SSH side: ssh's words for a host key or key problem become one clear sentence naming the input. */
async function overSide<T>(ctx: RepoContext, side: Side, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const explained = ctx.ssh?.[side] && error instanceof GitError && explainSshFailure(side, error.stderr);
    throw explained ? new Error(explained) : error;
  }
}

/** The URL git uses for a repository on one side: the API's SSH URL when that side has an SSH key, else HTTPS. */
function gitUrlOf(ctx: RepoContext, side: Side, repo: RepoInfo): string {
  const url = ctx.ssh?.[side] ? repo.sshUrl : repo.cloneUrl;
  if (url) return url;
  throw new Error(
    ctx.ssh?.[side]
      ? `the ${side} API gives no SSH clone URL for ${repo.webUrl}`
      : `the ${side} API gives no HTTP(S) clone URL for ${repo.webUrl} (HTTP(S) git access off?); set ${side}-ssh-key`,
  );
}
