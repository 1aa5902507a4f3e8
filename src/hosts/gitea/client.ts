/**
 * The Gitea/Forgejo API client: the shared HTTP client (http-client.ts) with Gitea's token header, and the paged
 * collection every listing goes through. API: https://gitea.com/api/swagger (official description:
 * test/contract/gitea.openapi.json); Forgejo answers the same calls (https://forgejo.org/docs/latest/user/api-usage/).
 */
import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import { HostError, ListingError } from '../host.js';
import { basicAuth, HttpClient, type HttpClientOptions } from '../http-client.js';

export type HostRole = 'source' | 'target';

/** The fields of Gitea's `Repository` the mirror reads. */
export interface GiteaRepository {
  id?: number;
  name?: string;
  full_name?: string;
  description?: string;
  clone_url?: string;
  ssh_url?: string;
  html_url?: string;
  default_branch?: string;
  private?: boolean;
  /** Public, but only to signed-in users (the owner is a "limited" organization or user). */
  internal?: boolean;
  fork?: boolean;
  archived?: boolean;
  empty?: boolean;
  mirror?: boolean;
  has_wiki?: boolean;
}

/** Gitea's largest page by default (`[api] MAX_RESPONSE_ITEMS`); a smaller server maximum is followed through `Link`. */
export const PAGE_LIMIT = 50;
/** A bound on pages, so that a server handing out `next` links forever cannot keep a run busy. */
const MAX_PAGES = 10_000;
/** User name git sends with the token: Gitea and Forgejo take the token as password and ignore the user name. */
const GIT_USER = 'org-mirror';

export class GiteaApi {
  readonly http: HttpClient;
  readonly owner: string;
  private readonly gitAuthorization: string | undefined;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    clientOptions: Partial<HttpClientOptions> = {},
  ) {
    this.owner = endpoint.owner;
    const token = endpoint.token;
    // API: `Authorization: token <token>` (https://docs.gitea.com/development/api-usage#authentication); git over
    // HTTP(S): Basic auth with the token as password (https://docs.gitea.com/usage/authentication).
    this.gitAuthorization = token ? basicAuth(GIT_USER, token) : undefined;
    this.http = new HttpClient({
      baseUrl: endpoint.apiUrl,
      headers: token ? { authorization: `token ${token}` } : {},
      secrets: token ? [token] : [],
      label: `gitea ${role}`,
      ...clientOptions,
    });
  }

  gitAuthHeader(): string | undefined {
    return this.gitAuthorization ? `Authorization: ${this.gitAuthorization}` : undefined;
  }

  /** `/repos/{owner}/{repo}` with both segments encoded. */
  repoPath(name: string, owner = this.owner): string {
    return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  }

  /**
   * Every item of a paged collection (`page`/`limit`): follows the `Link: <…>; rel="next"` the server gives, and
   * checks the count against `X-Total-Count`. A failed or malformed page, a `next` link seen before, or a count that
   * does not match throws (a ListingError for the repository listing): never a partial collection.
   */
  async collect<T>(path: string, what: string, listing: boolean): Promise<T[]> {
    const fail = (message: string, status?: number): HostError =>
      listing ? new ListingError(message, status) : new HostError(message, status);
    const items: T[] = [];
    const seen = new Set<string>();
    let next: string | undefined = this.http.resolve(path, { page: 1, limit: PAGE_LIMIT }).toString();
    let page = 1;
    let total: number | undefined;
    while (next) {
      if (seen.has(next) || seen.size >= MAX_PAGES) {
        throw fail(`gitea: ${what} of ${this.owner}: page ${page} links back to a page already read`);
      }
      seen.add(next);
      let response;
      try {
        response = await this.http.request<T[]>('GET', next);
      } catch (error) {
        const status = error instanceof HostError ? error.status : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw fail(`gitea: ${what} of ${this.owner} failed at page ${page}: ${reason}`, status);
      }
      if (!Array.isArray(response.data)) {
        throw fail(`gitea: ${what} of ${this.owner}: page ${page} is not a list`);
      }
      items.push(...response.data);
      const count = response.headers['x-total-count'];
      if (count !== undefined) {
        const counted = Number(count);
        if (!Number.isInteger(counted) || counted < 0) {
          throw fail(`gitea: ${what} of ${this.owner}: page ${page} has X-Total-Count ${JSON.stringify(count)}`);
        }
        // A count that moves between pages: items were added or removed while reading, some may have been skipped.
        if (total !== undefined && counted !== total) {
          throw fail(
            `gitea: ${what} of ${this.owner}: X-Total-Count changed from ${total} to ${counted} at page ${page}; ` +
              `the collection changed while it was read`,
          );
        }
        total = counted;
      }
      next = nextLink(response.headers.link);
      // Without a `next` link, a total not yet reached means more pages (servers that omit `Link`), unless the page
      // was empty: then the collection shrank while being read, and the result cannot be trusted.
      if (!next && total !== undefined && items.length < total) {
        if (response.data.length === 0) break;
        next = this.http.resolve(path, { page: page + 1, limit: PAGE_LIMIT }).toString();
      }
      page += 1;
    }
    if (total !== undefined && items.length !== total) {
      throw fail(
        `gitea: ${what} of ${this.owner}: read ${items.length} item(s) but the server counts ${total} (X-Total-Count); ` +
          `the collection changed while it was read, or a page was lost`,
      );
    }
    return items;
  }
}

/** An unpaged list (branch and tag protections are answered whole). */
export async function readList<T>(api: GiteaApi, path: string, what: string): Promise<T[]> {
  const response = await api.http.request<T[]>('GET', path);
  if (!Array.isArray(response.data)) throw new HostError(`gitea: ${what} of ${api.owner}: the answer is not a list`);
  return response.data;
}

/** The `rel="next"` target of an RFC 8288 `Link` header. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,\s*(?=<)/)) {
    const match = /^<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2])) return match[1];
  }
  return undefined;
}
