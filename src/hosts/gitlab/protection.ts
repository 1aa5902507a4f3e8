/**
 * Protection on GitLab: `*` protected for branches (push, merge: No one; no force push) and for tags (create: No one).
 * GitLab has no bypass for "No one", so the mirror lifts protection around its own push (strategy `lift`).
 * https://docs.gitlab.com/api/protected_branches/
 */
import type { ProtectOptions, RepoInfo } from '../host.js';
import { statusOf, type GitLabClient } from './client.js';

/** GitLab access level "No one": https://docs.gitlab.com/api/protected_branches/#valid-access-levels */
const NO_ONE = 0;
const WILDCARD = '*';

interface AccessLevel {
  access_level?: number | null;
  user_id?: number | null;
  group_id?: number | null;
  deploy_key_id?: number | null;
}

interface ProtectedBranch {
  name: string;
  push_access_levels?: AccessLevel[];
  merge_access_levels?: AccessLevel[];
  allow_force_push?: boolean;
}

interface ProtectedTag {
  name: string;
  create_access_levels?: AccessLevel[];
}

interface ProtectedRules {
  branches: ProtectedBranch[];
  tags: ProtectedTag[];
}

/** True when no one but the holder of a bypass can act under these access levels. */
function onlyNoOne(levels: AccessLevel[] | undefined): boolean {
  return (levels ?? []).every(
    (level) => (level.access_level ?? NO_ONE) === NO_ONE && !level.user_id && !level.group_id && !level.deploy_key_id,
  );
}

function branchLocked(rule: ProtectedBranch): boolean {
  return onlyNoOne(rule.push_access_levels) && onlyNoOne(rule.merge_access_levels) && !rule.allow_force_push;
}

function tagLocked(rule: ProtectedTag): boolean {
  return onlyNoOne(rule.create_access_levels);
}

/**
 * gitbeaker's `ProtectedBranches.protect` / `ProtectedTags.protect` send their fields as a query string; GitLab's
 * API description declares a JSON request body, so these two POSTs go through gitbeaker's requester with one.
 */
async function postJson(client: GitLabClient, path: string, body: Record<string, unknown>): Promise<void> {
  await client.api.ProtectedBranches.requester.post(path, { body });
}

/**
 * A fresh repository's tag rules are not read: GitLab adds none by itself (only the default branch is protected on
 * the first push, https://docs.gitlab.com/user/project/repository/branches/default/#protect-initial-default-branches).
 */
async function protectedRules(client: GitLabClient, repo: RepoInfo, fresh = false): Promise<ProtectedRules> {
  const branches = (await client.api.ProtectedBranches.all(repo.id, { perPage: 100 })) as unknown as ProtectedBranch[];
  const tags = fresh
    ? []
    : ((await client.api.ProtectedTags.all(repo.id, { perPage: 100 })) as unknown as ProtectedTag[]);
  return { branches, tags };
}

/** Every branch rule that lets someone push removed, `*` locked added unless there. Returns true when it wrote. */
async function lockBranches(client: GitLabClient, repo: RepoInfo, branches: ProtectedBranch[]): Promise<boolean> {
  let wrote = false;
  for (const rule of branches) {
    if (branchLocked(rule)) continue;
    await client.api.ProtectedBranches.unprotect(repo.id, rule.name);
    wrote = true;
  }
  if (!branches.some((rule) => rule.name === WILDCARD && branchLocked(rule))) {
    await postJson(client, `projects/${encodeURIComponent(repo.id)}/protected_branches`, {
      name: WILDCARD,
      push_access_level: NO_ONE,
      merge_access_level: NO_ONE,
      allow_force_push: false,
    });
    wrote = true;
  }
  return wrote;
}

/** The same for tags: `*` with create access for no one. */
async function lockTags(client: GitLabClient, repo: RepoInfo, tags: ProtectedTag[]): Promise<boolean> {
  let wrote = false;
  for (const rule of tags) {
    if (tagLocked(rule)) continue;
    await client.api.ProtectedTags.unprotect(repo.id, rule.name);
    wrote = true;
  }
  if (!tags.some((rule) => rule.name === WILDCARD && tagLocked(rule))) {
    await postJson(client, `projects/${encodeURIComponent(repo.id)}/protected_tags`, {
      name: WILDCARD,
      create_access_level: NO_ONE,
    });
    wrote = true;
  }
  return wrote;
}

/**
 * GitLab's own protection of the branch the first push made the default, removed after `*` is in place: GitLab adds
 * it in the background after the push, and only to a default branch that no rule covers yet
 * (ProtectDefaultBranchService#protect_branch?), so with `*` first a late rule cannot appear after this removal.
 * 404: the group does not protect it.
 */
async function dropInitialProtection(client: GitLabClient, repo: RepoInfo, branch: string): Promise<void> {
  try {
    await client.api.ProtectedBranches.unprotect(repo.id, branch);
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

/**
 * When a ref matches several rules GitLab grants the most permissive one, so any other rule that lets someone push
 * (GitLab's automatic default-branch protection allows Maintainers) is removed; rules as strict as ours are left
 * alone. https://docs.gitlab.com/user/project/repository/branches/protected/#when-a-branch-matches-multiple-rules
 */
export async function protect(client: GitLabClient, repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
  try {
    const initial = options.fresh ? options.initialDefaultBranch : undefined;
    // A fresh repository holds at most the rule GitLab put on the branch the first push made the default: when that
    // branch is known it is removed without reading the rules first.
    const { branches, tags } = initial ? { branches: [], tags: [] } : await protectedRules(client, repo, options.fresh);
    let wrote = await lockBranches(client, repo, branches);
    if (initial) await dropInitialProtection(client, repo, initial);
    wrote = (await lockTags(client, repo, tags)) || wrote;
    return wrote;
  } catch (error) {
    throw client.fail('protecting', repo.path, error);
  }
}

/**
 * Remove every protected branch and tag rule, GitLab's automatic default-branch protection included (it forbids
 * force pushes even to Maintainers), so that the mirror's forced push goes through.
 */
export async function unprotect(client: GitLabClient, repo: RepoInfo): Promise<boolean> {
  try {
    const { branches, tags } = await protectedRules(client, repo);
    for (const rule of branches) await client.api.ProtectedBranches.unprotect(repo.id, rule.name);
    for (const rule of tags) await client.api.ProtectedTags.unprotect(repo.id, rule.name);
    return branches.length + tags.length > 0;
  } catch (error) {
    throw client.fail('unprotecting', repo.path, error);
  }
}
