export const id = 340;
export const ids = [340];
export const modules = {

/***/ 9388:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_RETRY: () => (/* binding */ DEFAULT_RETRY),
/* harmony export */   GitLabHost: () => (/* binding */ GitLabHost),
/* harmony export */   createGitLabRequester: () => (/* binding */ createGitLabRequester),
/* harmony export */   gitbeakerBase: () => (/* binding */ gitbeakerBase)
/* harmony export */ });
/* harmony import */ var _gitbeaker_rest__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7582);
/* harmony import */ var _gitbeaker_requester_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3888);
/* harmony import */ var _host_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6049);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9643);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3019);
/* harmony import */ var _wiki_url_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5999);






/** GitLab access level "No one": https://docs.gitlab.com/api/protected_branches/#valid-access-levels */
const NO_ONE = 0;
const WILDCARD = '*';
function statusOf(error) {
    if (error instanceof _gitbeaker_rest__WEBPACK_IMPORTED_MODULE_0__/* .GitbeakerRequestError */ .UNz)
        return error.cause?.response?.status;
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
function toVisibility(value) {
    return value === 'public' || value === 'internal' ? value : 'private';
}
/**
 * gitbeaker builds its base URL as `<host>/api/v4/<prefixUrl>`. An API URL ending in `/api/v4` splits naturally; any
 * other override (a reverse proxy path) is reached by climbing back out of the `api/v4` that gitbeaker appends.
 */
function gitbeakerBase(apiUrl) {
    const trimmed = apiUrl.replace(/\/+$/, '');
    if (trimmed.endsWith('/api/v4'))
        return { host: trimmed.slice(0, -'/api/v4'.length), prefixUrl: '' };
    return { host: trimmed, prefixUrl: '../..' };
}
/** True when no one but the holder of a bypass can act under these access levels. */
function onlyNoOne(levels) {
    return (levels ?? []).every((level) => (level.access_level ?? NO_ONE) === NO_ONE && !level.user_id && !level.group_id && !level.deploy_key_id);
}
function branchLocked(rule) {
    return onlyNoOne(rule.push_access_levels) && onlyNoOne(rule.merge_access_levels) && !rule.allow_force_push;
}
function tagLocked(rule) {
    return onlyNoOne(rule.create_access_levels);
}
const DEFAULT_RETRY = {
    attempts: 5,
    baseDelayMs: 1000,
    maxWaitMs: 60_000,
    maxTotalWaitMs: 120_000,
};
const RETRY_STATUSES = [429, 502, 503, 504];
/** Statuses that say the request was refused before doing anything: safe to repeat even for a POST. */
const REFUSED_STATUSES = [429, 503];
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE'];
/**
 * The answer as gitbeaker expects it. Every JSON answer is parsed here: anything else (an HTML page from a proxy, a
 * truncated body, another content type) is refused with a message that names the problem but quotes nothing.
 */
async function formatResponse(response, asStream, where) {
    const headers = Object.fromEntries(response.headers.entries());
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    let body;
    if (asStream)
        body = response.body;
    else if (response.status === 204)
        body = null;
    else {
        const text = await response.text();
        if (!/^application\/([\w.+-]+\+)?json$/i.test(contentType)) {
            if (text.trim() === '')
                body = {};
            else {
                const what = /html/i.test(contentType)
                    ? `${contentType} instead of JSON (an HTML error or login page from a proxy?)`
                    : `${contentType || 'no content type'} instead of JSON`;
                throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab: ${where} answered ${what}`, response.status);
            }
        }
        else {
            try {
                body = text.trim() === '' ? {} : JSON.parse(text);
            }
            catch {
                throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab: ${where} answered invalid or truncated JSON (${text.length} characters)`, response.status);
            }
        }
    }
    return { body, headers, status: response.status };
}
/** `path?sorted query`, to compare page URLs. */
function pageKey(url) {
    const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}
function nextLink(link) {
    return /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];
}
/**
 * Pages already read in one paginated gitbeaker call. gitbeaker follows `Link: rel="next"` without end and hands
 * every page of one call the same AbortSignal, which therefore names the call.
 */
const pagesByCall = new WeakMap();
function networkCode(error) {
    const e = error;
    return e?.cause?.code ?? e?.code ?? 'UND_ERR_SOCKET';
}
/**
 * gitbeaker's request handler, with the retry behaviour SPEC asks for. gitbeaker's own handler retries only 429 and
 * 502, after waits of a fraction of a millisecond, and ignores `Retry-After`; this one retries 429/502/503/504 and
 * connection failures, waiting what the server asks (`Retry-After`, `RateLimit-Reset`) or backing off exponentially,
 * never longer than `maxWaitMs` at once. https://docs.gitlab.com/security/rate_limits/
 */
function createGitLabRequester(policy) {
    return (0,_gitbeaker_requester_utils__WEBPACK_IMPORTED_MODULE_1__/* .createRequesterFn */ .PD)((_service, options) => Promise.resolve(options), async (endpoint, options = {}) => {
        const { rateLimiters, asStream, prefixUrl, searchParams, method, agent, ...init } = options;
        void agent; // proxyFetch (proxy.ts) picks the dispatcher
        const verb = (method ?? 'GET').toUpperCase();
        const url = new URL(endpoint, prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl ?? ''}/`);
        url.search = searchParams ?? '';
        const where = `${verb} ${(0,_http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .safeUrl */ .Pl)(url)}`;
        const rateLimit = (0,_gitbeaker_requester_utils__WEBPACK_IMPORTED_MODULE_1__/* .getMatchingRateLimiter */ .y9)(endpoint, rateLimiters, verb);
        const timeoutMs = policy.timeoutMs ?? (0,_http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .requestTimeoutMs */ .Hl)();
        const callSignal = init.signal ?? undefined;
        let waited = 0;
        /** The wait before the next attempt, or a reason not to try again. */
        const nextWait = (attempt, asked) => {
            const tries = `gave up after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`;
            if (asked !== undefined && asked > policy.maxWaitMs) {
                return `the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(policy.maxWaitMs / 1000)} s bound`;
            }
            const wait = Math.min(asked ?? (0,_http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .backoffMs */ .jo)(policy.baseDelayMs, attempt), policy.maxWaitMs);
            if (attempt >= policy.attempts || waited + wait > policy.maxTotalWaitMs)
                return tries;
            waited += wait;
            return wait;
        };
        for (let attempt = 1;; attempt++) {
            await rateLimit();
            let response;
            const attemptTimeout = AbortSignal.timeout(timeoutMs);
            try {
                response = await (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyFetch */ .Z6)(url, {
                    ...init,
                    method: verb,
                    signal: callSignal ? AbortSignal.any([callSignal, attemptTimeout]) : attemptTimeout,
                });
            }
            catch (error) {
                if (callSignal?.aborted)
                    throw new _gitbeaker_requester_utils__WEBPACK_IMPORTED_MODULE_1__/* .GitbeakerTimeoutError */ ._d('Query timeout was reached');
                const reason = attemptTimeout.aborted
                    ? `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`
                    : (0,_http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .describeConnectionFailure */ .yL)(networkCode(error));
                // A lost connection may have carried out a POST/PATCH: only idempotent requests are repeated.
                const retryable = IDEMPOTENT_METHODS.includes(verb) &&
                    (attemptTimeout.aborted || _http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .RETRY_ERROR_CODES */ .FE.includes(networkCode(error)));
                const wait = retryable ? nextWait(attempt, undefined) : 'not safe to repeat';
                if (typeof wait === 'number') {
                    await (0,_http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .sleepScaled */ .yX)(wait);
                    continue;
                }
                throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab: ${where} failed: ${reason} (${wait})`);
            }
            if (response.ok) {
                if (verb === 'GET' && callSignal) {
                    // A next page that was already read in this call (or is this page) would make gitbeaker loop forever.
                    const pages = pagesByCall.get(callSignal) ?? new Set();
                    pagesByCall.set(callSignal, pages);
                    pages.add(pageKey(url));
                    const next = nextLink(response.headers.get('link'));
                    if (next && pages.has(pageKey(new URL(next, url)))) {
                        await response.body?.cancel();
                        throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab: ${where}: the next-page link points back to a page already read (a pagination loop)`);
                    }
                }
                return formatResponse(response, asStream ?? false, where);
            }
            const retryable = RETRY_STATUSES.includes(response.status) &&
                (IDEMPOTENT_METHODS.includes(verb) || REFUSED_STATUSES.includes(response.status));
            let note;
            if (retryable) {
                const wait = nextWait(attempt, (0,_http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .requestedWaitMs */ .fo)(Object.fromEntries(response.headers.entries())));
                if (typeof wait === 'number') {
                    await response.body?.cancel();
                    await (0,_http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .sleepScaled */ .yX)(wait);
                    continue;
                }
                note = wait;
            }
            await response.body?.cancel();
            // The body is not kept: it could echo what was sent. The status tells the caller enough.
            const description = `HTTP ${response.status}`;
            const failure = new _gitbeaker_rest__WEBPACK_IMPORTED_MODULE_0__/* .GitbeakerRequestError */ .UNz(description, {
                cause: { description, request: new Request(url, { method: verb }), response },
            });
            failure.orgMirrorRetry = note;
            throw failure;
        }
    });
}
class GitLabHost {
    role;
    runtime;
    type = 'gitlab';
    owner;
    /** GitLab has no bypass for a protected branch's "No one": protection is lifted around the mirror's push. */
    protectionStrategy = 'lift';
    visibilities = ['private', 'internal', 'public'];
    api;
    hooks;
    token;
    namespacePromise;
    constructor(endpoint, role, runtime, options = {}) {
        this.role = role;
        this.runtime = runtime;
        this.owner = endpoint.owner.replace(/^\/+|\/+$/g, '');
        this.token = endpoint.token || undefined;
        (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .useProxyFromEnvironment */ .FS)();
        // gitbeaker spaces requests with its rate limiters; retries are ours (createGitLabRequester).
        const { host, prefixUrl } = gitbeakerBase(endpoint.apiUrl);
        const common = {
            host,
            ...(this.token ? { token: this.token } : {}),
            // Bounds a whole call (every page of a listing, retries included); each attempt has its own time limit.
            queryTimeout: options.queryTimeout ?? 30 * 60_000,
            requesterFn: createGitLabRequester({ ...DEFAULT_RETRY, ...options.retry }),
        };
        this.api = new _gitbeaker_rest__WEBPACK_IMPORTED_MODULE_0__/* .Gitlab */ .mJr({ ...common, ...(prefixUrl ? { prefixUrl } : {}) });
        // Hook resources carry their own prefixUrl (`projects`), which a shared one would replace: build them apart.
        this.hooks = new _gitbeaker_rest__WEBPACK_IMPORTED_MODULE_0__/* .ProjectHooks */ .uXP({ ...common, ...(prefixUrl ? { prefixUrl: `${prefixUrl}/projects` } : {}) });
    }
    gitAuthHeader() {
        // GitLab accepts a token as the password of the user `oauth2` over HTTPS.
        if (!this.token)
            return undefined;
        return `Authorization: Basic ${Buffer.from(`oauth2:${this.token}`).toString('base64')}`;
    }
    /** A short, token-free error: host, role, operation, repository and status; never the response body. */
    fail(operation, repo, error, listing = false) {
        if (error instanceof _host_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingError */ .Pg || (error instanceof _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh && !listing))
            return error;
        const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
        if (error instanceof _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh) {
            // From the requester (malformed answer, pagination loop, connection failure): keep it, as a listing failure.
            return new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingError */ .Pg(`${error.message.replace(/^gitlab: /, `gitlab ${this.role}: `)} (${operation}${where})`, error.status);
        }
        const status = statusOf(error);
        let reason = status ? `HTTP ${status}` : error instanceof Error ? error.message : String(error);
        const note = error?.orgMirrorRetry;
        if (note)
            reason += ` (${note})`;
        reason = reason.slice(0, 300);
        if (this.token) {
            const basic = Buffer.from(`oauth2:${this.token}`).toString('base64');
            for (const secret of [basic, this.token])
                reason = reason.split(secret).join('***');
        }
        const message = `gitlab ${this.role}: ${operation}${where} failed: ${reason}`;
        return listing ? new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingError */ .Pg(message, status) : new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(message, status);
    }
    /** The owner as a group (looked up once) or, when no such group exists, as a user. */
    namespace() {
        this.namespacePromise ??= (async () => {
            try {
                const group = (await this.api.Groups.show(this.owner));
                return { kind: 'group', id: group.id, fullPath: group.full_path };
            }
            catch (error) {
                if (statusOf(error) !== 404)
                    throw error;
            }
            const users = (await this.api.Users.all({ username: this.owner }));
            const user = users.find((u) => u.username.toLowerCase() === this.owner.toLowerCase());
            if (!user)
                throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab ${this.role}: no group or user named ${this.owner}`, 404);
            return { kind: 'user', id: user.id, fullPath: user.username };
        })();
        // A failed lookup must not stay cached as the answer for the rest of the run.
        this.namespacePromise.catch(() => (this.namespacePromise = undefined));
        return this.namespacePromise;
    }
    relativePath(namespace, project) {
        const prefix = `${namespace.fullPath}/`;
        if (!project.path_with_namespace.toLowerCase().startsWith(prefix.toLowerCase())) {
            throw new Error(`project ${project.path_with_namespace} is outside ${namespace.fullPath}`);
        }
        return project.path_with_namespace.slice(prefix.length);
    }
    toRepoInfo(namespace, project) {
        if (typeof project.id !== 'number' || !project.path || !project.http_url_to_repo || !project.web_url) {
            throw new Error(`malformed project entry ${JSON.stringify(project.path_with_namespace ?? project.id ?? null)}`);
        }
        const clone = new URL(project.http_url_to_repo);
        clone.username = '';
        clone.password = '';
        return {
            id: String(project.id),
            name: project.path,
            path: this.relativePath(namespace, project),
            cloneUrl: clone.toString(),
            sshUrl: project.ssh_url_to_repo || undefined,
            webUrl: project.web_url,
            wikiEnabled: typeof project.wiki_access_level === 'string' ? project.wiki_access_level !== 'disabled' : project.wiki_enabled,
            wikiCloneUrl: (0,_wiki_url_js__WEBPACK_IMPORTED_MODULE_5__/* .wikiCloneUrlOf */ .K)(clone.toString()),
            defaultBranch: project.default_branch || undefined,
            description: project.description ?? undefined,
            visibility: toVisibility(project.visibility),
            fork: Boolean(project.forked_from_project),
            archived: project.archived ?? false,
            empty: project.empty_repo,
            // `last_activity_at` is updated lazily (at most about once an hour), so it cannot tell whether a push happened
            // since the last run: https://docs.gitlab.com/api/projects/ ("last_activity_at"). No pushedAt on GitLab.
            pushedAt: undefined,
        };
    }
    async listRepos() {
        let namespace;
        let projects;
        try {
            namespace = await this.namespace();
            projects =
                namespace.kind === 'group'
                    ? (await this.api.Groups.allProjects(namespace.id, {
                        includeSubgroups: true,
                        // Projects shared into the group from elsewhere are not the group's own repositories.
                        withShared: false,
                        perPage: 100,
                    }))
                    : (await this.api.Users.allProjects(namespace.id, { perPage: 100 }));
        }
        catch (error) {
            throw this.fail('listing projects of', undefined, error, true);
        }
        const seen = new Set();
        const result = [];
        for (const project of projects) {
            let info;
            try {
                info = this.toRepoInfo(namespace, project);
            }
            catch (error) {
                throw this.fail('listing projects of', undefined, error, true);
            }
            // A repeated id means pages overlapped or looped: the listing cannot be trusted.
            if (seen.has(info.id)) {
                throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingError */ .Pg(`gitlab ${this.role}: listing projects of ${this.owner} returned ${info.path} twice`);
            }
            seen.add(info.id);
            result.push(info);
        }
        return result;
    }
    async getRepo(path) {
        try {
            const namespace = await this.namespace();
            const project = (await this.api.Projects.show(`${namespace.fullPath}/${path}`));
            return this.toRepoInfo(namespace, project);
        }
        catch (error) {
            if (statusOf(error) === 404)
                return undefined;
            throw this.fail('reading', path, error);
        }
    }
    /** The id of the group `<owner>/<segments…>`, creating missing subgroups on the way (`POST /groups` with parent_id). */
    async ensureSubgroups(namespace, segments, visibility) {
        let parentId = namespace.id;
        let fullPath = namespace.fullPath;
        for (const segment of segments) {
            fullPath = `${fullPath}/${segment}`;
            try {
                const group = (await this.api.Groups.show(fullPath));
                parentId = group.id;
                continue;
            }
            catch (error) {
                if (statusOf(error) !== 404)
                    throw error;
            }
            const created = (await this.api.Groups.create(segment, segment, {
                parentId,
                visibility,
            }));
            parentId = created.id;
        }
        return parentId;
    }
    async createRepo(request) {
        try {
            const namespace = await this.namespace();
            const segments = request.name.split('/').filter(Boolean);
            const leaf = segments.pop();
            if (!leaf)
                throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab ${this.role}: cannot create a project with an empty name`);
            if (namespace.kind === 'user' && segments.length > 0) {
                throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab ${this.role}: cannot create ${request.name}: users have no subgroups`);
            }
            const namespaceId = namespace.kind === 'group' ? await this.ensureSubgroups(namespace, segments, request.visibility) : undefined;
            const project = (await this.api.Projects.create({
                name: leaf,
                path: leaf,
                ...(namespaceId !== undefined ? { namespaceId } : {}),
                description: request.description,
                visibility: request.visibility,
                ...(request.defaultBranch ? { defaultBranch: request.defaultBranch } : {}),
                // A mirror collects no issues or wiki pages it could not keep; no README (the first push brings history).
                issuesAccessLevel: 'disabled',
                wikiAccessLevel: 'disabled',
                initializeWithReadme: false,
            }));
            return this.toRepoInfo(namespace, project);
        }
        catch (error) {
            throw this.fail('creating', request.name, error);
        }
    }
    /**
     * gitbeaker's `ProtectedBranches.protect` / `ProtectedTags.protect` send their fields as a query string; GitLab's
     * API description declares a JSON request body, so these two POSTs go through gitbeaker's requester with one.
     */
    async postJson(path, body) {
        await this.api.ProtectedBranches.requester.post(path, { body });
    }
    /**
     * A fresh repository's tag rules are not read: GitLab adds none by itself (only the default branch is protected on
     * the first push, https://docs.gitlab.com/user/project/repository/branches/default/#protect-initial-default-branches).
     */
    async protectedRules(repo, fresh = false) {
        const branches = (await this.api.ProtectedBranches.all(repo.id, { perPage: 100 }));
        const tags = fresh
            ? []
            : (await this.api.ProtectedTags.all(repo.id, { perPage: 100 }));
        return { branches, tags };
    }
    /**
     * `*` for branches (push, merge: No one; no force push) and tags (create: No one). When a ref matches several
     * rules GitLab grants the most permissive one, so any other rule that lets someone push (GitLab's automatic
     * default-branch protection allows Maintainers) is removed; rules as strict as ours are left alone.
     * https://docs.gitlab.com/user/project/repository/branches/protected/#when-a-branch-matches-multiple-rules
     */
    async protect(repo, options = {}) {
        try {
            const initial = options.fresh ? options.initialDefaultBranch : undefined;
            // A fresh repository holds at most the rule GitLab put on the branch the first push made the default: when that
            // branch is known it is removed without reading the rules first (404: the group does not protect it).
            const { branches, tags } = initial ? { branches: [], tags: [] } : await this.protectedRules(repo, options.fresh);
            let wrote = false;
            for (const rule of branches) {
                if (branchLocked(rule))
                    continue;
                await this.api.ProtectedBranches.unprotect(repo.id, rule.name);
                wrote = true;
            }
            if (!branches.some((rule) => rule.name === WILDCARD && branchLocked(rule))) {
                await this.postJson(`projects/${encodeURIComponent(repo.id)}/protected_branches`, {
                    name: WILDCARD,
                    push_access_level: NO_ONE,
                    merge_access_level: NO_ONE,
                    allow_force_push: false,
                });
                wrote = true;
            }
            if (initial) {
                // After `*`: GitLab adds its initial protection in the background after the push, and only to a default
                // branch that no rule covers yet (ProtectDefaultBranchService#protect_branch?), so with `*` in place first a
                // late rule cannot appear after this removal.
                try {
                    await this.api.ProtectedBranches.unprotect(repo.id, initial);
                }
                catch (error) {
                    if (statusOf(error) !== 404)
                        throw error;
                }
            }
            for (const rule of tags) {
                if (tagLocked(rule))
                    continue;
                await this.api.ProtectedTags.unprotect(repo.id, rule.name);
                wrote = true;
            }
            if (!tags.some((rule) => rule.name === WILDCARD && tagLocked(rule))) {
                await this.postJson(`projects/${encodeURIComponent(repo.id)}/protected_tags`, {
                    name: WILDCARD,
                    create_access_level: NO_ONE,
                });
                wrote = true;
            }
            return wrote;
        }
        catch (error) {
            throw this.fail('protecting', repo.path, error);
        }
    }
    /**
     * Remove every protected branch and tag rule, GitLab's automatic default-branch protection included (it forbids
     * force pushes even to Maintainers), so that the mirror's forced push goes through.
     */
    async unprotect(repo) {
        try {
            const { branches, tags } = await this.protectedRules(repo);
            for (const rule of branches)
                await this.api.ProtectedBranches.unprotect(repo.id, rule.name);
            for (const rule of tags)
                await this.api.ProtectedTags.unprotect(repo.id, rule.name);
            return branches.length + tags.length > 0;
        }
        catch (error) {
            throw this.fail('unprotecting', repo.path, error);
        }
    }
    /** POST /projects/:id/archive: the project becomes read-only (pushes refused). https://docs.gitlab.com/api/projects/#archive-a-project */
    async archive(repo) {
        if (repo.archived)
            return false;
        try {
            await this.api.Projects.archive(repo.id);
            repo.archived = true;
            return true;
        }
        catch (error) {
            throw this.fail('archiving', repo.path, error);
        }
    }
    /** POST /projects/:id/unarchive. */
    async unarchive(repo) {
        if (!repo.archived)
            return false;
        try {
            await this.api.Projects.unarchive(repo.id);
            repo.archived = false;
            return true;
        }
        catch (error) {
            throw this.fail('unarchiving', repo.path, error);
        }
    }
    /**
     * A project's wiki takes pushes only while enabled. `enabled` gives it the project's own visibility; editing it
     * needs the Developer role whatever the level (a wiki has no protected branches).
     * https://docs.gitlab.com/api/projects/#edit-a-project
     */
    async enableWiki(repo) {
        if (repo.wikiEnabled)
            return false;
        try {
            await this.api.Projects.edit(repo.id, { wikiAccessLevel: 'enabled' });
            return true;
        }
        catch (error) {
            throw this.fail('enabling the wiki of', repo.path, error);
        }
    }
    async setDefaultBranch(repo, branch) {
        try {
            const current = repo.defaultBranch ?? (await this.getRepo(repo.path))?.defaultBranch;
            if (current === branch)
                return false;
            await this.api.Projects.edit(repo.id, { defaultBranch: branch });
            return true;
        }
        catch (error) {
            throw this.fail('setting the default branch of', repo.path, error);
        }
    }
    async setVisibility(repo, visibility) {
        if (repo.visibility === visibility)
            return false;
        try {
            await this.api.Projects.edit(repo.id, { visibility });
            repo.visibility = visibility;
            return true;
        }
        catch (error) {
            throw this.fail('setting the visibility of', repo.path, error);
        }
    }
    /**
     * Group webhooks are a Premium feature and are not part of GitLab's (CE) REST description, so org-mirror installs
     * one hook per project. https://docs.gitlab.com/api/group_webhooks/
     */
    async supportsNamespaceHook() {
        return false;
    }
    async installHook(repo, hook) {
        if (!repo) {
            throw new _host_js__WEBPACK_IMPORTED_MODULE_2__/* .HostError */ .dh(`gitlab ${this.role}: group webhooks are not supported; install one hook per project`);
        }
        const options = { pushEvents: true, tagPushEvents: true, token: hook.secret, enableSslVerification: true };
        try {
            const hooks = (await this.hooks.all(repo.id, { perPage: 100 }));
            const existing = hooks.find((h) => h.url === hook.url);
            if (!existing) {
                await this.hooks.add(repo.id, hook.url, options);
                return 'created';
            }
            // The token cannot be read back, so an existing hook is always rewritten: a changed secret must take effect.
            await this.hooks.edit(repo.id, existing.id, hook.url, options);
            return 'updated';
        }
        catch (error) {
            throw this.fail('installing the push hook on', repo.path, error);
        }
    }
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


/***/ }),

/***/ 7788:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

var map = {
	"./BurstyRateLimiter": [
		5860
	],
	"./BurstyRateLimiter.js": [
		5860
	],
	"./ExpressBruteFlexible": [
		3966,
		966
	],
	"./ExpressBruteFlexible.js": [
		3966,
		966
	],
	"./RLWrapperBlackAndWhite": [
		7383
	],
	"./RLWrapperBlackAndWhite.js": [
		7383
	],
	"./RLWrapperTimeouts": [
		4016
	],
	"./RLWrapperTimeouts.js": [
		4016
	],
	"./RateLimiterAbstract": [
		8569
	],
	"./RateLimiterAbstract.js": [
		8569
	],
	"./RateLimiterCluster": [
		565
	],
	"./RateLimiterCluster.js": [
		565
	],
	"./RateLimiterDrizzle": [
		673
	],
	"./RateLimiterDrizzle.js": [
		673
	],
	"./RateLimiterDrizzleNonAtomic": [
		5347
	],
	"./RateLimiterDrizzleNonAtomic.js": [
		5347
	],
	"./RateLimiterDynamo": [
		2309
	],
	"./RateLimiterDynamo.js": [
		2309
	],
	"./RateLimiterEtcd": [
		6481
	],
	"./RateLimiterEtcd.js": [
		6481
	],
	"./RateLimiterEtcdNonAtomic": [
		5299
	],
	"./RateLimiterEtcdNonAtomic.js": [
		5299
	],
	"./RateLimiterInsuredAbstract": [
		3847
	],
	"./RateLimiterInsuredAbstract.js": [
		3847
	],
	"./RateLimiterMemcache": [
		3250
	],
	"./RateLimiterMemcache.js": [
		3250
	],
	"./RateLimiterMemory": [
		4544
	],
	"./RateLimiterMemory.js": [
		4544
	],
	"./RateLimiterMongo": [
		8439
	],
	"./RateLimiterMongo.js": [
		8439
	],
	"./RateLimiterMySQL": [
		7793
	],
	"./RateLimiterMySQL.js": [
		7793
	],
	"./RateLimiterPostgres": [
		3740
	],
	"./RateLimiterPostgres.js": [
		3740
	],
	"./RateLimiterPrisma": [
		6323
	],
	"./RateLimiterPrisma.js": [
		6323
	],
	"./RateLimiterQueue": [
		2860
	],
	"./RateLimiterQueue.js": [
		2860
	],
	"./RateLimiterRedis": [
		4336
	],
	"./RateLimiterRedis.js": [
		4336
	],
	"./RateLimiterRes": [
		449
	],
	"./RateLimiterRes.js": [
		449
	],
	"./RateLimiterSQLite": [
		3283
	],
	"./RateLimiterSQLite.js": [
		3283
	],
	"./RateLimiterStoreAbstract": [
		5140
	],
	"./RateLimiterStoreAbstract.js": [
		5140
	],
	"./RateLimiterUnion": [
		244
	],
	"./RateLimiterUnion.js": [
		244
	],
	"./RateLimiterValkey": [
		2193
	],
	"./RateLimiterValkey.js": [
		2193
	],
	"./RateLimiterValkeyGlide": [
		3756
	],
	"./RateLimiterValkeyGlide.js": [
		3756
	],
	"./component/BlockedKeys": [
		8830
	],
	"./component/BlockedKeys/": [
		8830
	],
	"./component/BlockedKeys/BlockedKeys": [
		5202
	],
	"./component/BlockedKeys/BlockedKeys.js": [
		5202
	],
	"./component/BlockedKeys/index": [
		8830
	],
	"./component/BlockedKeys/index.js": [
		8830
	],
	"./component/MemoryStorage": [
		8178,
		178
	],
	"./component/MemoryStorage/": [
		8178,
		178
	],
	"./component/MemoryStorage/MemoryStorage": [
		1534
	],
	"./component/MemoryStorage/MemoryStorage.js": [
		1534
	],
	"./component/MemoryStorage/Record": [
		749
	],
	"./component/MemoryStorage/Record.js": [
		749
	],
	"./component/MemoryStorage/index": [
		8178,
		178
	],
	"./component/MemoryStorage/index.js": [
		8178,
		178
	],
	"./component/RateLimiterEtcdTransactionFailedError": [
		3184
	],
	"./component/RateLimiterEtcdTransactionFailedError.js": [
		3184
	],
	"./component/RateLimiterQueueError": [
		7948
	],
	"./component/RateLimiterQueueError.js": [
		7948
	],
	"./component/RateLimiterSetupError": [
		2922
	],
	"./component/RateLimiterSetupError.js": [
		2922
	],
	"./constants": [
		3880,
		880
	],
	"./constants.js": [
		3880,
		880
	]
};
function webpackAsyncContext(req) {
	if(!__webpack_require__.o(map, req)) {
		return Promise.resolve().then(() => {
			var e = new Error("Cannot find module '" + req + "'");
			e.code = 'MODULE_NOT_FOUND';
			throw e;
		});
	}

	var ids = map[req], id = ids[0];
	return Promise.all(ids.slice(1).map(__webpack_require__.e)).then(() => {
		return __webpack_require__.t(id, 7 | 16);
	});
}
webpackAsyncContext.keys = () => (Object.keys(map));
webpackAsyncContext.id = 7788;
module.exports = webpackAsyncContext;

/***/ })

};
