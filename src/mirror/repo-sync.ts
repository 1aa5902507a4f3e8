/**
 * One repository, start to end: find or create the target, compare refs, fetch, plan, push with leases, keep
 * protection and the default branch, record what was written. Throws only for failures of this repository; the
 * engine turns them into a `failed` (or `unavailable`) result and goes on with the others.
 */
import path from 'node:path';

import { CacheRepo } from '../git/cache-repo.js';
import type { GitCredential } from '../git/git.js';
import { listRemoteRefs } from '../git/ref-discovery.js';
import { sameRefs, type RefMap } from '../git/refs.js';
import type { RefAction, RepoResult } from '../report/model.js';
import type { RepoInfo } from '../hosts/host.js';
import type { CreatedTarget } from './create-target.js';
import { fetchIntoCache, inSyncResult, leasedPush, syncRefs } from './ref-sync.js';
import {
  credentialsFor,
  discoveryOptions,
  gitUrlOf,
  overSide,
  repoStateKey,
  verificationDue,
  type Outcome,
  type RepoContext,
  type RepoJob,
} from './repo-context.js';
import { refsRecord, stableHash, type RepoState } from './state.js';
import {
  aroundPush,
  createTargetRepo,
  followSourceSettings,
  keepProtected,
  targetSettingsDrift,
} from './target-settings.js';
import { withWiki } from './wiki-sync.js';

export async function syncRepository(ctx: RepoContext, job: RepoJob): Promise<Outcome> {
  const { outcome, job: completed } = await syncCode(ctx, job);
  // The wiki is its own step after the code (wiki-sync.ts): it has no push stamp, so it runs even when the code's
  // fast path found nothing to do.
  return ctx.settings.wikis ? withWiki(ctx, completed, outcome) : outcome;
}

/** The code of one repository as this run sees it: the source read, what the mirror last wrote. */
interface CodeSync {
  /** The job, its source's default branch completed from the refs when the listing had none. */
  job: RepoJob;
  stateKey: string;
  state?: RepoState;
  base: Pick<RepoResult, 'name' | 'target'>;
  cache: CacheRepo;
  sourceUrl: string;
  sourceCredentials: GitCredential[];
  /** The cache was fetched before the refs were read (a repository about to be created). */
  fetched: boolean;
  sourceRefs: RefMap;
}

/** The target side once found or created: its refs, and whether this run made it. */
interface TargetSide {
  repo: RepoInfo;
  created?: CreatedTarget;
  refs: RefMap;
  /** The target's history refs (SPEC "History"), from the same listing. */
  history?: RefMap;
}

async function syncCode(ctx: RepoContext, given: RepoJob): Promise<{ outcome: Outcome; job: RepoJob }> {
  const stateKey = repoStateKey(ctx, given);
  const state = await ctx.store.read(stateKey);
  const base = { name: given.source.path, target: given.targetPath };
  const done = (outcome: Outcome, job = given) => ({ outcome, job });
  const sync = ctx.settings.mode === 'sync';

  if (sync && given.target && isUnchanged(ctx, given, state) && !targetSettingsDrift(ctx, given, state)) {
    return done({ ...base, status: 'up-to-date', reason: 'source unchanged since the last sync', refs: [] });
  }
  const code = await readSource(ctx, given, stateKey, state);
  // The target is read only when this run must check it: the source holds exactly what the mirror last wrote.
  if (sync && code.job.target && matchesLastSync(ctx, code.job, state, code.sourceRefs)) {
    return done(
      { ...base, status: 'up-to-date', reason: 'source refs unchanged since the last sync', refs: [] },
      code.job,
    );
  }
  const target = await findTarget(ctx, code);
  if (!('repo' in target)) return done(target, code.job);
  return done(await writeCode(ctx, code, target), code.job);
}

/** The source's refs: by ref discovery, or (for a repository about to be created) from the cache after a fetch. */
async function readSource(
  ctx: RepoContext,
  job: RepoJob,
  stateKey: string,
  state: RepoState | undefined,
): Promise<CodeSync> {
  const { settings } = ctx;
  const sourceUrl = gitUrlOf(ctx, 'source', job.source);
  const sourceCredentials = await credentialsFor(sourceUrl, ctx.source, ctx.ssh?.source);
  const cacheName = stableHash(`${settings.source.type}|${settings.source.url}|${job.source.id}`);
  const cache = new CacheRepo(ctx.git, path.join(settings.cacheDir, 'repos', `${cacheName}.git`));
  // A repository about to be created needs everything anyway: fetch at once and read the refs from the cache,
  // saving a network round trip per new repository on a first sync.
  const fetched = settings.mode === 'sync' && !job.target && settings.createMissing;
  if (fetched) await overSide(ctx, 'source', fetchIntoCache(ctx, cache, sourceUrl, sourceCredentials));
  const listing = fetched
    ? { ...(await cache.localListing()), head: await cache.headBranch() }
    : await overSide(ctx, 'source', listRemoteRefs(ctx.git, sourceUrl, sourceCredentials, discoveryOptions(ctx)));
  for (const ref of listing.unsafe) {
    ctx.runtime.warning(
      `${job.source.path}: ref ${JSON.stringify(ref)} has a name git or the mirror cannot use safely; not mirrored`,
    );
  }
  // A listing without the default branch (Bitbucket Server's) is completed from the HEAD the refs came with.
  const head = listing.head;
  const completed =
    !job.source.defaultBranch && head && listing.refs.has(`refs/heads/${head}`)
      ? { ...job, source: { ...job.source, defaultBranch: head } }
      : job;
  return {
    job: completed,
    stateKey,
    state,
    base: { name: job.source.path, target: job.targetPath },
    cache,
    sourceUrl,
    sourceCredentials,
    fetched,
    sourceRefs: listing.refs,
  };
}

/** The target repository and its refs, created when missing (sync), or the outcome when there is none to write. */
async function findTarget(ctx: RepoContext, code: CodeSync): Promise<TargetSide | Outcome> {
  const { settings } = ctx;
  const { job, base } = code;
  let repo = job.target;
  let created: CreatedTarget | undefined;
  if (!repo) {
    if (settings.mode === 'check') return { ...base, status: 'missing', reason: 'no target repository', refs: [] };
    if (!settings.createMissing) {
      return { ...base, status: 'skipped', reason: 'no target repository and create-missing is false', refs: [] };
    }
    if (settings.mode === 'preview') {
      const refs = [...code.sourceRefs].sort().map(([ref, to]): RefAction => ({ ref, kind: 'create', to }));
      return { ...base, status: 'create', refs };
    }
    // Created before the comparison: a repository adopted after a lost answer may already hold refs.
    created = await createTargetRepo(ctx, job);
    repo = created.repo;
  }
  // A repository this run created (not adopted) is empty: nothing to read.
  if (created && !created.adopted) return { repo, created, refs: new Map() };
  const url = gitUrlOf(ctx, 'target', repo);
  const credentials = await credentialsFor(url, ctx.target, ctx.ssh?.target);
  const listing = await overSide(ctx, 'target', listRemoteRefs(ctx.git, url, credentials, discoveryOptions(ctx)));
  return { repo, created, refs: listing.refs, history: listing.history };
}

/** Both sides known: confirm an unchanged pair, or plan and write through the shared ref sync. */
async function writeCode(ctx: RepoContext, code: CodeSync, target: TargetSide): Promise<Outcome> {
  const { settings } = ctx;
  const { job, base, state, stateKey, sourceRefs } = code;
  if (settings.mode === 'check' && sourceRefs.size === 0) return { ...base, status: 'empty', refs: [] };
  if (!target.created && sameRefs(sourceRefs, target.refs)) {
    if (settings.mode === 'sync') {
      if (!state || !state.clean || verificationDue(ctx, state)) await keepProtected(ctx, target.repo, job, sourceRefs);
      else if (targetSettingsDrift(ctx, job, state)) await followSourceSettings(ctx, target.repo, job, sourceRefs);
      await ctx.store.write(stateKey, newState(job, target.repo, sourceRefs, true));
    }
    return { ...base, ...inSyncResult(ctx) };
  }
  // Made by this run's own create (not adopted after a lost answer): empty, with no rule of anyone else's.
  const fresh = Boolean(target.created && !target.created.adopted);
  const { result, finalTarget, updates, next, notes } = await syncRefs(ctx, {
    stateKey,
    state,
    cache: code.cache,
    sourceUrl: code.sourceUrl,
    sourceCredentials: code.sourceCredentials,
    fetched: code.fetched,
    sourceRefs,
    targetRefs: target.refs,
    created: Boolean(target.created),
    stateFor: (refs, clean) => newState(job, target.repo, refs, clean),
    prepare: (updates) => copyLfs(ctx, code, target.repo, updates),
    push: async (updates, history) => {
      const url = gitUrlOf(ctx, 'target', target.repo);
      const deletesBranch = updates.some((update) => !update.to && update.ref.startsWith('refs/heads/'));
      return aroundPush(
        ctx,
        target.repo,
        fresh,
        async () =>
          // Credentials asked after the protection calls: expiring ones (GitHub App tokens) are renewed when due.
          overSide(
            ctx,
            'target',
            leasedPush(ctx, code.cache, url, updates, await targetCredentials(ctx, url), history),
          ),
        deletesBranch,
      );
    },
    history: {
      name: job.source.path,
      refs: target.history ?? new Map(),
      fetchTargetRefs: async (refs) => {
        const url = gitUrlOf(ctx, 'target', target.repo);
        const credentials = await targetCredentials(ctx, url);
        await overSide(ctx, 'target', code.cache.fetchRefsOf(url, refs, credentials, ctx.signal));
      },
      guard: true,
    },
  });
  if (finalTarget) await keepProtected(ctx, target.repo, job, finalTarget, fresh, Boolean(updates));
  return { ...base, ...result, ...(next ? { next } : {}), ...(notes ? { notes } : {}) };
}

function targetCredentials(ctx: RepoContext, url: string): Promise<GitCredential[]> {
  return credentialsFor(url, ctx.target, ctx.ssh?.target);
}

/** The LFS objects of the tips about to be pushed, copied before their refs (when `lfs` is on). */
async function copyLfs(ctx: RepoContext, code: CodeSync, target: RepoInfo, updates: { to?: string }[]): Promise<void> {
  if (!ctx.settings.lfs || !ctx.copyLfs) return;
  const tips = [...new Set(updates.map((action) => action.to).filter((sha): sha is string => Boolean(sha)))];
  if (!tips.length) return;
  const targetUrl = gitUrlOf(ctx, 'target', target);
  const credentials = [
    ...(await credentialsFor(code.job.source.cloneUrl, ctx.source)),
    ...(await targetCredentials(ctx, targetUrl)),
  ];
  const lfs = await ctx.copyLfs(code.cache, code.job.source.cloneUrl, target.cloneUrl, tips, credentials, ctx.signal);
  if (lfs.uploaded || lfs.downloaded) {
    ctx.runtime.info(
      `LFS: ${lfs.downloaded} object(s) fetched from the source, ${lfs.uploaded} uploaded to the target`,
    );
  }
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
