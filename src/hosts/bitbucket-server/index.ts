export { BitbucketServerHost } from './bitbucket-server-host.js';
export { toSlug } from './client.js';
