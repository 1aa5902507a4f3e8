import type { HostType } from './host-types.js';
import type { Mode } from './settings.js';

/**
 * What this build can do. An input asking for anything else is refused with exit code 2 (never silently ignored), so a
 * feature is switched on here, in one place, once it is built and tested.
 */
export const FEATURES: {
  readonly sourceTypes: readonly HostType[];
  readonly targetTypes: readonly HostType[];
  readonly modes: readonly Mode[];
  readonly lfs: boolean;
} = {
  sourceTypes: ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'],
  targetTypes: ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'],
  modes: ['sync', 'preview', 'check', 'remove', 'install-hooks', 'validate'],
  lfs: true,
};
