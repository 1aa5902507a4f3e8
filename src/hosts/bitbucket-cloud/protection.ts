/**
 * Protection on Bitbucket Cloud: one `push` branch restriction on `*` exempting the mirror's own account (see
 * client.ts for why `force` and `delete` restrictions are removed rather than created, and why tags stay open).
 */
import { HostError, type ProtectOptions, type RepoInfo } from '../host.js';
import type { BitbucketCloudApi, CloudAccount, CloudRestriction } from './client.js';

/** The match-all restriction kinds that `unprotect` lifts. */
const RESTRICTION_KINDS = ['push', 'force', 'delete'] as const;
/** Kinds that bind every account, the mirror's included (no `users` exemptions): `protect` removes match-all ones. */
const UNEXEMPTABLE_KINDS: readonly (string | undefined)[] = ['force', 'delete'];
const MATCH_ALL = '*';

export async function protect(api: BitbucketCloudApi, repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
  const me = await mirrorAccountOf(api);
  // A fresh repository has no restrictions yet: nothing to read first.
  const matchAll = options.fresh ? [] : (await restrictions(api, repo)).filter(isMatchAll);
  let wrote = false;
  const push = matchAll.filter((r) => r.kind === 'push');
  if (!push.some((r) => (r.users ?? []).some((u) => isSameAccount(u, me)))) {
    const mirrorUser = { type: 'user', uuid: me.uuid };
    const current = push.find((r) => typeof r.id === 'number');
    if (current) {
      // A push restriction without the mirror would block its pushes: add the mirror to it ("should be done via PUT").
      await api.http.request('PUT', `${api.repoPath(repo.path)}/branch-restrictions/${current.id}`, {
        body: {
          type: 'branchrestriction',
          kind: 'push',
          branch_match_kind: 'glob',
          pattern: MATCH_ALL,
          users: [...(current.users ?? []).map((u) => ({ type: 'user', uuid: u.uuid })), mirrorUser],
          groups: current.groups ?? [],
        },
      });
    } else {
      await api.http.request('POST', `${api.repoPath(repo.path)}/branch-restrictions`, {
        body: {
          type: 'branchrestriction',
          kind: 'push',
          branch_match_kind: 'glob',
          pattern: MATCH_ALL,
          users: [mirrorUser],
          groups: [],
        },
      });
    }
    wrote = true;
  }
  for (const blocking of matchAll.filter((r) => UNEXEMPTABLE_KINDS.includes(r.kind) && typeof r.id === 'number')) {
    await api.http.request('DELETE', `${api.repoPath(repo.path)}/branch-restrictions/${blocking.id}`, {
      allowStatus: [404],
    });
    wrote = true;
  }
  return wrote;
}

export async function unprotect(api: BitbucketCloudApi, repo: RepoInfo): Promise<boolean> {
  const ours = (await restrictions(api, repo)).filter(
    (r) => isMatchAll(r) && (RESTRICTION_KINDS as readonly (string | undefined)[]).includes(r.kind),
  );
  for (const restriction of ours) {
    if (typeof restriction.id !== 'number') continue;
    await api.http.request('DELETE', `${api.repoPath(repo.path)}/branch-restrictions/${restriction.id}`, {
      allowStatus: [404],
    });
  }
  return ours.length > 0;
}

function restrictions(api: BitbucketCloudApi, repo: RepoInfo): Promise<CloudRestriction[]> {
  return api.collect<CloudRestriction>(
    `${api.repoPath(repo.path)}/branch-restrictions?pagelen=100`,
    `branch restrictions of ${repo.path}`,
    false,
  );
}

/** The account the credentials act as (`GET /user`), to exempt it from the restrictions. */
function mirrorAccountOf(api: BitbucketCloudApi): Promise<CloudAccount> {
  api.mirrorAccount ??= api.http.request<CloudAccount>('GET', '/user', { allowStatus: [401, 403] }).then((response) => {
    if (response.status !== 200 || !response.data?.uuid) {
      throw new HostError(
        `bitbucket-cloud: cannot tell which account the ${api.role} credentials belong to (GET /user answered ` +
          `${response.status}), so the mirror cannot be exempted from branch restrictions. Use credentials that ` +
          `can read their own account (an API token or app password with ${api.role}-username, or an access ` +
          `token with the account scope).`,
        response.status,
      );
    }
    return response.data;
  });
  api.mirrorAccount.catch(() => (api.mirrorAccount = undefined));
  return api.mirrorAccount;
}

function isMatchAll(restriction: CloudRestriction): boolean {
  return (restriction.branch_match_kind ?? 'glob') === 'glob' && restriction.pattern === MATCH_ALL;
}

function isSameAccount(a: CloudAccount, b: CloudAccount): boolean {
  return (a.uuid !== undefined && a.uuid === b.uuid) || (a.account_id !== undefined && a.account_id === b.account_id);
}
