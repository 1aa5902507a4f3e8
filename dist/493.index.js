export const id = 493;
export const ids = [493];
export const modules = {

/***/ 4493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUT_STATUSES: () => (/* reexport */ counts/* OUTPUT_STATUSES */.db),
  STATUS_ORDER: () => (/* reexport */ counts/* STATUS_ORDER */.QD),
  countByStatus: () => (/* reexport */ counts/* countByStatus */.x7),
  countsText: () => (/* reexport */ counts/* countsText */.WN),
  escapeCell: () => (/* reexport */ markdown/* escapeCell */.kq),
  exitCodeOf: () => (/* reexport */ counts/* exitCodeOf */.FO),
  formatDuration: () => (/* reexport */ counts/* formatDuration */.a3),
  glanceLine: () => (/* reexport */ markdown/* glanceLine */.lb),
  isFailing: () => (/* reexport */ counts/* isFailing */.DI),
  nextStep: () => (/* reexport */ markdown/* nextStep */.sk),
  publishReport: () => (/* reexport */ publishReport),
  redactReport: () => (/* reexport */ redactReport),
  refCountsOf: () => (/* reexport */ counts/* refCountsOf */.Z3),
  renderJUnit: () => (/* reexport */ renderJUnit),
  renderJsonReport: () => (/* reexport */ renderJsonReport),
  renderMarkdown: () => (/* reexport */ markdown/* renderMarkdown */.Gc),
  setOutputs: () => (/* reexport */ counts/* setOutputs */.n0),
  summaryFileFor: () => (/* reexport */ summaryFileFor),
  summaryLine: () => (/* reexport */ counts/* summaryLine */.dC),
  writeJUnitReport: () => (/* reexport */ writeJUnitReport),
  writeJsonReport: () => (/* reexport */ writeJsonReport)
});

// EXTERNAL MODULE: ./src/report/counts.ts
var counts = __webpack_require__(5132);
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
 *       "status": "updated",             // see RepoStatus in model.ts (`backing-off`: not tried this run)
 *       "reason": "…",                   // why skipped / failed / unavailable / diverged / orphaned, when so
 *       "kind": "auth",                  // failed / unavailable: auth | forbidden | not-found | conflict | rate-limited
 *                                        //   | timeout | connection | server | push-refused | config | unexpected
 *       "next": "…",                     // what to do about it, when the engine says (orphans)
 *       "refs": [                        // ref actions (planned in preview/check, done in sync)
 *         { "ref": "refs/heads/main", "kind": "update", "from": "<sha>", "to": "<sha>", "error": "…",
 *           "errorKind": "push-refused" }  // errorKind with error: push-refused | conflict (a lease that no longer held)
 *       ],                               // kind: create | update | force-update | delete | diverged
 *       "durationMs": 1200,
 *       "notes": ["wiki not mirrored: …"], // things worth knowing that are not failures, when any
 *       "wiki": { "status": "updated", "reason": "…", "kind": "…", "refs": [ … ] }, // with `wikis: true`, when the source has one
 *       "health": "failing",             // healthy | failing | diverged | held | orphaned, once a sync recorded it
 *       "failingSince": "…",             // start of the current unhealthy streak (ISO-8601), when not healthy
 *       "consecutiveFailures": 12,       // runs the streak has lasted, when not healthy
 *       "lastSuccess": "…",              // last run that left it healthy, when known
 *       "nextAttemptRun": 17             // backing-off: the full run it is tried again (docs/health.md)
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

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlbuilder/json2xml.js + 7 modules
var json2xml = __webpack_require__(8669);
// EXTERNAL MODULE: ./src/mirror/health.ts
var health = __webpack_require__(4253);
// EXTERNAL MODULE: ./src/report/sections.ts
var sections = __webpack_require__(3844);
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
    const refs = (0,counts/* refCountsOf */.Z3)(repo);
    const details = [repo.reason, refLines(repo)].filter(Boolean).join('\n');
    if ((0,counts/* isFailing */.DI)(repo.status, onDivergence) || repo.status === 'diverged') {
        const streak = (0,health/* describeStreak */._x)(repo);
        const reason = repo.reason ?? (repo.status === 'diverged' ? `${refs.diverged} diverged ref(s) left untouched` : repo.status);
        // The streak first: `failing since 3 Dec, 12 runs: <reason>`.
        const message = streak ? `${streak}: ${reason}` : reason;
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
    // With a configuration file, one test suite per mirror.
    const suites = (0,sections/* reportParts */.j)(report).map(({ id, report: part }) => suiteOf(part, onDivergence, id));
    const total = (key) => String(suites.reduce((sum, suite) => sum + Number(suite[key]), 0));
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
            '@_tests': total('@_tests'),
            '@_failures': total('@_failures'),
            '@_errors': total('@_errors'),
            '@_skipped': total('@_skipped'),
            '@_time': seconds(report.durationMs),
            testsuite: suites.length === 1 ? suites[0] : suites,
        },
    };
    return builder.build(document);
}
function suiteOf(report, onDivergence, mirrorId) {
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
    return {
        '@_name': `org-mirror ${report.mode} ${mirrorId ? `${mirrorId} ` : ''}${report.source.type}:${report.source.owner} → ${report.target.type}:${report.target.owner}`,
        '@_tests': String(cases.length),
        '@_failures': String(failures),
        '@_errors': String(errors),
        '@_skipped': String(skipped),
        '@_time': seconds(report.durationMs),
        '@_timestamp': report.startedAt,
        testcase: cases,
    };
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
    const published = redactReport({ ...report, counts: (0,counts/* countByStatus */.x7)(report.repos) }, redact);
    await writeJsonReport(published, settings.reportFile);
    if (settings.junitFile)
        await writeJUnitReport(published, settings.junitFile, settings.onDivergence);
    await runtime.writeSummary((0,markdown/* renderMarkdown */.Gc)(published));
    (0,counts/* setOutputs */.n0)(runtime, published, settings.reportFile);
    runtime.info((0,counts/* summaryLine */.dC)(published));
    return published;
}

;// CONCATENATED MODULE: ./src/report/index.ts







/***/ })

};
