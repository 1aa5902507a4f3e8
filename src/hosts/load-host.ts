/**
 * A host adapter loaded on demand: each adapter module brings its API client (Octokit, gitbeaker, …), which is most
 * of the bundle, so a run loads only those of the host types it uses and `--version`/`--help` load none (the bundler
 * emits each dynamically imported module as a chunk of `dist/`).
 */
import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Host, HostType } from './host.js';
import { newHost, type HostClasses, type HostOptions } from './host-factory.js';
import type { HostRole } from './host.js';

const LOADERS: { [T in HostType]: () => Promise<Partial<HostClasses>> } = {
  github: async () => ({ github: (await import('./github.js')).GitHubHost }),
  gitlab: async () => ({ gitlab: (await import('./gitlab.js')).GitLabHost }),
  'bitbucket-cloud': async () => ({ 'bitbucket-cloud': (await import('./bitbucket-cloud.js')).BitbucketCloudHost }),
  'bitbucket-server': async () => ({
    'bitbucket-server': (await import('./bitbucket-server.js')).BitbucketServerHost,
  }),
  gitea: async () => ({ gitea: (await import('./gitea/gitea-host.js')).GiteaHost }),
};

export async function loadHost(
  endpoint: EndpointSettings | TargetSettings,
  role: HostRole,
  runtime?: Runtime,
  options: HostOptions = {},
): Promise<Host> {
  const loader = LOADERS[endpoint.type] as (() => Promise<Partial<HostClasses>>) | undefined;
  if (!loader) throw new Error(`Unknown host type '${String(endpoint.type)}'.`);
  return newHost(await loader(), endpoint, role, runtime, options);
}
