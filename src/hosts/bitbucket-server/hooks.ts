/** The push webhook on a Bitbucket Server repository or project. */
import type { HookRequest, HookResult, RepoInfo } from '../host.js';
import type { BitbucketServerApi, DcWebhook } from './client.js';

const HOOK_EVENTS = ['repo:refs_changed'];
const HOOK_NAME = 'org-mirror';

export async function installHook(
  api: BitbucketServerApi,
  repo: RepoInfo | undefined,
  hook: HookRequest,
): Promise<HookResult> {
  const base = repo ? `${api.repoPath(repo.path)}/webhooks` : `${api.projectPath()}/webhooks`;
  const hooks = await api.collect<DcWebhook>(api.http, base, {}, 'webhooks', false, false);
  const existing = hooks.find((h) => h.url === hook.url);
  const body = {
    name: existing?.name ?? HOOK_NAME,
    url: hook.url,
    events: HOOK_EVENTS,
    active: true,
    configuration: { ...(existing?.configuration ?? {}), secret: hook.secret },
  };
  if (!existing || existing.id === undefined) {
    await api.http.request('POST', base, { body });
    return 'created';
  }
  const upToDate =
    existing.active !== false &&
    HOOK_EVENTS.every((e) => existing.events?.includes(e)) &&
    existing.configuration?.secret === hook.secret;
  if (upToDate) return 'unchanged';
  await api.http.request('PUT', `${base}/${existing.id}`, { body });
  return 'updated';
}

export async function supportsNamespaceHook(api: BitbucketServerApi): Promise<boolean> {
  // Personal projects have no project-level webhooks; project webhooks need PROJECT_ADMIN.
  if (api.owner.startsWith('~')) return false;
  const response = await api.http.request('GET', `${api.projectPath()}/webhooks`, {
    allowStatus: [401, 403, 404, 405],
  });
  return response.status >= 200 && response.status < 300;
}
