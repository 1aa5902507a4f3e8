/**
 * The jobs of a run, with the SSH sides set up around them: key files written for the time the jobs run (removed
 * whatever happens), and each SSH side tried once with `git ls-remote` on one of its repositories before any job, so
 * that an unknown host key, a refused key or an unusable key fails the whole side with one clear sentence before
 * anything is read or written, instead of every repository failing with ssh's raw words (or, on the target, after
 * repositories were created for nothing).
 */
import { assertGitUrl } from '../git/cache-repo.js';
import type { Git } from '../git/git.js';
import { explainSshFailure, isSshSetupFailure, SshSessions, type Side, type SshTransport } from '../git/ssh.js';
import type { RepoResult } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import type { RepoJob } from './repo-context.js';

export type SshTransports = Partial<Record<Side, SshTransport>>;

export interface Progress {
  done: number;
  total: number;
}

type RunBatch = (jobs: RepoJob[], ssh: SshTransports, progress: Progress) => Promise<RepoResult[]>;

/** Runs `run` over the jobs with the SSH sides ready (or fails them all when a side's SSH setup is refused). */
export async function withSshSides(
  settings: Settings,
  runtime: Runtime,
  git: Git,
  jobs: RepoJob[],
  run: RunBatch,
): Promise<RepoResult[]> {
  const sessions = new SshSessions({ source: settings.source.ssh, target: settings.target.ssh });
  try {
    const ssh: SshTransports = { source: sessions.get('source'), target: sessions.get('target') };
    for (const side of ['source', 'target'] as const) {
      if (ssh[side]) runtime.info(`${side}: git over SSH with ${side}-ssh-key, host keys from ${side}-ssh-known-hosts`);
    }
    const progress = { done: 0, total: jobs.length };
    const failure = jobs.length ? await probeSshSides(git, ssh, jobs) : undefined;
    if (failure) {
      runtime.error(failure);
      return failAll(settings, jobs, failure);
    }
    if (ssh.target && jobs.length > 1 && !jobs.some((job) => job.target?.sshUrl)) {
      // No mirror exists yet to try the target's SSH setup on: the first repository goes alone, and when the key or
      // host key is what failed it, the others are not created for nothing.
      const first = await run(jobs.slice(0, 1), ssh, progress);
      const reason = first[0]?.reason;
      if (isSshSetupFailure('target', reason)) return [...first, ...failAll(settings, jobs.slice(1), reason ?? '')];
      return [...first, ...(await run(jobs.slice(1), ssh, progress))];
    }
    return await run(jobs, ssh, progress);
  } finally {
    sessions.close();
  }
}

function failAll(settings: Settings, jobs: RepoJob[], reason: string): RepoResult[] {
  return jobs.map((job) => ({
    name: job.source.path,
    target: job.targetPath,
    status: settings.mode === 'check' ? 'unavailable' : 'failed',
    reason,
    refs: [],
    durationMs: 0,
  }));
}

/** The first side's failure as a sentence, or undefined when every SSH side answered (or nothing could be tried). */
async function probeSshSides(git: Git, ssh: SshTransports, jobs: RepoJob[]): Promise<string | undefined> {
  const urls: Record<Side, string | undefined> = {
    source: jobs.find((job) => job.source.sshUrl)?.source.sshUrl,
    // A target namespace without any mirror yet has no SSH URL to try: its first repository tells (see README).
    target: jobs.find((job) => job.target?.sshUrl)?.target?.sshUrl,
  };
  for (const side of ['source', 'target'] as const) {
    const transport = ssh[side];
    const url = urls[side];
    if (!transport || !url) continue;
    assertGitUrl(url);
    const result = await git.run(['ls-remote', '--heads', '--', url, 'refs/heads/HEAD'], {
      credentials: [{ url, sshCommand: transport.command }],
      allowFailure: true,
      retry: true,
    });
    if (result.code !== 0) {
      const failure = explainSshFailure(side, result.stderr);
      if (failure) return `${failure}; nothing was read or written`;
    }
  }
  return undefined;
}
