import { getOctokit } from '@actions/github';
import { GitHub } from '@actions/github/lib/utils';
import { throttling } from '@octokit/plugin-throttling';
import { createAppAuth } from '@octokit/auth-app';
import type { OctokitOptions } from '@octokit/core/types';

import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import type { Runtime } from '../runtime/runtime.js';
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
import {
  backoffMs,
  describeConnectionFailure,
  requestedWaitMs,
  requestTimeoutMs,
  retryScale,
  RETRY_ERROR_CODES,
  safeUrl,
  SAFE_FOR_NON_IDEMPOTENT_CODES,
  sleepScaled,
} from './http-client.js';
import { ExpiringTokenCache, GitHubAppTokens } from './github-app-auth.js';
import { proxyFetch, useProxyFromEnvironment } from './proxy.js';
import { wikiCloneUrlOf } from './wiki-url.js';

import type { HostRole } from './host.js';

/** Name of the rulesets org-mirror owns on each target repository: one per ref kind (a ruleset has one target). */
export const RULESET_NAMES = { branch: 'org-mirror', tag: 'org-mirror tags' } as const;
type RulesetTarget = keyof typeof RULESET_NAMES;

/** What makes a ref read-only: nobody may create, move, force-move or delete it, except the bypass actors. */
const PROTECTING_RULES = ['creation', 'update', 'deletion', 'non_fast_forward'] as const;

/** Longest wait for a rate limit before giving up (bounded waits, SPEC "Security and safety"). */
const MAX_RATE_LIMIT_WAIT_SECONDS = 300;
const MAX_RATE_LIMIT_RETRIES = 3;

/** The fields of GitHub's repository object (full or minimal) that the mirror reads. */
interface GitHubRepo {
  id: number | bigint;
  name: string;
  full_name?: string;
  clone_url?: string;
  ssh_url?: string;
  html_url: string;
  default_branch?: string;
  description?: string | null;
  visibility?: string;
  private: boolean;
  fork: boolean;
  archived?: boolean;
  pushed_at?: string | null;
  has_wiki?: boolean;
  owner?: { login: string } | null;
}

interface BypassActor {
  actor_id?: number | null;
  actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey' | 'User';
  bypass_mode?: 'always' | 'pull_request' | 'exempt';
}

interface Ruleset {
  id: number;
  name: string;
  target?: string;
  enforcement: string;
  bypass_actors?: BypassActor[];
  conditions?: { ref_name?: { include?: string[]; exclude?: string[] } } | null;
  rules?: { type: string }[];
}

interface GitHubHook {
  id: number;
  events?: string[];
  active?: boolean;
  config: { url?: string; content_type?: string };
}

interface Identity {
  login: string;
  id: number;
}

export interface GitHubHostOptions {
  /** Milliseconds per second of a computed or requested retry wait (tests shorten it; default 1000). */
  retryAfterBaseValue?: number;
  /** Retries of a transient failure (429, 502/503/504, reset, timeout) after the first try. Default 4. */
  maxRetries?: number;
  /** First backoff when the server names no wait; doubles per retry, with jitter. Default 1 s. */
  minRetryWaitMs?: number;
  /** Bound on one wait: a server asking for longer fails the request at once. Default 60 s. */
  maxRetryWaitMs?: number;
  /** Bound on all waits of one request together. Default 120 s. */
  maxTotalRetryWaitMs?: number;
  /** Time limit of one attempt. Default `requestTimeoutMs()` (MIRROR_REQUEST_TIMEOUT or 60 s). */
  timeoutMs?: number;
}

/** What the retry hook adds to an error it gave up on, for the message. */
interface RetryNote {
  orgMirrorRetry?: string;
}

interface OctokitFailure extends Error, RetryNote {
  status?: number;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
}

/** The network error code of a failed fetch (`ECONNRESET`, `UND_ERR_SOCKET`, `ETIMEDOUT` for our own time limit). */
function networkCode(error: OctokitFailure): string | undefined {
  if (error.response || !error.cause) return undefined;
  const cause = error.cause as { name?: string; code?: string; cause?: { code?: string } };
  if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return 'ETIMEDOUT';
  return cause.cause?.code ?? cause.code ?? 'UND_ERR_SOCKET';
}

/** A rate limit the throttling plugin owns (it waits for x-ratelimit-reset / secondary Retry-After itself). */
function throttled(error: OctokitFailure): boolean {
  if (error.status !== 403 && error.status !== 429) return false;
  return error.response?.headers?.['x-ratelimit-remaining'] === '0' || /\bsecondary rate\b/i.test(error.message);
}

/** The part of an Octokit response the retry hook looks at. */
interface OctokitAnswer {
  status: number;
  url: string;
  headers: Record<string, string | undefined>;
  data: unknown;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function toVisibility(repo: Pick<GitHubRepo, 'visibility' | 'private'>): Visibility {
  if (repo.visibility === 'public' || repo.visibility === 'internal' || repo.visibility === 'private') {
    return repo.visibility;
  }
  return repo.private ? 'private' : 'public';
}

/** Remove any userinfo a clone URL might carry: credentials never travel in URLs. */
export function withoutUserInfo(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

export function toRepoInfo(repo: GitHubRepo): RepoInfo {
  if (
    (typeof repo.id !== 'number' && typeof repo.id !== 'bigint') ||
    typeof repo.name !== 'string' ||
    !repo.clone_url ||
    !repo.html_url
  ) {
    throw new Error(`malformed repository entry ${JSON.stringify(repo.name ?? repo.id ?? null)}`);
  }
  const cloneUrl = withoutUserInfo(repo.clone_url);
  return {
    id: String(repo.id),
    name: repo.name,
    path: repo.name,
    cloneUrl,
    sshUrl: repo.ssh_url || undefined,
    webUrl: repo.html_url,
    defaultBranch: repo.default_branch || undefined,
    description: repo.description ?? undefined,
    visibility: toVisibility(repo),
    fork: repo.fork,
    archived: repo.archived ?? false,
    // `size === 0` is not a reliable "empty" (it is updated lazily), so `empty` stays unknown.
    // `pushed_at` is documented as updated on every push: https://docs.github.com/en/rest/repos/repos
    pushedAt: repo.pushed_at ?? undefined,
    // `has_wiki` is on by default; the wiki's repository exists only once its first page was created.
    wikiEnabled: repo.has_wiki,
    wikiCloneUrl: wikiCloneUrlOf(cloneUrl),
  };
}

export class GitHubHost implements Host {
  readonly type = 'github' as const;
  readonly owner: string;
  readonly protectionStrategy = 'exempt' as const;
  /** History refs: accepts and advertises refs outside heads/tags (only refs/pull/* is read-only). */
  readonly historyRefs = 'refs' as const;
  readonly visibilities: readonly Visibility[] = ['private', 'public'];
  private readonly octokit: ReturnType<typeof getOctokit>;
  private readonly token: string | undefined;
  /** Set when the mirror authenticates as a GitHub App installation: its tokens, made and refreshed on demand. */
  private readonly appTokens?: GitHubAppTokens;
  private readonly appId?: number;
  private ownerKind?: Promise<'Organization' | 'User'>;
  private identity?: Promise<Identity | undefined>;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    private readonly runtime?: Runtime,
    options: GitHubHostOptions = {},
  ) {
    this.owner = endpoint.owner;
    this.token = endpoint.token || undefined;
    useProxyFromEnvironment();
    this.retryOptions = options;
    const octokitOptions: OctokitOptions = {
      baseUrl: endpoint.apiUrl,
      // Proxy-aware fetch (proxy.ts) for GHES and github.com alike: @actions/github's default fetch picks its proxy
      // for GITHUB_API_URL, not for this host.
      request: { fetch: proxyFetch },
      throttle: {
        retryAfterBaseValue: (options.retryAfterBaseValue ?? 1000) * retryScale(),
        // Primary and secondary rate limits: wait as GitHub says (Retry-After / x-ratelimit-reset), a few times, but
        // never longer than MAX_RATE_LIMIT_WAIT_SECONDS. https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
        onRateLimit: (retryAfter, request, _octokit, retryCount) =>
          this.shouldWait('rate limit', retryAfter, retryCount, `${request.method} ${request.url}`),
        onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) =>
          this.shouldWait('secondary rate limit', retryAfter, retryCount, `${request.method} ${request.url}`),
      },
    };
    if (endpoint.app) {
      const { appId, privateKey } = endpoint.app;
      this.appId = appId;
      // Every token made, for the API or for git, is masked at once.
      const cache = new ExpiringTokenCache((token) => this.runtime?.setSecret(token));
      // The App's own client: @octokit/auth-app signs its JWT and makes installation tokens, through the same fetch,
      // retries and time limits as every other request.
      const appOctokit = new (GitHub.plugin(throttling))({
        ...octokitOptions,
        authStrategy: createAppAuth,
        auth: { appId, privateKey, cache },
      });
      this.withRetryHook(appOctokit);
      const tokens = new GitHubAppTokens(endpoint.app, this.owner, role, appOctokit, cache);
      this.appTokens = tokens;
      // auth-app's request hook as this client's auth strategy (so it sits where Octokit puts auth, under the
      // plugins): each API request gets the cached token, or a new one when its renewal is due.
      const authStrategy = () =>
        Object.assign(async () => ({ type: 'app-installation' }), {
          hook: (...args: Parameters<GitHubAppTokens['hook']>) => tokens.hook(...args),
        });
      this.octokit = new (GitHub.plugin(throttling))({ ...octokitOptions, authStrategy });
    } else {
      // Anonymous access (public source) is allowed; getOctokit insists on a token, its underlying class does not.
      this.octokit = this.token
        ? getOctokit(this.token, octokitOptions, throttling)
        : new (GitHub.plugin(throttling))(octokitOptions);
    }
    this.withRetryHook(this.octokit);
  }

  /**
   * Registered last, so it wraps everything else (throttling, auth): one time limit per attempt, transient failures
   * retried (bounded), and answers that are not JSON refused.
   */
  private withRetryHook(octokit: ReturnType<typeof getOctokit>): void {
    octokit.hook.wrap('request', (request, requestOptions) =>
      this.withRetries(request as (o: unknown) => Promise<OctokitAnswer>, requestOptions),
    );
  }

  private readonly retryOptions: GitHubHostOptions;

  /**
   * 429 (not flagged as a rate limit: the throttling plugin waits those out), 502/503/504, connection resets and
   * time-outs are retried with exponential backoff and jitter, or as long as `Retry-After` says; every wait and their
   * sum are bounded. POST/PATCH are repeated only when the server surely did nothing (429, connection refused).
   */
  private async withRetries(
    request: (options: unknown) => Promise<OctokitAnswer>,
    options: { method: string; url: string; request?: Record<string, unknown> },
  ): Promise<OctokitAnswer> {
    const o = this.retryOptions;
    const maxRetries = o.maxRetries ?? 4;
    const maxWait = o.maxRetryWaitMs ?? 60_000;
    const maxTotal = o.maxTotalRetryWaitMs ?? 120_000;
    const timeoutMs = o.timeoutMs ?? requestTimeoutMs();
    const unit = (o.retryAfterBaseValue ?? 1000) / 1000;
    const writes = options.method === 'POST' || options.method === 'PATCH';
    let waited = 0;
    for (let retry = 1; ; retry++) {
      let answer: OctokitAnswer;
      try {
        // before-after-hook binds the same options object to every layer (throttling, auth) and ignores what an outer
        // hook passes on: the per-attempt signal has to go into that object (a fresh `request` object, so that
        // defaults shared between calls are not touched).
        options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
        answer = await request(options);
      } catch (caught) {
        const error = caught as OctokitFailure;
        const code = networkCode(error);
        if (code === 'ETIMEDOUT') error.orgMirrorRetry = `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`;
        else if (code) error.orgMirrorRetry = describeConnectionFailure(code);
        const retryable = code
          ? (code === 'ETIMEDOUT' || RETRY_ERROR_CODES.includes(code)) &&
            (!writes || SAFE_FOR_NON_IDEMPOTENT_CODES.includes(code))
          : error.status !== undefined &&
            [429, 502, 503, 504].includes(error.status) &&
            !throttled(error) &&
            (!writes || error.status === 429);
        if (!retryable) throw error;
        const asked = code ? undefined : requestedWaitMs(error.response?.headers ?? {});
        const wait = Math.min(asked ?? backoffMs(o.minRetryWaitMs ?? 1000, retry), maxWait);
        const tried = `${retry} ${retry === 1 ? 'try' : 'tries'}`;
        if (asked !== undefined && asked > maxWait) {
          error.orgMirrorRetry = `the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(maxWait / 1000)} s bound`;
          throw error;
        }
        if (retry > maxRetries || waited + wait > maxTotal) {
          error.orgMirrorRetry = [error.orgMirrorRetry, `gave up after ${tried}`].filter(Boolean).join('; ');
          throw error;
        }
        waited += wait;
        this.runtime?.debug(
          `github ${this.role}: ${options.method} ${safeUrl(options.url)}: retrying in ${wait} ms (${error.status ?? code})`,
        );
        await sleepScaled(wait * unit);
        continue;
      }
      return this.expectJson(answer, options.method);
    }
  }

  /** Octokit hands a body it could not parse as JSON over as text: refuse it with a clear, content-free message. */
  private expectJson(answer: OctokitAnswer, method: string): OctokitAnswer {
    if (answer.status === 204 || answer.status === 205) return answer;
    const data = answer.data;
    if (typeof data === 'object' && data !== null && !(data instanceof ArrayBuffer)) return answer;
    const type = (answer.headers['content-type'] ?? '').split(';')[0].trim() || 'no content type';
    const what = /json/i.test(type)
      ? 'invalid or truncated JSON'
      : /html/i.test(type)
        ? `${type} instead of JSON (an HTML error or login page from a proxy?)`
        : `${type} instead of JSON`;
    throw new HostError(`github ${this.role}: ${method} ${safeUrl(answer.url)} answered ${what}`, answer.status);
  }

  /** Asked before each git command: an App installation token is refreshed here when it is close to expiring. */
  async gitAuthHeader(): Promise<string | undefined> {
    // As actions/checkout does: https://github.com/actions/checkout/blob/main/src/git-auth-helper.ts
    const token = this.appTokens ? await this.appTokens.token() : this.token;
    if (!token) return undefined;
    return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  }

  private shouldWait(kind: string, retryAfter: number, retryCount: number, what: string): boolean {
    if (retryCount >= MAX_RATE_LIMIT_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
      this.runtime?.warning(`github ${this.role}: ${kind} on ${what}; not waiting ${retryAfter} s again.`);
      return false;
    }
    this.runtime?.info(`github ${this.role}: ${kind} on ${what}; retrying in ${retryAfter} s.`);
    return true;
  }

  /** A short, token-free error: host, role, operation, repository and status; never the response body. */
  private fail(operation: string, repo: string | undefined, error: unknown, listing = false): HostError {
    if (error instanceof ListingError || (error instanceof HostError && !listing)) return error;
    const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
    if (error instanceof HostError) {
      // A malformed answer found by the retry hook: keep its description, as a listing failure.
      return new ListingError(`${error.message} (${operation}${where})`, error.status);
    }
    const note = (error as RetryNote | null)?.orgMirrorRetry;
    const network = error instanceof Error && networkCode(error as OctokitFailure) !== undefined;
    const status = network ? undefined : statusOf(error);
    let reason = status ? `HTTP ${status}` : this.redact(error instanceof Error ? error.message : String(error));
    if (network) reason = note ?? 'connection failed';
    else if (note) reason += ` (${note})`;
    const message = `github ${this.role}: ${operation}${where} failed: ${reason}`;
    return listing ? new ListingError(message, status) : new HostError(message, status);
  }

  private redact(text: string): string {
    let short = text.slice(0, 200);
    if (!this.token) return short;
    const basic = Buffer.from(`x-access-token:${this.token}`).toString('base64');
    for (const secret of [basic, this.token]) short = short.split(secret).join('***');
    return short;
  }

  private kind(): Promise<'Organization' | 'User'> {
    this.ownerKind ??= this.octokit
      .request('GET /users/{username}', { username: this.owner })
      .then(({ data }) => (data.type === 'Organization' ? 'Organization' : 'User'));
    return this.ownerKind;
  }

  /** Who the token belongs to; undefined for GitHub App installation tokens and anonymous access. */
  private whoAmI(): Promise<Identity | undefined> {
    // An App installation has no user (GET /user answers 403): nothing to ask.
    this.identity ??=
      this.token && !this.appTokens
        ? this.octokit.request('GET /user').then(
            ({ data }): Identity => ({ login: data.login, id: Number(data.id) }),
            (error: unknown) => {
              // 403 "Resource not accessible by integration": an installation token has no user.
              if (statusOf(error) === 401 || statusOf(error) === 403) return undefined;
              throw error;
            },
          )
        : Promise.resolve(undefined);
    return this.identity;
  }

  private async ownerIsTokenUser(): Promise<boolean> {
    const me = await this.whoAmI();
    return me !== undefined && me.login.toLowerCase() === this.owner.toLowerCase();
  }

  /**
   * `octokit.paginate` follows `Link: rel="next"` until there is none; a server whose next link points back to a page
   * already read would keep it going forever, so a repeated page URL stops the listing as untrustworthy.
   */
  private async paginateOnce<T>(pages: AsyncIterable<{ url: string; data: T[] }>): Promise<T[]> {
    const seenPages = new Set<string>();
    const items: T[] = [];
    for await (const page of pages) {
      if (seenPages.has(page.url)) {
        throw new ListingError(`github ${this.role}: listing repositories of ${this.owner} looped at ${page.url}`);
      }
      seenPages.add(page.url);
      items.push(...page.data);
    }
    return items;
  }

  async listRepos(): Promise<RepoInfo[]> {
    let repos: GitHubRepo[];
    const iterator = this.octokit.paginate.iterator;
    try {
      if ((await this.kind()) === 'Organization') {
        repos = await this.paginateOnce(
          iterator('GET /orgs/{org}/repos', { org: this.owner, type: 'all', per_page: 100 }),
        );
      } else if (this.appTokens) {
        // An installation has no user: its own listing is the one that shows the account's private repositories.
        const accessible: GitHubRepo[] = await this.paginateOnce(
          iterator('GET /installation/repositories', { per_page: 100 }),
        );
        repos = accessible.filter((repo) => repo.owner?.login.toLowerCase() === this.owner.toLowerCase());
      } else if (await this.ownerIsTokenUser()) {
        // Only the authenticated listing shows the user's private repositories.
        repos = await this.paginateOnce(iterator('GET /user/repos', { affiliation: 'owner', per_page: 100 }));
      } else {
        repos = await this.paginateOnce(
          iterator('GET /users/{username}/repos', { username: this.owner, type: 'owner', per_page: 100 }),
        );
      }
    } catch (error) {
      throw this.fail('listing repositories of', undefined, error, true);
    }
    const seen = new Set<string>();
    const result: RepoInfo[] = [];
    for (const repo of repos) {
      let info: RepoInfo;
      try {
        info = toRepoInfo(repo);
      } catch (error) {
        throw this.fail('listing repositories of', undefined, error, true);
      }
      // A repeated id means the pages overlapped or looped: the listing cannot be trusted.
      if (seen.has(info.id)) {
        throw new ListingError(
          `github ${this.role}: listing repositories of ${this.owner} returned ${info.name} twice`,
        );
      }
      seen.add(info.id);
      result.push(info);
    }
    return result;
  }

  async getRepo(path: string): Promise<RepoInfo | undefined> {
    try {
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}', { owner: this.owner, repo: path });
      // GitHub follows renames (301): a repository answering under another name is not the one asked for.
      if (
        data.name.toLowerCase() !== path.toLowerCase() ||
        data.owner.login.toLowerCase() !== this.owner.toLowerCase()
      ) {
        return undefined;
      }
      return toRepoInfo(data);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.fail('reading', path, error);
    }
  }

  async createRepo(request: CreateRepoRequest): Promise<RepoInfo> {
    // A mirror is read-only code: no issues, projects or wiki that would collect content the mirror cannot keep, and
    // no auto_init (the first push brings the history).
    const common = {
      name: request.name,
      description: request.description,
      has_issues: false,
      has_projects: false,
      has_wiki: false,
      auto_init: false,
    };
    try {
      if ((await this.kind()) === 'Organization') {
        if (request.visibility === 'internal') {
          // The documented org endpoint takes `public` or `private` only; internal needs an enterprise-owned org.
          this.runtime?.warning(
            `github ${this.role}: ${request.name}: creating as private (internal is not available).`,
          );
        }
        const { data } = await this.octokit.request('POST /orgs/{org}/repos', {
          org: this.owner,
          ...common,
          visibility: request.visibility === 'public' ? 'public' : 'private',
        });
        return toRepoInfo(data);
      }
      if (!(await this.ownerIsTokenUser())) {
        throw new HostError(
          `github ${this.role}: cannot create ${this.owner}/${request.name}: the token does not belong to user ${this.owner}`,
        );
      }
      // A personal account has no `internal`: anything not public is private.
      const { data } = await this.octokit.request('POST /user/repos', {
        ...common,
        private: request.visibility !== 'public',
      });
      return toRepoInfo(data);
    } catch (error) {
      throw this.fail('creating', request.name, error);
    }
  }

  /**
   * Who may still write under the rulesets. The mirror's own identity, as precisely as GitHub lets us name it:
   * - a personal access token: its user (`User` actor), so that not even other admins bypass;
   * - a GitHub App configured as such (`*-app-id`): the App itself (`Integration` actor, the App id);
   * - a GitHub App installation token given as a token (no user behind it, and its app id is only readable with the
   *   app's JWT):
   *   the repository `admin` role (`RepositoryRole`, actor_id 5 as documented), which the installation holds when it
   *   has the Administration permission it needs to manage rulesets anyway.
   * https://docs.github.com/en/rest/repos/rules#create-a-repository-ruleset
   */
  private async bypassActors(): Promise<BypassActor[]> {
    if (this.appId !== undefined) return [{ actor_type: 'Integration', actor_id: this.appId, bypass_mode: 'always' }];
    const me = await this.whoAmI();
    if (me) return [{ actor_type: 'User', actor_id: me.id, bypass_mode: 'always' }];
    return [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'always' }];
  }

  private desiredRuleset(target: RulesetTarget, bypassActors: BypassActor[]) {
    return {
      name: RULESET_NAMES[target],
      target,
      enforcement: 'active' as const,
      bypass_actors: bypassActors,
      conditions: { ref_name: { include: ['~ALL'], exclude: [] as string[] } },
      rules: PROTECTING_RULES.map((type) => ({ type })),
    };
  }

  private async ownRulesets(repo: RepoInfo): Promise<Map<RulesetTarget, Ruleset>> {
    const all: Ruleset[] = await this.octokit.paginate('GET /repos/{owner}/{repo}/rulesets', {
      owner: this.owner,
      repo: repo.path,
      includes_parents: false,
      per_page: 100,
    });
    const own = new Map<RulesetTarget, Ruleset>();
    for (const target of ['branch', 'tag'] as const) {
      const summary = all.find((r) => r.name === RULESET_NAMES[target]);
      if (!summary) continue;
      // The list answers summaries; rules, conditions and bypass actors come with the ruleset itself.
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
        owner: this.owner,
        repo: repo.path,
        ruleset_id: summary.id,
      });
      own.set(target, data as Ruleset);
    }
    return own;
  }

  async protect(repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
    try {
      const bypassActors = await this.bypassActors();
      // A fresh repository has no rulesets yet: nothing to read first.
      const existing = options.fresh ? new Map<RulesetTarget, Ruleset>() : await this.ownRulesets(repo);
      let wrote = false;
      for (const target of ['branch', 'tag'] as const) {
        const desired = this.desiredRuleset(target, bypassActors);
        const current = existing.get(target);
        if (current && rulesetMatches(current, desired)) continue;
        if (current) {
          await this.octokit.request('PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
            owner: this.owner,
            repo: repo.path,
            ruleset_id: current.id,
            ...desired,
          });
        } else {
          await this.octokit.request('POST /repos/{owner}/{repo}/rulesets', {
            owner: this.owner,
            repo: repo.path,
            ...desired,
          });
        }
        wrote = true;
      }
      return wrote;
    } catch (error) {
      throw this.fail('protecting', repo.path, error);
    }
  }

  async unprotect(repo: RepoInfo): Promise<boolean> {
    try {
      const existing = await this.ownRulesets(repo);
      for (const ruleset of existing.values()) {
        await this.octokit.request('DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
          owner: this.owner,
          repo: repo.path,
          ruleset_id: ruleset.id,
        });
      }
      return existing.size > 0;
    } catch (error) {
      throw this.fail('unprotecting', repo.path, error);
    }
  }

  /** `archived: true` on PATCH /repos/{owner}/{repo}; an archived repository is read-only and refuses pushes. */
  async archive(repo: RepoInfo): Promise<boolean> {
    return this.setArchived(repo, true);
  }

  /** `archived: false` unarchives, as the endpoint documents; rulesets and pushes work again afterwards. */
  async unarchive(repo: RepoInfo): Promise<boolean> {
    return this.setArchived(repo, false);
  }

  private async setArchived(repo: RepoInfo, archived: boolean): Promise<boolean> {
    if (repo.archived === archived) return false;
    try {
      await this.octokit.request('PATCH /repos/{owner}/{repo}', { owner: this.owner, repo: repo.path, archived });
      repo.archived = archived;
      return true;
    } catch (error) {
      throw this.fail(archived ? 'archiving' : 'unarchiving', repo.path, error);
    }
  }

  async setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    try {
      const current = repo.defaultBranch ?? (await this.getRepo(repo.path))?.defaultBranch;
      if (current === branch) return false;
      await this.octokit.request('PATCH /repos/{owner}/{repo}', {
        owner: this.owner,
        repo: repo.path,
        default_branch: branch,
      });
      return true;
    } catch (error) {
      throw this.fail('setting the default branch of', repo.path, error);
    }
  }

  /** `private` works for organizations and personal accounts alike (`visibility` is organization-only). */
  async setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    const wanted = visibility === 'public' ? 'public' : 'private';
    if (repo.visibility === wanted) return false;
    try {
      await this.octokit.request('PATCH /repos/{owner}/{repo}', {
        owner: this.owner,
        repo: repo.path,
        private: wanted === 'private',
      });
      repo.visibility = wanted;
      return true;
    } catch (error) {
      throw this.fail('setting the visibility of', repo.path, error);
    }
  }

  async supportsNamespaceHook(): Promise<boolean> {
    try {
      if ((await this.kind()) !== 'Organization') return false;
      await this.octokit.request('GET /orgs/{org}/hooks', { org: this.owner, per_page: 1 });
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 403 || status === 404) return false;
      throw this.fail('reading the hooks of', undefined, error);
    }
  }

  async installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    const config = { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' };
    const body = { config, events: ['push'], active: true };
    try {
      const hooks: GitHubHook[] = repo
        ? await this.octokit.paginate('GET /repos/{owner}/{repo}/hooks', {
            owner: this.owner,
            repo: repo.path,
            per_page: 100,
          })
        : await this.octokit.paginate('GET /orgs/{org}/hooks', { org: this.owner, per_page: 100 });
      const existing = hooks.find((h) => h.config.url === hook.url);
      if (!existing) {
        if (repo) {
          await this.octokit.request('POST /repos/{owner}/{repo}/hooks', {
            owner: this.owner,
            repo: repo.path,
            name: 'web',
            ...body,
          });
        } else {
          await this.octokit.request('POST /orgs/{org}/hooks', { org: this.owner, name: 'web', ...body });
        }
        return 'created';
      }
      // The secret cannot be read back (GitHub answers "********"), so an existing hook is always rewritten: a
      // changed `hook-secret` must take effect.
      if (repo) {
        await this.octokit.request('PATCH /repos/{owner}/{repo}/hooks/{hook_id}', {
          owner: this.owner,
          repo: repo.path,
          hook_id: existing.id,
          ...body,
        });
      } else {
        await this.octokit.request('PATCH /orgs/{org}/hooks/{hook_id}', {
          org: this.owner,
          hook_id: existing.id,
          ...body,
        });
      }
      return 'updated';
    } catch (error) {
      throw this.fail('installing the push hook on', repo?.path, error);
    }
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Whether an existing ruleset already enforces what `desired` describes (extra bypass actors do not count as equal). */
export function rulesetMatches(current: Ruleset, desired: ReturnType<GitHubHost['desiredRuleset']>): boolean {
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
