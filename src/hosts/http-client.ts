/**
 * The one JSON-over-HTTPS client of the host adapters: undici with a keep-alive pool, proxies from the environment
 * (`EnvHttpProxyAgent`: HTTPS_PROXY / HTTP_PROXY / NO_PROXY), TLS always verified (NODE_EXTRA_CA_CERTS is honoured by
 * Node's TLS stack), retries through undici's retry interceptor as the one retry policy decides (retry-policy.ts), and
 * typed errors that never carry a token.
 */
import { EnvHttpProxyAgent, interceptors, request as undiciRequest, type Dispatcher } from './undici.js';
import { HostError } from './host.js';
import {
  kindOfAttempt,
  outcomeUnknown,
  retryLimits,
  retryVerdict,
  sleepScaled,
  type FailedAttempt,
  type RetryLimits,
  type RetrySleep,
} from './retry-policy.js';

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
  /** Bounds of the retry policy (retry-policy.ts); default `DEFAULT_RETRY_LIMITS`. */
  retry?: Partial<RetryLimits>;
  /** Called for every attempt, retries included. */
  onRequest?: (event: RequestEvent) => void;
  /** Dispatcher to use instead of the shared proxy-aware pool (tests). */
  dispatcher?: Dispatcher;
  /** How the policy's waits are spent; default `sleepScaled` (tests record them instead). */
  sleep?: RetrySleep;
}

/** Default time limit of one attempt (response headers, and each gap between body chunks). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

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

/** A failed connection in words; an untrusted certificate names the way out. */
export function describeConnectionFailure(code: string): string {
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code)) {
    return `TLS certificate not trusted (${code}); for a private CA set NODE_EXTRA_CA_CERTS`;
  }
  return `connection failed: ${code}`;
}

let sharedDispatcher: Dispatcher | undefined;

/**
 * undici's retry interceptor, asking every question to the request's own `retry` callback (the policy): it is
 * offered every failure of every method, and the policy says no to what must not be repeated.
 */
function withRetries(dispatcher: Dispatcher): Dispatcher {
  return dispatcher.compose(
    interceptors.retry({
      // Ignored with `throwOnError: false`: every answer of 300 or more is offered to the callback.
      statusCodes: [429, 502, 503, 504],
      methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
      // Hand back the last answer when retries are exhausted so that the error names the real status.
      throwOnError: false,
    }),
  );
}

/** One keep-alive, proxy-aware pool for the whole process, with the retry interceptor on top. */
function defaultDispatcher(): Dispatcher {
  sharedDispatcher ??= withRetries(new EnvHttpProxyAgent({ keepAliveTimeout: 10_000, connections: 32 }));
  return sharedDispatcher;
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

interface RetryError extends Error {
  statusCode?: number;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
}

interface RetryBudget {
  retries: number;
  waitedMs: number;
  /** Why the last retry was refused, for the error message. */
  refusal?: string;
}

export class HttpClient {
  private readonly baseUrl: URL;
  private readonly dispatcher: Dispatcher;
  private readonly secrets: string[];
  private readonly label: string;
  private readonly limits: RetryLimits;

  constructor(private readonly options: HttpClientOptions) {
    this.limits = retryLimits(options.retry);
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
    const budget: RetryBudget = { retries: 0, waitedMs: 0 };
    const { response, text } = await this.send(method, url, headers, body, budget);
    const responseHeaders = flattenHeaders(response.headers);
    const status = response.statusCode;
    const ok = status >= 200 && status < 300;
    if (!ok && !options.allowStatus?.includes(status)) {
      const attempt = { status, headers: responseHeaders };
      throw new HostError(
        `${this.label}: ${where} failed with HTTP ${status}${this.errorDetail(status, responseHeaders, text)}${refusal(budget)}`,
        { status, kind: kindOfAttempt(attempt), outcomeUnknown: outcomeUnknown(method, attempt) },
      );
    }
    if (text.trim() === '' || !ok) {
      return { status, headers: responseHeaders, data: (ok ? undefined : parseJsonQuietly(text)) as T };
    }
    return { status, headers: responseHeaders, data: this.parseJson<T>(text, responseHeaders, status, where) };
  }

  /** The attempts of one request, as the retry policy allows them, and the last answer with its body. */
  private async send(
    method: HttpMethod,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    budget: RetryBudget,
  ): Promise<{ response: Dispatcher.ResponseData<unknown>; text: string }> {
    const where = `${method} ${safeUrl(url)}`;
    const timeout = this.options.timeoutMs ?? requestTimeoutMs();
    const failure = (error: unknown, what: string): HostError => {
      const attempt = failedAttempt(error);
      return new HostError(`${this.label}: ${where}${what}: ${this.describeNetworkError(error)}${refusal(budget)}`, {
        kind: kindOfAttempt(attempt),
        outcomeUnknown: outcomeUnknown(method, attempt),
      });
    };
    this.count(method, url, 0);
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
          maxRetries: Number.MAX_SAFE_INTEGER,
          retry: (err: RetryError, _context: unknown, callback: (e?: Error | null) => void) =>
            this.retryDecision(method, url, err, budget, callback),
        },
      } as Parameters<typeof undiciRequest>[1]);
    } catch (error) {
      throw failure(error, ' failed');
    }
    const text = await response.body.text().catch((error: unknown) => {
      throw failure(error, ': reading the answer failed');
    });
    return { response, text };
  }

  /** A JSON answer parsed; anything else refused with a message that quotes nothing of it. */
  private parseJson<T>(text: string, headers: Record<string, string>, status: number, where: string): T {
    const contentType = headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new HostError(
        `${this.label}: expected JSON from ${where}, got ${contentType.split(';')[0] || 'no content type'} (HTTP ${status}; a proxy or login page?)`,
        { status, kind: 'unexpected' },
      );
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      // JSON.parse's message quotes the text: never show it, it may echo anything.
      throw new HostError(`${this.label}: invalid or truncated JSON from ${where} (${text.length} characters)`, {
        status,
        kind: 'unexpected',
      });
    }
  }

  /** Redact every known secret form from text meant for a message. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('***');
    return result;
  }

  /** The retry interceptor's question, answered by the policy. */
  private retryDecision(
    method: string,
    url: URL,
    err: RetryError,
    budget: RetryBudget,
    callback: (e?: Error | null) => void,
  ): void {
    const verdict = retryVerdict(method, failedAttempt(err), budget, this.limits);
    if (!verdict.retry) {
      budget.refusal = verdict.note;
      callback(err);
      return;
    }
    budget.waitedMs += verdict.waitMs;
    budget.retries += 1;
    void (this.options.sleep ?? sleepScaled)(verdict.waitMs).then(() => {
      this.count(method, url, budget.retries);
      callback(null);
    });
  }

  private count(method: string, url: URL, attempt: number): void {
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

/** What the policy needs to know of an undici failure: the status of an answer, else the network error code. */
function failedAttempt(error: unknown): FailedAttempt {
  const e = error as RetryError | null;
  if (typeof e?.statusCode === 'number' && e.statusCode > 0) return { status: e.statusCode, headers: e.headers };
  const code = e?.code && e.code !== 'UND_ERR_REQ_RETRY' ? e.code : ((e?.cause as RetryError | undefined)?.code ?? '');
  return { code: code || 'UND_ERR_SOCKET' };
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
