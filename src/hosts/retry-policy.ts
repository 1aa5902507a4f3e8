/**
 * The one retry policy of every HTTP call the mirror makes to a host (Octokit for GitHub, gitbeaker's requester for
 * GitLab, the undici client of the Bitbucket adapters, the in-process ref discovery), after the AWS SDK's "standard"
 * retry mode and Octokit's retry/throttling plugins:
 * - what is worth another try: 429, 502, 503, 504, a 403 that carries a rate-limit sign, a connection reset, refused
 *   or timed out;
 * - which requests may be repeated: GET, HEAD, OPTIONS, PUT, DELETE and PATCH (they set a state, repeating them sets it
 *   again). A POST creates: it is repeated only when it provably had no effect (the connection was refused, or the
 *   host turned it away with a rate limit before handling it); after any other failure its outcome is unknown, the
 *   policy says so (`outcomeUnknown`) and the caller looks the outcome up instead (src/mirror/create-target.ts);
 * - how long to wait: what the server asks first (`Retry-After` in seconds or as an HTTP date, else a rate-limit reset
 *   when the remaining quota is 0), else exponential backoff with jitter; every wait and their sum are bounded, and a
 *   server asking for longer than the bound (a rate-limit reset an hour away) is not waited for;
 * - how many tries: bounded.
 * It also names the failure's kind (src/errors.ts), so that the error is typed where the answer arrives.
 */
import type { ErrorKind } from '../errors.js';

export interface RetryLimits {
  /** Retries after the first try. */
  maxRetries: number;
  /** First backoff when the server names no wait; doubles per retry, with jitter. */
  minWaitMs: number;
  /** Bound on one wait: a server asking for longer fails the request at once. */
  maxWaitMs: number;
  /** Bound on all waits of one request together. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = {
  maxRetries: 4,
  minWaitMs: 1000,
  maxWaitMs: 60_000,
  maxTotalWaitMs: 120_000,
};

/**
 * The reads of a repository's refs (src/git/ref-discovery.ts): one per repository and side, so fewer retries and a
 * shorter first backoff than an API request; the same statuses, `Retry-After` handling and bounds on one wait.
 */
export const REF_READ_RETRY_LIMITS: RetryLimits = { ...DEFAULT_RETRY_LIMITS, maxRetries: 2, minWaitMs: 500 };

export function retryLimits(overrides: Partial<RetryLimits> = {}): RetryLimits {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_RETRY_LIMITS, ...defined };
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/** How one attempt failed: an answer with a failure status, or no answer at all. */
export type FailedAttempt =
  | { status: number; headers?: HeaderBag }
  | {
      /** The network error code (`ECONNRESET`, `ECONNREFUSED`, `UND_ERR_SOCKET`, …). */
      code: string;
    }
  | {
      /** The attempt's own time limit ran out before an answer came. */
      timedOut: true;
    };

/** Where one request stands in its retries. */
export interface RetryState {
  /** Retries already made (0 after the first try). */
  retries: number;
  /** Sum of the waits already made, in ms. */
  waitedMs: number;
}

export type RetryVerdict =
  | { retry: true; waitMs: number }
  | {
      retry: false;
      /** The failure's kind, for the error the client throws. */
      kind: ErrorKind;
      /**
       * The request may have had its effect although no success came back (a POST whose answer was lost or was a
       * gateway error): its outcome must be looked up, never assumed and never blindly repeated.
       */
      outcomeUnknown: boolean;
      /** Why no retry, for the message: `gave up after 5 tries`, a wait beyond the bound. */
      note?: string;
    };

export const RETRY_STATUSES: readonly number[] = [429, 502, 503, 504];

/** Network failures worth another try. */
export const RETRY_ERROR_CODES: readonly string[] = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
];

/** Failures that prove the request never reached the server: no connection was ever made. */
export const NEVER_SENT_CODES: readonly string[] = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
];

const TIMEOUT_CODES: readonly string[] = [
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
];

/** Methods whose repetition does what one request does. */
export const IDEMPOTENT_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'];

function header(headers: HeaderBag | undefined, name: string): string | undefined {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Whether an answer says the client hit a rate limit: a quota at 0 (GitHub `x-ratelimit-remaining`, GitLab
 * `RateLimit-Remaining`, Bitbucket `X-RateLimit-Remaining`) or a `Retry-After` on a 403 (GitHub's secondary rate
 * limits: https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
export function rateLimitSign(status: number, headers?: HeaderBag): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  const remaining = header(headers, 'x-ratelimit-remaining') ?? header(headers, 'ratelimit-remaining');
  return remaining?.trim() === '0' || header(headers, 'retry-after') !== undefined;
}

/** The kind of a failure status, as the host answered it. */
export function kindOfStatus(status: number, headers?: HeaderBag): ErrorKind {
  if (status === 401) return 'auth';
  if (rateLimitSign(status, headers)) return 'rate-limited';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 422) return 'conflict';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'unexpected';
}

/** The kind of a failure without an answer. */
export function kindOfAttempt(attempt: FailedAttempt): ErrorKind {
  if ('status' in attempt) return kindOfStatus(attempt.status, attempt.headers);
  if ('timedOut' in attempt) return 'timeout';
  return TIMEOUT_CODES.includes(attempt.code) ? 'timeout' : 'connection';
}

/**
 * How long the server asks us to wait, in ms: `Retry-After` (seconds or HTTP date), else a rate-limit reset header
 * (`X-RateLimit-Reset` / `RateLimit-Reset`, epoch seconds or seconds from now) when the remaining quota is 0.
 */
export function requestedWaitMs(headers: HeaderBag, now = Date.now()): number | undefined {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const remaining = header(headers, 'x-ratelimit-remaining') ?? header(headers, 'ratelimit-remaining');
  const reset = header(headers, 'x-ratelimit-reset') ?? header(headers, 'ratelimit-reset');
  if (remaining?.trim() === '0' && reset !== undefined && Number.isFinite(Number(reset))) {
    const value = Number(reset);
    // Epoch seconds (GitHub, GitLab, Bitbucket) vs. seconds from now (the IETF draft's RateLimit-Reset).
    return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.max(0, value * 1000);
  }
  return undefined;
}

/** Exponential backoff with jitter: `min × 2^(retry-1)`, then a random 50–100 % of it (spreads concurrent clients). */
export function backoffMs(minWaitMs: number, retry: number, random: () => number = Math.random): number {
  const exponential = minWaitMs * 2 ** Math.max(0, retry - 1);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/** Whether this failure is one a retry can help with, for a request that may be repeated. */
function transient(attempt: FailedAttempt): boolean {
  if ('status' in attempt)
    return RETRY_STATUSES.includes(attempt.status) || rateLimitSign(attempt.status, attempt.headers);
  if ('timedOut' in attempt) return true;
  return RETRY_ERROR_CODES.includes(attempt.code);
}

/**
 * Whether the request surely had no effect: never sent (connection refused, no such host), or turned away by a rate
 * limit, which hosts apply before they handle the request.
 */
function hadNoEffect(attempt: FailedAttempt): boolean {
  if ('status' in attempt) return rateLimitSign(attempt.status, attempt.headers);
  if ('timedOut' in attempt) return false;
  return NEVER_SENT_CODES.includes(attempt.code);
}

/** Whether a failed attempt of `method` leaves the request's outcome unknown (it may have been carried out). */
export function outcomeUnknown(method: string, attempt: FailedAttempt): boolean {
  if (IDEMPOTENT_METHODS.includes(method.toUpperCase())) return false;
  if ('status' in attempt) return attempt.status >= 500 || attempt.status === 408;
  return !hadNoEffect(attempt);
}

export interface PolicyClock {
  now?: number;
  random?: () => number;
}

/** The policy's answer for one failed attempt of a `method` request: wait and retry, or give up with a kind. */
export function retryVerdict(
  method: string,
  attempt: FailedAttempt,
  state: RetryState,
  limits: RetryLimits = DEFAULT_RETRY_LIMITS,
  clock: PolicyClock = {},
): RetryVerdict {
  const kind = kindOfAttempt(attempt);
  const unknown = outcomeUnknown(method, attempt);
  const stop = (note?: string): RetryVerdict => ({ retry: false, kind, outcomeUnknown: unknown, note });
  if (!transient(attempt)) return stop();
  const repeatable = IDEMPOTENT_METHODS.includes(method.toUpperCase()) || hadNoEffect(attempt);
  if (!repeatable) return stop('not repeated: it may have been carried out');
  const asked = 'status' in attempt && attempt.headers ? requestedWaitMs(attempt.headers, clock.now) : undefined;
  if (asked !== undefined && asked > limits.maxWaitMs) {
    return stop(
      `the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(limits.maxWaitMs / 1000)} s bound`,
    );
  }
  const tries = state.retries + 1;
  const gaveUp = `gave up after ${tries} ${tries === 1 ? 'try' : 'tries'}`;
  if (state.retries >= limits.maxRetries) return stop(gaveUp);
  const waitMs = Math.min(asked ?? backoffMs(limits.minWaitMs, state.retries + 1, clock.random), limits.maxWaitMs);
  if (state.waitedMs + waitMs > limits.maxTotalWaitMs) return stop(gaveUp);
  return { retry: true, waitMs };
}

/**
 * `MIRROR_RETRY_SCALE`: a factor on every retry wait actually slept (backoff and server-requested waits alike), for
 * tests and demos (`0.001` turns a 1 s wait into 1 ms). Bounds are checked on the unscaled wait, so a far
 * `Retry-After` is still refused. Default 1; invalid values count as 1.
 */
export function retryScale(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.MIRROR_RETRY_SCALE);
  return env.MIRROR_RETRY_SCALE && Number.isFinite(value) && value >= 0 ? value : 1;
}

/** Waits `ms × MIRROR_RETRY_SCALE`. */
export function sleepScaled(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.round(ms * retryScale())));
}

/**
 * How a client waits the `waitMs` of a verdict: `sleepScaled` unless one is injected (tests record the waits the
 * policy chose instead of spending them).
 */
export type RetrySleep = (ms: number) => Promise<void>;
