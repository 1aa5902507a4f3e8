/** Protection on Bitbucket Server: branch permissions on `*` (branches and tags) with the mirror's own user exempt. */
import { HostError, type ProtectOptions, type RepoInfo } from '../host.js';
import type { BitbucketServerApi, DcRestriction, DcUser } from './client.js';

/**
 * One `PATTERN` matcher `*` covers every branch **and tag**: DC branch-permission patterns are matched against the
 * fully qualified ref (`refs/heads/x`, `refs/tags/v1`) and only need to match a suffix, so `*` "matches everything".
 * https://confluence.atlassian.com/bitbucketserver/branch-permission-patterns-776639814.html
 */
const MATCH_ALL = '*';
/** Push (read-only), force-push (fast-forward-only) and delete (no-deletes), each with the mirror's user exempt. */
const RESTRICTION_TYPES = ['read-only', 'fast-forward-only', 'no-deletes'] as const;

export async function protect(api: BitbucketServerApi, repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
  const slug = await mirrorUserSlug(api, repo);
  // A fresh repository has no restrictions yet: nothing to read first.
  const existing = options.fresh ? [] : await restrictions(api, repo);
  const stale: number[] = [];
  const wanted: Record<string, unknown>[] = [];
  for (const type of RESTRICTION_TYPES) {
    const same = existing.filter((r) => r.type === type && isMatchAll(r));
    if (same.some((r) => (r.users ?? []).some((u) => u.slug === slug))) continue;
    // A restriction of this kind without the mirror would block its pushes: recreate it with the mirror exempt,
    // keeping whoever else was exempt.
    const users = new Set([slug, ...same.flatMap((r) => (r.users ?? []).map((u) => u.slug ?? '').filter(Boolean))]);
    const groups = new Set(same.flatMap((r) => r.groups ?? []));
    wanted.push({
      type,
      matcher: { id: MATCH_ALL, displayId: MATCH_ALL, type: { id: 'PATTERN', name: 'Pattern' } },
      // DC 8+ takes user slugs in `userSlugs` (the response lists user objects in `users`).
      userSlugs: [...users],
      groups: [...groups],
    });
    stale.push(...same.map((r) => r.id).filter((id): id is number => typeof id === 'number'));
  }
  if (wanted.length === 0) return false;
  // The bulk form creates all missing restrictions in one call; the spec declares it with its own media type.
  const created = await api.branchPermissions.request<DcRestriction[] | DcRestriction>(
    'POST',
    `${api.repoPath(repo.path)}/restrictions`,
    { body: wanted, contentType: 'application/vnd.atl.bitbucket.bulk+json' },
  );
  // Bitbucket updates a restriction of the same type and matcher in place (same id) instead of adding one: never
  // delete an id the answer names, or the freshly updated restriction would go.
  const kept = new Set((Array.isArray(created.data) ? created.data : [created.data]).map((r) => r?.id));
  for (const id of stale) if (!kept.has(id)) await deleteRestriction(api, repo, id);
  return true;
}

export async function unprotect(api: BitbucketServerApi, repo: RepoInfo): Promise<boolean> {
  const ours = (await restrictions(api, repo)).filter(
    (r) => isMatchAll(r) && (RESTRICTION_TYPES as readonly (string | undefined)[]).includes(r.type),
  );
  for (const restriction of ours) {
    if (typeof restriction.id === 'number') await deleteRestriction(api, repo, restriction.id);
  }
  return ours.length > 0;
}

/** Every restriction on the repository (paged, complete or throws). */
function restrictions(api: BitbucketServerApi, repo: RepoInfo): Promise<DcRestriction[]> {
  return api.collect<DcRestriction>(
    api.branchPermissions,
    `${api.repoPath(repo.path)}/restrictions`,
    { matcherType: 'PATTERN' },
    `branch permissions of ${repo.path}`,
    false,
  );
}

async function deleteRestriction(api: BitbucketServerApi, repo: RepoInfo, id: number): Promise<void> {
  // 404: already gone (e.g. replaced by the bulk create) — the goal is reached.
  await api.branchPermissions.request('DELETE', `${api.repoPath(repo.path)}/restrictions/${id}`, {
    allowStatus: [404],
  });
}

/**
 * The slug of the account the token belongs to, for the branch-permission exemption. Bitbucket names the
 * authenticated user in the `X-AUSERNAME` header of every authenticated answer; the slug comes from the user
 * search. Project/repository HTTP access tokens act as a bot user that cannot be found there and cannot be
 * exempted from branch permissions: use a personal HTTP access token (or username + token) for the target.
 */
function mirrorUserSlug(api: BitbucketServerApi, repo: RepoInfo): Promise<string> {
  api.mirrorUser ??= findMirrorUserSlug(api, repo);
  api.mirrorUser.catch(() => (api.mirrorUser = undefined));
  return api.mirrorUser;
}

async function findMirrorUserSlug(api: BitbucketServerApi, repo: RepoInfo): Promise<string> {
  const probe = await api.http.request('GET', api.repoPath(repo.path));
  const name = probe.headers['x-ausername'] ?? api.endpoint.username;
  if (!name) {
    throw new HostError(
      `bitbucket-server: cannot tell which user the ${api.role} token belongs to, so the mirror cannot be exempted ` +
        `from branch permissions. Project and repository access tokens cannot be exempted: use a personal HTTP ` +
        `access token, or set ${api.role}-username.`,
      { kind: 'config' },
    );
  }
  // Most user slugs are the lower-cased user name: try that user directly, then search.
  const direct = await api.http.request<DcUser>('GET', `/users/${encodeURIComponent(name.toLowerCase())}`, {
    allowStatus: [404],
  });
  const same = (u: DcUser | undefined): boolean => u?.name?.toLowerCase() === name.toLowerCase();
  const user =
    direct.status === 200 && same(direct.data)
      ? direct.data
      : (await api.collect<DcUser>(api.http, '/users', { filter: name }, 'user search', false, false)).find(
          (u) => same(u) || u.slug === name.toLowerCase(),
        );
  if (!user?.slug) {
    throw new HostError(
      `bitbucket-server: the ${api.role} token's user '${name}' was not found among users (a project or repository ` +
        `access token's bot user cannot be exempted from branch permissions; use a personal token).`,
      { kind: 'config' },
    );
  }
  return user.slug;
}

function isMatchAll(restriction: DcRestriction): boolean {
  return restriction.matcher?.type?.id === 'PATTERN' && restriction.matcher.id === MATCH_ALL;
}
