/**
 * Bitbucket Server / Data Center adapter (REST 1.0 + branch-permissions 2.0).
 * API: https://developer.atlassian.com/server/bitbucket/rest/ (official description: specs/bitbucket-server.openapi.json)
 *
 * Naming: `RepoInfo.name` and `path` are the repository **slug** (the last segment of its URLs, lower-case), not the
 * display name. The slug is what identifies the repository in URLs, clone URLs and push payloads, it is what other
 * hosts use as the repository name, and host.ts defines `name` as "last path segment / slug"; `filter`, `exclude` and
 * `repositories` therefore match the slug. For the usual names (`api-server`) slug and name are the same.
 */
import pLimit from 'p-limit';

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
import { basicAuth, HttpClient, stripUserInfo, type HttpClientOptions, type QueryValue } from './http-client.js';

import type { HostRole } from './host.js';

interface DcPage<T> {
  values?: T[];
  isLastPage?: boolean;
  nextPageStart?: number;
  start?: number;
  limit?: number;
}

interface DcLink {
  href?: string;
  name?: string;
}

interface DcRepository {
  id?: number;
  slug?: string;
  name?: string;
  description?: string;
  public?: boolean;
  archived?: boolean;
  origin?: unknown;
  project?: { key?: string };
  links?: { clone?: DcLink[]; self?: DcLink[] };
}

interface DcUser {
  name?: string;
  slug?: string;
}

interface DcRestriction {
  id?: number;
  type?: string;
  matcher?: { id?: string; displayId?: string; type?: { id?: string } };
  users?: DcUser[];
  groups?: string[];
  accessKeys?: { key?: { id?: number } }[];
}

interface DcWebhook {
  id?: number;
  name?: string;
  url?: string;
  events?: string[];
  active?: boolean;
  configuration?: Record<string, unknown>;
}

const PAGE_LIMIT = 100;
/** Default-branch reads in flight at once while listing a source project. */
const DEFAULT_BRANCH_READS = 8;
/**
 * One `PATTERN` matcher `*` covers every branch **and tag**: DC branch-permission patterns are matched against the
 * fully qualified ref (`refs/heads/x`, `refs/tags/v1`) and only need to match a suffix, so `*` "matches everything".
 * https://confluence.atlassian.com/bitbucketserver/branch-permission-patterns-776639814.html
 */
const MATCH_ALL = '*';
/** Push (read-only), force-push (fast-forward-only) and delete (no-deletes), each with the mirror's user exempt. */
export const RESTRICTION_TYPES = ['read-only', 'fast-forward-only', 'no-deletes'] as const;
const HOOK_EVENTS = ['repo:refs_changed'];
const HOOK_NAME = 'org-mirror';

/** The slug Bitbucket Server derives from a repository name: lower case, runs of other characters become `-`. */
export function toSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
}

export class BitbucketServerHost implements Host {
  readonly type = 'bitbucket-server' as const;
  readonly owner: string;
  readonly protectionStrategy = 'exempt' as const;
  /** History refs: accepts and advertises refs outside heads/tags (only refs/pull-requests/* is reserved). */
  readonly historyRefs = 'refs' as const;
  readonly visibilities: readonly Visibility[] = ['private', 'public'];
  /** Exposed for tests and for the benchmark's request counting. */
  readonly http: HttpClient;
  private readonly branchPermissions: HttpClient;
  private readonly authorization: string | undefined;
  private mirrorUser?: Promise<string>;

  constructor(
    private readonly endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    clientOptions: Partial<HttpClientOptions> = {},
  ) {
    this.owner = endpoint.owner;
    const token = endpoint.token;
    this.authorization = token
      ? endpoint.username
        ? basicAuth(endpoint.username, token)
        : `Bearer ${token}`
      : undefined;
    const common: Partial<HttpClientOptions> = {
      headers: this.authorization ? { authorization: this.authorization } : {},
      secrets: token ? [token] : [],
      label: `bitbucket-server ${role}`,
      ...clientOptions,
    };
    this.http = new HttpClient({ ...common, baseUrl: endpoint.apiUrl });
    // Branch permissions live beside the core API: <url>/rest/branch-permissions/2.0.
    this.branchPermissions = new HttpClient({
      ...common,
      baseUrl: `${endpoint.url.replace(/\/+$/, '')}/rest/branch-permissions/2.0`,
    });
  }

  gitAuthHeader(): string | undefined {
    return this.authorization ? `Authorization: ${this.authorization}` : undefined;
  }

  /** `/projects/{key}`; a personal namespace `~user` is the project key `~USER` in every REST path. */
  private projectPath(): string {
    return `/projects/${encodeURIComponent(this.owner)}`;
  }

  private repoPath(slug: string): string {
    return `${this.projectPath()}/repos/${encodeURIComponent(slug)}`;
  }

  async listRepos(): Promise<RepoInfo[]> {
    const repos = await this.collect<DcRepository>(this.http, `${this.projectPath()}/repos`, {}, 'listing', true);
    const infos = repos.map((repo) => this.toRepoInfo(repo, (m) => new ListingError(m)));
    // Over HTTP(S) the mirror learns the default branch from each repository's ref advertisement (its HEAD), which it
    // reads anyway; git over SSH gives no HEAD, so the default branch is read through the API then.
    if (this.role === 'source' && this.endpoint.ssh) await this.readDefaultBranches(infos);
    return infos;
  }

  /**
   * The repository listing does not carry the default branch (`defaultBranch` is write-only in RestRepository), and
   * the target's default branch follows the source's: read it per repository, a few at a time. A failed read fails
   * the listing (never act on a partial one).
   */
  private async readDefaultBranches(infos: RepoInfo[]): Promise<void> {
    const limit = pLimit(DEFAULT_BRANCH_READS);
    await Promise.all(
      infos.map((info) =>
        limit(async () => {
          try {
            info.defaultBranch = await this.readDefaultBranch(info.path);
          } catch (error) {
            const status = error instanceof HostError ? error.status : undefined;
            const reason = error instanceof Error ? error.message : String(error);
            throw new ListingError(
              `bitbucket-server: listing of ${this.owner}: default branch of ${info.path}: ${reason}`,
              status,
            );
          }
        }),
      ),
    );
  }

  async getRepo(path: string): Promise<RepoInfo | undefined> {
    const slug = toSlug(path);
    const response = await this.http.request<DcRepository>('GET', this.repoPath(slug), { allowStatus: [404] });
    if (response.status === 404) return undefined;
    const info = this.toRepoInfo(response.data, (m) => new HostError(m));
    info.defaultBranch = await this.readDefaultBranch(slug);
    return info;
  }

  async createRepo(request: CreateRepoRequest): Promise<RepoInfo> {
    if (request.visibility === 'internal') {
      throw new HostError(
        `bitbucket-server: cannot create ${this.owner}/${request.name} with visibility 'internal': Bitbucket Data Center ` +
          `repositories are either private or public. Use visibility 'private' or 'public'.`,
      );
    }
    const isPublic = request.visibility === 'public';
    const response = await this.http.request<DcRepository>('POST', `${this.projectPath()}/repos`, {
      body: {
        name: request.name,
        scmId: 'git',
        description: request.description,
        public: isPublic,
        ...(request.defaultBranch ? { defaultBranch: request.defaultBranch } : {}),
      },
    });
    let created = response.data;
    // Older servers ignore `public` on creation: set it afterwards when the answer shows otherwise.
    if (created.public !== undefined && created.public !== isPublic && created.slug) {
      created = (
        await this.http.request<DcRepository>('PUT', this.repoPath(created.slug), { body: { public: isPublic } })
      ).data;
    }
    const info = this.toRepoInfo(created, (m) => new HostError(m));
    info.defaultBranch = request.defaultBranch;
    return info;
  }

  async protect(repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
    const slug = await this.mirrorUserSlug(repo);
    // A fresh repository has no restrictions yet: nothing to read first.
    const existing = options.fresh ? [] : await this.restrictions(repo);
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
    const created = await this.branchPermissions.request<DcRestriction[] | DcRestriction>(
      'POST',
      `${this.repoPath(repo.path)}/restrictions`,
      { body: wanted, contentType: 'application/vnd.atl.bitbucket.bulk+json' },
    );
    // Bitbucket updates a restriction of the same type and matcher in place (same id) instead of adding one: never
    // delete an id the answer names, or the freshly updated restriction would go.
    const kept = new Set((Array.isArray(created.data) ? created.data : [created.data]).map((r) => r?.id));
    for (const id of stale) if (!kept.has(id)) await this.deleteRestriction(repo, id);
    return true;
  }

  async unprotect(repo: RepoInfo): Promise<boolean> {
    const ours = (await this.restrictions(repo)).filter(
      (r) => isMatchAll(r) && (RESTRICTION_TYPES as readonly (string | undefined)[]).includes(r.type),
    );
    for (const restriction of ours) {
      if (typeof restriction.id === 'number') await this.deleteRestriction(repo, restriction.id);
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
    await this.http.request('PUT', this.repoPath(repo.path), { body: { description } });
    repo.description = description;
    return true;
  }

  async setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    const current = repo.defaultBranch ?? (await this.readDefaultBranch(repo.path));
    if (current === branch) return false;
    await this.http.request('PUT', `${this.repoPath(repo.path)}/default-branch`, {
      body: { id: `refs/heads/${branch}` },
    });
    repo.defaultBranch = branch;
    return true;
  }

  async setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    const isPublic = visibility === 'public';
    if ((repo.visibility === 'public') === isPublic) return false;
    await this.http.request('PUT', this.repoPath(repo.path), { body: { public: isPublic } });
    repo.visibility = isPublic ? 'public' : 'private';
    return true;
  }

  async installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    const base = repo ? `${this.repoPath(repo.path)}/webhooks` : `${this.projectPath()}/webhooks`;
    const hooks = await this.collect<DcWebhook>(this.http, base, {}, 'webhooks', false, false);
    const existing = hooks.find((h) => h.url === hook.url);
    const body = {
      name: existing?.name ?? HOOK_NAME,
      url: hook.url,
      events: HOOK_EVENTS,
      active: true,
      configuration: { ...(existing?.configuration ?? {}), secret: hook.secret },
    };
    if (!existing || existing.id === undefined) {
      await this.http.request('POST', base, { body });
      return 'created';
    }
    const upToDate =
      existing.active !== false &&
      HOOK_EVENTS.every((e) => existing.events?.includes(e)) &&
      existing.configuration?.secret === hook.secret;
    if (upToDate) return 'unchanged';
    await this.http.request('PUT', `${base}/${existing.id}`, { body });
    return 'updated';
  }

  async supportsNamespaceHook(): Promise<boolean> {
    // Personal projects have no project-level webhooks; project webhooks need PROJECT_ADMIN.
    if (this.owner.startsWith('~')) return false;
    const response = await this.http.request('GET', `${this.projectPath()}/webhooks`, {
      allowStatus: [401, 403, 404, 405],
    });
    return response.status >= 200 && response.status < 300;
  }

  /** Every restriction on the repository (paged, complete or throws). */
  private restrictions(repo: RepoInfo): Promise<DcRestriction[]> {
    return this.collect<DcRestriction>(
      this.branchPermissions,
      `${this.repoPath(repo.path)}/restrictions`,
      { matcherType: 'PATTERN' },
      `branch permissions of ${repo.path}`,
      false,
    );
  }

  private async deleteRestriction(repo: RepoInfo, id: number): Promise<void> {
    // 404: already gone (e.g. replaced by the bulk create) — the goal is reached.
    await this.branchPermissions.request('DELETE', `${this.repoPath(repo.path)}/restrictions/${id}`, {
      allowStatus: [404],
    });
  }

  private async readDefaultBranch(slug: string): Promise<string | undefined> {
    // 404 also means "no configured default branch" (https://developer.atlassian.com/server/bitbucket/rest/).
    const response = await this.http.request<{ id?: string; displayId?: string } | undefined>(
      'GET',
      `${this.repoPath(slug)}/default-branch`,
      { allowStatus: [404] },
    );
    if (response.status === 404 || !response.data) return undefined;
    const { id, displayId } = response.data;
    return id?.startsWith('refs/heads/') ? id.slice('refs/heads/'.length) : displayId;
  }

  /**
   * The slug of the account the token belongs to, for the branch-permission exemption. Bitbucket names the
   * authenticated user in the `X-AUSERNAME` header of every authenticated answer; the slug comes from the user
   * search. Project/repository HTTP access tokens act as a bot user that cannot be found there and cannot be
   * exempted from branch permissions: use a personal HTTP access token (or username + token) for the target.
   */
  private mirrorUserSlug(repo: RepoInfo): Promise<string> {
    this.mirrorUser ??= this.findMirrorUserSlug(repo);
    this.mirrorUser.catch(() => (this.mirrorUser = undefined));
    return this.mirrorUser;
  }

  private async findMirrorUserSlug(repo: RepoInfo): Promise<string> {
    const probe = await this.http.request('GET', this.repoPath(repo.path));
    const name = probe.headers['x-ausername'] ?? this.endpoint.username;
    if (!name) {
      throw new HostError(
        `bitbucket-server: cannot tell which user the ${this.role} token belongs to, so the mirror cannot be exempted ` +
          `from branch permissions. Project and repository access tokens cannot be exempted: use a personal HTTP ` +
          `access token, or set ${this.role}-username.`,
      );
    }
    // Most user slugs are the lower-cased user name: try that user directly, then search.
    const direct = await this.http.request<DcUser>('GET', `/users/${encodeURIComponent(name.toLowerCase())}`, {
      allowStatus: [404],
    });
    const same = (u: DcUser | undefined): boolean => u?.name?.toLowerCase() === name.toLowerCase();
    const user =
      direct.status === 200 && same(direct.data)
        ? direct.data
        : (await this.collect<DcUser>(this.http, '/users', { filter: name }, 'user search', false, false)).find(
            (u) => same(u) || u.slug === name.toLowerCase(),
          );
    if (!user?.slug) {
      throw new HostError(
        `bitbucket-server: the ${this.role} token's user '${name}' was not found among users (a project or repository ` +
          `access token's bot user cannot be exempted from branch permissions; use a personal token).`,
      );
    }
    return user.slug;
  }

  /**
   * Follow `start`/`limit` paging to the end. A failed page, a page without `isLastPage`/`values`, or a
   * `nextPageStart` that does not advance throws (ListingError for the repository listing).
   */
  private async collect<T>(
    client: HttpClient,
    path: string,
    query: Record<string, QueryValue>,
    what: string,
    listing: boolean,
    pagingParams = true,
  ): Promise<T[]> {
    const fail = (message: string, status?: number): HostError =>
      listing ? new ListingError(message, status) : new HostError(message, status);
    const values: T[] = [];
    let start = 0;
    for (;;) {
      let page: DcPage<T> | undefined;
      try {
        // Some paged resources (webhooks, user search) do not declare `start`/`limit` in the API description:
        // ask for their first page with the server's default size and page on with `start` only.
        const paging = pagingParams ? { start, limit: PAGE_LIMIT } : start > 0 ? { start } : {};
        page = (await client.request<DcPage<T>>('GET', path, { query: { ...query, ...paging } })).data;
      } catch (error) {
        const status = error instanceof HostError ? error.status : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw fail(`bitbucket-server: ${what} of ${this.owner} failed at start=${start}: ${reason}`, status);
      }
      if (
        typeof page !== 'object' ||
        page === null ||
        !Array.isArray(page.values) ||
        typeof page.isLastPage !== 'boolean'
      ) {
        throw fail(`bitbucket-server: ${what} of ${this.owner}: page at start=${start} is not a Bitbucket page`);
      }
      values.push(...page.values);
      if (page.isLastPage) return values;
      if (typeof page.nextPageStart !== 'number' || page.nextPageStart <= start) {
        throw fail(
          `bitbucket-server: ${what} of ${this.owner}: page at start=${start} has nextPageStart ` +
            `${String(page.nextPageStart)}, which does not advance`,
        );
      }
      start = page.nextPageStart;
    }
  }

  private toRepoInfo(repo: DcRepository, fail: (message: string) => HostError): RepoInfo {
    const slug = repo.slug;
    if (!slug || repo.id === undefined) {
      throw fail(`bitbucket-server: a repository of ${this.owner} has no slug or id`);
    }
    // Bitbucket names both the http and the https clone link `http`; it puts the user in it (`https://user@host/…`).
    const clone = repo.links?.clone?.find((l) => l.name === 'http' || l.name === 'https')?.href;
    // A server with HTTP(S) git access off gives the SSH link alone: usable with an SSH key.
    const sshUrl = repo.links?.clone?.find((l) => l.name === 'ssh')?.href;
    if (!clone && !sshUrl) {
      throw fail(`bitbucket-server: ${this.owner}/${slug} has no clone link`);
    }
    const web = repo.links?.self?.[0]?.href;
    return {
      id: String(repo.id),
      name: slug,
      path: slug,
      cloneUrl: clone ? stripUserInfo(clone) : '',
      sshUrl,
      webUrl: web ? stripUserInfo(web) : (clone ?? '').replace(/\.git$/, ''),
      description: repo.description,
      visibility: repo.public ? 'public' : 'private',
      fork: repo.origin !== undefined && repo.origin !== null,
      // `archived` exists from Data Center 8.0; older servers have no archiving.
      archived: repo.archived === true,
    };
  }
}

function isMatchAll(restriction: DcRestriction): boolean {
  return restriction.matcher?.type?.id === 'PATTERN' && restriction.matcher.id === MATCH_ALL;
}
