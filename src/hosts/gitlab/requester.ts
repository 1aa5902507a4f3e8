/**
 * gitbeaker's request handler, with the one retry policy (retry-policy.ts) and typed errors. gitbeaker's own handler
 * retries only 429 and 502, after waits of a fraction of a millisecond, and ignores `Retry-After`; this one asks the
 * policy after every failed attempt, honours `Retry-After` / `RateLimit-Reset`, gives each attempt its own time limit,
 * refuses answers that are not JSON and pagination that loops, and throws a HostError typed where the answer arrives.
 * https://docs.gitlab.com/security/rate_limits/
 */
import {
  createRequesterFn,
  getMatchingRateLimiter,
  type FormattedResponse,
  type RateLimiters,
  type RequesterType,
  type ResourceOptions,
} from '@gitbeaker/requester-utils';

import { HostError } from '../host.js';
import { describeConnectionFailure, requestTimeoutMs, safeUrl } from '../http-client.js';
import { proxyFetch } from '../proxy.js';
import {
  kindOfAttempt,
  outcomeUnknown,
  retryVerdict,
  sleepScaled,
  type FailedAttempt,
  type RetryLimits,
  type RetrySleep,
  type RetryState,
} from '../retry-policy.js';

/** The short reason of each error the requester made (`HTTP 503 (gave up after 5 tries)`), for the adapter's message. */
export const requesterReasons = new WeakMap<HostError, string>();

/**
 * The answer as gitbeaker expects it. Every JSON answer is parsed here: anything else (an HTML page from a proxy, a
 * truncated body, another content type) is refused with a message that names the problem but quotes nothing.
 */
async function formatResponse(response: Response, asStream: boolean, where: string): Promise<FormattedResponse> {
  const headers = Object.fromEntries(response.headers.entries());
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  let body: unknown;
  if (asStream) body = response.body;
  else if (response.status === 204) body = null;
  else body = parseJson(await response.text(), contentType, response.status, where);
  return { body, headers, status: response.status } as FormattedResponse;
}

function parseJson(text: string, contentType: string, status: number, where: string): unknown {
  if (!/^application\/([\w.+-]+\+)?json$/i.test(contentType)) {
    if (text.trim() === '') return {};
    const what = /html/i.test(contentType)
      ? `${contentType} instead of JSON (an HTML error or login page from a proxy?)`
      : `${contentType || 'no content type'} instead of JSON`;
    throw new HostError(`gitlab: ${where} answered ${what}`, { status, kind: 'unexpected' });
  }
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    throw new HostError(`gitlab: ${where} answered invalid or truncated JSON (${text.length} characters)`, {
      status,
      kind: 'unexpected',
    });
  }
}

/** `path?sorted query`, to compare page URLs. */
function pageKey(url: URL): string {
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

function nextLink(link: string | null): string | undefined {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];
}

/**
 * Pages already read in one paginated gitbeaker call. gitbeaker follows `Link: rel="next"` without end and hands
 * every page of one call the same AbortSignal, which therefore names the call.
 */
const pagesByCall = new WeakMap<AbortSignal, Set<string>>();

/** A next page that was already read in this call (or is this page) would make gitbeaker loop forever. */
async function refuseLoopingPages(response: Response, url: URL, callSignal: AbortSignal, where: string): Promise<void> {
  const pages = pagesByCall.get(callSignal) ?? new Set<string>();
  pagesByCall.set(callSignal, pages);
  pages.add(pageKey(url));
  const next = nextLink(response.headers.get('link'));
  if (next && pages.has(pageKey(new URL(next, url)))) {
    await response.body?.cancel();
    throw new HostError(`gitlab: ${where}: the next-page link points back to a page already read (a pagination loop)`, {
      kind: 'unexpected',
    });
  }
}

function networkCode(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.cause?.code ?? e?.code ?? 'UND_ERR_SOCKET';
}

/** One request as gitbeaker describes it. */
interface Call {
  verb: string;
  url: URL;
  where: string;
  init: RequestInit;
  asStream: boolean;
  /** gitbeaker's signal for the whole call (`queryTimeout`), shared by every page. */
  callSignal?: AbortSignal;
  rateLimit: ReturnType<typeof getMatchingRateLimiter>;
}

function describeCall(endpoint: string, options: Record<string, unknown> | undefined): Call {
  const { rateLimiters, asStream, prefixUrl, searchParams, method, agent, ...init } = (options ?? {}) as {
    rateLimiters?: RateLimiters;
    asStream?: boolean;
    prefixUrl?: string;
    searchParams?: string;
    method?: string;
    agent?: unknown;
  } & RequestInit;
  void agent; // proxyFetch (proxy.ts) picks the dispatcher
  const verb = (method ?? 'GET').toUpperCase();
  const url = new URL(endpoint, prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl ?? ''}/`);
  url.search = searchParams ?? '';
  return {
    verb,
    url,
    where: `${verb} ${safeUrl(url)}`,
    init,
    asStream: asStream ?? false,
    callSignal: init.signal ?? undefined,
    rateLimit: getMatchingRateLimiter(endpoint, rateLimiters, verb),
  };
}

/** A HostError for a failed attempt the policy gave up on, typed by it, its reason kept for the adapter. */
function typedFailure(call: Call, attempt: FailedAttempt, reason: string, note: string | undefined): HostError {
  const full = note ? `${reason} (${note})` : reason;
  const error = new HostError(`gitlab: ${call.where} failed: ${full}`, {
    kind: kindOfAttempt(attempt),
    status: 'status' in attempt ? attempt.status : undefined,
    outcomeUnknown: outcomeUnknown(call.verb, attempt),
  });
  requesterReasons.set(error, full);
  return error;
}

/** The attempts of one request, as the retry policy allows them. */
async function send(call: Call, limits: RetryLimits, timeoutMs: number, sleep: RetrySleep): Promise<FormattedResponse> {
  const state: RetryState = { retries: 0, waitedMs: 0 };
  for (;;) {
    await call.rateLimit();
    const attemptTimeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let attempt: FailedAttempt;
    let reason: string;
    try {
      response = await proxyFetch(call.url, {
        ...call.init,
        method: call.verb,
        signal: call.callSignal ? AbortSignal.any([call.callSignal, attemptTimeout]) : attemptTimeout,
      });
    } catch (error) {
      if (call.callSignal?.aborted) {
        throw new HostError(`gitlab: ${call.where} failed: the call ran out of its time`, { kind: 'timeout' });
      }
      attempt = attemptTimeout.aborted ? { timedOut: true } : { code: networkCode(error) };
      reason = attemptTimeout.aborted
        ? `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`
        : describeConnectionFailure(networkCode(error));
      const verdict = retryVerdict(call.verb, attempt, state, limits);
      if (!verdict.retry) throw typedFailure(call, attempt, reason, verdict.note);
      await wait(state, verdict.waitMs, sleep);
      continue;
    }
    if (response.ok) {
      if (call.verb === 'GET' && call.callSignal)
        await refuseLoopingPages(response, call.url, call.callSignal, call.where);
      return formatResponse(response, call.asStream, call.where);
    }
    // The body is not kept: it could echo what was sent. The status tells the caller enough.
    await response.body?.cancel();
    attempt = { status: response.status, headers: Object.fromEntries(response.headers.entries()) };
    const verdict = retryVerdict(call.verb, attempt, state, limits);
    if (!verdict.retry) throw typedFailure(call, attempt, `HTTP ${response.status}`, verdict.note);
    await wait(state, verdict.waitMs, sleep);
  }
}

async function wait(state: RetryState, waitMs: number, sleep: RetrySleep): Promise<void> {
  state.retries += 1;
  state.waitedMs += waitMs;
  await sleep(waitMs);
}

export function createGitLabRequester(
  limits: RetryLimits,
  timeoutMs?: number,
  sleep: RetrySleep = sleepScaled,
): (options: ResourceOptions) => RequesterType {
  return createRequesterFn(
    (_service, options) => Promise.resolve(options),
    (endpoint, options) =>
      send(describeCall(endpoint, options as Record<string, unknown>), limits, timeoutMs ?? requestTimeoutMs(), sleep),
  );
}
