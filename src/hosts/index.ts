import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Host } from './host.js';
import { BitbucketCloudHost } from './bitbucket-cloud.js';
import { BitbucketServerHost } from './bitbucket-server.js';
import { GitHubHost } from './github.js';
import { GitLabHost } from './gitlab.js';

export type HostRole = 'source' | 'target';

export interface HostOptions {
  /** Time limit of one API request attempt (`request-timeout`); default: the adapters' own (60 s). */
  requestTimeoutMs?: number;
}

/** The one place that knows which class serves which host type (setup-node's `distributions/` factory). */
export function createHost(
  endpoint: EndpointSettings | TargetSettings,
  role: HostRole,
  runtime?: Runtime,
  options: HostOptions = {},
): Host {
  const timeoutMs = options.requestTimeoutMs;
  switch (endpoint.type) {
    case 'github':
      return new GitHubHost(endpoint, role, runtime, { timeoutMs });
    case 'gitlab':
      return new GitLabHost(endpoint, role, runtime, { retry: { timeoutMs } });
    case 'bitbucket-cloud':
      return new BitbucketCloudHost(endpoint, role, { timeoutMs });
    case 'bitbucket-server':
      return new BitbucketServerHost(endpoint, role, { timeoutMs });
    default: {
      const unknown: never = endpoint.type;
      throw new Error(`Unknown host type '${String(unknown)}'.`);
    }
  }
}
