/** Listing and reading the repositories of a Bitbucket Cloud workspace. */
import { HostError, ListingError, type RepoInfo } from '../host.js';
import { toSlug, type BitbucketCloudApi, type CloudRepository } from './client.js';

export async function listRepos(api: BitbucketCloudApi): Promise<RepoInfo[]> {
  const repos = await api.collect<CloudRepository>(
    `/repositories/${encodeURIComponent(api.owner)}?pagelen=100`,
    'listing',
    true,
  );
  return repos.map((repo) => api.toRepoInfo(repo, (m) => new ListingError(m)));
}

export async function getRepo(api: BitbucketCloudApi, path: string): Promise<RepoInfo | undefined> {
  const response = await api.http.request<CloudRepository>('GET', api.repoPath(toSlug(path)), {
    allowStatus: [404],
  });
  if (response.status === 404) return undefined;
  return api.toRepoInfo(response.data, (m) => new HostError(m));
}
