/** The push webhook on a GitLab project (group webhooks are Premium-only and not in GitLab's CE REST description). */
import { HostError, type HookRequest, type HookResult, type RepoInfo } from '../host.js';
import type { GitLabClient } from './client.js';

interface GitLabHook {
  id: number;
  url: string;
}

export async function installHook(
  client: GitLabClient,
  repo: RepoInfo | undefined,
  hook: HookRequest,
): Promise<HookResult> {
  if (!repo) {
    throw new HostError(`gitlab ${client.role}: group webhooks are not supported; install one hook per project`, {
      kind: 'config',
    });
  }
  const options = { pushEvents: true, tagPushEvents: true, token: hook.secret, enableSslVerification: true };
  try {
    const hooks = (await client.hooks.all(repo.id, { perPage: 100 })) as unknown as GitLabHook[];
    const existing = hooks.find((h) => h.url === hook.url);
    if (!existing) {
      await client.hooks.add(repo.id, hook.url, options);
      return 'created';
    }
    // The token cannot be read back, so an existing hook is always rewritten: a changed secret must take effect.
    await client.hooks.edit(repo.id, existing.id, hook.url, options);
    return 'updated';
  } catch (error) {
    throw client.fail('installing the push hook on', repo.path, error);
  }
}
