export const id = 446;
export const ids = [446];
export const modules = {

/***/ 6446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubHost: () => (/* binding */ GitHubHost),
  RULESET_NAMES: () => (/* binding */ RULESET_NAMES),
  rulesetMatches: () => (/* binding */ rulesetMatches),
  toRepoInfo: () => (/* binding */ toRepoInfo),
  toVisibility: () => (/* binding */ toVisibility),
  withoutUserInfo: () => (/* binding */ withoutUserInfo)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 14 modules
var utils = __webpack_require__(846);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/@octokit/auth-app/dist-node/index.js + 9 modules
var dist_node = __webpack_require__(6479);
// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
;// CONCATENATED MODULE: ./src/hosts/github-app-auth.ts


/** Refresh an installation token this long before it expires (GitHub's last one hour). */
const REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * Whether a token made at `createdAt` and valid until `expiresAt` must be replaced now: within the margin of its expiry
 * (at most half its lifetime, for short-lived tokens), so that no git command or request starts with a token about to
 * expire.
 */
function refreshDue(createdAt, expiresAt, now = Date.now()) {
    const expires = Date.parse(expiresAt);
    if (!Number.isFinite(expires))
        return true;
    const created = Date.parse(createdAt);
    const lifetime = Number.isFinite(created) ? Math.max(0, expires - created) : 0;
    return expires - now <= Math.min(REFRESH_MARGIN_MS, lifetime / 2);
}
/**
 * @octokit/auth-app's token cache, keyed as the library keys it, whose entries go stale when `refreshDue` says so
 * (the library's own cache keeps a token 59 minutes, whatever its `expires_at`). Each value is
 * `token|createdAt|expiresAt|…` (the library's format).
 */
class ExpiringTokenCache {
    onNewToken;
    entries = new Map();
    /** `onNewToken` sees every token the library makes, whichever path made it (to mask it at once). */
    constructor(onNewToken = () => undefined) {
        this.onNewToken = onNewToken;
    }
    /** The entry, or '' for none (the library takes any falsy value as a miss). */
    get(key) {
        const value = this.entries.get(key);
        if (value === undefined)
            return '';
        const [, createdAt = '', expiresAt = ''] = value.split('|');
        if (!refreshDue(createdAt, expiresAt))
            return value;
        this.entries.delete(key);
        return '';
    }
    set(key, value) {
        const [token] = value.split('|');
        if (token)
            this.onNewToken(token);
        this.entries.set(key, value);
    }
}
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/**
 * The installation tokens of one GitHub App on one owner, all made by @octokit/auth-app and kept in one
 * `ExpiringTokenCache`, so that a token is replaced once its renewal is due. `appOctokit` is an Octokit with auth-app
 * as its auth strategy, for the App's own requests (JWT: installation lookup, token creation). `hook` authenticates
 * the API client's requests (the library's request hook, with its retry of a 401 right after a token was made);
 * `token()` gives git a token valid for a while yet.
 */
class GitHubAppTokens {
    app;
    owner;
    role;
    appOctokit;
    cache;
    installationId;
    installationHook;
    constructor(app, owner, role, appOctokit, cache) {
        this.app = app;
        this.owner = owner;
        this.role = role;
        this.appOctokit = appOctokit;
        this.cache = cache;
    }
    async token() {
        const installationId = await this.installation();
        try {
            const { token } = (await this.appOctokit.auth({ type: 'installation', installationId }));
            return token;
        }
        catch (error) {
            throw this.failure(`creating an installation token (installation ${installationId})`, error);
        }
    }
    /** For `octokit.hook.wrap('request', …)`: the request sent with a current installation token. */
    async hook(...args) {
        this.installationHook ??= this.installation().then((installationId) => (0,dist_node/* createAppAuth */.K)({
            appId: this.app.appId,
            privateKey: this.app.privateKey,
            installationId,
            cache: this.cache,
            request: this.appOctokit.request,
        }).hook);
        const hook = await this.installationHook;
        return hook(...args);
    }
    /** The installation id given, or the App's installation on the owner (an organization, else a user). */
    installation() {
        this.installationId ??= this.app.installationId
            ? Promise.resolve(this.app.installationId)
            : this.lookUpInstallation();
        return this.installationId;
    }
    async lookUpInstallation() {
        try {
            const { data } = await this.appOctokit.request('GET /orgs/{org}/installation', { org: this.owner });
            return data.id;
        }
        catch (error) {
            if (statusOf(error) !== 404)
                throw this.failure(`looking up its installation on ${this.owner}`, error);
        }
        try {
            const { data } = await this.appOctokit.request('GET /users/{username}/installation', { username: this.owner });
            return data.id;
        }
        catch (error) {
            if (statusOf(error) === 404) {
                throw new host/* HostError */.dh(`github ${this.role}: GitHub App ${this.app.appId} is not installed on ${this.owner}: install it there, or set ${this.role}-app-installation-id`, 404);
            }
            throw this.failure(`looking up its installation on ${this.owner}`, error);
        }
    }
    /** A short message: status only (401: the id or the key is wrong), never a response body or a token. */
    failure(what, error) {
        const status = statusOf(error);
        const hint = status === 401 ? ' (wrong App id or private key, or a clock far off?)' : '';
        const reason = status ? `HTTP ${status}${hint}` : error instanceof Error ? error.message.slice(0, 200) : 'failed';
        return new host/* HostError */.dh(`github ${this.role}: GitHub App ${this.app.appId}: ${what} failed: ${reason}`, status);
    }
}

// EXTERNAL MODULE: ./src/hosts/proxy.ts
var proxy = __webpack_require__(3019);
// EXTERNAL MODULE: ./src/hosts/wiki-url.ts
var wiki_url = __webpack_require__(5999);
;// CONCATENATED MODULE: ./src/hosts/github.ts









/** Name of the rulesets org-mirror owns on each target repository: one per ref kind (a ruleset has one target). */
const RULESET_NAMES = { branch: 'org-mirror', tag: 'org-mirror tags' };
/** What makes a ref read-only: nobody may create, move, force-move or delete it, except the bypass actors. */
const PROTECTING_RULES = ['creation', 'update', 'deletion', 'non_fast_forward'];
/** Longest wait for a rate limit before giving up (bounded waits, SPEC "Security and safety"). */
const MAX_RATE_LIMIT_WAIT_SECONDS = 300;
const MAX_RATE_LIMIT_RETRIES = 3;
/** The network error code of a failed fetch (`ECONNRESET`, `UND_ERR_SOCKET`, `ETIMEDOUT` for our own time limit). */
function networkCode(error) {
    if (error.response || !error.cause)
        return undefined;
    const cause = error.cause;
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError')
        return 'ETIMEDOUT';
    return cause.cause?.code ?? cause.code ?? 'UND_ERR_SOCKET';
}
/** A rate limit the throttling plugin owns (it waits for x-ratelimit-reset / secondary Retry-After itself). */
function throttled(error) {
    if (error.status !== 403 && error.status !== 429)
        return false;
    return error.response?.headers?.['x-ratelimit-remaining'] === '0' || /\bsecondary rate\b/i.test(error.message);
}
function github_statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
function toVisibility(repo) {
    if (repo.visibility === 'public' || repo.visibility === 'internal' || repo.visibility === 'private') {
        return repo.visibility;
    }
    return repo.private ? 'private' : 'public';
}
/** Remove any userinfo a clone URL might carry: credentials never travel in URLs. */
function withoutUserInfo(url) {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
}
function toRepoInfo(repo) {
    if ((typeof repo.id !== 'number' && typeof repo.id !== 'bigint') ||
        typeof repo.name !== 'string' ||
        !repo.clone_url ||
        !repo.html_url) {
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
        wikiCloneUrl: (0,wiki_url/* wikiCloneUrlOf */.K)(cloneUrl),
    };
}
class GitHubHost {
    role;
    runtime;
    type = 'github';
    owner;
    protectionStrategy = 'exempt';
    visibilities = ['private', 'public'];
    octokit;
    token;
    /** Set when the mirror authenticates as a GitHub App installation: its tokens, made and refreshed on demand. */
    appTokens;
    appId;
    ownerKind;
    identity;
    constructor(endpoint, role, runtime, options = {}) {
        this.role = role;
        this.runtime = runtime;
        this.owner = endpoint.owner;
        this.token = endpoint.token || undefined;
        (0,proxy/* useProxyFromEnvironment */.FS)();
        this.retryOptions = options;
        const octokitOptions = {
            baseUrl: endpoint.apiUrl,
            // Proxy-aware fetch (proxy.ts) for GHES and github.com alike: @actions/github's default fetch picks its proxy
            // for GITHUB_API_URL, not for this host.
            request: { fetch: proxy/* proxyFetch */.Z6 },
            throttle: {
                retryAfterBaseValue: (options.retryAfterBaseValue ?? 1000) * (0,http_client/* retryScale */.H5)(),
                // Primary and secondary rate limits: wait as GitHub says (Retry-After / x-ratelimit-reset), a few times, but
                // never longer than MAX_RATE_LIMIT_WAIT_SECONDS. https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
                onRateLimit: (retryAfter, request, _octokit, retryCount) => this.shouldWait('rate limit', retryAfter, retryCount, `${request.method} ${request.url}`),
                onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => this.shouldWait('secondary rate limit', retryAfter, retryCount, `${request.method} ${request.url}`),
            },
        };
        if (endpoint.app) {
            const { appId, privateKey } = endpoint.app;
            this.appId = appId;
            // Every token made, for the API or for git, is masked at once.
            const cache = new ExpiringTokenCache((token) => this.runtime?.setSecret(token));
            // The App's own client: @octokit/auth-app signs its JWT and makes installation tokens, through the same fetch,
            // retries and time limits as every other request.
            const appOctokit = new (utils/* GitHub */.gq.plugin(dist_bundle/* throttling */.A))({
                ...octokitOptions,
                authStrategy: dist_node/* createAppAuth */.K,
                auth: { appId, privateKey, cache },
            });
            this.withRetryHook(appOctokit);
            const tokens = new GitHubAppTokens(endpoint.app, this.owner, role, appOctokit, cache);
            this.appTokens = tokens;
            // auth-app's request hook as this client's auth strategy (so it sits where Octokit puts auth, under the
            // plugins): each API request gets the cached token, or a new one when its renewal is due.
            const authStrategy = () => Object.assign(async () => ({ type: 'app-installation' }), {
                hook: (...args) => tokens.hook(...args),
            });
            this.octokit = new (utils/* GitHub */.gq.plugin(dist_bundle/* throttling */.A))({ ...octokitOptions, authStrategy });
        }
        else {
            // Anonymous access (public source) is allowed; getOctokit insists on a token, its underlying class does not.
            this.octokit = this.token
                ? (0,github/* getOctokit */.Q)(this.token, octokitOptions, dist_bundle/* throttling */.A)
                : new (utils/* GitHub */.gq.plugin(dist_bundle/* throttling */.A))(octokitOptions);
        }
        this.withRetryHook(this.octokit);
    }
    /**
     * Registered last, so it wraps everything else (throttling, auth): one time limit per attempt, transient failures
     * retried (bounded), and answers that are not JSON refused.
     */
    withRetryHook(octokit) {
        octokit.hook.wrap('request', (request, requestOptions) => this.withRetries(request, requestOptions));
    }
    retryOptions;
    /**
     * 429 (not flagged as a rate limit: the throttling plugin waits those out), 502/503/504, connection resets and
     * time-outs are retried with exponential backoff and jitter, or as long as `Retry-After` says; every wait and their
     * sum are bounded. POST/PATCH are repeated only when the server surely did nothing (429, connection refused).
     */
    async withRetries(request, options) {
        const o = this.retryOptions;
        const maxRetries = o.maxRetries ?? 4;
        const maxWait = o.maxRetryWaitMs ?? 60_000;
        const maxTotal = o.maxTotalRetryWaitMs ?? 120_000;
        const timeoutMs = o.timeoutMs ?? (0,http_client/* requestTimeoutMs */.Hl)();
        const unit = (o.retryAfterBaseValue ?? 1000) / 1000;
        const writes = options.method === 'POST' || options.method === 'PATCH';
        let waited = 0;
        for (let retry = 1;; retry++) {
            let answer;
            try {
                // before-after-hook binds the same options object to every layer (throttling, auth) and ignores what an outer
                // hook passes on: the per-attempt signal has to go into that object (a fresh `request` object, so that
                // defaults shared between calls are not touched).
                options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
                answer = await request(options);
            }
            catch (caught) {
                const error = caught;
                const code = networkCode(error);
                if (code === 'ETIMEDOUT')
                    error.orgMirrorRetry = `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`;
                else if (code)
                    error.orgMirrorRetry = (0,http_client/* describeConnectionFailure */.yL)(code);
                const retryable = code
                    ? (code === 'ETIMEDOUT' || http_client/* RETRY_ERROR_CODES */.FE.includes(code)) &&
                        (!writes || http_client/* SAFE_FOR_NON_IDEMPOTENT_CODES */.Fz.includes(code))
                    : error.status !== undefined &&
                        [429, 502, 503, 504].includes(error.status) &&
                        !throttled(error) &&
                        (!writes || error.status === 429);
                if (!retryable)
                    throw error;
                const asked = code ? undefined : (0,http_client/* requestedWaitMs */.fo)(error.response?.headers ?? {});
                const wait = Math.min(asked ?? (0,http_client/* backoffMs */.jo)(o.minRetryWaitMs ?? 1000, retry), maxWait);
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
                this.runtime?.debug(`github ${this.role}: ${options.method} ${(0,http_client/* safeUrl */.Pl)(options.url)}: retrying in ${wait} ms (${error.status ?? code})`);
                await (0,http_client/* sleepScaled */.yX)(wait * unit);
                continue;
            }
            return this.expectJson(answer, options.method);
        }
    }
    /** Octokit hands a body it could not parse as JSON over as text: refuse it with a clear, content-free message. */
    expectJson(answer, method) {
        if (answer.status === 204 || answer.status === 205)
            return answer;
        const data = answer.data;
        if (typeof data === 'object' && data !== null && !(data instanceof ArrayBuffer))
            return answer;
        const type = (answer.headers['content-type'] ?? '').split(';')[0].trim() || 'no content type';
        const what = /json/i.test(type)
            ? 'invalid or truncated JSON'
            : /html/i.test(type)
                ? `${type} instead of JSON (an HTML error or login page from a proxy?)`
                : `${type} instead of JSON`;
        throw new host/* HostError */.dh(`github ${this.role}: ${method} ${(0,http_client/* safeUrl */.Pl)(answer.url)} answered ${what}`, answer.status);
    }
    /** Asked before each git command: an App installation token is refreshed here when it is close to expiring. */
    async gitAuthHeader() {
        // As actions/checkout does: https://github.com/actions/checkout/blob/main/src/git-auth-helper.ts
        const token = this.appTokens ? await this.appTokens.token() : this.token;
        if (!token)
            return undefined;
        return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    }
    shouldWait(kind, retryAfter, retryCount, what) {
        if (retryCount >= MAX_RATE_LIMIT_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
            this.runtime?.warning(`github ${this.role}: ${kind} on ${what}; not waiting ${retryAfter} s again.`);
            return false;
        }
        this.runtime?.info(`github ${this.role}: ${kind} on ${what}; retrying in ${retryAfter} s.`);
        return true;
    }
    /** A short, token-free error: host, role, operation, repository and status; never the response body. */
    fail(operation, repo, error, listing = false) {
        if (error instanceof host/* ListingError */.Pg || (error instanceof host/* HostError */.dh && !listing))
            return error;
        const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
        if (error instanceof host/* HostError */.dh) {
            // A malformed answer found by the retry hook: keep its description, as a listing failure.
            return new host/* ListingError */.Pg(`${error.message} (${operation}${where})`, error.status);
        }
        const note = error?.orgMirrorRetry;
        const network = error instanceof Error && networkCode(error) !== undefined;
        const status = network ? undefined : github_statusOf(error);
        let reason = status ? `HTTP ${status}` : this.redact(error instanceof Error ? error.message : String(error));
        if (network)
            reason = note ?? 'connection failed';
        else if (note)
            reason += ` (${note})`;
        const message = `github ${this.role}: ${operation}${where} failed: ${reason}`;
        return listing ? new host/* ListingError */.Pg(message, status) : new host/* HostError */.dh(message, status);
    }
    redact(text) {
        let short = text.slice(0, 200);
        if (!this.token)
            return short;
        const basic = Buffer.from(`x-access-token:${this.token}`).toString('base64');
        for (const secret of [basic, this.token])
            short = short.split(secret).join('***');
        return short;
    }
    kind() {
        this.ownerKind ??= this.octokit
            .request('GET /users/{username}', { username: this.owner })
            .then(({ data }) => (data.type === 'Organization' ? 'Organization' : 'User'));
        return this.ownerKind;
    }
    /** Who the token belongs to; undefined for GitHub App installation tokens and anonymous access. */
    whoAmI() {
        // An App installation has no user (GET /user answers 403): nothing to ask.
        this.identity ??=
            this.token && !this.appTokens
                ? this.octokit.request('GET /user').then(({ data }) => ({ login: data.login, id: Number(data.id) }), (error) => {
                    // 403 "Resource not accessible by integration": an installation token has no user.
                    if (github_statusOf(error) === 401 || github_statusOf(error) === 403)
                        return undefined;
                    throw error;
                })
                : Promise.resolve(undefined);
        return this.identity;
    }
    async ownerIsTokenUser() {
        const me = await this.whoAmI();
        return me !== undefined && me.login.toLowerCase() === this.owner.toLowerCase();
    }
    /**
     * `octokit.paginate` follows `Link: rel="next"` until there is none; a server whose next link points back to a page
     * already read would keep it going forever, so a repeated page URL stops the listing as untrustworthy.
     */
    async paginateOnce(pages) {
        const seenPages = new Set();
        const items = [];
        for await (const page of pages) {
            if (seenPages.has(page.url)) {
                throw new host/* ListingError */.Pg(`github ${this.role}: listing repositories of ${this.owner} looped at ${page.url}`);
            }
            seenPages.add(page.url);
            items.push(...page.data);
        }
        return items;
    }
    async listRepos() {
        let repos;
        const iterator = this.octokit.paginate.iterator;
        try {
            if ((await this.kind()) === 'Organization') {
                repos = await this.paginateOnce(iterator('GET /orgs/{org}/repos', { org: this.owner, type: 'all', per_page: 100 }));
            }
            else if (this.appTokens) {
                // An installation has no user: its own listing is the one that shows the account's private repositories.
                const accessible = await this.paginateOnce(iterator('GET /installation/repositories', { per_page: 100 }));
                repos = accessible.filter((repo) => repo.owner?.login.toLowerCase() === this.owner.toLowerCase());
            }
            else if (await this.ownerIsTokenUser()) {
                // Only the authenticated listing shows the user's private repositories.
                repos = await this.paginateOnce(iterator('GET /user/repos', { affiliation: 'owner', per_page: 100 }));
            }
            else {
                repos = await this.paginateOnce(iterator('GET /users/{username}/repos', { username: this.owner, type: 'owner', per_page: 100 }));
            }
        }
        catch (error) {
            throw this.fail('listing repositories of', undefined, error, true);
        }
        const seen = new Set();
        const result = [];
        for (const repo of repos) {
            let info;
            try {
                info = toRepoInfo(repo);
            }
            catch (error) {
                throw this.fail('listing repositories of', undefined, error, true);
            }
            // A repeated id means the pages overlapped or looped: the listing cannot be trusted.
            if (seen.has(info.id)) {
                throw new host/* ListingError */.Pg(`github ${this.role}: listing repositories of ${this.owner} returned ${info.name} twice`);
            }
            seen.add(info.id);
            result.push(info);
        }
        return result;
    }
    async getRepo(path) {
        try {
            const { data } = await this.octokit.request('GET /repos/{owner}/{repo}', { owner: this.owner, repo: path });
            // GitHub follows renames (301): a repository answering under another name is not the one asked for.
            if (data.name.toLowerCase() !== path.toLowerCase() ||
                data.owner.login.toLowerCase() !== this.owner.toLowerCase()) {
                return undefined;
            }
            return toRepoInfo(data);
        }
        catch (error) {
            if (github_statusOf(error) === 404)
                return undefined;
            throw this.fail('reading', path, error);
        }
    }
    async createRepo(request) {
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
                    this.runtime?.warning(`github ${this.role}: ${request.name}: creating as private (internal is not available).`);
                }
                const { data } = await this.octokit.request('POST /orgs/{org}/repos', {
                    org: this.owner,
                    ...common,
                    visibility: request.visibility === 'public' ? 'public' : 'private',
                });
                return toRepoInfo(data);
            }
            if (!(await this.ownerIsTokenUser())) {
                throw new host/* HostError */.dh(`github ${this.role}: cannot create ${this.owner}/${request.name}: the token does not belong to user ${this.owner}`);
            }
            // A personal account has no `internal`: anything not public is private.
            const { data } = await this.octokit.request('POST /user/repos', {
                ...common,
                private: request.visibility !== 'public',
            });
            return toRepoInfo(data);
        }
        catch (error) {
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
    async bypassActors() {
        if (this.appId !== undefined)
            return [{ actor_type: 'Integration', actor_id: this.appId, bypass_mode: 'always' }];
        const me = await this.whoAmI();
        if (me)
            return [{ actor_type: 'User', actor_id: me.id, bypass_mode: 'always' }];
        return [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'always' }];
    }
    desiredRuleset(target, bypassActors) {
        return {
            name: RULESET_NAMES[target],
            target,
            enforcement: 'active',
            bypass_actors: bypassActors,
            conditions: { ref_name: { include: ['~ALL'], exclude: [] } },
            rules: PROTECTING_RULES.map((type) => ({ type })),
        };
    }
    async ownRulesets(repo) {
        const all = await this.octokit.paginate('GET /repos/{owner}/{repo}/rulesets', {
            owner: this.owner,
            repo: repo.path,
            includes_parents: false,
            per_page: 100,
        });
        const own = new Map();
        for (const target of ['branch', 'tag']) {
            const summary = all.find((r) => r.name === RULESET_NAMES[target]);
            if (!summary)
                continue;
            // The list answers summaries; rules, conditions and bypass actors come with the ruleset itself.
            const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
                owner: this.owner,
                repo: repo.path,
                ruleset_id: summary.id,
            });
            own.set(target, data);
        }
        return own;
    }
    async protect(repo, options = {}) {
        try {
            const bypassActors = await this.bypassActors();
            // A fresh repository has no rulesets yet: nothing to read first.
            const existing = options.fresh ? new Map() : await this.ownRulesets(repo);
            let wrote = false;
            for (const target of ['branch', 'tag']) {
                const desired = this.desiredRuleset(target, bypassActors);
                const current = existing.get(target);
                if (current && rulesetMatches(current, desired))
                    continue;
                if (current) {
                    await this.octokit.request('PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
                        owner: this.owner,
                        repo: repo.path,
                        ruleset_id: current.id,
                        ...desired,
                    });
                }
                else {
                    await this.octokit.request('POST /repos/{owner}/{repo}/rulesets', {
                        owner: this.owner,
                        repo: repo.path,
                        ...desired,
                    });
                }
                wrote = true;
            }
            return wrote;
        }
        catch (error) {
            throw this.fail('protecting', repo.path, error);
        }
    }
    async unprotect(repo) {
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
        }
        catch (error) {
            throw this.fail('unprotecting', repo.path, error);
        }
    }
    /** `archived: true` on PATCH /repos/{owner}/{repo}; an archived repository is read-only and refuses pushes. */
    async archive(repo) {
        return this.setArchived(repo, true);
    }
    /** `archived: false` unarchives, as the endpoint documents; rulesets and pushes work again afterwards. */
    async unarchive(repo) {
        return this.setArchived(repo, false);
    }
    async setArchived(repo, archived) {
        if (repo.archived === archived)
            return false;
        try {
            await this.octokit.request('PATCH /repos/{owner}/{repo}', { owner: this.owner, repo: repo.path, archived });
            repo.archived = archived;
            return true;
        }
        catch (error) {
            throw this.fail(archived ? 'archiving' : 'unarchiving', repo.path, error);
        }
    }
    async setDefaultBranch(repo, branch) {
        try {
            const current = repo.defaultBranch ?? (await this.getRepo(repo.path))?.defaultBranch;
            if (current === branch)
                return false;
            await this.octokit.request('PATCH /repos/{owner}/{repo}', {
                owner: this.owner,
                repo: repo.path,
                default_branch: branch,
            });
            return true;
        }
        catch (error) {
            throw this.fail('setting the default branch of', repo.path, error);
        }
    }
    /** `private` works for organizations and personal accounts alike (`visibility` is organization-only). */
    async setVisibility(repo, visibility) {
        const wanted = visibility === 'public' ? 'public' : 'private';
        if (repo.visibility === wanted)
            return false;
        try {
            await this.octokit.request('PATCH /repos/{owner}/{repo}', {
                owner: this.owner,
                repo: repo.path,
                private: wanted === 'private',
            });
            repo.visibility = wanted;
            return true;
        }
        catch (error) {
            throw this.fail('setting the visibility of', repo.path, error);
        }
    }
    async supportsNamespaceHook() {
        try {
            if ((await this.kind()) !== 'Organization')
                return false;
            await this.octokit.request('GET /orgs/{org}/hooks', { org: this.owner, per_page: 1 });
            return true;
        }
        catch (error) {
            const status = github_statusOf(error);
            if (status === 403 || status === 404)
                return false;
            throw this.fail('reading the hooks of', undefined, error);
        }
    }
    async installHook(repo, hook) {
        const config = { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' };
        const body = { config, events: ['push'], active: true };
        try {
            const hooks = repo
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
                }
                else {
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
            }
            else {
                await this.octokit.request('PATCH /orgs/{org}/hooks/{hook_id}', {
                    org: this.owner,
                    hook_id: existing.id,
                    ...body,
                });
            }
            return 'updated';
        }
        catch (error) {
            throw this.fail('installing the push hook on', repo?.path, error);
        }
    }
}
function sameSet(a, b) {
    return a.length === b.length && a.every((x) => b.includes(x));
}
/** Whether an existing ruleset already enforces what `desired` describes (extra bypass actors do not count as equal). */
function rulesetMatches(current, desired) {
    const include = current.conditions?.ref_name?.include ?? [];
    const exclude = current.conditions?.ref_name?.exclude ?? [];
    const rules = (current.rules ?? []).map((r) => r.type);
    const actors = (current.bypass_actors ?? []).map((a) => `${a.actor_type}:${a.actor_id ?? ''}:${a.bypass_mode ?? 'always'}`);
    const wanted = desired.bypass_actors.map((a) => `${a.actor_type}:${a.actor_id ?? ''}:${a.bypass_mode ?? 'always'}`);
    return (current.target === desired.target &&
        current.enforcement === desired.enforcement &&
        sameSet(include, desired.conditions.ref_name.include) &&
        exclude.length === 0 &&
        PROTECTING_RULES.every((type) => rules.includes(type)) &&
        sameSet(actors, wanted));
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

/***/ 3019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FS: () => (/* binding */ useProxyFromEnvironment),
/* harmony export */   Z6: () => (/* binding */ proxyFetch)
/* harmony export */ });
/* unused harmony export proxyConfigured */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);

/**
 * The one place that makes API calls honour `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (upper or lower case).
 *
 * Octokit and gitbeaker both call `fetch`. When the environment names a proxy, an undici `EnvHttpProxyAgent` becomes
 * the global dispatcher (so any plain `fetch` in the process uses it), and `proxyFetch` hands the same agent to each
 * call explicitly, which also holds where the global is not shared (bundlers, test sandboxes). Hosts listed in
 * `NO_PROXY` are reached directly. Keep-alive is undici's default. Git honours the same variables itself (libcurl).
 */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
let installed;
/** True when the environment names a proxy for API calls. */
function proxyConfigured(env = process.env) {
    return PROXY_VARIABLES.some((name) => Boolean(env[name]?.trim()));
}
function proxyKey(env) {
    return [...PROXY_VARIABLES, 'NO_PROXY', 'no_proxy'].map((name) => env[name] ?? '').join('\n');
}
/**
 * The proxy-aware dispatcher for API calls, or undefined when no proxy is configured (undici's default agent then
 * does the right thing and other code keeps its own dispatcher). Installed as the global dispatcher too.
 */
function useProxyFromEnvironment(env = process.env) {
    if (!proxyConfigured(env))
        return undefined;
    const key = proxyKey(env);
    if (installed?.key !== key) {
        installed = { key, agent: new undici__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2() };
        (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .setGlobalDispatcher */ .bj)(installed.agent);
    }
    return installed.agent;
}
/** `fetch` that goes through the proxy the environment names (read when called). */
const proxyFetch = (input, init) => {
    const dispatcher = useProxyFromEnvironment();
    if (!dispatcher)
        return fetch(input, init);
    // Node's fetch is undici: it takes the `dispatcher` extension (typed by the undici copy bundled with Node).
    return fetch(input, { ...init, dispatcher });
};


/***/ }),

/***/ 5999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ wikiCloneUrlOf)
/* harmony export */ });
/**
 * The git URL of a repository's wiki. GitHub and GitLab give no wiki URL in their APIs and document the wiki's git
 * repository as the clone URL with `.git` replaced by `.wiki.git`:
 * https://docs.github.com/en/communities/documenting-your-project-with-wikis/adding-or-editing-wiki-pages#cloning-wikis-to-your-computer
 * https://docs.gitlab.com/user/project/wiki/#create-or-edit-wiki-pages-locally
 */
function wikiCloneUrlOf(cloneUrl) {
    const url = new URL(cloneUrl);
    if (!url.pathname.endsWith('.git'))
        return undefined;
    url.pathname = `${url.pathname.slice(0, -'.git'.length)}.wiki.git`;
    return url.toString();
}


/***/ })

};
