/**
 * Per-repository overrides from the configuration file (`repositories:` under a mirror): whether a repository is
 * synchronized at all, its name on the target, and the few settings that may differ for one repository.
 */
import type { RepoInfo } from '../hosts/host.js';
import type { RepositoryOverride, Settings } from '../settings/settings.js';

/** The override for a source repository, by name (or path, for GitLab subgroup projects), case-insensitive. */
export function overrideOf(settings: Settings, repo: RepoInfo): RepositoryOverride | undefined {
  const overrides = settings.repositoryOverrides;
  if (!overrides?.size) return undefined;
  return overrides.get(repo.path.toLowerCase()) ?? overrides.get(repo.name.toLowerCase());
}

/** `enabled: false`: nothing is requested for it. Mode remove still lifts its protection, as for any mirror. */
export function isDisabled(settings: Settings, repo: RepoInfo): boolean {
  return settings.mode !== 'remove' && overrideOf(settings, repo)?.enabled === false;
}

/** The repository's own target name, when the file gives one. */
export function targetNameOf(settings: Settings, repo: RepoInfo): string | undefined {
  return overrideOf(settings, repo)?.targetName;
}

/** The mirror's settings with the repository's overrides applied. */
export function settingsFor(settings: Settings, repo: RepoInfo): Settings {
  const override = overrideOf(settings, repo);
  if (!override) return settings;
  return {
    ...settings,
    onDivergence: override.onDivergence ?? settings.onDivergence,
    lfs: override.lfs ?? settings.lfs,
    wikis: override.wikis ?? settings.wikis,
    prune: override.prune ?? settings.prune,
    protect: override.protect ?? settings.protect,
    visibility: override.visibility ?? settings.visibility,
  };
}
