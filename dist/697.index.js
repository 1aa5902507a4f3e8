export const id = 697;
export const ids = [697];
export const modules = {

/***/ 8697:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GiteaHost: () => (/* binding */ GiteaHost)
});

// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
;// CONCATENATED MODULE: ./src/hosts/gitea/client.ts


/** Gitea's largest page by default (`[api] MAX_RESPONSE_ITEMS`); a smaller server maximum is followed through `Link`. */
const PAGE_LIMIT = 50;
/** A bound on pages, so that a server handing out `next` links forever cannot keep a run busy. */
const MAX_PAGES = 10_000;
/** User name git sends with the token: Gitea and Forgejo take the token as password and ignore the user name. */
const GIT_USER = 'org-mirror';
class GiteaApi {
    role;
    http;
    owner;
    gitAuthorization;
    constructor(endpoint, role, clientOptions = {}) {
        this.role = role;
        this.owner = endpoint.owner;
        const token = endpoint.token;
        // API: `Authorization: token <token>` (https://docs.gitea.com/development/api-usage#authentication); git over
        // HTTP(S): Basic auth with the token as password (https://docs.gitea.com/usage/authentication).
        this.gitAuthorization = token ? (0,http_client/* basicAuth */.tB)(GIT_USER, token) : undefined;
        this.http = new http_client/* HttpClient */.Qq({
            baseUrl: endpoint.apiUrl,
            headers: token ? { authorization: `token ${token}` } : {},
            secrets: token ? [token] : [],
            label: `gitea ${role}`,
            ...clientOptions,
        });
    }
    gitAuthHeader() {
        return this.gitAuthorization ? `Authorization: ${this.gitAuthorization}` : undefined;
    }
    /** `/repos/{owner}/{repo}` with both segments encoded. */
    repoPath(name, owner = this.owner) {
        return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
    }
    /**
     * Every item of a paged collection (`page`/`limit`): follows the `Link: <…>; rel="next"` the server gives, and
     * checks the count against `X-Total-Count`. A failed or malformed page, a `next` link seen before, or a count that
     * does not match throws (a ListingError for the repository listing): never a partial collection.
     */
    async collect(path, what, listing) {
        const fail = (message, status) => listing ? new host/* ListingError */.Pg(message, status) : new host/* HostError */.dh(message, status);
        const items = [];
        const seen = new Set();
        let next = this.http.resolve(path, { page: 1, limit: PAGE_LIMIT }).toString();
        let page = 1;
        let total;
        while (next) {
            if (seen.has(next) || seen.size >= MAX_PAGES) {
                throw fail(`gitea: ${what} of ${this.owner}: page ${page} links back to a page already read`);
            }
            seen.add(next);
            let response;
            try {
                response = await this.http.request('GET', next);
            }
            catch (error) {
                const reason = error instanceof Error ? error.message : String(error);
                const message = `gitea: ${what} of ${this.owner} failed at page ${page}: ${reason}`;
                if (!(error instanceof host/* HostError */.dh))
                    throw fail(message);
                throw listing ? host/* ListingError */.Pg.from(message, error) : host/* HostError */.dh.wrap(message, error);
            }
            if (!Array.isArray(response.data)) {
                throw fail(`gitea: ${what} of ${this.owner}: page ${page} is not a list`);
            }
            items.push(...response.data);
            const count = response.headers['x-total-count'];
            if (count !== undefined) {
                const counted = Number(count);
                if (!Number.isInteger(counted) || counted < 0) {
                    throw fail(`gitea: ${what} of ${this.owner}: page ${page} has X-Total-Count ${JSON.stringify(count)}`);
                }
                // A count that moves between pages: items were added or removed while reading, some may have been skipped.
                if (total !== undefined && counted !== total) {
                    throw fail(`gitea: ${what} of ${this.owner}: X-Total-Count changed from ${total} to ${counted} at page ${page}; ` +
                        `the collection changed while it was read`);
                }
                total = counted;
            }
            next = nextLink(response.headers.link);
            // Without a `next` link, a total not yet reached means more pages (servers that omit `Link`), unless the page
            // was empty: then the collection shrank while being read, and the result cannot be trusted.
            if (!next && total !== undefined && items.length < total) {
                if (response.data.length === 0)
                    break;
                next = this.http.resolve(path, { page: page + 1, limit: PAGE_LIMIT }).toString();
            }
            page += 1;
        }
        if (total !== undefined && items.length !== total) {
            throw fail(`gitea: ${what} of ${this.owner}: read ${items.length} item(s) but the server counts ${total} (X-Total-Count); ` +
                `the collection changed while it was read, or a page was lost`);
        }
        return items;
    }
}
/** An unpaged list (branch and tag protections are answered whole). */
async function readList(api, path, what) {
    const response = await api.http.request('GET', path);
    if (!Array.isArray(response.data))
        throw new host/* HostError */.dh(`gitea: ${what} of ${api.owner}: the answer is not a list`);
    return response.data;
}
/** The `rel="next"` target of an RFC 8288 `Link` header. */
function nextLink(header) {
    if (!header)
        return undefined;
    for (const part of header.split(/,\s*(?=<)/)) {
        const match = /^<([^>]*)>\s*;(.*)$/.exec(part.trim());
        if (match && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2]))
            return match[1];
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/hosts/gitea/hooks.ts
/**
 * Push webhooks on Gitea/Forgejo: one organization hook (`/orgs/{org}/hooks`) when the owner is an organization the
 * token administers, else one per repository. Type `gitea`, push events, JSON body signed with the secret
 * (`X-Gitea-Signature`, hex HMAC-SHA256 of the body; Forgejo also sends `X-Forgejo-Signature`).
 *
 * Gitea's API never shows a webhook's secret, and editing a hook does not change it
 * (https://docs.gitea.com/api — EditHookOption has no secret): the mirror cannot tell whether the installed secret is
 * the current `hook-secret`. So every run replaces its hook: it creates the new one first, then deletes the hooks it
 * installed before (same URL), so that there is never a moment without a hook and never more than one afterwards.
 */

async function installGiteaHook(api, repo, hook) {
    const base = repo ? `${api.repoPath(repo.path)}/hooks` : `/orgs/${encodeURIComponent(api.owner)}/hooks`;
    const where = repo ? repo.path : api.owner;
    const hooks = await api.collect(base, `webhooks of ${where}`, false);
    const ours = hooks.filter((existing) => existing.config?.url === hook.url);
    await api.http.request('POST', base, {
        body: {
            type: 'gitea',
            config: { url: hook.url, content_type: 'json', secret: hook.secret },
            events: ['push'],
            active: true,
            branch_filter: '*',
        },
    });
    for (const old of ours) {
        if (old.id === undefined)
            throw new host/* HostError */.dh(`gitea: a webhook of ${where} has no id`);
        await api.http.request('DELETE', `${base}/${old.id}`, { allowStatus: [404] });
    }
    return ours.length ? 'updated' : 'created';
}
/** Organization hooks need an organization (not a user) and its owner's rights. */
async function supportsOrgHook(api) {
    const response = await api.http.request('GET', `/orgs/${encodeURIComponent(api.owner)}/hooks`, {
        query: { page: 1, limit: 1 },
        allowStatus: [401, 403, 404],
    });
    return response.status >= 200 && response.status < 300;
}

// EXTERNAL MODULE: ./src/hosts/wiki-url.ts
var wiki_url = __webpack_require__(5999);
;// CONCATENATED MODULE: ./src/hosts/gitea/listing.ts
/**
 * Gitea/Forgejo repositories as the mirror sees them: the namespace listing (organization or user) and one
 * repository by name. Every URL comes from the API's answer (`clone_url`, `ssh_url`, `html_url`).
 */



/**
 * Every repository of the owner: an organization's (`GET /orgs/{org}/repos`), or, when no organization has that
 * name (404), the user's (`GET /users/{username}/repos`). Complete or throws a ListingError.
 */
async function listNamespaceRepos(api) {
    const owner = encodeURIComponent(api.owner);
    let kind = 'org';
    let raw;
    try {
        raw = await api.collect(`/orgs/${owner}/repos`, 'listing', true);
    }
    catch (error) {
        if (!(error instanceof host/* ListingError */.Pg) || error.status !== 404)
            throw error;
        kind = 'user';
        raw = await api.collect(`/users/${owner}/repos`, 'listing', true);
    }
    return { kind, repos: raw.map((repo) => toRepoInfo(api, repo, (m) => new host/* ListingError */.Pg(m))) };
}
/** One repository of the owner, or undefined when there is none (404). */
async function readRepo(api, name) {
    const response = await api.http.request('GET', api.repoPath(name), { allowStatus: [404] });
    if (response.status === 404)
        return undefined;
    return toRepoInfo(api, response.data, (m) => new host/* HostError */.dh(m));
}
function visibilityOf(repo) {
    if (repo.private)
        return 'private';
    // Public in a "limited" organization or user: visible to every signed-in user of the instance, as GitLab's internal.
    return repo.internal ? 'internal' : 'public';
}
function toRepoInfo(api, repo, fail) {
    if (!repo.name || repo.id === undefined)
        throw fail(`gitea: a repository of ${api.owner} has no name or id`);
    if (!repo.clone_url && !repo.ssh_url)
        throw fail(`gitea: ${api.owner}/${repo.name} has no clone URL`);
    const cloneUrl = repo.clone_url ? (0,http_client/* stripUserInfo */.KP)(repo.clone_url) : '';
    // The wiki is a git repository of its own beside the code, `<name>.wiki.git`, whether or not the wiki is on yet
    // (`wikiEnabled` says; https://docs.gitea.com/usage/repository/wiki).
    const wikiCloneUrl = cloneUrl ? (0,wiki_url/* wikiCloneUrlOf */.K)(cloneUrl) : undefined;
    return {
        id: String(repo.id),
        name: repo.name,
        path: repo.name,
        cloneUrl,
        sshUrl: repo.ssh_url || undefined,
        webUrl: repo.html_url ? (0,http_client/* stripUserInfo */.KP)(repo.html_url) : cloneUrl.replace(/\.git$/, ''),
        defaultBranch: repo.default_branch || undefined,
        description: repo.description,
        visibility: visibilityOf(repo),
        fork: repo.fork === true,
        archived: repo.archived === true,
        empty: repo.empty,
        wikiEnabled: repo.has_wiki,
        wikiCloneUrl,
    };
}

;// CONCATENATED MODULE: ./src/hosts/gitea/protection.ts

const BRANCH_RULE = '**';
const TAG_PATTERN = '*';
/** The fields of the mirror's branch rule: pushes, force-pushes and merges by the mirror's user only. */
function branchRuleFields(user, forcePushAllowList = true) {
    return {
        enable_push: true,
        enable_push_whitelist: true,
        push_whitelist_usernames: [user],
        push_whitelist_teams: [],
        push_whitelist_deploy_keys: false,
        ...(forcePushAllowList
            ? {
                enable_force_push: true,
                enable_force_push_allowlist: true,
                force_push_allowlist_usernames: [user],
                force_push_allowlist_teams: [],
                force_push_allowlist_deploy_keys: false,
            }
            : {}),
        enable_merge_whitelist: true,
        merge_whitelist_usernames: [user],
        merge_whitelist_teams: [],
        require_signed_commits: false,
        protected_file_patterns: '',
    };
}
function sameValue(actual, wanted) {
    if (Array.isArray(wanted)) {
        const list = Array.isArray(actual) ? actual : [];
        const lower = (values) => values.map((v) => String(v).toLowerCase()).sort();
        return JSON.stringify(lower(list)) === JSON.stringify(lower(wanted));
    }
    // Gitea answers `""` or leaves out empty strings and false booleans.
    return (actual ?? (typeof wanted === 'boolean' ? false : '')) === wanted;
}
const ruleName = (rule) => rule.rule_name || rule.branch_name;
class GiteaProtection {
    api;
    mirrorUser;
    /**
     * Whether the server's branch rules have force-push allow-lists (Gitea ≥ 1.22). Forgejo's have none: there, a
     * protected branch refuses every forced update, so protection must be lifted around each push. Learned from the
     * first branch rule the server answers with; undefined until then.
     */
    forcePushAllowList;
    constructor(api, mirrorUser) {
        this.api = api;
        this.mirrorUser = mirrorUser;
    }
    branchRules(repo) {
        return readList(this.api, `${this.api.repoPath(repo.path)}/branch_protections`, `branch protections of ${repo.path}`);
    }
    tagRules(repo) {
        return readList(this.api, `${this.api.repoPath(repo.path)}/tag_protections`, `tag protections of ${repo.path}`);
    }
    /** Reads both rule lists (none on a fresh repository) and writes only what differs. True when it wrote. */
    async protect(repo, options = {}) {
        const user = await this.mirrorUser();
        const [branches, tags] = options.fresh
            ? [[], []]
            : await Promise.all([this.branchRules(repo), this.tagRules(repo)]);
        const wroteBranch = await this.putBranchRule(repo, user, branches);
        const wroteTag = await this.putTagRule(repo, user, tags);
        return wroteBranch || wroteTag;
    }
    async putBranchRule(repo, user, rules) {
        const existing = rules.find((rule) => ruleName(rule) === BRANCH_RULE);
        if (existing)
            this.learn(existing);
        const wanted = branchRuleFields(user, this.forcePushAllowList !== false);
        const base = `${this.api.repoPath(repo.path)}/branch_protections`;
        if (!existing) {
            const created = await this.api.http.request('POST', base, {
                body: { rule_name: BRANCH_RULE, ...wanted },
            });
            if (created.data && typeof created.data === 'object')
                this.learn(created.data);
            return true;
        }
        const changed = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => !sameValue(existing[key], value)));
        if (Object.keys(changed).length === 0)
            return false;
        await this.api.http.request('PATCH', `${base}/${encodeURIComponent(BRANCH_RULE)}`, { body: changed });
        return true;
    }
    async putTagRule(repo, user, rules) {
        const existing = rules.find((rule) => rule.name_pattern === TAG_PATTERN);
        const base = `${this.api.repoPath(repo.path)}/tag_protections`;
        const wanted = { whitelist_usernames: [user], whitelist_teams: [] };
        if (!existing || existing.id === undefined) {
            await this.api.http.request('POST', base, { body: { name_pattern: TAG_PATTERN, ...wanted } });
            return true;
        }
        if (sameValue(existing.whitelist_usernames, wanted.whitelist_usernames) &&
            sameValue(existing.whitelist_teams, wanted.whitelist_teams)) {
            return false;
        }
        await this.api.http.request('PATCH', `${base}/${existing.id}`, { body: wanted });
        return true;
    }
    learn(rule) {
        this.forcePushAllowList = 'enable_force_push' in rule;
    }
    /** Deletes the mirror's own rules (`**` and `*`) and no other. True when it deleted any. */
    async unprotect(repo) {
        const [branches, tags] = await Promise.all([this.branchRules(repo), this.tagRules(repo)]);
        let wrote = false;
        if (branches.some((rule) => ruleName(rule) === BRANCH_RULE)) {
            // 404: already gone, the goal is reached.
            await this.api.http.request('DELETE', `${this.api.repoPath(repo.path)}/branch_protections/${encodeURIComponent(BRANCH_RULE)}`, { allowStatus: [404] });
            wrote = true;
        }
        for (const rule of tags.filter((tag) => tag.name_pattern === TAG_PATTERN && tag.id !== undefined)) {
            await this.api.http.request('DELETE', `${this.api.repoPath(repo.path)}/tag_protections/${rule.id}`, {
                allowStatus: [404],
            });
            wrote = true;
        }
        return wrote;
    }
}

;// CONCATENATED MODULE: ./src/hosts/gitea/repo-settings.ts
/**
 * Repository settings of a Gitea/Forgejo target: creation in the organization, default branch, visibility, wiki and
 * archiving, all through `POST /orgs/{org}/repos` and `PATCH /repos/{owner}/{repo}` (EditRepoOption).
 */


/**
 * Repositories are private or public on Gitea (`private`); "limited" visibility belongs to organizations and users, not
 * to repositories, so the mirror creates `internal` ones private (host.ts `visibilities`).
 */
const GITEA_VISIBILITIES = ['private', 'public'];
async function createOrgRepo(api, request) {
    const response = await api.http.request('POST', `/orgs/${encodeURIComponent(api.owner)}/repos`, {
        body: {
            name: request.name,
            description: request.description,
            private: request.visibility !== 'public',
            // An empty repository keeps the name as its HEAD; Gitea moves it to a pushed branch when it does not exist.
            ...(request.defaultBranch ? { default_branch: request.defaultBranch } : {}),
        },
    });
    return toRepoInfo(api, response.data, (m) => new host/* HostError */.dh(m));
}
/** One `PATCH` of the repository's settings. */
async function editRepo(api, repo, change) {
    await api.http.request('PATCH', api.repoPath(repo.path), { body: change });
}
async function setDefaultBranch(api, repo, branch) {
    if (repo.defaultBranch === branch)
        return false;
    await editRepo(api, repo, { default_branch: branch });
    repo.defaultBranch = branch;
    return true;
}
async function setVisibility(api, repo, visibility) {
    const wantPrivate = visibility !== 'public';
    if ((repo.visibility === 'private') === wantPrivate)
        return false;
    await editRepo(api, repo, { private: wantPrivate });
    repo.visibility = wantPrivate ? 'private' : 'public';
    return true;
}
/** Archived Gitea repositories are read-only: pushes are refused until they are unarchived. */
async function setArchived(api, repo, archived) {
    if (repo.archived === archived)
        return false;
    await editRepo(api, repo, { archived });
    repo.archived = archived;
    return true;
}
/** A wiki takes pushes once the repository's wiki unit is on (Gitea creates the wiki's git repository on push). */
async function enableWiki(api, repo) {
    if (repo.wikiEnabled)
        return false;
    await editRepo(api, repo, { has_wiki: true });
    repo.wikiEnabled = true;
    return true;
}

;// CONCATENATED MODULE: ./src/hosts/gitea/gitea-host.ts






class GiteaHost {
    role;
    type = 'gitea';
    owner;
    /**
     * Gitea: pushes and force-pushes go through the allow-lists, only a branch deletion needs the rule lifted. Forgejo
     * (no force-push allow-list in its branch rules): protection is lifted around every push, as on GitLab.
     */
    /** History refs: accepted with write access and advertised (its pre-receive check covers branches, tags, refs/for). */
    historyRefs = 'refs';
    get protectionStrategy() {
        return this.protection.forcePushAllowList === false ? 'lift' : 'lift-for-branch-deletion';
    }
    visibilities = GITEA_VISIBILITIES;
    api;
    protection;
    mirrorLogin;
    constructor(endpoint, role, clientOptions = {}) {
        this.role = role;
        this.owner = endpoint.owner;
        this.api = new GiteaApi(endpoint, role, clientOptions);
        this.protection = new GiteaProtection(this.api, () => this.mirrorUser());
    }
    /** Exposed for tests and for the benchmark's request counting. */
    get http() {
        return this.api.http;
    }
    gitAuthHeader() {
        return this.api.gitAuthHeader();
    }
    async listRepos() {
        return (await listNamespaceRepos(this.api)).repos;
    }
    getRepo(path) {
        return readRepo(this.api, path);
    }
    createRepo(request) {
        return createOrgRepo(this.api, request);
    }
    protect(repo, options) {
        return this.protection.protect(repo, options);
    }
    unprotect(repo) {
        return this.protection.unprotect(repo);
    }
    archive(repo) {
        return setArchived(this.api, repo, true);
    }
    unarchive(repo) {
        return setArchived(this.api, repo, false);
    }
    enableWiki(repo) {
        return enableWiki(this.api, repo);
    }
    setDefaultBranch(repo, branch) {
        return setDefaultBranch(this.api, repo, branch);
    }
    setVisibility(repo, visibility) {
        return setVisibility(this.api, repo, visibility);
    }
    installHook(repo, hook) {
        return installGiteaHook(this.api, repo, hook);
    }
    supportsNamespaceHook() {
        return supportsOrgHook(this.api);
    }
    /** The login of the token's user (`GET /user`), whom the protection rules allow; read once. */
    mirrorUser() {
        this.mirrorLogin ??= this.api.http.request('GET', '/user').then((response) => {
            const login = response.data?.login;
            if (!login)
                throw new host/* HostError */.dh(`gitea ${this.role}: GET /user names no login for the token's user`);
            return login;
        });
        this.mirrorLogin.catch(() => (this.mirrorLogin = undefined));
        return this.mirrorLogin;
    }
}


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
