/**
 * The target repository apart from its refs: its creation, protection (kept on, lifted around the mirror's own push
 * where the host needs it), default branch and visibility as on the source. Ref sync (ref-sync.ts) never touches
 * these; repo-sync.ts calls both.
 */
import { PUSH_BATCH, type PushOutcome } from '../git/cache-repo.js';
import type { RefMap } from '../git/refs.js';
import { listRemoteRefs } from '../git/ref-discovery.js';
import { MirrorError, kindOf } from '../errors.js';
import type { Host, RepoInfo, Visibility } from '../hosts/host.js';
import type { Settings } from '../settings/settings.js';
import { createTarget, type CreatedTarget } from './create-target.js';
import { credentialsFor, discoveryOptions, gitUrlOf, type RepoContext, type RepoJob } from './repo-context.js';
import type { RepoState } from './state.js';

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

function visibilityFor(settings: Settings, source: RepoInfo): Visibility {
  return settings.visibility === 'source' ? source.visibility : settings.visibility;
}

/** Protection and default branch: checked when something was written, and on verification runs. */
export async function keepProtected(
  ctx: RepoContext,
  target: RepoInfo,
  job: RepoJob,
  targetRefs: RefMap,
  created = false,
  pushed = false,
): Promise<void> {
  // When something was pushed, protection was already checked around the push.
  if (ctx.settings.protect && !pushed) await ctx.target.protect(target, { fresh: created });
  await followSourceSettings(ctx, target, job, targetRefs, created);
}

/**
 * Default branch and (with `visibility: source`) visibility as on the source, compared with the listings' values: a
 * request only when one differs.
 */
export async function followSourceSettings(
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

/**
 * The mirror's push into a protected target. Hosts that exempt the mirror get their protection put right before the
 * push (a rule someone added without the exemption cannot refuse the mirror's own forced updates and prunes, and
 * there is no unprotected window); hosts whose protection is lifted for the push get it restored after it, whatever
 * happened to the push. `fresh`: a repository this run created, empty and with no rule of anyone else's.
 * `deletesBranch`: the push deletes a branch (hosts that lift only for deletions).
 */
export async function aroundPush(
  ctx: RepoContext,
  target: RepoInfo,
  fresh: boolean,
  push: () => Promise<PushOutcome[]>,
  deletesBranch = false,
): Promise<PushOutcome[]> {
  const { settings } = ctx;
  const strategy = ctx.target.protectionStrategy;
  // Gitea: the exempt user may push and force-push, but nobody may delete a protected branch.
  const lift = settings.protect && (strategy === 'lift' || (strategy === 'lift-for-branch-deletion' && deletesBranch));
  if (lift && !fresh) await ctx.target.unprotect(target);
  else if (settings.protect && !lift) await ctx.target.protect(target, { fresh });
  let outcomes: PushOutcome[] | undefined;
  let pushError: unknown;
  try {
    outcomes = await push();
  } catch (error) {
    pushError = error;
  }
  if (lift) await restoreProtection(ctx, target, fresh, outcomes, pushError);
  if (pushError || !outcomes) throw pushError;
  return outcomes;
}

async function restoreProtection(
  ctx: RepoContext,
  target: RepoInfo,
  fresh: boolean,
  outcomes: PushOutcome[] | undefined,
  pushError: unknown,
): Promise<void> {
  // What the host did on its own on the first push into a repository created empty (GitLab protects the branch that
  // push made the default), so that its protect call need not read the rules.
  const initialDefaultBranch =
    fresh && outcomes
      ? ctx.target.firstPushDefault?.(target, {
          written: outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.ref),
          singlePush: outcomes.length <= PUSH_BATCH,
        })
      : undefined;
  try {
    await ctx.target.protect(target, { fresh, initialDefaultBranch });
  } catch (error) {
    const restore = `protection of ${target.webUrl} could not be restored after the push: ${(error as Error).message}`;
    throw new MirrorError(pushError ? `${(pushError as Error).message}; ${restore}` : restore, kindOf(error), {
      cause: error,
    });
  }
}

/** The target repository, created now (or adopted after a lost answer). */
export async function createTargetRepo(ctx: RepoContext, job: RepoJob): Promise<CreatedTarget> {
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
