export const id = 2;
export const ids = [2];
export const modules = {

/***/ 4221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HealthSession: () => (/* binding */ HealthSession),
/* harmony export */   HealthStore: () => (/* binding */ HealthStore),
/* harmony export */   healthKey: () => (/* binding */ healthKey),
/* harmony export */   mirrorLabel: () => (/* binding */ mirrorLabel),
/* harmony export */   partitionDue: () => (/* binding */ partitionDue)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _report_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(19);
/* harmony import */ var _health_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4253);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9946);
/**
 * The health file of one mirror (and shard), `cache-dir/health/<hash>.json`, and the run's use of it: which
 * repositories back off this run (the engine asks), then, once the run is over, the new health written and the report
 * entries annotated with their streaks. Only `sync` writes health; `check` and `preview` show what the last sync
 * recorded.
 */





/** `<id or source → target>`: how notifications and the status issue name the mirror. */
function mirrorLabel(settings) {
    if (settings.mirrorId)
        return settings.mirrorId;
    const side = (end) => `${new URL(end.url).host}/${end.owner}`;
    return `${side(settings.source)} → ${side(settings.target)}`;
}
/** The mirror and shard a health file (and a status issue) belongs to. */
function healthKey(settings) {
    const shard = settings.shard ? `:${settings.shard.index}/${settings.shard.count}` : '';
    return `${mirrorLabel(settings)}${shard}`;
}
class HealthStore {
    cacheDir;
    key;
    constructor(cacheDir, key) {
        this.cacheDir = cacheDir;
        this.key = key;
    }
    get file() {
        return node_path__WEBPACK_IMPORTED_MODULE_1___default().join(this.cacheDir, 'health', `${(0,_state_js__WEBPACK_IMPORTED_MODULE_3__/* .stableHash */ .c6)(`health:${this.key}`)}.json`);
    }
    async read() {
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(this.file, 'utf8');
        }
        catch {
            return undefined;
        }
        try {
            const file = JSON.parse(text);
            if (file?.version !== 1 || typeof file.repos !== 'object' || file.repos === null)
                return undefined;
            for (const [name, entry] of Object.entries(file.repos)) {
                if (!_health_js__WEBPACK_IMPORTED_MODULE_4__/* .HEALTHS */ .e8.includes(entry?.health))
                    delete file.repos[name];
            }
            return { ...file, fullRuns: Number.isInteger(file.fullRuns) ? file.fullRuns : 0 };
        }
        catch {
            // A damaged file is no history: every repository is tried, the next run starts the streaks again.
            return undefined;
        }
    }
    async write(file) {
        await (0,_report_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Z)(this.file, `${JSON.stringify(file)}\n`);
    }
}
/** One run's view of its mirror's health. */
class HealthSession {
    settings;
    store;
    fullRun;
    /**
     * Read when first needed: the engine first asks after it took the cache lock, so a run waiting for another one sees
     * the health that run recorded.
     */
    previous;
    constructor(settings, store, 
    /** Not limited to named repositories (`repositories`, an event): backoff applies and the run is counted. */
    fullRun) {
        this.settings = settings;
        this.store = store;
        this.fullRun = fullRun;
    }
    static open(settings, named) {
        const store = new HealthStore(settings.cacheDir, healthKey(settings));
        const fullRun = settings.mode === 'sync' && !named && !settings.repositories?.length;
        return new HealthSession(settings, store, fullRun);
    }
    load() {
        this.previous ??= this.store.read();
        return this.previous;
    }
    /**
     * For the engine: a `backing-off` result for a repository that is not due this run, else undefined (try it). Only a
     * full sync backs off: a run naming a repository always tries it.
     */
    defer = async (name, target) => {
        if (!this.fullRun)
            return undefined;
        const previous = await this.load();
        const run = (previous?.fullRuns ?? 0) + 1;
        const entry = previous?.repos[name];
        if (!entry || (0,_health_js__WEBPACK_IMPORTED_MODULE_4__/* .isDue */ .nZ)(entry, run, this.settings.backoffMax))
            return undefined;
        const result = {
            name,
            status: 'backing-off',
            reason: (0,_health_js__WEBPACK_IMPORTED_MODULE_4__/* .backingOffReason */ .$C)(entry, run, this.settings.backoffMax),
            refs: [],
            durationMs: 0,
        };
        if (target !== undefined)
            result.target = target;
        return result;
    };
    /**
     * After the run: in sync, the new health is written and the changes returned; in every mode the report's entries get
     * their streak fields. Writing health never fails the run: a write error is returned for a warning.
     */
    async record(report, now = new Date()) {
        const previous = await this.load();
        const first = previous === undefined;
        let file = previous;
        let changes = [];
        if (this.settings.mode === 'sync') {
            const update = (0,_health_js__WEBPACK_IMPORTED_MODULE_4__/* .updateHealth */ .aH)(previous, report.repos, {
                now: now.toISOString(),
                fullRun: this.fullRun,
                complete: this.fullRun && !report.error,
                ...(this.settings.runUrl ? { runUrl: this.settings.runUrl } : {}),
                ...(report.error ? { error: report.error } : {}),
            });
            file = update.file;
            changes = update.changes;
            await this.store.write(file);
        }
        for (const repo of report.repos) {
            Object.assign(repo, (0,_health_js__WEBPACK_IMPORTED_MODULE_4__/* .streakFields */ .Cd)(file?.repos[repo.name], this.settings.backoffMax));
        }
        return { file: file ?? { version: 1, fullRuns: 0, repos: {} }, changes, first };
    }
    /** Remember the status issue (its number) for the next run. */
    async rememberIssue(file, issue) {
        if (JSON.stringify(file.statusIssue) === JSON.stringify(issue))
            return;
        if (issue)
            file.statusIssue = issue;
        else
            delete file.statusIssue;
        await this.store.write(file);
    }
}
/** Jobs due this run, and the results of those that back off. */
async function partitionDue(jobs, defer) {
    const due = [];
    const deferred = [];
    for (const job of jobs) {
        const result = await defer?.(job.source.path, job.targetPath);
        if (result)
            deferred.push(result);
        else
            due.push(job);
    }
    return { due, deferred };
}


/***/ }),

/***/ 9946:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wr: () => (/* binding */ refsRecord),
/* harmony export */   c6: () => (/* binding */ stableHash),
/* harmony export */   fy: () => (/* binding */ StateStore)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _report_atomic_write_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(19);
/**
 * What the mirror last wrote to each target repository, kept in `cache-dir/state/<hash>.json` (one small file per
 * repository, written atomically). It tells a source force-push (the target still holds what we wrote: allowed) from
 * a change made on the target (it holds something else: diverged), and lets a no-op run skip repositories whose
 * source activity stamp has not moved.
 */




function stableHash(text) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex').slice(0, 32);
}
class StateStore {
    cacheDir;
    constructor(cacheDir) {
        this.cacheDir = cacheDir;
    }
    fileFor(key) {
        return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(this.cacheDir, 'state', `${stableHash(key)}.json`);
    }
    async read(key) {
        let text;
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(this.fileFor(key), 'utf8');
        }
        catch {
            return undefined;
        }
        try {
            const state = JSON.parse(text);
            if (state?.version !== 1 || typeof state.refs !== 'object' || state.refs === null)
                return undefined;
            return state;
        }
        catch {
            // A damaged state file is treated as no state: divergence falls back to ancestry, never to silent overwrite.
            return undefined;
        }
    }
    async write(key, state) {
        await (0,_report_atomic_write_js__WEBPACK_IMPORTED_MODULE_3__/* .writeFileAtomic */ .Z)(this.fileFor(key), `${JSON.stringify(state)}\n`);
    }
}
function refsRecord(refs) {
    return Object.fromEntries([...refs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}


/***/ }),

/***/ 2:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  followHealth: () => (/* binding */ followHealth)
});

// EXTERNAL MODULE: ./src/mirror/health-store.ts
var health_store = __webpack_require__(4221);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
;// CONCATENATED MODULE: ./src/report/issue-clients.ts
/**
 * The issue calls of the status issue, on GitHub (https://docs.github.com/rest/issues/issues) and GitLab
 * (https://docs.gitlab.com/api/issues/), over the project's HTTP client (its retries, timeouts and token-free errors).
 */

/** Pages read when looking for the marker (100 issues each). */
const MAX_PAGES = 30;
const PER_PAGE = 100;
/** The `rel="next"` URL of an RFC 8288 `Link` header (GitHub and GitLab both send one). */
function nextLink(headers) {
    for (const part of (headers.link ?? '').split(',')) {
        const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
        if (match)
            return match[1];
    }
    return undefined;
}
function issueClientFor(settings, timeoutMs) {
    return settings.host === 'github' ? new GitHubIssues(settings, timeoutMs) : new GitLabIssues(settings, timeoutMs);
}
class GitHubIssues {
    http;
    base;
    constructor(settings, timeoutMs) {
        this.http = new http_client/* HttpClient */.Qq({
            baseUrl: settings.apiUrl,
            label: 'status-issue',
            timeoutMs,
            headers: {
                authorization: `Bearer ${settings.token}`,
                accept: 'application/vnd.github+json',
                'x-github-api-version': '2022-11-28',
            },
        });
        const [owner, repo] = settings.repository.split('/');
        this.base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues`;
    }
    static issue(data) {
        return { number: data.number, open: data.state === 'open', body: data.body ?? '' };
    }
    async get(number) {
        const answer = await this.http.request('GET', `${this.base}/${number}`, { allowStatus: [404, 410] });
        return answer.status === 200 && !answer.data.pull_request ? GitHubIssues.issue(answer.data) : undefined;
    }
    async find(marker) {
        let url = this.base;
        let query = {
            state: 'all',
            sort: 'created',
            direction: 'asc',
            per_page: PER_PAGE,
        };
        for (let page = 1; url && page <= MAX_PAGES; page++) {
            const answer = await this.http.request('GET', url, { query });
            const found = answer.data.find((issue) => !issue.pull_request && (issue.body ?? '').includes(marker));
            if (found)
                return GitHubIssues.issue(found);
            url = nextLink(answer.headers);
            query = undefined;
        }
        return undefined;
    }
    async create(title, body) {
        const answer = await this.http.request('POST', this.base, { body: { title, body } });
        return GitHubIssues.issue(answer.data);
    }
    async update(number, change) {
        const body = {};
        if (change.title !== undefined)
            body.title = change.title;
        if (change.body !== undefined)
            body.body = change.body;
        if (change.open !== undefined) {
            body.state = change.open ? 'open' : 'closed';
            if (!change.open)
                body.state_reason = 'completed';
        }
        await this.http.request('PATCH', `${this.base}/${number}`, { body });
    }
}
class GitLabIssues {
    http;
    base;
    constructor(settings, timeoutMs) {
        this.http = new http_client/* HttpClient */.Qq({
            baseUrl: settings.apiUrl,
            label: 'status-issue',
            timeoutMs,
            headers: { 'private-token': settings.token },
        });
        // A project's numeric id or its URL-encoded path (https://docs.gitlab.com/api/rest/#namespaced-paths).
        this.base = `/projects/${encodeURIComponent(settings.repository)}/issues`;
    }
    static issue(data) {
        return { number: data.iid, open: data.state === 'opened', body: data.description ?? '' };
    }
    async get(number) {
        const answer = await this.http.request('GET', `${this.base}/${number}`, { allowStatus: [404] });
        return answer.status === 200 ? GitLabIssues.issue(answer.data) : undefined;
    }
    async find(marker) {
        let url = this.base;
        let query = {
            order_by: 'created_at',
            sort: 'asc',
            per_page: PER_PAGE,
        };
        for (let page = 1; url && page <= MAX_PAGES; page++) {
            const answer = await this.http.request('GET', url, { query });
            const found = answer.data.find((issue) => (issue.description ?? '').includes(marker));
            if (found)
                return GitLabIssues.issue(found);
            url = nextLink(answer.headers);
            query = undefined;
        }
        return undefined;
    }
    async create(title, body) {
        const answer = await this.http.request('POST', this.base, { body: { title, description: body } });
        return GitLabIssues.issue(answer.data);
    }
    async update(number, change) {
        const body = {};
        if (change.title !== undefined)
            body.title = change.title;
        if (change.body !== undefined)
            body.description = change.body;
        if (change.open !== undefined)
            body.state_event = change.open ? 'reopen' : 'close';
        await this.http.request('PUT', `${this.base}/${number}`, { body });
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/mirror/health.ts
var mirror_health = __webpack_require__(4253);
;// CONCATENATED MODULE: ./src/report/notify.ts
/**
 * Notifications on change (SPEC "Health over time"): one JSON POST per run that changed any repository's health,
 * `{"text", "mirror", "changes"}`. `text` is one line that Slack, Mattermost and Rocket.Chat incoming webhooks show as
 * it is; `changes` is for machines. With `notify-secret`, `X-Org-Mirror-Signature-256: sha256=<hex HMAC-SHA256 of the
 * body>` (as GitHub signs webhooks). Bounded: the HTTP client's retries, `request-timeout` per attempt. A failed
 * notification is a warning, never a failed run. Nothing secret goes in: names, health, dates and the run's reasons,
 * which are redacted like the report.
 */




const SIGNATURE_HEADER = 'x-org-mirror-signature-256';
const HEALTH_ICONS = {
    healthy: '✅',
    failing: '❌',
    diverged: '⚠️',
    held: '⏸️',
    orphaned: '👻',
};
/** Names listed in `text` before "and N more". */
const NAMES_IN_TEXT = 5;
function names(changes) {
    const shown = changes.slice(0, NAMES_IN_TEXT).map((change) => change.repository);
    const more = changes.length - shown.length;
    return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
/** Counts of each health in the file, problems first: `❌ 2 failing · ✅ 120 healthy`. */
function healthCounts(file) {
    const counts = new Map();
    for (const entry of Object.values(file.repos))
        counts.set(entry.health, (counts.get(entry.health) ?? 0) + 1);
    const order = ['failing', 'diverged', 'held', 'orphaned', 'healthy'];
    return order
        .filter((health) => counts.get(health))
        .map((health) => `${HEALTH_ICONS[health]} ${counts.get(health)} ${health}`)
        .join(' · ');
}
/**
 * The one-line `text`: `org-mirror github.com/acme → gitlab.example.com/mirrors/acme: ❌ api now failing; ✅ web
 * recovered — ❌ 1 failing · ✅ 120 healthy`.
 */
function notificationText(mirror, changes, file) {
    const byHealth = new Map();
    for (const change of changes)
        byHealth.set(change.to, [...(byHealth.get(change.to) ?? []), change]);
    const parts = [];
    for (const [health, list] of byHealth) {
        const run = list.filter((change) => change.repository === mirror_health/* RUN_ENTRY */.n9);
        const repos = list.filter((change) => change.repository !== mirror_health/* RUN_ENTRY */.n9);
        if (run.length)
            parts.push(`${HEALTH_ICONS[health]} the run itself ${health === 'healthy' ? 'works again' : health}`);
        if (repos.length) {
            const verb = health === 'healthy' ? 'recovered' : `now ${health}`;
            parts.push(`${HEALTH_ICONS[health]} ${names(repos)} ${verb}`);
        }
    }
    const counts = healthCounts(file);
    return `org-mirror ${mirror}: ${parts.join('; ')}${counts ? ` — ${counts}` : ''}`.replace(/[\r\n]+/g, ' ');
}
/** The document of a run's changes; undefined when nothing changed (no POST). */
function buildNotification(mirror, changes, file) {
    if (!changes.length)
        return undefined;
    const ordered = [...changes].sort((a, b) => Number((0,mirror_health/* needsAttention */.e_)(b.to)) - Number((0,mirror_health/* needsAttention */.e_)(a.to)));
    return { text: notificationText(mirror, ordered, file), mirror, changes: ordered };
}
/** `sha256=<hex HMAC-SHA256 of the body>`. */
function signBody(body, secret) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body).digest('hex')}`;
}
/** POSTs the notification (its JSON text, already redacted); resolves to a warning when undelivered, never throws. */
async function sendNotification(body, options) {
    const headers = {};
    if (options.secret)
        headers[SIGNATURE_HEADER] = signBody(body, options.secret);
    const client = new http_client/* HttpClient */.Qq({
        baseUrl: options.url,
        label: 'notify-url',
        timeoutMs: options.timeoutMs,
        retry: { maxRetries: 2, maxTotalWaitMs: 10_000 },
        secrets: [options.url, ...(options.secret ? [options.secret] : [])],
    });
    try {
        await client.request('POST', options.url, { body, headers: { ...headers, accept: '*/*' } });
        return undefined;
    }
    catch (error) {
        // A 2xx answer that is not JSON (Slack answers `ok` as text/plain) is a delivered notification.
        if (error instanceof host/* HostError */.dh && error.status !== undefined && error.status >= 200 && error.status < 300) {
            return undefined;
        }
        const reason = error instanceof Error ? error.message : String(error);
        return `Could not send the notification to notify-url: ${options.redact(client.redact(reason))}`;
    }
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/report/status-issue.ts
/**
 * The status issue (SPEC "Health over time"; the pattern of Renovate's Dependency Dashboard): one issue per mirror
 * (and shard) found again by a hidden marker, showing the health — counts with icons, problems first, healthy ones
 * folded — opened or reopened while anything needs attention, closed when all is healthy, and written only when its
 * text or state must change. The body holds nothing that changes from run to run while health does not (no run
 * counter, no time of the last run), and stays under GitHub's 65,536-character limit whatever the number of
 * repositories: what does not fit is counted, and the body says so.
 */



/** GitHub's limit on an issue body, in characters. https://github.com/orgs/community/discussions/41331 */
const GITHUB_BODY_LIMIT = 65_536;
/** What the body is built to stay under (room for GitHub's own normalisation of line ends). */
const BODY_BUDGET = 60_000;
const MAX_REASON = 200;
function statusMarker(key) {
    return `<!-- org-mirror:status:${key.replace(/--+>?/g, '-')} -->`;
}
function issueTitle(key) {
    return `org-mirror status: ${key}`;
}
const ORDER = ['failing', 'diverged', 'held', 'orphaned', 'healthy'];
function day(iso) {
    return iso ? iso.slice(0, 10) : '';
}
function problemRow(name, entry) {
    const since = day(entry.since);
    const sinceCell = entry.runUrl && since ? `[${since}](${entry.runUrl.replace(/[()\s]/g, encodeURIComponent)})` : since;
    const reason = entry.reason ?? '';
    const cells = [
        name === mirror_health/* RUN_ENTRY */.n9 ? '*the run itself*' : (0,markdown/* escapeCell */.kq)(name),
        `${HEALTH_ICONS[entry.health]} ${entry.health}`,
        sinceCell,
        (0,markdown/* escapeCell */.kq)(reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason),
    ];
    return `| ${cells.join(' | ')} |`;
}
const byName = ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0);
/** The issue as it should be now, from the mirror's health. */
function desiredIssue(key, file, budget = BODY_BUDGET) {
    const marker = statusMarker(key);
    const entries = Object.entries(file.repos).sort(byName);
    const problems = [
        ...(file.run ? [[mirror_health/* RUN_ENTRY */.n9, file.run]] : []),
        ...entries.filter(([, entry]) => (0,mirror_health/* needsAttention */.e_)(entry.health)),
    ].sort((a, b) => ORDER.indexOf(a[1].health) - ORDER.indexOf(b[1].health));
    const healthy = entries.filter(([, entry]) => !(0,mirror_health/* needsAttention */.e_)(entry.health)).map(([name]) => name);
    const open = problems.length > 0;
    const lines = [marker, `## org-mirror: ${(0,markdown/* escapeCell */.kq)(key)}`, ''];
    const counts = healthCounts(file);
    lines.push(open ? `${counts || `❌ the run itself is failing`}` : `${counts || 'No repository mirrored yet.'}`, '', open ? 'Needs attention: this issue is closed again when every repository is healthy.' : 'All healthy.');
    let size = lines.join('\n').length;
    // Room kept for the closing lines and the notes on what did not fit.
    const reserve = 600;
    const add = (line) => {
        if (size + line.length + 1 + reserve > budget)
            return false;
        lines.push(line);
        size += line.length + 1;
        return true;
    };
    const notListed = [];
    if (problems.length) {
        add('');
        add(`### Needs attention (${problems.length})`);
        add('');
        add('| Repository | Health | Since (the run it began) | Reason |');
        add('| --- | --- | --- | --- |');
        const shown = problems.findIndex(([name, entry]) => !add(problemRow(name, entry)));
        if (shown !== -1)
            notListed.push(`${problems.length - shown} of the repositories that need attention`);
    }
    if (healthy.length) {
        add('');
        add(`<details><summary>${HEALTH_ICONS.healthy} ${healthy.length} healthy</summary>`);
        add('');
        const names = [];
        let used = 0;
        for (const name of healthy) {
            const text = (0,markdown/* escapeCell */.kq)(name);
            if (size + used + text.length + 2 + reserve > budget)
                break;
            names.push(text);
            used += text.length + 2;
        }
        add(names.join(', '));
        if (names.length < healthy.length)
            notListed.push(`${healthy.length - names.length} healthy repositories`);
        lines.push('', '</details>');
    }
    if (notListed.length) {
        lines.push('', `Not listed here: ${notListed.join(' and ')} (an issue holds at most ${GITHUB_BODY_LIMIT.toLocaleString('en-US')} characters); the run's JSON report lists every repository.`);
    }
    lines.push('', '<sub>Kept up to date by org-mirror; edits to this issue are overwritten.</sub>');
    return { title: issueTitle(key), body: `${lines.join('\n')}\n`, marker, open };
}
/**
 * Bring the issue to `desired` with as few requests as possible: the remembered issue is read (one request), a
 * search happens only when nothing is remembered or an issue must be opened, and a write only when the body or state
 * differs. Returns what to remember and what was done.
 */
async function syncStatusIssue(client, desired, remembered, host) {
    const rememberedHere = remembered?.host === host ? remembered : undefined;
    let issue;
    if (rememberedHere?.number !== undefined) {
        issue = await client.get(rememberedHere.number);
        if (issue && !issue.body.includes(desired.marker))
            issue = undefined;
    }
    if (!issue && (rememberedHere?.number !== undefined || !rememberedHere || desired.open)) {
        issue = await client.find(desired.marker);
    }
    if (!issue) {
        if (!desired.open)
            return { remember: { host }, action: 'none' };
        const created = await client.create(desired.title, desired.body);
        return { remember: { host, number: created.number }, action: 'created' };
    }
    const change = {};
    if (normalised(issue.body) !== normalised(desired.body))
        change.body = desired.body;
    if (issue.open !== desired.open)
        change.open = desired.open;
    if (!Object.keys(change).length)
        return { remember: { host, number: issue.number }, action: 'none' };
    await client.update(issue.number, change);
    const action = change.open === true ? 'reopened' : change.open === false ? 'closed' : 'updated';
    return { remember: { host, number: issue.number }, action };
}
/** Hosts may store line ends as CRLF and drop the final newline: neither is a change. */
function normalised(body) {
    return body.replace(/\r\n?/g, '\n').trimEnd();
}

;// CONCATENATED MODULE: ./src/report/health-follow-up.ts
/**
 * After a run: its health recorded (sync) or shown (check, preview), then — sync only, and only when health changed or
 * the status issue differs — the notification and the status issue. Neither can fail the run: problems are warnings.
 */




const HEALTH_MODES = new Set(['sync', 'check', 'preview']);
async function followHealth(report, settings, runtime, session) {
    if (!HEALTH_MODES.has(settings.mode))
        return;
    let recorded;
    try {
        recorded = await session.record(report);
    }
    catch (error) {
        runtime.warning(`Could not record the health of this run in ${settings.cacheDir}: ${describe(error, runtime)}`);
        return;
    }
    if (settings.mode !== 'sync')
        return;
    if (recorded.changes.length) {
        runtime.info(`Health changed: ${recorded.changes.map((change) => `${printable(change.repository)} ${change.from ?? 'new'} → ${change.to}`).join(', ')}`);
    }
    await notify(recorded, settings, runtime);
    await updateStatusIssue(recorded, settings, runtime, session);
}
async function notify(recorded, settings, runtime) {
    if (!settings.notify)
        return;
    const notification = buildNotification((0,health_store.mirrorLabel)(settings), recorded.changes, recorded.file);
    if (!notification)
        return;
    const warning = await sendNotification(runtime.redact(JSON.stringify(notification)), {
        url: settings.notify.url,
        secret: settings.notify.secret,
        timeoutMs: settings.requestTimeout * 1000,
        redact: (text) => runtime.redact(text),
    });
    if (warning)
        runtime.warning(warning);
    else
        runtime.info(`Sent ${recorded.changes.length} health change(s) to notify-url`);
}
async function updateStatusIssue(recorded, settings, runtime, session) {
    const where = settings.statusIssue;
    if (!where)
        return;
    const host = `${where.apiUrl}#${where.repository}`;
    try {
        const desired = desiredIssue((0,health_store.healthKey)(settings), recorded.file);
        desired.body = runtime.redact(desired.body);
        const client = issueClientFor(where, settings.requestTimeout * 1000);
        const { remember, action } = await syncStatusIssue(client, desired, recorded.file.statusIssue, host);
        if (action !== 'none')
            runtime.info(`Status issue #${remember.number} in ${where.repository}: ${action}`);
        await session.rememberIssue(recorded.file, remember);
    }
    catch (error) {
        runtime.warning(`Could not update the status issue in ${where.repository}: ${describe(error, runtime)}`);
    }
}
function describe(error, runtime) {
    return runtime.redact(error instanceof Error ? error.message : String(error));
}
/** A name as the log may show it: quoted and escaped when it holds a control character (a newline would forge a line). */
function printable(name) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the log raw
    return /[\x00-\x1f\x7f]/.test(name) ? JSON.stringify(name) : name;
}


/***/ })

};
