/**
 * The GitHub API client of one side: Octokit with the REST methods, pagination and the throttling plugin (only pacing
 * writes as GitHub asks), proxies from the environment, one time limit per attempt, the one retry policy
 * (retry-policy.ts) on every request, a refused App installation token replaced once, and typed, token-free errors.
 */
import { Octokit as OctokitCore } from '@octokit/core';
import type { OctokitOptions } from '@octokit/core/types';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { throttling } from '@octokit/plugin-throttling';
import { createAppAuth } from '@octokit/auth-app';

import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import type { Runtime } from '../../runtime/runtime.js';
import { HostError, ListingError } from '../host.js';
import { describeConnectionFailure, requestTimeoutMs, safeUrl } from '../http-client.js';
import {
  kindOfAttempt,
  outcomeUnknown,
  retryLimits,
  retryVerdict,
  sleepScaled,
  type FailedAttempt,
  type RetryLimits,
} from '../retry-policy.js';
import { ExpiringTokenCache, GitHubAppTokens } from './app-auth.js';
import { proxyFetch, useProxyFromEnvironment } from '../proxy.js';

import type { HostRole } from '../host.js';

/**
 * The class `getOctokit` of @actions/github builds (its `GitHub` class with the throttling plugin), made directly:
 * @actions/github also loads @actions/http-client with a second undici and makes proxy agents for GITHUB_API_URL,
 * which this client replaces anyway (`request.fetch`): more CPU at each start than Octokit itself.
 */
const GitHubOctokit = OctokitCore.plugin(restEndpointMethods, paginateRest, throttling);
export type Octokit = InstanceType<typeof GitHubOctokit>;

/**
 * The user agent `getOctokit` sets on a runner that names its orchestration (GitHub attributes the API calls to the
 * workflow run): `actions_orchestration_id/<id>`, which Octokit puts before its own; none elsewhere.
 */
function runnerUserAgent(): string | undefined {
  const id = process.env['ACTIONS_ORCHESTRATION_ID']?.trim();
  return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined;
}

export interface GitHubHostOptions {
  /** Bounds of the retry policy; default `DEFAULT_RETRY_LIMITS`. */
  retry?: Partial<RetryLimits>;
  /** Time limit of one attempt. Default `requestTimeoutMs()` (MIRROR_REQUEST_TIMEOUT or 60 s). */
  timeoutMs?: number;
}

interface Identity {
  login: string;
  id: number;
}

interface OctokitFailure extends Error {
  status?: number;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
}

/** The part of an Octokit response the retry hook looks at. */
interface OctokitAnswer {
  status: number;
  url: string;
  headers: Record<string, string | undefined>;
  data: unknown;
}

/** The short reason of each error the client made (`HTTP 502 (gave up after 5 tries)`), for the adapter's message. */
const reasons = new WeakMap<HostError, string>();

type RequestOptions = { method: string; url: string; request?: Record<string, unknown> };

/** The network error code of a failed fetch (`ECONNRESET`, `UND_ERR_SOCKET`); undefined for an HTTP answer. */
function networkCode(error: OctokitFailure): string | undefined {
  if (error.response || !error.cause) return undefined;
  const cause = error.cause as { code?: string; cause?: { code?: string } };
  return cause.cause?.code ?? cause.code ?? 'UND_ERR_SOCKET';
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Everything the GitHub adapter's parts share: the Octokit client, who the mirror is on this side, and how a failure
 * becomes a HostError.
 */
export class GitHubClient {
  readonly owner: string;
  readonly octokit: Octokit;
  readonly token: string | undefined;
  /** Set when the mirror authenticates as a GitHub App installation: its tokens, made and refreshed on demand. */
  readonly appTokens?: GitHubAppTokens;
  readonly appId?: number;
  private readonly limits: RetryLimits;
  private readonly timeoutMs?: number;
  private ownerKind?: Promise<'Organization' | 'User'>;
  private identity?: Promise<Identity | undefined>;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    readonly runtime?: Runtime,
    options: GitHubHostOptions = {},
  ) {
    this.owner = endpoint.owner;
    this.token = endpoint.token || undefined;
    this.limits = retryLimits(options.retry);
    this.timeoutMs = options.timeoutMs;
    useProxyFromEnvironment();
    const octokitOptions: OctokitOptions = {
      baseUrl: endpoint.apiUrl,
      // Proxy-aware fetch (proxy.ts) for GHES and github.com alike.
      request: { fetch: proxyFetch },
      // The plugin paces requests (one write at a time, as GitHub's best practices ask); its own retries are off:
      // rate limits are waited out by the one retry policy like every other retryable answer.
      throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
    };
    if (endpoint.app) {
      const { appId, privateKey } = endpoint.app;
      this.appId = appId;
      // Every token made, for the API or for git, is masked at once.
      const cache = new ExpiringTokenCache((token) => this.runtime?.setSecret(token));
      // The App's own client: @octokit/auth-app signs its JWT and makes installation tokens, through the same fetch,
      // retries and time limits as every other request.
      const appOctokit = new GitHubOctokit({
        ...octokitOptions,
        authStrategy: createAppAuth,
        auth: { appId, privateKey, cache },
      });
      this.withRetryHook(appOctokit, false);
      const tokens = new GitHubAppTokens(endpoint.app, this.owner, role, appOctokit, cache);
      this.appTokens = tokens;
      // auth-app's request hook as this client's auth strategy (so it sits where Octokit puts auth, under the
      // plugins): each API request gets the cached token, or a new one when its renewal is due.
      const authStrategy = () =>
        Object.assign(async () => ({ type: 'app-installation' }), {
          hook: (...args: Parameters<GitHubAppTokens['hook']>) => tokens.hook(...args),
        });
      this.octokit = new GitHubOctokit({ ...octokitOptions, authStrategy });
    } else {
      // A token as `getOctokit` passes it (`token <t>`, the header Octokit's token auth sends); anonymous access (a
      // public source) without one.
      const userAgent = runnerUserAgent();
      this.octokit = new GitHubOctokit(
        this.token
          ? { ...octokitOptions, auth: `token ${this.token}`, ...(userAgent ? { userAgent } : {}) }
          : octokitOptions,
      );
    }
    this.withRetryHook(this.octokit, this.appTokens !== undefined);
  }

  /**
   * Registered last, so it wraps everything else (throttling, auth): one time limit per attempt, the retry policy,
   * and answers that are not JSON refused.
   */
  private withRetryHook(octokit: Octokit, installationTokens: boolean): void {
    octokit.hook.wrap('request', (request, requestOptions) =>
      this.withRetries(request as (o: unknown) => Promise<OctokitAnswer>, requestOptions, installationTokens),
    );
  }

  /**
   * The retry policy around one request. Under App authentication a 401 is answered once more with a new
   * installation token (the cached one was revoked, or expired early on a clock that runs ahead).
   */
  private async withRetries(
    request: (options: unknown) => Promise<OctokitAnswer>,
    options: RequestOptions,
    installationTokens: boolean,
  ): Promise<OctokitAnswer> {
    const timeoutMs = this.timeoutMs ?? requestTimeoutMs();
    const state = { retries: 0, waitedMs: 0 };
    let renewedToken = false;
    for (;;) {
      // before-after-hook binds the same options object to every layer (throttling, auth) and ignores what an outer
      // hook passes on: the per-attempt signal has to go into that object (a fresh `request` object, so that
      // defaults shared between calls are not touched).
      const signal = AbortSignal.timeout(timeoutMs);
      options.request = { ...options.request, signal };
      try {
        return this.expectJson(await request(options), options.method);
      } catch (caught) {
        if (caught instanceof HostError) throw caught;
        const error = caught as OctokitFailure;
        if (installationTokens && !renewedToken && error.status === 401 && !networkCode(error)) {
          renewedToken = true;
          this.appTokens?.renew();
          continue;
        }
        const attempt = failedAttempt(error, signal.aborted);
        const verdict = retryVerdict(options.method, attempt, state, this.limits);
        if (!verdict.retry) throw this.typed(error, attempt, options, verdict.note, timeoutMs);
        state.retries += 1;
        state.waitedMs += verdict.waitMs;
        this.runtime?.debug(
          `github ${this.role}: ${options.method} ${safeUrl(options.url)}: retrying in ${verdict.waitMs} ms (${error.status ?? networkCode(error)})`,
        );
        await sleepScaled(verdict.waitMs);
      }
    }
  }

  /** The failure as a HostError typed where the answer arrived: status or network failure, never the response body. */
  private typed(
    error: OctokitFailure,
    attempt: FailedAttempt,
    options: RequestOptions,
    note: string | undefined,
    timeoutMs: number,
  ): HostError {
    let reason: string;
    if ('status' in attempt) reason = `HTTP ${attempt.status}`;
    else if ('timedOut' in attempt) reason = `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`;
    else reason = describeConnectionFailure(attempt.code);
    if (note) reason += ` (${note})`;
    const typed = new HostError(`github ${this.role}: ${options.method} ${safeUrl(options.url)} failed: ${reason}`, {
      kind: kindOfAttempt(attempt),
      status: 'status' in attempt ? attempt.status : undefined,
      outcomeUnknown: outcomeUnknown(options.method, attempt),
    });
    reasons.set(typed, reason);
    return typed;
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
    throw new HostError(`github ${this.role}: ${method} ${safeUrl(answer.url)} answered ${what}`, {
      status: answer.status,
      kind: 'unexpected',
    });
  }

  /** A short, token-free error naming host, role, operation and repository; kind and status kept. */
  fail(operation: string, repo: string | undefined, error: unknown, listing = false): HostError {
    if (error instanceof ListingError) return error;
    const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
    const reason = error instanceof HostError ? reasons.get(error) : undefined;
    if (error instanceof HostError && reason !== undefined) {
      const message = `github ${this.role}: ${operation}${where} failed: ${reason}`;
      return listing ? ListingError.from(message, error) : HostError.wrap(message, error);
    }
    if (error instanceof HostError) {
      // The adapter's own refusal, or a malformed answer found by the retry hook: kept, as a listing failure there.
      return listing ? ListingError.from(`${error.message} (${operation}${where})`, error) : error;
    }
    // Anything else is an answer the adapter did not understand (a malformed entry) or a bug.
    const message = `github ${this.role}: ${operation}${where} failed: ${this.redact(error instanceof Error ? error.message : String(error))}`;
    return listing ? new ListingError(message) : new HostError(message);
  }

  private redact(text: string): string {
    let short = text.slice(0, 200);
    if (!this.token) return short;
    const basic = Buffer.from(`x-access-token:${this.token}`).toString('base64');
    for (const secret of [basic, this.token]) short = short.split(secret).join('***');
    return short;
  }

  /** Whether the owner is an organization or a user (asked once). */
  kind(): Promise<'Organization' | 'User'> {
    this.ownerKind ??= this.octokit
      .request('GET /users/{username}', { username: this.owner })
      .then(({ data }) => (data.type === 'Organization' ? 'Organization' : 'User'));
    return this.ownerKind;
  }

  /** Who the token belongs to; undefined for GitHub App installation tokens and anonymous access. */
  whoAmI(): Promise<Identity | undefined> {
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

  async ownerIsTokenUser(): Promise<boolean> {
    const me = await this.whoAmI();
    return me !== undefined && me.login.toLowerCase() === this.owner.toLowerCase();
  }

  /** The header git sends; an App installation token is renewed here when its renewal is due. */
  async gitAuthHeader(): Promise<string | undefined> {
    const token = this.appTokens ? await this.appTokens.token() : this.token;
    return token ? gitHeaderOf(token) : undefined;
  }

  /**
   * After a git command with `header` failed under App authentication: a header with a new token when the old one was
   * refused or has expired since (the cache then makes a new one), else undefined. Without App authentication there
   * is nothing to renew.
   */
  async renewGitAuth(header: string, refused: boolean): Promise<string | undefined> {
    if (!this.appTokens) return undefined;
    if (refused) this.appTokens.renew();
    const fresh = await this.gitAuthHeader();
    return fresh !== header ? fresh : undefined;
  }
}

/** As actions/checkout does: https://github.com/actions/checkout/blob/main/src/git-auth-helper.ts */
function gitHeaderOf(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

/** What the policy needs to know of an Octokit failure. */
function failedAttempt(error: OctokitFailure, timedOut: boolean): FailedAttempt {
  const code = networkCode(error);
  if (code === undefined && error.status !== undefined)
    return { status: error.status, headers: error.response?.headers };
  if (timedOut) return { timedOut: true };
  return { code: code ?? 'UND_ERR_SOCKET' };
}
