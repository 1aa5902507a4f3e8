export const id = 454;
export const ids = [454];
export const modules = {

/***/ 1454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runMirrors: () => (/* binding */ runMirrors)
/* harmony export */ });
/* harmony import */ var _report_counts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5132);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4605);


async function runMirrors(run, mirrors, runOne, runtime) {
    const startedAt = new Date();
    const slots = (0,_engine_js__WEBPACK_IMPORTED_MODULE_0__.jobSlots)(run.concurrency);
    const sections = await Promise.all(mirrors.map(async (mirror) => {
        const { settings } = mirror;
        const section = {
            id: mirror.id,
            enabled: mirror.enabled,
            source: { type: settings.source.type, url: settings.source.url, owner: settings.source.owner },
            target: { type: settings.target.type, url: settings.target.url, owner: settings.target.owner },
            durationMs: 0,
            counts: {},
        };
        // A disabled mirror: no listing, no request at all; mode remove lifts its protection like any mirror's.
        if (!mirror.enabled && run.mode !== 'remove') {
            runtime.info(`Mirror ${mirror.id}: disabled (enabled: false): nothing requested for it`);
            return { section, repos: [] };
        }
        runtime.info(`Mirror ${mirror.id}: ${settings.source.type} ${settings.source.owner} → ${settings.target.type} ${settings.target.owner}`);
        const started = Date.now();
        let report;
        try {
            report = await runOne(settings, slots);
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            runtime.error(`Mirror ${mirror.id} failed: ${message}`);
            return { section: { ...section, durationMs: Date.now() - started, error: message }, repos: [] };
        }
        const repos = report.repos.map((repo) => ({ mirror: mirror.id, ...repo }));
        if (report.error)
            runtime.error(`Mirror ${mirror.id} failed: ${report.error}`);
        return {
            section: {
                ...section,
                durationMs: report.durationMs,
                counts: (0,_report_counts_js__WEBPACK_IMPORTED_MODULE_1__/* .countByStatus */ .x7)(repos),
                ...(report.error ? { error: report.error } : {}),
                ...(report.selection ? { selection: report.selection } : {}),
            },
            repos,
        };
    }));
    const repos = sections.flatMap((entry) => entry.repos);
    const first = sections[0].section;
    return {
        version: 1,
        mode: run.mode,
        source: first.source,
        target: first.target,
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        counts: (0,_report_counts_js__WEBPACK_IMPORTED_MODULE_1__/* .countByStatus */ .x7)(repos),
        repos,
        mirrors: sections.map((entry) => entry.section),
    };
}


/***/ })

};
