export const id = 810;
export const ids = [810];
export const modules = {

/***/ 1810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitHubHost: () => (/* reexport */ GitHubHost)
});

// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 7 modules
var dist_src = __webpack_require__(3070);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var dist_bundle = __webpack_require__(3779);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js + 3 modules
var plugin_rest_endpoint_methods_dist_src = __webpack_require__(3972);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/@octokit/auth-app/dist-node/index.js + 9 modules
var dist_node = __webpack_require__(6479);
// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
// EXTERNAL MODULE: ./src/hosts/retry-policy.ts
var retry_policy = __webpack_require__(9692);
;// CONCATENATED MODULE: ./src/hosts/github/app-auth.ts


/**
 * Whether a token made at `createdAt` and valid until `expiresAt` must be replaced now: once less than half its
 * lifetime remains (30 minutes of GitHub's one hour, 1.5 s of a 3-second test token). Every git command and request
 * therefore starts with at least half a lifetime ahead of it, however long the tokens live, instead of a fixed margin
 * that a long transfer (the first clone of a large repository) outlasts; a transfer refused all the same is retried
 * once with a new token.
 */
function refreshDue(createdAt, expiresAt, now = Date.now()) {
    const expires = Date.parse(expiresAt);
    if (!Number.isFinite(expires))
        return true;
    const created = Date.parse(createdAt);
    const lifetime = Number.isFinite(created) ? Math.max(0, expires - created) : 0;
    return expires - now <= lifetime / 2;
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
    /** Forget every token: the next request or git command gets a new one (a token was refused before its expiry). */
    clear() {
        this.entries.clear();
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
    /** The next `token()` or request makes a new installation token (the current one was refused). */
    renew() {
        this.cache.clear();
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
                throw new host/* HostError */.dh(`github ${this.role}: GitHub App ${this.app.appId} is not installed on ${this.owner}: install it there, or set ${this.role}-app-installation-id`, { status: 404, kind: 'not-found' });
            }
            throw this.failure(`looking up its installation on ${this.owner}`, error);
        }
    }
    /** A short message: status only (401: the id or the key is wrong), never a response body or a token. */
    failure(what, error) {
        const status = statusOf(error);
        const hint = status === 401 ? ' (wrong App id or private key, or a clock far off?)' : '';
        const reason = status ? `HTTP ${status}${hint}` : error instanceof Error ? error.message.slice(0, 200) : 'failed';
        const kind = error instanceof host/* HostError */.dh ? error.kind : undefined;
        return new host/* HostError */.dh(`github ${this.role}: GitHub App ${this.app.appId}: ${what} failed: ${reason}`, {
            status,
            kind,
        });
    }
}

// EXTERNAL MODULE: ./src/hosts/proxy.ts
var proxy = __webpack_require__(3019);
;// CONCATENATED MODULE: ./src/hosts/github/client.ts
/**
 * The GitHub API client of one side: Octokit with the REST methods, pagination and the throttling plugin (only pacing
 * writes as GitHub asks), proxies from the environment, one time limit per attempt, the one retry policy
 * (retry-policy.ts) on every request, a refused App installation token replaced once, and typed, token-free errors.
 */










/**
 * The class `getOctokit` of @actions/github builds (its `GitHub` class with the throttling plugin), made directly:
 * @actions/github also loads @actions/http-client with a second undici and makes proxy agents for GITHUB_API_URL,
 * which this client replaces anyway (`request.fetch`): more CPU at each start than Octokit itself.
 */
const GitHubOctokit = dist_src/* Octokit */.E.plugin(plugin_rest_endpoint_methods_dist_src/* restEndpointMethods */._, dist_bundle/* paginateRest */.ud, plugin_throttling_dist_bundle/* throttling */.A);
/**
 * The user agent `getOctokit` sets on a runner that names its orchestration (GitHub attributes the API calls to the
 * workflow run): `actions_orchestration_id/<id>`, which Octokit puts before its own; none elsewhere.
 */
function runnerUserAgent() {
    const id = process.env['ACTIONS_ORCHESTRATION_ID']?.trim();
    return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined;
}
/** The short reason of each error the client made (`HTTP 502 (gave up after 5 tries)`), for the adapter's message. */
const reasons = new WeakMap();
/** The network error code of a failed fetch (`ECONNRESET`, `UND_ERR_SOCKET`); undefined for an HTTP answer. */
function networkCode(error) {
    if (error.response || !error.cause)
        return undefined;
    const cause = error.cause;
    return cause.cause?.code ?? cause.code ?? 'UND_ERR_SOCKET';
}
function client_statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/**
 * Everything the GitHub adapter's parts share: the Octokit client, who the mirror is on this side, and how a failure
 * becomes a HostError.
 */
class GitHubClient {
    role;
    runtime;
    owner;
    octokit;
    token;
    /** Set when the mirror authenticates as a GitHub App installation: its tokens, made and refreshed on demand. */
    appTokens;
    appId;
    limits;
    timeoutMs;
    ownerKind;
    identity;
    constructor(endpoint, role, runtime, options = {}) {
        this.role = role;
        this.runtime = runtime;
        this.owner = endpoint.owner;
        this.token = endpoint.token || undefined;
        this.limits = (0,retry_policy/* retryLimits */.Z4)(options.retry);
        this.timeoutMs = options.timeoutMs;
        (0,proxy/* useProxyFromEnvironment */.FS)();
        const octokitOptions = {
            baseUrl: endpoint.apiUrl,
            // Proxy-aware fetch (proxy.ts) for GHES and github.com alike.
            request: { fetch: proxy/* proxyFetch */.Z6 },
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
                authStrategy: dist_node/* createAppAuth */.K,
                auth: { appId, privateKey, cache },
            });
            this.withRetryHook(appOctokit, false);
            const tokens = new GitHubAppTokens(endpoint.app, this.owner, role, appOctokit, cache);
            this.appTokens = tokens;
            // auth-app's request hook as this client's auth strategy (so it sits where Octokit puts auth, under the
            // plugins): each API request gets the cached token, or a new one when its renewal is due.
            const authStrategy = () => Object.assign(async () => ({ type: 'app-installation' }), {
                hook: (...args) => tokens.hook(...args),
            });
            this.octokit = new GitHubOctokit({ ...octokitOptions, authStrategy });
        }
        else {
            // A token as `getOctokit` passes it (`token <t>`, the header Octokit's token auth sends); anonymous access (a
            // public source) without one.
            const userAgent = runnerUserAgent();
            this.octokit = new GitHubOctokit(this.token
                ? { ...octokitOptions, auth: `token ${this.token}`, ...(userAgent ? { userAgent } : {}) }
                : octokitOptions);
        }
        this.withRetryHook(this.octokit, this.appTokens !== undefined);
    }
    /**
     * Registered last, so it wraps everything else (throttling, auth): one time limit per attempt, the retry policy,
     * and answers that are not JSON refused.
     */
    withRetryHook(octokit, installationTokens) {
        octokit.hook.wrap('request', (request, requestOptions) => this.withRetries(request, requestOptions, installationTokens));
    }
    /**
     * The retry policy around one request. Under App authentication a 401 is answered once more with a new
     * installation token (the cached one was revoked, or expired early on a clock that runs ahead).
     */
    async withRetries(request, options, installationTokens) {
        const timeoutMs = this.timeoutMs ?? (0,http_client/* requestTimeoutMs */.Hl)();
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
            }
            catch (caught) {
                if (caught instanceof host/* HostError */.dh)
                    throw caught;
                const error = caught;
                if (installationTokens && !renewedToken && error.status === 401 && !networkCode(error)) {
                    renewedToken = true;
                    this.appTokens?.renew();
                    continue;
                }
                const attempt = failedAttempt(error, signal.aborted);
                const verdict = (0,retry_policy/* retryVerdict */.yD)(options.method, attempt, state, this.limits);
                if (!verdict.retry)
                    throw this.typed(error, attempt, options, verdict.note, timeoutMs);
                state.retries += 1;
                state.waitedMs += verdict.waitMs;
                this.runtime?.debug(`github ${this.role}: ${options.method} ${(0,http_client/* safeUrl */.Pl)(options.url)}: retrying in ${verdict.waitMs} ms (${error.status ?? networkCode(error)})`);
                await (0,retry_policy/* sleepScaled */.yX)(verdict.waitMs);
            }
        }
    }
    /** The failure as a HostError typed where the answer arrived: status or network failure, never the response body. */
    typed(error, attempt, options, note, timeoutMs) {
        let reason;
        if ('status' in attempt)
            reason = `HTTP ${attempt.status}`;
        else if ('timedOut' in attempt)
            reason = `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`;
        else
            reason = (0,http_client/* describeConnectionFailure */.yL)(attempt.code);
        if (note)
            reason += ` (${note})`;
        const typed = new host/* HostError */.dh(`github ${this.role}: ${options.method} ${(0,http_client/* safeUrl */.Pl)(options.url)} failed: ${reason}`, {
            kind: (0,retry_policy/* kindOfAttempt */.BD)(attempt),
            status: 'status' in attempt ? attempt.status : undefined,
            outcomeUnknown: (0,retry_policy/* outcomeUnknown */.Hu)(options.method, attempt),
        });
        reasons.set(typed, reason);
        return typed;
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
        throw new host/* HostError */.dh(`github ${this.role}: ${method} ${(0,http_client/* safeUrl */.Pl)(answer.url)} answered ${what}`, {
            status: answer.status,
            kind: 'unexpected',
        });
    }
    /** A short, token-free error naming host, role, operation and repository; kind and status kept. */
    fail(operation, repo, error, listing = false) {
        if (error instanceof host/* ListingError */.Pg)
            return error;
        const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
        const reason = error instanceof host/* HostError */.dh ? reasons.get(error) : undefined;
        if (error instanceof host/* HostError */.dh && reason !== undefined) {
            const message = `github ${this.role}: ${operation}${where} failed: ${reason}`;
            return listing ? host/* ListingError */.Pg.from(message, error) : host/* HostError */.dh.wrap(message, error);
        }
        if (error instanceof host/* HostError */.dh) {
            // The adapter's own refusal, or a malformed answer found by the retry hook: kept, as a listing failure there.
            return listing ? host/* ListingError */.Pg.from(`${error.message} (${operation}${where})`, error) : error;
        }
        // Anything else is an answer the adapter did not understand (a malformed entry) or a bug.
        const message = `github ${this.role}: ${operation}${where} failed: ${this.redact(error instanceof Error ? error.message : String(error))}`;
        return listing ? new host/* ListingError */.Pg(message) : new host/* HostError */.dh(message);
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
    /** Whether the owner is an organization or a user (asked once). */
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
                    if (client_statusOf(error) === 401 || client_statusOf(error) === 403)
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
    /** The header git sends; an App installation token is renewed here when its renewal is due. */
    async gitAuthHeader() {
        const token = this.appTokens ? await this.appTokens.token() : this.token;
        return token ? gitHeaderOf(token) : undefined;
    }
    /**
     * After a git command with `header` failed under App authentication: a header with a new token when the old one was
     * refused or has expired since (the cache then makes a new one), else undefined. Without App authentication there
     * is nothing to renew.
     */
    async renewGitAuth(header, refused) {
        if (!this.appTokens)
            return undefined;
        if (refused)
            this.appTokens.renew();
        const fresh = await this.gitAuthHeader();
        return fresh !== header ? fresh : undefined;
    }
}
/** As actions/checkout does: https://github.com/actions/checkout/blob/main/src/git-auth-helper.ts */
function gitHeaderOf(token) {
    return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}
/** What the policy needs to know of an Octokit failure. */
function failedAttempt(error, timedOut) {
    const code = networkCode(error);
    if (code === undefined && error.status !== undefined)
        return { status: error.status, headers: error.response?.headers };
    if (timedOut)
        return { timedOut: true };
    return { code: code ?? 'UND_ERR_SOCKET' };
}

;// CONCATENATED MODULE: ./src/hosts/github/hooks.ts

async function supportsNamespaceHook(client) {
    try {
        if ((await client.kind()) !== 'Organization')
            return false;
        await client.octokit.request('GET /orgs/{org}/hooks', { org: client.owner, per_page: 1 });
        return true;
    }
    catch (error) {
        const status = client_statusOf(error);
        if (status === 403 || status === 404)
            return false;
        throw client.fail('reading the hooks of', undefined, error);
    }
}
function listHooks(client, repo) {
    return repo
        ? client.octokit.paginate('GET /repos/{owner}/{repo}/hooks', {
            owner: client.owner,
            repo: repo.path,
            per_page: 100,
        })
        : client.octokit.paginate('GET /orgs/{org}/hooks', { org: client.owner, per_page: 100 });
}
async function installHook(client, repo, hook) {
    const config = { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' };
    const body = { config, events: ['push'], active: true };
    const owner = client.owner;
    const octokit = client.octokit;
    try {
        const existing = (await listHooks(client, repo)).find((h) => h.config.url === hook.url);
        if (!existing) {
            if (repo) {
                await octokit.request('POST /repos/{owner}/{repo}/hooks', { owner, repo: repo.path, name: 'web', ...body });
            }
            else {
                await octokit.request('POST /orgs/{org}/hooks', { org: owner, name: 'web', ...body });
            }
            return 'created';
        }
        // The secret cannot be read back (GitHub answers "********"), so an existing hook is always rewritten: a
        // changed `hook-secret` must take effect.
        if (repo) {
            await octokit.request('PATCH /repos/{owner}/{repo}/hooks/{hook_id}', {
                owner,
                repo: repo.path,
                hook_id: existing.id,
                ...body,
            });
        }
        else {
            await octokit.request('PATCH /orgs/{org}/hooks/{hook_id}', { org: owner, hook_id: existing.id, ...body });
        }
        return 'updated';
    }
    catch (error) {
        throw client.fail('installing the push hook on', repo?.path, error);
    }
}

// EXTERNAL MODULE: ./src/hosts/wiki-url.ts
var wiki_url = __webpack_require__(5999);
;// CONCATENATED MODULE: ./src/hosts/github/repo-info.ts


function toVisibility(repo) {
    if (repo.visibility === 'public' || repo.visibility === 'internal' || repo.visibility === 'private') {
        return repo.visibility;
    }
    return repo.private ? 'private' : 'public';
}
function toRepoInfo(repo) {
    if ((typeof repo.id !== 'number' && typeof repo.id !== 'bigint') ||
        typeof repo.name !== 'string' ||
        !repo.clone_url ||
        !repo.html_url) {
        throw new Error(`malformed repository entry ${JSON.stringify(repo.name ?? repo.id ?? null)}`);
    }
    // Credentials never travel in URLs: any userinfo a clone URL might carry is dropped.
    const cloneUrl = (0,http_client/* stripUserInfo */.KP)(repo.clone_url);
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

;// CONCATENATED MODULE: ./src/hosts/github/listing.ts
/** Listing and reading repositories of a GitHub owner: complete or a ListingError, never a partial listing. */



/**
 * `octokit.paginate` follows `Link: rel="next"` until there is none; a server whose next link points back to a page
 * already read would keep it going forever, so a repeated page URL stops the listing as untrustworthy.
 */
async function paginateOnce(client, pages) {
    const seenPages = new Set();
    const items = [];
    for await (const page of pages) {
        if (seenPages.has(page.url)) {
            throw new host/* ListingError */.Pg(`github ${client.role}: listing repositories of ${client.owner} looped at ${page.url}`);
        }
        seenPages.add(page.url);
        items.push(...page.data);
    }
    return items;
}
/** The owner's repositories as GitHub lists them, from the listing that shows them all to these credentials. */
async function fetchRepos(client) {
    const iterator = client.octokit.paginate.iterator;
    const owner = client.owner;
    if ((await client.kind()) === 'Organization') {
        return paginateOnce(client, iterator('GET /orgs/{org}/repos', { org: owner, type: 'all', per_page: 100 }));
    }
    if (client.appTokens) {
        // An installation has no user: its own listing is the one that shows the account's private repositories.
        const accessible = await paginateOnce(client, iterator('GET /installation/repositories', { per_page: 100 }));
        return accessible.filter((repo) => repo.owner?.login.toLowerCase() === owner.toLowerCase());
    }
    if (await client.ownerIsTokenUser()) {
        // Only the authenticated listing shows the user's private repositories.
        return paginateOnce(client, iterator('GET /user/repos', { affiliation: 'owner', per_page: 100 }));
    }
    return paginateOnce(client, iterator('GET /users/{username}/repos', { username: owner, type: 'owner', per_page: 100 }));
}
async function listRepos(client) {
    let repos;
    try {
        repos = await fetchRepos(client);
    }
    catch (error) {
        throw client.fail('listing repositories of', undefined, error, true);
    }
    const seen = new Set();
    const result = [];
    for (const repo of repos) {
        let info;
        try {
            info = toRepoInfo(repo);
        }
        catch (error) {
            throw client.fail('listing repositories of', undefined, error, true);
        }
        // A repeated id means the pages overlapped or looped: the listing cannot be trusted.
        if (seen.has(info.id)) {
            throw new host/* ListingError */.Pg(`github ${client.role}: listing repositories of ${client.owner} returned ${info.name} twice`);
        }
        seen.add(info.id);
        result.push(info);
    }
    return result;
}
async function getRepo(client, path) {
    try {
        const { data } = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: client.owner, repo: path });
        // GitHub follows renames (301): a repository answering under another name is not the one asked for.
        if (data.name.toLowerCase() !== path.toLowerCase() ||
            data.owner.login.toLowerCase() !== client.owner.toLowerCase()) {
            return undefined;
        }
        return toRepoInfo(data);
    }
    catch (error) {
        if (client_statusOf(error) === 404)
            return undefined;
        throw client.fail('reading', path, error);
    }
}

;// CONCATENATED MODULE: ./src/hosts/github/protection.ts
/** Name of the rulesets org-mirror owns on each target repository: one per ref kind (a ruleset has one target). */
const RULESET_NAMES = { branch: 'org-mirror', tag: 'org-mirror tags' };
/** What makes a ref read-only: nobody may create, move, force-move or delete it, except the bypass actors. */
const PROTECTING_RULES = ['creation', 'update', 'deletion', 'non_fast_forward'];
/**
 * Who may still write under the rulesets. The mirror's own identity, as precisely as GitHub lets us name it:
 * - a personal access token: its user (`User` actor), so that not even other admins bypass;
 * - a GitHub App configured as such (`*-app-id`): the App itself (`Integration` actor, the App id);
 * - a GitHub App installation token given as a token (no user behind it, and its app id is only readable with the
 *   app's JWT): the repository `admin` role (`RepositoryRole`, actor_id 5 as documented), which the installation
 *   holds when it has the Administration permission it needs to manage rulesets anyway.
 * https://docs.github.com/en/rest/repos/rules#create-a-repository-ruleset
 */
async function bypassActors(client) {
    if (client.appId !== undefined)
        return [{ actor_type: 'Integration', actor_id: client.appId, bypass_mode: 'always' }];
    const me = await client.whoAmI();
    if (me)
        return [{ actor_type: 'User', actor_id: me.id, bypass_mode: 'always' }];
    return [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'always' }];
}
function desiredRuleset(target, actors) {
    return {
        name: RULESET_NAMES[target],
        target,
        enforcement: 'active',
        bypass_actors: actors,
        conditions: { ref_name: { include: ['~ALL'], exclude: [] } },
        rules: PROTECTING_RULES.map((type) => ({ type })),
    };
}
async function ownRulesets(client, repo) {
    const all = await client.octokit.paginate('GET /repos/{owner}/{repo}/rulesets', {
        owner: client.owner,
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
        const { data } = await client.octokit.request('GET /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
            owner: client.owner,
            repo: repo.path,
            ruleset_id: summary.id,
        });
        own.set(target, data);
    }
    return own;
}
async function protect(client, repo, options = {}) {
    try {
        const actors = await bypassActors(client);
        // A fresh repository has no rulesets yet: nothing to read first.
        const existing = options.fresh ? new Map() : await ownRulesets(client, repo);
        let wrote = false;
        for (const target of ['branch', 'tag']) {
            const desired = desiredRuleset(target, actors);
            const current = existing.get(target);
            if (current && rulesetMatches(current, desired))
                continue;
            const where = { owner: client.owner, repo: repo.path };
            if (current) {
                await client.octokit.request('PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
                    ...where,
                    ruleset_id: current.id,
                    ...desired,
                });
            }
            else {
                await client.octokit.request('POST /repos/{owner}/{repo}/rulesets', { ...where, ...desired });
            }
            wrote = true;
        }
        return wrote;
    }
    catch (error) {
        throw client.fail('protecting', repo.path, error);
    }
}
async function unprotect(client, repo) {
    try {
        const existing = await ownRulesets(client, repo);
        for (const ruleset of existing.values()) {
            await client.octokit.request('DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}', {
                owner: client.owner,
                repo: repo.path,
                ruleset_id: ruleset.id,
            });
        }
        return existing.size > 0;
    }
    catch (error) {
        throw client.fail('unprotecting', repo.path, error);
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

;// CONCATENATED MODULE: ./src/hosts/github/repo-settings.ts
/** Creating a GitHub repository and the settings the mirror keeps on it: archive, default branch, visibility. */



async function createRepo(client, request) {
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
        if ((await client.kind()) === 'Organization') {
            if (request.visibility === 'internal') {
                // The documented org endpoint takes `public` or `private` only; internal needs an enterprise-owned org.
                client.runtime?.warning(`github ${client.role}: ${request.name}: creating as private (internal is not available).`);
            }
            const { data } = await client.octokit.request('POST /orgs/{org}/repos', {
                org: client.owner,
                ...common,
                visibility: request.visibility === 'public' ? 'public' : 'private',
            });
            return toRepoInfo(data);
        }
        if (!(await client.ownerIsTokenUser())) {
            throw new host/* HostError */.dh(`github ${client.role}: cannot create ${client.owner}/${request.name}: the token does not belong to user ${client.owner}`, { kind: 'forbidden' });
        }
        // A personal account has no `internal`: anything not public is private.
        const { data } = await client.octokit.request('POST /user/repos', {
            ...common,
            private: request.visibility !== 'public',
        });
        return toRepoInfo(data);
    }
    catch (error) {
        throw client.fail('creating', request.name, error);
    }
}
/**
 * `archived: true` on PATCH /repos/{owner}/{repo}: an archived repository is read-only and refuses pushes;
 * `archived: false` unarchives, as the endpoint documents.
 */
async function setArchived(client, repo, archived) {
    if (repo.archived === archived)
        return false;
    try {
        await client.octokit.request('PATCH /repos/{owner}/{repo}', { owner: client.owner, repo: repo.path, archived });
        repo.archived = archived;
        return true;
    }
    catch (error) {
        throw client.fail(archived ? 'archiving' : 'unarchiving', repo.path, error);
    }
}
async function setDefaultBranch(client, repo, branch) {
    try {
        const current = repo.defaultBranch ?? (await getRepo(client, repo.path))?.defaultBranch;
        if (current === branch)
            return false;
        await client.octokit.request('PATCH /repos/{owner}/{repo}', {
            owner: client.owner,
            repo: repo.path,
            default_branch: branch,
        });
        return true;
    }
    catch (error) {
        throw client.fail('setting the default branch of', repo.path, error);
    }
}
/** `private` works for organizations and personal accounts alike (`visibility` is organization-only). */
async function setVisibility(client, repo, visibility) {
    const wanted = visibility === 'public' ? 'public' : 'private';
    if (repo.visibility === wanted)
        return false;
    try {
        await client.octokit.request('PATCH /repos/{owner}/{repo}', {
            owner: client.owner,
            repo: repo.path,
            private: wanted === 'private',
        });
        repo.visibility = wanted;
        return true;
    }
    catch (error) {
        throw client.fail('setting the visibility of', repo.path, error);
    }
}

;// CONCATENATED MODULE: ./src/hosts/github/github-host.ts





class GitHubHost {
    role;
    type = 'github';
    owner;
    protectionStrategy = 'exempt';
    /** History refs: accepts and advertises refs outside heads/tags (only refs/pull/* is read-only). */
    historyRefs = 'refs';
    visibilities = ['private', 'public'];
    client;
    constructor(endpoint, role, runtime, options = {}) {
        this.role = role;
        this.client = new GitHubClient(endpoint, role, runtime, options);
        this.owner = this.client.owner;
    }
    /** Asked before each git command: an App installation token is renewed here when its renewal is due. */
    gitAuthHeader() {
        return this.client.gitAuthHeader();
    }
    renewGitAuth(header, refused) {
        return this.client.renewGitAuth(header, refused);
    }
    listRepos() {
        return listRepos(this.client);
    }
    getRepo(path) {
        return getRepo(this.client, path);
    }
    createRepo(request) {
        return createRepo(this.client, request);
    }
    protect(repo, options) {
        return protect(this.client, repo, options);
    }
    unprotect(repo) {
        return unprotect(this.client, repo);
    }
    archive(repo) {
        return setArchived(this.client, repo, true);
    }
    unarchive(repo) {
        return setArchived(this.client, repo, false);
    }
    setDefaultBranch(repo, branch) {
        return setDefaultBranch(this.client, repo, branch);
    }
    setVisibility(repo, visibility) {
        return setVisibility(this.client, repo, visibility);
    }
    supportsNamespaceHook() {
        return supportsNamespaceHook(this.client);
    }
    installHook(repo, hook) {
        return installHook(this.client, repo, hook);
    }
}

;// CONCATENATED MODULE: ./src/hosts/github/index.ts



/***/ }),

/***/ 3019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $o: () => (/* binding */ proxyConfigured),
/* harmony export */   FS: () => (/* binding */ useProxyFromEnvironment),
/* harmony export */   Z6: () => (/* binding */ proxyFetch)
/* harmony export */ });
/* harmony import */ var _undici_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6883);

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
        installed = { key, agent: new _undici_js__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2() };
        (0,_undici_js__WEBPACK_IMPORTED_MODULE_0__/* .setGlobalDispatcher */ .bj)(installed.agent);
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
