/**
 * A repository's wiki (`wikis: true`), after its code: the wiki's branches go into the target repository's wiki with
 * the same leases, state and divergence rules as code, under a state key of their own. Wikis have no push stamp, so
 * the no-op path is one ref discovery of the source wiki compared with what the mirror last wrote; the target is read
 * only when they differ or verification is due. A disabled source wiki costs nothing. A target that cannot hold a
 * wiki (Bitbucket, a GitHub wiki never initialised) gets a note, not a failure.
 */
import path from 'node:path';

import { CacheRepo } from '../git/cache-repo.js';
import { listRemoteRefs, type RefListing } from '../git/ref-discovery.js';
import type { GitCredential } from '../git/git.js';
import { sameRefs, type RefMap } from '../git/refs.js';
import { kindOf } from '../errors.js';
import type { RepoInfo } from '../hosts/host.js';
import type { RepoStatus, WikiResult } from '../report/model.js';
import { inSyncResult, leasedPush, syncRefs } from './ref-sync.js';
import type { Outcome, RepoContext, RepoJob } from './repo-context.js';
import { credentialsFor, discoveryOptions, repoStateKey, verificationDue } from './repo-context.js';
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
    outcome = { wiki: { status, reason: (error as Error).message, refs: [], kind: kindOf(error) } };
  }
  const { wiki, note } = outcome;
  if (note) ctx.runtime.info(`${job.source.path}: ${note}`);
  if (!wiki && !note) return code;
  const result: Outcome = { ...code };
  if (note) result.notes = [...(code.notes ?? []), note];
  if (wiki) {
    result.wiki = wiki;
    result.status = moreTelling(code.status, wiki.status);
    if (result.status === wiki.status && wiki.kind && !code.kind) result.kind = wiki.kind;
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
    if (ctx.settings.mode === 'sync') await ctx.store.write(stateKey, wikiState(job, sides, sourceRefs, true));
    return { wiki: inSyncResult(ctx) };
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
  const cacheName = stableHash(`wiki|${settings.source.type}|${settings.source.url}|${job.source.id}`);
  const cache = new CacheRepo(ctx.git, path.join(settings.cacheDir, 'repos', `${cacheName}.git`));
  // No protection to lift: wikis carry no protected branches on any host.
  const { result } = await syncRefs(ctx, {
    stateKey: sides.stateKey,
    state: sides.state,
    cache,
    sourceUrl: sides.sourceUrl,
    sourceCredentials: sides.sourceCredentials,
    sourceRefs: sides.sourceRefs,
    targetRefs: sides.targetRefs,
    stateFor: (refs, clean) => wikiState(job, sides, refs, clean),
    // Credentials asked again: an App installation token read before the fetch may have been renewed since.
    push: async (updates, history) =>
      leasedPush(ctx, cache, sides.targetUrl, updates, await credentialsFor(sides.targetUrl, ctx.target), history),
    // Replaced wiki tips are kept as the code's are; the guard watches the code's branches and tags only.
    history: {
      name: job.source.path,
      refs: sides.targetHistory ?? new Map(),
      fetchTargetRefs: (refs) => cache.fetchRefsOf(sides.targetUrl, refs, sides.targetCredentials, ctx.signal),
      guard: false,
    },
  });
  return result;
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
    if (kindOf(error) === 'not-found') return undefined;
    throw error;
  }
}

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
