/**
 * Git LFS objects for a mirror: download from the source what the given refs need (all history), upload to the target,
 * before the refs are pushed, so that hosts which refuse refs pointing at unknown LFS objects (GitHub GH008) accept
 * them and clones of the mirror find every object.
 *
 * It runs `git lfs fetch` / `git lfs push` in the bare cache repo (git-lfs keeps objects in `<repo>/lfs/objects`;
 * no working tree is needed). Credentials are the git runner's `http.<url>.extraHeader` entries in the environment,
 * which git-lfs honours like git does; nothing is ever written to the cache's config. The LFS endpoints are pinned
 * in the environment (`lfs.url`) so that a `.lfsconfig` committed in the source cannot send objects elsewhere, and
 * lock verification is off: a mirror takes no locks, and it would cost a request per push.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CacheRepo } from './cache-repo.js';
import { stderrTail, type Git, type GitCredential, type GitResult } from './git.js';

export interface LfsMirrorOptions {
  git: Git;
  /** Bare cache repo, already fetched from the source. */
  repoDir: string;
  /** Source clone URL (no credentials in it: the runner supplies them per URL). */
  sourceUrl: string;
  /** Target clone URL. */
  targetUrl: string;
  /**
   * Source ref tips (full ref names or shas in `repoDir`) whose whole history's LFS objects the target needs. Empty:
   * nothing to do (only deletions). Omitted: every ref of the cache repo.
   */
  refs?: string[];
  /** Headers for the source and target URLs, for these calls only (in the environment, as every git call). */
  credentials?: GitCredential[];
  /** Repository name for messages (the source URL names it otherwise). */
  repo?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Attempts after the first when the LFS server answers 429/5xx or the connection fails (default 2). */
  retries?: number;
  /** Base delay of the exponential backoff between attempts (default 1000 ms). */
  retryDelayMs?: number;
}

export interface LfsMirrorResult {
  /** LFS objects downloaded from the source this time (already cached ones are not counted). */
  downloaded: number;
  /** LFS objects uploaded to the target this time (ones the target had are not counted). */
  uploaded: number;
}

/** An LFS transfer failed; `missing` lists the objects that the source does not have. */
export class LfsError extends Error {
  constructor(
    message: string,
    readonly repo: string,
    readonly missing: string[] = [],
  ) {
    super(message);
    this.name = 'LfsError';
  }
}

/** Refs per `git lfs fetch` call (it takes no --stdin): keeps argv far below the system limit. */
const FETCH_BATCH = 500;
const OID = /\b[0-9a-f]{64}\b/g;
/**
 * git-lfs's words for failures worth another attempt. It retries object transfers itself
 * (`lfs.transfer.maxretries`), but not a batch call answered with 429/5xx, which it reports as `Fatal error: <reason>`.
 */
const TRANSIENT =
  /(Fatal error: (Service Unavailable|Bad Gateway|Gateway Time-?out|Too Many Requests|Internal Server Error)|\[(429|50[0234])\]|connection (reset|refused)|unexpected EOF|i\/o timeout|Client\.Timeout|no such host)/i;

/** Copies the LFS objects reachable from `refs` from the source's LFS server to the target's. */
export async function mirrorLfsObjects(options: LfsMirrorOptions): Promise<LfsMirrorResult> {
  const { git, repoDir, sourceUrl, targetUrl, refs } = options;
  const repo = options.repo;
  if (refs && refs.length === 0) return { downloaded: 0, uploaded: 0 };
  // git-lfs prints no counts when not on a terminal, but reports every transfer to GIT_LFS_PROGRESS (objects it
  // already has, or that the target already has, are not listed).
  const progressDir = await mkdtemp(path.join(tmpdir(), 'org-mirror-lfs-'));
  const progressFile = path.join(progressDir, 'progress');
  const run = (args: string[], url: string, input?: string): Promise<GitResult> =>
    git.run(args, {
      cwd: repoDir,
      allowFailure: true,
      credentials: options.credentials,
      config: lfsConfig(url, git.stallSeconds),
      env: { GIT_LFS_PROGRESS: progressFile },
      input,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      retry: true,
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 1000,
      transient: TRANSIENT,
      stallAttempts: 1,
    });
  try {
    for (const batch of refs ? chunks(refs, FETCH_BATCH) : [[]]) {
      const args = ['lfs', 'fetch', '--all', sourceUrl, ...batch];
      const fetched = await run(args, sourceUrl);
      if (fetched.code !== 0)
        throw stallError(git, repo, args, fetched.stderr) ?? fetchError(repo, sourceUrl, fetched.stderr);
    }
    const pushArgs = ['lfs', 'push', '--all', targetUrl];
    const pushed = refs
      ? await run([...pushArgs, '--stdin'], targetUrl, refs.join('\n') + '\n')
      : await run(pushArgs, targetUrl);
    if (pushed.code !== 0)
      throw stallError(git, repo, pushArgs, pushed.stderr) ?? pushError(repo, sourceUrl, targetUrl, pushed.stderr);
    const progress = await readFile(progressFile, 'utf8').catch(() => '');
    return { downloaded: completed(progress, 'download'), uploaded: completed(progress, 'upload') };
  } finally {
    await rm(progressDir, { recursive: true, force: true });
  }
}

/**
 * The engine's `copyLfs` hook (src/mirror/repo-context.ts): copies the LFS objects that the source tips `tips` (shas or
 * ref names in the cache repo) need, with the given credentials for the source and target URLs.
 */
export function createLfsCopier(
  git: Git,
  options: Pick<LfsMirrorOptions, 'timeoutMs' | 'retries' | 'retryDelayMs'> = {},
): (
  cache: Pick<CacheRepo, 'dir'>,
  sourceUrl: string,
  targetUrl: string,
  tips: string[],
  credentials: GitCredential[],
  signal?: AbortSignal,
) => Promise<LfsMirrorResult> {
  return (cache, sourceUrl, targetUrl, tips, credentials, signal) =>
    mirrorLfsObjects({ ...options, git, repoDir: cache.dir, sourceUrl, targetUrl, refs: tips, credentials, signal });
}

/** git-lfs's own rule for the LFS endpoint of a clone URL: `<url>/info/lfs`, with `.git` added when missing. */
export function lfsEndpoint(cloneUrl: string): string {
  const url = cloneUrl.replace(/\/+$/, '');
  return url.endsWith('.git') ? `${url}/info/lfs` : `${url}.git/info/lfs`;
}

/**
 * With a stall limit: `lfs.activitytimeout` abandons a request after that long without a read or write (git-lfs's
 * own default is 30 s), and `lfs.transfer.maxretries=1` keeps git-lfs's retries of a stalled batch request (it retries
 * both the request and the object, `maxretries` times each, 8 by default) to 4 × the limit; the runner retries
 * transient failures of the whole command, but not a stall (stallAttempts: 1).
 */
function lfsConfig(cloneUrl: string, stallSeconds?: number): Record<string, string> {
  const endpoint = lfsEndpoint(cloneUrl);
  return {
    'lfs.url': endpoint,
    [`lfs.${endpoint}.locksverify`]: 'false',
    'lfs.locksverify': 'false',
    ...(stallSeconds
      ? { 'lfs.activitytimeout': String(Math.max(1, Math.ceil(stallSeconds))), 'lfs.transfer.maxretries': '1' }
      : {}),
  };
}

/** A transfer abandoned because the LFS server sent nothing for the stall limit (`lfs.activitytimeout`). */
function stallError(git: Git, repo: string | undefined, args: string[], stderr: string): LfsError | undefined {
  const reason = git.stalledReason(args, stderr, 1);
  return reason ? new LfsError(`${prefix(repo)}${reason}`, repo ?? args[3] ?? '') : undefined;
}

function fetchError(repo: string | undefined, sourceUrl: string, stderr: string): LfsError {
  const missing = missingOids(stderr, /(does not exist|not found|404)/i);
  if (missing.length)
    return new LfsError(
      `${prefix(repo)}${plural(missing)} ${missing.join(', ')} missing on the source (${sourceUrl})`,
      repo ?? sourceUrl,
      missing,
    );
  return new LfsError(
    `${prefix(repo)}git lfs fetch from ${sourceUrl} failed: ${stderrTail(stderr, 3) || 'no error output'}`,
    repo ?? sourceUrl,
  );
}

function pushError(repo: string | undefined, sourceUrl: string, targetUrl: string, stderr: string): LfsError {
  // A pointer whose object the fetch did not bring (the source skipped it): git-lfs names it.
  const missing = missingOids(stderr, /(unable to find source|missing)/i);
  if (missing.length)
    return new LfsError(
      `${prefix(repo)}${plural(missing)} ${missing.join(', ')} missing: the source (${sourceUrl}) did not provide them`,
      repo ?? sourceUrl,
      missing,
    );
  return new LfsError(
    `${prefix(repo)}git lfs push to ${targetUrl} failed: ${stderrTail(stderr, 3) || 'no error output'}`,
    repo ?? sourceUrl,
  );
}

function prefix(repo: string | undefined): string {
  return repo ? `${repo}: ` : '';
}

function plural(oids: string[]): string {
  return oids.length > 1 ? 'LFS objects' : 'LFS object';
}

/** Oids on the lines of `stderr` that match `reason`. */
function missingOids(stderr: string, reason: RegExp): string[] {
  const oids = new Set<string>();
  for (const line of stderr.split('\n')) if (reason.test(line)) for (const oid of line.match(OID) ?? []) oids.add(oid);
  return [...oids].sort();
}

/** Transfers finished in a GIT_LFS_PROGRESS log: lines `<direction> <n>/<files> <bytes>/<size> <name>` with all bytes. */
function completed(progress: string, direction: 'download' | 'upload'): number {
  return progress.split('\n').filter((line) => {
    const match = /^(\w+) \d+\/\d+ (\d+)\/(\d+) /.exec(line);
    return match !== null && match[1] === direction && match[2] === match[3];
  }).length;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
