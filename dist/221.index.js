export const id = 221;
export const ids = [221];
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

/***/ 4253:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ backingOffReason),
/* harmony export */   Cd: () => (/* binding */ streakFields),
/* harmony export */   _x: () => (/* binding */ describeStreak),
/* harmony export */   aH: () => (/* binding */ updateHealth),
/* harmony export */   e8: () => (/* binding */ HEALTHS),
/* harmony export */   e_: () => (/* binding */ needsAttention),
/* harmony export */   n9: () => (/* binding */ RUN_ENTRY),
/* harmony export */   nZ: () => (/* binding */ isDue)
/* harmony export */ });
/* unused harmony exports BACKOFF_AFTER, DEFAULT_BACKOFF_MAX, healthOf, backoffInterval, nextAttemptRun, emptyHealthFile, nextEntry, shortDate */
const HEALTHS = ['healthy', 'failing', 'diverged', 'held', 'orphaned'];
/** Failed runs in a row after which a repository is tried less often. */
const BACKOFF_AFTER = 3;
const DEFAULT_BACKOFF_MAX = 12;
/** The name a repository's health is kept under: `repositories` names and events give the source path too. */
const RUN_ENTRY = '(run)';
/** Health of a sync result; undefined for statuses that say nothing about it (skipped, backing-off, preview/check). */
function healthOf(status) {
    switch (status) {
        case 'created':
        case 'updated':
        case 'up-to-date':
            return 'healthy';
        case 'failed':
            return 'failing';
        case 'diverged':
            return 'diverged';
        case 'held':
            return 'held';
        case 'orphaned':
            return 'orphaned';
        default:
            return undefined;
    }
}
function needsAttention(health) {
    return health !== 'healthy';
}
/**
 * Full runs to wait after the last attempt: 1 (every run) up to BACKOFF_AFTER failures in a row, then 2, 4, 8 … at
 * most `max` (0 or 1: every run).
 */
function backoffInterval(consecutiveFailures, max) {
    if (consecutiveFailures < BACKOFF_AFTER || max <= 1)
        return 1;
    const exponent = consecutiveFailures - BACKOFF_AFTER + 1;
    return exponent >= 30 ? max : Math.min(2 ** exponent, max);
}
/** The full run a failing repository is tried next; undefined when it is tried on every run. */
function nextAttemptRun(entry, max) {
    if (!entry || entry.health !== 'failing' || entry.lastAttemptRun === undefined)
        return undefined;
    const interval = backoffInterval(entry.consecutiveFailures, max);
    return interval > 1 ? entry.lastAttemptRun + interval : undefined;
}
/** Whether full run number `run` attempts the repository (a run naming it always does: not decided here). */
function isDue(entry, run, max) {
    const next = nextAttemptRun(entry, max);
    return next === undefined || run >= next;
}
function emptyHealthFile() {
    return { version: 1, fullRuns: 0, repos: {} };
}
/** The next entry of a repository whose attempt ended in `health`. */
function nextEntry(previous, health, facts, reason, run) {
    if (health === 'healthy')
        return { health, consecutiveFailures: 0, lastSuccess: facts.now, lastAttemptRun: run };
    const continues = previous?.health === health;
    const entry = {
        health,
        since: continues ? (previous.since ?? facts.now) : facts.now,
        consecutiveFailures: continues ? previous.consecutiveFailures + 1 : 1,
        lastAttemptRun: run,
    };
    if (previous?.lastSuccess)
        entry.lastSuccess = previous.lastSuccess;
    const firstReason = continues ? previous.reason : reason;
    if (firstReason)
        entry.reason = oneLine(firstReason);
    const runUrl = continues ? previous.runUrl : facts.runUrl;
    if (runUrl)
        entry.runUrl = runUrl;
    return entry;
}
/**
 * The health after a sync run, and what changed. Repositories the run did not attempt (backing off, skipped, or not
 * named) keep their entry; after a complete listing, entries of repositories no longer selected are dropped. The
 * first run (no file before) reports the unhealthy repositories as changes.
 */
function updateHealth(previous, results, facts) {
    const before = previous ?? emptyHealthFile();
    const run = before.fullRuns + (facts.fullRun ? 1 : 0);
    const file = { version: 1, fullRuns: run, repos: facts.complete ? {} : { ...before.repos } };
    if (before.statusIssue)
        file.statusIssue = before.statusIssue;
    const changes = [];
    const note = (repository, was, now) => {
        // A repository seen for the first time is news only when it needs attention.
        const changed = was ? was.health !== now.health : needsAttention(now.health);
        if (!changed)
            return;
        const change = { repository, to: now.health };
        if (was)
            change.from = was.health;
        if (now.reason)
            change.reason = now.reason;
        if (now.since)
            change.failingSince = now.since;
        changes.push(change);
    };
    for (const result of results) {
        const was = before.repos[result.name];
        const health = healthOf(result.status);
        if (health === undefined) {
            if (was && result.status === 'backing-off')
                file.repos[result.name] = was;
            continue;
        }
        const entry = nextEntry(was, health, facts, result.reason, run);
        file.repos[result.name] = entry;
        note(result.name, was, entry);
    }
    if (facts.error) {
        file.run = nextEntry(before.run, 'failing', facts, facts.error, run);
        file.repos = { ...before.repos };
        note(RUN_ENTRY, before.run, file.run);
    }
    else if (before.run) {
        note(RUN_ENTRY, before.run, { health: 'healthy', consecutiveFailures: 0, lastSuccess: facts.now });
    }
    return { file, changes };
}
/** The report fields of a repository's entry (and, backing off, when it is tried next). */
function streakFields(entry, backoffMax) {
    if (!entry)
        return {};
    const fields = { health: entry.health };
    if (entry.since)
        fields.failingSince = entry.since;
    if (entry.consecutiveFailures)
        fields.consecutiveFailures = entry.consecutiveFailures;
    if (entry.lastSuccess)
        fields.lastSuccess = entry.lastSuccess;
    const next = nextAttemptRun(entry, backoffMax);
    if (next !== undefined)
        fields.nextAttemptRun = next;
    return fields;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `3 Dec` (this year) or `3 Dec 2025`, in UTC. */
function shortDate(iso, now = new Date()) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()))
        return iso;
    const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
    return date.getUTCFullYear() === now.getUTCFullYear() ? day : `${day} ${date.getUTCFullYear()}`;
}
/** `failing since 3 Dec, 12 runs` for an unhealthy streak; undefined otherwise. */
function describeStreak(fields, now = new Date()) {
    if (!fields.health || fields.health === 'healthy' || !fields.failingSince)
        return undefined;
    const runs = fields.consecutiveFailures ?? 1;
    return `${fields.health} since ${shortDate(fields.failingSince, now)}, ${runs} run${runs === 1 ? '' : 's'}`;
}
/** Why a repository is not tried this run, with when it will be. */
function backingOffReason(entry, run, max) {
    const next = nextAttemptRun(entry, max) ?? run;
    const inRuns = Math.max(1, next - run);
    return (`backing off after ${entry.consecutiveFailures} failed runs in a row: tried again in ${inRuns} full ` +
        `run${inRuns === 1 ? '' : 's'} (run ${next}), or at once by a run naming it` +
        (entry.reason ? `; failing with: ${entry.reason}` : ''));
}
function oneLine(text) {
    const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    return line.length > 300 ? `${line.slice(0, 300)}…` : line;
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

/***/ 19:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ writeFileAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Write a file so that readers (and a persisted cache) see the old content or the new one, never half of it: write
 * a temporary file in the same directory, then rename it over the target (atomic on POSIX file systems).
 */
async function writeFileAtomic(file, content) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(file));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true });
    const temp = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, `.${node_path__WEBPACK_IMPORTED_MODULE_2___default().basename(file)}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temp, content, 'utf8');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, file);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temp, { force: true });
        throw error;
    }
}


/***/ })

};
