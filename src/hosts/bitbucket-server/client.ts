/**
 * Bitbucket Server / Data Center adapter (REST 1.0 + branch-permissions 2.0).
 * API: https://developer.atlassian.com/server/bitbucket/rest/ (official description: specs/bitbucket-server.openapi.json)
 *
 * Naming: `RepoInfo.name` and `path` are the repository **slug** (the last segment of its URLs, lower-case), not the
 * display name. The slug is what identifies the repository in URLs, clone URLs and push payloads, it is what other
 * hosts use as the repository name, and host.ts defines `name` as "last path segment / slug"; `filter`, `exclude` and
 * `repositories` therefore match the slug. For the usual names (`api-server`) slug and name are the same.
 */
import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import { HostError, ListingError, type RepoInfo } from '../host.js';
import { basicAuth, HttpClient, stripUserInfo, type HttpClientOptions, type QueryValue } from '../http-client.js';

import type { HostRole } from '../host.js';

export interface DcPage<T> {
  values?: T[];
  isLastPage?: boolean;
  nextPageStart?: number;
  start?: number;
  limit?: number;
}

export interface DcLink {
  href?: string;
  name?: string;
}

export interface DcRepository {
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

export interface DcUser {
  name?: string;
  slug?: string;
}

export interface DcRestriction {
  id?: number;
  type?: string;
  matcher?: { id?: string; displayId?: string; type?: { id?: string } };
  users?: DcUser[];
  groups?: string[];
  accessKeys?: { key?: { id?: number } }[];
}

export interface DcWebhook {
  id?: number;
  name?: string;
  url?: string;
  events?: string[];
  active?: boolean;
  configuration?: Record<string, unknown>;
}

const PAGE_LIMIT = 100;

/** The slug Bitbucket Server derives from a repository name: lower case, runs of other characters become `-`. */
export function toSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
}

/** What the Bitbucket Server adapter's parts share: the two API clients, paths, paging and the repository entry. */
export class BitbucketServerApi {
  readonly owner: string;
  readonly http: HttpClient;
  readonly branchPermissions: HttpClient;
  readonly authorization: string | undefined;
  /** The mirror's own user slug, looked up once (protection.ts). */
  mirrorUser?: Promise<string>;

  constructor(
    readonly endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    clientOptions: Partial<HttpClientOptions> = {},
  ) {
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
    this.owner = endpoint.owner;
  }

  /** `/projects/{key}`; a personal namespace `~user` is the project key `~USER` in every REST path. */
  projectPath(): string {
    return `/projects/${encodeURIComponent(this.owner)}`;
  }

  repoPath(slug: string): string {
    return `${this.projectPath()}/repos/${encodeURIComponent(slug)}`;
  }

  async readDefaultBranch(slug: string): Promise<string | undefined> {
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
   * Follow `start`/`limit` paging to the end. A failed page, a page without `isLastPage`/`values`, or a
   * `nextPageStart` that does not advance throws (ListingError for the repository listing).
   */
  async collect<T>(
    client: HttpClient,
    path: string,
    query: Record<string, QueryValue>,
    what: string,
    listing: boolean,
    pagingParams = true,
  ): Promise<T[]> {
    const fail = (message: string, cause?: unknown): HostError => {
      const details =
        cause instanceof HostError ? { status: cause.status, kind: cause.kind } : { kind: 'unexpected' as const };
      return listing ? new ListingError(message, details) : new HostError(message, details);
    };
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
        const reason = error instanceof Error ? error.message : String(error);
        throw fail(`bitbucket-server: ${what} of ${this.owner} failed at start=${start}: ${reason}`, error);
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

  toRepoInfo(repo: DcRepository, fail: (message: string) => HostError): RepoInfo {
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
