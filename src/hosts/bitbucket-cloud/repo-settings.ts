/** Creating a Bitbucket Cloud repository and the settings the mirror keeps on it. */
import { HostError, type CreateRepoRequest, type RepoInfo, type Visibility } from '../host.js';
import { toSlug, type BitbucketCloudApi, type CloudRepository } from './client.js';

export async function createRepo(api: BitbucketCloudApi, request: CreateRepoRequest): Promise<RepoInfo> {
  const slug = toSlug(request.name);
  if (request.visibility === 'internal') {
    throw new HostError(
      `bitbucket-cloud: cannot create ${api.owner}/${slug} with visibility 'internal': Bitbucket Cloud repositories ` +
        `are either private or public. Use visibility 'private' or 'public'.`,
      { kind: 'config' },
    );
  }
  if (!api.project) {
    // Every Bitbucket Cloud repository belongs to a project; without a key Bitbucket silently picks the oldest one.
    throw new HostError(
      `bitbucket-cloud: cannot create ${api.owner}/${slug}: set target-project to the key of the project ` +
        `that new repositories of workspace ${api.owner} belong to.`,
      { kind: 'config' },
    );
  }
  if (!slug)
    throw new HostError(`bitbucket-cloud: '${request.name}' gives no valid repository slug`, { kind: 'config' });
  const response = await api.http.request<CloudRepository>('POST', api.repoPath(slug), {
    body: {
      type: 'repository',
      scm: 'git',
      name: request.name,
      is_private: request.visibility !== 'public',
      description: request.description,
      project: { type: 'project', key: api.project },
    },
  });
  return api.toRepoInfo(response.data, (m) => new HostError(m));
}

export async function setDescription(api: BitbucketCloudApi, repo: RepoInfo, description: string): Promise<boolean> {
  if ((repo.description ?? '') === description) return false;
  await api.http.request('PUT', api.repoPath(repo.path), { body: { type: 'repository', description } });
  repo.description = description;
  return true;
}

export async function setDefaultBranch(api: BitbucketCloudApi, repo: RepoInfo, branch: string): Promise<boolean> {
  if (repo.defaultBranch === branch) return false;
  await api.http.request('PUT', api.repoPath(repo.path), {
    body: { type: 'repository', mainbranch: { type: 'branch', name: branch } },
  });
  repo.defaultBranch = branch;
  return true;
}

export async function setVisibility(api: BitbucketCloudApi, repo: RepoInfo, visibility: Visibility): Promise<boolean> {
  const isPrivate = visibility !== 'public';
  if ((repo.visibility !== 'public') === isPrivate) return false;
  await api.http.request('PUT', api.repoPath(repo.path), { body: { type: 'repository', is_private: isPrivate } });
  repo.visibility = isPrivate ? 'private' : 'public';
  return true;
}
