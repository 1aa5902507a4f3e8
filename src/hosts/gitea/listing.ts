/**
 * Gitea/Forgejo repositories as the mirror sees them: the namespace listing (organization or user) and one
 * repository by name. Every URL comes from the API's answer (`clone_url`, `ssh_url`, `html_url`).
 */
import { HostError, ListingError, type RepoInfo, type Visibility } from '../host.js';
import { stripUserInfo } from '../http-client.js';
import { wikiCloneUrlOf } from '../wiki-url.js';
import type { GiteaApi, GiteaRepository } from './client.js';

export type NamespaceKind = 'org' | 'user';

/**
 * Every repository of the owner: an organization's (`GET /orgs/{org}/repos`), or, when no organization has that
 * name (404), the user's (`GET /users/{username}/repos`). Complete or throws a ListingError.
 */
export async function listNamespaceRepos(api: GiteaApi): Promise<{ kind: NamespaceKind; repos: RepoInfo[] }> {
  const owner = encodeURIComponent(api.owner);
  let kind: NamespaceKind = 'org';
  let raw: GiteaRepository[];
  try {
    raw = await api.collect<GiteaRepository>(`/orgs/${owner}/repos`, 'listing', true);
  } catch (error) {
    if (!(error instanceof ListingError) || error.status !== 404) throw error;
    kind = 'user';
    raw = await api.collect<GiteaRepository>(`/users/${owner}/repos`, 'listing', true);
  }
  return { kind, repos: raw.map((repo) => toRepoInfo(api, repo, (m) => new ListingError(m))) };
}

/** One repository of the owner, or undefined when there is none (404). */
export async function readRepo(api: GiteaApi, name: string): Promise<RepoInfo | undefined> {
  const response = await api.http.request<GiteaRepository>('GET', api.repoPath(name), { allowStatus: [404] });
  if (response.status === 404) return undefined;
  return toRepoInfo(api, response.data, (m) => new HostError(m));
}

export function visibilityOf(repo: GiteaRepository): Visibility {
  if (repo.private) return 'private';
  // Public in a "limited" organization or user: visible to every signed-in user of the instance, as GitLab's internal.
  return repo.internal ? 'internal' : 'public';
}

export function toRepoInfo(api: GiteaApi, repo: GiteaRepository, fail: (message: string) => HostError): RepoInfo {
  if (!repo.name || repo.id === undefined) throw fail(`gitea: a repository of ${api.owner} has no name or id`);
  if (!repo.clone_url && !repo.ssh_url) throw fail(`gitea: ${api.owner}/${repo.name} has no clone URL`);
  const cloneUrl = repo.clone_url ? stripUserInfo(repo.clone_url) : '';
  // The wiki is a git repository of its own beside the code, `<name>.wiki.git`, whether or not the wiki is on yet
  // (`wikiEnabled` says; https://docs.gitea.com/usage/repository/wiki).
  const wikiCloneUrl = cloneUrl ? wikiCloneUrlOf(cloneUrl) : undefined;
  return {
    id: String(repo.id),
    name: repo.name,
    path: repo.name,
    cloneUrl,
    sshUrl: repo.ssh_url || undefined,
    webUrl: repo.html_url ? stripUserInfo(repo.html_url) : cloneUrl.replace(/\.git$/, ''),
    defaultBranch: repo.default_branch || undefined,
    description: repo.description,
    visibility: visibilityOf(repo),
    fork: repo.fork === true,
    archived: repo.archived === true,
    empty: repo.empty,
    wikiEnabled: repo.has_wiki,
    wikiCloneUrl,
  };
}
