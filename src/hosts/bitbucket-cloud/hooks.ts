/** The push webhook on a Bitbucket Cloud repository or workspace. */
import type { HookRequest, HookResult, RepoInfo } from '../host.js';
import type { BitbucketCloudApi, CloudHook } from './client.js';

const HOOK_EVENTS = ['repo:push'];
const HOOK_DESCRIPTION = 'org-mirror';

export async function installHook(
  api: BitbucketCloudApi,
  repo: RepoInfo | undefined,
  hook: HookRequest,
): Promise<HookResult> {
  const base = repo ? `${api.repoPath(repo.path)}/hooks` : `/workspaces/${encodeURIComponent(api.owner)}/hooks`;
  const hooks = await api.collect<CloudHook>(base, 'webhooks', false);
  const existing = hooks.find((h) => h.url === hook.url);
  const body = {
    description: existing?.description ?? HOOK_DESCRIPTION,
    url: hook.url,
    active: true,
    events: HOOK_EVENTS,
    secret: hook.secret,
  };
  if (!existing?.uuid) {
    await api.http.request('POST', base, { body });
    return 'created';
  }
  // Bitbucket never returns a hook's secret, so an existing hook is always rewritten with ours.
  await api.http.request('PUT', `${base}/${encodeURIComponent(existing.uuid)}`, { body });
  return 'updated';
}

export async function supportsNamespaceHook(api: BitbucketCloudApi): Promise<boolean> {
  // Workspace webhooks need a workspace admin's credentials; access tokens scoped to a repository cannot.
  const response = await api.http.request('GET', `/workspaces/${encodeURIComponent(api.owner)}/hooks`, {
    allowStatus: [401, 403, 404],
  });
  return response.status >= 200 && response.status < 300;
}
