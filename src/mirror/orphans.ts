/**
 * Orphaned mirrors: target repositories that say they mirror a repository of this source namespace which the complete
 * source listing no longer has (deleted or renamed). They are never deleted. With `orphans: keep` they are reported;
 * with `orphans: archive` they are set aside (`Host.archive`: archived on GitHub and GitLab, an "(orphaned on <date>)"
 * description mark on Bitbucket), at most `orphans-limit` per run, never in a run that saw only part of the source.
 * A mirror set aside whose source repository reappears is taken back by `reopenMirrors` before it is synced.
 */
import type { Host, RepoInfo } from '../hosts/host.js';
import { hasOrphanMark, withoutOrphanMark } from '../hosts/orphan-mark.js';
import type { RepoResult } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import type { RepoJob } from './repo-context.js';

export interface OrphanContext {
  settings: Settings;
  target: Host;
  runtime: Runtime;
  /** Web URLs (lower-cased) of every repository of the complete source listing. */
  sourceWebUrls: Set<string>;
  /** Today as YYYY-MM-DD (the Bitbucket mark's date). */
  today: string;
}

interface Orphan {
  target: RepoInfo;
  /** The source repository's web URL, as the mirror's description names it. */
  origin: string;
}

const DESCRIPTION_PREFIX = 'Mirror of ';

/** The source web URL a mirror's description names (any orphan mark left out), or undefined for other repositories. */
export function mirroredOrigin(repo: RepoInfo, settings: Settings): string | undefined {
  const description = withoutOrphanMark(repo.description).trim();
  if (!description.toLowerCase().startsWith(`${DESCRIPTION_PREFIX}${settings.source.url}/`.toLowerCase())) return;
  const origin = description.slice(DESCRIPTION_PREFIX.length).trim();
  // Only mirrors of this source namespace: other namespaces may be mirrored into the same target.
  if (!origin.toLowerCase().includes(`/${settings.source.owner.toLowerCase()}/`)) return;
  return origin;
}

/** Archived, or marked orphaned on hosts that cannot archive. */
export function isSetAside(repo: RepoInfo): boolean {
  return repo.archived || hasOrphanMark(repo.description);
}

function findOrphans(ctx: OrphanContext, targets: RepoInfo[]): Orphan[] {
  const found: Orphan[] = [];
  for (const target of targets) {
    const origin = mirroredOrigin(target, ctx.settings);
    if (origin && !ctx.sourceWebUrls.has(origin.toLowerCase())) found.push({ target, origin });
  }
  return found.sort((a, b) => (a.target.path < b.target.path ? -1 : 1));
}

/** Why nothing may be archived this run, or undefined when archiving may go ahead. */
function archiveBlocked(ctx: OrphanContext, pending: number): { reason: string; next: string } | undefined {
  const { settings } = ctx;
  if (settings.shard) {
    return {
      reason: `not archived: a run limited to shard ${settings.shard.index}/${settings.shard.count} archives nothing`,
      next: 'archive from a run without shard (e.g. a scheduled full run)',
    };
  }
  if (pending > settings.orphansLimit) {
    return {
      reason: `not archived: ${pending} mirrors would be archived, more than orphans-limit ${settings.orphansLimit}`,
      next: `check that these source repositories are really gone, then set orphans-limit to at least ${pending}`,
    };
  }
  return undefined;
}

/**
 * The orphans of a run that listed the whole source namespace (the caller makes sure of that): reported, and archived
 * when asked and allowed. An archive that fails is that repository's failure only.
 */
export async function handleOrphans(ctx: OrphanContext, targets: RepoInfo[]): Promise<RepoResult[]> {
  const { settings, runtime } = ctx;
  const orphans = findOrphans(ctx, targets);
  const archiving = settings.orphans === 'archive';
  const pending = orphans.filter((orphan) => !isSetAside(orphan.target));
  const blocked = archiving && pending.length ? archiveBlocked(ctx, pending.length) : undefined;
  if (blocked) runtime.warning(`orphans: ${blocked.reason}; ${blocked.next}`);

  const results: RepoResult[] = [];
  for (const { target, origin } of orphans) {
    const gone = `${origin} is no longer in the source (deleted or renamed)`;
    const result = (reason: string, next: string, status: RepoResult['status'] = 'orphaned'): RepoResult => ({
      name: target.path,
      target: target.path,
      status,
      reason,
      next,
      refs: [],
      durationMs: 0,
    });
    if (isSetAside(target)) {
      results.push(
        result(
          `${gone}; the mirror is ${target.archived ? 'archived' : 'marked orphaned'}`,
          'nothing: a repository that reappears at the source is unarchived and mirrored again',
        ),
      );
    } else if (!archiving) {
      runtime.warning(`${target.path}: mirrors ${origin}, which is no longer in the source: left as it is (orphaned)`);
      results.push(
        result(
          `${gone}; the mirror is kept`,
          'set orphans: archive to archive it (never deleted), or delete it on the target yourself',
        ),
      );
    } else if (blocked) {
      results.push(result(`${gone}; ${blocked.reason}`, blocked.next));
    } else if (settings.mode !== 'sync') {
      results.push(result(`${gone}; would be archived`, 'run mode sync with orphans: archive to archive it'));
    } else {
      results.push(await archiveOne(ctx, target, gone));
    }
  }
  return results;
}

async function archiveOne(ctx: OrphanContext, target: RepoInfo, gone: string): Promise<RepoResult> {
  const base = { name: target.path, target: target.path, refs: [], durationMs: 0 };
  const started = Date.now();
  try {
    await ctx.target.archive(target, ctx.today);
    const how = target.archived ? 'archived' : `marked "(orphaned on ${ctx.today})"`;
    ctx.runtime.info(`${target.path}: ${gone}: ${how}`);
    return {
      ...base,
      status: 'orphaned',
      reason: `${gone}; the mirror was ${how} (not deleted)`,
      next: 'nothing: a repository that reappears at the source is unarchived and mirrored again',
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.runtime.error(`${target.path}: could not archive the orphaned mirror: ${message}`);
    return {
      ...base,
      status: 'failed',
      reason: `${gone}; archiving failed: ${message}`,
      next: 'give the target token the right to archive (GitHub: admin; GitLab: Owner), then re-run',
      durationMs: Date.now() - started,
    };
  }
}

/**
 * Mirrors set aside earlier whose source repository is listed again: unarchived (the Bitbucket mark removed) before
 * they are synced, in mode sync, and only when the target is this very source repository's mirror. A mirror archived
 * by hand stays archived with `orphans: keep`; the Bitbucket mark is the mirror's own and always removed. A mirror that
 * cannot be taken back fails alone and is not synced this run.
 */
export async function reopenMirrors(
  settings: Settings,
  target: Host,
  runtime: Runtime,
  jobs: RepoJob[],
): Promise<{ jobs: RepoJob[]; failed: RepoResult[] }> {
  const ready: RepoJob[] = [];
  const failed: RepoResult[] = [];
  for (const job of jobs) {
    if (!job.target || !mayReopen(settings, job.target, job.source)) {
      ready.push(job);
      continue;
    }
    try {
      await target.unarchive(job.target);
      runtime.info(
        `${job.targetPath}: its source repository ${job.source.webUrl} is back: unarchived, mirroring it again`,
      );
      ready.push(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runtime.error(`${job.source.path}: could not unarchive its mirror: ${message}`);
      failed.push({
        name: job.source.path,
        target: job.targetPath,
        status: 'failed',
        reason: `the source repository is back but its archived mirror could not be unarchived: ${message}`,
        next: `unarchive ${job.targetPath} on the target (or give the token the right to), then re-run`,
        refs: [],
        durationMs: 0,
      });
    }
  }
  return { jobs: ready, failed };
}

function mayReopen(settings: Settings, repo: RepoInfo, source: RepoInfo): boolean {
  if (settings.mode !== 'sync' || !isSetAside(repo)) return false;
  if (repo.archived && settings.orphans !== 'archive') return false;
  return mirroredOrigin(repo, settings)?.toLowerCase() === source.webUrl.toLowerCase();
}
