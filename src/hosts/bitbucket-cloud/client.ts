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
import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import { HostError, ListingError, type RepoInfo } from '../host.js';
import { basicAuth, HttpClient, stripUserInfo, type HttpClientOptions } from '../http-client.js';

import type { HostRole } from '../host.js';

export interface CloudPage<T> {
  values?: T[];
  next?: string;
}

export interface CloudLink {
  href?: string;
  name?: string;
}

export interface CloudRepository {
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

export interface CloudAccount {
  uuid?: string;
  account_id?: string;
}

export interface CloudRestriction {
  id?: number;
  kind?: string;
  branch_match_kind?: string;
  pattern?: string;
  users?: CloudAccount[];
  groups?: unknown[];
}

export interface CloudHook {
  uuid?: string;
  url?: string;
  description?: string;
  events?: string[];
  active?: boolean;
}

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

/** What the Bitbucket Cloud adapter's parts share: the API client, paths, paging and the repository entry. */
export class BitbucketCloudApi {
  readonly owner: string;
  readonly http: HttpClient;
  readonly authorization: string | undefined;
  readonly gitAuthorization: string | undefined;
  readonly project: string | undefined;
  /** The mirror's own account, looked up once (protection.ts). */
  mirrorAccount?: Promise<CloudAccount>;

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

  repoPath(slug: string): string {
    return `/repositories/${encodeURIComponent(this.owner)}/${encodeURIComponent(slug)}`;
  }

  /** Follow `next` links to the end; a failed or malformed page, or a `next` seen before, throws. */
  async collect<T>(firstUrl: string, what: string, listing: boolean): Promise<T[]> {
    const fail = (message: string, cause?: unknown): HostError => {
      const details =
        cause instanceof HostError ? { status: cause.status, kind: cause.kind } : { kind: 'unexpected' as const };
      return listing ? new ListingError(message, details) : new HostError(message, details);
    };
    const values: T[] = [];
    const seen = new Set<string>();
    let url: string | undefined = firstUrl;
    let pageNumber = 1;
    while (url !== undefined) {
      let page: CloudPage<T> | undefined;
      try {
        page = (await this.http.request<CloudPage<T>>('GET', url)).data;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw fail(`bitbucket-cloud: ${what} of ${this.owner} failed on page ${pageNumber}: ${reason}`, error);
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

  toRepoInfo(repo: CloudRepository, fail: (message: string) => HostError): RepoInfo {
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
