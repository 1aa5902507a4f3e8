/** The push webhook on a GitHub repository or organization. */
import type { HookRequest, HookResult, RepoInfo } from '../host.js';
import { statusOf, type GitHubClient } from './client.js';

interface GitHubHook {
  id: number;
  events?: string[];
  active?: boolean;
  config: { url?: string; content_type?: string };
}

export async function supportsNamespaceHook(client: GitHubClient): Promise<boolean> {
  try {
    if ((await client.kind()) !== 'Organization') return false;
    await client.octokit.request('GET /orgs/{org}/hooks', { org: client.owner, per_page: 1 });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return false;
    throw client.fail('reading the hooks of', undefined, error);
  }
}

function listHooks(client: GitHubClient, repo: RepoInfo | undefined): Promise<GitHubHook[]> {
  return repo
    ? client.octokit.paginate('GET /repos/{owner}/{repo}/hooks', {
        owner: client.owner,
        repo: repo.path,
        per_page: 100,
      })
    : client.octokit.paginate('GET /orgs/{org}/hooks', { org: client.owner, per_page: 100 });
}

export async function installHook(
  client: GitHubClient,
  repo: RepoInfo | undefined,
  hook: HookRequest,
): Promise<HookResult> {
  const config = { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' };
  const body = { config, events: ['push'], active: true };
  const owner = client.owner;
  const octokit = client.octokit;
  try {
    const existing = (await listHooks(client, repo)).find((h) => h.config.url === hook.url);
    if (!existing) {
      if (repo) {
        await octokit.request('POST /repos/{owner}/{repo}/hooks', { owner, repo: repo.path, name: 'web', ...body });
      } else {
        await octokit.request('POST /orgs/{org}/hooks', { org: owner, name: 'web', ...body });
      }
      return 'created';
    }
    // The secret cannot be read back (GitHub answers "********"), so an existing hook is always rewritten: a
    // changed `hook-secret` must take effect.
    if (repo) {
      await octokit.request('PATCH /repos/{owner}/{repo}/hooks/{hook_id}', {
        owner,
        repo: repo.path,
        hook_id: existing.id,
        ...body,
      });
    } else {
      await octokit.request('PATCH /orgs/{org}/hooks/{hook_id}', { org: owner, hook_id: existing.id, ...body });
    }
    return 'updated';
  } catch (error) {
    throw client.fail('installing the push hook on', repo?.path, error);
  }
}
