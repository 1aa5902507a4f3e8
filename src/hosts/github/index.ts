export { GitHubHost } from './github-host.js';
export type { GitHubHostOptions } from './client.js';
