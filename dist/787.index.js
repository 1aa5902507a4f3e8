export const id = 787;
export const ids = [787];
export const modules = {

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


/***/ }),

/***/ 5132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* binding */ isFailing),
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   QD: () => (/* binding */ STATUS_ORDER),
/* harmony export */   WN: () => (/* binding */ countsText),
/* harmony export */   Z3: () => (/* binding */ refCountsOf),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   dC: () => (/* binding */ summaryLine),
/* harmony export */   db: () => (/* binding */ OUTPUT_STATUSES),
/* harmony export */   n0: () => (/* binding */ setOutputs),
/* harmony export */   x7: () => (/* binding */ countByStatus)
/* harmony export */ });
/** The counts published as Action outputs (SPEC "Outputs"), always present, `0` when none. */
const OUTPUT_STATUSES = [
    'created',
    'updated',
    'up-to-date',
    'diverged',
    'failed',
    'skipped',
    'orphaned',
    'held',
];
/** Order in which statuses are listed in headlines and tables: problems first, then changes, then the rest. */
const STATUS_ORDER = [
    'failed',
    'backing-off',
    'unavailable',
    'diverged',
    'held',
    'created',
    'create',
    'updated',
    'update',
    'behind',
    'missing',
    'unprotected',
    'hook-created',
    'hook-updated',
    'up-to-date',
    'in-sync',
    'hook-unchanged',
    'empty',
    'skipped',
    'disabled',
    'orphaned',
];
/**
 * Statuses that make the run fail (exit 1). `unavailable` (mode check could not read a repository) counts as failed;
 * `backing-off` (a repository that keeps failing) and `held` (the destruction guard) too; `diverged` only with
 * `on-divergence: fail`.
 */
function isFailing(status, onDivergence) {
    return (status === 'failed' ||
        status === 'backing-off' ||
        status === 'unavailable' ||
        status === 'held' ||
        (status === 'diverged' && onDivergence === 'fail'));
}
/** Number of repositories per status, only the statuses that occur, in STATUS_ORDER. */
function countByStatus(repos) {
    const counts = {};
    for (const status of STATUS_ORDER) {
        const count = repos.filter((repo) => repo.status === status).length;
        if (count > 0)
            counts[status] = count;
    }
    return counts;
}
/** Ref actions of one repository by kind; forced and fast-forward updates both count as updated. */
function refCountsOf(repo) {
    const counts = { created: 0, updated: 0, deleted: 0, diverged: 0 };
    for (const ref of repo.refs) {
        if (ref.kind === 'create')
            counts.created++;
        else if (ref.kind === 'update' || ref.kind === 'force-update')
            counts.updated++;
        else if (ref.kind === 'delete')
            counts.deleted++;
        else
            counts.diverged++;
    }
    return counts;
}
/** `1.2 s`, `45.0 s`, `2 min 5 s`. */
function formatDuration(ms) {
    if (ms < 60_000)
        return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
/** `3 created, 12 updated, 320 up-to-date` (statuses that occur, in STATUS_ORDER). */
function countsText(repos) {
    return Object.entries(countByStatus(repos))
        .map(([status, count]) => `${count} ${status}`)
        .join(', ');
}
/** The last log line: `org-mirror sync: 340 repositories in 1 min 2 s: 3 created, 12 updated, 325 up-to-date`. */
function summaryLine(report) {
    const head = `org-mirror ${report.mode}`;
    if (report.error)
        return `${head} failed: ${report.error}`;
    const total = report.repos.length;
    const repos = `${total} ${total === 1 ? 'repository' : 'repositories'} in ${formatDuration(report.durationMs)}`;
    return total === 0 ? `${head}: ${repos}` : `${head}: ${repos}: ${countsText(report.repos)}`;
}
/** Action outputs: the eight counts (SPEC "Outputs") and `report`, the JSON report's path. */
function setOutputs(runtime, report, reportFile) {
    for (const status of OUTPUT_STATUSES) {
        runtime.setOutput(status, String(report.repos.filter((repo) => repo.status === status).length));
    }
    runtime.setOutput('report', reportFile);
}
/**
 * 0: all good. 1: the run errored (e.g. the listing failed), or a repository failed / was unavailable, or diverged
 * with `on-divergence: fail`. (2, bad configuration, is decided before any report exists.)
 */
function exitCodeOf(report, settings) {
    if (report.error || report.mirrors?.some((mirror) => mirror.error))
        return 1;
    return report.repos.some((repo) => isFailing(repo.status, settings.onDivergence)) ? 1 : 0;
}


/***/ }),

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   kq: () => (/* binding */ escapeCell),
/* harmony export */   lb: () => (/* binding */ glanceLine),
/* harmony export */   sk: () => (/* binding */ nextStep)
/* harmony export */ });
/* unused harmony exports MAX_SUMMARY_BYTES, selectionLine */
/* harmony import */ var _mirror_health_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4253);
/* harmony import */ var _counts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5132);
/* harmony import */ var _sections_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3844);



/** GitHub refuses job summaries over 1 MiB (1 048 576 bytes) per step; stay under it with room to spare. */
const MAX_SUMMARY_BYTES = 1_000_000;
/** A reason longer than this is cut in the summary (the JSON report keeps it whole). */
const MAX_REASON_CHARS = 400;
/**
 * Escape text for a Markdown table cell: `|` would end the cell, a newline the row; `<`, `>` and `&` would be read as
 * HTML by GitHub; `\`, backticks, `*`, `_`, `[`, `]`, `~` would start formatting or links.
 */
function escapeCell(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]~|])/g, '\\$1')
        .replace(/\r?\n|\r/g, '<br>');
}
/** The at-a-glance groups, in the order of the icons line. Statuses in no group are listed plainly after them. */
const GLANCE = [
    {
        icon: '✅',
        statuses: [
            'in-sync',
            'up-to-date',
            'created',
            'updated',
            'create',
            'update',
            'unprotected',
            'hook-created',
            'hook-updated',
            'hook-unchanged',
        ],
    },
    { icon: '⚠️', statuses: ['diverged', 'held', 'behind', 'missing', 'empty', 'orphaned'] },
    { icon: '❌', statuses: ['failed', 'backing-off', 'unavailable'] },
    { icon: '⏸️', statuses: ['disabled'] },
];
/** Listed first, with the reason and what to do about it. */
const PROBLEMS = ['failed', 'backing-off', 'unavailable', 'diverged', 'held', 'orphaned'];
/** `✅ 3 created · ✅ 320 up-to-date · ⚠️ 1 diverged · ❌ 1 failed · 2 skipped`: every status that occurs, once. */
function glanceLine(repos) {
    const counts = (0,_counts_js__WEBPACK_IMPORTED_MODULE_0__/* .countByStatus */ .x7)(repos);
    const grouped = new Set(GLANCE.flatMap((group) => group.statuses));
    const parts = GLANCE.flatMap((group) => group.statuses.filter((status) => counts[status]).map((status) => `${group.icon} ${counts[status]} ${status}`));
    for (const status of _counts_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_ORDER */ .QD) {
        if (counts[status] && !grouped.has(status))
            parts.push(`${counts[status]} ${status}`);
    }
    return parts.join(' · ');
}
/** What to do about a failure of each kind, where the kind says more than the status. */
const KIND_STEPS = {
    auth: 'the host refused the token: renew it, or check that it is the right one for this host, then re-run',
    forbidden: 'the token lacks a permission this repository needs: check its scopes, then re-run',
    'not-found': 'the repository is gone, or the token cannot see it: check both, then re-run',
    'rate-limited': 'the host rate-limited the run: re-run later, or lower concurrency',
    timeout: 'the host sent nothing in time: re-run; raise request-timeout or repo-timeout if it recurs',
    connection: 'the host could not be reached: check the network or proxy, then re-run',
    server: 'the host answered with server errors: re-run later',
    'push-refused': "a rule or hook on the target refused the mirror's push: let the mirror's account bypass it, then re-run",
};
/** What to do about a problem: the repository's own advice when the engine gave one, else its kind's or status's. */
function nextStep(repo) {
    if (repo.next)
        return repo.next;
    const byKind = repo.kind && (repo.status === 'failed' || repo.status === 'unavailable') && KIND_STEPS[repo.kind];
    if (byKind)
        return byKind;
    switch (repo.status) {
        case 'diverged':
            return 're-run with on-divergence: overwrite, or push the change to the source';
        case 'unavailable':
            return 'check that the tokens can read this repository on both hosts, then re-run mode: check';
        case 'held':
            return `intended at the source? rerun with accept: ${repo.name} to apply it (the replaced tips are kept)`;
        case 'orphaned':
            return 'delete or rename was intended? set orphans: archive to archive the mirror, or keep it';
        case 'failed':
            return 'fix the cause given in the reason, then re-run; the other repositories were not affected';
        case 'backing-off':
            return 'fix the cause, then name it in repositories (or push to it) to try it at once';
        default:
            return '';
    }
}
/** The reason, after the failure streak when there is one: `failing since 3 Dec, 12 runs: <reason>`. */
function shortReason(repo) {
    const streak = (0,_mirror_health_js__WEBPACK_IMPORTED_MODULE_1__/* .describeStreak */ ._x)(repo);
    const reason = streak ? `${streak}: ${repo.reason ?? ''}` : (repo.reason ?? '');
    return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
}
function problemRow(repo) {
    // A failure's kind beside its status (`failed (auth)`), when it is known.
    const status = repo.kind && repo.kind !== 'unexpected' ? `${repo.status} (${repo.kind})` : repo.status;
    const cells = [repo.name, status, shortReason(repo), nextStep(repo)].map(escapeCell);
    return `| ${cells.join(' | ')} |`;
}
function otherRow(repo) {
    const refs = (0,_counts_js__WEBPACK_IMPORTED_MODULE_0__/* .refCountsOf */ .Z3)(repo);
    const status = repo.reason ? `${repo.status}: ${shortReason(repo)}` : repo.status;
    const cells = [
        escapeCell(repo.name),
        escapeCell(status),
        String(refs.created),
        String(refs.updated),
        String(refs.deleted),
        (0,_counts_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(repo.durationMs),
    ];
    return `| ${cells.join(' | ')} |`;
}
/** In STATUS_ORDER; the engine's order within a status. */
function ordered(repos) {
    const rank = (repo) => {
        const index = _counts_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_ORDER */ .QD.indexOf(repo.status);
        return index === -1 ? _counts_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_ORDER */ .QD.length : index;
    };
    return [...repos].sort((a, b) => rank(a) - rank(b));
}
/** Appends lines while they fit in the byte budget; returns how many rows were left out. */
class Budget {
    lines;
    limit;
    bytes = 0;
    constructor(lines, limit) {
        this.lines = lines;
        this.limit = limit;
    }
    push(...lines) {
        for (const line of lines)
            this.bytes += Buffer.byteLength(line) + 1;
        this.lines.push(...lines);
    }
    /** Rows that fit, the rest counted; `reserve` bytes are kept free for what follows (closing tags, notes). */
    rows(rows, reserve) {
        for (let i = 0; i < rows.length; i++) {
            const size = Buffer.byteLength(rows[i]) + 1;
            if (this.bytes + size + reserve > this.limit)
                return rows.length - i;
            this.push(rows[i]);
        }
        return 0;
    }
}
const OMITTED = (count) => `… and ${count} more repositories: see the JSON report.`;
/** What `filter` and `exclude` matched, e.g. "Filters: filter `.*` matched 12 of 14 repositories; exclude …". */
function selectionLine(report) {
    const selection = report.selection;
    if (!selection)
        return undefined;
    const of = `of ${selection.listed} ${selection.listed === 1 ? 'repository' : 'repositories'}`;
    const parts = [`filter ${codeSpan(selection.filter.pattern)} matched ${selection.filter.matched} ${of}`];
    if (selection.exclude) {
        parts.push(`exclude ${codeSpan(selection.exclude.pattern)} matched ${selection.exclude.matched} ${of}`);
    }
    return `Filters: ${parts.join('; ')}.`;
}
/** A Markdown code span holding any text: a backtick fence longer than any backtick run inside, newlines as spaces. */
function codeSpan(text) {
    const flat = text.replace(/\r?\n|\r/g, ' ');
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/**
 * The job summary (GitHub) / Markdown report (GitLab, CLI), the same in every mode:
 * 1. a title, then one line of counts with icons (✅ fine, ⚠️ needs a look, ❌ failed);
 * 2. the problems (failed, unavailable, diverged, orphaned) with the reason and the next step;
 * 3. every other repository in a collapsed `<details>` table (status, refs created / updated / deleted, time).
 * The whole stays under MAX_SUMMARY_BYTES: rows that do not fit are left out with a note pointing to the JSON report.
 */
function renderMarkdown(report, limit = MAX_SUMMARY_BYTES) {
    if (report.mirrors)
        return renderMirrors(report, limit);
    return renderPart(report, limit, `## org-mirror ${escapeCell(report.mode)}: ${sidesText(report)}`);
}
function sidesText(report) {
    return `${escapeCell(`${report.source.type} ${report.source.owner}`)} → ${escapeCell(`${report.target.type} ${report.target.owner}`)}`;
}
/** With a configuration file: the totals, then one part per mirror (each as a single-mirror summary). */
function renderMirrors(report, limit) {
    const parts = (0,_sections_js__WEBPACK_IMPORTED_MODULE_2__/* .reportParts */ .j)(report);
    const total = report.repos.length;
    const glance = glanceLine(report.repos);
    const head = [
        `## org-mirror ${escapeCell(report.mode)}: ${parts.length} ${parts.length === 1 ? 'mirror' : 'mirrors'}`,
        '',
        `${glance ? `${glance} — ` : ''}**${total} ${total === 1 ? 'repository' : 'repositories'}** in ${(0,_counts_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(report.durationMs)}`,
    ].join('\n');
    const each = Math.max(2000, Math.floor((limit - head.length - 100) / Math.max(1, parts.length)));
    const bodies = parts.map(({ id, report: part, section }) => {
        const title = `### ${escapeCell(id ?? '')}: ${sidesText(part)}`;
        if (section && !section.enabled && part.repos.length === 0) {
            return `${title}\n\n⏸️ disabled (\`enabled: false\`): nothing requested for it; its target protection is left as it is.\n`;
        }
        return renderPart(part, each, title);
    });
    return `${head}\n\n${bodies.join('\n')}`;
}
function renderPart(report, limit, title) {
    const lines = [];
    const budget = new Budget(lines, limit);
    budget.push(title, '');
    const total = report.repos.length;
    const glance = glanceLine(report.repos);
    budget.push(`${glance ? `${glance} — ` : ''}**${total} ${total === 1 ? 'repository' : 'repositories'}** in ${(0,_counts_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(report.durationMs)}`);
    // More at-a-glance lines go here, right under the counts.
    const filters = selectionLine(report);
    if (filters)
        budget.push('', filters);
    if (report.error)
        budget.push('', `❌ **Run failed:** ${escapeCell(report.error)}`);
    if (total === 0)
        return `${lines.join('\n')}\n`;
    const sorted = ordered(report.repos);
    const problems = sorted.filter((repo) => PROBLEMS.includes(repo.status));
    const others = sorted.filter((repo) => !PROBLEMS.includes(repo.status));
    // Room kept for the other section's opening and closing lines and a note, whatever the problems take.
    const reserve = 600;
    if (problems.length) {
        budget.push('', `### Needs attention (${problems.length})`, '', '| Repository | Status | Reason | Next step |', '| --- | --- | --- | --- |');
        const left = budget.rows(problems.map(problemRow), reserve);
        if (left)
            budget.push('', OMITTED(left + others.length));
        if (left)
            return `${lines.join('\n')}\n`;
    }
    if (others.length) {
        budget.push('', `<details><summary>${problems.length ? 'The other' : 'All'} ${others.length} ${others.length === 1 ? 'repository' : 'repositories'}</summary>`, '', '| Repository | Status | Refs created | Refs updated | Refs deleted | Time |', '| --- | --- | ---: | ---: | ---: | ---: |');
        const left = budget.rows(others.map(otherRow), 200);
        if (left)
            budget.push('', OMITTED(left));
        budget.push('', '</details>');
    }
    return `${lines.join('\n')}\n`;
}


/***/ }),

/***/ 3844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ reportParts)
/* harmony export */ });
/* unused harmony export mirrorReport */
/* harmony import */ var _counts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5132);

/** The part of a multi-mirror report about one mirror, shaped as a single-mirror report (summary and JUnit). */
function mirrorReport(report, section) {
    const repos = report.repos.filter((repo) => repo.mirror === section.id);
    return {
        version: 1,
        mode: report.mode,
        source: section.source,
        target: section.target,
        startedAt: report.startedAt,
        durationMs: section.durationMs,
        counts: (0,_counts_js__WEBPACK_IMPORTED_MODULE_0__/* .countByStatus */ .x7)(repos),
        repos,
        ...(section.error ? { error: section.error } : {}),
        ...(section.selection ? { selection: section.selection } : {}),
    };
}
/** A report's parts to show one by one: one per mirror with a configuration file, else the report itself. */
function reportParts(report) {
    if (!report.mirrors)
        return [{ report }];
    return report.mirrors.map((section) => ({ id: section.id, report: mirrorReport(report, section), section }));
}


/***/ })

};
