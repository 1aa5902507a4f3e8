/**
 * Repository settings of a Gitea/Forgejo target: creation in the organization, default branch, visibility, wiki and
 * archiving, all through `POST /orgs/{org}/repos` and `PATCH /repos/{owner}/{repo}` (EditRepoOption).
 */
import { HostError, type CreateRepoRequest, type RepoInfo, type Visibility } from '../host.js';
import type { GiteaApi, GiteaRepository } from './client.js';
import { toRepoInfo } from './listing.js';

/**
 * Repositories are private or public on Gitea (`private`); "limited" visibility belongs to organizations and users, not
 * to repositories, so the mirror creates `internal` ones private (host.ts `visibilities`).
 */
export const GITEA_VISIBILITIES: readonly Visibility[] = ['private', 'public'];

export async function createOrgRepo(api: GiteaApi, request: CreateRepoRequest): Promise<RepoInfo> {
  const response = await api.http.request<GiteaRepository>('POST', `/orgs/${encodeURIComponent(api.owner)}/repos`, {
    body: {
      name: request.name,
      description: request.description,
      private: request.visibility !== 'public',
      // An empty repository keeps the name as its HEAD; Gitea moves it to a pushed branch when it does not exist.
      ...(request.defaultBranch ? { default_branch: request.defaultBranch } : {}),
    },
  });
  return toRepoInfo(api, response.data, (m) => new HostError(m));
}

/** One `PATCH` of the repository's settings. */
export async function editRepo(api: GiteaApi, repo: RepoInfo, change: Record<string, unknown>): Promise<void> {
  await api.http.request('PATCH', api.repoPath(repo.path), { body: change });
}

export async function setDefaultBranch(api: GiteaApi, repo: RepoInfo, branch: string): Promise<boolean> {
  if (repo.defaultBranch === branch) return false;
  await editRepo(api, repo, { default_branch: branch });
  repo.defaultBranch = branch;
  return true;
}

export async function setVisibility(api: GiteaApi, repo: RepoInfo, visibility: Visibility): Promise<boolean> {
  const wantPrivate = visibility !== 'public';
  if ((repo.visibility === 'private') === wantPrivate) return false;
  await editRepo(api, repo, { private: wantPrivate });
  repo.visibility = wantPrivate ? 'private' : 'public';
  return true;
}

/** Archived Gitea repositories are read-only: pushes are refused until they are unarchived. */
export async function setArchived(api: GiteaApi, repo: RepoInfo, archived: boolean): Promise<boolean> {
  if (repo.archived === archived) return false;
  await editRepo(api, repo, { archived });
  repo.archived = archived;
  return true;
}

/** A wiki takes pushes once the repository's wiki unit is on (Gitea creates the wiki's git repository on push). */
export async function enableWiki(api: GiteaApi, repo: RepoInfo): Promise<boolean> {
  if (repo.wikiEnabled) return false;
  await editRepo(api, repo, { has_wiki: true });
  repo.wikiEnabled = true;
  return true;
}
