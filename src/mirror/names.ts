/**
 * Where a source repository goes on the target. GitLab targets keep subgroup paths (`platform/api` stays a project
 * in subgroup `platform`); flat targets (GitHub, Bitbucket) flatten them with `-` (`platform-api`) and replace
 * characters the host does not allow in a repository name. Two sources landing on one target name is a collision:
 * both fail, neither overwrites the other.
 */
import type { HostType, RepoInfo } from '../hosts/host.js';
import { sourceNameProblem, targetNameProblem } from './name-rules.js';

export interface TargetPath {
  source: RepoInfo;
  targetPath: string;
}

export function targetPathFor(source: RepoInfo, targetType: HostType): string {
  if (targetType === 'gitlab') return source.path;
  const flat = source.path.split('/').join('-');
  switch (targetType) {
    case 'github':
    case 'gitea':
      // GitHub and Gitea: ASCII letters, digits, `.`, `-`, `_`; anything else becomes `-`.
      return flat.replace(/[^A-Za-z0-9._-]/g, '-');
    case 'bitbucket-cloud':
    case 'bitbucket-server':
      // Bitbucket slugs: lower-case letters, digits, `.`, `-`, `_` (the host lower-cases names into slugs).
      return flat.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  }
  return flat;
}

/** Case-insensitive key: every target host treats repository names without regard to case. */
export function nameKey(path: string): string {
  return path.toLowerCase();
}

export function mapNames(
  sources: RepoInfo[],
  targetType: HostType,
  /** A name the configuration file gives the repository on the target (`target-name`), instead of its own. */
  renamed: (source: RepoInfo) => string | undefined = () => undefined,
): {
  mapped: TargetPath[];
  collisions: Array<{ source: RepoInfo; targetPath: string; others: string[] }>;
  /** Names the target cannot hold (name-rules.ts), with the rule broken: never requested, never compared. */
  refused: Array<{ source: RepoInfo; targetPath: string; reason: string }>;
} {
  const byKey = new Map<string, TargetPath[]>();
  const refused: Array<{ source: RepoInfo; targetPath: string; reason: string }> = [];
  for (const source of sources) {
    const targetPath = renamed(source) ?? targetPathFor(source, targetType);
    const problem = targetNameProblem(source.path, targetPath, targetType);
    if (problem) {
      refused.push({ source, targetPath, reason: problem });
      continue;
    }
    const list = byKey.get(nameKey(targetPath)) ?? [];
    list.push({ source, targetPath });
    byKey.set(nameKey(targetPath), list);
  }
  const mapped: TargetPath[] = [];
  const collisions: Array<{ source: RepoInfo; targetPath: string; others: string[] }> = [];
  for (const list of byKey.values()) {
    if (list.length === 1) {
      mapped.push(list[0]);
      continue;
    }
    for (const entry of list) {
      const others = list.filter((other) => other !== entry).map((other) => other.source.path);
      collisions.push({ source: entry.source, targetPath: entry.targetPath, others });
    }
  }
  return { mapped, collisions, refused };
}

/** Source repositories whose name is hostile whatever the target (name-rules.ts), split off before any filter. */
export function refuseHostileNames(
  sources: RepoInfo[],
  targetType: HostType,
): { safe: RepoInfo[]; refused: Array<{ source: RepoInfo; targetPath: string; reason: string }> } {
  const safe: RepoInfo[] = [];
  const refused: Array<{ source: RepoInfo; targetPath: string; reason: string }> = [];
  for (const source of sources) {
    const reason = sourceNameProblem(source.path);
    if (reason) refused.push({ source, targetPath: targetPathFor(source, targetType), reason });
    else safe.push(source);
  }
  return { safe, refused };
}
