export const id = 340;
export const ids = [340];
export const modules = {

/***/ 1340:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubRuntime: () => (/* binding */ GitHubRuntime),
/* harmony export */   neutraliseCommands: () => (/* binding */ neutraliseCommands)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _buffered_runtime_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5772);


/**
 * GitHub Actions: workflow commands through @actions/core. Warnings and errors become annotations, groups become
 * `::group::` blocks (flat: the runner does not nest them), secrets are registered with `::add-mask::` AND scrubbed here
 * before printing, in case a form was printed before the runner learnt it.
 */
class GitHubRuntime extends _buffered_runtime_js__WEBPACK_IMPORTED_MODULE_1__/* .BufferedRuntime */ .K {
    platform = 'github';
    setOutput(name, value) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, this.redact(value));
    }
    async writeSummary(markdown) {
        try {
            await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(this.redact(markdown), true).write();
        }
        catch (error) {
            // A failed write leaves the text in core's buffer, where the next write would repeat it.
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.emptyBuffer();
            // No GITHUB_STEP_SUMMARY (e.g. an old runner): the run still succeeds without a summary.
            this.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    registerSecretForm(form) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(form);
    }
    writeLine(line) {
        const text = this.redact(line.text);
        switch (line.kind) {
            case 'info':
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(neutraliseCommands(text));
                break;
            case 'warning':
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(text);
                break;
            case 'error':
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(text);
                break;
            case 'debug':
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(text);
                break;
        }
    }
    writeGroup(group) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh(neutraliseCommands(this.redact(group.title)));
        try {
            this.writeEntries(group.entries);
        }
        finally {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4();
        }
    }
    writeEntries(entries) {
        for (const entry of entries) {
            if ((0,_buffered_runtime_js__WEBPACK_IMPORTED_MODULE_1__/* .isGroup */ .I)(entry)) {
                // Groups do not nest on GitHub: a nested group prints as a title line and its lines.
                this.writeLine({ kind: 'info', text: `▸ ${entry.title}` });
                this.writeEntries(entry.entries);
            }
            else {
                this.writeLine(entry);
            }
        }
    }
}
/**
 * Text from hosts and git (error bodies, ref names) must not be read by the runner as a workflow command: a line that
 * starts with `::` gets a zero-width space between the colons. (Annotations are safe: @actions/core escapes their data.)
 */
function neutraliseCommands(text) {
    return text.replace(/^(\s*):(?=:)/gm, '$1:\u200b');
}


/***/ })

};
