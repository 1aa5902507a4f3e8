/**
 * The one place that knows which class serves which host type (setup-node's `distributions/` factory). The classes
 * are handed in: statically by `createHost` (index.ts), or loaded on demand by `loadHost` (load-host.ts) so that a run
 * loads only the API clients of the host types it uses.
 */
import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import type { Runtime } from '../runtime/runtime.js';
import type { BitbucketCloudHost } from './bitbucket-cloud.js';
import type { BitbucketServerHost } from './bitbucket-server.js';
import type { GitHubHost } from './github.js';
import type { GiteaHost } from './gitea/gitea-host.js';
import type { GitLabHost } from './gitlab.js';
import type { Host, HostRole, HostType } from './host.js';

export interface HostOptions {
  /** Time limit of one API request attempt (`request-timeout`); default: the adapters' own (60 s). */
  requestTimeoutMs?: number;
}

export interface HostClasses {
  github: typeof GitHubHost;
  gitlab: typeof GitLabHost;
  'bitbucket-cloud': typeof BitbucketCloudHost;
  'bitbucket-server': typeof BitbucketServerHost;
  gitea: typeof GiteaHost;
}

export function newHost(
  classes: Partial<HostClasses>,
  endpoint: EndpointSettings | TargetSettings,
  role: HostRole,
  runtime?: Runtime,
  options: HostOptions = {},
): Host {
  const timeoutMs = options.requestTimeoutMs;
  const need = <T extends HostType>(type: T): HostClasses[T] => {
    const found = classes[type];
    if (!found) throw new Error(`The ${type} host adapter is not loaded.`);
    return found as HostClasses[T];
  };
  switch (endpoint.type) {
    case 'github':
      return new (need('github'))(endpoint, role, runtime, { timeoutMs });
    case 'gitlab':
      return new (need('gitlab'))(endpoint, role, runtime, { retry: { timeoutMs } });
    case 'bitbucket-cloud':
      return new (need('bitbucket-cloud'))(endpoint, role, { timeoutMs });
    case 'bitbucket-server':
      return new (need('bitbucket-server'))(endpoint, role, { timeoutMs });
    case 'gitea':
      return new (need('gitea'))(endpoint, role, { timeoutMs });
    default: {
      const unknown: never = endpoint.type;
      throw new Error(`Unknown host type '${String(unknown)}'.`);
    }
  }
}
