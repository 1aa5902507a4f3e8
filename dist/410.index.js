export const id = 410;
export const ids = [410];
export const modules = {

/***/ 9643:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FE: () => (/* binding */ RETRY_ERROR_CODES),
/* harmony export */   Fz: () => (/* binding */ SAFE_FOR_NON_IDEMPOTENT_CODES),
/* harmony export */   H5: () => (/* binding */ retryScale),
/* harmony export */   Hl: () => (/* binding */ requestTimeoutMs),
/* harmony export */   KP: () => (/* binding */ stripUserInfo),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   Qq: () => (/* binding */ HttpClient),
/* harmony export */   Zc: () => (/* binding */ DEFAULT_REQUEST_TIMEOUT_MS),
/* harmony export */   fo: () => (/* binding */ requestedWaitMs),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   tB: () => (/* binding */ basicAuth),
/* harmony export */   yL: () => (/* binding */ describeConnectionFailure),
/* harmony export */   yX: () => (/* binding */ sleepScaled)
/* harmony export */ });
/* unused harmony exports httpStats, RETRY_STATUSES, withRetries */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6049);
/**
 * The one JSON-over-HTTPS client of the host adapters: undici with a keep-alive pool, proxies from the environment
 * (`EnvHttpProxyAgent`: HTTPS_PROXY / HTTP_PROXY / NO_PROXY), TLS always verified (NODE_EXTRA_CA_CERTS is honoured by
 * Node's TLS stack), bounded retries through undici's retry interceptor, and errors that never carry a token.
 */


/** Default time limit of one attempt (response headers, and each gap between body chunks). */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * `MIRROR_RETRY_SCALE`: a factor on every retry wait actually slept (backoff and server-requested waits alike), for
 * tests and demos (`0.001` turns a 1 s wait into 1 ms). Bounds are checked on the unscaled wait, so a far
 * `Retry-After` is still refused. Default 1; invalid values count as 1.
 */
function retryScale(env = process.env) {
    const value = Number(env.MIRROR_RETRY_SCALE);
    return env.MIRROR_RETRY_SCALE && Number.isFinite(value) && value >= 0 ? value : 1;
}
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
/** Exponential backoff with jitter: `min × 2^(retry-1)`, then a random 50–100 % of it (spreads concurrent clients). */
function backoffMs(minWaitMs, retry, random = Math.random) {
    const exponential = minWaitMs * 2 ** Math.max(0, retry - 1);
    return Math.round(exponential * (0.5 + random() * 0.5));
}
/** A failed connection in words; an untrusted certificate names the way out. */
function describeConnectionFailure(code) {
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code)) {
        return `TLS certificate not trusted (${code}); for a private CA set NODE_EXTRA_CA_CERTS`;
    }
    return `connection failed: ${code}`;
}
/** Waits `ms × MIRROR_RETRY_SCALE`. */
function sleepScaled(ms) {
    return new Promise((resolve) => setTimeout(resolve, Math.round(ms * retryScale())));
}
/** Process-wide counters of attempts on the wire, for the benchmark. */
const httpStats = { requests: 0, retries: 0 };
const RETRY_STATUSES = [429, 502, 503, 504];
/** Network failures worth another try. */
const RETRY_ERROR_CODES = [
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
const NON_IDEMPOTENT = ['POST', 'PATCH'];
const SAFE_FOR_NON_IDEMPOTENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT'];
let sharedDispatcher;
/** One keep-alive, proxy-aware pool for the whole process, with undici's retry interceptor on top. */
function defaultDispatcher() {
    sharedDispatcher ??= new undici__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2({ keepAliveTimeout: 10_000, connections: 32 }).compose(undici__WEBPACK_IMPORTED_MODULE_0__/* .interceptors */ .dY.retry({
        statusCodes: RETRY_STATUSES,
        errorCodes: RETRY_ERROR_CODES,
        methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
        // Hand back the last answer when retries are exhausted so that the error names the real status.
        throwOnError: false,
    }));
    return sharedDispatcher;
}
/** Wrap any dispatcher (e.g. a test's own Agent) with the same retry behaviour. */
function withRetries(dispatcher) {
    return dispatcher.compose(undici__WEBPACK_IMPORTED_MODULE_0__/* .interceptors */ .dY.retry({
        statusCodes: RETRY_STATUSES,
        errorCodes: RETRY_ERROR_CODES,
        methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'],
        throwOnError: false,
    }));
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
/**
 * How long the server asks us to wait, in ms: `Retry-After` (seconds or HTTP date), else a rate-limit reset header
 * (`X-RateLimit-Reset` / `RateLimit-Reset`, epoch seconds or seconds from now) when the remaining quota is 0.
 */
function requestedWaitMs(headers, now = Date.now()) {
    const retryAfter = headerValue(headers['retry-after']);
    if (retryAfter !== undefined && retryAfter.trim() !== '') {
        const seconds = Number(retryAfter);
        if (Number.isFinite(seconds))
            return Math.max(0, seconds * 1000);
        const date = Date.parse(retryAfter);
        if (!Number.isNaN(date))
            return Math.max(0, date - now);
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
class HttpClient {
    options;
    baseUrl;
    dispatcher;
    secrets;
    label;
    constructor(options) {
        this.options = options;
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
        const budget = { waitedMs: 0, attempt: 0 };
        this.count(method, url, 0);
        const timeout = this.options.timeoutMs ?? requestTimeoutMs();
        let response;
        try {
            response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(url, {
                method,
                headers,
                body,
                dispatcher: this.dispatcher,
                headersTimeout: timeout,
                bodyTimeout: timeout,
                // Per-request retry options are merged over the interceptor's (undici lib/interceptor/retry.js).
                retryOptions: {
                    maxRetries: this.options.maxRetries ?? 4,
                    retry: (err, context, callback) => this.retryDecision(method, url, err, context.state.counter, budget, callback),
                },
            });
        }
        catch (error) {
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: ${where} failed: ${this.describeNetworkError(error)}${refusal(budget)}`);
        }
        const text = await response.body.text().catch((error) => {
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: ${where}: reading the answer failed: ${this.describeNetworkError(error)}`);
        });
        const responseHeaders = flattenHeaders(response.headers);
        const status = response.statusCode;
        const ok = status >= 200 && status < 300;
        if (!ok && !options.allowStatus?.includes(status)) {
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: ${where} failed with HTTP ${status}${this.errorDetail(status, responseHeaders, text)}${refusal(budget)}`, status);
        }
        if (text.trim() === '' || !ok) {
            return { status, headers: responseHeaders, data: (ok ? undefined : parseJsonQuietly(text)) };
        }
        const contentType = responseHeaders['content-type'] ?? '';
        if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: expected JSON from ${where}, got ${contentType.split(';')[0] || 'no content type'} (HTTP ${status}; a proxy or login page?)`, status);
        }
        try {
            return { status, headers: responseHeaders, data: JSON.parse(text) };
        }
        catch {
            // JSON.parse's message quotes the text: never show it, it may echo anything.
            throw new _host_js__WEBPACK_IMPORTED_MODULE_1__/* .HostError */ .dh(`${this.label}: invalid or truncated JSON from ${where} (${text.length} characters)`, status);
        }
    }
    /** Redact every known secret form from text meant for a message. */
    redact(text) {
        let result = text;
        for (const secret of this.secrets)
            result = result.split(secret).join('***');
        return result;
    }
    retryDecision(method, url, err, counter, budget, callback) {
        const maxRetries = this.options.maxRetries ?? 4;
        const status = err.statusCode;
        const code = err.code && err.code !== 'UND_ERR_REQ_RETRY' ? err.code : undefined;
        const retryable = status !== undefined
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
    count(method, url, attempt) {
        httpStats.requests += 1;
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

/***/ 5547:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MB: () => (/* binding */ hasOrphanMark),
/* harmony export */   St: () => (/* binding */ withOrphanMark),
/* harmony export */   i4: () => (/* binding */ withoutOrphanMark)
/* harmony export */ });
/**
 * Bitbucket (Cloud and Server) cannot archive a repository through its API, so an orphaned mirror is set aside with a
 * mark at the end of its description, `(orphaned on 2026-01-31)`, its protection left on. The mark is the mirror's own:
 * written once (idempotent), recognised by the engine, removed when the source repository reappears.
 */
const MARK = /\s*\(orphaned on \d{4}-\d{2}-\d{2}\)\s*$/;
function hasOrphanMark(description) {
    return MARK.test(description ?? '');
}
/** The description with the mark of `date` (YYYY-MM-DD) added, or unchanged when it already has a mark. */
function withOrphanMark(description, date) {
    const text = (description ?? '').trimEnd();
    return hasOrphanMark(text) ? text : `${text}${text ? ' ' : ''}(orphaned on ${date})`;
}
function withoutOrphanMark(description) {
    return (description ?? '').replace(MARK, '');
}


/***/ }),

/***/ 370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	validateConcurrency(concurrency);

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		if (activeCount < concurrency && queue.size > 0) {
			queue.dequeue()();
			// Since `pendingCount` has been decreased by one, increase `activeCount` by one.
			activeCount++;
		}
	};

	const next = () => {
		activeCount--;

		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		const result = (async () => function_(...arguments_))();

		resolve(result);

		try {
			await result;
		} catch {}

		next();
	};

	const enqueue = (function_, resolve, arguments_) => {
		// Queue `internalResolve` instead of the `run` function
		// to preserve asynchronous context.
		new Promise(internalResolve => {
			queue.enqueue(internalResolve);
		}).then(
			run.bind(undefined, function_, resolve, arguments_),
		);

		(async () => {
			// This function needs to wait until the next microtask before comparing
			// `activeCount` to `concurrency`, because `activeCount` is updated asynchronously
			// after the `internalResolve` function is dequeued and called. The comparison in the if-statement
			// needs to happen asynchronously as well to get an up-to-date value for `activeCount`.
			await Promise.resolve();

			if (activeCount < concurrency) {
				resumeNext();
			}
		})();
	};

	const generator = (function_, ...arguments_) => new Promise(resolve => {
		enqueue(function_, resolve, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				queue.clear();
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
	});

	return generator;
}

function limitFunction(function_, option) {
	const {concurrency} = option;
	const limit = pLimit(concurrency);

	return (...arguments_) => limit(() => function_(...arguments_));
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ })

};
