/**
 * The one JSON-over-HTTPS client of the host adapters: undici with a keep-alive pool, proxies from the environment
 * (`EnvHttpProxyAgent`: HTTPS_PROXY / HTTP_PROXY / NO_PROXY), TLS always verified (NODE_EXTRA_CA_CERTS is honoured by
 * Node's TLS stack), bounded retries through undici's retry interceptor, and errors that never carry a token.
 */
import { EnvHttpProxyAgent, interceptors, request as undiciRequest, type Dispatcher } from 'undici';
import { HostError } from './host.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Serialised as JSON unless it is already a string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Content type of the body; `application/json` unless set (Bitbucket DC bulk calls need their own). */
  contentType?: string;
  /** Statuses answered normally instead of thrown as HostError (e.g. 404 for "does it exist?"). */
  allowStatus?: readonly number[];
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON; undefined for empty answers (204) and for allowed error statuses without a JSON body. */
  data: T;
}

/** One attempt on the wire (the first try or a retry), for counting (benchmark) and debugging. */
export interface RequestEvent {
  method: string;
  /** URL without query string or credentials. */
  url: string;
  /** 0 for the first try, then 1, 2, … for retries. */
  attempt: number;
}

export interface HttpClientOptions {
  /** API base URL; relative request paths are appended to it. Absolute URLs must share its origin. */
  baseUrl: string;
  /** Sent with every request, e.g. `authorization`. Their values are redacted from every error message. */
  headers?: Record<string, string>;
  /** More values never to show in an error message (raw tokens, passwords). */
  secrets?: string[];
  /** Label in error messages, e.g. `bitbucket-server`. */
  label?: string;
  /** Per attempt: time to wait for the response headers and between body chunks. Default `requestTimeoutMs()`. */
  timeoutMs?: number;
  /** Retries after the first try. Default 4. */
  maxRetries?: number;
  /** Initial backoff without Retry-After, doubled each retry. Default 500 ms. */
  minRetryWaitMs?: number;
  /** Bound on one wait. A server asking for longer (Retry-After) fails the request instead. Default 60 s. */
  maxRetryWaitMs?: number;
  /** Bound on all waits of one request together. Default 120 s. */
  maxTotalRetryWaitMs?: number;
  /** Called for every attempt, retries included. */
  onRequest?: (event: RequestEvent) => void;
  /** Dispatcher to use instead of the shared proxy-aware pool (tests). */
  dispatcher?: Dispatcher;
}

/** Default time limit of one attempt (response headers, and each gap between body chunks). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * `MIRROR_RETRY_SCALE`: a factor on every retry wait actually slept (backoff and server-requested waits alike), for
 * tests and demos (`0.001` turns a 1 s wait into 1 ms). Bounds are checked on the unscaled wait, so a far
 * `Retry-After` is still refused. Default 1; invalid values count as 1.
 */
export function retryScale(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.MIRROR_RETRY_SCALE);
  return env.MIRROR_RETRY_SCALE && Number.isFinite(value) && value >= 0 ? value : 1;
}

/**
 * Time limit of one API attempt in ms: `MIRROR_REQUEST_TIMEOUT` (seconds, decimals allowed) or 60 s. A request that
 * runs out of time counts as a transient failure (retried when it is safe to repeat).
 */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.MIRROR_REQUEST_TIMEOUT);
  return env.MIRROR_REQUEST_TIMEOUT && Number.isFinite(seconds) && seconds > 0
    ? Math.ceil(seconds * 1000)
    : DEFAULT_REQUEST_TIMEOUT_MS;
}

/** Exponential backoff with jitter: `min × 2^(retry-1)`, then a random 50–100 % of it (spreads concurrent clients). */
export function backoffMs(minWaitMs: number, retry: number, random: () => number = Math.random): number {
  const exponential = minWaitMs * 2 ** Math.max(0, retry - 1);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/** A failed connection in words; an untrusted certificate names the way out. */
export function describeConnectionFailure(code: string): string {
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code)) {
    return `TLS certificate not trusted (${code}); for a private CA set NODE_EXTRA_CA_CERTS`;
  }
  return `connection failed: ${code}`;
}

/** Waits `ms × MIRROR_RETRY_SCALE`. */
export function sleepScaled(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.round(ms * retryScale())));
}

/** Process-wide counters of attempts on the wire, for the benchmark. */
export const httpStats = { requests: 0, retries: 0 };

export const RETRY_STATUSES = [429, 502, 503, 504];
/** Network failures worth another try. */
export const RETRY_ERROR_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
];
/** A request with one of these methods may have had effects when the answer got lost: only retry a clear refusal. */
const NON_IDEMPOTENT: readonly string[] = ['POST', 'PATCH'];
export const SAFE_FOR_NON_IDEMPOTENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT'];

let sharedDispatcher: Dispatcher | undefined;

/** One keep-alive, proxy-aware pool for the whole process, with undici's retry interceptor on top. */
function defaultDispatcher(): Dispatcher {
  sharedDispatcher ??= new EnvHttpProxyAgent({ keepAliveTimeout: 10_000, connections: 32 }).compose(
    interceptors.retry({
      statusCodes: RETRY_STATUSES,
      errorCodes: RETRY_ERROR_CODES,
      methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
      // Hand back the last answer when retries are exhausted so that the error names the real status.
      throwOnError: false,
    }),
  );
  return sharedDispatcher;
}

/** Wrap any dispatcher (e.g. a test's own Agent) with the same retry behaviour. */
export function withRetries(dispatcher: Dispatcher): Dispatcher {
  return dispatcher.compose(
    interceptors.retry({
      statusCodes: RETRY_STATUSES,
      errorCodes: RETRY_ERROR_CODES,
      methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
      throwOnError: false,
    }),
  );
}

/** `https://host/path` without query, fragment or userinfo: what error messages may show. */
export function safeUrl(url: string | URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '<invalid URL>';
  }
}

/** Remove user info (`user@`, `user:pw@`) that hosts put into clone URLs. */
export function stripUserInfo(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * How long the server asks us to wait, in ms: `Retry-After` (seconds or HTTP date), else a rate-limit reset header
 * (`X-RateLimit-Reset` / `RateLimit-Reset`, epoch seconds or seconds from now) when the remaining quota is 0.
 */
export function requestedWaitMs(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): number | undefined {
  const retryAfter = headerValue(headers['retry-after']);
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const remaining = headerValue(headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining']);
  const reset = headerValue(headers['x-ratelimit-reset'] ?? headers['ratelimit-reset']);
  if (remaining === '0' && reset !== undefined && Number.isFinite(Number(reset))) {
    const value = Number(reset);
    // Epoch seconds (GitHub, GitLab) vs. seconds from now (IETF draft RateLimit-Reset).
    return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.max(0, value * 1000);
  }
  return undefined;
}

interface RetryError extends Error {
  statusCode?: number;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
}

interface RetryBudget {
  waitedMs: number;
  attempt: number;
  /** Why the last retry was refused, for the error message. */
  refusal?: string;
}

export class HttpClient {
  private readonly baseUrl: URL;
  private readonly dispatcher: Dispatcher;
  private readonly secrets: string[];
  private readonly label: string;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = new URL(options.baseUrl.replace(/\/+$/, ''));
    this.dispatcher = options.dispatcher ? withRetries(options.dispatcher) : defaultDispatcher();
    this.label = options.label ?? this.baseUrl.host;
    const secrets = new Set<string>();
    for (const value of [...Object.values(options.headers ?? {}), ...(options.secrets ?? [])]) {
      addSecretForms(secrets, value);
    }
    this.secrets = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** Resolve a path (relative to the API base) or an absolute URL of the same origin. */
  resolve(pathOrUrl: string, query?: Record<string, QueryValue>): URL {
    let url: URL;
    if (/^https?:\/\//i.test(pathOrUrl)) {
      url = new URL(pathOrUrl);
      // Pagination links come from the server's answer: never send our credentials to another origin.
      if (url.origin !== this.baseUrl.origin) {
        throw new HostError(`${this.label}: refusing to follow ${safeUrl(url)}: not on ${this.baseUrl.origin}`);
      }
    } else {
      url = new URL(this.baseUrl.toString() + (pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`));
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  async request<T>(method: HttpMethod, pathOrUrl: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const url = this.resolve(pathOrUrl, options.query);
    const where = `${method} ${safeUrl(url)}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'org-mirror',
      ...this.options.headers,
      ...options.headers,
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const budget: RetryBudget = { waitedMs: 0, attempt: 0 };
    this.count(method, url, 0);
    const timeout = this.options.timeoutMs ?? requestTimeoutMs();

    let response: Dispatcher.ResponseData<unknown>;
    try {
      response = await undiciRequest(url, {
        method,
        headers,
        body,
        dispatcher: this.dispatcher,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        // Per-request retry options are merged over the interceptor's (undici lib/interceptor/retry.js).
        retryOptions: {
          maxRetries: this.options.maxRetries ?? 4,
          retry: (err: RetryError, context: { state: { counter: number } }, callback: (e?: Error | null) => void) =>
            this.retryDecision(method, url, err, context.state.counter, budget, callback),
        },
      } as Parameters<typeof undiciRequest>[1]);
    } catch (error) {
      throw new HostError(`${this.label}: ${where} failed: ${this.describeNetworkError(error)}${refusal(budget)}`);
    }

    const text = await response.body.text().catch((error: unknown) => {
      throw new HostError(`${this.label}: ${where}: reading the answer failed: ${this.describeNetworkError(error)}`);
    });
    const responseHeaders = flattenHeaders(response.headers);
    const status = response.statusCode;
    const ok = status >= 200 && status < 300;
    if (!ok && !options.allowStatus?.includes(status)) {
      throw new HostError(
        `${this.label}: ${where} failed with HTTP ${status}${this.errorDetail(status, responseHeaders, text)}${refusal(budget)}`,
        status,
      );
    }
    if (text.trim() === '' || !ok) {
      return { status, headers: responseHeaders, data: (ok ? undefined : parseJsonQuietly(text)) as T };
    }
    const contentType = responseHeaders['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new HostError(
        `${this.label}: expected JSON from ${where}, got ${contentType.split(';')[0] || 'no content type'} (HTTP ${status}; a proxy or login page?)`,
        status,
      );
    }
    try {
      return { status, headers: responseHeaders, data: JSON.parse(text) as T };
    } catch {
      // JSON.parse's message quotes the text: never show it, it may echo anything.
      throw new HostError(`${this.label}: invalid or truncated JSON from ${where} (${text.length} characters)`, status);
    }
  }

  /** Redact every known secret form from text meant for a message. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('***');
    return result;
  }

  private retryDecision(
    method: string,
    url: URL,
    err: RetryError,
    counter: number,
    budget: RetryBudget,
    callback: (e?: Error | null) => void,
  ): void {
    const maxRetries = this.options.maxRetries ?? 4;
    const status = err.statusCode;
    const code = err.code && err.code !== 'UND_ERR_REQ_RETRY' ? err.code : undefined;
    const retryable =
      status !== undefined
        ? RETRY_STATUSES.includes(status) && (!NON_IDEMPOTENT.includes(method) || status === 429)
        : code !== undefined &&
          RETRY_ERROR_CODES.includes(code) &&
          (!NON_IDEMPOTENT.includes(method) || SAFE_FOR_NON_IDEMPOTENT_CODES.includes(code));
    if (!retryable || counter > maxRetries) {
      callback(err);
      return;
    }
    const asked = status !== undefined && err.headers ? requestedWaitMs(err.headers) : undefined;
    const backoff = backoffMs(this.options.minRetryWaitMs ?? 500, counter);
    const wait = asked ?? backoff;
    const maxWait = this.options.maxRetryWaitMs ?? 60_000;
    const maxTotal = this.options.maxTotalRetryWaitMs ?? 120_000;
    if (asked !== undefined && asked > maxWait) {
      budget.refusal = `the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(maxWait / 1000)} s bound`;
      callback(err);
      return;
    }
    const boundedWait = Math.min(wait, maxWait);
    if (budget.waitedMs + boundedWait > maxTotal) {
      budget.refusal = `gave up after waiting ${Math.ceil(budget.waitedMs / 1000)} s in ${budget.attempt} retries`;
      callback(err);
      return;
    }
    budget.waitedMs += boundedWait;
    budget.attempt += 1;
    void sleepScaled(boundedWait).then(() => {
      httpStats.retries += 1;
      this.count(method, url, budget.attempt);
      callback(null);
    });
  }

  private count(method: string, url: URL, attempt: number): void {
    httpStats.requests += 1;
    this.options.onRequest?.({ method, url: safeUrl(url), attempt });
  }

  private describeNetworkError(error: unknown): string {
    if (error instanceof Error) {
      const code = (error as RetryError).code;
      const text = code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
      return this.redact(text).slice(0, 300);
    }
    return this.redact(String(error)).slice(0, 300);
  }

  /**
   * A short reason from a JSON error answer (Bitbucket `errors[0].message`, `error.message`, GitHub/GitLab
   * `message`), redacted and truncated; never a raw body, which might echo anything (even our own headers).
   */
  private errorDetail(status: number, headers: Record<string, string>, text: string): string {
    const parts: string[] = [];
    if (status === 429) parts.push('rate limited');
    const data = /json/i.test(headers['content-type'] ?? '') ? parseJsonQuietly(text) : undefined;
    const message = extractMessage(data);
    if (message) parts.push(this.redact(message).replace(/\s+/g, ' ').slice(0, 200));
    return parts.length ? `: ${parts.join(': ')}` : '';
  }
}

function refusal(budget: RetryBudget): string {
  return budget.refusal ? ` (${budget.refusal})` : '';
}

function addSecretForms(into: Set<string>, value: string): void {
  into.add(value);
  const match = /^(\w+)\s+(.+)$/.exec(value);
  if (!match) return;
  const [, scheme, credential] = match;
  into.add(credential);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    into.add(decoded);
    const colon = decoded.indexOf(':');
    if (colon >= 0) into.add(decoded.slice(colon + 1));
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const flat = headerValue(value);
    if (flat !== undefined) result[name.toLowerCase()] = flat;
  }
  return result;
}

function parseJsonQuietly(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function extractMessage(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const first = record.errors[0] as Record<string, unknown> | string;
    if (typeof first === 'string') return first;
    if (typeof first?.message === 'string') return first.message;
  }
  if (typeof record.error === 'object' && record.error !== null) {
    const message = (record.error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  if (typeof record.error === 'string') return record.error;
  if (typeof record.message === 'string') return record.message;
  return undefined;
}
