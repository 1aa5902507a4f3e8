/** Listing and reading the repositories of a Bitbucket Server project. */
import pLimit from 'p-limit';

import { HostError, ListingError, type RepoInfo } from '../host.js';
import { toSlug, type BitbucketServerApi, type DcRepository } from './client.js';

/** Default-branch reads in flight at once while listing a source project. */
const DEFAULT_BRANCH_READS = 8;

export async function listRepos(api: BitbucketServerApi): Promise<RepoInfo[]> {
  const repos = await api.collect<DcRepository>(api.http, `${api.projectPath()}/repos`, {}, 'listing', true);
  const infos = repos.map((repo) => api.toRepoInfo(repo, (m) => new ListingError(m)));
  // Over HTTP(S) the mirror learns the default branch from each repository's ref advertisement (its HEAD), which it
  // reads anyway; git over SSH gives no HEAD, so the default branch is read through the API then.
  if (api.role === 'source' && api.endpoint.ssh) await readDefaultBranches(api, infos);
  return infos;
}

/**
 * The repository listing does not carry the default branch (`defaultBranch` is write-only in RestRepository), and
 * the target's default branch follows the source's: read it per repository, a few at a time. A failed read fails
 * the listing (never act on a partial one).
 */
async function readDefaultBranches(api: BitbucketServerApi, infos: RepoInfo[]): Promise<void> {
  const limit = pLimit(DEFAULT_BRANCH_READS);
  await Promise.all(
    infos.map((info) =>
      limit(async () => {
        try {
          info.defaultBranch = await api.readDefaultBranch(info.path);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new ListingError(
            `bitbucket-server: listing of ${api.owner}: default branch of ${info.path}: ${reason}`,
            error instanceof HostError ? { status: error.status, kind: error.kind } : {},
          );
        }
      }),
    ),
  );
}

export async function getRepo(api: BitbucketServerApi, path: string): Promise<RepoInfo | undefined> {
  const slug = toSlug(path);
  const response = await api.http.request<DcRepository>('GET', api.repoPath(slug), { allowStatus: [404] });
  if (response.status === 404) return undefined;
  const info = api.toRepoInfo(response.data, (m) => new HostError(m));
  info.defaultBranch = await api.readDefaultBranch(slug);
  return info;
}
