export const id = 643;
export const ids = [643];
export const modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ MirrorError),
/* harmony export */   I: () => (/* binding */ kindOf)
/* harmony export */ });
/* unused harmony export ERROR_KINDS */
/**
 * The kinds of failure the mirror tells apart. The kind is decided where the failure is born (an HTTP answer, a git
 * exit, a settings check) and travels unchanged to the report; messages are for people and are never parsed to find
 * it again.
 */
const ERROR_KINDS = (/* unused pure expression or super */ null && ([
    /** The host refused the credentials (401, or git's "Authentication failed"/publickey refusal). */
    'auth',
    /** Authenticated, but not allowed (403 without a rate-limit sign). */
    'forbidden',
    /** The repository, namespace or object does not exist (404, git's "repository not found"). */
    'not-found',
    /** The request conflicts with the host's state (409, 422 "already exists", a lease that no longer holds). */
    'conflict',
    /** The host asked the client to slow down (429, or 403 with rate-limit headers) and waiting did not help. */
    'rate-limited',
    /** No answer within the time limit, or a transfer that stalled. */
    'timeout',
    /** The connection failed or was dropped before an answer came (reset, refused, DNS, TLS). */
    'connection',
    /** The host answered with a server error (5xx) after the retries. */
    'server',
    /** The host's git server refused a pushed ref (protection, hook, non-fast-forward). */
    'push-refused',
    /** Bad configuration (exit code 2). */
    'config',
    /** Anything else: a bug or an answer the client did not understand. */
    'unexpected',
]));
/** A failure that knows its kind. Every module throws this (or a subclass) for failures the report should classify. */
class MirrorError extends Error {
    kind;
    constructor(message, kind, options) {
        super(message, options);
        this.kind = kind;
        this.name = 'MirrorError';
    }
}
/** The kind of anything thrown: a MirrorError's own kind, else `unexpected`. Never looks at the message. */
function kindOf(error) {
    return error instanceof MirrorError ? error.kind : 'unexpected';
}


/***/ }),

/***/ 6049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pg: () => (/* binding */ ListingError),
/* harmony export */   dh: () => (/* binding */ HostError),
/* harmony export */   z3: () => (/* reexport safe */ _settings_host_types_js__WEBPACK_IMPORTED_MODULE_2__.z)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9692);
/* harmony import */ var _settings_host_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(419);
/**
 * The one interface the mirror engine talks to. The engine never asks which host it is: every host-specific
 * behaviour (API paths, pagination, protection model, git credentials) lives behind this interface, one file per host.
 */



/**
 * Raised by hosts for API failures, typed where the answer arrives (the HTTP clients and the retry policy). Message
 * carries host and operation, never a token.
 */
class HostError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MirrorError */ .En {
    status;
    outcomeUnknown;
    constructor(message, details = {}) {
        const given = typeof details === 'number' ? { status: details } : details;
        const kind = given.kind ?? (given.status !== undefined ? (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .kindOfStatus */ .o3)(given.status) : 'unexpected');
        super(message, kind, given.cause !== undefined ? { cause: given.cause } : undefined);
        this.name = 'HostError';
        this.status = given.status;
        this.outcomeUnknown = given.outcomeUnknown ?? false;
    }
    /** The same failure with another message (an adapter naming its operation), kind and outcome kept. */
    static wrap(message, error) {
        return new HostError(message, {
            kind: error.kind,
            status: error.status,
            outcomeUnknown: error.outcomeUnknown,
            cause: error,
        });
    }
}
/** The listing could not be completed: the run must stop before any change. */
class ListingError extends HostError {
    constructor(message, details = {}) {
        super(message, details);
        this.name = 'ListingError';
    }
    static from(message, error) {
        return new ListingError(message, { kind: error.kind, status: error.status, cause: error });
    }
}


/***/ }),

/***/ 9643:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hl: () => (/* binding */ requestTimeoutMs),
/* harmony export */   KP: () => (/* binding */ stripUserInfo),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   Qq: () => (/* binding */ HttpClient),
/* harmony export */   Zc: () => (/* binding */ DEFAULT_REQUEST_TIMEOUT_MS),
/* harmony export */   tB: () => (/* binding */ basicAuth),
/* harmony export */   yL: () => (/* binding */ describeConnectionFailure)
/* harmony export */ });
/* harmony import */ var _undici_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6883);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6049);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9692);
/**
 * The one JSON-over-HTTPS client of the host adapters: undici with a keep-alive pool, proxies from the environment
 * (`EnvHttpProxyAgent`: HTTPS_PROXY / HTTP_PROXY / NO_PROXY), TLS always verified (NODE_EXTRA_CA_CERTS is honoured by
 * Node's TLS stack), retries through undici's retry interceptor as the one retry policy decides (retry-policy.ts), and
 * typed errors that never carry a token.
 */



/** Default time limit of one attempt (response headers, and each gap between body chunks). */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * Time limit of one API attempt in ms: `MIRROR_REQUEST_TIMEOUT` (seconds, decimals allowed) or 60 s. A request that
 * runs out of time counts as a transient failure (retried when it is safe to repeat).
 */
function requestTimeoutMs(env = process.env) {
    const seconds = Number(env.MIRROR_REQUEST_TIMEOUT);
    return env.MIRROR_REQUEST_TIMEOUT && Number.isFinite(seconds) && seconds > 0
        ? Math.ceil(seconds * 1000)
        : DEFAULT_REQUEST_TIMEOUT_MS;
}
/** A failed connection in words; an untrusted certificate names the way out. */
function describeConnectionFailure(code) {
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code)) {
        return `TLS certificate not trusted (${code}); for a private CA set NODE_EXTRA_CA_CERTS`;
    }
    return `connection failed: ${code}`;
}
let sharedDispatcher;
/**
 * undici's retry interceptor, asking every question to the request's own `retry` callback (the policy): it is
 * offered every failure of every method, and the policy says no to what must not be repeated.
 */
function withRetries(dispatcher) {
    return dispatcher.compose(_undici_js__WEBPACK_IMPORTED_MODULE_0__/* .interceptors */ .dY.retry({
        // Ignored with `throwOnError: false`: every answer of 300 or more is offered to the callback.
        statusCodes: [429, 502, 503, 504],
        methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
        // Hand back the last answer when retries are exhausted so that the error names the real status.
        throwOnError: false,
    }));
}
/** One keep-alive, proxy-aware pool for the whole process, with the retry interceptor on top. */
function defaultDispatcher() {
    sharedDispatcher ??= withRetries(new _undici_js__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2({ keepAliveTimeout: 10_000, connections: 32 }));
    return sharedDispatcher;
}
/** `https://host/path` without query, fragment or userinfo: what error messages may show. */
function safeUrl(url) {
    try {
        const parsed = new URL(url);
        return `${parsed.origin}${parsed.pathname}`;
    }
    catch {
        return '<invalid URL>';
    }
}
/** Remove user info (`user@`, `user:pw@`) that hosts put into clone URLs. */
function stripUserInfo(url) {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
}
function basicAuth(username, password) {
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
function headerValue(value) {
    return Array.isArray(value) ? value.join(', ') : value;
}
class HttpClient {
    options;
    baseUrl;
    dispatcher;
    secrets;
    label;
    limits;
    constructor(options) {
        this.options = options;
        this.limits = (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .retryLimits */ .Z4)(options.retry);
        this.baseUrl = new URL(options.baseUrl.replace(/\/+$/, ''));
        this.dispatcher = options.dispatcher ? withRetries(options.dispatcher) : defaultDispatcher();
        this.label = options.label ?? this.baseUrl.host;
        const secrets = new Set();
        for (const value of [...Object.values(options.headers ?? {}), ...(options.secrets ?? [])]) {
            addSecretForms(secrets, value);
        }
        this.secrets = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
    }
    /** Resolve a path (relative to the API base) or an absolute URL of the same origin. */
    resolve(pathOrUrl, query) {
        let url;
        if (/^https?:\/\//i.test(pathOrUrl)) {
            url = new URL(pathOrUrl);
            // Pagination links come from the server's answer: never send our credentials to another origin.
            if (url.origin !== this.baseUrl.origin) {
                throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: refusing to follow ${safeUrl(url)}: not on ${this.baseUrl.origin}`);
            }
        }
        else {
            url = new URL(this.baseUrl.toString() + (pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`));
        }
        for (const [key, value] of Object.entries(query ?? {})) {
            if (value !== undefined)
                url.searchParams.set(key, String(value));
        }
        return url;
    }
    async request(method, pathOrUrl, options = {}) {
        const url = this.resolve(pathOrUrl, options.query);
        const where = `${method} ${safeUrl(url)}`;
        const headers = {
            accept: 'application/json',
            'user-agent': 'org-mirror',
            ...this.options.headers,
            ...options.headers,
        };
        let body;
        if (options.body !== undefined) {
            body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
            headers['content-type'] = options.contentType ?? 'application/json';
        }
        const budget = { retries: 0, waitedMs: 0 };
        const { response, text } = await this.send(method, url, headers, body, budget);
        const responseHeaders = flattenHeaders(response.headers);
        const status = response.statusCode;
        const ok = status >= 200 && status < 300;
        if (!ok && !options.allowStatus?.includes(status)) {
            const attempt = { status, headers: responseHeaders };
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: ${where} failed with HTTP ${status}${this.errorDetail(status, responseHeaders, text)}${refusal(budget)}`, { status, kind: (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .kindOfAttempt */ .BD)(attempt), outcomeUnknown: (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeUnknown */ .Hu)(method, attempt) });
        }
        if (text.trim() === '' || !ok) {
            return { status, headers: responseHeaders, data: (ok ? undefined : parseJsonQuietly(text)) };
        }
        return { status, headers: responseHeaders, data: this.parseJson(text, responseHeaders, status, where) };
    }
    /** The attempts of one request, as the retry policy allows them, and the last answer with its body. */
    async send(method, url, headers, body, budget) {
        const where = `${method} ${safeUrl(url)}`;
        const timeout = this.options.timeoutMs ?? requestTimeoutMs();
        const failure = (error, what) => {
            const attempt = failedAttempt(error);
            return new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: ${where}${what}: ${this.describeNetworkError(error)}${refusal(budget)}`, {
                kind: (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .kindOfAttempt */ .BD)(attempt),
                outcomeUnknown: (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeUnknown */ .Hu)(method, attempt),
            });
        };
        this.count(method, url, 0);
        let response;
        try {
            response = await (0,_undici_js__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(url, {
                method,
                headers,
                body,
                dispatcher: this.dispatcher,
                headersTimeout: timeout,
                bodyTimeout: timeout,
                // Per-request retry options are merged over the interceptor's (undici lib/interceptor/retry.js).
                retryOptions: {
                    maxRetries: Number.MAX_SAFE_INTEGER,
                    retry: (err, _context, callback) => this.retryDecision(method, url, err, budget, callback),
                },
            });
        }
        catch (error) {
            throw failure(error, ' failed');
        }
        const text = await response.body.text().catch((error) => {
            throw failure(error, ': reading the answer failed');
        });
        return { response, text };
    }
    /** A JSON answer parsed; anything else refused with a message that quotes nothing of it. */
    parseJson(text, headers, status, where) {
        const contentType = headers['content-type'] ?? '';
        if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: expected JSON from ${where}, got ${contentType.split(';')[0] || 'no content type'} (HTTP ${status}; a proxy or login page?)`, { status, kind: 'unexpected' });
        }
        try {
            return JSON.parse(text);
        }
        catch {
            // JSON.parse's message quotes the text: never show it, it may echo anything.
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: invalid or truncated JSON from ${where} (${text.length} characters)`, {
                status,
                kind: 'unexpected',
            });
        }
    }
    /** Redact every known secret form from text meant for a message. */
    redact(text) {
        let result = text;
        for (const secret of this.secrets)
            result = result.split(secret).join('***');
        return result;
    }
    /** The retry interceptor's question, answered by the policy. */
    retryDecision(method, url, err, budget, callback) {
        const verdict = (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .retryVerdict */ .yD)(method, failedAttempt(err), budget, this.limits);
        if (!verdict.retry) {
            budget.refusal = verdict.note;
            callback(err);
            return;
        }
        budget.waitedMs += verdict.waitMs;
        budget.retries += 1;
        void (this.options.sleep ?? _retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .sleepScaled */ .yX)(verdict.waitMs).then(() => {
            this.count(method, url, budget.retries);
            callback(null);
        });
    }
    count(method, url, attempt) {
        this.options.onRequest?.({ method, url: safeUrl(url), attempt });
    }
    describeNetworkError(error) {
        if (error instanceof Error) {
            const code = error.code;
            const text = code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
            return this.redact(text).slice(0, 300);
        }
        return this.redact(String(error)).slice(0, 300);
    }
    /**
     * A short reason from a JSON error answer (Bitbucket `errors[0].message`, `error.message`, GitHub/GitLab
     * `message`), redacted and truncated; never a raw body, which might echo anything (even our own headers).
     */
    errorDetail(status, headers, text) {
        const parts = [];
        if (status === 429)
            parts.push('rate limited');
        const data = /json/i.test(headers['content-type'] ?? '') ? parseJsonQuietly(text) : undefined;
        const message = extractMessage(data);
        if (message)
            parts.push(this.redact(message).replace(/\s+/g, ' ').slice(0, 200));
        return parts.length ? `: ${parts.join(': ')}` : '';
    }
}
/** What the policy needs to know of an undici failure: the status of an answer, else the network error code. */
function failedAttempt(error) {
    const e = error;
    if (typeof e?.statusCode === 'number' && e.statusCode > 0)
        return { status: e.statusCode, headers: e.headers };
    const code = e?.code && e.code !== 'UND_ERR_REQ_RETRY' ? e.code : (e?.cause?.code ?? '');
    return { code: code || 'UND_ERR_SOCKET' };
}
function refusal(budget) {
    return budget.refusal ? ` (${budget.refusal})` : '';
}
function addSecretForms(into, value) {
    into.add(value);
    const match = /^(\w+)\s+(.+)$/.exec(value);
    if (!match)
        return;
    const [, scheme, credential] = match;
    into.add(credential);
    if (scheme.toLowerCase() === 'basic') {
        const decoded = Buffer.from(credential, 'base64').toString('utf8');
        into.add(decoded);
        const colon = decoded.indexOf(':');
        if (colon >= 0)
            into.add(decoded.slice(colon + 1));
    }
}
function flattenHeaders(headers) {
    const result = {};
    for (const [name, value] of Object.entries(headers)) {
        const flat = headerValue(value);
        if (flat !== undefined)
            result[name.toLowerCase()] = flat;
    }
    return result;
}
function parseJsonQuietly(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function extractMessage(data) {
    if (typeof data !== 'object' || data === null)
        return undefined;
    const record = data;
    if (Array.isArray(record.errors) && record.errors.length > 0) {
        const first = record.errors[0];
        if (typeof first === 'string')
            return first;
        if (typeof first?.message === 'string')
            return first.message;
    }
    if (typeof record.error === 'object' && record.error !== null) {
        const message = record.error.message;
        if (typeof message === 'string')
            return message;
    }
    if (typeof record.error === 'string')
        return record.error;
    if (typeof record.message === 'string')
        return record.message;
    return undefined;
}


/***/ }),

/***/ 9692:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ kindOfAttempt),
/* harmony export */   Hu: () => (/* binding */ outcomeUnknown),
/* harmony export */   XQ: () => (/* binding */ REF_READ_RETRY_LIMITS),
/* harmony export */   Z4: () => (/* binding */ retryLimits),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   o3: () => (/* binding */ kindOfStatus),
/* harmony export */   th: () => (/* binding */ rateLimitSign),
/* harmony export */   yD: () => (/* binding */ retryVerdict),
/* harmony export */   yX: () => (/* binding */ sleepScaled)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY_LIMITS, RETRY_STATUSES, RETRY_ERROR_CODES, NEVER_SENT_CODES, IDEMPOTENT_METHODS, requestedWaitMs, retryScale */
const DEFAULT_RETRY_LIMITS = {
    maxRetries: 4,
    minWaitMs: 1000,
    maxWaitMs: 60_000,
    maxTotalWaitMs: 120_000,
};
/**
 * The reads of a repository's refs (src/git/ref-discovery.ts): one per repository and side, so fewer retries and a
 * shorter first backoff than an API request; the same statuses, `Retry-After` handling and bounds on one wait.
 */
const REF_READ_RETRY_LIMITS = { ...DEFAULT_RETRY_LIMITS, maxRetries: 2, minWaitMs: 500 };
function retryLimits(overrides = {}) {
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
    return { ...DEFAULT_RETRY_LIMITS, ...defined };
}
const RETRY_STATUSES = [429, 502, 503, 504];
/** Network failures worth another try. */
const RETRY_ERROR_CODES = [
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
const NEVER_SENT_CODES = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
];
const TIMEOUT_CODES = [
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
];
/** Methods whose repetition does what one request does. */
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'];
function header(headers, name) {
    const value = headers?.[name] ?? headers?.[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
}
/**
 * Whether an answer says the client hit a rate limit: a quota at 0 (GitHub `x-ratelimit-remaining`, GitLab
 * `RateLimit-Remaining`, Bitbucket `X-RateLimit-Remaining`) or a `Retry-After` on a 403 (GitHub's secondary rate
 * limits: https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
function rateLimitSign(status, headers) {
    if (status === 429)
        return true;
    if (status !== 403)
        return false;
    const remaining = header(headers, 'x-ratelimit-remaining') ?? header(headers, 'ratelimit-remaining');
    return remaining?.trim() === '0' || header(headers, 'retry-after') !== undefined;
}
/** The kind of a failure status, as the host answered it. */
function kindOfStatus(status, headers) {
    if (status === 401)
        return 'auth';
    if (rateLimitSign(status, headers))
        return 'rate-limited';
    if (status === 403)
        return 'forbidden';
    if (status === 404 || status === 410)
        return 'not-found';
    if (status === 409 || status === 422)
        return 'conflict';
    if (status === 408)
        return 'timeout';
    if (status >= 500)
        return 'server';
    return 'unexpected';
}
/** The kind of a failure without an answer. */
function kindOfAttempt(attempt) {
    if ('status' in attempt)
        return kindOfStatus(attempt.status, attempt.headers);
    if ('timedOut' in attempt)
        return 'timeout';
    return TIMEOUT_CODES.includes(attempt.code) ? 'timeout' : 'connection';
}
/**
 * How long the server asks us to wait, in ms: `Retry-After` (seconds or HTTP date), else a rate-limit reset header
 * (`X-RateLimit-Reset` / `RateLimit-Reset`, epoch seconds or seconds from now) when the remaining quota is 0.
 */
function requestedWaitMs(headers, now = Date.now()) {
    const retryAfter = header(headers, 'retry-after');
    if (retryAfter !== undefined && retryAfter.trim() !== '') {
        const seconds = Number(retryAfter);
        if (Number.isFinite(seconds))
            return Math.max(0, seconds * 1000);
        const date = Date.parse(retryAfter);
        if (!Number.isNaN(date))
            return Math.max(0, date - now);
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
function backoffMs(minWaitMs, retry, random = Math.random) {
    const exponential = minWaitMs * 2 ** Math.max(0, retry - 1);
    return Math.round(exponential * (0.5 + random() * 0.5));
}
/** Whether this failure is one a retry can help with, for a request that may be repeated. */
function transient(attempt) {
    if ('status' in attempt)
        return RETRY_STATUSES.includes(attempt.status) || rateLimitSign(attempt.status, attempt.headers);
    if ('timedOut' in attempt)
        return true;
    return RETRY_ERROR_CODES.includes(attempt.code);
}
/**
 * Whether the request surely had no effect: never sent (connection refused, no such host), or turned away by a rate
 * limit, which hosts apply before they handle the request.
 */
function hadNoEffect(attempt) {
    if ('status' in attempt)
        return rateLimitSign(attempt.status, attempt.headers);
    if ('timedOut' in attempt)
        return false;
    return NEVER_SENT_CODES.includes(attempt.code);
}
/** Whether a failed attempt of `method` leaves the request's outcome unknown (it may have been carried out). */
function outcomeUnknown(method, attempt) {
    if (IDEMPOTENT_METHODS.includes(method.toUpperCase()))
        return false;
    if ('status' in attempt)
        return attempt.status >= 500 || attempt.status === 408;
    return !hadNoEffect(attempt);
}
/** The policy's answer for one failed attempt of a `method` request: wait and retry, or give up with a kind. */
function retryVerdict(method, attempt, state, limits = DEFAULT_RETRY_LIMITS, clock = {}) {
    const kind = kindOfAttempt(attempt);
    const unknown = outcomeUnknown(method, attempt);
    const stop = (note) => ({ retry: false, kind, outcomeUnknown: unknown, note });
    if (!transient(attempt))
        return stop();
    const repeatable = IDEMPOTENT_METHODS.includes(method.toUpperCase()) || hadNoEffect(attempt);
    if (!repeatable)
        return stop('not repeated: it may have been carried out');
    const asked = 'status' in attempt && attempt.headers ? requestedWaitMs(attempt.headers, clock.now) : undefined;
    if (asked !== undefined && asked > limits.maxWaitMs) {
        return stop(`the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(limits.maxWaitMs / 1000)} s bound`);
    }
    const tries = state.retries + 1;
    const gaveUp = `gave up after ${tries} ${tries === 1 ? 'try' : 'tries'}`;
    if (state.retries >= limits.maxRetries)
        return stop(gaveUp);
    const waitMs = Math.min(asked ?? backoffMs(limits.minWaitMs, state.retries + 1, clock.random), limits.maxWaitMs);
    if (state.waitedMs + waitMs > limits.maxTotalWaitMs)
        return stop(gaveUp);
    return { retry: true, waitMs };
}
/**
 * `MIRROR_RETRY_SCALE`: a factor on every retry wait actually slept (backoff and server-requested waits alike), for
 * tests and demos (`0.001` turns a 1 s wait into 1 ms). Bounds are checked on the unscaled wait, so a far
 * `Retry-After` is still refused. Default 1; invalid values count as 1.
 */
function retryScale(env = process.env) {
    const value = Number(env.MIRROR_RETRY_SCALE);
    return env.MIRROR_RETRY_SCALE && Number.isFinite(value) && value >= 0 ? value : 1;
}
/** Waits `ms × MIRROR_RETRY_SCALE`. */
function sleepScaled(ms) {
    return new Promise((resolve) => setTimeout(resolve, Math.round(ms * retryScale())));
}


/***/ }),

/***/ 6883:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Em: () => (/* binding */ request),
/* harmony export */   J2: () => (/* reexport default from dynamic */ undici_lib_dispatcher_env_http_proxy_agent_js__WEBPACK_IMPORTED_MODULE_4___default.a),
/* harmony export */   bj: () => (/* binding */ setGlobalDispatcher),
/* harmony export */   dY: () => (/* binding */ interceptors),
/* harmony export */   gU: () => (/* reexport default from dynamic */ undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_1___default.a)
/* harmony export */ });
/* harmony import */ var undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6615);
/* harmony import */ var undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9136);
/* harmony import */ var undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var undici_lib_core_util_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3440);
/* harmony import */ var undici_lib_core_util_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(undici_lib_core_util_js__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(883);
/* harmony import */ var undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var undici_lib_dispatcher_env_http_proxy_agent_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3137);
/* harmony import */ var undici_lib_dispatcher_env_http_proxy_agent_js__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_env_http_proxy_agent_js__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var undici_lib_global_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2581);
/* harmony import */ var undici_lib_global_js__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(undici_lib_global_js__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var undici_lib_interceptor_retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2026);
/* harmony import */ var undici_lib_interceptor_retry_js__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(undici_lib_interceptor_retry_js__WEBPACK_IMPORTED_MODULE_6__);







Object.assign((undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_3___default().prototype), undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_0__);

const { setGlobalDispatcher } = (undici_lib_global_js__WEBPACK_IMPORTED_MODULE_5___default());
const interceptors = { retry: (undici_lib_interceptor_retry_js__WEBPACK_IMPORTED_MODULE_6___default()) };
/**
 * A request to a URL through `options.dispatcher` (else the global dispatcher): undici's `request` as its index makes
 * it, `options.path` aside (never used here: the path is the URL's).
 */
function request(url, options = {}) {
    const target = undici_lib_core_util_js__WEBPACK_IMPORTED_MODULE_2___default().parseURL(url);
    const { dispatcher = undici_lib_global_js__WEBPACK_IMPORTED_MODULE_5___default().getGlobalDispatcher() } = options;
    return undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_0__.request.call(dispatcher, {
        ...options,
        origin: target.origin,
        path: target.search ? `${target.pathname}${target.search}` : target.pathname,
        method: options.method || (options.body ? 'PUT' : 'GET'),
    });
}


/***/ })

};
