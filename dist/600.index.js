export const id = 600;
export const ids = [600];
export const modules = {

/***/ 5772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ isGroup),
/* harmony export */   K: () => (/* binding */ BufferedRuntime)
/* harmony export */ });
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _secret_masker_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7712);


function isGroup(entry) {
    return 'entries' in entry;
}
/**
 * The part shared by every platform: secret masking of everything printed, and group buffering.
 *
 * Repositories are processed concurrently, so their log lines would interleave and no platform can show overlapping
 * groups. Each `group()` therefore collects the lines logged inside it (found through AsyncLocalStorage, so concurrent
 * groups never mix) and prints them as one block when it ends. Lines logged outside any group print at once.
 */
class BufferedRuntime {
    now;
    masker = new _secret_masker_js__WEBPACK_IMPORTED_MODULE_1__/* .SecretMasker */ .M2();
    currentGroup = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
    constructor(now = Date.now) {
        this.now = now;
    }
    redact(text) {
        return this.masker.redact(text);
    }
    info(message) {
        this.log({ kind: 'info', text: message });
    }
    warning(message) {
        this.log({ kind: 'warning', text: message });
    }
    error(message) {
        this.log({ kind: 'error', text: message });
    }
    debug(message) {
        this.log({ kind: 'debug', text: message });
    }
    async group(title, fn) {
        const group = { title, startedAt: this.unixNow(), endedAt: 0, entries: [] };
        const parent = this.currentGroup.getStore();
        try {
            return await this.currentGroup.run(group, fn);
        }
        finally {
            group.endedAt = this.unixNow();
            if (parent)
                parent.entries.push(group);
            else
                this.writeGroup(group);
        }
    }
    setSecret(value) {
        for (const form of this.masker.add(value))
            this.registerSecretForm(form);
    }
    /** Hook for platforms that mask on their own side too (the Actions runner). */
    registerSecretForm(_form) { }
    log(line) {
        const group = this.currentGroup.getStore();
        if (group)
            group.entries.push(line);
        else
            this.writeLine(line);
    }
    unixNow() {
        return Math.floor(this.now() / 1000);
    }
}


/***/ }),

/***/ 6600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MASK: () => (/* reexport */ secret_masker/* MASK */.v5),
  SecretMasker: () => (/* reexport */ secret_masker/* SecretMasker */.M2),
  TextRuntime: () => (/* reexport */ TextRuntime),
  detectPlatform: () => (/* reexport */ detectPlatform),
  detectRuntime: () => (/* reexport */ detectRuntime),
  secretForms: () => (/* reexport */ secret_masker/* secretForms */.eo)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/runtime/buffered-runtime.ts
var buffered_runtime = __webpack_require__(5772);
;// CONCATENATED MODULE: ./src/runtime/text-runtime.ts



const ESC = '\u001b';
const YELLOW = `${ESC}[33m`;
const RED = `${ESC}[31m`;
const RESET = `${ESC}[0m`;
/**
 * GitLab CI and the plain CLI: lines on stdout, secrets replaced by `***` in every line. On GitLab, groups are
 * collapsible sections (https://docs.gitlab.com/ci/jobs/job_logs/#custom-collapsible-sections) and warnings / errors
 * are coloured; on the CLI, groups are a title and indented lines, and warnings / errors go to stderr with a
 * `warning:` / `error:` prefix. Outputs are kept in `outputs` (there is no step-output mechanism) and shown in debug.
 */
class TextRuntime extends buffered_runtime/* BufferedRuntime */.K {
    options;
    platform;
    outputs = new Map();
    stdout;
    stderr;
    sections = 0;
    summaryWritten = false;
    constructor(options) {
        super(options.now);
        this.options = options;
        this.platform = options.platform;
        this.stdout = options.stdout ?? ((text) => process.stdout.write(text));
        this.stderr = options.stderr ?? ((text) => process.stderr.write(text));
    }
    setOutput(name, value) {
        this.outputs.set(name, value);
        this.debug(`output ${name}=${value}`);
    }
    /** Prints the Markdown, and writes it to `summaryFile` (the first call of the run replaces the file, later ones append). */
    async writeSummary(markdown) {
        const text = this.redact(markdown);
        const file = this.options.summaryFile;
        if (file) {
            (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(external_node_path_default().resolve(file)), { recursive: true });
            if (this.summaryWritten)
                (0,external_node_fs_.appendFileSync)(file, `\n${text}`);
            else
                (0,external_node_fs_.writeFileSync)(file, text);
            this.summaryWritten = true;
        }
        this.info(text);
    }
    writeLine(line) {
        if (line.kind === 'debug' && !this.options.debug)
            return;
        const text = this.format(line);
        if (this.platform === 'cli' && (line.kind === 'warning' || line.kind === 'error'))
            this.stderr(text);
        else
            this.stdout(text);
    }
    writeGroup(group) {
        if (this.platform === 'gitlab')
            this.writeSection(group);
        else
            this.writeIndented(group, '');
    }
    writeSection(group) {
        // Section names: letters, digits, '_', '.', '-' only; unique so that nested and later sections never collide.
        const title = this.redact(group.title).replace(/\r?\n/g, ' ');
        const slug = title.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40);
        const name = `org_mirror_${++this.sections}_${slug}`;
        this.stdout(`${ESC}[0Ksection_start:${group.startedAt}:${name}[collapsed=true]\r${ESC}[0K${title}\n`);
        for (const entry of group.entries) {
            if ((0,buffered_runtime/* isGroup */.I)(entry))
                this.writeSection(entry);
            else
                this.writeLine(entry);
        }
        this.stdout(`${ESC}[0Ksection_end:${group.endedAt}:${name}\r${ESC}[0K\n`);
    }
    writeIndented(group, indent) {
        this.stdout(`${indent}${this.redact(group.title)}\n`);
        for (const entry of group.entries) {
            if ((0,buffered_runtime/* isGroup */.I)(entry))
                this.writeIndented(entry, `${indent}  `);
            else if (entry.kind !== 'debug' || this.options.debug) {
                const text = this.format(entry)
                    .split('\n')
                    .map((line) => (line ? `${indent}  ${line}` : line))
                    .join('\n');
                if (entry.kind === 'warning' || entry.kind === 'error')
                    this.stderr(text);
                else
                    this.stdout(text);
            }
        }
    }
    /** One message as printed lines, redacted, ending in '\n'. */
    format(line) {
        const text = this.redact(line.text);
        const colour = this.platform === 'gitlab';
        switch (line.kind) {
            case 'warning':
                return colour ? `${YELLOW}warning: ${text}${RESET}\n` : `warning: ${text}\n`;
            case 'error':
                return colour ? `${RED}error: ${text}${RESET}\n` : `error: ${text}\n`;
            case 'debug':
                return `debug: ${text}\n`;
            default:
                return `${text}\n`;
        }
    }
}

;// CONCATENATED MODULE: ./src/runtime/detect-runtime.ts

/** Which platform we run on: `GITHUB_ACTIONS=true` → github, `GITLAB_CI=true` → gitlab, else the plain CLI. */
function detectPlatform(env) {
    if (env.GITHUB_ACTIONS === 'true')
        return 'github';
    if (env.GITLAB_CI === 'true')
        return 'gitlab';
    return 'cli';
}
/**
 * The runtime for this environment. Debug lines: on GitHub the runner decides (step debug logging); on GitLab when
 * `CI_DEBUG_TRACE=true`; on the CLI when `DEBUG` mentions `org-mirror` (or `*`), the usual Node convention.
 * `@actions/core` (with its own HTTP client) is loaded only on GitHub Actions.
 */
async function detectRuntime(env, options = {}) {
    const platform = detectPlatform(env);
    if (platform === 'github')
        return new (await Promise.all(/* import() */[__webpack_require__.e(421), __webpack_require__.e(340)]).then(__webpack_require__.bind(__webpack_require__, 1340))).GitHubRuntime();
    const debug = platform === 'gitlab'
        ? env.CI_DEBUG_TRACE === 'true'
        : /(^|,)\s*(org-mirror|\*)\s*(,|$)/.test(env.DEBUG ?? '') || env.RUNNER_DEBUG === '1';
    return new TextRuntime({ platform, debug, summaryFile: options.summaryFile });
}

// EXTERNAL MODULE: ./src/runtime/secret-masker.ts
var secret_masker = __webpack_require__(7712);
;// CONCATENATED MODULE: ./src/runtime/index.ts





/***/ }),

/***/ 7712:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M2: () => (/* binding */ SecretMasker),
/* harmony export */   eo: () => (/* binding */ secretForms),
/* harmony export */   v5: () => (/* binding */ MASK)
/* harmony export */ });
/** Text replaced for a secret in everything we print. Same as the Actions runner's. */
const MASK = '***';
/** Base64 of a secret only shows up inside longer strings (`user:token`); shifted forms need enough length to be safe. */
const MIN_SHIFTED_LENGTH = 8;
/** Prefixes that git Basic-auth headers put before a token: GitHub, GitLab, Bitbucket. */
const BASIC_AUTH_USERS = ['x-access-token', 'oauth2', 'x-token-auth'];
function base64(value) {
    return Buffer.from(value).toString('base64');
}
/**
 * Every form in which a secret can appear in output: raw, each line of a multi-line secret, URL-encoded, base64, the
 * base64 of the `user:token` pairs git headers carry, and — for any other prefix, e.g. a Bitbucket `username:` — the
 * base64 characters that depend only on the secret, for each of the three byte alignments (the same idea as the
 * Actions runner's Base64StringEscape shifts).
 */
function secretForms(secret) {
    if (!secret)
        return [];
    const forms = new Set([secret, encodeURIComponent(secret), base64(secret)]);
    for (const line of secret.split(/\r?\n/))
        if (line.trim())
            forms.add(line);
    for (const user of BASIC_AUTH_USERS)
        forms.add(base64(`${user}:${secret}`));
    if (secret.length >= MIN_SHIFTED_LENGTH) {
        const bytes = Buffer.from(secret);
        for (let shift = 0; shift < 3; shift++) {
            const encoded = base64(Buffer.concat([Buffer.alloc(shift), bytes]));
            // Characters before `start` mix in the prefix bytes; after `end`, the bytes that follow the secret.
            const start = Math.ceil((shift * 8) / 6);
            const end = Math.floor(((shift + bytes.length) * 8) / 6);
            forms.add(encoded.slice(start, end));
        }
    }
    return [...forms].filter((form) => form.length > 0);
}
/** The set of registered secrets, and the one function that removes them from text. */
class SecretMasker {
    forms = [];
    /** Register a secret (all its forms). Returns the forms newly registered. */
    add(secret) {
        const added = secretForms(secret).filter((form) => !this.forms.includes(form));
        // Longest first, so that a form containing another is replaced whole.
        this.forms = [...this.forms, ...added].sort((a, b) => b.length - a.length);
        return added;
    }
    redact(text) {
        let result = text;
        for (const form of this.forms) {
            if (result.includes(form))
                result = result.split(form).join(MASK);
        }
        return result;
    }
}


/***/ })

};
