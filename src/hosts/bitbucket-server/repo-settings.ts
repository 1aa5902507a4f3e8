/** Creating a Bitbucket Server repository and the settings the mirror keeps on it. */
import { HostError, type CreateRepoRequest, type RepoInfo, type Visibility } from '../host.js';
import type { BitbucketServerApi, DcRepository } from './client.js';

export async function createRepo(api: BitbucketServerApi, request: CreateRepoRequest): Promise<RepoInfo> {
  if (request.visibility === 'internal') {
    throw new HostError(
      `bitbucket-server: cannot create ${api.owner}/${request.name} with visibility 'internal': Bitbucket Data Center ` +
        `repositories are either private or public. Use visibility 'private' or 'public'.`,
      { kind: 'config' },
    );
  }
  const isPublic = request.visibility === 'public';
  const response = await api.http.request<DcRepository>('POST', `${api.projectPath()}/repos`, {
    body: {
      name: request.name,
      scmId: 'git',
      description: request.description,
      public: isPublic,
      ...(request.defaultBranch ? { defaultBranch: request.defaultBranch } : {}),
    },
  });
  let created = response.data;
  // Older servers ignore `public` on creation: set it afterwards when the answer shows otherwise.
  if (created.public !== undefined && created.public !== isPublic && created.slug) {
    created = (await api.http.request<DcRepository>('PUT', api.repoPath(created.slug), { body: { public: isPublic } }))
      .data;
  }
  const info = api.toRepoInfo(created, (m) => new HostError(m));
  info.defaultBranch = request.defaultBranch;
  return info;
}

export async function setDescription(api: BitbucketServerApi, repo: RepoInfo, description: string): Promise<boolean> {
  if ((repo.description ?? '') === description) return false;
  await api.http.request('PUT', api.repoPath(repo.path), { body: { description } });
  repo.description = description;
  return true;
}

export async function setDefaultBranch(api: BitbucketServerApi, repo: RepoInfo, branch: string): Promise<boolean> {
  const current = repo.defaultBranch ?? (await api.readDefaultBranch(repo.path));
  if (current === branch) return false;
  await api.http.request('PUT', `${api.repoPath(repo.path)}/default-branch`, {
    body: { id: `refs/heads/${branch}` },
  });
  repo.defaultBranch = branch;
  return true;
}

export async function setVisibility(api: BitbucketServerApi, repo: RepoInfo, visibility: Visibility): Promise<boolean> {
  const isPublic = visibility === 'public';
  if ((repo.visibility === 'public') === isPublic) return false;
  await api.http.request('PUT', api.repoPath(repo.path), { body: { public: isPublic } });
  repo.visibility = isPublic ? 'public' : 'private';
  return true;
}
