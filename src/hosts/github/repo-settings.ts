/** Creating a GitHub repository and the settings the mirror keeps on it: archive, default branch, visibility. */
import { HostError, type CreateRepoRequest, type RepoInfo, type Visibility } from '../host.js';
import type { GitHubClient } from './client.js';
import { getRepo } from './listing.js';
import { toRepoInfo } from './repo-info.js';

export async function createRepo(client: GitHubClient, request: CreateRepoRequest): Promise<RepoInfo> {
  // A mirror is read-only code: no issues, projects or wiki that would collect content the mirror cannot keep, and
  // no auto_init (the first push brings the history).
  const common = {
    name: request.name,
    description: request.description,
    has_issues: false,
    has_projects: false,
    has_wiki: false,
    auto_init: false,
  };
  try {
    if ((await client.kind()) === 'Organization') {
      if (request.visibility === 'internal') {
        // The documented org endpoint takes `public` or `private` only; internal needs an enterprise-owned org.
        client.runtime?.warning(
          `github ${client.role}: ${request.name}: creating as private (internal is not available).`,
        );
      }
      const { data } = await client.octokit.request('POST /orgs/{org}/repos', {
        org: client.owner,
        ...common,
        visibility: request.visibility === 'public' ? 'public' : 'private',
      });
      return toRepoInfo(data);
    }
    if (!(await client.ownerIsTokenUser())) {
      throw new HostError(
        `github ${client.role}: cannot create ${client.owner}/${request.name}: the token does not belong to user ${client.owner}`,
        { kind: 'forbidden' },
      );
    }
    // A personal account has no `internal`: anything not public is private.
    const { data } = await client.octokit.request('POST /user/repos', {
      ...common,
      private: request.visibility !== 'public',
    });
    return toRepoInfo(data);
  } catch (error) {
    throw client.fail('creating', request.name, error);
  }
}

/**
 * `archived: true` on PATCH /repos/{owner}/{repo}: an archived repository is read-only and refuses pushes;
 * `archived: false` unarchives, as the endpoint documents.
 */
export async function setArchived(client: GitHubClient, repo: RepoInfo, archived: boolean): Promise<boolean> {
  if (repo.archived === archived) return false;
  try {
    await client.octokit.request('PATCH /repos/{owner}/{repo}', { owner: client.owner, repo: repo.path, archived });
    repo.archived = archived;
    return true;
  } catch (error) {
    throw client.fail(archived ? 'archiving' : 'unarchiving', repo.path, error);
  }
}

export async function setDefaultBranch(client: GitHubClient, repo: RepoInfo, branch: string): Promise<boolean> {
  try {
    const current = repo.defaultBranch ?? (await getRepo(client, repo.path))?.defaultBranch;
    if (current === branch) return false;
    await client.octokit.request('PATCH /repos/{owner}/{repo}', {
      owner: client.owner,
      repo: repo.path,
      default_branch: branch,
    });
    return true;
  } catch (error) {
    throw client.fail('setting the default branch of', repo.path, error);
  }
}

/** `private` works for organizations and personal accounts alike (`visibility` is organization-only). */
export async function setVisibility(client: GitHubClient, repo: RepoInfo, visibility: Visibility): Promise<boolean> {
  const wanted = visibility === 'public' ? 'public' : 'private';
  if (repo.visibility === wanted) return false;
  try {
    await client.octokit.request('PATCH /repos/{owner}/{repo}', {
      owner: client.owner,
      repo: repo.path,
      private: wanted === 'private',
    });
    repo.visibility = wanted;
    return true;
  } catch (error) {
    throw client.fail('setting the visibility of', repo.path, error);
  }
}
