/**
 * Protection on GitHub: two repository rulesets the mirror owns (one for branches, one for tags), forbidding creation,
 * update, deletion and force pushes to everyone but the mirror's own identity.
 * https://docs.github.com/en/rest/repos/rules
 */
import type { ProtectOptions, RepoInfo } from '../host.js';
import type { GitHubClient } from './client.js';

/** Name of the rulesets org-mirror owns on each target repository: one per ref kind (a ruleset has one target). */
export const RULESET_NAMES = { branch: 'org-mirror', tag: 'org-mirror tags' } as const;
type RulesetTarget = keyof typeof RULESET_NAMES;

/** What makes a ref read-only: nobody may create, move, force-move or delete it, except the bypass actors. */
const PROTECTING_RULES = ['creation', 'update', 'deletion', 'non_fast_forward'] as const;

interface BypassActor {
  actor_id?: number | null;
  actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey' | 'User';
  bypass_mode?: 'always' | 'pull_request' | 'exempt';
}

export interface Ruleset {
  id: number;
  name: string;
  target?: string;
  enforcement: string;
  bypass_actors?: BypassActor[];
  conditions?: { ref_name?: { include?: string[]; exclude?: string[] } } | null;
  rules?: { type: string }[];
}

/**
 * Who may still write under the rulesets. The mirror's own identity, as precisely as GitHub lets us name it:
 * - a personal access token: its user (`User` actor), so that not even other admins bypass;
 * - a GitHub App configured as such (`*-app-id`): the App itself (`Integration` actor, the App id);
 * - a GitHub App installation token given as a token (no user behind it, and its app id is only readable with the
 *   app's JWT): the repository `admin` role (`RepositoryRole`, actor_id 5 as documented), which the installation
 *   holds when it has the Administration permission it needs to manage rulesets anyway.
 * https://docs.github.com/en/rest/repos/rules#create-a-repository-ruleset
 */
async function bypassActors(client: GitHubClient): Promise<BypassActor[]> {
  if (client.appId !== undefined) return [{ actor_type: 'Integration', actor_id: client.appId, bypass_mode: 'always' }];
  const me = await client.whoAmI();
  if (me) return [{ actor_type: 'User', actor_id: me.id, bypass_mode: 'always' }];
  return [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'always' }];
}

export function desiredRuleset(target: RulesetTarget, actors: BypassActor[]) {
  return {
    name: RULESET_NAMES[target],
    target,
    enforcement: 'active' as const,
    bypass_actors: actors,
    conditions: { ref_name: { include: ['~ALL'], exclude: [] as string[] } },
    rules: PROTECTING_RULES.map((type) => ({ type })),
  };
}

async function ownRulesets(client: GitHubClient, repo: RepoInfo): Promise<Map<RulesetTarget, Ruleset>> {
  const all: Ruleset[] = await client.octokit.paginate('GET /repos/{owner}/{repo}/rulesets', {
    owner: client.owner,
    repo: repo.path,
    includes_parents: false,
    per_page: 100,
  });
  const own = new Map<RulesetTarget, Ruleset>();
  for (const target of ['branch', 'tag'] as const) {
    const summary = all.find((r) => r.name === RULESET_NAMES[target]);
    if (!summary) continue;
    // The list answers summaries; rules, conditions and bypass actors come with the ruleset itself.
    const { data } = await client.octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
      owner: client.owner,
      repo: repo.path,
      ruleset_id: summary.id,
    });
    own.set(target, data as Ruleset);
  }
  return own;
}

export async function protect(client: GitHubClient, repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
  try {
    const actors = await bypassActors(client);
    // A fresh repository has no rulesets yet: nothing to read first.
    const existing = options.fresh ? new Map<RulesetTarget, Ruleset>() : await ownRulesets(client, repo);
    let wrote = false;
    for (const target of ['branch', 'tag'] as const) {
      const desired = desiredRuleset(target, actors);
      const current = existing.get(target);
      if (current && rulesetMatches(current, desired)) continue;
      const where = { owner: client.owner, repo: repo.path };
      if (current) {
        await client.octokit.request('PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
          ...where,
          ruleset_id: current.id,
          ...desired,
        });
      } else {
        await client.octokit.request('POST /repos/{owner}/{repo}/rulesets', { ...where, ...desired });
      }
      wrote = true;
    }
    return wrote;
  } catch (error) {
    throw client.fail('protecting', repo.path, error);
  }
}

export async function unprotect(client: GitHubClient, repo: RepoInfo): Promise<boolean> {
  try {
    const existing = await ownRulesets(client, repo);
    for (const ruleset of existing.values()) {
      await client.octokit.request('DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
        owner: client.owner,
        repo: repo.path,
        ruleset_id: ruleset.id,
      });
    }
    return existing.size > 0;
  } catch (error) {
    throw client.fail('unprotecting', repo.path, error);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Whether an existing ruleset already enforces what `desired` describes (extra bypass actors do not count as equal). */
export function rulesetMatches(current: Ruleset, desired: ReturnType<typeof desiredRuleset>): boolean {
  const include = current.conditions?.ref_name?.include ?? [];
  const exclude = current.conditions?.ref_name?.exclude ?? [];
  const rules = (current.rules ?? []).map((r) => r.type);
  const actors = (current.bypass_actors ?? []).map(
    (a) => `${a.actor_type}:${a.actor_id ?? ''}:${a.bypass_mode ?? 'always'}`,
  );
  const wanted = desired.bypass_actors.map((a) => `${a.actor_type}:${a.actor_id ?? ''}:${a.bypass_mode ?? 'always'}`);
  return (
    current.target === desired.target &&
    current.enforcement === desired.enforcement &&
    sameSet(include, desired.conditions.ref_name.include) &&
    exclude.length === 0 &&
    PROTECTING_RULES.every((type) => rules.includes(type)) &&
    sameSet(actors, wanted)
  );
}
