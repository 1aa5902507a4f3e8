export { BitbucketServerHost } from './bitbucket-server-host.js';
export { toSlug, type HostRole } from './client.js';
