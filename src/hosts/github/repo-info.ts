/** GitHub's repository object as the mirror reads it, and its translation into a RepoInfo. */
import type { RepoInfo, Visibility } from '../host.js';
import { stripUserInfo } from '../http-client.js';
import { wikiCloneUrlOf } from '../wiki-url.js';

/** The fields of GitHub's repository object (full or minimal) that the mirror reads. */
export interface GitHubRepo {
  id: number | bigint;
  name: string;
  full_name?: string;
  clone_url?: string;
  ssh_url?: string;
  html_url: string;
  default_branch?: string;
  description?: string | null;
  visibility?: string;
  private: boolean;
  fork: boolean;
  archived?: boolean;
  pushed_at?: string | null;
  has_wiki?: boolean;
  owner?: { login: string } | null;
}

export function toVisibility(repo: Pick<GitHubRepo, 'visibility' | 'private'>): Visibility {
  if (repo.visibility === 'public' || repo.visibility === 'internal' || repo.visibility === 'private') {
    return repo.visibility;
  }
  return repo.private ? 'private' : 'public';
}

export function toRepoInfo(repo: GitHubRepo): RepoInfo {
  if (
    (typeof repo.id !== 'number' && typeof repo.id !== 'bigint') ||
    typeof repo.name !== 'string' ||
    !repo.clone_url ||
    !repo.html_url
  ) {
    throw new Error(`malformed repository entry ${JSON.stringify(repo.name ?? repo.id ?? null)}`);
  }
  // Credentials never travel in URLs: any userinfo a clone URL might carry is dropped.
  const cloneUrl = stripUserInfo(repo.clone_url);
  return {
    id: String(repo.id),
    name: repo.name,
    path: repo.name,
    cloneUrl,
    sshUrl: repo.ssh_url || undefined,
    webUrl: repo.html_url,
    defaultBranch: repo.default_branch || undefined,
    description: repo.description ?? undefined,
    visibility: toVisibility(repo),
    fork: repo.fork,
    archived: repo.archived ?? false,
    // `size === 0` is not a reliable "empty" (it is updated lazily), so `empty` stays unknown.
    // `pushed_at` is documented as updated on every push: https://docs.github.com/en/rest/repos/repos
    pushedAt: repo.pushed_at ?? undefined,
    // `has_wiki` is on by default; the wiki's repository exists only once its first page was created.
    wikiEnabled: repo.has_wiki,
    wikiCloneUrl: wikiCloneUrlOf(cloneUrl),
  };
}
