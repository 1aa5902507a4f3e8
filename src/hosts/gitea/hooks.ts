/**
 * Push webhooks on Gitea/Forgejo: one organization hook (`/orgs/{org}/hooks`) when the owner is an organization the
 * token administers, else one per repository. Type `gitea`, push events, JSON body signed with the secret
 * (`X-Gitea-Signature`, hex HMAC-SHA256 of the body; Forgejo also sends `X-Forgejo-Signature`).
 *
 * Gitea's API never shows a webhook's secret, and editing a hook does not change it
 * (https://docs.gitea.com/api — EditHookOption has no secret): the mirror cannot tell whether the installed secret is
 * the current `hook-secret`. So every run replaces its hook: it creates the new one first, then deletes the hooks it
 * installed before (same URL), so that there is never a moment without a hook and never more than one afterwards.
 */
import { HostError, type HookRequest, type HookResult, type RepoInfo } from '../host.js';
import type { GiteaApi } from './client.js';

interface GiteaHook {
  id?: number;
  type?: string;
  config?: Record<string, string>;
  events?: string[];
  active?: boolean;
}

export async function installGiteaHook(
  api: GiteaApi,
  repo: RepoInfo | undefined,
  hook: HookRequest,
): Promise<HookResult> {
  const base = repo ? `${api.repoPath(repo.path)}/hooks` : `/orgs/${encodeURIComponent(api.owner)}/hooks`;
  const where = repo ? repo.path : api.owner;
  const hooks = await api.collect<GiteaHook>(base, `webhooks of ${where}`, false);
  const ours = hooks.filter((existing) => existing.config?.url === hook.url);
  await api.http.request('POST', base, {
    body: {
      type: 'gitea',
      config: { url: hook.url, content_type: 'json', secret: hook.secret },
      events: ['push'],
      active: true,
      branch_filter: '*',
    },
  });
  for (const old of ours) {
    if (old.id === undefined) throw new HostError(`gitea: a webhook of ${where} has no id`);
    await api.http.request('DELETE', `${base}/${old.id}`, { allowStatus: [404] });
  }
  return ours.length ? 'updated' : 'created';
}

/** Organization hooks need an organization (not a user) and its owner's rights. */
export async function supportsOrgHook(api: GiteaApi): Promise<boolean> {
  const response = await api.http.request('GET', `/orgs/${encodeURIComponent(api.owner)}/hooks`, {
    query: { page: 1, limit: 1 },
    allowStatus: [401, 403, 404],
  });
  return response.status >= 200 && response.status < 300;
}
