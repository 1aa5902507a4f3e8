/** Listing and reading repositories of a GitHub owner: complete or a ListingError, never a partial listing. */
import { ListingError, type RepoInfo } from '../host.js';
import { statusOf, type GitHubClient } from './client.js';
import { toRepoInfo, type GitHubRepo } from './repo-info.js';

/**
 * `octokit.paginate` follows `Link: rel="next"` until there is none; a server whose next link points back to a page
 * already read would keep it going forever, so a repeated page URL stops the listing as untrustworthy.
 */
async function paginateOnce<T>(client: GitHubClient, pages: AsyncIterable<{ url: string; data: T[] }>): Promise<T[]> {
  const seenPages = new Set<string>();
  const items: T[] = [];
  for await (const page of pages) {
    if (seenPages.has(page.url)) {
      throw new ListingError(`github ${client.role}: listing repositories of ${client.owner} looped at ${page.url}`);
    }
    seenPages.add(page.url);
    items.push(...page.data);
  }
  return items;
}

/** The owner's repositories as GitHub lists them, from the listing that shows them all to these credentials. */
async function fetchRepos(client: GitHubClient): Promise<GitHubRepo[]> {
  const iterator = client.octokit.paginate.iterator;
  const owner = client.owner;
  if ((await client.kind()) === 'Organization') {
    return paginateOnce(client, iterator('GET /orgs/{org}/repos', { org: owner, type: 'all', per_page: 100 }));
  }
  if (client.appTokens) {
    // An installation has no user: its own listing is the one that shows the account's private repositories.
    const accessible: GitHubRepo[] = await paginateOnce(
      client,
      iterator('GET /installation/repositories', { per_page: 100 }),
    );
    return accessible.filter((repo) => repo.owner?.login.toLowerCase() === owner.toLowerCase());
  }
  if (await client.ownerIsTokenUser()) {
    // Only the authenticated listing shows the user's private repositories.
    return paginateOnce(client, iterator('GET /user/repos', { affiliation: 'owner', per_page: 100 }));
  }
  return paginateOnce(
    client,
    iterator('GET /users/{username}/repos', { username: owner, type: 'owner', per_page: 100 }),
  );
}

export async function listRepos(client: GitHubClient): Promise<RepoInfo[]> {
  let repos: GitHubRepo[];
  try {
    repos = await fetchRepos(client);
  } catch (error) {
    throw client.fail('listing repositories of', undefined, error, true);
  }
  const seen = new Set<string>();
  const result: RepoInfo[] = [];
  for (const repo of repos) {
    let info: RepoInfo;
    try {
      info = toRepoInfo(repo);
    } catch (error) {
      throw client.fail('listing repositories of', undefined, error, true);
    }
    // A repeated id means the pages overlapped or looped: the listing cannot be trusted.
    if (seen.has(info.id)) {
      throw new ListingError(
        `github ${client.role}: listing repositories of ${client.owner} returned ${info.name} twice`,
      );
    }
    seen.add(info.id);
    result.push(info);
  }
  return result;
}

export async function getRepo(client: GitHubClient, path: string): Promise<RepoInfo | undefined> {
  try {
    const { data } = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: client.owner, repo: path });
    // GitHub follows renames (301): a repository answering under another name is not the one asked for.
    if (
      data.name.toLowerCase() !== path.toLowerCase() ||
      data.owner.login.toLowerCase() !== client.owner.toLowerCase()
    ) {
      return undefined;
    }
    return toRepoInfo(data);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw client.fail('reading', path, error);
  }
}
