/**
 * A repository's wiki (`wikis: true`), after its code: the wiki's branches go into the target repository's wiki with
 * the same leases, state and divergence rules as code, under a state key of their own. Wikis have no push stamp, so
 * the no-op path is one ref discovery of the source wiki compared with what the mirror last wrote; the target is read
 * only when they differ or verification is due. A disabled source wiki costs nothing. A target that cannot hold a
 * wiki (Bitbucket, a GitHub wiki never initialised) gets a note, not a failure.
 */
import path from 'node:path';

import { CacheRepo, type PushOutcome } from '../git/cache-repo.js';
import { listRemoteRefs, type RefListing } from '../git/ref-discovery.js';
import type { GitCredential } from '../git/git.js';
import { sameRefs, type RefMap } from '../git/refs.js';
import type { RepoInfo } from '../hosts/host.js';
import type { RepoStatus, WikiResult } from '../report/model.js';
import { assessDestruction, pushList, type Destruction } from './history-plan.js';
import { planRefs, updatesOf, type PlannedRef } from './plan.js';
import {
  applyOutcomes,
  confirmWritten,
  credentialsFor,
  discoveryOptions,
  divergedReason,
  fetchIntoCache,
  recordable,
  repoStateKey,
  stripPlan,
  verificationDue,
  type Outcome,
  type RepoContext,
  type RepoJob,
} from './repo-sync.js';
import { refsRecord, stableHash, type RepoState } from './state.js';

interface WikiOutcome {
  wiki?: WikiResult;
  note?: string;
}

/** The code's outcome with the wiki's added: the more telling status of the two, the wiki's reason and note. */
export async function withWiki(ctx: RepoContext, job: RepoJob, code: Outcome): Promise<Outcome> {
  // A wiki switched off at the source costs nothing: no request at all. No target repository, no wiki either.
  const sourceUrl = job.source.wikiEnabled ? job.source.wikiCloneUrl : undefined;
  if (!sourceUrl || !(job.target || code.status === 'created')) return code;
  let outcome: WikiOutcome;
  try {
    outcome = await syncWiki(ctx, job, sourceUrl, () => targetOf(ctx, job));
  } catch (error) {
    const status: RepoStatus = ctx.settings.mode === 'check' ? 'unavailable' : 'failed';
    outcome = { wiki: { status, reason: (error as Error).message, refs: [] } };
  }
  const { wiki, note } = outcome;
  if (note) ctx.runtime.info(`${job.source.path}: ${note}`);
  if (!wiki && !note) return code;
  const result: Outcome = { ...code };
  if (note) result.notes = [...(code.notes ?? []), note];
  if (wiki) {
    result.wiki = wiki;
    result.status = moreTelling(code.status, wiki.status);
    if (wiki.reason && wiki.status !== 'up-to-date') {
      // An unchanged code's remark ("source unchanged…") would only confuse the wiki's problem.
      const codeReason = code.status === 'up-to-date' || code.status === 'in-sync' ? undefined : code.reason;
      result.reason = [codeReason, `wiki: ${wiki.reason}`].filter(Boolean).join('; ');
    }
  }
  return result;
}

/** The target repository (one the code step just created is read back, for its wiki's switch and URL). */
async function targetOf(ctx: RepoContext, job: RepoJob): Promise<RepoInfo> {
  const target = job.target ?? (await ctx.target.getRepo(job.targetPath));
  if (!target) throw new Error(`the target repository ${job.targetPath} was not found after its creation`);
  return target;
}

/** Problems first, then changes: a wiki that diverged makes the repository diverged, an updated one updated. */
const TELLING: RepoStatus[] = ['failed', 'unavailable', 'diverged', 'behind', 'missing', 'update', 'create', 'created'];

function moreTelling(code: RepoStatus, wiki: RepoStatus): RepoStatus {
  const rank = (status: RepoStatus): number => {
    const index = TELLING.indexOf(status);
    return index < 0 ? TELLING.length + (status === 'updated' ? 0 : 1) : index;
  };
  return rank(wiki) < rank(code) ? wiki : code;
}

/** Both sides of one wiki, once both were read, and what the mirror last wrote. */
interface WikiSides {
  stateKey: string;
  state?: RepoState;
  sourceUrl: string;
  sourceCredentials: GitCredential[];
  sourceRefs: RefMap;
  targetUrl: string;
  targetCredentials: GitCredential[];
  targetRefs: RefMap;
  /** The target wiki's history refs (SPEC "History"), from the same listing. */
  targetHistory?: RefMap;
}

async function syncWiki(
  ctx: RepoContext,
  job: RepoJob,
  sourceUrl: string,
  findTarget: () => Promise<RepoInfo>,
): Promise<WikiOutcome> {
  const sourceCredentials = await credentialsFor(sourceUrl, ctx.source);
  const sourceRefs = (await discoverRefs(ctx, sourceUrl, sourceCredentials))?.refs;
  // GitHub: the switch is on but no page was ever created, so there is no wiki repository.
  if (!sourceRefs) return {};
  const stateKey = repoStateKey(ctx, job, 'wiki');
  const state = await ctx.store.read(stateKey);
  if (!sourceRefs.size && !state) return {};
  const target = await findTarget();
  if (ctx.settings.mode === 'sync' && isUnchanged(ctx, state, sourceUrl, sourceRefs, target)) {
    return { wiki: { status: 'up-to-date', refs: [] } };
  }
  const targetSide = await readTargetWiki(ctx, target);
  if ('note' in targetSide) return targetSide;
  const sides: WikiSides = { stateKey, state, sourceUrl, sourceCredentials, sourceRefs, ...targetSide };
  if (sameRefs(sourceRefs, targetSide.targetRefs)) {
    if (ctx.settings.mode === 'check') return { wiki: { status: 'in-sync', refs: [] } };
    if (ctx.settings.mode === 'sync') {
      await ctx.store.write(stateKey, wikiState(job, sides, sourceRefs, true));
    }
    return { wiki: { status: 'up-to-date', refs: [] } };
  }
  return { wiki: await planAndWrite(ctx, job, sides) };
}

/**
 * The target wiki's refs, or a note when the target cannot hold a wiki. A GitLab project's wiki is switched on when
 * the mirror writes (check and preview read it as empty); a GitHub wiki's repository cannot be made by the mirror.
 */
async function readTargetWiki(
  ctx: RepoContext,
  target: RepoInfo,
): Promise<Pick<WikiSides, 'targetUrl' | 'targetCredentials' | 'targetRefs' | 'targetHistory'> | { note: string }> {
  const targetUrl = target.wikiCloneUrl;
  if (!targetUrl) {
    return { note: `wiki not mirrored: ${ctx.target.type} has no wiki repository the mirror can write to` };
  }
  const targetCredentials = await credentialsFor(targetUrl, ctx.target);
  if (target.wikiEnabled === false) {
    if (!ctx.target.enableWiki) {
      return {
        note: `wiki not mirrored: the wiki of ${target.webUrl} is switched off; switch it on and create its first page to receive the source's wiki`,
      };
    }
    if (ctx.settings.mode !== 'sync') return { targetUrl, targetCredentials, targetRefs: new Map() };
    await ctx.target.enableWiki(target);
  }
  const targetListing = await discoverRefs(ctx, targetUrl, targetCredentials);
  if (!targetListing) {
    return {
      note: `wiki not mirrored: ${target.webUrl} has no wiki repository yet (GitHub creates it with the first page); create one page, then run once with on-divergence: overwrite`,
    };
  }
  return { targetUrl, targetCredentials, targetRefs: targetListing.refs, targetHistory: targetListing.history };
}

/** Refs differ: fetch the source wiki, plan as for code, and report (check, preview) or push with leases (sync). */
async function planAndWrite(ctx: RepoContext, job: RepoJob, sides: WikiSides): Promise<WikiResult> {
  const { settings } = ctx;
  const cache = new CacheRepo(
    ctx.git,
    path.join(
      settings.cacheDir,
      'repos',
      `${stableHash(`wiki|${settings.source.type}|${settings.source.url}|${job.source.id}`)}.git`,
    ),
  );
  if (sides.sourceRefs.size) await fetchIntoCache(ctx, cache, sides.sourceUrl, sides.sourceCredentials);
  const plan = await planRefs({
    source: sides.sourceRefs,
    target: sides.targetRefs,
    written: sides.state ? { refs: sides.state.refs, pending: sides.state.pending } : undefined,
    prune: settings.prune,
    overwrite: settings.onDivergence === 'overwrite',
    isAncestor: (ancestor, descendant) => cache.isAncestor(ancestor, descendant),
  });
  const diverged = plan.filter((action) => action.kind === 'diverged');
  const reason = divergedReason(diverged);
  if (settings.mode === 'check')
    return { status: diverged.length ? 'diverged' : 'behind', reason, refs: stripPlan(plan) };
  if (settings.mode === 'preview')
    return { status: diverged.length ? 'diverged' : 'update', reason, refs: stripPlan(plan) };

  const known = confirmWritten(sides.state, plan);
  const updates = updatesOf(plan);
  // Replaced wiki tips are kept as the code's are; the guard watches the code's branches and tags only.
  const destruction = updates.length
    ? await assessDestruction({
        settings: { ...settings, destructiveLimit: null },
        name: job.source.path,
        plan,
        target: sides.targetRefs,
        history: sides.targetHistory ?? new Map(),
        cache,
        fetchTargetRefs: (refs) => cache.fetchRefsOf(sides.targetUrl, refs, sides.targetCredentials, ctx.signal),
        layout: ctx.target.historyRefs,
        startedAt: ctx.startedAt ?? new Date(),
      })
    : undefined;
  const outcomes = updates.length ? await pushWiki(ctx, cache, job, sides, updates, known, destruction) : [];
  const refs = applyOutcomes(plan, outcomes);
  const failedRefs = refs.filter((action) => action.error);
  const finalTarget = new Map(sides.targetRefs);
  for (const action of refs) {
    if (action.error || action.kind === 'diverged') continue;
    if (action.to) finalTarget.set(action.ref, action.to);
    else finalTarget.delete(action.ref);
  }
  const clean = diverged.length === 0 && failedRefs.length === 0;
  await ctx.store.write(sides.stateKey, wikiState(job, sides, recordable(finalTarget, plan, refs, known), clean));
  if (failedRefs.length) {
    const rejected = failedRefs.map((action) => `${action.ref} ${action.error}`).join('; ');
    return { status: 'failed', reason: `${failedRefs.length} ref(s) rejected: ${rejected}`, refs };
  }
  const status: RepoStatus =
    diverged.length && settings.onDivergence === 'fail' ? 'diverged' : updates.length ? 'updated' : 'up-to-date';
  return { status, reason, refs };
}

/**
 * The refs of a wiki's repository, or undefined when there is none (GitHub answers 404 until a first page exists).
 * One ref discovery per wiki, the same call the code repository uses (switch the two together).
 */
async function discoverRefs(
  ctx: RepoContext,
  url: string,
  credentials: GitCredential[],
): Promise<RefListing | undefined> {
  try {
    const listing = await listRemoteRefs(ctx.git, url, credentials, discoveryOptions(ctx));
    for (const ref of listing.unsafe) {
      ctx.runtime.warning(
        `${url}: ref ${JSON.stringify(ref)} has a name git or the mirror cannot use safely; not mirrored`,
      );
    }
    return listing;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404 || NO_REPOSITORY.test((error as Error).message))
      return undefined;
    throw error;
  }
}

/** git's words for a repository that is not there (as opposed to refused credentials or network trouble). */
const NO_REPOSITORY = /(repository '[^']*' not found|returned error: 404|Repository not found)/i;

/** Nothing changed at the source since a clean write, and verification is not due: the target is not read. */
function isUnchanged(
  ctx: RepoContext,
  state: RepoState | undefined,
  sourceUrl: string,
  sourceRefs: RefMap,
  target: RepoInfo,
): boolean {
  return Boolean(
    state?.clean &&
    state.source.cloneUrl === sourceUrl &&
    state.target.cloneUrl === target.wikiCloneUrl &&
    target.wikiEnabled !== false &&
    sameRefs(sourceRefs, new Map(Object.entries(state.refs))) &&
    !verificationDue(ctx, state),
  );
}

function wikiState(job: RepoJob, sides: WikiSides, refs: RefMap, clean: boolean): RepoState {
  return {
    version: 1,
    source: { id: job.source.id, cloneUrl: sides.sourceUrl },
    target: { path: job.targetPath, cloneUrl: sides.targetUrl },
    refs: refsRecord(refs),
    clean,
    verifiedAt: new Date().toISOString(),
  };
}

/**
 * Push with a lease per ref, recording the values about to be written first (a run killed mid-push must not see its
 * own writes as divergence). No protection to lift: wikis carry no protected branches on any host.
 */
async function pushWiki(
  ctx: RepoContext,
  cache: CacheRepo,
  job: RepoJob,
  sides: WikiSides,
  updates: PlannedRef[],
  state: RepoState | undefined,
  destruction?: Destruction,
): Promise<PushOutcome[]> {
  await ctx.transferSlot?.();
  const pending: RefMap = new Map(
    updates.filter((action) => action.to).map((action) => [action.ref, action.to as string]),
  );
  await ctx.store.write(sides.stateKey, {
    ...(state ?? wikiState(job, sides, new Map(), false)),
    pending: refsRecord(pending),
    clean: false,
  });
  return cache.push(
    sides.targetUrl,
    pushList(updates, destruction),
    // Asked again: an App installation token read before the fetch may have been renewed since.
    await credentialsFor(sides.targetUrl, ctx.target),
    ctx.signal,
    { atomic: Boolean(destruction?.keep.length || destruction?.expired.length) },
  );
}
