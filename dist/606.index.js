export const id = 606;
export const ids = [606];
export const modules = {

/***/ 3606:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BitbucketCloudHost: () => (/* reexport */ BitbucketCloudHost),
  toSlug: () => (/* reexport */ toSlug)
});

// EXTERNAL MODULE: ./src/hosts/orphan-mark.ts
var orphan_mark = __webpack_require__(5547);
// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
;// CONCATENATED MODULE: ./src/hosts/bitbucket-cloud/client.ts


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
/** What the Bitbucket Cloud adapter's parts share: the API client, paths, paging and the repository entry. */
class BitbucketCloudApi {
    role;
    owner;
    http;
    authorization;
    gitAuthorization;
    project;
    /** The mirror's own account, looked up once (protection.ts). */
    mirrorAccount;
    constructor(endpoint, role, clientOptions = {}) {
        this.role = role;
        this.owner = endpoint.owner;
        this.project = 'project' in endpoint ? endpoint.project : undefined;
        const token = endpoint.token;
        if (token && endpoint.username) {
            // App password / API token: basic auth for the API and for git alike.
            this.authorization = (0,http_client/* basicAuth */.tB)(endpoint.username, token);
            this.gitAuthorization = this.authorization;
        }
        else if (token) {
            // Access token: Bearer for the API; git takes it as the password of the fixed user `x-token-auth`.
            // https://support.atlassian.com/bitbucket-cloud/docs/using-access-tokens/
            this.authorization = `Bearer ${token}`;
            this.gitAuthorization = (0,http_client/* basicAuth */.tB)('x-token-auth', token);
        }
        this.http = new http_client/* HttpClient */.Qq({
            headers: this.authorization ? { authorization: this.authorization } : {},
            secrets: [token, this.gitAuthorization].filter((s) => Boolean(s)),
            label: `bitbucket-cloud ${role}`,
            ...clientOptions,
            baseUrl: endpoint.apiUrl,
        });
    }
    repoPath(slug) {
        return `/repositories/${encodeURIComponent(this.owner)}/${encodeURIComponent(slug)}`;
    }
    /** Follow `next` links to the end; a failed or malformed page, or a `next` seen before, throws. */
    async collect(firstUrl, what, listing) {
        const fail = (message, cause) => {
            const details = cause instanceof host/* HostError */.dh ? { status: cause.status, kind: cause.kind } : { kind: 'unexpected' };
            return listing ? new host/* ListingError */.Pg(message, details) : new host/* HostError */.dh(message, details);
        };
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
                const reason = error instanceof Error ? error.message : String(error);
                throw fail(`bitbucket-cloud: ${what} of ${this.owner} failed on page ${pageNumber}: ${reason}`, error);
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
            cloneUrl: (0,http_client/* stripUserInfo */.KP)(clone),
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

;// CONCATENATED MODULE: ./src/hosts/bitbucket-cloud/hooks.ts
const HOOK_EVENTS = ['repo:push'];
const HOOK_DESCRIPTION = 'org-mirror';
async function installHook(api, repo, hook) {
    const base = repo ? `${api.repoPath(repo.path)}/hooks` : `/workspaces/${encodeURIComponent(api.owner)}/hooks`;
    const hooks = await api.collect(base, 'webhooks', false);
    const existing = hooks.find((h) => h.url === hook.url);
    const body = {
        description: existing?.description ?? HOOK_DESCRIPTION,
        url: hook.url,
        active: true,
        events: HOOK_EVENTS,
        secret: hook.secret,
    };
    if (!existing?.uuid) {
        await api.http.request('POST', base, { body });
        return 'created';
    }
    // Bitbucket never returns a hook's secret, so an existing hook is always rewritten with ours.
    await api.http.request('PUT', `${base}/${encodeURIComponent(existing.uuid)}`, { body });
    return 'updated';
}
async function supportsNamespaceHook(api) {
    // Workspace webhooks need a workspace admin's credentials; access tokens scoped to a repository cannot.
    const response = await api.http.request('GET', `/workspaces/${encodeURIComponent(api.owner)}/hooks`, {
        allowStatus: [401, 403, 404],
    });
    return response.status >= 200 && response.status < 300;
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-cloud/listing.ts
/** Listing and reading the repositories of a Bitbucket Cloud workspace. */


async function listRepos(api) {
    const repos = await api.collect(`/repositories/${encodeURIComponent(api.owner)}?pagelen=100`, 'listing', true);
    return repos.map((repo) => api.toRepoInfo(repo, (m) => new host/* ListingError */.Pg(m)));
}
async function getRepo(api, path) {
    const response = await api.http.request('GET', api.repoPath(toSlug(path)), {
        allowStatus: [404],
    });
    if (response.status === 404)
        return undefined;
    return api.toRepoInfo(response.data, (m) => new host/* HostError */.dh(m));
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-cloud/protection.ts
/**
 * Protection on Bitbucket Cloud: one `push` branch restriction on `*` exempting the mirror's own account (see
 * client.ts for why `force` and `delete` restrictions are removed rather than created, and why tags stay open).
 */

/** The match-all restriction kinds that `unprotect` lifts. */
const RESTRICTION_KINDS = ['push', 'force', 'delete'];
/** Kinds that bind every account, the mirror's included (no `users` exemptions): `protect` removes match-all ones. */
const UNEXEMPTABLE_KINDS = ['force', 'delete'];
const MATCH_ALL = '*';
async function protect(api, repo, options = {}) {
    const me = await mirrorAccountOf(api);
    // A fresh repository has no restrictions yet: nothing to read first.
    const matchAll = options.fresh ? [] : (await restrictions(api, repo)).filter(isMatchAll);
    let wrote = false;
    const push = matchAll.filter((r) => r.kind === 'push');
    if (!push.some((r) => (r.users ?? []).some((u) => isSameAccount(u, me)))) {
        const mirrorUser = { type: 'user', uuid: me.uuid };
        const current = push.find((r) => typeof r.id === 'number');
        if (current) {
            // A push restriction without the mirror would block its pushes: add the mirror to it ("should be done via PUT").
            await api.http.request('PUT', `${api.repoPath(repo.path)}/branch-restrictions/${current.id}`, {
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
            await api.http.request('POST', `${api.repoPath(repo.path)}/branch-restrictions`, {
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
        await api.http.request('DELETE', `${api.repoPath(repo.path)}/branch-restrictions/${blocking.id}`, {
            allowStatus: [404],
        });
        wrote = true;
    }
    return wrote;
}
async function unprotect(api, repo) {
    const ours = (await restrictions(api, repo)).filter((r) => isMatchAll(r) && RESTRICTION_KINDS.includes(r.kind));
    for (const restriction of ours) {
        if (typeof restriction.id !== 'number')
            continue;
        await api.http.request('DELETE', `${api.repoPath(repo.path)}/branch-restrictions/${restriction.id}`, {
            allowStatus: [404],
        });
    }
    return ours.length > 0;
}
function restrictions(api, repo) {
    return api.collect(`${api.repoPath(repo.path)}/branch-restrictions?pagelen=100`, `branch restrictions of ${repo.path}`, false);
}
/** The account the credentials act as (`GET /user`), to exempt it from the restrictions. */
function mirrorAccountOf(api) {
    api.mirrorAccount ??= api.http.request('GET', '/user', { allowStatus: [401, 403] }).then((response) => {
        if (response.status !== 200 || !response.data?.uuid) {
            throw new host/* HostError */.dh(`bitbucket-cloud: cannot tell which account the ${api.role} credentials belong to (GET /user answered ` +
                `${response.status}), so the mirror cannot be exempted from branch restrictions. Use credentials that ` +
                `can read their own account (an API token or app password with ${api.role}-username, or an access ` +
                `token with the account scope).`, response.status);
        }
        return response.data;
    });
    api.mirrorAccount.catch(() => (api.mirrorAccount = undefined));
    return api.mirrorAccount;
}
function isMatchAll(restriction) {
    return (restriction.branch_match_kind ?? 'glob') === 'glob' && restriction.pattern === MATCH_ALL;
}
function isSameAccount(a, b) {
    return (a.uuid !== undefined && a.uuid === b.uuid) || (a.account_id !== undefined && a.account_id === b.account_id);
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-cloud/repo-settings.ts
/** Creating a Bitbucket Cloud repository and the settings the mirror keeps on it. */


async function createRepo(api, request) {
    const slug = toSlug(request.name);
    if (request.visibility === 'internal') {
        throw new host/* HostError */.dh(`bitbucket-cloud: cannot create ${api.owner}/${slug} with visibility 'internal': Bitbucket Cloud repositories ` +
            `are either private or public. Use visibility 'private' or 'public'.`, { kind: 'config' });
    }
    if (!api.project) {
        // Every Bitbucket Cloud repository belongs to a project; without a key Bitbucket silently picks the oldest one.
        throw new host/* HostError */.dh(`bitbucket-cloud: cannot create ${api.owner}/${slug}: set target-project to the key of the project ` +
            `that new repositories of workspace ${api.owner} belong to.`, { kind: 'config' });
    }
    if (!slug)
        throw new host/* HostError */.dh(`bitbucket-cloud: '${request.name}' gives no valid repository slug`, { kind: 'config' });
    const response = await api.http.request('POST', api.repoPath(slug), {
        body: {
            type: 'repository',
            scm: 'git',
            name: request.name,
            is_private: request.visibility !== 'public',
            description: request.description,
            project: { type: 'project', key: api.project },
        },
    });
    return api.toRepoInfo(response.data, (m) => new host/* HostError */.dh(m));
}
async function setDescription(api, repo, description) {
    if ((repo.description ?? '') === description)
        return false;
    await api.http.request('PUT', api.repoPath(repo.path), { body: { type: 'repository', description } });
    repo.description = description;
    return true;
}
async function setDefaultBranch(api, repo, branch) {
    if (repo.defaultBranch === branch)
        return false;
    await api.http.request('PUT', api.repoPath(repo.path), {
        body: { type: 'repository', mainbranch: { type: 'branch', name: branch } },
    });
    repo.defaultBranch = branch;
    return true;
}
async function setVisibility(api, repo, visibility) {
    const isPrivate = visibility !== 'public';
    if ((repo.visibility !== 'public') === isPrivate)
        return false;
    await api.http.request('PUT', api.repoPath(repo.path), { body: { type: 'repository', is_private: isPrivate } });
    repo.visibility = isPrivate ? 'private' : 'public';
    return true;
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-cloud/bitbucket-cloud-host.ts






class BitbucketCloudHost {
    role;
    type = 'bitbucket-cloud';
    owner;
    protectionStrategy = 'exempt';
    /**
     * History refs: refs outside heads/tags are not documented as accepted or kept: protected tags instead
     * (docs/history.md).
     */
    historyRefs = 'tags';
    visibilities = ['private', 'public'];
    api;
    constructor(endpoint, role, clientOptions = {}) {
        this.role = role;
        this.api = new BitbucketCloudApi(endpoint, role, clientOptions);
        this.owner = this.api.owner;
    }
    /** The core API client, for tests. */
    get http() {
        return this.api.http;
    }
    gitAuthHeader() {
        return this.api.gitAuthorization ? `Authorization: ${this.api.gitAuthorization}` : undefined;
    }
    listRepos() {
        return listRepos(this.api);
    }
    getRepo(path) {
        return getRepo(this.api, path);
    }
    createRepo(request) {
        return createRepo(this.api, request);
    }
    protect(repo, options) {
        return protect(this.api, repo, options);
    }
    unprotect(repo) {
        return unprotect(this.api, repo);
    }
    /** No archive in the API: the description gets the `(orphaned on <date>)` mark (orphan-mark.ts), protection stays. */
    archive(repo, date) {
        return setDescription(this.api, repo, (0,orphan_mark/* withOrphanMark */.St)(repo.description, date));
    }
    unarchive(repo) {
        return setDescription(this.api, repo, (0,orphan_mark/* withoutOrphanMark */.i4)(repo.description));
    }
    setDefaultBranch(repo, branch) {
        return setDefaultBranch(this.api, repo, branch);
    }
    setVisibility(repo, visibility) {
        return setVisibility(this.api, repo, visibility);
    }
    installHook(repo, hook) {
        return installHook(this.api, repo, hook);
    }
    supportsNamespaceHook() {
        return supportsNamespaceHook(this.api);
    }
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-cloud/index.ts




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
