/**
 * Bitbucket Cloud adapter (REST 2.0). API: https://developer.atlassian.com/cloud/bitbucket/rest/
 * (official description: specs/bitbucket-cloud.openapi.json, paths without `/2.0`).
 *
 * Naming: `RepoInfo.name` and `path` are the repository **slug** (lower case, the last segment of its URLs), not the
 * display name: it is what URLs, clone URLs and push payloads (`full_name`) use, and host.ts defines `name` as
 * "last path segment / slug". `filter`, `exclude` and `repositories` therefore match the slug.
 *
 * Protection: one `push` branch restriction on `*` that exempts the mirror's own account. Per the branch restrictions
 * API, `users` exemptions "can only be configured in `push` and `restrict_merges` restrictions"; a `push` restriction
 * "stops a user pushing to matching branches unless that user is in `users`", so nobody else can push, force-push or
 * delete a branch, while the mirror can (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-branch-restrictions/).
 * `force` and `delete` restrictions cannot exempt anyone: they would stop the mirror's own overwrites and prunes, so
 * `protect` removes match-all ones (the `push` restriction already covers everyone else) and never creates them.
 *
 * Protection limitation: Bitbucket Cloud branch restrictions apply to branches only; tags cannot be restricted, so on
 * a Bitbucket Cloud target anyone with write access can still push or delete tags (the mirror detects and reports
 * such changes as divergence, and prunes/recreates them on the next run).
 */
import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import {
  HostError,
  ListingError,
  type CreateRepoRequest,
  type Host,
  type HookRequest,
  type HookResult,
  type ProtectOptions,
  type RepoInfo,
  type Visibility,
} from './host.js';
import { withOrphanMark, withoutOrphanMark } from './orphan-mark.js';
import { basicAuth, HttpClient, stripUserInfo, type HttpClientOptions } from './http-client.js';
import type { HostRole } from './host.js';

interface CloudPage<T> {
  values?: T[];
  next?: string;
}

interface CloudLink {
  href?: string;
  name?: string;
}

interface CloudRepository {
  uuid?: string;
  slug?: string;
  name?: string;
  full_name?: string;
  description?: string;
  is_private?: boolean;
  parent?: unknown;
  mainbranch?: { name?: string } | null;
  links?: { clone?: CloudLink[]; html?: CloudLink };
}

interface CloudAccount {
  uuid?: string;
  account_id?: string;
}

interface CloudRestriction {
  id?: number;
  kind?: string;
  branch_match_kind?: string;
  pattern?: string;
  users?: CloudAccount[];
  groups?: unknown[];
}

interface CloudHook {
  uuid?: string;
  url?: string;
  description?: string;
  events?: string[];
  active?: boolean;
}

/** The match-all restriction kinds that `unprotect` lifts. */
export const RESTRICTION_KINDS = ['push', 'force', 'delete'] as const;
/** Kinds that bind every account, the mirror's included (no `users` exemptions): `protect` removes match-all ones. */
const UNEXEMPTABLE_KINDS: readonly (string | undefined)[] = ['force', 'delete'];
const MATCH_ALL = '*';
const HOOK_EVENTS = ['repo:push'];
const HOOK_DESCRIPTION = 'org-mirror';

/**
 * The slug Bitbucket Cloud gives a repository name: lower case; letters, digits, `-`, `_` and `.` are kept, any run of
 * other characters becomes `-`.
 */
export function toSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export class BitbucketCloudHost implements Host {
  readonly type = 'bitbucket-cloud' as const;
  readonly owner: string;
  readonly protectionStrategy = 'exempt' as const;
  /** History refs: refs outside heads/tags are not documented as accepted or kept: protected tags instead (docs/history.md). */
  readonly historyRefs = 'tags' as const;
  readonly visibilities: readonly Visibility[] = ['private', 'public'];
  /** Exposed for tests and for the benchmark's request counting. */
  readonly http: HttpClient;
  private readonly authorization: string | undefined;
  private readonly gitAuthorization: string | undefined;
  private readonly project: string | undefined;
  private mirrorAccount?: Promise<CloudAccount>;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    clientOptions: Partial<HttpClientOptions> = {},
  ) {
    this.owner = endpoint.owner;
    this.project = 'project' in endpoint ? endpoint.project : undefined;
    const token = endpoint.token;
    if (token && endpoint.username) {
      // App password / API token: basic auth for the API and for git alike.
      this.authorization = basicAuth(endpoint.username, token);
      this.gitAuthorization = this.authorization;
    } else if (token) {
      // Access token: Bearer for the API; git takes it as the password of the fixed user `x-token-auth`.
      // https://support.atlassian.com/bitbucket-cloud/docs/using-access-tokens/
      this.authorization = `Bearer ${token}`;
      this.gitAuthorization = basicAuth('x-token-auth', token);
    }
    this.http = new HttpClient({
      headers: this.authorization ? { authorization: this.authorization } : {},
      secrets: [token, this.gitAuthorization].filter((s): s is string => Boolean(s)),
      label: `bitbucket-cloud ${role}`,
      ...clientOptions,
      baseUrl: endpoint.apiUrl,
    });
  }

  gitAuthHeader(): string | undefined {
    return this.gitAuthorization ? `Authorization: ${this.gitAuthorization}` : undefined;
  }

  private repoPath(slug: string): string {
    return `/repositories/${encodeURIComponent(this.owner)}/${encodeURIComponent(slug)}`;
  }

  async listRepos(): Promise<RepoInfo[]> {
    const repos = await this.collect<CloudRepository>(
      `/repositories/${encodeURIComponent(this.owner)}?pagelen=100`,
      'listing',
      true,
    );
    return repos.map((repo) => this.toRepoInfo(repo, (m) => new ListingError(m)));
  }

  async getRepo(path: string): Promise<RepoInfo | undefined> {
    const response = await this.http.request<CloudRepository>('GET', this.repoPath(toSlug(path)), {
      allowStatus: [404],
    });
    if (response.status === 404) return undefined;
    return this.toRepoInfo(response.data, (m) => new HostError(m));
  }

  async createRepo(request: CreateRepoRequest): Promise<RepoInfo> {
    const slug = toSlug(request.name);
    if (request.visibility === 'internal') {
      throw new HostError(
        `bitbucket-cloud: cannot create ${this.owner}/${slug} with visibility 'internal': Bitbucket Cloud repositories ` +
          `are either private or public. Use visibility 'private' or 'public'.`,
      );
    }
    if (!this.project) {
      // Every Bitbucket Cloud repository belongs to a project; without a key Bitbucket silently picks the oldest one.
      throw new HostError(
        `bitbucket-cloud: cannot create ${this.owner}/${slug}: set target-project to the key of the project ` +
          `that new repositories of workspace ${this.owner} belong to.`,
      );
    }
    if (!slug) throw new HostError(`bitbucket-cloud: '${request.name}' gives no valid repository slug`);
    const response = await this.http.request<CloudRepository>('POST', this.repoPath(slug), {
      body: {
        type: 'repository',
        scm: 'git',
        name: request.name,
        is_private: request.visibility !== 'public',
        description: request.description,
        project: { type: 'project', key: this.project },
      },
    });
    return this.toRepoInfo(response.data, (m) => new HostError(m));
  }

  async protect(repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
    const me = await this.mirrorAccountOf();
    // A fresh repository has no restrictions yet: nothing to read first.
    const matchAll = options.fresh ? [] : (await this.restrictions(repo)).filter(isMatchAll);
    let wrote = false;
    const push = matchAll.filter((r) => r.kind === 'push');
    if (!push.some((r) => (r.users ?? []).some((u) => isSameAccount(u, me)))) {
      const mirrorUser = { type: 'user', uuid: me.uuid };
      const current = push.find((r) => typeof r.id === 'number');
      if (current) {
        // A push restriction without the mirror would block its pushes: add the mirror to it ("should be done via PUT").
        await this.http.request('PUT', `${this.repoPath(repo.path)}/branch-restrictions/${current.id}`, {
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
        await this.http.request('POST', `${this.repoPath(repo.path)}/branch-restrictions`, {
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
      await this.http.request('DELETE', `${this.repoPath(repo.path)}/branch-restrictions/${blocking.id}`, {
        allowStatus: [404],
      });
      wrote = true;
    }
    return wrote;
  }

  async unprotect(repo: RepoInfo): Promise<boolean> {
    const ours = (await this.restrictions(repo)).filter(
      (r) => isMatchAll(r) && (RESTRICTION_KINDS as readonly (string | undefined)[]).includes(r.kind),
    );
    for (const restriction of ours) {
      if (typeof restriction.id !== 'number') continue;
      await this.http.request('DELETE', `${this.repoPath(repo.path)}/branch-restrictions/${restriction.id}`, {
        allowStatus: [404],
      });
    }
    return ours.length > 0;
  }

  /** No archive in the API: the description gets the `(orphaned on <date>)` mark (orphan-mark.ts), protection stays. */
  async archive(repo: RepoInfo, date: string): Promise<boolean> {
    return this.setDescription(repo, withOrphanMark(repo.description, date));
  }

  async unarchive(repo: RepoInfo): Promise<boolean> {
    return this.setDescription(repo, withoutOrphanMark(repo.description));
  }

  private async setDescription(repo: RepoInfo, description: string): Promise<boolean> {
    if ((repo.description ?? '') === description) return false;
    await this.http.request('PUT', this.repoPath(repo.path), { body: { type: 'repository', description } });
    repo.description = description;
    return true;
  }

  async setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    if (repo.defaultBranch === branch) return false;
    await this.http.request('PUT', this.repoPath(repo.path), {
      body: { type: 'repository', mainbranch: { type: 'branch', name: branch } },
    });
    repo.defaultBranch = branch;
    return true;
  }

  async setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    const isPrivate = visibility !== 'public';
    if ((repo.visibility !== 'public') === isPrivate) return false;
    await this.http.request('PUT', this.repoPath(repo.path), { body: { type: 'repository', is_private: isPrivate } });
    repo.visibility = isPrivate ? 'private' : 'public';
    return true;
  }

  async installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    const base = repo ? `${this.repoPath(repo.path)}/hooks` : `/workspaces/${encodeURIComponent(this.owner)}/hooks`;
    const hooks = await this.collect<CloudHook>(base, 'webhooks', false);
    const existing = hooks.find((h) => h.url === hook.url);
    const body = {
      description: existing?.description ?? HOOK_DESCRIPTION,
      url: hook.url,
      active: true,
      events: HOOK_EVENTS,
      secret: hook.secret,
    };
    if (!existing?.uuid) {
      await this.http.request('POST', base, { body });
      return 'created';
    }
    // Bitbucket never returns a hook's secret, so an existing hook is always rewritten with ours.
    await this.http.request('PUT', `${base}/${encodeURIComponent(existing.uuid)}`, { body });
    return 'updated';
  }

  async supportsNamespaceHook(): Promise<boolean> {
    // Workspace webhooks need a workspace admin's credentials; access tokens scoped to a repository cannot.
    const response = await this.http.request('GET', `/workspaces/${encodeURIComponent(this.owner)}/hooks`, {
      allowStatus: [401, 403, 404],
    });
    return response.status >= 200 && response.status < 300;
  }

  private restrictions(repo: RepoInfo): Promise<CloudRestriction[]> {
    return this.collect<CloudRestriction>(
      `${this.repoPath(repo.path)}/branch-restrictions?pagelen=100`,
      `branch restrictions of ${repo.path}`,
      false,
    );
  }

  /** The account the credentials act as (`GET /user`), to exempt it from the restrictions. */
  private mirrorAccountOf(): Promise<CloudAccount> {
    this.mirrorAccount ??= this.http
      .request<CloudAccount>('GET', '/user', { allowStatus: [401, 403] })
      .then((response) => {
        if (response.status !== 200 || !response.data?.uuid) {
          throw new HostError(
            `bitbucket-cloud: cannot tell which account the ${this.role} credentials belong to (GET /user answered ` +
              `${response.status}), so the mirror cannot be exempted from branch restrictions. Use credentials that ` +
              `can read their own account (an API token or app password with ${this.role}-username, or an access ` +
              `token with the account scope).`,
            response.status,
          );
        }
        return response.data;
      });
    this.mirrorAccount.catch(() => (this.mirrorAccount = undefined));
    return this.mirrorAccount;
  }

  /** Follow `next` links to the end; a failed or malformed page, or a `next` seen before, throws. */
  private async collect<T>(firstUrl: string, what: string, listing: boolean): Promise<T[]> {
    const fail = (message: string, status?: number): HostError =>
      listing ? new ListingError(message, status) : new HostError(message, status);
    const values: T[] = [];
    const seen = new Set<string>();
    let url: string | undefined = firstUrl;
    let pageNumber = 1;
    while (url !== undefined) {
      let page: CloudPage<T> | undefined;
      try {
        page = (await this.http.request<CloudPage<T>>('GET', url)).data;
      } catch (error) {
        const status = error instanceof HostError ? error.status : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw fail(`bitbucket-cloud: ${what} of ${this.owner} failed on page ${pageNumber}: ${reason}`, status);
      }
      if (typeof page !== 'object' || page === null || !Array.isArray(page.values)) {
        throw fail(`bitbucket-cloud: ${what} of ${this.owner}: page ${pageNumber} is not a Bitbucket page`);
      }
      values.push(...page.values);
      seen.add(this.http.resolve(url).toString());
      const nextLink: unknown = page.next ?? undefined;
      if (nextLink !== undefined) {
        let next: string;
        try {
          if (typeof nextLink !== 'string') throw new Error('not a string');
          next = this.http.resolve(nextLink).toString();
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw fail(
            `bitbucket-cloud: ${what} of ${this.owner}: page ${pageNumber} has an invalid next link: ${reason}`,
          );
        }
        if (seen.has(next)) {
          throw fail(`bitbucket-cloud: ${what} of ${this.owner}: page ${pageNumber} links back to a page already read`);
        }
      }
      url = nextLink as string | undefined;
      pageNumber += 1;
    }
    return values;
  }

  private toRepoInfo(repo: CloudRepository, fail: (message: string) => HostError): RepoInfo {
    const slug = repo.slug ?? repo.full_name?.split('/')[1];
    if (!slug || !repo.uuid) throw fail(`bitbucket-cloud: a repository of ${this.owner} has no slug or uuid`);
    // Bitbucket puts the requesting user into the clone URL (`https://user@bitbucket.org/ws/repo.git`).
    const clone = repo.links?.clone?.find((l) => l.name === 'https')?.href;
    if (!clone) throw fail(`bitbucket-cloud: ${this.owner}/${slug} has no https clone link`);
    return {
      id: repo.uuid,
      name: slug,
      path: slug,
      cloneUrl: stripUserInfo(clone),
      sshUrl: repo.links?.clone?.find((l) => l.name === 'ssh')?.href,
      webUrl: repo.links?.html?.href ?? clone.replace(/\.git$/, ''),
      defaultBranch: repo.mainbranch?.name ?? undefined,
      description: repo.description || undefined,
      visibility: repo.is_private === false ? 'public' : 'private',
      fork: repo.parent !== undefined && repo.parent !== null,
      // Bitbucket Cloud has no archived flag.
      archived: false,
      // `updated_on` also moves for settings changes and is not documented as a push stamp: no pushedAt.
    };
  }
}

function isMatchAll(restriction: CloudRestriction): boolean {
  return (restriction.branch_match_kind ?? 'glob') === 'glob' && restriction.pattern === MATCH_ALL;
}

function isSameAccount(a: CloudAccount, b: CloudAccount): boolean {
  return (a.uuid !== undefined && a.uuid === b.uuid) || (a.account_id !== undefined && a.account_id === b.account_id);
}
