/**
 * Protection of a Gitea/Forgejo mirror (SPEC sync step 6): one branch protection rule `**` and one tag protection `*`
 * that only the mirror's own user may push to, force-push included.
 * - Branch rules match with `/` as separator, so `*` would miss `feature/x`: the rule is `**`
 *   (https://docs.gitea.com/usage/access-control/protected-branches).
 * - Force-push allow-lists exist from Gitea 1.22; tag protections in the API from 1.23 (go-gitea/gitea#31295).
 * - Nobody may delete a protected branch, the allow-listed user included: the host's protection strategy lifts the
 *   branch rule around a push that prunes a branch (host.ts 'lift-for-branch-deletion').
 * - A branch rule also guards pull-request merges (`enable_merge_whitelist`), signed-commit and protected-file checks
 *   that would refuse the mirror's own pushes are switched off in the mirror's rule.
 */
import type { ProtectOptions, RepoInfo } from '../host.js';
import { readList, type GiteaApi } from './client.js';

export const BRANCH_RULE = '**';
export const TAG_PATTERN = '*';

interface BranchProtection {
  rule_name?: string;
  branch_name?: string;
  [field: string]: unknown;
}

interface TagProtection {
  id?: number;
  name_pattern?: string;
  whitelist_usernames?: string[] | null;
  whitelist_teams?: string[] | null;
}

/** The fields of the mirror's branch rule: pushes, force-pushes and merges by the mirror's user only. */
export function branchRuleFields(user: string, forcePushAllowList = true): Record<string, unknown> {
  return {
    enable_push: true,
    enable_push_whitelist: true,
    push_whitelist_usernames: [user],
    push_whitelist_teams: [],
    push_whitelist_deploy_keys: false,
    ...(forcePushAllowList
      ? {
          enable_force_push: true,
          enable_force_push_allowlist: true,
          force_push_allowlist_usernames: [user],
          force_push_allowlist_teams: [],
          force_push_allowlist_deploy_keys: false,
        }
      : {}),
    enable_merge_whitelist: true,
    merge_whitelist_usernames: [user],
    merge_whitelist_teams: [],
    require_signed_commits: false,
    protected_file_patterns: '',
  };
}

function sameValue(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    const list = Array.isArray(actual) ? (actual as unknown[]) : [];
    const lower = (values: unknown[]) => values.map((v) => String(v).toLowerCase()).sort();
    return JSON.stringify(lower(list)) === JSON.stringify(lower(wanted));
  }
  // Gitea answers `""` or leaves out empty strings and false booleans.
  return (actual ?? (typeof wanted === 'boolean' ? false : '')) === wanted;
}

const ruleName = (rule: BranchProtection): string | undefined => rule.rule_name || rule.branch_name;

export class GiteaProtection {
  /**
   * Whether the server's branch rules have force-push allow-lists (Gitea ≥ 1.22). Forgejo's have none: there, a
   * protected branch refuses every forced update, so protection must be lifted around each push. Learned from the
   * first branch rule the server answers with; undefined until then.
   */
  forcePushAllowList?: boolean;

  constructor(
    private readonly api: GiteaApi,
    private readonly mirrorUser: () => Promise<string>,
  ) {}

  private branchRules(repo: RepoInfo): Promise<BranchProtection[]> {
    return readList<BranchProtection>(
      this.api,
      `${this.api.repoPath(repo.path)}/branch_protections`,
      `branch protections of ${repo.path}`,
    );
  }

  private tagRules(repo: RepoInfo): Promise<TagProtection[]> {
    return readList<TagProtection>(
      this.api,
      `${this.api.repoPath(repo.path)}/tag_protections`,
      `tag protections of ${repo.path}`,
    );
  }

  /** Reads both rule lists (none on a fresh repository) and writes only what differs. True when it wrote. */
  async protect(repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
    const user = await this.mirrorUser();
    const [branches, tags] = options.fresh
      ? [[], []]
      : await Promise.all([this.branchRules(repo), this.tagRules(repo)]);
    const wroteBranch = await this.putBranchRule(repo, user, branches);
    const wroteTag = await this.putTagRule(repo, user, tags);
    return wroteBranch || wroteTag;
  }

  private async putBranchRule(repo: RepoInfo, user: string, rules: BranchProtection[]): Promise<boolean> {
    const existing = rules.find((rule) => ruleName(rule) === BRANCH_RULE);
    if (existing) this.learn(existing);
    const wanted = branchRuleFields(user, this.forcePushAllowList !== false);
    const base = `${this.api.repoPath(repo.path)}/branch_protections`;
    if (!existing) {
      const created = await this.api.http.request<BranchProtection>('POST', base, {
        body: { rule_name: BRANCH_RULE, ...wanted },
      });
      if (created.data && typeof created.data === 'object') this.learn(created.data);
      return true;
    }
    const changed = Object.fromEntries(
      Object.entries(wanted).filter(([key, value]) => !sameValue(existing[key], value)),
    );
    if (Object.keys(changed).length === 0) return false;
    await this.api.http.request('PATCH', `${base}/${encodeURIComponent(BRANCH_RULE)}`, { body: changed });
    return true;
  }

  private async putTagRule(repo: RepoInfo, user: string, rules: TagProtection[]): Promise<boolean> {
    const existing = rules.find((rule) => rule.name_pattern === TAG_PATTERN);
    const base = `${this.api.repoPath(repo.path)}/tag_protections`;
    const wanted = { whitelist_usernames: [user], whitelist_teams: [] as string[] };
    if (!existing || existing.id === undefined) {
      await this.api.http.request('POST', base, { body: { name_pattern: TAG_PATTERN, ...wanted } });
      return true;
    }
    if (
      sameValue(existing.whitelist_usernames, wanted.whitelist_usernames) &&
      sameValue(existing.whitelist_teams, wanted.whitelist_teams)
    ) {
      return false;
    }
    await this.api.http.request('PATCH', `${base}/${existing.id}`, { body: wanted });
    return true;
  }

  private learn(rule: BranchProtection): void {
    this.forcePushAllowList = 'enable_force_push' in rule;
  }

  /** Deletes the mirror's own rules (`**` and `*`) and no other. True when it deleted any. */
  async unprotect(repo: RepoInfo): Promise<boolean> {
    const [branches, tags] = await Promise.all([this.branchRules(repo), this.tagRules(repo)]);
    let wrote = false;
    if (branches.some((rule) => ruleName(rule) === BRANCH_RULE)) {
      // 404: already gone, the goal is reached.
      await this.api.http.request(
        'DELETE',
        `${this.api.repoPath(repo.path)}/branch_protections/${encodeURIComponent(BRANCH_RULE)}`,
        { allowStatus: [404] },
      );
      wrote = true;
    }
    for (const rule of tags.filter((tag) => tag.name_pattern === TAG_PATTERN && tag.id !== undefined)) {
      await this.api.http.request('DELETE', `${this.api.repoPath(repo.path)}/tag_protections/${rule.id}`, {
        allowStatus: [404],
      });
      wrote = true;
    }
    return wrote;
  }
}
