/**
 * What every step of one repository's sync gets: the run's settings, both hosts, the git runner, the state store, and
 * the helpers that turn a repository of one side into a git URL and credentials. Code (repo-sync.ts), wikis
 * (wiki-sync.ts) and the shared ref sync (ref-sync.ts) all start from here.
 */
import type { CacheRepo } from '../git/cache-repo.js';
import { GitError, type Git, type GitCredential } from '../git/git.js';
import { explainSshFailure, type Side, type SshTransport } from '../git/ssh.js';
import type { Host, RepoInfo } from '../hosts/host.js';
import { MirrorError, kindOf } from '../errors.js';
import type { RepoResult } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import type { RepoState, StateStore } from './state.js';

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

export function discoveryOptions(ctx: RepoContext) {
  return { signal: ctx.signal, timeoutMs: ctx.settings.requestTimeout * 1000, beforeGit: ctx.transferSlot };
}

export function verificationDue(ctx: RepoContext, state: RepoState): boolean {
  const verifiedAt = Date.parse(state.verifiedAt);
  return !Number.isFinite(verifiedAt) || Date.now() - verifiedAt >= ctx.verifyIntervalMs;
}

export async function credentialsFor(url: string, host: Host, ssh?: SshTransport): Promise<GitCredential[]> {
  if (ssh) return [{ url, sshCommand: ssh.command }];
  const header = await host.gitAuthHeader();
  // Expiring credentials (GitHub App tokens) that run out or are refused under a command are renewed, once.
  const renew = host.renewGitAuth?.bind(host);
  return header ? [{ url, header, ...(renew ? { renew } : {}) }] : [];
}

/** git on an SSH side: ssh's words for a host key or key problem become one clear sentence naming the input. */
export async function overSide<T>(ctx: RepoContext, side: Side, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const explained = ctx.ssh?.[side] && error instanceof GitError && explainSshFailure(side, error.stderr);
    throw explained ? new MirrorError(explained, kindOf(error), { cause: error }) : error;
  }
}

/** The URL git uses for a repository on one side: the API's SSH URL when that side has an SSH key, else HTTPS. */
export function gitUrlOf(ctx: RepoContext, side: Side, repo: RepoInfo): string {
  const url = ctx.ssh?.[side] ? repo.sshUrl : repo.cloneUrl;
  if (url) return url;
  throw new MirrorError(
    ctx.ssh?.[side]
      ? `the ${side} API gives no SSH clone URL for ${repo.webUrl}`
      : `the ${side} API gives no HTTP(S) clone URL for ${repo.webUrl} (HTTP(S) git access off?); set ${side}-ssh-key`,
    'config',
  );
}
