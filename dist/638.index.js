export const id = 638;
export const ids = [638];
export const modules = {

/***/ 8986:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GitLabHost: () => (/* reexport */ GitLabHost),
  gitbeakerBase: () => (/* reexport */ gitbeakerBase)
});

// EXTERNAL MODULE: ./node_modules/@gitbeaker/rest/dist/index.mjs + 1 modules
var dist = __webpack_require__(7582);
// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/hosts/proxy.ts
var proxy = __webpack_require__(3019);
// EXTERNAL MODULE: ./src/hosts/retry-policy.ts
var retry_policy = __webpack_require__(9692);
// EXTERNAL MODULE: ./node_modules/@gitbeaker/requester-utils/dist/index.mjs
var requester_utils_dist = __webpack_require__(3888);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
;// CONCATENATED MODULE: ./src/hosts/gitlab/requester.ts
/**
 * gitbeaker's request handler, with the one retry policy (retry-policy.ts) and typed errors. gitbeaker's own handler
 * retries only 429 and 502, after waits of a fraction of a millisecond, and ignores `Retry-After`; this one asks the
 * policy after every failed attempt, honours `Retry-After` / `RateLimit-Reset`, gives each attempt its own time limit,
 * refuses answers that are not JSON and pagination that loops, and throws a HostError typed where the answer arrives.
 * https://docs.gitlab.com/security/rate_limits/
 */





/** The short reason of each error the requester made (`HTTP 503 (gave up after 5 tries)`), for the adapter's message. */
const requesterReasons = new WeakMap();
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
    else
        body = parseJson(await response.text(), contentType, response.status, where);
    return { body, headers, status: response.status };
}
function parseJson(text, contentType, status, where) {
    if (!/^application\/([\w.+-]+\+)?json$/i.test(contentType)) {
        if (text.trim() === '')
            return {};
        const what = /html/i.test(contentType)
            ? `${contentType} instead of JSON (an HTML error or login page from a proxy?)`
            : `${contentType || 'no content type'} instead of JSON`;
        throw new host/* HostError */.dh(`gitlab: ${where} answered ${what}`, { status, kind: 'unexpected' });
    }
    try {
        return text.trim() === '' ? {} : JSON.parse(text);
    }
    catch {
        throw new host/* HostError */.dh(`gitlab: ${where} answered invalid or truncated JSON (${text.length} characters)`, {
            status,
            kind: 'unexpected',
        });
    }
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
/** A next page that was already read in this call (or is this page) would make gitbeaker loop forever. */
async function refuseLoopingPages(response, url, callSignal, where) {
    const pages = pagesByCall.get(callSignal) ?? new Set();
    pagesByCall.set(callSignal, pages);
    pages.add(pageKey(url));
    const next = nextLink(response.headers.get('link'));
    if (next && pages.has(pageKey(new URL(next, url)))) {
        await response.body?.cancel();
        throw new host/* HostError */.dh(`gitlab: ${where}: the next-page link points back to a page already read (a pagination loop)`, {
            kind: 'unexpected',
        });
    }
}
function networkCode(error) {
    const e = error;
    return e?.cause?.code ?? e?.code ?? 'UND_ERR_SOCKET';
}
function describeCall(endpoint, options) {
    const { rateLimiters, asStream, prefixUrl, searchParams, method, agent, ...init } = (options ?? {});
    void agent; // proxyFetch (proxy.ts) picks the dispatcher
    const verb = (method ?? 'GET').toUpperCase();
    const url = new URL(endpoint, prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl ?? ''}/`);
    url.search = searchParams ?? '';
    return {
        verb,
        url,
        where: `${verb} ${(0,http_client/* safeUrl */.Pl)(url)}`,
        init,
        asStream: asStream ?? false,
        callSignal: init.signal ?? undefined,
        rateLimit: (0,requester_utils_dist/* getMatchingRateLimiter */.y9)(endpoint, rateLimiters, verb),
    };
}
/** A HostError for a failed attempt the policy gave up on, typed by it, its reason kept for the adapter. */
function typedFailure(call, attempt, reason, note) {
    const full = note ? `${reason} (${note})` : reason;
    const error = new host/* HostError */.dh(`gitlab: ${call.where} failed: ${full}`, {
        kind: (0,retry_policy/* kindOfAttempt */.BD)(attempt),
        status: 'status' in attempt ? attempt.status : undefined,
        outcomeUnknown: (0,retry_policy/* outcomeUnknown */.Hu)(call.verb, attempt),
    });
    requesterReasons.set(error, full);
    return error;
}
/** The attempts of one request, as the retry policy allows them. */
async function send(call, limits, timeoutMs, sleep) {
    const state = { retries: 0, waitedMs: 0 };
    for (;;) {
        await call.rateLimit();
        const attemptTimeout = AbortSignal.timeout(timeoutMs);
        let response;
        let attempt;
        let reason;
        try {
            response = await (0,proxy/* proxyFetch */.Z6)(call.url, {
                ...call.init,
                method: call.verb,
                signal: call.callSignal ? AbortSignal.any([call.callSignal, attemptTimeout]) : attemptTimeout,
            });
        }
        catch (error) {
            if (call.callSignal?.aborted) {
                throw new host/* HostError */.dh(`gitlab: ${call.where} failed: the call ran out of its time`, { kind: 'timeout' });
            }
            attempt = attemptTimeout.aborted ? { timedOut: true } : { code: networkCode(error) };
            reason = attemptTimeout.aborted
                ? `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`
                : (0,http_client/* describeConnectionFailure */.yL)(networkCode(error));
            const verdict = (0,retry_policy/* retryVerdict */.yD)(call.verb, attempt, state, limits);
            if (!verdict.retry)
                throw typedFailure(call, attempt, reason, verdict.note);
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
        const verdict = (0,retry_policy/* retryVerdict */.yD)(call.verb, attempt, state, limits);
        if (!verdict.retry)
            throw typedFailure(call, attempt, `HTTP ${response.status}`, verdict.note);
        await wait(state, verdict.waitMs, sleep);
    }
}
async function wait(state, waitMs, sleep) {
    state.retries += 1;
    state.waitedMs += waitMs;
    await sleep(waitMs);
}
function createGitLabRequester(limits, timeoutMs, sleep = retry_policy/* sleepScaled */.yX) {
    return (0,requester_utils_dist/* createRequesterFn */.PD)((_service, options) => Promise.resolve(options), (endpoint, options) => send(describeCall(endpoint, options), limits, timeoutMs ?? (0,http_client/* requestTimeoutMs */.Hl)(), sleep));
}

;// CONCATENATED MODULE: ./src/hosts/gitlab/client.ts
/**
 * What the GitLab adapter's parts share: the gitbeaker clients (with the one retry policy in their requester), the
 * owner namespace, and how a failure becomes a typed, token-free HostError.
 */





function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
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
class GitLabClient {
    role;
    runtime;
    owner;
    api;
    hooks;
    token;
    namespacePromise;
    constructor(endpoint, role, runtime, options = {}) {
        this.role = role;
        this.runtime = runtime;
        this.owner = endpoint.owner.replace(/^\/+|\/+$/g, '');
        this.token = endpoint.token || undefined;
        (0,proxy/* useProxyFromEnvironment */.FS)();
        // gitbeaker spaces requests with its rate limiters; retries are the policy's (requester.ts).
        const { host, prefixUrl } = gitbeakerBase(endpoint.apiUrl);
        const common = {
            host,
            ...(this.token ? { token: this.token } : {}),
            // Bounds a whole call (every page of a listing, retries included); each attempt has its own time limit.
            queryTimeout: options.queryTimeout ?? 30 * 60_000,
            requesterFn: createGitLabRequester((0,retry_policy/* retryLimits */.Z4)(options.retry), options.timeoutMs, options.sleep),
        };
        const resourceOptions = { ...common, ...(prefixUrl ? { prefixUrl } : {}) };
        this.api = {
            Groups: new dist/* Groups */.ZEm(resourceOptions),
            Projects: new dist/* Projects */.JtL(resourceOptions),
            ProtectedBranches: new dist/* ProtectedBranches */.xY8(resourceOptions),
            ProtectedTags: new dist/* ProtectedTags */.yau(resourceOptions),
            Users: new dist/* Users */.zWC(resourceOptions),
        };
        // Hook resources carry their own prefixUrl (`projects`), which a shared one would replace: build them apart.
        this.hooks = new dist/* ProjectHooks */.uXP({ ...common, ...(prefixUrl ? { prefixUrl: `${prefixUrl}/projects` } : {}) });
    }
    /** A short, token-free error naming host, role, operation and repository; kind and status kept. */
    fail(operation, repo, error, listing = false) {
        if (error instanceof host/* ListingError */.Pg)
            return error;
        const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
        const reason = error instanceof host/* HostError */.dh ? requesterReasons.get(error) : undefined;
        if (error instanceof host/* HostError */.dh && reason !== undefined) {
            const message = `gitlab ${this.role}: ${operation}${where} failed: ${this.redact(reason)}`;
            return listing ? host/* ListingError */.Pg.from(message, error) : host/* HostError */.dh.wrap(message, error);
        }
        if (error instanceof host/* HostError */.dh) {
            // The adapter's own refusal, or a malformed answer or pagination loop found by the requester: kept, as a
            // listing failure there.
            if (!listing)
                return error;
            return host/* ListingError */.Pg.from(`${error.message.replace(/^gitlab: /, `gitlab ${this.role}: `)} (${operation}${where})`, error);
        }
        // Anything else is an answer the adapter did not understand (a malformed entry) or a bug.
        const message = `gitlab ${this.role}: ${operation}${where} failed: ${this.redact(error instanceof Error ? error.message : String(error))}`;
        return listing ? new host/* ListingError */.Pg(message) : new host/* HostError */.dh(message);
    }
    redact(text) {
        let reason = text.slice(0, 300);
        if (this.token) {
            const basic = Buffer.from(`oauth2:${this.token}`).toString('base64');
            for (const secret of [basic, this.token])
                reason = reason.split(secret).join('***');
        }
        return reason;
    }
    /** The owner as a group (looked up once) or, when no such group exists, as a user. */
    namespace() {
        this.namespacePromise ??= this.lookUpNamespace();
        // A failed lookup must not stay cached as the answer for the rest of the run.
        this.namespacePromise.catch(() => (this.namespacePromise = undefined));
        return this.namespacePromise;
    }
    async lookUpNamespace() {
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
            throw new host/* HostError */.dh(`gitlab ${this.role}: no group or user named ${this.owner}`, { status: 404 });
        return { kind: 'user', id: user.id, fullPath: user.username };
    }
}

;// CONCATENATED MODULE: ./src/hosts/gitlab/hooks.ts
/** The push webhook on a GitLab project (group webhooks are Premium-only and not in GitLab's CE REST description). */

async function installHook(client, repo, hook) {
    if (!repo) {
        throw new host/* HostError */.dh(`gitlab ${client.role}: group webhooks are not supported; install one hook per project`, {
            kind: 'config',
        });
    }
    const options = { pushEvents: true, tagPushEvents: true, token: hook.secret, enableSslVerification: true };
    try {
        const hooks = (await client.hooks.all(repo.id, { perPage: 100 }));
        const existing = hooks.find((h) => h.url === hook.url);
        if (!existing) {
            await client.hooks.add(repo.id, hook.url, options);
            return 'created';
        }
        // The token cannot be read back, so an existing hook is always rewritten: a changed secret must take effect.
        await client.hooks.edit(repo.id, existing.id, hook.url, options);
        return 'updated';
    }
    catch (error) {
        throw client.fail('installing the push hook on', repo.path, error);
    }
}

// EXTERNAL MODULE: ./src/hosts/wiki-url.ts
var wiki_url = __webpack_require__(5999);
;// CONCATENATED MODULE: ./src/hosts/gitlab/listing.ts
/** Listing and reading the projects of a GitLab group (with all subgroups) or user. */




function toVisibility(value) {
    return value === 'public' || value === 'internal' ? value : 'private';
}
function relativePath(namespace, project) {
    const prefix = `${namespace.fullPath}/`;
    if (!project.path_with_namespace.toLowerCase().startsWith(prefix.toLowerCase())) {
        throw new Error(`project ${project.path_with_namespace} is outside ${namespace.fullPath}`);
    }
    return project.path_with_namespace.slice(prefix.length);
}
function toRepoInfo(namespace, project) {
    if (typeof project.id !== 'number' || !project.path || !project.http_url_to_repo || !project.web_url) {
        throw new Error(`malformed project entry ${JSON.stringify(project.path_with_namespace ?? project.id ?? null)}`);
    }
    const cloneUrl = (0,http_client/* stripUserInfo */.KP)(project.http_url_to_repo);
    return {
        id: String(project.id),
        name: project.path,
        path: relativePath(namespace, project),
        cloneUrl,
        sshUrl: project.ssh_url_to_repo || undefined,
        webUrl: project.web_url,
        wikiEnabled: typeof project.wiki_access_level === 'string' ? project.wiki_access_level !== 'disabled' : project.wiki_enabled,
        wikiCloneUrl: (0,wiki_url/* wikiCloneUrlOf */.K)(cloneUrl),
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
async function fetchProjects(client, namespace) {
    if (namespace.kind === 'group') {
        return (await client.api.Groups.allProjects(namespace.id, {
            includeSubgroups: true,
            // Projects shared into the group from elsewhere are not the group's own repositories.
            withShared: false,
            perPage: 100,
        }));
    }
    return (await client.api.Users.allProjects(namespace.id, { perPage: 100 }));
}
async function listRepos(client) {
    let namespace;
    let projects;
    try {
        namespace = await client.namespace();
        projects = await fetchProjects(client, namespace);
    }
    catch (error) {
        throw client.fail('listing projects of', undefined, error, true);
    }
    const seen = new Set();
    const result = [];
    for (const project of projects) {
        let info;
        try {
            info = toRepoInfo(namespace, project);
        }
        catch (error) {
            throw client.fail('listing projects of', undefined, error, true);
        }
        // A repeated id means pages overlapped or looped: the listing cannot be trusted.
        if (seen.has(info.id)) {
            throw new host/* ListingError */.Pg(`gitlab ${client.role}: listing projects of ${client.owner} returned ${info.path} twice`);
        }
        seen.add(info.id);
        result.push(info);
    }
    return result;
}
async function getRepo(client, path) {
    try {
        const namespace = await client.namespace();
        const project = (await client.api.Projects.show(`${namespace.fullPath}/${path}`));
        return toRepoInfo(namespace, project);
    }
    catch (error) {
        if (statusOf(error) === 404)
            return undefined;
        throw client.fail('reading', path, error);
    }
}

;// CONCATENATED MODULE: ./src/hosts/gitlab/protection.ts

/** GitLab access level "No one": https://docs.gitlab.com/api/protected_branches/#valid-access-levels */
const NO_ONE = 0;
const WILDCARD = '*';
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
/**
 * gitbeaker's `ProtectedBranches.protect` / `ProtectedTags.protect` send their fields as a query string; GitLab's
 * API description declares a JSON request body, so these two POSTs go through gitbeaker's requester with one.
 */
async function postJson(client, path, body) {
    await client.api.ProtectedBranches.requester.post(path, { body });
}
/**
 * A fresh repository's tag rules are not read: GitLab adds none by itself (only the default branch is protected on
 * the first push, https://docs.gitlab.com/user/project/repository/branches/default/#protect-initial-default-branches).
 */
async function protectedRules(client, repo, fresh = false) {
    const branches = (await client.api.ProtectedBranches.all(repo.id, { perPage: 100 }));
    const tags = fresh
        ? []
        : (await client.api.ProtectedTags.all(repo.id, { perPage: 100 }));
    return { branches, tags };
}
/** Every branch rule that lets someone push removed, `*` locked added unless there. Returns true when it wrote. */
async function lockBranches(client, repo, branches) {
    let wrote = false;
    for (const rule of branches) {
        if (branchLocked(rule))
            continue;
        await client.api.ProtectedBranches.unprotect(repo.id, rule.name);
        wrote = true;
    }
    if (!branches.some((rule) => rule.name === WILDCARD && branchLocked(rule))) {
        await postJson(client, `projects/${encodeURIComponent(repo.id)}/protected_branches`, {
            name: WILDCARD,
            push_access_level: NO_ONE,
            merge_access_level: NO_ONE,
            allow_force_push: false,
        });
        wrote = true;
    }
    return wrote;
}
/** The same for tags: `*` with create access for no one. */
async function lockTags(client, repo, tags) {
    let wrote = false;
    for (const rule of tags) {
        if (tagLocked(rule))
            continue;
        await client.api.ProtectedTags.unprotect(repo.id, rule.name);
        wrote = true;
    }
    if (!tags.some((rule) => rule.name === WILDCARD && tagLocked(rule))) {
        await postJson(client, `projects/${encodeURIComponent(repo.id)}/protected_tags`, {
            name: WILDCARD,
            create_access_level: NO_ONE,
        });
        wrote = true;
    }
    return wrote;
}
/**
 * GitLab's own protection of the branch the first push made the default, removed after `*` is in place: GitLab adds
 * it in the background after the push, and only to a default branch that no rule covers yet
 * (ProtectDefaultBranchService#protect_branch?), so with `*` first a late rule cannot appear after this removal.
 * 404: the group does not protect it.
 */
async function dropInitialProtection(client, repo, branch) {
    try {
        await client.api.ProtectedBranches.unprotect(repo.id, branch);
    }
    catch (error) {
        if (statusOf(error) !== 404)
            throw error;
    }
}
/**
 * When a ref matches several rules GitLab grants the most permissive one, so any other rule that lets someone push
 * (GitLab's automatic default-branch protection allows Maintainers) is removed; rules as strict as ours are left
 * alone. https://docs.gitlab.com/user/project/repository/branches/protected/#when-a-branch-matches-multiple-rules
 */
async function protect(client, repo, options = {}) {
    try {
        const initial = options.fresh ? options.initialDefaultBranch : undefined;
        // A fresh repository holds at most the rule GitLab put on the branch the first push made the default: when that
        // branch is known it is removed without reading the rules first.
        const { branches, tags } = initial ? { branches: [], tags: [] } : await protectedRules(client, repo, options.fresh);
        let wrote = await lockBranches(client, repo, branches);
        if (initial)
            await dropInitialProtection(client, repo, initial);
        wrote = (await lockTags(client, repo, tags)) || wrote;
        return wrote;
    }
    catch (error) {
        throw client.fail('protecting', repo.path, error);
    }
}
/**
 * Remove every protected branch and tag rule, GitLab's automatic default-branch protection included (it forbids
 * force pushes even to Maintainers), so that the mirror's forced push goes through.
 */
async function unprotect(client, repo) {
    try {
        const { branches, tags } = await protectedRules(client, repo);
        for (const rule of branches)
            await client.api.ProtectedBranches.unprotect(repo.id, rule.name);
        for (const rule of tags)
            await client.api.ProtectedTags.unprotect(repo.id, rule.name);
        return branches.length + tags.length > 0;
    }
    catch (error) {
        throw client.fail('unprotecting', repo.path, error);
    }
}

;// CONCATENATED MODULE: ./src/hosts/gitlab/repo-settings.ts
/** Creating a GitLab project (and its subgroups) and the settings the mirror keeps on it. */



/** The id of the group `<owner>/<segments…>`, creating missing subgroups on the way (`POST /groups` with parent_id). */
async function ensureSubgroups(client, namespace, segments, visibility) {
    let parentId = namespace.id;
    let fullPath = namespace.fullPath;
    for (const segment of segments) {
        fullPath = `${fullPath}/${segment}`;
        try {
            const group = (await client.api.Groups.show(fullPath));
            parentId = group.id;
            continue;
        }
        catch (error) {
            if (statusOf(error) !== 404)
                throw error;
        }
        const created = (await client.api.Groups.create(segment, segment, {
            parentId,
            visibility,
        }));
        parentId = created.id;
    }
    return parentId;
}
async function createRepo(client, request) {
    try {
        const namespace = await client.namespace();
        const segments = request.name.split('/').filter(Boolean);
        const leaf = segments.pop();
        if (!leaf)
            throw new host/* HostError */.dh(`gitlab ${client.role}: cannot create a project with an empty name`, { kind: 'config' });
        if (namespace.kind === 'user' && segments.length > 0) {
            throw new host/* HostError */.dh(`gitlab ${client.role}: cannot create ${request.name}: users have no subgroups`, {
                kind: 'config',
            });
        }
        const namespaceId = namespace.kind === 'group' ? await ensureSubgroups(client, namespace, segments, request.visibility) : undefined;
        const project = (await client.api.Projects.create({
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
        return toRepoInfo(namespace, project);
    }
    catch (error) {
        throw client.fail('creating', request.name, error);
    }
}
/**
 * POST /projects/:id/archive makes the project read-only (pushes refused); POST /projects/:id/unarchive undoes it.
 * https://docs.gitlab.com/api/projects/#archive-a-project
 */
async function setArchived(client, repo, archived) {
    if (repo.archived === archived)
        return false;
    try {
        if (archived)
            await client.api.Projects.archive(repo.id);
        else
            await client.api.Projects.unarchive(repo.id);
        repo.archived = archived;
        return true;
    }
    catch (error) {
        throw client.fail(archived ? 'archiving' : 'unarchiving', repo.path, error);
    }
}
/**
 * A project's wiki takes pushes only while enabled. `enabled` gives it the project's own visibility; editing it
 * needs the Developer role whatever the level (a wiki has no protected branches).
 * https://docs.gitlab.com/api/projects/#edit-a-project
 */
async function enableWiki(client, repo) {
    if (repo.wikiEnabled)
        return false;
    try {
        await client.api.Projects.edit(repo.id, { wikiAccessLevel: 'enabled' });
        return true;
    }
    catch (error) {
        throw client.fail('enabling the wiki of', repo.path, error);
    }
}
async function setDefaultBranch(client, repo, branch) {
    try {
        const current = repo.defaultBranch ?? (await getRepo(client, repo.path))?.defaultBranch;
        if (current === branch)
            return false;
        await client.api.Projects.edit(repo.id, { defaultBranch: branch });
        return true;
    }
    catch (error) {
        throw client.fail('setting the default branch of', repo.path, error);
    }
}
async function setVisibility(client, repo, visibility) {
    if (repo.visibility === visibility)
        return false;
    try {
        await client.api.Projects.edit(repo.id, { visibility });
        repo.visibility = visibility;
        return true;
    }
    catch (error) {
        throw client.fail('setting the visibility of', repo.path, error);
    }
}

;// CONCATENATED MODULE: ./src/hosts/gitlab/gitlab-host.ts





class GitLabHost {
    role;
    type = 'gitlab';
    owner;
    /** GitLab has no bypass for a protected branch's "No one": protection is lifted around the mirror's push. */
    protectionStrategy = 'lift';
    /** History refs: accepts and advertises them (only its internal namespaces are hidden, gitaly!3426). */
    historyRefs = 'refs';
    visibilities = ['private', 'internal', 'public'];
    client;
    constructor(endpoint, role, runtime, options = {}) {
        this.role = role;
        this.client = new GitLabClient(endpoint, role, runtime, options);
        this.owner = this.client.owner;
    }
    gitAuthHeader() {
        // GitLab accepts a token as the password of the user `oauth2` over HTTPS.
        const token = this.client.token;
        if (!token)
            return undefined;
        return `Authorization: Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}`;
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
    /** GitLab makes the branch the create answer named the default on the first push that writes it, and protects it. */
    firstPushDefault(repo, push) {
        const initial = repo.defaultBranch;
        return initial && push.singlePush && push.written.includes(`refs/heads/${initial}`) ? initial : undefined;
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
    enableWiki(repo) {
        return enableWiki(this.client, repo);
    }
    setDefaultBranch(repo, branch) {
        return setDefaultBranch(this.client, repo, branch);
    }
    setVisibility(repo, visibility) {
        return setVisibility(this.client, repo, visibility);
    }
    /**
     * Group webhooks are a Premium feature and are not part of GitLab's (CE) REST description, so org-mirror installs
     * one hook per project. https://docs.gitlab.com/api/group_webhooks/
     */
    async supportsNamespaceHook() {
        return false;
    }
    installHook(repo, hook) {
        return installHook(this.client, repo, hook);
    }
}

;// CONCATENATED MODULE: ./src/hosts/gitlab/index.ts




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


/***/ }),

/***/ 3026:
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
		2821
	],
	"./component/BlockedKeys/BlockedKeys.js": [
		2821
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
webpackAsyncContext.id = 3026;
module.exports = webpackAsyncContext;

/***/ })

};
