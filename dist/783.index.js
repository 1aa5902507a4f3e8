export const id = 783;
export const ids = [783];
export const modules = {

/***/ 783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BitbucketServerHost: () => (/* reexport */ BitbucketServerHost),
  toSlug: () => (/* reexport */ toSlug)
});

// EXTERNAL MODULE: ./src/hosts/orphan-mark.ts
var orphan_mark = __webpack_require__(5547);
// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
;// CONCATENATED MODULE: ./src/hosts/bitbucket-server/client.ts


const PAGE_LIMIT = 100;
/** The slug Bitbucket Server derives from a repository name: lower case, runs of other characters become `-`. */
function toSlug(name) {
    return name
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-');
}
/** What the Bitbucket Server adapter's parts share: the two API clients, paths, paging and the repository entry. */
class BitbucketServerApi {
    endpoint;
    role;
    owner;
    http;
    branchPermissions;
    authorization;
    /** The mirror's own user slug, looked up once (protection.ts). */
    mirrorUser;
    constructor(endpoint, role, clientOptions = {}) {
        this.endpoint = endpoint;
        this.role = role;
        const token = endpoint.token;
        this.authorization = token
            ? endpoint.username
                ? (0,http_client/* basicAuth */.tB)(endpoint.username, token)
                : `Bearer ${token}`
            : undefined;
        const common = {
            headers: this.authorization ? { authorization: this.authorization } : {},
            secrets: token ? [token] : [],
            label: `bitbucket-server ${role}`,
            ...clientOptions,
        };
        this.http = new http_client/* HttpClient */.Qq({ ...common, baseUrl: endpoint.apiUrl });
        // Branch permissions live beside the core API: <url>/rest/branch-permissions/2.0.
        this.branchPermissions = new http_client/* HttpClient */.Qq({
            ...common,
            baseUrl: `${endpoint.url.replace(/\/+$/, '')}/rest/branch-permissions/2.0`,
        });
        this.owner = endpoint.owner;
    }
    /** `/projects/{key}`; a personal namespace `~user` is the project key `~USER` in every REST path. */
    projectPath() {
        return `/projects/${encodeURIComponent(this.owner)}`;
    }
    repoPath(slug) {
        return `${this.projectPath()}/repos/${encodeURIComponent(slug)}`;
    }
    async readDefaultBranch(slug) {
        // 404 also means "no configured default branch" (https://developer.atlassian.com/server/bitbucket/rest/).
        const response = await this.http.request('GET', `${this.repoPath(slug)}/default-branch`, { allowStatus: [404] });
        if (response.status === 404 || !response.data)
            return undefined;
        const { id, displayId } = response.data;
        return id?.startsWith('refs/heads/') ? id.slice('refs/heads/'.length) : displayId;
    }
    /**
     * Follow `start`/`limit` paging to the end. A failed page, a page without `isLastPage`/`values`, or a
     * `nextPageStart` that does not advance throws (ListingError for the repository listing).
     */
    async collect(client, path, query, what, listing, pagingParams = true) {
        const fail = (message, cause) => {
            const details = cause instanceof host/* HostError */.dh ? { status: cause.status, kind: cause.kind } : { kind: 'unexpected' };
            return listing ? new host/* ListingError */.Pg(message, details) : new host/* HostError */.dh(message, details);
        };
        const values = [];
        let start = 0;
        for (;;) {
            let page;
            try {
                // Some paged resources (webhooks, user search) do not declare `start`/`limit` in the API description:
                // ask for their first page with the server's default size and page on with `start` only.
                const paging = pagingParams ? { start, limit: PAGE_LIMIT } : start > 0 ? { start } : {};
                page = (await client.request('GET', path, { query: { ...query, ...paging } })).data;
            }
            catch (error) {
                const reason = error instanceof Error ? error.message : String(error);
                throw fail(`bitbucket-server: ${what} of ${this.owner} failed at start=${start}: ${reason}`, error);
            }
            if (typeof page !== 'object' ||
                page === null ||
                !Array.isArray(page.values) ||
                typeof page.isLastPage !== 'boolean') {
                throw fail(`bitbucket-server: ${what} of ${this.owner}: page at start=${start} is not a Bitbucket page`);
            }
            values.push(...page.values);
            if (page.isLastPage)
                return values;
            if (typeof page.nextPageStart !== 'number' || page.nextPageStart <= start) {
                throw fail(`bitbucket-server: ${what} of ${this.owner}: page at start=${start} has nextPageStart ` +
                    `${String(page.nextPageStart)}, which does not advance`);
            }
            start = page.nextPageStart;
        }
    }
    toRepoInfo(repo, fail) {
        const slug = repo.slug;
        if (!slug || repo.id === undefined) {
            throw fail(`bitbucket-server: a repository of ${this.owner} has no slug or id`);
        }
        // Bitbucket names both the http and the https clone link `http`; it puts the user in it (`https://user@host/…`).
        const clone = repo.links?.clone?.find((l) => l.name === 'http' || l.name === 'https')?.href;
        // A server with HTTP(S) git access off gives the SSH link alone: usable with an SSH key.
        const sshUrl = repo.links?.clone?.find((l) => l.name === 'ssh')?.href;
        if (!clone && !sshUrl) {
            throw fail(`bitbucket-server: ${this.owner}/${slug} has no clone link`);
        }
        const web = repo.links?.self?.[0]?.href;
        return {
            id: String(repo.id),
            name: slug,
            path: slug,
            cloneUrl: clone ? (0,http_client/* stripUserInfo */.KP)(clone) : '',
            sshUrl,
            webUrl: web ? (0,http_client/* stripUserInfo */.KP)(web) : (clone ?? '').replace(/\.git$/, ''),
            description: repo.description,
            visibility: repo.public ? 'public' : 'private',
            fork: repo.origin !== undefined && repo.origin !== null,
            // `archived` exists from Data Center 8.0; older servers have no archiving.
            archived: repo.archived === true,
        };
    }
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-server/hooks.ts
const HOOK_EVENTS = ['repo:refs_changed'];
const HOOK_NAME = 'org-mirror';
async function installHook(api, repo, hook) {
    const base = repo ? `${api.repoPath(repo.path)}/webhooks` : `${api.projectPath()}/webhooks`;
    const hooks = await api.collect(api.http, base, {}, 'webhooks', false, false);
    const existing = hooks.find((h) => h.url === hook.url);
    const body = {
        name: existing?.name ?? HOOK_NAME,
        url: hook.url,
        events: HOOK_EVENTS,
        active: true,
        configuration: { ...(existing?.configuration ?? {}), secret: hook.secret },
    };
    if (!existing || existing.id === undefined) {
        await api.http.request('POST', base, { body });
        return 'created';
    }
    const upToDate = existing.active !== false &&
        HOOK_EVENTS.every((e) => existing.events?.includes(e)) &&
        existing.configuration?.secret === hook.secret;
    if (upToDate)
        return 'unchanged';
    await api.http.request('PUT', `${base}/${existing.id}`, { body });
    return 'updated';
}
async function supportsNamespaceHook(api) {
    // Personal projects have no project-level webhooks; project webhooks need PROJECT_ADMIN.
    if (api.owner.startsWith('~'))
        return false;
    const response = await api.http.request('GET', `${api.projectPath()}/webhooks`, {
        allowStatus: [401, 403, 404, 405],
    });
    return response.status >= 200 && response.status < 300;
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./src/hosts/bitbucket-server/listing.ts
/** Listing and reading the repositories of a Bitbucket Server project. */



/** Default-branch reads in flight at once while listing a source project. */
const DEFAULT_BRANCH_READS = 8;
async function listRepos(api) {
    const repos = await api.collect(api.http, `${api.projectPath()}/repos`, {}, 'listing', true);
    const infos = repos.map((repo) => api.toRepoInfo(repo, (m) => new host/* ListingError */.Pg(m)));
    // Over HTTP(S) the mirror learns the default branch from each repository's ref advertisement (its HEAD), which it
    // reads anyway; git over SSH gives no HEAD, so the default branch is read through the API then.
    if (api.role === 'source' && api.endpoint.ssh)
        await readDefaultBranches(api, infos);
    return infos;
}
/**
 * The repository listing does not carry the default branch (`defaultBranch` is write-only in RestRepository), and
 * the target's default branch follows the source's: read it per repository, a few at a time. A failed read fails
 * the listing (never act on a partial one).
 */
async function readDefaultBranches(api, infos) {
    const limit = (0,p_limit/* default */.A)(DEFAULT_BRANCH_READS);
    await Promise.all(infos.map((info) => limit(async () => {
        try {
            info.defaultBranch = await api.readDefaultBranch(info.path);
        }
        catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new host/* ListingError */.Pg(`bitbucket-server: listing of ${api.owner}: default branch of ${info.path}: ${reason}`, error instanceof host/* HostError */.dh ? { status: error.status, kind: error.kind } : {});
        }
    })));
}
async function getRepo(api, path) {
    const slug = toSlug(path);
    const response = await api.http.request('GET', api.repoPath(slug), { allowStatus: [404] });
    if (response.status === 404)
        return undefined;
    const info = api.toRepoInfo(response.data, (m) => new host/* HostError */.dh(m));
    info.defaultBranch = await api.readDefaultBranch(slug);
    return info;
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-server/protection.ts
/** Protection on Bitbucket Server: branch permissions on `*` (branches and tags) with the mirror's own user exempt. */

/**
 * One `PATTERN` matcher `*` covers every branch **and tag**: DC branch-permission patterns are matched against the
 * fully qualified ref (`refs/heads/x`, `refs/tags/v1`) and only need to match a suffix, so `*` "matches everything".
 * https://confluence.atlassian.com/bitbucketserver/branch-permission-patterns-776639814.html
 */
const MATCH_ALL = '*';
/** Push (read-only), force-push (fast-forward-only) and delete (no-deletes), each with the mirror's user exempt. */
const RESTRICTION_TYPES = ['read-only', 'fast-forward-only', 'no-deletes'];
async function protect(api, repo, options = {}) {
    const slug = await mirrorUserSlug(api, repo);
    // A fresh repository has no restrictions yet: nothing to read first.
    const existing = options.fresh ? [] : await restrictions(api, repo);
    const stale = [];
    const wanted = [];
    for (const type of RESTRICTION_TYPES) {
        const same = existing.filter((r) => r.type === type && isMatchAll(r));
        if (same.some((r) => (r.users ?? []).some((u) => u.slug === slug)))
            continue;
        // A restriction of this kind without the mirror would block its pushes: recreate it with the mirror exempt,
        // keeping whoever else was exempt.
        const users = new Set([slug, ...same.flatMap((r) => (r.users ?? []).map((u) => u.slug ?? '').filter(Boolean))]);
        const groups = new Set(same.flatMap((r) => r.groups ?? []));
        wanted.push({
            type,
            matcher: { id: MATCH_ALL, displayId: MATCH_ALL, type: { id: 'PATTERN', name: 'Pattern' } },
            // DC 8+ takes user slugs in `userSlugs` (the response lists user objects in `users`).
            userSlugs: [...users],
            groups: [...groups],
        });
        stale.push(...same.map((r) => r.id).filter((id) => typeof id === 'number'));
    }
    if (wanted.length === 0)
        return false;
    // The bulk form creates all missing restrictions in one call; the spec declares it with its own media type.
    const created = await api.branchPermissions.request('POST', `${api.repoPath(repo.path)}/restrictions`, { body: wanted, contentType: 'application/vnd.atl.bitbucket.bulk+json' });
    // Bitbucket updates a restriction of the same type and matcher in place (same id) instead of adding one: never
    // delete an id the answer names, or the freshly updated restriction would go.
    const kept = new Set((Array.isArray(created.data) ? created.data : [created.data]).map((r) => r?.id));
    for (const id of stale)
        if (!kept.has(id))
            await deleteRestriction(api, repo, id);
    return true;
}
async function unprotect(api, repo) {
    const ours = (await restrictions(api, repo)).filter((r) => isMatchAll(r) && RESTRICTION_TYPES.includes(r.type));
    for (const restriction of ours) {
        if (typeof restriction.id === 'number')
            await deleteRestriction(api, repo, restriction.id);
    }
    return ours.length > 0;
}
/** Every restriction on the repository (paged, complete or throws). */
function restrictions(api, repo) {
    return api.collect(api.branchPermissions, `${api.repoPath(repo.path)}/restrictions`, { matcherType: 'PATTERN' }, `branch permissions of ${repo.path}`, false);
}
async function deleteRestriction(api, repo, id) {
    // 404: already gone (e.g. replaced by the bulk create) — the goal is reached.
    await api.branchPermissions.request('DELETE', `${api.repoPath(repo.path)}/restrictions/${id}`, {
        allowStatus: [404],
    });
}
/**
 * The slug of the account the token belongs to, for the branch-permission exemption. Bitbucket names the
 * authenticated user in the `X-AUSERNAME` header of every authenticated answer; the slug comes from the user
 * search. Project/repository HTTP access tokens act as a bot user that cannot be found there and cannot be
 * exempted from branch permissions: use a personal HTTP access token (or username + token) for the target.
 */
function mirrorUserSlug(api, repo) {
    api.mirrorUser ??= findMirrorUserSlug(api, repo);
    api.mirrorUser.catch(() => (api.mirrorUser = undefined));
    return api.mirrorUser;
}
async function findMirrorUserSlug(api, repo) {
    const probe = await api.http.request('GET', api.repoPath(repo.path));
    const name = probe.headers['x-ausername'] ?? api.endpoint.username;
    if (!name) {
        throw new host/* HostError */.dh(`bitbucket-server: cannot tell which user the ${api.role} token belongs to, so the mirror cannot be exempted ` +
            `from branch permissions. Project and repository access tokens cannot be exempted: use a personal HTTP ` +
            `access token, or set ${api.role}-username.`, { kind: 'config' });
    }
    // Most user slugs are the lower-cased user name: try that user directly, then search.
    const direct = await api.http.request('GET', `/users/${encodeURIComponent(name.toLowerCase())}`, {
        allowStatus: [404],
    });
    const same = (u) => u?.name?.toLowerCase() === name.toLowerCase();
    const user = direct.status === 200 && same(direct.data)
        ? direct.data
        : (await api.collect(api.http, '/users', { filter: name }, 'user search', false, false)).find((u) => same(u) || u.slug === name.toLowerCase());
    if (!user?.slug) {
        throw new host/* HostError */.dh(`bitbucket-server: the ${api.role} token's user '${name}' was not found among users (a project or repository ` +
            `access token's bot user cannot be exempted from branch permissions; use a personal token).`, { kind: 'config' });
    }
    return user.slug;
}
function isMatchAll(restriction) {
    return restriction.matcher?.type?.id === 'PATTERN' && restriction.matcher.id === MATCH_ALL;
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-server/repo-settings.ts
/** Creating a Bitbucket Server repository and the settings the mirror keeps on it. */

async function createRepo(api, request) {
    if (request.visibility === 'internal') {
        throw new host/* HostError */.dh(`bitbucket-server: cannot create ${api.owner}/${request.name} with visibility 'internal': Bitbucket Data Center ` +
            `repositories are either private or public. Use visibility 'private' or 'public'.`, { kind: 'config' });
    }
    const isPublic = request.visibility === 'public';
    const response = await api.http.request('POST', `${api.projectPath()}/repos`, {
        body: {
            name: request.name,
            scmId: 'git',
            description: request.description,
            public: isPublic,
            ...(request.defaultBranch ? { defaultBranch: request.defaultBranch } : {}),
        },
    });
    let created = response.data;
    // Older servers ignore `public` on creation: set it afterwards when the answer shows otherwise.
    if (created.public !== undefined && created.public !== isPublic && created.slug) {
        created = (await api.http.request('PUT', api.repoPath(created.slug), { body: { public: isPublic } }))
            .data;
    }
    const info = api.toRepoInfo(created, (m) => new host/* HostError */.dh(m));
    info.defaultBranch = request.defaultBranch;
    return info;
}
async function setDescription(api, repo, description) {
    if ((repo.description ?? '') === description)
        return false;
    await api.http.request('PUT', api.repoPath(repo.path), { body: { description } });
    repo.description = description;
    return true;
}
async function setDefaultBranch(api, repo, branch) {
    const current = repo.defaultBranch ?? (await api.readDefaultBranch(repo.path));
    if (current === branch)
        return false;
    await api.http.request('PUT', `${api.repoPath(repo.path)}/default-branch`, {
        body: { id: `refs/heads/${branch}` },
    });
    repo.defaultBranch = branch;
    return true;
}
async function setVisibility(api, repo, visibility) {
    const isPublic = visibility === 'public';
    if ((repo.visibility === 'public') === isPublic)
        return false;
    await api.http.request('PUT', api.repoPath(repo.path), { body: { public: isPublic } });
    repo.visibility = isPublic ? 'public' : 'private';
    return true;
}

;// CONCATENATED MODULE: ./src/hosts/bitbucket-server/bitbucket-server-host.ts






class BitbucketServerHost {
    role;
    type = 'bitbucket-server';
    owner;
    protectionStrategy = 'exempt';
    /** History refs: accepts and advertises refs outside heads/tags (only refs/pull-requests/* is reserved). */
    historyRefs = 'refs';
    visibilities = ['private', 'public'];
    api;
    constructor(endpoint, role, clientOptions = {}) {
        this.role = role;
        this.api = new BitbucketServerApi(endpoint, role, clientOptions);
        this.owner = this.api.owner;
    }
    /** The core API client, for tests. */
    get http() {
        return this.api.http;
    }
    gitAuthHeader() {
        return this.api.authorization ? `Authorization: ${this.api.authorization}` : undefined;
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

;// CONCATENATED MODULE: ./src/hosts/bitbucket-server/index.ts




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
