export const id = 160;
export const ids = [160];
export const modules = {

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
];
/** Order in which statuses are listed in headlines and tables: problems first, then changes, then the rest. */
const STATUS_ORDER = [
    'failed',
    'unavailable',
    'diverged',
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
    'orphaned',
];
/**
 * Statuses that make the run fail (exit 1). `unavailable` (mode check could not read a repository) counts as failed;
 * `diverged` only with `on-divergence: fail`.
 */
function isFailing(status, onDivergence) {
    return status === 'failed' || status === 'unavailable' || (status === 'diverged' && onDivergence === 'fail');
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
/** Action outputs: the seven counts (SPEC "Outputs") and `report`, the JSON report's path. */
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
    if (report.error)
        return 1;
    return report.repos.some((repo) => isFailing(repo.status, settings.onDivergence)) ? 1 : 0;
}


/***/ }),

/***/ 3160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUT_STATUSES: () => (/* reexport */ report_counts/* OUTPUT_STATUSES */.db),
  STATUS_ORDER: () => (/* reexport */ report_counts/* STATUS_ORDER */.QD),
  countByStatus: () => (/* reexport */ report_counts/* countByStatus */.x7),
  countsText: () => (/* reexport */ report_counts/* countsText */.WN),
  escapeCell: () => (/* reexport */ escapeCell),
  exitCodeOf: () => (/* reexport */ report_counts/* exitCodeOf */.FO),
  formatDuration: () => (/* reexport */ report_counts/* formatDuration */.a3),
  glanceLine: () => (/* reexport */ glanceLine),
  isFailing: () => (/* reexport */ report_counts/* isFailing */.DI),
  nextStep: () => (/* reexport */ nextStep),
  publishReport: () => (/* reexport */ publishReport),
  redactReport: () => (/* reexport */ redactReport),
  refCountsOf: () => (/* reexport */ report_counts/* refCountsOf */.Z3),
  renderJUnit: () => (/* reexport */ renderJUnit),
  renderJsonReport: () => (/* reexport */ renderJsonReport),
  renderMarkdown: () => (/* reexport */ renderMarkdown),
  setOutputs: () => (/* reexport */ report_counts/* setOutputs */.n0),
  summaryFileFor: () => (/* reexport */ summaryFileFor),
  summaryLine: () => (/* reexport */ report_counts/* summaryLine */.dC),
  writeJUnitReport: () => (/* reexport */ writeJUnitReport),
  writeJsonReport: () => (/* reexport */ writeJsonReport)
});

// EXTERNAL MODULE: ./src/report/counts.ts
var report_counts = __webpack_require__(5132);
// EXTERNAL MODULE: ./src/report/atomic-write.ts
var atomic_write = __webpack_require__(19);
;// CONCATENATED MODULE: ./src/report/json.ts

/**
 * The JSON report (`report-file`, default `org-mirror-report.json`), version 1:
 *
 * ```
 * {
 *   "version": 1,
 *   "mode": "sync" | "preview" | "check" | "remove" | "install-hooks",
 *   "source": { "type": "github", "url": "https://github.com", "owner": "acme" },
 *   "target": { "type": "gitlab", "url": "https://gitlab.example.com", "owner": "mirrors/acme" },
 *   "startedAt": "2025-01-31T12:00:00.000Z",      // ISO-8601
 *   "durationMs": 62000,
 *   "counts": { "updated": 12, "up-to-date": 320 }, // repositories per status, only statuses that occur
 *   "repos": [
 *     {
 *       "name": "api",                   // source repository path under the owner
 *       "target": "api",                 // target repository path, when known
 *       "status": "updated",             // see RepoStatus in model.ts
 *       "reason": "…",                   // why skipped / failed / unavailable / diverged / orphaned, when so
 *       "next": "…",                     // what to do about it, when the engine says (orphans)
 *       "refs": [                        // ref actions (planned in preview/check, done in sync)
 *         { "ref": "refs/heads/main", "kind": "update", "from": "<sha>", "to": "<sha>", "error": "…" }
 *       ],                               // kind: create | update | force-update | delete | diverged
 *       "durationMs": 1200,
 *       "notes": ["wiki not mirrored: …"], // things worth knowing that are not failures, when any
 *       "wiki": { "status": "updated", "reason": "…", "refs": [ … ] } // with `wikis: true`, when the source has one
 *     }
 *   ],
 *   "error": "…",                        // only when the whole run failed before acting (e.g. listing error)
 *   "selection": {                       // what filter and exclude matched (absent when the run failed before)
 *     "listed": 14,                      // repositories the filters were applied to
 *     "filter": { "pattern": ".*", "matched": 14 },
 *     "exclude": { "pattern": "skip-.*", "matched": 2 }   // only when exclude is set
 *   }
 * }
 * ```
 * Optional fields are absent rather than null. No token ever appears: every string passes through `redact`.
 */
function renderJsonReport(report, redact = (text) => text) {
    return `${JSON.stringify(report, (_key, value) => (typeof value === 'string' ? redact(value) : value), 2)}\n`;
}
/** Write the JSON report atomically (a reader never sees half a report). */
async function writeJsonReport(report, file, redact) {
    await (0,atomic_write/* writeFileAtomic */.Z)(file, renderJsonReport(report, redact));
}

;// CONCATENATED MODULE: ./src/report/markdown.ts

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
    { icon: '⚠️', statuses: ['diverged', 'behind', 'missing', 'empty', 'orphaned'] },
    { icon: '❌', statuses: ['failed', 'unavailable'] },
];
/** Listed first, with the reason and what to do about it. */
const PROBLEMS = ['failed', 'unavailable', 'diverged', 'orphaned'];
/** `✅ 3 created · ✅ 320 up-to-date · ⚠️ 1 diverged · ❌ 1 failed · 2 skipped`: every status that occurs, once. */
function glanceLine(repos) {
    const counts = (0,report_counts/* countByStatus */.x7)(repos);
    const grouped = new Set(GLANCE.flatMap((group) => group.statuses));
    const parts = GLANCE.flatMap((group) => group.statuses.filter((status) => counts[status]).map((status) => `${group.icon} ${counts[status]} ${status}`));
    for (const status of report_counts/* STATUS_ORDER */.QD) {
        if (counts[status] && !grouped.has(status))
            parts.push(`${counts[status]} ${status}`);
    }
    return parts.join(' · ');
}
/** What to do about a problem: the repository's own advice when the engine gave one, else the status's. */
function nextStep(repo) {
    if (repo.next)
        return repo.next;
    switch (repo.status) {
        case 'diverged':
            return 're-run with on-divergence: overwrite, or push the change to the source';
        case 'unavailable':
            return 'check that the tokens can read this repository on both hosts, then re-run mode: check';
        case 'orphaned':
            return 'delete or rename was intended? set orphans: archive to archive the mirror, or keep it';
        case 'failed':
            return 'fix the cause given in the reason, then re-run; the other repositories were not affected';
        default:
            return '';
    }
}
function shortReason(repo) {
    const reason = repo.reason ?? '';
    return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
}
function problemRow(repo) {
    const cells = [repo.name, repo.status, shortReason(repo), nextStep(repo)].map(escapeCell);
    return `| ${cells.join(' | ')} |`;
}
function otherRow(repo) {
    const refs = (0,report_counts/* refCountsOf */.Z3)(repo);
    const status = repo.reason ? `${repo.status}: ${shortReason(repo)}` : repo.status;
    const cells = [
        escapeCell(repo.name),
        escapeCell(status),
        String(refs.created),
        String(refs.updated),
        String(refs.deleted),
        (0,report_counts/* formatDuration */.a3)(repo.durationMs),
    ];
    return `| ${cells.join(' | ')} |`;
}
/** In STATUS_ORDER; the engine's order within a status. */
function ordered(repos) {
    const rank = (repo) => {
        const index = report_counts/* STATUS_ORDER */.QD.indexOf(repo.status);
        return index === -1 ? report_counts/* STATUS_ORDER */.QD.length : index;
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
    const lines = [];
    const budget = new Budget(lines, limit);
    budget.push(`## org-mirror ${escapeCell(report.mode)}: ${escapeCell(`${report.source.type} ${report.source.owner}`)} → ${escapeCell(`${report.target.type} ${report.target.owner}`)}`, '');
    const total = report.repos.length;
    const glance = glanceLine(report.repos);
    budget.push(`${glance ? `${glance} — ` : ''}**${total} ${total === 1 ? 'repository' : 'repositories'}** in ${(0,report_counts/* formatDuration */.a3)(report.durationMs)}`);
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

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlbuilder/json2xml.js + 7 modules
var json2xml = __webpack_require__(8669);
;// CONCATENATED MODULE: ./src/report/junit.ts



/**
 * XML 1.0 cannot carry control characters (git and hosts print ANSI colour codes) nor lone surrogates, however
 * escaped: they are replaced by U+FFFD. This is sanitising content, not escaping; the builder escapes.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */
function xmlText(text) {
    return text.replace(NOT_XML, '\uFFFD');
}
/** Attribute values: one line (parsers turn newlines in attributes into spaces anyway). */
function xmlAttribute(text) {
    return xmlText(text.split(/\r?\n/)[0]);
}
function seconds(ms) {
    return (Math.max(0, ms) / 1000).toFixed(3);
}
/** The ref actions of a repository, one per line, for `<system-out>` and failure details. */
function refLines(repo) {
    return repo.refs
        .map((ref) => `${ref.kind} ${ref.ref}${ref.from || ref.to ? ` ${ref.from ?? '0'.repeat(7)}..${ref.to ?? ''}` : ''}${ref.error ? `: ${ref.error}` : ''}`)
        .join('\n');
}
function testcase(repo, report, onDivergence) {
    const node = {
        '@_name': repo.name,
        '@_classname': `org-mirror.${report.mode}`,
        '@_time': seconds(repo.durationMs),
    };
    const refs = (0,report_counts/* refCountsOf */.Z3)(repo);
    const details = [repo.reason, refLines(repo)].filter(Boolean).join('\n');
    if ((0,report_counts/* isFailing */.DI)(repo.status, onDivergence) || repo.status === 'diverged') {
        const message = repo.reason ?? (repo.status === 'diverged' ? `${refs.diverged} diverged ref(s) left untouched` : repo.status);
        node.failure = { '@_message': xmlAttribute(message), '@_type': repo.status, '#text': xmlText(details || message) };
    }
    else if (repo.status === 'skipped') {
        node.skipped = { '@_message': xmlAttribute(repo.reason ?? 'skipped') };
    }
    node['system-out'] = xmlText([`${repo.status}: ${refs.created} created, ${refs.updated} updated, ${refs.deleted} deleted`, refLines(repo)]
        .filter(Boolean)
        .join('\n'));
    return node;
}
/**
 * JUnit XML: one `<testcase>` per repository (classname `org-mirror.<mode>`, name the repository); `failed`,
 * `unavailable` and `diverged` → `<failure type="<status>">`, `skipped` → `<skipped/>`; the run's own error (e.g. a
 * failed listing) → a testcase `(run)` with `<error>`. Escaping is fast-xml-parser's builder's.
 */
function renderJUnit(report, onDivergence = 'fail') {
    const cases = report.repos.map((repo) => testcase(repo, report, onDivergence));
    if (report.error) {
        cases.push({
            '@_name': '(run)',
            '@_classname': `org-mirror.${report.mode}`,
            '@_time': seconds(report.durationMs),
            error: { '@_message': xmlAttribute(report.error), '@_type': 'run', '#text': xmlText(report.error) },
        });
    }
    const failures = cases.filter((node) => 'failure' in node).length;
    const errors = cases.filter((node) => 'error' in node).length;
    const skipped = cases.filter((node) => 'skipped' in node).length;
    const suite = {
        '@_name': `org-mirror ${report.mode} ${report.source.type}:${report.source.owner} → ${report.target.type}:${report.target.owner}`,
        '@_tests': String(cases.length),
        '@_failures': String(failures),
        '@_errors': String(errors),
        '@_skipped': String(skipped),
        '@_time': seconds(report.durationMs),
        '@_timestamp': report.startedAt,
        testcase: cases,
    };
    const builder = new json2xml/* default */.A({
        ignoreAttributes: false,
        attributeNamePrefix: '@_',
        format: true,
        suppressEmptyNode: true,
        processEntities: true,
    });
    const document = {
        '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
        testsuites: {
            '@_name': 'org-mirror',
            '@_tests': String(cases.length),
            '@_failures': String(failures),
            '@_errors': String(errors),
            '@_skipped': String(skipped),
            '@_time': seconds(report.durationMs),
            testsuite: suite,
        },
    };
    return builder.build(document);
}
/** Write the JUnit XML atomically. Pass a report already through `redactReport`. */
async function writeJUnitReport(report, file, onDivergence = 'fail') {
    await (0,atomic_write/* writeFileAtomic */.Z)(file, renderJUnit(report, onDivergence));
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/report/publish.ts





/** Where the Markdown summary goes on GitLab / CLI: next to the JSON report, `.json` → `.md`. */
function summaryFileFor(reportFile) {
    const { dir, name, ext } = external_node_path_default().parse(reportFile);
    return external_node_path_default().join(dir, `${ext === '.json' ? name : `${name}${ext}`}.md`);
}
/** A deep copy of the report with every string passed through `redact` (tokens → `***`). */
function redactReport(report, redact) {
    return JSON.parse(JSON.stringify(report, (_key, value) => (typeof value === 'string' ? redact(value) : value)));
}
/**
 * Everything a finished run publishes, in one call for main: `counts` recomputed from `repos`, every string redacted,
 * the JSON report (and JUnit when `junit-file` is set) written atomically, the Markdown summary (GitHub job summary;
 * GitLab / CLI: log and the runtime's summary file), the Action outputs, and the summary line in the log.
 * Returns the published (redacted) report. The exit code is `exitCodeOf(report, settings)`.
 */
async function publishReport(report, settings, runtime) {
    const redact = runtime.redact?.bind(runtime) ?? ((text) => text);
    const published = redactReport({ ...report, counts: (0,report_counts/* countByStatus */.x7)(report.repos) }, redact);
    await writeJsonReport(published, settings.reportFile);
    if (settings.junitFile)
        await writeJUnitReport(published, settings.junitFile, settings.onDivergence);
    await runtime.writeSummary(renderMarkdown(published));
    (0,report_counts/* setOutputs */.n0)(runtime, published, settings.reportFile);
    runtime.info((0,report_counts/* summaryLine */.dC)(published));
    return published;
}

;// CONCATENATED MODULE: ./src/report/index.ts







/***/ })

};
