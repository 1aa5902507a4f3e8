/**
 * The ref sync that code and wikis share, once both sides' refs are known: fetch the source into the cache, plan
 * (fast-forward, divergence, prune), report (check, preview) or record what is about to be written and push it with a
 * lease per ref (sync), then record what the target holds. Each caller brings its own cache, state and push: the code
 * wraps protection and LFS around its push (repo-sync.ts), a wiki pushes as it is (wiki-sync.ts).
 */
import { CacheRepo, type PushOutcome } from '../git/cache-repo.js';
import type { GitCredential } from '../git/git.js';
import type { RefMap } from '../git/refs.js';
import { kindOf } from '../errors.js';
import type { RefAction, RepoStatus, WikiResult } from '../report/model.js';
import type { Mode } from '../settings/settings.js';
import { assessDestruction, historyNotes, pushList, type Destruction } from './history-plan.js';
import { planRefs, updatesOf, type PlannedRef } from './plan.js';
import type { RepoContext } from './repo-context.js';
import { refsRecord, type RepoState } from './state.js';

/** One pair of repositories (code or wiki) whose refs differ. */
export interface RefSyncJob {
  stateKey: string;
  /** What the mirror last wrote to this target, when known. */
  state?: RepoState;
  cache: CacheRepo;
  sourceUrl: string;
  sourceCredentials: GitCredential[];
  /** The cache already holds the source's objects (fetched before the refs were read). */
  fetched?: boolean;
  sourceRefs: RefMap;
  targetRefs: RefMap;
  /** A repository this run created: reported `created` rather than `updated`. */
  created?: boolean;
  /** The state to record for this pair: the target's refs after the write, and whether it is equal to the source. */
  stateFor(refs: RefMap, clean: boolean): RepoState;
  /** Work to do before the values about to be written are recorded (the code's LFS objects). */
  prepare?(updates: PlannedRef[]): Promise<void>;
  /**
   * Push the updates, each with its lease (the code lifts and restores protection around it), with the history refs
   * `history` adds (kept tips, expired ones): see `leasedPush`.
   */
  push(updates: PlannedRef[], history?: Destruction): Promise<PushOutcome[]>;
  /** History refs and the guard (SPEC "History"): what the target keeps and how it is read. */
  history?: HistorySide;
}

/** What the ref sync needs to keep replaced tips on one target and guard it. */
export interface HistorySide {
  /** The source name `accept` is matched against. */
  name: string;
  /** The target's history refs, from the same listing as its branches and tags. */
  refs: RefMap;
  /** Fetches target refs whose tips the cache lacks (to keep a tip only the target had). */
  fetchTargetRefs(refs: string[]): Promise<void>;
  /** Whether the destruction guard watches this pair (the code's branches and tags; not a wiki's). */
  guard: boolean;
}

/** What the ref sync leaves: the result to report, and (after a sync) the target's refs and what was pushed. */
export interface RefSyncResult {
  result: WikiResult;
  /** The target's refs after the write (sync only). */
  finalTarget?: RefMap;
  /** Refs the push was asked to write (sync only). */
  updates?: number;
  /** What to do about a held pair (the guard's advice). */
  next?: string;
  /** Where replaced tips were kept, expired history refs deleted, a held change accepted. */
  notes?: string[];
}

export async function syncRefs(ctx: RepoContext, job: RefSyncJob): Promise<RefSyncResult> {
  const { settings } = ctx;
  // Refs differ: the source's objects are needed (to push, and to tell fast-forwards from divergence).
  if (job.sourceRefs.size && !job.fetched) {
    await fetchIntoCache(ctx, job.cache, job.sourceUrl, job.sourceCredentials);
  }
  const plan = await planRefs({
    source: job.sourceRefs,
    target: job.targetRefs,
    written: job.state ? { refs: job.state.refs, pending: job.state.pending } : undefined,
    prune: settings.prune,
    overwrite: settings.onDivergence === 'overwrite',
    isAncestor: (ancestor, descendant) => job.cache.isAncestor(ancestor, descendant),
  });
  const destruction = job.history ? await assessHistory(ctx, job, job.history, plan) : undefined;
  if (destruction?.held) return holdPair(ctx, job, destruction, plan);
  if (settings.mode !== 'sync') return { result: refResult(ctx, plan) };

  const known = confirmWritten(job.state, plan);
  const updates = updatesOf(plan);
  const outcomes = updates.length ? await writeRecorded(ctx, job, updates, known, destruction) : [];
  const refs = applyOutcomes(plan, outcomes);
  const finalTarget = targetAfter(job.targetRefs, refs);
  const clean = !plan.some((action) => action.kind === 'diverged') && !refs.some((action) => action.error);
  await ctx.store.write(job.stateKey, job.stateFor(recordable(finalTarget, plan, refs, known), clean));
  const notes = historyNotes(destruction, new Set(outcomes.filter((o) => !o.ok).map((o) => o.ref)));
  return {
    result: refResult(ctx, plan, { refs, created: job.created }),
    finalTarget,
    updates: updates.length,
    ...(notes.length ? { notes } : {}),
  };
}

/** The replaced tips of a plan, the guard's verdict, and the history refs the push carries. */
function assessHistory(ctx: RepoContext, job: RefSyncJob, side: HistorySide, plan: PlannedRef[]): Promise<Destruction> {
  const { settings } = ctx;
  return assessDestruction({
    settings: side.guard ? settings : { ...settings, destructiveLimit: null },
    name: side.name,
    plan,
    target: job.targetRefs,
    history: side.refs,
    cache: job.cache,
    fetchTargetRefs: side.fetchTargetRefs,
    layout: ctx.target.historyRefs,
    startedAt: ctx.startedAt ?? new Date(),
  });
}

/**
 * A pair the destruction guard holds: nothing written, reported `held` with the counts and how to release it. Its
 * state no longer counts as clean, so that the no-op fast path does not call it up to date next time.
 */
async function holdPair(
  ctx: RepoContext,
  job: RefSyncJob,
  destruction: Destruction,
  plan: PlannedRef[],
): Promise<RefSyncResult> {
  if (ctx.settings.mode === 'sync' && job.state?.clean)
    await ctx.store.write(job.stateKey, { ...job.state, clean: false });
  const name = job.history?.name ?? '';
  return {
    result: { status: 'held', reason: destruction.verdict.reason, refs: stripPlan(plan) },
    next: `if the change at the source is intended, rerun with accept: ${name} to apply it (the replaced tips are kept)`,
  };
}

/**
 * The one result step of check, preview and sync: the status and reason of a pair whose refs differ, from its plan
 * (and, after a sync, from what the push did).
 */
export function refResult(
  ctx: RepoContext,
  plan: PlannedRef[],
  written?: { refs: RefAction[]; created?: boolean },
): WikiResult {
  const diverged = plan.filter((action) => action.kind === 'diverged');
  const reason = divergedReason(diverged);
  const mode: Mode = ctx.settings.mode;
  if (!written || mode !== 'sync') {
    const changed: RepoStatus = mode === 'check' ? 'behind' : 'update';
    return { status: diverged.length ? 'diverged' : changed, reason, refs: stripPlan(plan) };
  }
  const { refs } = written;
  const failedRefs = refs.filter((action) => action.error);
  if (failedRefs.length) {
    const rejected = failedRefs.map((action) => `${action.ref} ${action.error}`).join('; ');
    const kind = failedRefs.find((action) => action.errorKind)?.errorKind;
    return { status: 'failed', reason: `${failedRefs.length} ref(s) rejected: ${rejected}`, refs, kind };
  }
  const status: RepoStatus =
    diverged.length && ctx.settings.onDivergence === 'fail'
      ? 'diverged'
      : written.created
        ? 'created'
        : refs.some((action) => action.kind !== 'diverged')
          ? 'updated'
          : 'up-to-date';
  return { status, reason, refs };
}

/** The result of a pair whose two sides hold the same refs. */
export function inSyncResult(ctx: RepoContext): WikiResult {
  return { status: ctx.settings.mode === 'check' ? 'in-sync' : 'up-to-date', refs: [] };
}

/**
 * Record what is about to be written before writing it (a run killed mid-push must not see its own writes as
 * divergence next time), then push.
 */
async function writeRecorded(
  ctx: RepoContext,
  job: RefSyncJob,
  updates: PlannedRef[],
  known: RepoState | undefined,
  history?: Destruction,
): Promise<PushOutcome[]> {
  await ctx.transferSlot?.();
  await job.prepare?.(updates);
  const pending: RefMap = new Map(
    updates.filter((action) => action.to).map((action) => [action.ref, action.to as string]),
  );
  await ctx.store.write(job.stateKey, {
    ...(known ?? job.stateFor(new Map(), false)),
    pending: refsRecord(pending),
    clean: false,
  });
  return job.push(updates, history);
}

/**
 * One push of `updates` from the cache, each ref leased on the value the plan saw on the target, with each kept tip
 * right before the change that replaces it and expired history refs last; atomic (all or nothing) when it carries
 * history refs, so that no tip is replaced without being kept.
 */
export function leasedPush(
  ctx: RepoContext,
  cache: CacheRepo,
  url: string,
  updates: PlannedRef[],
  credentials: GitCredential[],
  history?: Destruction,
): Promise<PushOutcome[]> {
  return cache.push(url, pushList(updates, history), credentials, ctx.signal, {
    atomic: Boolean(history?.keep.length || history?.expired.length),
  });
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

/** The target's refs once the push is done: what it held, with every ref that was written changed. */
function targetAfter(targetRefs: RefMap, refs: RefAction[]): RefMap {
  const finalTarget = new Map(targetRefs);
  for (const action of refs) {
    if (action.error || action.kind === 'diverged') continue;
    if (action.to) finalTarget.set(action.ref, action.to);
    else finalTarget.delete(action.ref);
  }
  return finalTarget;
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

export function applyOutcomes(plan: PlannedRef[], outcomes: PushOutcome[]): RefAction[] {
  const byRef = new Map(outcomes.map((outcome) => [outcome.ref, outcome]));
  return plan.map((action) => {
    const outcome = byRef.get(action.ref);
    const kind = outcome?.forced && action.kind === 'update' ? 'force-update' : action.kind;
    const result: RefAction = { ref: action.ref, kind, from: action.from, to: action.to };
    if (outcome && !outcome.ok) {
      result.error = outcome.message ?? 'rejected';
      if (outcome.kind) result.errorKind = outcome.kind;
    }
    return result;
  });
}

export function stripPlan(plan: PlannedRef[]): RefAction[] {
  return plan.map(({ ref, kind, from, to }) => ({ ref, kind, from, to }));
}

export function divergedReason(diverged: PlannedRef[]): string | undefined {
  if (!diverged.length) return undefined;
  const names = diverged.slice(0, 5).map((action) => action.ref);
  const more = diverged.length > 5 ? ` and ${diverged.length - 5} more` : '';
  return `${diverged.length} ref(s) changed on the target since the mirror last wrote them, left untouched: ${names.join(', ')}${more}`;
}

/**
 * Fetch the source into the cache. A cache repository damaged by a killed run is rebuilt from the source once; a
 * failure the source or the network caused (refused, gone, stalled, unreachable) is not the cache's, and keeps it.
 */
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
    if (ctx.signal?.aborted || !cache.exists() || kindOf(error) !== 'unexpected') throw error;
    ctx.runtime.warning(`cache of ${url} could not be updated (${(error as Error).message}); rebuilding it`);
    await cache.rebuild();
    await cache.fetch(url, credentials, ctx.signal);
  }
}
