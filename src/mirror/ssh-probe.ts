/**
 * Before any repository is touched, each side that uses SSH is tried once with `git ls-remote` on one of its
 * repositories: an unknown host key, a refused key or an unusable key fails the whole side with one clear sentence
 * before anything is read or written, instead of every repository failing with ssh's raw words (or, on the target,
 * after repositories were created for nothing).
 */
import { assertGitUrl } from '../git/cache-repo.js';
import type { Git } from '../git/git.js';
import { explainSshFailure, type Side, type SshTransport } from '../git/ssh.js';
import type { RepoJob } from './repo-sync.js';

export type SshTransports = Partial<Record<Side, SshTransport>>;

/** The first side's failure as a sentence, or undefined when every SSH side answered (or nothing could be tried). */
export async function probeSshSides(git: Git, ssh: SshTransports, jobs: RepoJob[]): Promise<string | undefined> {
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
