import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Host } from './host.js';
import { BitbucketCloudHost } from './bitbucket-cloud.js';
import { BitbucketServerHost } from './bitbucket-server.js';
import { GitHubHost } from './github.js';
import { GiteaHost } from './gitea/gitea-host.js';
import { GitLabHost } from './gitlab.js';
import { newHost, type HostOptions } from './host-factory.js';
import type { HostRole } from './host.js';

export type { HostOptions } from './host-factory.js';
export type { HostRole } from './host.js';

const ALL_HOSTS = {
  github: GitHubHost,
  gitlab: GitLabHost,
  'bitbucket-cloud': BitbucketCloudHost,
  'bitbucket-server': BitbucketServerHost,
  gitea: GiteaHost,
};

/**
 * Every adapter loaded up front (tests, bench, admin tools). The CLI uses `loadHost` (load-host.ts), which loads only
 * the adapter, and so the API client, of the host type asked for.
 */
export function createHost(
  endpoint: EndpointSettings | TargetSettings,
  role: HostRole,
  runtime?: Runtime,
  options: HostOptions = {},
): Host {
  return newHost(ALL_HOSTS, endpoint, role, runtime, options);
}
