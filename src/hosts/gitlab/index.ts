export { GitLabHost } from './gitlab-host.js';
export { gitbeakerBase, type GitLabHostOptions } from './client.js';
