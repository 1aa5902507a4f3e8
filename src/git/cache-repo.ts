/**
 * One bare repository of the cache per source repository: fetched incrementally from the source, pushed from to the
 * target. Its directory name is a hash, so no name from a host ever becomes a path. No remote is configured: URLs
 * are given on each call, so nothing about the hosts is written into its config.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import { Git, GitError, STALLED, stderrTail, TRANSIENT_GIT_ERROR, type GitCredential } from './git.js';
import { parseLsRemote, type RefMap } from './refs.js';
import type { ErrorKind } from '../errors.js';

export interface RefUpdate {
  ref: string;
  /** New value; undefined deletes the ref. */
  to?: string;
  /** Value the target must still have (lease); undefined: the ref must not exist. */
  expect?: string;
}

export interface PushOutcome {
  ref: string;
  ok: boolean;
  /** True when git reported a forced (non-fast-forward) update. */
  forced: boolean;
  /** git's summary for a rejected ref, e.g. `[remote rejected] (pre-receive hook declined)`. */
  message?: string;
  /**
   * Why it was rejected: `conflict` when the lease no longer held (`[rejected] (stale info)`: the target moved since
   * it was read), `push-refused` when the host refused it (protection, a hook).
   */
  kind?: ErrorKind;
}

/** git's words when the receiving end does not advertise `atomic` (send-pack.c). */
const ATOMIC_UNSUPPORTED = /does not support --atomic push/;

/** Refs per `git push` process (one push per repository below this). */
export const PUSH_BATCH = 200;

/** Reject anything that is not a plain http(s) URL (for code that speaks HTTP itself); git calls use assertGitUrl. */
export function assertHttpUrl(url: string): void {
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`refusing to use ${JSON.stringify(url)} as a git URL`);
}

const SSH_HOST = String.raw`(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\])`;
const SSH_USER = String.raw`[A-Za-z0-9_][A-Za-z0-9._~+-]*`;
/** `ssh://[user@]host[:port]/path` */
const SSH_URL = new RegExp(String.raw`^ssh://(?:${SSH_USER}@)?${SSH_HOST}(?::\d{1,5})?/[^\s]+$`);
/** scp-like `user@host:path` (git reads it so only when no `/` comes before the `:`), path not option-like. */
const SCP_LIKE_URL = new RegExp(String.raw`^${SSH_USER}@${SSH_HOST}:(?!-)[^\s]+$`);

/**
 * Reject anything but a plain http(s), `ssh://` or scp-like `user@host:path` URL before it reaches git's argv: no
 * whitespace or control characters, no user, host or path that git or ssh could read as an option (leading `-`), no
 * other transport (`ext::`, `file://`, local paths).
 */
export function assertGitUrl(url: string): void {
  const plain = !/[\s\p{Cc}]/u.test(url);
  if (!(plain && (/^https?:\/\/\S+$/.test(url) || SSH_URL.test(url) || SCP_LIKE_URL.test(url)))) {
    throw new Error(`refusing to use ${JSON.stringify(url)} as a git URL`);
  }
}

/** Refs on a remote, mirrored namespaces only. Unsafe ref names are reported apart, never used. */
export async function lsRemote(
  git: Git,
  url: string,
  credentials: GitCredential[],
  options: { cwd?: string; signal?: AbortSignal } = {},
): Promise<{ refs: RefMap; unsafe: string[]; history: RefMap }> {
  assertGitUrl(url);
  // Patterns rather than --heads/--tags: the history refs come in the same listing (SPEC "History", retention).
  const result = await git.run(
    ['ls-remote', '--refs', '--', url, 'refs/heads/*', 'refs/tags/*', 'refs/mirror-history/*'],
    {
      credentials,
      retry: true,
      cwd: options.cwd,
      signal: options.signal,
    },
  );
  return parseLsRemote(result.stdout);
}

export class CacheRepo {
  constructor(
    private readonly git: Git,
    readonly dir: string,
  ) {}

  /** Whether the cache repo is there (a fetch updates it; otherwise a clone creates it). */
  exists(): boolean {
    return existsSync(path.join(this.dir, 'HEAD')) && existsSync(path.join(this.dir, 'objects'));
  }

  /** Clear lock files left by a run that was killed (the run holds the cache lock, so none can be live). */
  async open(): Promise<void> {
    if (this.exists()) await removeStaleLocks(this.dir);
  }

  /** Start over: used when the cache repo is found corrupt. The next fetch clones it anew. */
  async rebuild(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Fetch branches and tags from the source, pruning what it deleted. */
  async fetch(url: string, credentials: GitCredential[], signal?: AbortSignal): Promise<void> {
    assertGitUrl(url);
    if (!this.exists()) {
      // First time: one `clone --bare` (branches and every tag, no host-private refs) instead of init + fetch.
      // `--progress` (here and below) keeps data flowing while the server counts and compresses, so that a big but
      // healthy transfer is never mistaken for a stalled one (the runner's stall limit, see GitOptions.stallSeconds).
      await rm(this.dir, { recursive: true, force: true });
      await mkdir(path.dirname(this.dir), { recursive: true });
      await this.git.run(['clone', '--bare', '--progress', '--', url, this.dir], { credentials, retry: true, signal });
      return;
    }
    await this.git.run(
      [
        'fetch',
        '--progress',
        '--prune',
        '--no-tags',
        '--no-write-fetch-head',
        '--no-auto-gc',
        '--update-head-ok',
        '--',
        url,
        '+refs/heads/*:refs/heads/*',
        '+refs/tags/*:refs/tags/*',
      ],
      { cwd: this.dir, credentials, retry: true, signal },
    );
  }

  /**
   * The cache's refs, as `lsRemote` gives a remote's (right after a fetch: the source's), read from the ref files
   * (`packed-refs`, then loose refs, which win) without starting a process.
   */
  async localListing(): Promise<{ refs: RefMap; unsafe: string[] }> {
    const lines: string[] = [];
    const packed = await readFile(path.join(this.dir, 'packed-refs'), 'utf8').catch(() => '');
    for (const line of packed.split('\n')) {
      const match = /^([0-9a-f]{40,64}) (refs\/\S+)$/.exec(line);
      if (match) lines.push(`${match[1]}\t${match[2]}`);
    }
    const visit = async (relative: string): Promise<void> => {
      const entries = await readdir(path.join(this.dir, relative), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const ref = `${relative}/${entry.name}`;
        if (entry.isDirectory()) await visit(ref);
        else if (entry.isFile() && !entry.name.endsWith('.lock')) {
          const sha = (await readFile(path.join(this.dir, ref), 'utf8')).trim();
          if (/^[0-9a-f]{40,64}$/.test(sha)) lines.push(`${sha}\t${ref}`);
        }
      }
    };
    await visit('refs/heads');
    await visit('refs/tags');
    // Later lines win in parseLsRemote's map: loose refs come after packed ones.
    return parseLsRemote(lines.join('\n'));
  }

  /** The branch the cache's HEAD names: after `clone --bare`, the source's default branch. */
  async headBranch(): Promise<string | undefined> {
    const head = await readFile(path.join(this.dir, 'HEAD'), 'utf8').catch(() => '');
    return /^ref: refs\/heads\/(\S+)\s*$/.exec(head)?.[1];
  }

  /** Whether `ancestor` is reachable from `descendant` (false when either object is missing here). */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.git.run(['merge-base', '--is-ancestor', ancestor, descendant], {
      cwd: this.dir,
      allowFailure: true,
    });
    return result.code === 0;
  }

  /** Of these objects, the ones this repository does not have (one `git cat-file --batch-check`). */
  async missingObjects(shas: string[]): Promise<string[]> {
    const wanted = [...new Set(shas)];
    if (!wanted.length || !this.exists()) return wanted;
    const result = await this.git.run(['cat-file', '--batch-check=%(objectname)'], {
      cwd: this.dir,
      input: `${wanted.join('\n')}\n`,
      allowFailure: true,
    });
    return result.stdout
      .split('\n')
      .map((line) => /^([0-9a-f]{40,64}) missing$/.exec(line)?.[1])
      .filter((sha): sha is string => sha !== undefined);
  }

  /**
   * Fetch some of a remote's refs (by full name) under `refs/mirror-target/`, for objects only the target has (a tip
   * the mirror is about to replace, to keep it as a history ref). Never touches the source's branches and tags.
   */
  async fetchRefsOf(url: string, refs: string[], credentials: GitCredential[], signal?: AbortSignal): Promise<void> {
    assertGitUrl(url);
    if (!refs.length) return;
    const specs = refs.map((ref) => `+${ref}:refs/mirror-target/${ref.replace(/^refs\//, '')}`);
    await this.git.run(['fetch', '--no-tags', '--no-write-fetch-head', '--no-auto-gc', '--', url, ...specs], {
      cwd: this.dir,
      credentials,
      retry: true,
      signal,
    });
  }

  /**
   * Push ref updates, each with a lease on the value just seen on the target, so that a concurrent direct push is
   * never clobbered. Refs are reported one by one (a rejected ref does not fail the others), unless `atomic`: then
   * each batch is one `git push --atomic` (all of its refs or none) where the server supports it.
   */
  async push(
    url: string,
    updates: RefUpdate[],
    credentials: GitCredential[],
    signal?: AbortSignal,
    options: { atomic?: boolean } = {},
  ): Promise<PushOutcome[]> {
    assertGitUrl(url);
    const outcomes: PushOutcome[] = [];
    for (let start = 0; start < updates.length; start += PUSH_BATCH) {
      const batch = updates.slice(start, start + PUSH_BATCH);
      outcomes.push(...(await this.pushBatch(url, batch, credentials, signal, options.atomic ?? false)));
    }
    return outcomes;
  }

  private async pushBatch(
    url: string,
    updates: RefUpdate[],
    credentials: GitCredential[],
    signal: AbortSignal | undefined,
    atomic: boolean,
  ): Promise<PushOutcome[]> {
    const args = ['push', '--porcelain', '--progress', '--no-verify', '--no-follow-tags'];
    if (atomic) args.push('--atomic');
    for (const update of updates) args.push(`--force-with-lease=${update.ref}:${update.expect ?? ''}`);
    args.push('--', url);
    for (const update of updates) args.push(update.to ? `${update.to}:${update.ref}` : `:${update.ref}`);

    let stalls = 0;
    for (let attempt = 1; ; attempt++) {
      const result = await this.git.run(args, { cwd: this.dir, credentials, allowFailure: true, signal });
      // A server without the `atomic` capability refuses the whole push before anything is sent: push ref by ref.
      if (atomic && ATOMIC_UNSUPPORTED.test(result.stderr))
        return this.pushBatch(url, updates, credentials, signal, false);
      if (STALLED.test(result.stderr)) stalls++;
      const outcomes = parsePorcelain(result.stdout);
      if (outcomes.size > 0 || result.code === 0) {
        return updates.map(
          (update) =>
            outcomes.get(update.ref) ?? {
              ref: update.ref,
              ok: false,
              forced: false,
              message: stderrTail(result.stderr, 2) || 'git did not report this ref',
            },
        );
      }
      // Nothing was reported per ref: the push did not start (network, auth). Retry transient failures only, since
      // then no ref was touched and the leases still hold.
      // A second stall ends it, as in Git.run: a hung target costs about 2 × request-timeout.
      if (attempt >= 3 || stalls >= 2 || !TRANSIENT_GIT_ERROR.test(result.stderr) || signal?.aborted) {
        throw new GitError(
          this.git.stalledReason(args, result.stderr, attempt) ??
            `git push failed: ${stderrTail(result.stderr, 2) || `exit code ${result.code}`}`,
          result.code,
          result.stderr,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

/** `git push --porcelain`: `<flag>\t<from>:<to>\t<summary>` per ref; flags ' ' ok, '+' forced, '-' deleted, '*' new, '=' up to date, '!' rejected. */
export function parsePorcelain(stdout: string): Map<string, PushOutcome> {
  const outcomes = new Map<string, PushOutcome>();
  for (const line of stdout.split('\n')) {
    const match = /^([ +\-*=!])\t([^\t]*)\t(.*)$/.exec(line);
    if (!match) continue;
    const [, flag, spec, summary] = match;
    const ref = spec.slice(spec.lastIndexOf(':') + 1);
    outcomes.set(ref, {
      ref,
      ok: flag !== '!',
      forced: flag === '+',
      message: flag === '!' ? summary : undefined,
      kind: flag === '!' ? (/\(stale info\)/.test(summary) ? 'conflict' : 'push-refused') : undefined,
    });
  }
  return outcomes;
}

/** The run holds the cache lock, so a lock file inside a cache repo can only come from a git that was killed. */
async function removeStaleLocks(dir: string): Promise<void> {
  const visit = async (current: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (depth < 6 && entry.name !== 'objects') await visit(full, depth + 1);
      } else if (entry.name.endsWith('.lock')) {
        await rm(full, { force: true });
      }
    }
  };
  await visit(dir, 0);
}
