export const id = 796;
export const ids = [796];
export const modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   En: () => (/* binding */ MirrorError),
/* harmony export */   I: () => (/* binding */ kindOf)
/* harmony export */ });
/* unused harmony export ERROR_KINDS */
/**
 * The kinds of failure the mirror tells apart. The kind is decided where the failure is born (an HTTP answer, a git
 * exit, a settings check) and travels unchanged to the report; messages are for people and are never parsed to find
 * it again.
 */
const ERROR_KINDS = (/* unused pure expression or super */ null && ([
    /** The host refused the credentials (401, or git's "Authentication failed"/publickey refusal). */
    'auth',
    /** Authenticated, but not allowed (403 without a rate-limit sign). */
    'forbidden',
    /** The repository, namespace or object does not exist (404, git's "repository not found"). */
    'not-found',
    /** The request conflicts with the host's state (409, 422 "already exists", a lease that no longer holds). */
    'conflict',
    /** The host asked the client to slow down (429, or 403 with rate-limit headers) and waiting did not help. */
    'rate-limited',
    /** No answer within the time limit, or a transfer that stalled. */
    'timeout',
    /** The connection failed or was dropped before an answer came (reset, refused, DNS, TLS). */
    'connection',
    /** The host answered with a server error (5xx) after the retries. */
    'server',
    /** The host's git server refused a pushed ref (protection, hook, non-fast-forward). */
    'push-refused',
    /** Bad configuration (exit code 2). */
    'config',
    /** Anything else: a bug or an answer the client did not understand. */
    'unexpected',
]));
/** A failure that knows its kind. Every module throws this (or a subclass) for failures the report should classify. */
class MirrorError extends Error {
    kind;
    constructor(message, kind, options) {
        super(message, options);
        this.kind = kind;
        this.name = 'MirrorError';
    }
}
/** The kind of anything thrown: a MirrorError's own kind, else `unexpected`. Never looks at the message. */
function kindOf(error) {
    return error instanceof MirrorError ? error.kind : 'unexpected';
}


/***/ }),

/***/ 6049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pg: () => (/* binding */ ListingError),
/* harmony export */   dh: () => (/* binding */ HostError),
/* harmony export */   z3: () => (/* reexport safe */ _settings_host_types_js__WEBPACK_IMPORTED_MODULE_2__.z)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _retry_policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9692);
/* harmony import */ var _settings_host_types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(419);
/**
 * The one interface the mirror engine talks to. The engine never asks which host it is: every host-specific
 * behaviour (API paths, pagination, protection model, git credentials) lives behind this interface, one file per host.
 */



/**
 * Raised by hosts for API failures, typed where the answer arrives (the HTTP clients and the retry policy). Message
 * carries host and operation, never a token.
 */
class HostError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MirrorError */ .En {
    status;
    outcomeUnknown;
    constructor(message, details = {}) {
        const given = typeof details === 'number' ? { status: details } : details;
        const kind = given.kind ?? (given.status !== undefined ? (0,_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .kindOfStatus */ .o3)(given.status) : 'unexpected');
        super(message, kind, given.cause !== undefined ? { cause: given.cause } : undefined);
        this.name = 'HostError';
        this.status = given.status;
        this.outcomeUnknown = given.outcomeUnknown ?? false;
    }
    /** The same failure with another message (an adapter naming its operation), kind and outcome kept. */
    static wrap(message, error) {
        return new HostError(message, {
            kind: error.kind,
            status: error.status,
            outcomeUnknown: error.outcomeUnknown,
            cause: error,
        });
    }
}
/** The listing could not be completed: the run must stop before any change. */
class ListingError extends HostError {
    constructor(message, details = {}) {
        super(message, details);
        this.name = 'ListingError';
    }
    static from(message, error) {
        return new ListingError(message, { kind: error.kind, status: error.status, cause: error });
    }
}


/***/ }),

/***/ 9692:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ kindOfAttempt),
/* harmony export */   Hu: () => (/* binding */ outcomeUnknown),
/* harmony export */   XQ: () => (/* binding */ REF_READ_RETRY_LIMITS),
/* harmony export */   Z4: () => (/* binding */ retryLimits),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   o3: () => (/* binding */ kindOfStatus),
/* harmony export */   th: () => (/* binding */ rateLimitSign),
/* harmony export */   yD: () => (/* binding */ retryVerdict),
/* harmony export */   yX: () => (/* binding */ sleepScaled)
/* harmony export */ });
/* unused harmony exports DEFAULT_RETRY_LIMITS, RETRY_STATUSES, RETRY_ERROR_CODES, NEVER_SENT_CODES, IDEMPOTENT_METHODS, requestedWaitMs, retryScale */
const DEFAULT_RETRY_LIMITS = {
    maxRetries: 4,
    minWaitMs: 1000,
    maxWaitMs: 60_000,
    maxTotalWaitMs: 120_000,
};
/**
 * The reads of a repository's refs (src/git/ref-discovery.ts): one per repository and side, so fewer retries and a
 * shorter first backoff than an API request; the same statuses, `Retry-After` handling and bounds on one wait.
 */
const REF_READ_RETRY_LIMITS = { ...DEFAULT_RETRY_LIMITS, maxRetries: 2, minWaitMs: 500 };
function retryLimits(overrides = {}) {
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
    return { ...DEFAULT_RETRY_LIMITS, ...defined };
}
const RETRY_STATUSES = [429, 502, 503, 504];
/** Network failures worth another try. */
const RETRY_ERROR_CODES = [
    'ECONNRESET',
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETDOWN',
    'ENETUNREACH',
    'EHOSTDOWN',
    'EHOSTUNREACH',
    'EPIPE',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
];
/** Failures that prove the request never reached the server: no connection was ever made. */
const NEVER_SENT_CODES = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
];
const TIMEOUT_CODES = [
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
];
/** Methods whose repetition does what one request does. */
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'];
function header(headers, name) {
    const value = headers?.[name] ?? headers?.[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
}
/**
 * Whether an answer says the client hit a rate limit: a quota at 0 (GitHub `x-ratelimit-remaining`, GitLab
 * `RateLimit-Remaining`, Bitbucket `X-RateLimit-Remaining`) or a `Retry-After` on a 403 (GitHub's secondary rate
 * limits: https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
 */
function rateLimitSign(status, headers) {
    if (status === 429)
        return true;
    if (status !== 403)
        return false;
    const remaining = header(headers, 'x-ratelimit-remaining') ?? header(headers, 'ratelimit-remaining');
    return remaining?.trim() === '0' || header(headers, 'retry-after') !== undefined;
}
/** The kind of a failure status, as the host answered it. */
function kindOfStatus(status, headers) {
    if (status === 401)
        return 'auth';
    if (rateLimitSign(status, headers))
        return 'rate-limited';
    if (status === 403)
        return 'forbidden';
    if (status === 404 || status === 410)
        return 'not-found';
    if (status === 409 || status === 422)
        return 'conflict';
    if (status === 408)
        return 'timeout';
    if (status >= 500)
        return 'server';
    return 'unexpected';
}
/** The kind of a failure without an answer. */
function kindOfAttempt(attempt) {
    if ('status' in attempt)
        return kindOfStatus(attempt.status, attempt.headers);
    if ('timedOut' in attempt)
        return 'timeout';
    return TIMEOUT_CODES.includes(attempt.code) ? 'timeout' : 'connection';
}
/**
 * How long the server asks us to wait, in ms: `Retry-After` (seconds or HTTP date), else a rate-limit reset header
 * (`X-RateLimit-Reset` / `RateLimit-Reset`, epoch seconds or seconds from now) when the remaining quota is 0.
 */
function requestedWaitMs(headers, now = Date.now()) {
    const retryAfter = header(headers, 'retry-after');
    if (retryAfter !== undefined && retryAfter.trim() !== '') {
        const seconds = Number(retryAfter);
        if (Number.isFinite(seconds))
            return Math.max(0, seconds * 1000);
        const date = Date.parse(retryAfter);
        if (!Number.isNaN(date))
            return Math.max(0, date - now);
    }
    const remaining = header(headers, 'x-ratelimit-remaining') ?? header(headers, 'ratelimit-remaining');
    const reset = header(headers, 'x-ratelimit-reset') ?? header(headers, 'ratelimit-reset');
    if (remaining?.trim() === '0' && reset !== undefined && Number.isFinite(Number(reset))) {
        const value = Number(reset);
        // Epoch seconds (GitHub, GitLab, Bitbucket) vs. seconds from now (the IETF draft's RateLimit-Reset).
        return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.max(0, value * 1000);
    }
    return undefined;
}
/** Exponential backoff with jitter: `min × 2^(retry-1)`, then a random 50–100 % of it (spreads concurrent clients). */
function backoffMs(minWaitMs, retry, random = Math.random) {
    const exponential = minWaitMs * 2 ** Math.max(0, retry - 1);
    return Math.round(exponential * (0.5 + random() * 0.5));
}
/** Whether this failure is one a retry can help with, for a request that may be repeated. */
function transient(attempt) {
    if ('status' in attempt)
        return RETRY_STATUSES.includes(attempt.status) || rateLimitSign(attempt.status, attempt.headers);
    if ('timedOut' in attempt)
        return true;
    return RETRY_ERROR_CODES.includes(attempt.code);
}
/**
 * Whether the request surely had no effect: never sent (connection refused, no such host), or turned away by a rate
 * limit, which hosts apply before they handle the request.
 */
function hadNoEffect(attempt) {
    if ('status' in attempt)
        return rateLimitSign(attempt.status, attempt.headers);
    if ('timedOut' in attempt)
        return false;
    return NEVER_SENT_CODES.includes(attempt.code);
}
/** Whether a failed attempt of `method` leaves the request's outcome unknown (it may have been carried out). */
function outcomeUnknown(method, attempt) {
    if (IDEMPOTENT_METHODS.includes(method.toUpperCase()))
        return false;
    if ('status' in attempt)
        return attempt.status >= 500 || attempt.status === 408;
    return !hadNoEffect(attempt);
}
/** The policy's answer for one failed attempt of a `method` request: wait and retry, or give up with a kind. */
function retryVerdict(method, attempt, state, limits = DEFAULT_RETRY_LIMITS, clock = {}) {
    const kind = kindOfAttempt(attempt);
    const unknown = outcomeUnknown(method, attempt);
    const stop = (note) => ({ retry: false, kind, outcomeUnknown: unknown, note });
    if (!transient(attempt))
        return stop();
    const repeatable = IDEMPOTENT_METHODS.includes(method.toUpperCase()) || hadNoEffect(attempt);
    if (!repeatable)
        return stop('not repeated: it may have been carried out');
    const asked = 'status' in attempt && attempt.headers ? requestedWaitMs(attempt.headers, clock.now) : undefined;
    if (asked !== undefined && asked > limits.maxWaitMs) {
        return stop(`the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(limits.maxWaitMs / 1000)} s bound`);
    }
    const tries = state.retries + 1;
    const gaveUp = `gave up after ${tries} ${tries === 1 ? 'try' : 'tries'}`;
    if (state.retries >= limits.maxRetries)
        return stop(gaveUp);
    const waitMs = Math.min(asked ?? backoffMs(limits.minWaitMs, state.retries + 1, clock.random), limits.maxWaitMs);
    if (state.waitedMs + waitMs > limits.maxTotalWaitMs)
        return stop(gaveUp);
    return { retry: true, waitMs };
}
/**
 * `MIRROR_RETRY_SCALE`: a factor on every retry wait actually slept (backoff and server-requested waits alike), for
 * tests and demos (`0.001` turns a 1 s wait into 1 ms). Bounds are checked on the unscaled wait, so a far
 * `Retry-After` is still refused. Default 1; invalid values count as 1.
 */
function retryScale(env = process.env) {
    const value = Number(env.MIRROR_RETRY_SCALE);
    return env.MIRROR_RETRY_SCALE && Number.isFinite(value) && value >= 0 ? value : 1;
}
/** Waits `ms × MIRROR_RETRY_SCALE`. */
function sleepScaled(ms) {
    return new Promise((resolve) => setTimeout(resolve, Math.round(ms * retryScale())));
}


/***/ }),

/***/ 4796:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readConfiguration: () => (/* binding */ readConfiguration)
});

// UNUSED EXPORTS: ConfigFileError, closest, parseConfiguration, pathText

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
// EXTERNAL MODULE: ./src/settings/input-definitions.ts
var input_definitions = __webpack_require__(2814);
;// CONCATENATED MODULE: ./src/settings/config-schema.ts
/**
 * The JSON Schema of the configuration file (`org-mirror.schema.json` at the package root), built from the one table
 * of inputs: every input of scope `mirror` is a key of `defaults` and of each mirror, every `perRepository` input a key
 * of a repository's overrides, every secret input only as `<name>-env`. `npm run schema` writes the file; a test fails
 * when the committed file differs from what this function builds.
 */


/** Keys of a mirror that are not inputs. */
const MIRROR_ONLY_KEYS = ['id', 'enabled', 'repositories'];
/** Keys of a repository's overrides that are not inputs. */
const REPOSITORY_ONLY_KEYS = ['enabled', 'target-name'];
/** `id`: a name for files and report sections. */
const MIRROR_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$';
/** An environment variable name, as POSIX shells accept it. */
const ENV_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
/** Inputs whose value is not free text: what the file accepts for them (read-settings.ts checks ranges and rules). */
const VALUE_SCHEMAS = {
    'source-type': { enum: [...host/* HOST_TYPES */.z3] },
    'target-type': { enum: [...host/* HOST_TYPES */.z3] },
    'on-divergence': { enum: ['fail', 'overwrite'] },
    visibility: { enum: ['private', 'internal', 'public', 'source'] },
    orphans: { enum: ['keep', 'archive'] },
    'request-timeout': { type: 'number', minimum: 0 },
    'repo-timeout': { type: 'number', minimum: 0 },
    'verify-interval': { type: 'number', minimum: 0 },
    'orphans-limit': { type: 'integer', minimum: 0 },
    'history-days': { type: 'integer', minimum: 0 },
    'source-app-id': { type: ['integer', 'string'] },
    'target-app-id': { type: ['integer', 'string'] },
    'source-app-installation-id': { type: ['integer', 'string'] },
    'target-app-installation-id': { type: ['integer', 'string'] },
    'destructive-limit': { anyOf: [{ type: 'integer', minimum: 0 }, { const: 'none' }] },
};
function inputNames(test) {
    return Object.keys(input_definitions/* INPUT_DEFINITIONS */.Y).filter((name) => test(input_definitions/* INPUT_DEFINITIONS */.Y[name]));
}
/** Input keys a mirror (or `defaults`) may set: every mirror-scope input; secrets as `<name>-env`. */
function mirrorInputKeys() {
    return inputNames((definition) => definition.scope === 'mirror').map((name) => input_definitions/* INPUT_DEFINITIONS */.Y[name].secret ? `${name}-env` : name);
}
/** Inputs that may be set per repository. */
function perRepositoryInputs() {
    return inputNames((definition) => definition.scope === 'mirror' && definition.perRepository === true);
}
/** Inputs about the run as a whole: never keys of the file. */
function runWideInputs() {
    return inputNames((definition) => definition.scope === 'run');
}
function secretInputs() {
    return inputNames((definition) => definition.secret === true);
}
function inputSchema(name) {
    const definition = input_definitions/* INPUT_DEFINITIONS */.Y[name];
    if (definition.secret) {
        return {
            description: `Name of the environment variable that holds ${name} (${definition.description}). The secret itself never stands in the file.`,
            type: 'string',
            pattern: ENV_NAME_PATTERN,
        };
    }
    const value = definition.boolean ? { type: 'boolean' } : (VALUE_SCHEMAS[name] ?? { type: 'string' });
    const schema = { description: definition.description, ...value };
    if (definition.boolean && definition.default !== undefined)
        schema.default = definition.default === 'true';
    return schema;
}
function inputProperties(names) {
    const properties = {};
    for (const name of names)
        properties[input_definitions/* INPUT_DEFINITIONS */.Y[name].secret ? `${name}-env` : name] = inputSchema(name);
    return properties;
}
function buildConfigSchema() {
    const mirrorInputs = inputNames((definition) => definition.scope === 'mirror');
    const repository = {
        description: "Overrides for one repository, by its name on the source. Only these keys: the mirror's own apply to it.",
        type: 'object',
        additionalProperties: false,
        properties: {
            enabled: {
                description: 'false: not synchronized and reported disabled; its target protection is left as it is (mode remove lifts it). Default: true.',
                type: 'boolean',
                default: true,
            },
            'target-name': {
                description: "The repository's name (GitLab: path under target-owner) on the target. Default: its source name.",
                type: 'string',
                minLength: 1,
            },
            ...inputProperties(perRepositoryInputs()),
        },
    };
    const mirror = {
        description: 'One source namespace mirrored into one target namespace.',
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
            id: {
                description: 'Unique id: names the mirror in the report, its state under cache-dir and its status issue.',
                type: 'string',
                pattern: MIRROR_ID_PATTERN,
            },
            enabled: {
                description: 'false: nothing is requested for this mirror; its repositories are reported disabled and their target protection is left as it is (mode remove lifts it). Default: true.',
                type: 'boolean',
                default: true,
            },
            ...inputProperties(mirrorInputs),
            repositories: {
                description: 'Per-repository overrides, keyed by the repository name on the source.',
                type: 'object',
                additionalProperties: { $ref: '#/definitions/repository' },
            },
        },
    };
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'org-mirror configuration file',
        description: 'Several mirrors in one run. Keys are the input names; run-wide inputs (mode, repositories, mirror, shard, concurrency, cache-dir, report files, accept, notifications, status issue) stay inputs. Secrets: <secret input>-env names the environment variable holding them.',
        type: 'object',
        additionalProperties: false,
        required: ['version', 'mirrors'],
        properties: {
            version: { description: 'Version of the file format: 1.', const: 1 },
            defaults: {
                description: 'Keys for every mirror; a mirror overrides them.',
                type: 'object',
                additionalProperties: false,
                properties: inputProperties(mirrorInputs),
            },
            mirrors: { type: 'array', minItems: 1, items: { $ref: '#/definitions/mirror' } },
        },
        definitions: { mirror, repository },
    };
}

// EXTERNAL MODULE: ./src/settings/input-sources.ts
var input_sources = __webpack_require__(1750);
// EXTERNAL MODULE: ./src/settings/read-settings.ts + 3 modules
var read_settings = __webpack_require__(5556);
// EXTERNAL MODULE: ./src/settings/settings.ts
var settings = __webpack_require__(7100);
;// CONCATENATED MODULE: ./src/settings/config-file.ts
/**
 * The configuration file (`config`): several mirrors in one run (docs/configuration.md). Parsed with positions kept
 * (yaml's parseDocument + LineCounter), checked against the JSON Schema the package ships (config-schema.ts, with
 * ajv), then each mirror's settings are read like inputs: the mirror's keys, then `defaults`, then the inputs.
 * Every problem becomes one line `org-mirror.yml:12:5: mirrors[0].filter: <what is wrong, what is accepted>`; all of
 * them are collected before the run ends with exit 2, before any network call.
 */









/** Bad configuration file: every problem, one line each (`file:line:col: path: message`). Exit code 2. */
class ConfigFileError extends settings/* SettingsError */.GN {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
        this.name = 'ConfigFileError';
    }
}
const RUN_WIDE = new Set(runWideInputs());
const SECRETS = new Set(secretInputs());
const PER_REPOSITORY = new Set(perRepositoryInputs());
let compiled;
function schemaValidator() {
    compiled ??= new ajv.Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(buildConfigSchema());
    return compiled;
}
/** Read `config`'s file and every mirror's settings; throws ConfigFileError or SettingsError (exit 2). */
function readConfiguration(sources, readText = (file) => (0,external_node_fs_.readFileSync)(file, 'utf8')) {
    const read = (0,input_sources/* inputReader */.cN)(sources);
    const file = read('config')?.value;
    if (file === undefined)
        throw new settings/* SettingsError */.GN('Missing config. Expected the path of a YAML configuration file.', 'config');
    let text;
    try {
        text = readText(file);
    }
    catch (error) {
        const reason = error.code === 'ENOENT' ? 'no such file' : 'cannot be read';
        throw new settings/* SettingsError */.GN(`Invalid config '${(0,input_sources/* oneLine */.TN)(file)}': ${reason}. Expected the path of a YAML configuration file.`, 'config');
    }
    return parseConfiguration(file, text, read, sources.env);
}
function parseConfiguration(file, text, read, env) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const where = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return `${file}:${line}:${col}`;
    };
    if (doc.errors.length) {
        throw new ConfigFileError(doc.errors.map((error) => `${where(error.pos[0])}: YAML syntax: ${error.message}`));
    }
    const data = doc.toJS();
    const mode = read('mode')?.value;
    if (mode !== undefined && !settings/* MODES */.FN.includes(mode)) {
        throw new settings/* SettingsError */.GN(`Invalid mode '${(0,input_sources/* oneLine */.TN)(mode)}'. Expected one of: ${settings/* MODES */.FN.join(', ')}.`, 'mode');
    }
    const problems = [];
    const warnings = [];
    const validate = schemaValidator();
    if (!validate(data))
        problems.push(...(validate.errors ?? []).map((error) => schemaProblem(error, data)));
    const shaped = problems.length === 0;
    const config = (data ?? {});
    const mirrors = Array.isArray(config.mirrors) ? config.mirrors.filter(isObject) : [];
    problems.push(...duplicateIds(mirrors), ...inputConflicts(config, mirrors, read));
    for (const [place, keys] of keyedPlaces(config, mirrors)) {
        problems.push(...regexProblems(place, keys));
        const unset = unsetVariables(place, keys, env);
        if (mode === 'validate')
            warnings.push(...unset);
        else if (!(place[0] === 'mirrors' && isDisabled(mirrors[place[1]], mode)))
            problems.push(...unset);
    }
    mirrors.forEach((mirror, index) => problems.push(...targetNameClashes(mirror, index)));
    const runs = [];
    if (shaped && problems.length === 0) {
        mirrors.forEach((mirror, index) => {
            try {
                runs.push(mirrorRun(mirror, index, config.defaults ?? {}, read, env, mode));
            }
            catch (error) {
                if (!(error instanceof settings/* SettingsError */.GN))
                    throw error;
                problems.push(settingsProblem(error, mirror, index, config.defaults ?? {}));
            }
        });
    }
    const lines = (list) => list.map((problem) => `${where(offsetOf(doc, problem))}: ${pathText(problem.at)}: ${problem.message}`);
    if (problems.length)
        throw new ConfigFileError(lines(sortProblems(doc, problems)));
    const selected = selectMirrors(runs, read);
    const first = runs[0].settings;
    return {
        file,
        run: { ...first, cacheDir: external_node_path_default().dirname(external_node_path_default().dirname(first.cacheDir)) },
        mirrors: selected,
        warnings: lines(warnings),
    };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A disabled mirror needs no secret unless mode remove (which lifts its protection) runs it. */
function isDisabled(mirror, mode) {
    return mirror?.enabled === false && mode !== 'remove';
}
// --- schema errors -----------------------------------------------------------------------------------------------
function schemaProblem(error, data) {
    const at = pointerSegments(error.instancePath, data);
    const params = error.params;
    switch (error.keyword) {
        case 'additionalProperties':
            return unknownKey([...at, String(params.additionalProperty)]);
        case 'required':
            return {
                at: [...at, String(params.missingProperty)],
                message: `missing. Expected ${requiredHint(String(params.missingProperty))}.`,
            };
        case 'type':
            return {
                at,
                message: `${describeValue(valueAt(data, at))} is not accepted. Expected ${typeText(String(params.type))}.`,
            };
        case 'enum':
            return {
                at,
                message: `${describeValue(valueAt(data, at))} is not accepted. Expected one of: ${params.allowedValues.join(', ')}.`,
            };
        case 'const':
            return {
                at,
                message: `${describeValue(valueAt(data, at))} is not accepted. Expected ${JSON.stringify(params.allowedValue)}.`,
            };
        case 'pattern':
            return { at, message: `${describeValue(valueAt(data, at))} is not accepted. Expected ${patternText(at)}.` };
        case 'minItems':
            return { at, message: 'no mirror in it. Expected a list of at least one mirror.' };
        default:
            return { at, message: `${error.message ?? 'not accepted'}.` };
    }
}
function requiredHint(key) {
    if (key === 'id')
        return 'a unique id on every mirror, such as acme-github';
    if (key === 'version')
        return 'version: 1 at the top of the file';
    if (key === 'mirrors')
        return 'a list of mirrors at the top of the file';
    return `${key} here`;
}
function typeText(type) {
    if (type === 'boolean')
        return 'true or false';
    if (type === 'object')
        return 'a mapping of keys';
    if (type === 'array')
        return 'a list';
    return `a ${type.replace(',', ' or ')}`;
}
function patternText(at) {
    const last = String(at[at.length - 1]);
    if (last === 'id')
        return 'letters, digits, ".", "_" and "-" (up to 63, starting with a letter or digit)';
    if (last.endsWith('-env'))
        return 'the name of an environment variable (letters, digits and "_", not starting with a digit)';
    return 'a value of the documented form';
}
/** The key `at` is not accepted where it stands: say why, and what is (with the closest key). */
function unknownKey(at) {
    const key = String(at[at.length - 1]);
    const inRepository = at.length === 5 && at[0] === 'mirrors' && at[2] === 'repositories';
    const place = inRepository
        ? 'repository'
        : at[0] === 'mirrors' && at.length === 3
            ? 'mirror'
            : at[0] === 'defaults'
                ? 'defaults'
                : 'top';
    if (SECRETS.has(key) && place !== 'top') {
        return {
            at,
            key: true,
            message: `a literal secret is refused in the file. Expected ${key}-env: VARIABLE, the name of the environment variable that holds it.`,
        };
    }
    if (RUN_WIDE.has(key) && place !== 'top') {
        return {
            at,
            key: true,
            message: `${key} is about the whole run and stays an input (with:, inputs:, --${key} or MIRROR_${key.toUpperCase().replace(/-/g, '_')}), not a key of the file.`,
        };
    }
    if (place === 'repository' && mirrorInputKeys().includes(key)) {
        return {
            at,
            key: true,
            message: `${key} cannot be set per repository. Expected one of: ${repositoryKeys().join(', ')}; set ${key} on the mirror.`,
        };
    }
    const accepted = place === 'repository'
        ? repositoryKeys()
        : place === 'mirror'
            ? [...MIRROR_ONLY_KEYS, ...mirrorInputKeys()]
            : place === 'defaults'
                ? mirrorInputKeys()
                : ['version', 'defaults', 'mirrors'];
    const close = closest(key, accepted);
    const expected = place === 'top'
        ? 'version, defaults or mirrors'
        : place === 'repository'
            ? `one of: ${accepted.join(', ')}`
            : 'an input name that describes a mirror (docs/configuration.md)';
    return { at, key: true, message: `unknown key.${close ? ` Did you mean ${close}?` : ''} Expected ${expected}.` };
}
function repositoryKeys() {
    return [...REPOSITORY_ONLY_KEYS, ...PER_REPOSITORY];
}
/** The closest key by edit distance, when it is close enough to be a typo. */
function closest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate);
        if (distance < bestDistance)
            [best, bestDistance] = [candidate, distance];
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
// --- checks beyond the schema ------------------------------------------------------------------------------------
function duplicateIds(mirrors) {
    const seen = new Map();
    const problems = [];
    mirrors.forEach((mirror, index) => {
        if (typeof mirror.id !== 'string')
            return;
        const key = mirror.id.toLowerCase();
        const first = seen.get(key);
        if (first === undefined)
            seen.set(key, index);
        else {
            problems.push({
                at: ['mirrors', index, 'id'],
                message: `duplicate id '${mirror.id}' (mirrors[${first}] has it). Expected an id no other mirror has.`,
            });
        }
    });
    return problems;
}
/** Every place that holds input keys: `defaults` and each mirror. */
function keyedPlaces(config, mirrors) {
    const places = [];
    if (isObject(config.defaults))
        places.push([['defaults'], config.defaults]);
    mirrors.forEach((mirror, index) => places.push([['mirrors', index], mirror]));
    return places;
}
function regexProblems(place, keys) {
    const problems = [];
    for (const name of ['filter', 'exclude']) {
        const value = keys[name];
        if (typeof value !== 'string')
            continue;
        try {
            new RegExp(value);
        }
        catch (error) {
            const reason = error instanceof Error ? error.message.split(': ').pop() : String(error);
            problems.push({
                at: [...place, name],
                message: `invalid regular expression '${(0,input_sources/* oneLine */.TN)(value)}': ${reason}. Expected a JavaScript regular expression matched against the whole repository name.`,
            });
        }
    }
    return problems;
}
function unsetVariables(place, keys, env) {
    const problems = [];
    for (const secret of SECRETS) {
        const variable = keys[`${secret}-env`];
        if (typeof variable !== 'string' || env[variable]?.trim())
            continue;
        problems.push({
            at: [...place, `${secret}-env`],
            message: `environment variable ${variable} is not set (or empty). Expected it to hold ${secret}: set it as a secret or masked CI/CD variable of the job.`,
        });
    }
    return problems;
}
/**
 * A mapping key given as an input (flag, Action input or MIRROR_* variable) and in the file: which one wins would be a
 * guess, so neither does. An input equal to its documented default does not count: the GitLab component passes every
 * input's default.
 */
function inputConflicts(config, mirrors, read) {
    const problems = [];
    for (const [place, keys] of keyedPlaces(config, mirrors)) {
        for (const key of Object.keys(keys)) {
            const name = (key.endsWith('-env') && SECRETS.has(key.slice(0, -4)) ? key.slice(0, -4) : key);
            const definition = input_definitions/* INPUT_DEFINITIONS */.Y[name];
            if (!definition || definition.scope !== 'mirror')
                continue;
            const input = read(name);
            if (!input || input.value === definition.default)
                continue;
            problems.push({
                at: [...place, key],
                key: true,
                message: `${name} is also given as ${input.origin}. Expected it in one place: the file or the inputs, not both.`,
            });
        }
    }
    return problems;
}
function targetNameClashes(mirror, index) {
    if (!isObject(mirror.repositories))
        return [];
    const problems = [];
    const names = Object.keys(mirror.repositories);
    const targets = new Map();
    for (const name of names) {
        const override = mirror.repositories[name];
        const explicit = isObject(override) && typeof override['target-name'] === 'string';
        if (!explicit)
            targets.set(name.toLowerCase(), name);
    }
    for (const name of names) {
        const override = mirror.repositories[name];
        if (!isObject(override) || typeof override['target-name'] !== 'string')
            continue;
        const targetName = override['target-name'];
        const key = targetName.toLowerCase();
        const other = targets.get(key);
        if (other !== undefined && other.toLowerCase() !== name.toLowerCase()) {
            problems.push({
                at: ['mirrors', index, 'repositories', name, 'target-name'],
                message: `'${(0,input_sources/* oneLine */.TN)(targetName)}' is also the target of ${other}. Expected one target name per repository.`,
            });
        }
        else
            targets.set(key, name);
    }
    return problems;
}
// --- each mirror's settings --------------------------------------------------------------------------------------
function mirrorRun(mirror, index, defaults, read, env, mode) {
    const id = String(mirror.id);
    const enabled = mirror.enabled !== false;
    // A disabled mirror is checked like the others, except for the tokens a mode needs: nothing is requested for it.
    const checkOnly = !enabled && mode !== 'remove' && mode !== 'validate';
    const layered = (name) => {
        if (name === 'mode' && checkOnly)
            return { value: 'check', origin: 'mode' };
        const definition = input_definitions/* INPUT_DEFINITIONS */.Y[name];
        if (definition?.scope === 'mirror') {
            for (const [keys, origin] of [
                [mirror, `mirrors[${index}]`],
                [defaults, 'defaults'],
            ]) {
                const value = fileValue(keys, name, env);
                if (value !== undefined)
                    return { value, origin: `${origin}.${name}` };
            }
        }
        return read(name);
    };
    const settings = (0,read_settings/* buildSettings */.E6)(layered, env);
    if (checkOnly)
        settings.mode = (mode ?? 'sync');
    settings.mirrorId = id;
    settings.cacheDir = external_node_path_default().join(settings.cacheDir, 'mirrors', id);
    const overrides = repositoryOverrides(mirror.repositories);
    if (overrides.size)
        settings.repositoryOverrides = overrides;
    return { id, enabled, settings };
}
function fileValue(keys, name, env) {
    if (SECRETS.has(name)) {
        const variable = keys[`${name}-env`];
        return typeof variable === 'string' ? env[variable]?.trim() || undefined : undefined;
    }
    const value = keys[name];
    return value === undefined || value === null ? undefined : String(value);
}
function repositoryOverrides(repositories) {
    const overrides = new Map();
    for (const [name, raw] of Object.entries(repositories ?? {})) {
        const keys = (isObject(raw) ? raw : {});
        const override = { name, enabled: keys.enabled !== false };
        if (typeof keys['target-name'] === 'string')
            override.targetName = keys['target-name'];
        if (typeof keys['on-divergence'] === 'string')
            override.onDivergence = keys['on-divergence'];
        if (typeof keys.visibility === 'string')
            override.visibility = keys.visibility;
        for (const flag of ['lfs', 'wikis', 'prune', 'protect']) {
            if (typeof keys[flag] === 'boolean')
                override[flag] = keys[flag];
        }
        overrides.set(name.toLowerCase(), override);
    }
    return overrides;
}
/** A SettingsError from a mirror's settings, pointed at the key that caused it (or at the mirror). */
function settingsProblem(error, mirror, index, defaults) {
    const name = error.input;
    if (name) {
        const key = SECRETS.has(name) ? `${name}-env` : name;
        if (key in mirror || !(key in defaults))
            return { at: ['mirrors', index, key], message: error.message };
        return { at: ['defaults', key], message: error.message };
    }
    return { at: ['mirrors', index], message: error.message };
}
function selectMirrors(runs, read) {
    const raw = read('mirror')?.value;
    if (raw === undefined)
        return runs;
    const wanted = raw
        .split(/[,\r\n]/)
        .map((id) => id.trim())
        .filter(Boolean);
    const ids = runs.map((run) => run.id);
    const unknown = wanted.filter((id) => !ids.some((known) => known.toLowerCase() === id.toLowerCase()));
    if (!wanted.length || unknown.length) {
        throw new settings/* SettingsError */.GN(`Invalid mirror '${(0,input_sources/* oneLine */.TN)(raw)}'${unknown.length ? `: no mirror ${unknown.join(', ')} in the file` : ''}. Expected ids of the file's mirrors, comma separated: ${ids.join(', ')}.`, 'mirror');
    }
    const keys = new Set(wanted.map((id) => id.toLowerCase()));
    return runs.filter((run) => keys.has(run.id.toLowerCase()));
}
// --- positions ---------------------------------------------------------------------------------------------------
function pointerSegments(pointer, data) {
    if (!pointer)
        return [];
    const segments = [];
    let value = data;
    for (const raw of pointer.slice(1).split('/')) {
        const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        const index = Array.isArray(value) ? Number(segment) : NaN;
        segments.push(Number.isInteger(index) ? index : segment);
        value = value?.[segment];
    }
    return segments;
}
function valueAt(data, at) {
    let value = data;
    for (const segment of at)
        value = value?.[segment];
    return value;
}
function describeValue(value) {
    if (typeof value === 'string')
        return `'${(0,input_sources/* oneLine */.TN)(value)}'`;
    if (value === null || value === undefined)
        return 'an empty value';
    if (typeof value === 'object')
        return Array.isArray(value) ? 'a list' : 'a mapping';
    return String(value);
}
/** The node for `at`: the deepest one that exists (a missing key points at its parent); the key node with `key`. */
function nodeAt(doc, at, key) {
    let node = doc.contents;
    for (let i = 0; i < at.length; i++) {
        const segment = at[i];
        const last = i === at.length - 1;
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isPair */.tO)(item) && (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(segment));
            if (!pair)
                return node;
            if (last && key)
                return pair.key;
            node = pair.value ?? pair.key;
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            const item = node.items[Number(segment)];
            if (item === undefined)
                return node;
            node = item;
        }
        else
            return node;
    }
    return node;
}
function offsetOf(doc, problem) {
    return nodeAt(doc, problem.at, problem.key ?? false)?.range?.[0] ?? 0;
}
function sortProblems(doc, problems) {
    const unique = new Map();
    for (const problem of problems)
        unique.set(`${pathText(problem.at)}\n${problem.message}`, problem);
    return [...unique.values()].sort((a, b) => offsetOf(doc, a) - offsetOf(doc, b));
}
/** `mirrors[0].repositories.api-core.lfs` */
function pathText(at) {
    if (!at.length)
        return '(file)';
    return at.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i ? '.' : ''}${segment}`)).join('');
}


/***/ })

};
