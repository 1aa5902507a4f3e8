export const id = 798;
export const ids = [798];
export const modules = {

/***/ 4798:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BitbucketCloudHost: () => (/* binding */ BitbucketCloudHost),
/* harmony export */   RESTRICTION_KINDS: () => (/* binding */ RESTRICTION_KINDS),
/* harmony export */   toSlug: () => (/* binding */ toSlug)
/* harmony export */ });
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6049);
/* harmony import */ var _orphan_mark_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5547);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9643);



/** The match-all restriction kinds that `unprotect` lifts. */
const RESTRICTION_KINDS = ['push', 'force', 'delete'];
/** Kinds that bind every account, the mirror's included (no `users` exemptions): `protect` removes match-all ones. */
const UNEXEMPTABLE_KINDS = ['force', 'delete'];
const MATCH_ALL = '*';
const HOOK_EVENTS = ['repo:push'];
const HOOK_DESCRIPTION = 'org-mirror';
/**
 * The slug Bitbucket Cloud gives a repository name: lower case; letters, digits, `-`, `_` and `.` are kept, any run of
 * other characters becomes `-`.
 */
function toSlug(name) {
    return name
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, '');
}
class BitbucketCloudHost {
    role;
    type = 'bitbucket-cloud';
    owner;
    protectionStrategy = 'exempt';
    visibilities = ['private', 'public'];
    /** Exposed for tests and for the benchmark's request counting. */
    http;
    authorization;
    gitAuthorization;
    project;
    mirrorAccount;
    constructor(endpoint, role, clientOptions = {}) {
        this.role = role;
        this.owner = endpoint.owner;
        this.project = 'project' in endpoint ? endpoint.project : undefined;
        const token = endpoint.token;
        if (token && endpoint.username) {
            // App password / API token: basic auth for the API and for git alike.
            this.authorization = (0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .basicAuth */ .tB)(endpoint.username, token);
            this.gitAuthorization = this.authorization;
        }
        else if (token) {
            // Access token: Bearer for the API; git takes it as the password of the fixed user `x-token-auth`.
            // https://support.atlassian.com/bitbucket-cloud/docs/using-access-tokens/
            this.authorization = `Bearer ${token}`;
            this.gitAuthorization = (0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .basicAuth */ .tB)('x-token-auth', token);
        }
        this.http = new _http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpClient */ .Qq({
            headers: this.authorization ? { authorization: this.authorization } : {},
            secrets: [token, this.gitAuthorization].filter((s) => Boolean(s)),
            label: `bitbucket-cloud ${role}`,
            ...clientOptions,
            baseUrl: endpoint.apiUrl,
        });
    }
    gitAuthHeader() {
        return this.gitAuthorization ? `Authorization: ${this.gitAuthorization}` : undefined;
    }
    repoPath(slug) {
        return `/repositories/${encodeURIComponent(this.owner)}/${encodeURIComponent(slug)}`;
    }
    async listRepos() {
        const repos = await this.collect(`/repositories/${encodeURIComponent(this.owner)}?pagelen=100`, 'listing', true);
        return repos.map((repo) => this.toRepoInfo(repo, (m) => new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .ListingError */ .Pg(m)));
    }
    async getRepo(path) {
        const response = await this.http.request('GET', this.repoPath(toSlug(path)), {
            allowStatus: [404],
        });
        if (response.status === 404)
            return undefined;
        return this.toRepoInfo(response.data, (m) => new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh(m));
    }
    async createRepo(request) {
        const slug = toSlug(request.name);
        if (request.visibility === 'internal') {
            throw new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh(`bitbucket-cloud: cannot create ${this.owner}/${slug} with visibility 'internal': Bitbucket Cloud repositories ` +
                `are either private or public. Use visibility 'private' or 'public'.`);
        }
        if (!this.project) {
            // Every Bitbucket Cloud repository belongs to a project; without a key Bitbucket silently picks the oldest one.
            throw new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh(`bitbucket-cloud: cannot create ${this.owner}/${slug}: set target-project to the key of the project ` +
                `that new repositories of workspace ${this.owner} belong to.`);
        }
        if (!slug)
            throw new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh(`bitbucket-cloud: '${request.name}' gives no valid repository slug`);
        const response = await this.http.request('POST', this.repoPath(slug), {
            body: {
                type: 'repository',
                scm: 'git',
                name: request.name,
                is_private: request.visibility !== 'public',
                description: request.description,
                project: { type: 'project', key: this.project },
            },
        });
        return this.toRepoInfo(response.data, (m) => new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh(m));
    }
    async protect(repo, options = {}) {
        const me = await this.mirrorAccountOf();
        // A fresh repository has no restrictions yet: nothing to read first.
        const matchAll = options.fresh ? [] : (await this.restrictions(repo)).filter(isMatchAll);
        let wrote = false;
        const push = matchAll.filter((r) => r.kind === 'push');
        if (!push.some((r) => (r.users ?? []).some((u) => isSameAccount(u, me)))) {
            const mirrorUser = { type: 'user', uuid: me.uuid };
            const current = push.find((r) => typeof r.id === 'number');
            if (current) {
                // A push restriction without the mirror would block its pushes: add the mirror to it ("should be done via PUT").
                await this.http.request('PUT', `${this.repoPath(repo.path)}/branch-restrictions/${current.id}`, {
                    body: {
                        type: 'branchrestriction',
                        kind: 'push',
                        branch_match_kind: 'glob',
                        pattern: MATCH_ALL,
                        users: [...(current.users ?? []).map((u) => ({ type: 'user', uuid: u.uuid })), mirrorUser],
                        groups: current.groups ?? [],
                    },
                });
            }
            else {
                await this.http.request('POST', `${this.repoPath(repo.path)}/branch-restrictions`, {
                    body: {
                        type: 'branchrestriction',
                        kind: 'push',
                        branch_match_kind: 'glob',
                        pattern: MATCH_ALL,
                        users: [mirrorUser],
                        groups: [],
                    },
                });
            }
            wrote = true;
        }
        for (const blocking of matchAll.filter((r) => UNEXEMPTABLE_KINDS.includes(r.kind) && typeof r.id === 'number')) {
            await this.http.request('DELETE', `${this.repoPath(repo.path)}/branch-restrictions/${blocking.id}`, {
                allowStatus: [404],
            });
            wrote = true;
        }
        return wrote;
    }
    async unprotect(repo) {
        const ours = (await this.restrictions(repo)).filter((r) => isMatchAll(r) && RESTRICTION_KINDS.includes(r.kind));
        for (const restriction of ours) {
            if (typeof restriction.id !== 'number')
                continue;
            await this.http.request('DELETE', `${this.repoPath(repo.path)}/branch-restrictions/${restriction.id}`, {
                allowStatus: [404],
            });
        }
        return ours.length > 0;
    }
    /** No archive in the API: the description gets the `(orphaned on <date>)` mark (orphan-mark.ts), protection stays. */
    async archive(repo, date) {
        return this.setDescription(repo, (0,_orphan_mark_js__WEBPACK_IMPORTED_MODULE_2__/* .withOrphanMark */ .St)(repo.description, date));
    }
    async unarchive(repo) {
        return this.setDescription(repo, (0,_orphan_mark_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutOrphanMark */ .i4)(repo.description));
    }
    async setDescription(repo, description) {
        if ((repo.description ?? '') === description)
            return false;
        await this.http.request('PUT', this.repoPath(repo.path), { body: { type: 'repository', description } });
        repo.description = description;
        return true;
    }
    async setDefaultBranch(repo, branch) {
        if (repo.defaultBranch === branch)
            return false;
        await this.http.request('PUT', this.repoPath(repo.path), {
            body: { type: 'repository', mainbranch: { type: 'branch', name: branch } },
        });
        repo.defaultBranch = branch;
        return true;
    }
    async setVisibility(repo, visibility) {
        const isPrivate = visibility !== 'public';
        if ((repo.visibility !== 'public') === isPrivate)
            return false;
        await this.http.request('PUT', this.repoPath(repo.path), { body: { type: 'repository', is_private: isPrivate } });
        repo.visibility = isPrivate ? 'private' : 'public';
        return true;
    }
    async installHook(repo, hook) {
        const base = repo ? `${this.repoPath(repo.path)}/hooks` : `/workspaces/${encodeURIComponent(this.owner)}/hooks`;
        const hooks = await this.collect(base, 'webhooks', false);
        const existing = hooks.find((h) => h.url === hook.url);
        const body = {
            description: existing?.description ?? HOOK_DESCRIPTION,
            url: hook.url,
            active: true,
            events: HOOK_EVENTS,
            secret: hook.secret,
        };
        if (!existing?.uuid) {
            await this.http.request('POST', base, { body });
            return 'created';
        }
        // Bitbucket never returns a hook's secret, so an existing hook is always rewritten with ours.
        await this.http.request('PUT', `${base}/${encodeURIComponent(existing.uuid)}`, { body });
        return 'updated';
    }
    async supportsNamespaceHook() {
        // Workspace webhooks need a workspace admin's credentials; access tokens scoped to a repository cannot.
        const response = await this.http.request('GET', `/workspaces/${encodeURIComponent(this.owner)}/hooks`, {
            allowStatus: [401, 403, 404],
        });
        return response.status >= 200 && response.status < 300;
    }
    restrictions(repo) {
        return this.collect(`${this.repoPath(repo.path)}/branch-restrictions?pagelen=100`, `branch restrictions of ${repo.path}`, false);
    }
    /** The account the credentials act as (`GET /user`), to exempt it from the restrictions. */
    mirrorAccountOf() {
        this.mirrorAccount ??= this.http
            .request('GET', '/user', { allowStatus: [401, 403] })
            .then((response) => {
            if (response.status !== 200 || !response.data?.uuid) {
                throw new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh(`bitbucket-cloud: cannot tell which account the ${this.role} credentials belong to (GET /user answered ` +
                    `${response.status}), so the mirror cannot be exempted from branch restrictions. Use credentials that ` +
                    `can read their own account (an API token or app password with ${this.role}-username, or an access ` +
                    `token with the account scope).`, response.status);
            }
            return response.data;
        });
        this.mirrorAccount.catch(() => (this.mirrorAccount = undefined));
        return this.mirrorAccount;
    }
    /** Follow `next` links to the end; a failed or malformed page, or a `next` seen before, throws. */
    async collect(firstUrl, what, listing) {
        const fail = (message, status) => listing ? new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .ListingError */ .Pg(message, status) : new _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh(message, status);
        const values = [];
        const seen = new Set();
        let url = firstUrl;
        let pageNumber = 1;
        while (url !== undefined) {
            let page;
            try {
                page = (await this.http.request('GET', url)).data;
            }
            catch (error) {
                const status = error instanceof _host_js__WEBPACK_IMPORTED_MODULE_0__/* .HostError */ .dh ? error.status : undefined;
                const reason = error instanceof Error ? error.message : String(error);
                throw fail(`bitbucket-cloud: ${what} of ${this.owner} failed on page ${pageNumber}: ${reason}`, status);
            }
            if (typeof page !== 'object' || page === null || !Array.isArray(page.values)) {
                throw fail(`bitbucket-cloud: ${what} of ${this.owner}: page ${pageNumber} is not a Bitbucket page`);
            }
            values.push(...page.values);
            seen.add(this.http.resolve(url).toString());
            const nextLink = page.next ?? undefined;
            if (nextLink !== undefined) {
                let next;
                try {
                    if (typeof nextLink !== 'string')
                        throw new Error('not a string');
                    next = this.http.resolve(nextLink).toString();
                }
                catch (error) {
                    const reason = error instanceof Error ? error.message : String(error);
                    throw fail(`bitbucket-cloud: ${what} of ${this.owner}: page ${pageNumber} has an invalid next link: ${reason}`);
                }
                if (seen.has(next)) {
                    throw fail(`bitbucket-cloud: ${what} of ${this.owner}: page ${pageNumber} links back to a page already read`);
                }
            }
            url = nextLink;
            pageNumber += 1;
        }
        return values;
    }
    toRepoInfo(repo, fail) {
        const slug = repo.slug ?? repo.full_name?.split('/')[1];
        if (!slug || !repo.uuid)
            throw fail(`bitbucket-cloud: a repository of ${this.owner} has no slug or uuid`);
        // Bitbucket puts the requesting user into the clone URL (`https://user@bitbucket.org/ws/repo.git`).
        const clone = repo.links?.clone?.find((l) => l.name === 'https')?.href;
        if (!clone)
            throw fail(`bitbucket-cloud: ${this.owner}/${slug} has no https clone link`);
        return {
            id: repo.uuid,
            name: slug,
            path: slug,
            cloneUrl: (0,_http_client_js__WEBPACK_IMPORTED_MODULE_1__/* .stripUserInfo */ .KP)(clone),
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
function isMatchAll(restriction) {
    return (restriction.branch_match_kind ?? 'glob') === 'glob' && restriction.pattern === MATCH_ALL;
}
function isSameAccount(a, b) {
    return (a.uuid !== undefined && a.uuid === b.uuid) || (a.account_id !== undefined && a.account_id === b.account_id);
}


/***/ }),

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


/***/ })

};
