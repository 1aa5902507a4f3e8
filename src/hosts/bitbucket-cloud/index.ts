export { BitbucketCloudHost } from './bitbucket-cloud-host.js';
export { toSlug } from './client.js';
