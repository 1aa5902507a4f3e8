import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Host } from './host.js';
import { BitbucketCloudHost } from './bitbucket-cloud.js';
import { BitbucketServerHost } from './bitbucket-server.js';
import { GitHubHost } from './github.js';
import { GitLabHost } from './gitlab.js';

export type HostRole = 'source' | 'target';

/** The one place that knows which class serves which host type (setup-node's `distributions/` factory). */
export function createHost(endpoint: EndpointSettings | TargetSettings, role: HostRole, runtime?: Runtime): Host {
  switch (endpoint.type) {
    case 'github':
      return new GitHubHost(endpoint, role, runtime);
    case 'gitlab':
      return new GitLabHost(endpoint, role, runtime);
    case 'bitbucket-cloud':
      return new BitbucketCloudHost(endpoint, role);
    case 'bitbucket-server':
      return new BitbucketServerHost(endpoint, role);
    default: {
      const unknown: never = endpoint.type;
      throw new Error(`Unknown host type '${String(unknown)}'.`);
    }
  }
}
