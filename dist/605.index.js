export const id = 605;
export const ids = [605,221];
export const modules = {

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

/***/ 3019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $o: () => (/* binding */ proxyConfigured),
/* harmony export */   FS: () => (/* binding */ useProxyFromEnvironment),
/* harmony export */   Z6: () => (/* binding */ proxyFetch)
/* harmony export */ });
/* harmony import */ var _undici_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6883);

/**
 * The one place that makes API calls honour `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (upper or lower case).
 *
 * Octokit and gitbeaker both call `fetch`. When the environment names a proxy, an undici `EnvHttpProxyAgent` becomes
 * the global dispatcher (so any plain `fetch` in the process uses it), and `proxyFetch` hands the same agent to each
 * call explicitly, which also holds where the global is not shared (bundlers, test sandboxes). Hosts listed in
 * `NO_PROXY` are reached directly. Keep-alive is undici's default. Git honours the same variables itself (libcurl).
 */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
let installed;
/** True when the environment names a proxy for API calls. */
function proxyConfigured(env = process.env) {
    return PROXY_VARIABLES.some((name) => Boolean(env[name]?.trim()));
}
function proxyKey(env) {
    return [...PROXY_VARIABLES, 'NO_PROXY', 'no_proxy'].map((name) => env[name] ?? '').join('\n');
}
/**
 * The proxy-aware dispatcher for API calls, or undefined when no proxy is configured (undici's default agent then
 * does the right thing and other code keeps its own dispatcher). Installed as the global dispatcher too.
 */
function useProxyFromEnvironment(env = process.env) {
    if (!proxyConfigured(env))
        return undefined;
    const key = proxyKey(env);
    if (installed?.key !== key) {
        installed = { key, agent: new _undici_js__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2() };
        (0,_undici_js__WEBPACK_IMPORTED_MODULE_0__/* .setGlobalDispatcher */ .bj)(installed.agent);
    }
    return installed.agent;
}
/** `fetch` that goes through the proxy the environment names (read when called). */
const proxyFetch = (input, init) => {
    const dispatcher = useProxyFromEnvironment();
    if (!dispatcher)
        return fetch(input, init);
    // Node's fetch is undici: it takes the `dispatcher` extension (typed by the undici copy bundled with Node).
    return fetch(input, { ...init, dispatcher });
};


/***/ }),

/***/ 4605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jobSlots: () => (/* binding */ jobSlots),
  runMirror: () => (/* binding */ runMirror)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/git/git.ts
/**
 * The one git runner. Every git process of the program starts here, so that:
 * - credentials only ever travel in the environment, scoped to one exact URL (`http.<url>.extraHeader` through
 *   `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`), never in argv, URLs or a config file;
 * - git never prompts (`GIT_TERMINAL_PROMPT=0`) and never uses a credential helper that could store a token;
 * - network operations are retried on transient failures, and every process has a time limit;
 * - output is bounded (stderr keeps its tail) so memory stays flat however many repositories run.
 */


/**
 * The credentials again with renewed headers, or undefined when none was renewed: what a command that failed with
 * `credentials` retries with, once.
 */
async function renewedCredentials(credentials, refused) {
    let renewed = false;
    const next = [];
    for (const credential of credentials ?? []) {
        const header = credential.header && credential.renew ? await credential.renew(credential.header, refused) : undefined;
        if (header)
            renewed = true;
        next.push(header ? { ...credential, header } : credential);
    }
    return renewed ? next : undefined;
}
/** A failed git command. Its kind is decided here, from git's own words, once: nothing downstream reads the text. */
class GitError extends errors/* MirrorError */.En {
    code;
    stderr;
    constructor(message, code, stderr, kind = gitFailureKind(stderr)) {
        super(message, kind);
        this.code = code;
        this.stderr = stderr;
        this.name = 'GitError';
    }
}
/**
 * What git (libcurl, ssh, the remote's own message) says for each kind of failure, most telling first. A failure
 * none of them names is `unexpected` (e.g. a damaged local repository).
 */
const GIT_FAILURE_KINDS = [
    // git's own time limit, a stall (libcurl's low-speed limit, git-lfs's activity timeout), a stopped repository
    [
        'timeout',
        /(Operation too slow|i\/o timeout|git timed out after|Operation timed out|Connection timed out|timed out|git was stopped: )/i,
    ],
    [
        'auth',
        /(Authentication failed|returned error: 401|HTTP\/\d(\.\d)? 401|terminal prompts disabled|could not read (Username|Password)|Permission denied \(publickey|Host key verification failed)/i,
    ],
    ['forbidden', /(returned error: 403|HTTP\/\d(\.\d)? 403)/i],
    [
        'not-found',
        /(returned error: 404|HTTP\/\d(\.\d)? 404|repository '[^']*' not found|Repository not found|not found)/i,
    ],
    ['rate-limited', /(returned error: 429|HTTP\/\d(\.\d)? 429)/i],
    ['server', /(returned error: 5\d\d|HTTP\/\d(\.\d)? 5\d\d)/i],
    ['push-refused', /(\[remote rejected\]|pre-receive hook declined|protected branch)/i],
    [
        'connection',
        /(Could not resolve host|Connection (reset|refused)|early EOF|RPC failed|remote end hung up|unexpected disconnect|transfer closed|SSL_read|gnutls_handshake|Empty reply from server|Recv failure|Could not read from remote repository)/i,
    ],
];
/** The kind of a git failure, from its error output. */
function gitFailureKind(stderr) {
    return GIT_FAILURE_KINDS.find(([, words]) => words.test(stderr))?.[0] ?? 'unexpected';
}
/** Kinds worth another attempt: the network or the server, not the request. */
function isTransientKind(kind) {
    return kind === 'timeout' || kind === 'connection' || kind === 'server' || kind === 'rate-limited';
}
const MAX_STDERR = 16 * 1024;
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
/** git's words for failures worth another attempt: network trouble and server-side 5xx/429. */
const TRANSIENT_GIT_ERROR = /(Operation too slow|Could not resolve host|Connection (reset|refused|timed out)|Operation timed out|timed out|early EOF|RPC failed|remote end hung up|The requested URL returned error: (429|5\d\d)|HTTP\/\d(\.\d)? (429|5\d\d)|unexpected disconnect|transfer closed|SSL_read|gnutls_handshake|Empty reply from server|Recv failure)/i;
/**
 * What git (libcurl: "Operation too slow. Less than 1 bytes/sec transferred the last N seconds") and git-lfs (Go:
 * "i/o timeout") say when the stall limit passed without data.
 */
const STALLED = /(Operation too slow|i\/o timeout)/i;
/** Environment variables that would let the caller's git setup leak into ours (or ours into a config file). */
const SCRUBBED_ENV = /^(GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+|PARAMETERS|GLOBAL|SYSTEM|NOSYSTEM)|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_ASKPASS|SSH_ASKPASS|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE|GIT_TRACE\w*|GIT_SSH|GIT_SSH_COMMAND|GIT_SSH_VARIANT|SSH_AUTH_SOCK)$/;
class Git {
    options;
    /** Number of git processes started (for the benchmark and the report). */
    processes = 0;
    baseEnv;
    constructor(options = {}) {
        this.options = options;
        const env = {};
        for (const [key, value] of Object.entries(options.env ?? process.env)) {
            if (!SCRUBBED_ENV.test(key))
                env[key] = value;
        }
        this.baseEnv = env;
    }
    async run(args, options = {}) {
        const attempts = options.retry ? 1 + (options.retries ?? this.options.retries ?? 2) : 1;
        const transient = options.transient ?? TRANSIENT_GIT_ERROR;
        let result;
        let stalls = 0;
        let attempt = 1;
        for (; attempt <= attempts; attempt++) {
            result = await this.spawnOnce(args, options);
            if (result.code !== 0 && STALLED.test(result.stderr))
                stalls++;
            if (result.code === 0 || attempt === attempts || !transient.test(result.stderr) || options.signal?.aborted)
                break;
            // A host that sent nothing for the whole stall limit twice is not coming back in this run: give up after the
            // second stall, so that a hung host costs its repository about 2 × request-timeout, not one per attempt.
            if (stalls >= (options.stallAttempts ?? 2))
                break;
            const base = (options.retryDelayMs ?? this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 1);
            await sleep(Math.min(base + Math.random() * base, 30_000));
        }
        if (!result)
            throw new Error('unreachable');
        if (result.code !== 0 && !options.renewed && !options.signal?.aborted) {
            // Expiring credentials that ran out (or were refused) under the command: once more with new ones.
            const refused = gitFailureKind(result.stderr) === 'auth';
            const credentials = await renewedCredentials(options.credentials, refused);
            if (credentials)
                return this.run(args, { ...options, credentials, renewed: true });
        }
        if (result.code !== 0 && !options.allowFailure) {
            const stalled = this.stalledReason(args, result.stderr, Math.min(attempt, attempts));
            throw new GitError(stalled ?? `git ${describeArgs(args)} failed: ${this.lastLines(result.stderr)}`, result.code, result.stderr);
        }
        return result;
    }
    /** Seconds without data after which a transfer is abandoned (undefined: no limit but the process time limit). */
    get stallSeconds() {
        return this.options.stallSeconds;
    }
    /**
     * The reason for a failure that was a stall: which host, which operation, how long, how many attempts. Undefined
     * when `stderr` does not say the transfer stalled.
     */
    stalledReason(args, stderr, attempts) {
        if (!STALLED.test(stderr))
            return undefined;
        const url = args.find((arg) => /^https?:\/\//.test(arg));
        let host = 'the server';
        try {
            if (url)
                host = new URL(url).host;
        }
        catch {
            // not a URL after all: keep the generic word
        }
        const operation = args[0] === 'lfs' ? `git lfs ${args[1] ?? ''}`.trim() : `git ${args[0] ?? ''}`.trim();
        const limit = this.options.stallSeconds ? `${this.options.stallSeconds} s` : 'the low-speed limit';
        const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
        return `${operation} stalled: ${host} sent no data for ${limit}${tries}`;
    }
    /** The environment of one git process: scrubbed base env, no prompts, config entries (credentials) by index. */
    environment(options = {}) {
        const entries = [
            // No helper may store or supply credentials: ours come from the header, and nothing else is wanted.
            ['credential.helper', ''],
            ['core.askPass', ''],
            ['protocol.version', '2'],
            ['gc.auto', '0'],
            ['maintenance.auto', 'false'],
            ['fetch.writeCommitGraph', 'false'],
            ['advice.detachedHead', 'false'],
        ];
        const credentials = [...(this.options.credentials ?? []), ...(options.credentials ?? [])];
        for (const credential of credentials) {
            if (credential.header)
                entries.push([`http.${credential.url}.extraHeader`, credential.header]);
        }
        if (this.options.stallSeconds) {
            const seconds = String(Math.max(1, Math.ceil(this.options.stallSeconds)));
            entries.push(['http.lowSpeedLimit', '1'], ['http.lowSpeedTime', seconds]);
        }
        const sshCommands = new Set(credentials.map((credential) => credential.sshCommand).filter(Boolean));
        // One ssh setup per process: a call that needed two (two SSH sides at once) could not pick the right key.
        if (sshCommands.size > 1)
            throw new Error('one git call cannot use the SSH keys of both sides');
        const [sshCommand] = sshCommands;
        for (const [key, value] of Object.entries(options.config ?? {}))
            entries.push([key, value]);
        const env = {
            ...this.baseEnv,
            ...options.env,
            GIT_TERMINAL_PROMPT: '0',
            GCM_INTERACTIVE: 'never',
            LC_ALL: 'C',
            GIT_CONFIG_COUNT: String(entries.length),
        };
        if (sshCommand) {
            env.GIT_SSH_COMMAND = sshCommand;
            env.GIT_SSH_VARIANT = 'ssh';
        }
        entries.forEach(([key, value], index) => {
            env[`GIT_CONFIG_KEY_${index}`] = key;
            env[`GIT_CONFIG_VALUE_${index}`] = value;
        });
        return env;
    }
    lastLines(stderr) {
        const text = stderrTail(stderr, 4);
        return (this.options.redact ? this.options.redact(text) : text) || 'no error output';
    }
    spawnOnce(args, options) {
        this.processes++;
        return new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_.spawn)('git', args, {
                cwd: options.cwd,
                env: this.environment(options),
                stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
                detached: true,
            });
            const stdout = [];
            let stderr = '';
            let timedOut = false;
            const kill = () => {
                try {
                    if (child.pid)
                        process.kill(-child.pid, 'SIGKILL');
                }
                catch {
                    child.kill('SIGKILL');
                }
            };
            const timer = setTimeout(() => {
                timedOut = true;
                kill();
            }, options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
            const onAbort = () => kill();
            options.signal?.addEventListener('abort', onAbort, { once: true });
            child.stdout?.on('data', (chunk) => stdout.push(chunk));
            child.stderr?.on('data', (chunk) => {
                stderr += chunk.toString('utf8');
                if (stderr.length > MAX_STDERR * 2)
                    stderr = stderr.slice(-MAX_STDERR);
            });
            if (options.input !== undefined)
                child.stdin?.end(options.input);
            child.on('error', (error) => {
                clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                reject(error);
            });
            child.on('close', (code, signal) => {
                clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                let errorText = stderr.slice(-MAX_STDERR);
                if (timedOut)
                    errorText += `\ngit timed out after ${Math.round((options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`;
                else if (options.signal?.aborted)
                    errorText += '\ngit was stopped: the repository ran out of time';
                resolve({
                    code: code ?? (signal ? 128 : 1),
                    stdout: Buffer.concat(stdout).toString('utf8'),
                    stderr: errorText,
                });
            });
        });
    }
}
/** The last `count` meaningful lines of git's (or git-lfs's) error output, joined: for messages. */
function stderrTail(stderr, count) {
    return (stderr
        .split(/[\r\n]+/)
        .map((line) => line.trim())
        // hints, and git-lfs's pointers to its own log file, say nothing about the failure
        .filter((line) => line &&
        !line.startsWith('hint:') &&
        !/^(Errors logged to |Use `git lfs logs last`)/.test(line) &&
        !PROGRESS_LINE.test(line))
        .slice(-count)
        .join(' / '));
}
/** `--progress` output (git's and the remote's): counts, not causes. */
const PROGRESS_LINE = /^(remote: )?(Enumerating|Counting|Compressing|Writing|Receiving|Resolving|Total|Unpacking|Delta compression|Checking connectivity)\b/;
/** argv for messages: subcommand and options, never URLs (they carry no token, but keep messages short). */
function describeArgs(args) {
    const words = args.filter((arg) => !/^(https?|ssh):\/\/|^[^\s/:]+@[^\s/:]+:/.test(arg) && !/^[0-9a-f]{40}/.test(arg));
    return words.slice(0, 3).join(' ');
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/git/lfs.ts
/**
 * Git LFS objects for a mirror: download from the source what the given refs need (all history), upload to the target,
 * before the refs are pushed, so that hosts which refuse refs pointing at unknown LFS objects (GitHub GH008) accept
 * them and clones of the mirror find every object.
 *
 * It runs `git lfs fetch` / `git lfs push` in the bare cache repo (git-lfs keeps objects in `<repo>/lfs/objects`;
 * no working tree is needed). Credentials are the git runner's `http.<url>.extraHeader` entries in the environment,
 * which git-lfs honours like git does; nothing is ever written to the cache's config. The LFS endpoints are pinned
 * in the environment (`lfs.url`) so that a `.lfsconfig` committed in the source cannot send objects elsewhere, and
 * lock verification is off: a mirror takes no locks, and it would cost a request per push.
 */




/** An LFS transfer failed; `missing` lists the objects that the source does not have. */
class LfsError extends Error {
    repo;
    missing;
    constructor(message, repo, missing = []) {
        super(message);
        this.repo = repo;
        this.missing = missing;
        this.name = 'LfsError';
    }
}
/** Refs per `git lfs fetch` call (it takes no --stdin): keeps argv far below the system limit. */
const FETCH_BATCH = 500;
const OID = /\b[0-9a-f]{64}\b/g;
/**
 * git-lfs's words for failures worth another attempt. It retries object transfers itself
 * (`lfs.transfer.maxretries`), but not a batch call answered with 429/5xx, which it reports as `Fatal error: <reason>`.
 */
const TRANSIENT = /(Fatal error: (Service Unavailable|Bad Gateway|Gateway Time-?out|Too Many Requests|Internal Server Error)|\[(429|50[0234])\]|connection (reset|refused)|unexpected EOF|i\/o timeout|Client\.Timeout|no such host)/i;
/** Copies the LFS objects reachable from `refs` from the source's LFS server to the target's. */
async function mirrorLfsObjects(options) {
    const { git, repoDir, sourceUrl, targetUrl, refs } = options;
    const repo = options.repo;
    if (refs && refs.length === 0)
        return { downloaded: 0, uploaded: 0 };
    // git-lfs prints no counts when not on a terminal, but reports every transfer to GIT_LFS_PROGRESS (objects it
    // already has, or that the target already has, are not listed).
    const progressDir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'org-mirror-lfs-'));
    const progressFile = external_node_path_default().join(progressDir, 'progress');
    const run = (args, url, input) => git.run(args, {
        cwd: repoDir,
        allowFailure: true,
        credentials: options.credentials,
        config: lfsConfig(url, git.stallSeconds),
        env: { GIT_LFS_PROGRESS: progressFile },
        input,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        retry: true,
        retries: options.retries ?? 2,
        retryDelayMs: options.retryDelayMs ?? 1000,
        transient: TRANSIENT,
        stallAttempts: 1,
    });
    try {
        for (const batch of refs ? chunks(refs, FETCH_BATCH) : [[]]) {
            const args = ['lfs', 'fetch', '--all', sourceUrl, ...batch];
            const fetched = await run(args, sourceUrl);
            if (fetched.code !== 0)
                throw stallError(git, repo, args, fetched.stderr) ?? fetchError(repo, sourceUrl, fetched.stderr);
        }
        const pushArgs = ['lfs', 'push', '--all', targetUrl];
        const pushed = refs
            ? await run([...pushArgs, '--stdin'], targetUrl, refs.join('\n') + '\n')
            : await run(pushArgs, targetUrl);
        if (pushed.code !== 0)
            throw stallError(git, repo, pushArgs, pushed.stderr) ?? pushError(repo, sourceUrl, targetUrl, pushed.stderr);
        const progress = await (0,promises_.readFile)(progressFile, 'utf8').catch(() => '');
        return { downloaded: completed(progress, 'download'), uploaded: completed(progress, 'upload') };
    }
    finally {
        await (0,promises_.rm)(progressDir, { recursive: true, force: true });
    }
}
/**
 * The engine's `copyLfs` hook (src/mirror/repo-context.ts): copies the LFS objects that the source tips `tips` (shas or
 * ref names in the cache repo) need, with the given credentials for the source and target URLs.
 */
function createLfsCopier(git, options = {}) {
    return (cache, sourceUrl, targetUrl, tips, credentials, signal) => mirrorLfsObjects({ ...options, git, repoDir: cache.dir, sourceUrl, targetUrl, refs: tips, credentials, signal });
}
/** git-lfs's own rule for the LFS endpoint of a clone URL: `<url>/info/lfs`, with `.git` added when missing. */
function lfsEndpoint(cloneUrl) {
    const url = cloneUrl.replace(/\/+$/, '');
    return url.endsWith('.git') ? `${url}/info/lfs` : `${url}.git/info/lfs`;
}
/**
 * With a stall limit: `lfs.activitytimeout` abandons a request after that long without a read or write (git-lfs's
 * own default is 30 s), and `lfs.transfer.maxretries=1` keeps git-lfs's retries of a stalled batch request (it retries
 * both the request and the object, `maxretries` times each, 8 by default) to 4 × the limit; the runner retries
 * transient failures of the whole command, but not a stall (stallAttempts: 1).
 */
function lfsConfig(cloneUrl, stallSeconds) {
    const endpoint = lfsEndpoint(cloneUrl);
    return {
        'lfs.url': endpoint,
        [`lfs.${endpoint}.locksverify`]: 'false',
        'lfs.locksverify': 'false',
        ...(stallSeconds
            ? { 'lfs.activitytimeout': String(Math.max(1, Math.ceil(stallSeconds))), 'lfs.transfer.maxretries': '1' }
            : {}),
    };
}
/** A transfer abandoned because the LFS server sent nothing for the stall limit (`lfs.activitytimeout`). */
function stallError(git, repo, args, stderr) {
    const reason = git.stalledReason(args, stderr, 1);
    return reason ? new LfsError(`${prefix(repo)}${reason}`, repo ?? args[3] ?? '') : undefined;
}
function fetchError(repo, sourceUrl, stderr) {
    const missing = missingOids(stderr, /(does not exist|not found|404)/i);
    if (missing.length)
        return new LfsError(`${prefix(repo)}${plural(missing)} ${missing.join(', ')} missing on the source (${sourceUrl})`, repo ?? sourceUrl, missing);
    return new LfsError(`${prefix(repo)}git lfs fetch from ${sourceUrl} failed: ${stderrTail(stderr, 3) || 'no error output'}`, repo ?? sourceUrl);
}
function pushError(repo, sourceUrl, targetUrl, stderr) {
    // A pointer whose object the fetch did not bring (the source skipped it): git-lfs names it.
    const missing = missingOids(stderr, /(unable to find source|missing)/i);
    if (missing.length)
        return new LfsError(`${prefix(repo)}${plural(missing)} ${missing.join(', ')} missing: the source (${sourceUrl}) did not provide them`, repo ?? sourceUrl, missing);
    return new LfsError(`${prefix(repo)}git lfs push to ${targetUrl} failed: ${stderrTail(stderr, 3) || 'no error output'}`, repo ?? sourceUrl);
}
function prefix(repo) {
    return repo ? `${repo}: ` : '';
}
function plural(oids) {
    return oids.length > 1 ? 'LFS objects' : 'LFS object';
}
/** Oids on the lines of `stderr` that match `reason`. */
function missingOids(stderr, reason) {
    const oids = new Set();
    for (const line of stderr.split('\n'))
        if (reason.test(line))
            for (const oid of line.match(OID) ?? [])
                oids.add(oid);
    return [...oids].sort();
}
/** Transfers finished in a GIT_LFS_PROGRESS log: lines `<direction> <n>/<files> <bytes>/<size> <name>` with all bytes. */
function completed(progress, direction) {
    return progress.split('\n').filter((line) => {
        const match = /^(\w+) \d+\/\d+ (\d+)\/(\d+) /.exec(line);
        return match !== null && match[1] === direction && match[2] === match[3];
    }).length;
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}

// EXTERNAL MODULE: ./src/report/counts.ts
var counts = __webpack_require__(5132);
// EXTERNAL MODULE: ./src/settings/urls.ts
var urls = __webpack_require__(6199);
;// CONCATENATED MODULE: ./src/mirror/admin-modes.ts
/**
 * The two administrative modes (SPEC "Modes"): `remove` lifts the protection of the selected mirrors so people can
 * push to them again, `install-hooks` puts a push webhook on the source so that every push triggers a sync. The
 * engine selects the repositories (filters, shard, event hint); these functions only act on what they are given.
 */


/**
 * mode remove: lift protection on each existing target repo (status 'unprotected'; 'skipped' with a reason when the
 * target repo does not exist), delete nothing, log that they should be added to `exclude`.
 */
async function removeMirrors(ctx, pairs) {
    const { runtime, target, settings } = ctx;
    const limit = (0,p_limit/* default */.A)(settings.concurrency);
    const counter = progressCounter(pairs.length);
    const results = await Promise.all(pairs.map((pair) => limit(async () => {
        const started = Date.now();
        const base = { name: pair.source.path, target: pair.targetPath, refs: [] };
        let result;
        if (!pair.target) {
            result = {
                ...base,
                status: 'skipped',
                reason: `no target repository ${target.owner}/${pair.targetPath}: nothing to unprotect`,
                durationMs: Date.now() - started,
            };
        }
        else {
            try {
                const lifted = await target.unprotect(pair.target);
                result = {
                    ...base,
                    status: 'unprotected',
                    reason: lifted ? 'protection lifted' : 'it had no protection to lift',
                    durationMs: Date.now() - started,
                };
            }
            catch (error) {
                result = { ...base, status: 'failed', reason: describe(error), durationMs: Date.now() - started };
            }
        }
        logResult(runtime, counter(), result);
        return result;
    })));
    const released = pairs.filter((_pair, i) => results[i].status === 'unprotected').map((pair) => pair.source.name);
    if (released.length > 0) {
        runtime.warning(`Mirroring stopped for ${released.length} ${admin_modes_plural(released.length, 'repository', 'repositories')}: their ` +
            `target repositories on ${target.owner} are no longer protected and nothing was deleted. Add them to ` +
            `\`exclude\` (for example exclude: '${excludePattern(released, settings.exclude)}'), or the next sync will ` +
            'protect and update them again.');
    }
    return results;
}
/**
 * mode install-hooks: one namespace hook when source.supportsNamespaceHook(), else one per repo; statuses
 * hook-created / hook-updated / hook-unchanged; failures 'failed' with a reason; one repo failing never stops the
 * others; bounded by settings.concurrency (p-limit).
 *
 * With a namespace hook the report holds one row, named `<owner>/*`, since one hook covers every repository: rows per
 * repository would count the same hook hundreds of times.
 */
async function installHooks(ctx, repos) {
    const { runtime, source, settings } = ctx;
    const hook = hookRequest(settings);
    const shownUrl = (0,urls/* redactUrl */.BO)(hook.url);
    if (repos.length === 0) {
        runtime.info('No repository selected: no webhook installed.');
        return [];
    }
    let namespaceHook;
    const checkStarted = Date.now();
    try {
        namespaceHook = await source.supportsNamespaceHook();
    }
    catch (error) {
        // Without knowing whether one hook covers them all, installing per repository could duplicate an org hook.
        const reason = `could not tell whether ${source.owner} takes an organization webhook: ${describe(error)}`;
        runtime.error(reason);
        return repos.map((repo) => ({
            name: repo.path,
            status: 'failed',
            reason,
            refs: [],
            durationMs: Date.now() - checkStarted,
        }));
    }
    if (namespaceHook) {
        runtime.info(`Installing one push webhook on ${source.owner} to ${shownUrl} (it covers every repository).`);
        const result = await installOne(ctx, undefined, `${source.owner}/*`, hook);
        logResult(runtime, '[1/1]', result);
        return [result];
    }
    runtime.info(`Installing a push webhook to ${shownUrl} on ${repos.length} ${admin_modes_plural(repos.length, 'repository')}.`);
    const limit = (0,p_limit/* default */.A)(settings.concurrency);
    const counter = progressCounter(repos.length);
    return Promise.all(repos.map((repo) => limit(async () => {
        const result = await installOne(ctx, repo, repo.path, hook);
        logResult(runtime, counter(), result);
        return result;
    })));
}
const HOOK_STATUS = {
    created: 'hook-created',
    updated: 'hook-updated',
    unchanged: 'hook-unchanged',
};
async function installOne(ctx, repo, name, hook) {
    const started = Date.now();
    try {
        const outcome = await ctx.source.installHook(repo, hook);
        return { name, status: HOOK_STATUS[outcome], refs: [], durationMs: Date.now() - started };
    }
    catch (error) {
        return { name, status: 'failed', reason: describe(error), refs: [], durationMs: Date.now() - started };
    }
}
function hookRequest(settings) {
    // Settings validation requires both for this mode (read-settings.ts requireForMode); this guards direct callers.
    if (!settings.hookUrl || !settings.hookSecret) {
        throw new Error('mode install-hooks needs hook-url and hook-secret.');
    }
    return { url: settings.hookUrl, secret: settings.hookSecret };
}
function logResult(runtime, position, result) {
    const seconds = (result.durationMs / 1000).toFixed(1);
    const line = `${position} ${result.name}: ${result.status}${result.reason ? ` (${result.reason})` : ''} in ${seconds} s`;
    if (result.status === 'failed')
        runtime.warning(line);
    else
        runtime.info(line);
}
function progressCounter(total) {
    let done = 0;
    return () => `[${++done}/${total}]`;
}
/** An `exclude` value that keeps the current one and adds `names` (whole-name regex, special characters escaped). */
function excludePattern(names, current) {
    const escaped = [...new Set(names)].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // `current` is compiled anchored as ^(?:…)$ (read-settings.ts): recover what the user wrote.
    const previous = current ? /^\^\(\?:([\s\S]*)\)\$$/.exec(current.source)?.[1] : undefined;
    return [...(previous ? [previous] : []), ...escaped].join('|');
}
function admin_modes_plural(count, one, many = `${one}s`) {
    return count === 1 ? one : many;
}
function describe(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/mirror/job-slots.ts
/** Ceiling of the job pool: at most this many discoveries at once (one keep-alive connection each per host). */
const MAX_JOBS = 32;
/**
 * Jobs at once for `concurrency` git transfers: 4× (discovery takes two round trips, a transfer far more, so four
 * jobs per slot keep the slots busy) up to 32, which bounds the connections per host and the burst of API reads
 * against a host's rate limit; never fewer than `concurrency`.
 */
function jobParallelism(concurrency) {
    return Math.max(concurrency, Math.min(MAX_JOBS, 4 * concurrency));
}
/** Waits for a slot of `limit` and holds it until the returned function is called. */
function holdSlot(limit) {
    return new Promise((acquired) => {
        void limit(() => new Promise((release) => acquired(release)));
    });
}
/** A time limit that can be paused (while waiting for a slot), calling `onTimeout` once it is used up. */
class TimeBudget {
    onTimeout;
    remainingMs;
    startedAt = 0;
    timer;
    constructor(limitMs, onTimeout) {
        this.onTimeout = onTimeout;
        this.remainingMs = limitMs;
        this.resume();
    }
    pause() {
        if (!this.timer)
            return;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.remainingMs -= Date.now() - this.startedAt;
    }
    resume() {
        if (this.timer)
            return;
        this.startedAt = Date.now();
        this.timer = setTimeout(this.onTimeout, Math.max(0, this.remainingMs));
    }
    stop() {
        clearTimeout(this.timer);
        this.timer = undefined;
    }
}

// EXTERNAL MODULE: ./src/mirror/health-store.ts
var health_store = __webpack_require__(4221);
;// CONCATENATED MODULE: ./src/mirror/lock.ts
/**
 * One run at a time per cache: `cache-dir/org-mirror.lock`, created exclusively. A lock whose process is gone (same
 * machine) or that is older than any run can last is stale and broken safely: renamed away first, so two runs
 * breaking it at once cannot both win.
 */



/** Time between two looks at a lock held by another run. */
const LOCK_POLL_MS = 250;
class LockBusyError extends Error {
}
async function acquireCacheLock(cacheDir, options) {
    await (0,promises_.mkdir)(cacheDir, { recursive: true });
    const file = external_node_path_default().join(cacheDir, 'org-mirror.lock');
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const deadline = now() + options.waitMs;
    let told = false;
    for (;;) {
        try {
            const handle = await (0,promises_.open)(file, 'wx');
            const owner = { pid: process.pid, host: (0,external_node_os_.hostname)(), startedAt: now() };
            await handle.writeFile(JSON.stringify(owner));
            await handle.close();
            return async () => {
                await (0,promises_.rm)(file, { force: true });
            };
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
        }
        const owner = await readOwner(file);
        if (!owner || isStale(owner, options.staleMs ?? 6 * 3600_000, now())) {
            const aside = `${file}.stale.${process.pid}.${now()}`;
            await (0,promises_.rename)(file, aside).then(() => (0,promises_.rm)(aside, { force: true }), () => undefined);
            continue;
        }
        if (now() >= deadline) {
            throw new LockBusyError(`cache-dir ${cacheDir} is in use by another run (pid ${owner.pid} on ${owner.host}); runs on one cache must not overlap`);
        }
        if (!told) {
            options.onWait?.(`pid ${owner.pid} on ${owner.host}`);
            told = true;
        }
        await sleep(LOCK_POLL_MS);
    }
}
async function readOwner(file) {
    try {
        const owner = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
        return typeof owner.pid === 'number' ? owner : undefined;
    }
    catch (error) {
        // Missing: gone in between. Half-written: its writer is alive a few ms more; treat as fresh unless it stays so.
        if (error.code === 'ENOENT')
            return undefined;
        const info = await (0,promises_.stat)(file).catch(() => undefined);
        return info ? { pid: -1, host: (0,external_node_os_.hostname)(), startedAt: info.mtimeMs } : undefined;
    }
}
function isStale(owner, staleMs, now) {
    if (now - owner.startedAt > staleMs)
        return true;
    if (owner.pid <= 0)
        return now - owner.startedAt > 10_000;
    // A lock from another machine in a local cache-dir came with a restored cache (actions/cache, GitLab cache:) from
    // a job that was killed: no run there can still be using this copy. A short grace covers shared network disks.
    if (owner.host !== (0,external_node_os_.hostname)())
        return now - owner.startedAt > 5 * 60_000;
    try {
        process.kill(owner.pid, 0);
        return false;
    }
    catch (error) {
        return error.code === 'ESRCH';
    }
}

;// CONCATENATED MODULE: ./src/mirror/name-rules.ts
const onlyDashes = (name) => /^-+$/.test(name);
/** Any host: no path tricks and no control characters (a newline would forge a log line or a report row). */
const COMMON = [
    { breaks: (name) => name === '', says: 'must not be empty' },
    { breaks: (name) => name === '.' || name === '..', says: 'must not be "." or ".."' },
    // eslint-disable-next-line no-control-regex
    { breaks: (name) => /[\x00-\x1f\x7f]/.test(name), says: 'must not contain control characters (such as a newline)' },
];
const RULES = {
    github: {
        label: 'GitHub repository names',
        segments: false,
        rules: [
            {
                breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
                says: 'may contain only ASCII letters, digits, ".", "-" and "_"',
            },
            { breaks: (name) => name.length > 100, says: 'are at most 100 characters long' },
        ],
    },
    gitlab: {
        label: 'GitLab paths',
        segments: true,
        rules: [
            {
                breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
                says: 'may contain only non-accented letters, digits, "_", "-" and "."',
            },
            { breaks: (name) => name.startsWith('-'), says: 'must not start with "-"' },
            { breaks: (name) => /(\.|\.git|\.atom)$/i.test(name), says: 'must not end in ".", ".git" or ".atom"' },
            { breaks: (name) => name.length > 255, says: 'are at most 255 characters long' },
        ],
    },
    'bitbucket-cloud': {
        label: 'Bitbucket Cloud slugs',
        segments: false,
        rules: [
            {
                breaks: (name) => /[^a-z0-9._-]/.test(name),
                says: 'may contain only lower-case ASCII letters, digits, "_", "-" and "."',
            },
            {
                breaks: (name) => !onlyDashes(name) && (name.startsWith('-') || name.endsWith('-') || name.includes('--')),
                says: 'must not start or end with "-" or contain "--" (unless made of dashes only)',
            },
            { breaks: (name) => name.length > 62, says: 'are at most 62 characters long' },
        ],
    },
    gitea: {
        label: 'Gitea repository names',
        segments: false,
        rules: [
            {
                breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
                says: 'may contain only ASCII letters, digits, ".", "-" and "_"',
            },
            { breaks: (name) => name === '-', says: 'must not be "-"' },
            {
                breaks: (name) => /\.(git|wiki|rss|atom)$/i.test(name),
                says: 'must not end in ".git", ".wiki", ".rss" or ".atom"',
            },
            { breaks: (name) => name.length > 100, says: 'are at most 100 characters long' },
        ],
    },
    'bitbucket-server': {
        label: 'Bitbucket Server slugs',
        segments: false,
        rules: [
            {
                breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
                says: 'may contain only ASCII letters, digits, "_", "-" and "."',
            },
            { breaks: (name) => !/^[A-Za-z0-9]/.test(name), says: 'must start with a letter or a digit' },
            { breaks: (name) => name.length > 128, says: 'are at most 128 characters long' },
        ],
    },
};
/**
 * Why a source path is hostile whatever the target (empty, `.`/`..` or control characters in any segment), or
 * undefined. Checked before the filters: such a name is refused even where a filter would not have matched it.
 */
function sourceNameProblem(sourcePath) {
    for (const segment of [sourcePath, ...sourcePath.split('/')]) {
        const rule = COMMON.find((candidate) => candidate.breaks(segment));
        if (rule)
            return `${JSON.stringify(sourcePath)}: repository names ${rule.says}`;
    }
    return undefined;
}
/**
 * Why `targetPath` cannot be a repository on a `targetType` target, or undefined when it can. `sourcePath` is checked
 * against the common rules too: a control character in a source name is refused even where the mapping replaced it.
 */
function targetNameProblem(sourcePath, targetPath, targetType) {
    const quoted = JSON.stringify(targetPath);
    for (const rule of COMMON) {
        if (rule.breaks(sourcePath) || rule.breaks(targetPath))
            return `${quoted}: repository names ${rule.says}`;
    }
    const { label, segments, rules } = RULES[targetType];
    for (const segment of segments ? targetPath.split('/') : [targetPath]) {
        for (const rule of [...COMMON, ...rules]) {
            if (rule.breaks(segment)) {
                const part = segment === targetPath ? '' : ` (segment ${JSON.stringify(segment)})`;
                return `${quoted}${part}: ${label} ${rule.says}`;
            }
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/mirror/names.ts

function targetPathFor(source, targetType) {
    if (targetType === 'gitlab')
        return source.path;
    const flat = source.path.split('/').join('-');
    switch (targetType) {
        case 'github':
        case 'gitea':
            // GitHub and Gitea: ASCII letters, digits, `.`, `-`, `_`; anything else becomes `-`.
            return flat.replace(/[^A-Za-z0-9._-]/g, '-');
        case 'bitbucket-cloud':
        case 'bitbucket-server':
            // Bitbucket slugs: lower-case letters, digits, `.`, `-`, `_` (the host lower-cases names into slugs).
            return flat.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
    }
    return flat;
}
/** Case-insensitive key: every target host treats repository names without regard to case. */
function nameKey(path) {
    return path.toLowerCase();
}
function mapNames(sources, targetType, 
/** A name the configuration file gives the repository on the target (`target-name`), instead of its own. */
renamed = () => undefined) {
    const byKey = new Map();
    const refused = [];
    for (const source of sources) {
        const targetPath = renamed(source) ?? targetPathFor(source, targetType);
        const problem = targetNameProblem(source.path, targetPath, targetType);
        if (problem) {
            refused.push({ source, targetPath, reason: problem });
            continue;
        }
        const list = byKey.get(nameKey(targetPath)) ?? [];
        list.push({ source, targetPath });
        byKey.set(nameKey(targetPath), list);
    }
    const mapped = [];
    const collisions = [];
    for (const list of byKey.values()) {
        if (list.length === 1) {
            mapped.push(list[0]);
            continue;
        }
        for (const entry of list) {
            const others = list.filter((other) => other !== entry).map((other) => other.source.path);
            collisions.push({ source: entry.source, targetPath: entry.targetPath, others });
        }
    }
    return { mapped, collisions, refused };
}
/** Source repositories whose name is hostile whatever the target (name-rules.ts), split off before any filter. */
function refuseHostileNames(sources, targetType) {
    const safe = [];
    const refused = [];
    for (const source of sources) {
        const reason = sourceNameProblem(source.path);
        if (reason)
            refused.push({ source, targetPath: targetPathFor(source, targetType), reason });
        else
            safe.push(source);
    }
    return { safe, refused };
}

// EXTERNAL MODULE: ./src/hosts/orphan-mark.ts
var orphan_mark = __webpack_require__(5547);
;// CONCATENATED MODULE: ./src/mirror/orphans.ts

const DESCRIPTION_PREFIX = 'Mirror of ';
/** The source web URL a mirror's description names (any orphan mark left out), or undefined for other repositories. */
function mirroredOrigin(repo, settings) {
    const description = (0,orphan_mark/* withoutOrphanMark */.i4)(repo.description).trim();
    if (!description.toLowerCase().startsWith(`${DESCRIPTION_PREFIX}${settings.source.url}/`.toLowerCase()))
        return;
    const origin = description.slice(DESCRIPTION_PREFIX.length).trim();
    // Only mirrors of this source namespace: other namespaces may be mirrored into the same target.
    if (!origin.toLowerCase().includes(`/${settings.source.owner.toLowerCase()}/`))
        return;
    return origin;
}
/** Archived, or marked orphaned on hosts that cannot archive. */
function isSetAside(repo) {
    return repo.archived || (0,orphan_mark/* hasOrphanMark */.MB)(repo.description);
}
function findOrphans(ctx, targets) {
    const found = [];
    for (const target of targets) {
        const origin = mirroredOrigin(target, ctx.settings);
        if (origin && !ctx.sourceWebUrls.has(origin.toLowerCase()))
            found.push({ target, origin });
    }
    return found.sort((a, b) => (a.target.path < b.target.path ? -1 : 1));
}
/** Why nothing may be archived this run, or undefined when archiving may go ahead. */
function archiveBlocked(ctx, pending) {
    const { settings } = ctx;
    if (settings.shard) {
        return {
            reason: `not archived: a run limited to shard ${settings.shard.index}/${settings.shard.count} archives nothing`,
            next: 'archive from a run without shard (e.g. a scheduled full run)',
        };
    }
    if (pending > settings.orphansLimit) {
        return {
            reason: `not archived: ${pending} mirrors would be archived, more than orphans-limit ${settings.orphansLimit}`,
            next: `check that these source repositories are really gone, then set orphans-limit to at least ${pending}`,
        };
    }
    return undefined;
}
/**
 * The orphans of a run that listed the whole source namespace (the caller makes sure of that): reported, and archived
 * when asked and allowed. An archive that fails is that repository's failure only.
 */
async function handleOrphans(ctx, targets) {
    const { settings, runtime } = ctx;
    const orphans = findOrphans(ctx, targets);
    const archiving = settings.orphans === 'archive';
    const pending = orphans.filter((orphan) => !isSetAside(orphan.target));
    const blocked = archiving && pending.length ? archiveBlocked(ctx, pending.length) : undefined;
    if (blocked)
        runtime.warning(`orphans: ${blocked.reason}; ${blocked.next}`);
    const results = [];
    for (const { target, origin } of orphans) {
        const gone = `${origin} is no longer in the source (deleted or renamed)`;
        const result = (reason, next, status = 'orphaned') => ({
            name: target.path,
            target: target.path,
            status,
            reason,
            next,
            refs: [],
            durationMs: 0,
        });
        if (isSetAside(target)) {
            results.push(result(`${gone}; the mirror is ${target.archived ? 'archived' : 'marked orphaned'}`, 'nothing: a repository that reappears at the source is unarchived and mirrored again'));
        }
        else if (!archiving) {
            runtime.warning(`${target.path}: mirrors ${origin}, which is no longer in the source: left as it is (orphaned)`);
            results.push(result(`${gone}; the mirror is kept`, 'set orphans: archive to archive it (never deleted), or delete it on the target yourself'));
        }
        else if (blocked) {
            results.push(result(`${gone}; ${blocked.reason}`, blocked.next));
        }
        else if (settings.mode !== 'sync') {
            results.push(result(`${gone}; would be archived`, 'run mode sync with orphans: archive to archive it'));
        }
        else {
            results.push(await archiveOne(ctx, target, gone));
        }
    }
    return results;
}
async function archiveOne(ctx, target, gone) {
    const base = { name: target.path, target: target.path, refs: [], durationMs: 0 };
    const started = Date.now();
    try {
        await ctx.target.archive(target, ctx.today);
        const how = target.archived ? 'archived' : `marked "(orphaned on ${ctx.today})"`;
        ctx.runtime.info(`${target.path}: ${gone}: ${how}`);
        return {
            ...base,
            status: 'orphaned',
            reason: `${gone}; the mirror was ${how} (not deleted)`,
            next: 'nothing: a repository that reappears at the source is unarchived and mirrored again',
            durationMs: Date.now() - started,
        };
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.runtime.error(`${target.path}: could not archive the orphaned mirror: ${message}`);
        return {
            ...base,
            status: 'failed',
            reason: `${gone}; archiving failed: ${message}`,
            next: 'give the target token the right to archive (GitHub: admin; GitLab: Owner), then re-run',
            durationMs: Date.now() - started,
        };
    }
}
/**
 * Mirrors set aside earlier whose source repository is listed again: unarchived (the Bitbucket mark removed) before
 * they are synced, in mode sync, and only when the target is this very source repository's mirror. A mirror archived
 * by hand stays archived with `orphans: keep`; the Bitbucket mark is the mirror's own and always removed. A mirror that
 * cannot be taken back fails alone and is not synced this run.
 */
async function reopenMirrors(settings, target, runtime, jobs) {
    const ready = [];
    const failed = [];
    for (const job of jobs) {
        if (!job.target || !mayReopen(settings, job.target, job.source)) {
            ready.push(job);
            continue;
        }
        try {
            await target.unarchive(job.target);
            runtime.info(`${job.targetPath}: its source repository ${job.source.webUrl} is back: unarchived, mirroring it again`);
            ready.push(job);
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            runtime.error(`${job.source.path}: could not unarchive its mirror: ${message}`);
            failed.push({
                name: job.source.path,
                target: job.targetPath,
                status: 'failed',
                reason: `the source repository is back but its archived mirror could not be unarchived: ${message}`,
                next: `unarchive ${job.targetPath} on the target (or give the token the right to), then re-run`,
                refs: [],
                durationMs: 0,
            });
        }
    }
    return { jobs: ready, failed };
}
function mayReopen(settings, repo, source) {
    if (settings.mode !== 'sync' || !isSetAside(repo))
        return false;
    if (repo.archived && settings.orphans !== 'archive')
        return false;
    return mirroredOrigin(repo, settings)?.toLowerCase() === source.webUrl.toLowerCase();
}

;// CONCATENATED MODULE: ./src/mirror/overrides.ts
/** The override for a source repository, by name (or path, for GitLab subgroup projects), case-insensitive. */
function overrideOf(settings, repo) {
    const overrides = settings.repositoryOverrides;
    if (!overrides?.size)
        return undefined;
    return overrides.get(repo.path.toLowerCase()) ?? overrides.get(repo.name.toLowerCase());
}
/** `enabled: false`: nothing is requested for it. Mode remove still lifts its protection, as for any mirror. */
function isDisabled(settings, repo) {
    return settings.mode !== 'remove' && overrideOf(settings, repo)?.enabled === false;
}
/** The repository's own target name, when the file gives one. */
function targetNameOf(settings, repo) {
    return overrideOf(settings, repo)?.targetName;
}
/** The mirror's settings with the repository's overrides applied. */
function settingsFor(settings, repo) {
    const override = overrideOf(settings, repo);
    if (!override)
        return settings;
    return {
        ...settings,
        onDivergence: override.onDivergence ?? settings.onDivergence,
        lfs: override.lfs ?? settings.lfs,
        wikis: override.wikis ?? settings.wikis,
        prune: override.prune ?? settings.prune,
        protect: override.protect ?? settings.protect,
        visibility: override.visibility ?? settings.visibility,
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/git/refs.ts
/**
 * Refs as the mirror sees them: `refs/heads/*` and `refs/tags/*` only. Host-private refs (`refs/pull/*`,
 * `refs/merge-requests/*`, `refs/keep-around/*`…), `HEAD` and peeled tags never enter the comparison.
 */
const MIRRORED = /^refs\/(heads|tags)\//;
/** History refs (SPEC "History"): kept tips, read for retention, never mirrored, compared or reported as diverged. */
const HISTORY_NAMESPACE = 'refs/mirror-history/';
/** The same as protected tags, on hosts that refuse refs outside `refs/heads` and `refs/tags`. */
const HISTORY_TAG_NAMESPACE = 'refs/tags/mirror-history/';
function isHistoryRef(ref) {
    return ref.startsWith(HISTORY_NAMESPACE) || ref.startsWith(HISTORY_TAG_NAMESPACE);
}
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** Parse `git ls-remote` output, keeping mirrored refs with safe names. Unsafe names and history refs are returned apart. */
function parseLsRemote(output) {
    const entries = [];
    for (const line of output.split('\n')) {
        if (!line)
            continue;
        const tab = line.indexOf('\t');
        if (tab < 0)
            continue;
        entries.push([line.slice(0, tab), line.slice(tab + 1)]);
    }
    return collectRefs(entries);
}
/**
 * `[sha, ref]` pairs as a server advertises them (ls-remote lines, protocol v0/v2 ref lines) to the mirror's view:
 * mirrored namespaces only, peeled tags dropped, unsafe names apart, history refs apart. A later pair of the same name
 * wins.
 */
function collectRefs(entries) {
    const refs = new Map();
    const unsafe = [];
    const history = new Map();
    for (const [sha, ref] of entries) {
        if (!SHA.test(sha) || ref.endsWith('^{}'))
            continue;
        if (isHistoryRef(ref)) {
            history.set(ref, sha);
            continue;
        }
        if (!MIRRORED.test(ref))
            continue;
        if (isSafeRefName(ref))
            refs.set(ref, sha);
        else
            unsafe.push(ref);
    }
    return { refs, unsafe, history };
}
/**
 * git's own ref-name rules (git-check-ref-format) plus what we refuse for safety: nothing that could be read as an
 * option, a refspec operator, a path escape, or a control character.
 */
function isSafeRefName(ref) {
    if (!MIRRORED.test(ref) || ref.length > 1024)
        return false;
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
    if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref))
        return false;
    if (ref.includes('..') || ref.includes('@{') || ref.includes('//') || ref.endsWith('/') || ref.endsWith('.')) {
        return false;
    }
    for (const part of ref.split('/')) {
        if (!part || part.startsWith('.') || part.startsWith('-') || part.endsWith('.lock'))
            return false;
    }
    return true;
}
function sameRefs(a, b) {
    if (a.size !== b.size)
        return false;
    for (const [ref, sha] of a)
        if (b.get(ref) !== sha)
            return false;
    return true;
}
function isBranch(ref) {
    return ref.startsWith('refs/heads/');
}

;// CONCATENATED MODULE: ./src/git/cache-repo.ts
/**
 * One bare repository of the cache per source repository: fetched incrementally from the source, pushed from to the
 * target. Its directory name is a hash, so no name from a host ever becomes a path. No remote is configured: URLs
 * are given on each call, so nothing about the hosts is written into its config.
 */





/** git's words when the receiving end does not advertise `atomic` (send-pack.c). */
const ATOMIC_UNSUPPORTED = /does not support --atomic push/;
/** Refs per `git push` process (one push per repository below this). */
const PUSH_BATCH = 200;
/** Reject anything that is not a plain http(s) URL (for code that speaks HTTP itself); git calls use assertGitUrl. */
function assertHttpUrl(url) {
    if (!/^https?:\/\/[^\s]+$/.test(url))
        throw new Error(`refusing to use ${JSON.stringify(url)} as a git URL`);
}
const SSH_HOST = String.raw `(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\])`;
const SSH_USER = String.raw `[A-Za-z0-9_][A-Za-z0-9._~+-]*`;
/** `ssh://[user@]host[:port]/path` */
const SSH_URL = new RegExp(String.raw `^ssh://(?:${SSH_USER}@)?${SSH_HOST}(?::\d{1,5})?/[^\s]+$`);
/** scp-like `user@host:path` (git reads it so only when no `/` comes before the `:`), path not option-like. */
const SCP_LIKE_URL = new RegExp(String.raw `^${SSH_USER}@${SSH_HOST}:(?!-)[^\s]+$`);
/**
 * Reject anything but a plain http(s), `ssh://` or scp-like `user@host:path` URL before it reaches git's argv: no
 * whitespace or control characters, no user, host or path that git or ssh could read as an option (leading `-`), no
 * other transport (`ext::`, `file://`, local paths).
 */
function assertGitUrl(url) {
    const plain = !/[\s\p{Cc}]/u.test(url);
    if (!(plain && (/^https?:\/\/\S+$/.test(url) || SSH_URL.test(url) || SCP_LIKE_URL.test(url)))) {
        throw new Error(`refusing to use ${JSON.stringify(url)} as a git URL`);
    }
}
/** Refs on a remote, mirrored namespaces only. Unsafe ref names are reported apart, never used. */
async function lsRemote(git, url, credentials, options = {}) {
    assertGitUrl(url);
    // Patterns rather than --heads/--tags: the history refs come in the same listing (SPEC "History", retention).
    const result = await git.run(['ls-remote', '--refs', '--', url, 'refs/heads/*', 'refs/tags/*', 'refs/mirror-history/*'], {
        credentials,
        retry: true,
        cwd: options.cwd,
        signal: options.signal,
    });
    return parseLsRemote(result.stdout);
}
class CacheRepo {
    git;
    dir;
    constructor(git, dir) {
        this.git = git;
        this.dir = dir;
    }
    /** Whether the cache repo is there (a fetch updates it; otherwise a clone creates it). */
    exists() {
        return (0,external_node_fs_.existsSync)(external_node_path_default().join(this.dir, 'HEAD')) && (0,external_node_fs_.existsSync)(external_node_path_default().join(this.dir, 'objects'));
    }
    /** Clear lock files left by a run that was killed (the run holds the cache lock, so none can be live). */
    async open() {
        if (this.exists())
            await removeStaleLocks(this.dir);
    }
    /** Start over: used when the cache repo is found corrupt. The next fetch clones it anew. */
    async rebuild() {
        await (0,promises_.rm)(this.dir, { recursive: true, force: true });
    }
    /** Fetch branches and tags from the source, pruning what it deleted. */
    async fetch(url, credentials, signal) {
        assertGitUrl(url);
        if (!this.exists()) {
            // First time: one `clone --bare` (branches and every tag, no host-private refs) instead of init + fetch.
            // `--progress` (here and below) keeps data flowing while the server counts and compresses, so that a big but
            // healthy transfer is never mistaken for a stalled one (the runner's stall limit, see GitOptions.stallSeconds).
            await (0,promises_.rm)(this.dir, { recursive: true, force: true });
            await (0,promises_.mkdir)(external_node_path_default().dirname(this.dir), { recursive: true });
            await this.git.run(['clone', '--bare', '--progress', '--', url, this.dir], { credentials, retry: true, signal });
            return;
        }
        await this.git.run([
            'fetch',
            '--progress',
            '--prune',
            '--no-tags',
            '--no-write-fetch-head',
            '--no-auto-gc',
            '--update-head-ok',
            '--',
            url,
            '+refs/heads/*:refs/heads/*',
            '+refs/tags/*:refs/tags/*',
        ], { cwd: this.dir, credentials, retry: true, signal });
    }
    /**
     * The cache's refs, as `lsRemote` gives a remote's (right after a fetch: the source's), read from the ref files
     * (`packed-refs`, then loose refs, which win) without starting a process.
     */
    async localListing() {
        const lines = [];
        const packed = await (0,promises_.readFile)(external_node_path_default().join(this.dir, 'packed-refs'), 'utf8').catch(() => '');
        for (const line of packed.split('\n')) {
            const match = /^([0-9a-f]{40,64}) (refs\/\S+)$/.exec(line);
            if (match)
                lines.push(`${match[1]}\t${match[2]}`);
        }
        const visit = async (relative) => {
            const entries = await (0,promises_.readdir)(external_node_path_default().join(this.dir, relative), { withFileTypes: true }).catch(() => []);
            for (const entry of entries) {
                const ref = `${relative}/${entry.name}`;
                if (entry.isDirectory())
                    await visit(ref);
                else if (entry.isFile() && !entry.name.endsWith('.lock')) {
                    const sha = (await (0,promises_.readFile)(external_node_path_default().join(this.dir, ref), 'utf8')).trim();
                    if (/^[0-9a-f]{40,64}$/.test(sha))
                        lines.push(`${sha}\t${ref}`);
                }
            }
        };
        await visit('refs/heads');
        await visit('refs/tags');
        // Later lines win in parseLsRemote's map: loose refs come after packed ones.
        return parseLsRemote(lines.join('\n'));
    }
    /** The branch the cache's HEAD names: after `clone --bare`, the source's default branch. */
    async headBranch() {
        const head = await (0,promises_.readFile)(external_node_path_default().join(this.dir, 'HEAD'), 'utf8').catch(() => '');
        return /^ref: refs\/heads\/(\S+)\s*$/.exec(head)?.[1];
    }
    /** Whether `ancestor` is reachable from `descendant` (false when either object is missing here). */
    async isAncestor(ancestor, descendant) {
        const result = await this.git.run(['merge-base', '--is-ancestor', ancestor, descendant], {
            cwd: this.dir,
            allowFailure: true,
        });
        return result.code === 0;
    }
    /** Of these objects, the ones this repository does not have (one `git cat-file --batch-check`). */
    async missingObjects(shas) {
        const wanted = [...new Set(shas)];
        if (!wanted.length || !this.exists())
            return wanted;
        const result = await this.git.run(['cat-file', '--batch-check=%(objectname)'], {
            cwd: this.dir,
            input: `${wanted.join('\n')}\n`,
            allowFailure: true,
        });
        return result.stdout
            .split('\n')
            .map((line) => /^([0-9a-f]{40,64}) missing$/.exec(line)?.[1])
            .filter((sha) => sha !== undefined);
    }
    /**
     * Fetch some of a remote's refs (by full name) under `refs/mirror-target/`, for objects only the target has (a tip
     * the mirror is about to replace, to keep it as a history ref). Never touches the source's branches and tags.
     */
    async fetchRefsOf(url, refs, credentials, signal) {
        assertGitUrl(url);
        if (!refs.length)
            return;
        const specs = refs.map((ref) => `+${ref}:refs/mirror-target/${ref.replace(/^refs\//, '')}`);
        await this.git.run(['fetch', '--no-tags', '--no-write-fetch-head', '--no-auto-gc', '--', url, ...specs], {
            cwd: this.dir,
            credentials,
            retry: true,
            signal,
        });
    }
    /**
     * Push ref updates, each with a lease on the value just seen on the target, so that a concurrent direct push is
     * never clobbered. Refs are reported one by one (a rejected ref does not fail the others), unless `atomic`: then
     * each batch is one `git push --atomic` (all of its refs or none) where the server supports it.
     */
    async push(url, updates, credentials, signal, options = {}) {
        assertGitUrl(url);
        const outcomes = [];
        for (let start = 0; start < updates.length; start += PUSH_BATCH) {
            const batch = updates.slice(start, start + PUSH_BATCH);
            outcomes.push(...(await this.pushBatch(url, batch, credentials, signal, options.atomic ?? false)));
        }
        return outcomes;
    }
    async pushBatch(url, updates, credentials, signal, atomic) {
        const args = ['push', '--porcelain', '--progress', '--no-verify', '--no-follow-tags'];
        if (atomic)
            args.push('--atomic');
        for (const update of updates)
            args.push(`--force-with-lease=${update.ref}:${update.expect ?? ''}`);
        args.push('--', url);
        for (const update of updates)
            args.push(update.to ? `${update.to}:${update.ref}` : `:${update.ref}`);
        let stalls = 0;
        for (let attempt = 1;; attempt++) {
            const result = await this.git.run(args, { cwd: this.dir, credentials, allowFailure: true, signal });
            // A server without the `atomic` capability refuses the whole push before anything is sent: push ref by ref.
            if (atomic && ATOMIC_UNSUPPORTED.test(result.stderr))
                return this.pushBatch(url, updates, credentials, signal, false);
            if (STALLED.test(result.stderr))
                stalls++;
            const outcomes = parsePorcelain(result.stdout);
            if (outcomes.size > 0 || result.code === 0) {
                return updates.map((update) => outcomes.get(update.ref) ?? {
                    ref: update.ref,
                    ok: false,
                    forced: false,
                    message: stderrTail(result.stderr, 2) || 'git did not report this ref',
                });
            }
            // Nothing was reported per ref: the push did not start (network, auth). Retry transient failures only, since
            // then no ref was touched and the leases still hold.
            // A second stall ends it, as in Git.run: a hung target costs about 2 × request-timeout.
            if (attempt >= 3 || stalls >= 2 || !TRANSIENT_GIT_ERROR.test(result.stderr) || signal?.aborted) {
                throw new GitError(this.git.stalledReason(args, result.stderr, attempt) ??
                    `git push failed: ${stderrTail(result.stderr, 2) || `exit code ${result.code}`}`, result.code, result.stderr);
            }
            await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        }
    }
}
/** `git push --porcelain`: `<flag>\t<from>:<to>\t<summary>` per ref; flags ' ' ok, '+' forced, '-' deleted, '*' new, '=' up to date, '!' rejected. */
function parsePorcelain(stdout) {
    const outcomes = new Map();
    for (const line of stdout.split('\n')) {
        const match = /^([ +\-*=!])\t([^\t]*)\t(.*)$/.exec(line);
        if (!match)
            continue;
        const [, flag, spec, summary] = match;
        const ref = spec.slice(spec.lastIndexOf(':') + 1);
        outcomes.set(ref, {
            ref,
            ok: flag !== '!',
            forced: flag === '+',
            message: flag === '!' ? summary : undefined,
            kind: flag === '!' ? (/\(stale info\)/.test(summary) ? 'conflict' : 'push-refused') : undefined,
        });
    }
    return outcomes;
}
/** The run holds the cache lock, so a lock file inside a cache repo can only come from a git that was killed. */
async function removeStaleLocks(dir) {
    const visit = async (current, depth) => {
        let entries;
        try {
            entries = await (0,promises_.readdir)(current, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            const full = external_node_path_default().join(current, entry.name);
            if (entry.isDirectory()) {
                if (depth < 6 && entry.name !== 'objects')
                    await visit(full, depth + 1);
            }
            else if (entry.name.endsWith('.lock')) {
                await (0,promises_.rm)(full, { force: true });
            }
        }
    };
    await visit(dir, 0);
}

// EXTERNAL MODULE: ./src/hosts/undici.ts
var undici = __webpack_require__(6883);
// EXTERNAL MODULE: ./src/hosts/http-client.ts
var http_client = __webpack_require__(9643);
// EXTERNAL MODULE: ./src/hosts/retry-policy.ts
var retry_policy = __webpack_require__(9692);
;// CONCATENATED MODULE: ./src/git/git-http-auth.ts
/**
 * The headers git would send to `url` from `http.<cred.url>.extraHeader`: same scheme, host and port, and the
 * credential's path equal to the URL's or a parent of it at a `/` boundary (git-config "http.<url>.*" matching).
 */
function headersFor(url, credentials) {
    const headers = {};
    for (const credential of credentials) {
        let scope;
        try {
            scope = new URL(credential.url);
        }
        catch {
            continue;
        }
        if (scope.protocol !== url.protocol || scope.host !== url.host)
            continue;
        const prefix = scope.pathname.replace(/\/+$/, '');
        const path = url.pathname.replace(/\/+$/, '');
        if (path !== prefix && !path.startsWith(`${prefix}/`))
            continue;
        const header = credential.header;
        if (!header)
            continue;
        const colon = header.indexOf(':');
        if (colon <= 0)
            continue;
        headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
    }
    return headers;
}
/** Every form of the credentials (header value, Basic password, decoded pair) replaced in text meant for messages. */
function redactor(credentials) {
    const secrets = new Set();
    for (const { header } of credentials) {
        if (!header)
            continue;
        const value = header.slice(header.indexOf(':') + 1).trim();
        secrets.add(value);
        const match = /^(\w+)\s+(.+)$/.exec(value);
        if (!match)
            continue;
        secrets.add(match[2]);
        if (match[1].toLowerCase() === 'basic') {
            const decoded = Buffer.from(match[2], 'base64').toString('utf8');
            secrets.add(decoded);
            secrets.add(decoded.slice(decoded.indexOf(':') + 1));
        }
    }
    const ordered = [...secrets].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
    return (text) => ordered.reduce((result, secret) => result.split(secret).join('***'), text);
}

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
// EXTERNAL MODULE: ./src/hosts/proxy.ts
var proxy = __webpack_require__(3019);
;// CONCATENATED MODULE: ./src/git/git-http-dispatcher.ts
/**
 * The HTTP dispatcher of in-process git requests: one keep-alive pool per origin, direct or through the proxy the
 * environment names (as the API clients), TLS verified against Node's store plus GIT_SSL_CAINFO when set.
 */




let shared;
/**
 * One keep-alive pool per origin for the whole run (EnvHttpProxyAgent: direct or through the proxy the environment
 * names, NO_PROXY honoured), rebuilt only when the environment's proxy or CA settings change.
 */
function discoveryDispatcher(env) {
    const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'GIT_SSL_CAINFO'];
    const key = names.map((name) => env[name] ?? '').join('\n');
    if (shared?.key !== key) {
        const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
        const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY;
        // Whether EnvHttpProxyAgent may make a proxy agent: for a proxy given, else one it finds in process.env.
        const proxied = (0,proxy/* proxyConfigured */.$o)(env) || (0,proxy/* proxyConfigured */.$o)(process.env);
        const ca = trustedCertificates(env);
        shared = {
            key,
            dispatcher: new undici/* EnvHttpProxyAgent */.J2({
                httpProxy,
                httpsProxy,
                noProxy: env.no_proxy ?? env.NO_PROXY,
                keepAliveTimeout: 10_000,
                connections: 32,
                ...(ca ? trustOptions(ca, proxied) : {}),
            }),
        };
    }
    return shared.dispatcher;
}
/**
 * The options that make `ca` the certificates trusted, as one TLS context made when it is first needed. Given as `ca`
 * (some 200 kB of PEM), the list was parsed into a context again for every TLS connection (tls.connect makes one from
 * its options when given none: tens of ms each), and copied through JSON.stringify/parse by every Agent and Pool
 * constructor (undici deep-clones the options it hands on, `requestTls` and `proxyTls` among them), even when no
 * connection used it. Direct connections take a connector that makes the context at the first HTTPS connection (one
 * connector for every origin, as undici's proxy agent has for its tunnels; TLS sessions are cached by server name).
 * The proxy agents read `requestTls` (tunnelled connections) and `proxyTls` (an HTTPS proxy) when they are made, so
 * those hold the context, made then, only when a proxy is in use; a context clones to almost nothing.
 */
function trustOptions(ca, proxied) {
    let context;
    const secureContext = () => (context ??= external_node_tls_default().createSecureContext({ ca }));
    const plain = (0,undici/* buildConnector */.gU)({});
    let secure;
    const connect = (options, callback) => {
        if (options.protocol !== 'https:')
            return plain(options, callback);
        secure ??= (0,undici/* buildConnector */.gU)({ secureContext: secureContext() });
        return secure(options, callback);
    };
    if (!proxied)
        return { connect };
    const viaProxy = { secureContext: secureContext() };
    return { connect, requestTls: viaProxy, proxyTls: viaProxy };
}
/**
 * With GIT_SSL_CAINFO: Node's roots, NODE_EXTRA_CA_CERTS and that file (an explicit CA list replaces Node's default
 * one, extra certificates included, so all three are named). Without it: undefined, Node's default store.
 */
function trustedCertificates(env) {
    const file = env.GIT_SSL_CAINFO?.trim();
    if (!file)
        return undefined;
    const ca = [...(external_node_tls_default()).rootCertificates];
    for (const name of [env.NODE_EXTRA_CA_CERTS?.trim(), file]) {
        if (!name)
            continue;
        try {
            ca.push((0,external_node_fs_.readFileSync)(name, 'utf8'));
        }
        catch {
            // An unreadable file adds nothing: the certificate check then fails with its own clear message.
        }
    }
    return ca;
}

;// CONCATENATED MODULE: ./src/git/pkt-line.ts
/**
 * git's pkt-line framing (https://git-scm.com/docs/protocol-common#_pkt_line_format): a 4-digit hex length that
 * counts itself, then the payload; `0000` flush, `0001` delimiter, `0002` response end. Lengths are in bytes, so the
 * framing is read from a Buffer and payloads are decoded as UTF-8 only once cut out (ref names may be any UTF-8).
 */
class PktLineError extends Error {
}
/** Every packet of `buffer`, in order; a malformed or cut-off packet throws. */
function readPackets(buffer) {
    const packets = [];
    let at = 0;
    while (at < buffer.length) {
        if (at + 4 > buffer.length)
            throw new PktLineError('truncated pkt-line length');
        const header = buffer.toString('latin1', at, at + 4);
        if (!/^[0-9a-f]{4}$/i.test(header))
            throw new PktLineError('malformed pkt-line length');
        const length = Number.parseInt(header, 16);
        if (length === 0)
            packets.push({ kind: 'flush' });
        else if (length === 1)
            packets.push({ kind: 'delim' });
        else if (length === 2)
            packets.push({ kind: 'end' });
        else if (length < 4)
            throw new PktLineError(`invalid pkt-line length ${length}`);
        else {
            if (at + length > buffer.length)
                throw new PktLineError('truncated pkt-line');
            packets.push({ kind: 'data', text: stripNewline(buffer.toString('utf8', at + 4, at + length)) });
            at += length;
            continue;
        }
        at += 4;
    }
    return packets;
}
/** One data packet: length prefix + text (+ newline, as git writes them). */
function dataPacket(text) {
    const payload = Buffer.from(`${text}\n`, 'utf8');
    return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0'), 'latin1'), payload]);
}
const FLUSH = Buffer.from('0000', 'latin1');
const DELIM = Buffer.from('0001', 'latin1');
function stripNewline(text) {
    return text.endsWith('\n') ? text.slice(0, -1) : text;
}

;// CONCATENATED MODULE: ./src/git/ref-discovery.ts
/**
 * A repository's branches, tags and HEAD read in this process over git's smart HTTP protocol, instead of a
 * `git ls-remote` process per repository and side: keep-alive connections per host, the API clients' proxy handling
 * (HTTPS_PROXY / HTTP_PROXY / NO_PROXY through undici's EnvHttpProxyAgent), TLS always verified (NODE_EXTRA_CA_CERTS,
 * and GIT_SSL_CAINFO so that a private CA configured for git works here too), the `Authorization` header git would
 * send (scoped to its URL as `http.<url>.extraHeader` is), bounded answers, a time limit per request, bounded retries
 * of transient failures, and errors that never carry a credential.
 *
 * Protocol (https://git-scm.com/docs/gitprotocol-http, https://git-scm.com/docs/gitprotocol-v2):
 * `GET <url>/info/refs?service=git-upload-pack` with `Git-Protocol: version=2`. A v2 server answers with its
 * capabilities, and one `POST <url>/git-upload-pack` of `ls-refs` with `ref-prefix` for HEAD, `refs/heads/` and
 * `refs/tags/` returns just those (no `refs/pull/*` or `refs/merge-requests/*` on the wire). Any other server answers
 * with the v0 advertisement of every ref, HEAD's target in its `symref=` capability. Two requests per repository at
 * most. Hand-written rather than isomorphic-git: its `listServerRefs` sends a single `ref-prefix` (two listings would
 * cost four requests, or `refs/` would download every pull-request ref) and would add a large bundle to load.
 */










/** A listing that failed, with its kind decided from the HTTP status or the network error where it happened. */
class RefDiscoveryError extends errors/* MirrorError */.En {
    status;
    attempt;
    constructor(message, kind = 'unexpected', status, 
    /**
     * How the attempt failed, when it was the answer's status, the network or the time limit: what the retry policy
     * (retry-policy.ts) decides on. Any other failure (a malformed answer, a refused redirect) is not retried.
     */
    attempt) {
        super(message, kind);
        this.status = status;
        this.attempt = attempt;
        this.name = 'RefDiscoveryError';
    }
}
/** The kind of a refused HTTP answer. */
/** Servers (GitHub among them) look for a `git/` user agent before speaking the smart protocol, as isomorphic-git knows. */
const USER_AGENT = 'git/org-mirror';
const ADVERTISEMENT = 'application/x-git-upload-pack-advertisement';
const RESULT = 'application/x-git-upload-pack-result';
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/**
 * Attempts that may end in a stall (no data for the time limit) before the read gives up: a host that sent nothing
 * twice is not coming back in this run (as for a stalled git transfer, src/git/git.ts).
 */
const STALL_ATTEMPTS = 2;
/** Refs of `url`: in process over smart HTTP; any other transport through `git ls-remote`. */
async function listRemoteRefs(git, url, credentials, options = {}) {
    if (/^https?:\/\//i.test(url))
        return discoverRefs(url, credentials, options);
    await options.beforeGit?.();
    return lsRemote(git, url, credentials, { signal: options.signal });
}
async function discoverRefs(url, credentials, options = {}) {
    const redact = redactor(credentials);
    const where = `reading the refs of ${(0,http_client/* safeUrl */.Pl)(url)}`;
    let base;
    try {
        base = new URL(url.replace(/\/+$/, ''));
    }
    catch {
        throw new RefDiscoveryError(`${where} failed: not a valid URL`);
    }
    if (!/^https?:$/.test(base.protocol) || base.username || base.password) {
        throw new RefDiscoveryError(`${where} failed: only http(s) URLs without user information are read in process`);
    }
    const session = {
        origin: base.origin,
        authorization: headersFor(base, credentials),
        dispatcher: options.dispatcher ?? discoveryDispatcher(options.env ?? process.env),
        timeoutMs: options.timeoutMs ?? http_client/* DEFAULT_REQUEST_TIMEOUT_MS */.Zc,
        maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
        signal: options.signal,
        redact,
    };
    const limits = {
        ...retry_policy/* REF_READ_RETRY_LIMITS */.XQ,
        maxRetries: options.retries ?? retry_policy/* REF_READ_RETRY_LIMITS */.XQ.maxRetries,
    };
    const sleep = options.sleep ?? retry_policy/* sleepScaled */.yX;
    const state = { retries: 0, waitedMs: 0 };
    let renewed = false;
    let stalls = 0;
    for (;;) {
        try {
            return await discoverOnce(base, session);
        }
        catch (error) {
            const failure = asDiscoveryError(error, session);
            // Expiring credentials refused (a GitHub App installation token): once more with new ones.
            const fresh = failure.status === 401 && !renewed ? await renewedCredentials(credentials, true) : undefined;
            if (fresh) {
                renewed = true;
                session.authorization = headersFor(base, fresh);
                continue;
            }
            if (failure.attempt && 'timedOut' in failure.attempt)
                stalls++;
            // The one retry policy decides what retries and how long to wait; every request of a read is safe to repeat
            // (the ls-refs POST reads too), so it is asked as a GET.
            const verdict = failure.attempt && stalls < STALL_ATTEMPTS && !options.signal?.aborted
                ? (0,retry_policy/* retryVerdict */.yD)('GET', failure.attempt, state, limits)
                : undefined;
            if (!verdict?.retry) {
                const attempts = state.retries + 1;
                const why = verdict?.note ? ` (${verdict.note})` : attempts > 1 ? ` (after ${attempts} attempts)` : '';
                throw new RefDiscoveryError(redact(`${where} failed: ${failure.message}${why}`), failure.kind, failure.status);
            }
            state.retries += 1;
            state.waitedMs += verdict.waitMs;
            await sleep(verdict.waitMs);
            if (options.signal?.aborted) {
                throw new RefDiscoveryError(`${where} was stopped: the repository ran out of time`, 'timeout');
            }
        }
    }
}
async function discoverOnce(base, session) {
    const advertised = await getAdvertisement(base, session);
    const packets = skipServiceHeader(advertised.packets);
    const first = packets[0];
    if (first?.kind === 'data' && first.text === 'version 2') {
        return listRefsV2(advertised.base, capabilitiesOf(packets), session);
    }
    return parseV0(packets);
}
/** The capability advertisement, following redirects as git does for this first request (`http.followRedirects`). */
async function getAdvertisement(base, session) {
    let current = new URL(`${base.href}/info/refs?service=git-upload-pack`);
    for (let hops = 0;; hops++) {
        const response = await send(session, current, 'GET', { 'git-protocol': 'version=2', pragma: 'no-cache' });
        const status = response.statusCode;
        if (status >= 300 && status < 400 && response.headers.location) {
            await response.body.dump();
            const next = new URL(String(response.headers.location), current);
            if (hops >= MAX_REDIRECTS)
                throw new RefDiscoveryError(`more than ${MAX_REDIRECTS} redirects`);
            if (!/^https?:$/.test(next.protocol) || (current.protocol === 'https:' && next.protocol === 'http:')) {
                throw new RefDiscoveryError(`refusing a redirect to ${(0,http_client/* safeUrl */.Pl)(next)}`);
            }
            current = next;
            continue;
        }
        const body = await readAnswer(response, session, ADVERTISEMENT);
        // Later requests go to where the redirects led, as git does; the path must still be a repository's.
        if (!current.pathname.endsWith('/info/refs')) {
            throw new RefDiscoveryError(`redirected to ${(0,http_client/* safeUrl */.Pl)(current)}, which is not a git repository URL`);
        }
        const redirectedBase = new URL(current.href);
        redirectedBase.pathname = current.pathname.slice(0, -'/info/refs'.length);
        redirectedBase.search = '';
        return { base: redirectedBase, packets: parsePackets(body) };
    }
}
/**
 * Protocol v2: one `ls-refs` command for HEAD, branches, tags and the mirror's history refs (read in the same request,
 * for retention: SPEC "History").
 */
async function listRefsV2(base, capabilities, session) {
    if (!capabilities.has('ls-refs'))
        throw new RefDiscoveryError('the server speaks protocol v2 without ls-refs');
    const command = [dataPacket('command=ls-refs')];
    const objectFormat = capabilities.get('object-format');
    if (objectFormat)
        command.push(dataPacket(`object-format=${objectFormat}`));
    command.push(DELIM, dataPacket('symrefs'));
    for (const prefix of ['HEAD', 'refs/heads/', 'refs/tags/', HISTORY_NAMESPACE])
        command.push(dataPacket(`ref-prefix ${prefix}`));
    command.push(FLUSH);
    const url = new URL(`${base.href}/git-upload-pack`);
    const response = await send(session, url, 'POST', { 'git-protocol': 'version=2', 'content-type': 'application/x-git-upload-pack-request', accept: RESULT }, Buffer.concat(command));
    if (response.statusCode >= 300 && response.statusCode < 400) {
        await response.body.dump();
        throw new RefDiscoveryError(`unexpected redirect (HTTP ${response.statusCode}) of the ls-refs request`);
    }
    const entries = [];
    let head;
    for (const packet of parsePackets(await readAnswer(response, session, RESULT))) {
        if (packet.kind !== 'data')
            break;
        const [oid, name, ...attributes] = packet.text.split(' ');
        if (name === 'HEAD') {
            const target = attributes.find((attribute) => attribute.startsWith('symref-target:'));
            head = branchOf(target?.slice('symref-target:'.length));
        }
        else if (name !== undefined)
            entries.push([oid, name]);
    }
    return { ...collectRefs(entries), head };
}
/** Protocol v0: `<oid> <ref>` lines, capabilities after a NUL on the first one. */
function parseV0(packets) {
    const entries = [];
    let head;
    for (const packet of packets) {
        if (packet.kind !== 'data')
            break;
        let line = packet.text;
        const nul = line.indexOf('\0');
        if (nul >= 0) {
            const symref = line
                .slice(nul + 1)
                .split(' ')
                .find((capability) => capability.startsWith('symref=HEAD:'));
            head = branchOf(symref?.slice('symref=HEAD:'.length));
            line = line.slice(0, nul);
        }
        if (line.startsWith('version '))
            continue;
        const space = line.indexOf(' ');
        if (space < 0)
            throw new RefDiscoveryError('malformed ref advertisement');
        const name = line.slice(space + 1);
        // An empty repository advertises only its capabilities, on this placeholder line.
        if (name !== 'capabilities^{}')
            entries.push([line.slice(0, space), name]);
    }
    return { ...collectRefs(entries), head };
}
function send(session, url, method, headers, body) {
    return (0,undici/* request */.Em)(url, {
        method,
        body,
        headers: {
            'user-agent': USER_AGENT,
            accept: '*/*',
            ...headers,
            // Never to another origin, whatever a redirect says (git's curl does not carry it across hosts either).
            ...(url.origin === session.origin ? session.authorization : {}),
        },
        dispatcher: session.dispatcher,
        headersTimeout: session.timeoutMs,
        bodyTimeout: session.timeoutMs,
        signal: session.signal,
    });
}
/** A 2xx answer of the expected content type, read up to the size bound; anything else as a clear error. */
async function readAnswer(response, session, expected) {
    const status = response.statusCode;
    if (status < 200 || status >= 300) {
        await response.body.dump().catch(() => undefined);
        throw statusError(status, response.headers);
    }
    const type = String(response.headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
    if (type !== expected) {
        await response.body.dump().catch(() => undefined);
        throw new RefDiscoveryError(`not a smart git HTTP answer (HTTP ${status}, ${type || 'no content type'}; a login page or a proxy in the way?)`, 'unexpected', status);
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of response.body) {
        size += chunk.length;
        if (size > session.maxBytes) {
            response.body.destroy();
            throw new RefDiscoveryError(`the answer is larger than the ${session.maxBytes}-byte bound`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
}
function statusError(status, headers) {
    const kind = (0,retry_policy/* kindOfStatus */.o3)(status, headers);
    if (status === 401)
        return new RefDiscoveryError('authentication failed (HTTP 401): the token was refused', kind, status, {
            status,
            headers,
        });
    const limited = (0,retry_policy/* rateLimitSign */.th)(status, headers);
    const attempt = { status, headers };
    if (status === 403 && !limited)
        return new RefDiscoveryError('access denied (HTTP 403)', kind, status, attempt);
    if (status === 404)
        return new RefDiscoveryError('repository not found (HTTP 404)', kind, status, attempt);
    return new RefDiscoveryError(`HTTP ${status}${limited ? ' (rate limited)' : ''}`, kind, status, attempt);
}
function parsePackets(body) {
    try {
        const packets = readPackets(body);
        const error = packets.find((packet) => packet.kind === 'data' && packet.text.startsWith('ERR '));
        if (error?.kind === 'data')
            throw new RefDiscoveryError(`the server said: ${error.text.slice(4, 204)}`);
        return packets;
    }
    catch (error) {
        if (error instanceof PktLineError)
            throw new RefDiscoveryError(`malformed answer: ${error.message}`);
        throw error;
    }
}
/** Smart HTTP v0 answers start with `# service=git-upload-pack` and a flush; v2 answers may or may not. */
function skipServiceHeader(packets) {
    const first = packets[0];
    if (first?.kind === 'data' && first.text.startsWith('# service=')) {
        return packets[1]?.kind === 'flush' ? packets.slice(2) : packets.slice(1);
    }
    return packets;
}
/** v2 capabilities (`key` or `key=value`) up to the flush. */
function capabilitiesOf(packets) {
    const capabilities = new Map();
    for (const packet of packets.slice(1)) {
        if (packet.kind !== 'data')
            break;
        const equals = packet.text.indexOf('=');
        if (equals < 0)
            capabilities.set(packet.text, '');
        else
            capabilities.set(packet.text.slice(0, equals), packet.text.slice(equals + 1));
    }
    return capabilities;
}
function branchOf(ref) {
    return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}
/** Network failures in words, with what the retry policy decides on: the network error code, or no data in time. */
function asDiscoveryError(error, session) {
    if (error instanceof RefDiscoveryError)
        return error;
    const code = error?.code ?? '';
    const seconds = Math.round(session.timeoutMs / 100) / 10;
    if (session.signal?.aborted)
        return new RefDiscoveryError('stopped: the repository ran out of time', 'timeout');
    // Worded like a stalled git transfer (src/git/git.ts), so one reason reads the same whatever read the refs.
    const host = new URL(session.origin).host;
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
        return new RefDiscoveryError(`stalled: ${host} sent no data for ${seconds} s (no answer; request-timeout)`, 'timeout', undefined, { timedOut: true });
    }
    if (code === 'UND_ERR_BODY_TIMEOUT') {
        return new RefDiscoveryError(`stalled: ${host} sent no data for ${seconds} s (mid-answer; request-timeout)`, 'timeout', undefined, { timedOut: true });
    }
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code)) {
        return new RefDiscoveryError(`TLS certificate not trusted (${code}); for a private CA set NODE_EXTRA_CA_CERTS or GIT_SSL_CAINFO`, 'connection');
    }
    const message = error instanceof Error ? error.message : String(error);
    const text = code && !message.includes(code) ? `${code}: ${message}` : message;
    return new RefDiscoveryError(`connection failed: ${text.slice(0, 200)}`, 'connection', undefined, { code });
}

;// CONCATENATED MODULE: ./src/mirror/guard.ts
function countDestructive(replaced) {
    const counts = { deletedBranches: 0, deletedTags: 0, forceMoved: 0 };
    for (const tip of replaced) {
        if (tip.kind === 'force-move')
            counts.forceMoved++;
        else if (tip.ref.startsWith('refs/heads/'))
            counts.deletedBranches++;
        else
            counts.deletedTags++;
    }
    return counts;
}
function branchesIn(refs) {
    let count = 0;
    for (const ref of refs.keys())
        if (ref.startsWith('refs/heads/'))
            count++;
    return count;
}
/** Whether the guard holds this repository, with the counts either way. */
function guardVerdict(input) {
    const counts = countDestructive(input.replaced);
    if (input.limit === undefined || input.target.size === 0)
        return { held: false, counts };
    const destructive = counts.deletedBranches + counts.deletedTags + counts.forceMoved;
    const overLimit = destructive > input.limit;
    const everyBranch = counts.deletedBranches > 0 && branchesIn(input.target) > 0 && branchesIn(input.after) === 0;
    if (!overLimit && !everyBranch)
        return { held: false, counts };
    const why = everyBranch ? ', every branch of the target' : `, more than destructive-limit ${input.limit}`;
    return { held: true, counts, reason: `${describeCounts(counts)}${why}` };
}
/** `would delete 12 branches, force-move 0`; tags only when there are some. */
function describeCounts(counts) {
    const branches = `${counts.deletedBranches} ${counts.deletedBranches === 1 ? 'branch' : 'branches'}`;
    const tags = counts.deletedTags ? ` and ${counts.deletedTags} ${counts.deletedTags === 1 ? 'tag' : 'tags'}` : '';
    return `would delete ${branches}${tags}, force-move ${counts.forceMoved}`;
}
/** Whether `accept` names this repository (by its source name, case-insensitively) or is `*`. */
function isAccepted(accept, name) {
    if (!accept)
        return false;
    const lower = name.toLowerCase();
    return accept.some((entry) => entry === '*' || entry.toLowerCase() === lower);
}
/** The target's refs after the plan's writes: what the "every branch" rule looks at. */
function refsAfter(target, writes) {
    const after = new Map(target);
    for (const write of writes) {
        if (write.to === undefined)
            after.delete(write.ref);
        else
            after.set(write.ref, write.to);
    }
    return after;
}

;// CONCATENATED MODULE: ./src/mirror/history.ts


const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** The run's start as `YYYYMMDDTHHMMSSZ` (UTC), the `<stamp>` of every history ref the run writes. */
function historyStamp(at) {
    return at
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:]/g, '');
}
/** The time a stamp names, or undefined when it is not a valid `YYYYMMDDTHHMMSSZ`. */
function parseStamp(stamp) {
    const match = STAMP.exec(stamp);
    if (!match)
        return undefined;
    const [, year, month, day, hour, minute, second] = match.map(Number);
    const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    // Date.UTC rolls 20250230 over into March: such a stamp is not one the mirror writes.
    return historyStamp(at) === stamp ? at : undefined;
}
/** The history ref that keeps `ref`'s old tip: `refs/heads/main` → `refs/mirror-history/<stamp>/heads/main`. */
function historyRefName(ref, stamp, layout) {
    const kept = ref.replace(/^refs\//, '');
    return layout === 'tags' ? `${HISTORY_TAG_NAMESPACE}${stamp}/${kept}` : `${HISTORY_NAMESPACE}${stamp}/${kept}`;
}
/** The stamp of a history ref (either layout), or undefined when its name carries none. */
function stampOf(ref) {
    const rest = ref.startsWith(HISTORY_NAMESPACE)
        ? ref.slice(HISTORY_NAMESPACE.length)
        : ref.startsWith(HISTORY_TAG_NAMESPACE)
            ? ref.slice(HISTORY_TAG_NAMESPACE.length)
            : undefined;
    return rest?.split('/')[0];
}
/**
 * The planned actions that destroy a target tip. Fast-forwards and creations destroy nothing; diverged refs are left
 * untouched. A tag that moves always loses its old tip (a tag has no history of its own to contain it).
 */
async function replacedTips(plan, isAncestor) {
    const replaced = [];
    for (const action of plan) {
        if (action.kind === 'diverged' || action.kind === 'create' || action.from === undefined)
            continue;
        if (action.to === undefined) {
            replaced.push({ ref: action.ref, from: action.from, kind: 'delete' });
        }
        else if (!action.ref.startsWith('refs/heads/') || !(await isAncestor(action.from, action.to))) {
            replaced.push({ ref: action.ref, from: action.from, kind: 'force-move' });
        }
    }
    return replaced;
}
/** The pushes that keep each replaced tip: a new ref (leasing on its absence) per tip. */
function keepUpdates(replaced, stamp, layout) {
    return replaced.map((tip) => ({ ref: historyRefName(tip.ref, stamp, layout), to: tip.from }));
}
/**
 * History refs older than `days` (by the stamp in their name), as deletes leasing on the value seen. `days` 0 keeps
 * everything; a name without a valid stamp is not the mirror's to judge and is kept.
 */
function expiredHistory(history, now, days) {
    if (days <= 0)
        return [];
    const cutoff = now.getTime() - days * 86_400_000;
    const expired = [];
    for (const [ref, sha] of [...history].sort(([a], [b]) => a.localeCompare(b))) {
        const stamp = stampOf(ref);
        const at = stamp === undefined ? undefined : parseStamp(stamp);
        if (at && at.getTime() < cutoff)
            expired.push({ ref, expect: sha });
    }
    return expired;
}
/**
 * The push of one repository with history: each kept tip right before the change that replaces it (so that a push
 * split into batches never destroys a tip before keeping it), then the other changes, then expired history refs.
 */
function withHistory(updates, replaced, keep, expired) {
    const keptFor = new Map(replaced.map((tip, index) => [tip.ref, keep[index]]));
    const ordered = [];
    for (const update of updates) {
        const kept = keptFor.get(update.ref);
        if (kept)
            ordered.push(kept);
        ordered.push(update);
    }
    return [...ordered, ...expired];
}

;// CONCATENATED MODULE: ./src/mirror/plan.ts
/**
 * The plan of one repository: for every mirrored ref, what the target must get. Divergence is decided here, and only
 * here: a target ref is diverged when it holds something the mirror did not write and that is not already part of
 * the source's history, so overwriting it would lose work.
 */

async function planRefs(input) {
    const names = [...new Set([...input.source.keys(), ...input.target.keys()])].sort();
    const plan = [];
    for (const ref of names) {
        const action = await planRef(ref, input);
        if (action)
            plan.push(action);
    }
    return plan;
}
async function planRef(ref, input) {
    const to = input.source.get(ref);
    const from = input.target.get(ref);
    if (to === from)
        return undefined;
    if (from === undefined)
        return { ref, kind: 'create', to };
    if (to === undefined && !input.prune)
        return undefined;
    const wroteIt = input.written !== undefined && (input.written.refs[ref] === from || input.written.pending?.[ref] === from);
    // Without state, a ref the source deleted is pruned: the SPEC counts as diverged only refs the source still has.
    const safe = wroteIt ||
        (to === undefined && input.written === undefined) ||
        (to !== undefined && isBranch(ref) && (await input.isAncestor(from, to)));
    if (safe)
        return to === undefined
            ? { ref, kind: 'delete', from, expect: from }
            : { ref, kind: 'update', from, to, expect: from };
    if (!input.overwrite)
        return { ref, kind: 'diverged', from, to };
    return to === undefined
        ? { ref, kind: 'delete', from, expect: from, overwritten: true }
        : { ref, kind: 'force-update', from, to, expect: from, overwritten: true };
}
/** The refs the push must write: everything but diverged refs left alone. */
function updatesOf(plan) {
    return plan.filter((action) => action.kind !== 'diverged');
}

;// CONCATENATED MODULE: ./src/mirror/history-plan.ts



/** `destructive-limit` as the guard takes it: absent → 10, null (`none`) → off. */
function limitOf(settings) {
    if (settings.destructiveLimit === null)
        return undefined;
    return settings.destructiveLimit ?? 10;
}
async function assessDestruction(input) {
    const updates = updatesOf(input.plan);
    const isAncestor = (a, b) => input.cache.isAncestor(a, b);
    let replaced = await replacedTips(updates, isAncestor);
    // Old tips only the target has (a lost cache, a tip pushed by someone else and overwritten) are fetched first: the
    // history ref needs the object here, and the ancestry answer may change once it is. Fast-forwards cost no check.
    if (replaced.length) {
        const missing = new Set(await input.cache.missingObjects(replaced.map((tip) => tip.from)));
        const refs = replaced.filter((tip) => missing.has(tip.from)).map((tip) => tip.ref);
        if (refs.length) {
            await input.fetchTargetRefs(refs);
            replaced = await replacedTips(updates, isAncestor);
        }
    }
    const verdict = guardVerdict({
        replaced,
        target: input.target,
        after: refsAfter(input.target, updates),
        limit: limitOf(input.settings),
    });
    const accepted = verdict.held && isAccepted(input.settings.accept, input.name);
    const stamp = historyStamp(input.startedAt);
    const keep = input.settings.keepHistory === false ? [] : keepUpdates(replaced, stamp, input.layout);
    const expired = expiredHistory(input.history, input.startedAt, input.settings.historyDays ?? 90);
    return { replaced, verdict, held: verdict.held && !accepted, accepted, keep, expired };
}
/** The refs of one push: the plan's writes with their kept tips before them, and expired history refs after. */
function pushList(updates, destruction) {
    const writes = updates.map((action) => ({ ref: action.ref, to: action.to, expect: action.expect }));
    if (!destruction)
        return writes;
    const kept = destruction.keep.length ? destruction.replaced : [];
    return withHistory(writes, kept, destruction.keep, destruction.expired);
}
/** Notes for the report: where the replaced tips were kept, how many expired ones were deleted. */
function historyNotes(destruction, failed) {
    if (!destruction)
        return [];
    const notes = [];
    const kept = destruction.keep.filter((update) => !failed.has(update.ref));
    if (kept.length) {
        const prefix = /^(.*?mirror-history\/[^/]+\/)/.exec(kept[0].ref)?.[1] ?? kept[0].ref;
        notes.push(`kept ${kept.length} replaced tip${kept.length === 1 ? '' : 's'} under ${prefix}`);
    }
    const expired = destruction.expired.filter((update) => !failed.has(update.ref));
    if (expired.length) {
        notes.push(`deleted ${expired.length} history ref${expired.length === 1 ? '' : 's'} older than history-days`);
    }
    if (destruction.accepted && destruction.verdict.reason) {
        notes.push(`accepted: ${destruction.verdict.reason}`);
    }
    return notes;
}

// EXTERNAL MODULE: ./src/mirror/state.ts
var mirror_state = __webpack_require__(9946);
;// CONCATENATED MODULE: ./src/mirror/ref-sync.ts




async function syncRefs(ctx, job) {
    const { settings } = ctx;
    // Refs differ: the source's objects are needed (to push, and to tell fast-forwards from divergence).
    if (job.sourceRefs.size && !job.fetched) {
        await fetchIntoCache(ctx, job.cache, job.sourceUrl, job.sourceCredentials);
    }
    const plan = await planRefs({
        source: job.sourceRefs,
        target: job.targetRefs,
        written: job.state ? { refs: job.state.refs, pending: job.state.pending } : undefined,
        prune: settings.prune,
        overwrite: settings.onDivergence === 'overwrite',
        isAncestor: (ancestor, descendant) => job.cache.isAncestor(ancestor, descendant),
    });
    const destruction = job.history ? await assessHistory(ctx, job, job.history, plan) : undefined;
    if (destruction?.held)
        return holdPair(ctx, job, destruction, plan);
    if (settings.mode !== 'sync')
        return { result: refResult(ctx, plan) };
    const known = confirmWritten(job.state, plan);
    const updates = updatesOf(plan);
    const outcomes = updates.length ? await writeRecorded(ctx, job, updates, known, destruction) : [];
    const refs = applyOutcomes(plan, outcomes);
    const finalTarget = targetAfter(job.targetRefs, refs);
    const clean = !plan.some((action) => action.kind === 'diverged') && !refs.some((action) => action.error);
    await ctx.store.write(job.stateKey, job.stateFor(recordable(finalTarget, plan, refs, known), clean));
    const notes = historyNotes(destruction, new Set(outcomes.filter((o) => !o.ok).map((o) => o.ref)));
    return {
        result: refResult(ctx, plan, { refs, created: job.created }),
        finalTarget,
        updates: updates.length,
        ...(notes.length ? { notes } : {}),
    };
}
/** The replaced tips of a plan, the guard's verdict, and the history refs the push carries. */
function assessHistory(ctx, job, side, plan) {
    const { settings } = ctx;
    return assessDestruction({
        settings: side.guard ? settings : { ...settings, destructiveLimit: null },
        name: side.name,
        plan,
        target: job.targetRefs,
        history: side.refs,
        cache: job.cache,
        fetchTargetRefs: side.fetchTargetRefs,
        layout: ctx.target.historyRefs,
        startedAt: ctx.startedAt ?? new Date(),
    });
}
/**
 * A pair the destruction guard holds: nothing written, reported `held` with the counts and how to release it. Its
 * state no longer counts as clean, so that the no-op fast path does not call it up to date next time.
 */
async function holdPair(ctx, job, destruction, plan) {
    if (ctx.settings.mode === 'sync' && job.state?.clean)
        await ctx.store.write(job.stateKey, { ...job.state, clean: false });
    const name = job.history?.name ?? '';
    return {
        result: { status: 'held', reason: destruction.verdict.reason, refs: stripPlan(plan) },
        next: `if the change at the source is intended, rerun with accept: ${name} to apply it (the replaced tips are kept)`,
    };
}
/**
 * The one result step of check, preview and sync: the status and reason of a pair whose refs differ, from its plan
 * (and, after a sync, from what the push did).
 */
function refResult(ctx, plan, written) {
    const diverged = plan.filter((action) => action.kind === 'diverged');
    const reason = divergedReason(diverged);
    const mode = ctx.settings.mode;
    if (!written || mode !== 'sync') {
        const changed = mode === 'check' ? 'behind' : 'update';
        return { status: diverged.length ? 'diverged' : changed, reason, refs: stripPlan(plan) };
    }
    const { refs } = written;
    const failedRefs = refs.filter((action) => action.error);
    if (failedRefs.length) {
        const rejected = failedRefs.map((action) => `${action.ref} ${action.error}`).join('; ');
        const kind = failedRefs.find((action) => action.errorKind)?.errorKind;
        return { status: 'failed', reason: `${failedRefs.length} ref(s) rejected: ${rejected}`, refs, kind };
    }
    const status = diverged.length && ctx.settings.onDivergence === 'fail'
        ? 'diverged'
        : written.created
            ? 'created'
            : refs.some((action) => action.kind !== 'diverged')
                ? 'updated'
                : 'up-to-date';
    return { status, reason, refs };
}
/** The result of a pair whose two sides hold the same refs. */
function inSyncResult(ctx) {
    return { status: ctx.settings.mode === 'check' ? 'in-sync' : 'up-to-date', refs: [] };
}
/**
 * Record what is about to be written before writing it (a run killed mid-push must not see its own writes as
 * divergence next time), then push.
 */
async function writeRecorded(ctx, job, updates, known, history) {
    await ctx.transferSlot?.();
    await job.prepare?.(updates);
    const pending = new Map(updates.filter((action) => action.to).map((action) => [action.ref, action.to]));
    await ctx.store.write(job.stateKey, {
        ...(known ?? job.stateFor(new Map(), false)),
        pending: (0,mirror_state/* refsRecord */.Wr)(pending),
        clean: false,
    });
    return job.push(updates, history);
}
/**
 * One push of `updates` from the cache, each ref leased on the value the plan saw on the target, with each kept tip
 * right before the change that replaces it and expired history refs last; atomic (all or nothing) when it carries
 * history refs, so that no tip is replaced without being kept.
 */
function leasedPush(ctx, cache, url, updates, credentials, history) {
    return cache.push(url, pushList(updates, history), credentials, ctx.signal, {
        atomic: Boolean(history?.keep.length || history?.expired.length),
    });
}
/**
 * A killed run's pending values that the target turned out to hold were written by the mirror: record them as such,
 * so that this run's own pending record (or a failed push) does not forget them. Overwritten refs are left out: a
 * value someone else pushed is never recorded as the mirror's.
 */
function confirmWritten(state, plan) {
    if (!state?.pending)
        return state;
    const refs = { ...state.refs };
    for (const action of plan) {
        if (action.kind === 'diverged' || action.overwritten || action.from === undefined)
            continue;
        if (state.pending[action.ref] === action.from)
            refs[action.ref] = action.from;
    }
    return { ...state, refs };
}
/** The target's refs once the push is done: what it held, with every ref that was written changed. */
function targetAfter(targetRefs, refs) {
    const finalTarget = new Map(targetRefs);
    for (const action of refs) {
        if (action.error || action.kind === 'diverged')
            continue;
        if (action.to)
            finalTarget.set(action.ref, action.to);
        else
            finalTarget.delete(action.ref);
    }
    return finalTarget;
}
/**
 * What the state may call "written by the mirror": every target ref except the diverged and failed ones, which keep
 * their previous record (recording a value someone else wrote would let the next run overwrite it).
 */
function recordable(finalTarget, plan, refs, state) {
    const keep = new Set([
        ...plan.filter((action) => action.kind === 'diverged').map((action) => action.ref),
        ...refs.filter((action) => action.error).map((action) => action.ref),
    ]);
    const record = new Map();
    for (const [ref, sha] of finalTarget)
        if (!keep.has(ref))
            record.set(ref, sha);
    for (const ref of keep) {
        const previous = state?.refs[ref];
        if (previous)
            record.set(ref, previous);
    }
    return record;
}
function applyOutcomes(plan, outcomes) {
    const byRef = new Map(outcomes.map((outcome) => [outcome.ref, outcome]));
    return plan.map((action) => {
        const outcome = byRef.get(action.ref);
        const kind = outcome?.forced && action.kind === 'update' ? 'force-update' : action.kind;
        const result = { ref: action.ref, kind, from: action.from, to: action.to };
        if (outcome && !outcome.ok) {
            result.error = outcome.message ?? 'rejected';
            if (outcome.kind)
                result.errorKind = outcome.kind;
        }
        return result;
    });
}
function stripPlan(plan) {
    return plan.map(({ ref, kind, from, to }) => ({ ref, kind, from, to }));
}
function divergedReason(diverged) {
    if (!diverged.length)
        return undefined;
    const names = diverged.slice(0, 5).map((action) => action.ref);
    const more = diverged.length > 5 ? ` and ${diverged.length - 5} more` : '';
    return `${diverged.length} ref(s) changed on the target since the mirror last wrote them, left untouched: ${names.join(', ')}${more}`;
}
/**
 * Fetch the source into the cache. A cache repository damaged by a killed run is rebuilt from the source once; a
 * failure the source or the network caused (refused, gone, stalled, unreachable) is not the cache's, and keeps it.
 */
async function fetchIntoCache(ctx, cache, url, credentials) {
    await ctx.transferSlot?.();
    await cache.open();
    try {
        await cache.fetch(url, credentials, ctx.signal);
    }
    catch (error) {
        if (ctx.signal?.aborted || !cache.exists() || (0,errors/* kindOf */.I)(error) !== 'unexpected')
            throw error;
        ctx.runtime.warning(`cache of ${url} could not be updated (${error.message}); rebuilding it`);
        await cache.rebuild();
        await cache.fetch(url, credentials, ctx.signal);
    }
}

;// CONCATENATED MODULE: ./src/git/ssh.ts
/**
 * SSH transport for git, one per side (source, target) configured with an SSH key.
 *
 * The private key is written to a 0600 file inside a fresh 0700 directory (mkdtemp), next to the given known_hosts
 * and an ssh_config that pins everything: strict host key checking against that known_hosts only, that key only, no
 * agent, no prompts, no forwarding. git gets `GIT_SSH_COMMAND=ssh -F '<dir>/config'` in its environment:
 * - git runs GIT_SSH_COMMAND through `sh -c` (it is documented as shell-interpreted), so the one argument we pass, the
 *   config path, is single-quoted (POSIX quoting cannot be escaped from: `'` itself becomes `'\''`). The key's path
 *   never appears on any command line, and neither does the key.
 * - With `-F`, ssh reads neither ~/.ssh/config nor /etc/ssh/ssh_config, so nothing of the machine's setup (an agent,
 *   a ProxyCommand, `StrictHostKeyChecking accept-new`) can loosen the checks.
 * - ssh expands `%` tokens in IdentityFile and UserKnownHostsFile: `%` in the path is written `%%`.
 * The directory is removed when the run ends, whatever happens: `close()` in a finally, and synchronously on
 * SIGTERM / SIGINT / exit (the handlers then let the signal end the process as it would have).
 */



/** All SSH sides of a run and the directory holding their files. */
class SshSessions {
    transports = new Map();
    dir;
    onSignal = (signal) => {
        this.close();
        // Let the signal do what it would have done without us (end the process with its status).
        process.kill(process.pid, signal);
    };
    onExit = () => this.close();
    constructor(sides, baseDir = defaultBaseDir()) {
        const entries = Object.entries(sides).filter((entry) => Boolean(entry[1]));
        if (!entries.length)
            return;
        this.dir = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(baseDir, 'org-mirror-ssh-'));
        process.once('SIGTERM', this.onSignal);
        process.once('SIGINT', this.onSignal);
        process.once('exit', this.onExit);
        try {
            for (const [side, settings] of entries)
                this.transports.set(side, this.write(side, settings));
        }
        catch (error) {
            this.close();
            throw error;
        }
    }
    /** The side's transport, when that side uses SSH. */
    get(side) {
        return this.transports.get(side);
    }
    /** Removes every file (idempotent; synchronous so that signal and exit handlers can use it). */
    close() {
        if (this.dir)
            (0,external_node_fs_.rmSync)(this.dir, { recursive: true, force: true });
        this.dir = undefined;
        process.removeListener('SIGTERM', this.onSignal);
        process.removeListener('SIGINT', this.onSignal);
        process.removeListener('exit', this.onExit);
    }
    write(side, settings) {
        const dir = this.dir;
        const file = (name) => external_node_path_default().join(dir, `${side}-${name}`);
        assertPlainPath(dir);
        (0,external_node_fs_.writeFileSync)(file('key'), normaliseText(settings.key), { mode: 0o600 });
        (0,external_node_fs_.writeFileSync)(file('known_hosts'), normaliseText(settings.knownHosts), { mode: 0o600 });
        (0,external_node_fs_.writeFileSync)(file('config'), sshConfig(file('key'), file('known_hosts')), { mode: 0o600 });
        return { side, command: `ssh -F ${shellQuote(file('config'))}` };
    }
}
/** RUNNER_TEMP on Actions runners (wiped at the end of the job even after a SIGKILL), else the system temp dir. */
function defaultBaseDir() {
    return process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
}
/** The ssh_config of one side: every option that matters pinned, nothing taken from the machine. */
function sshConfig(keyFile, knownHostsFile) {
    return [
        'Host *',
        `  IdentityFile ${configPath(keyFile)}`,
        '  IdentitiesOnly yes',
        '  IdentityAgent none',
        '  AddKeysToAgent no',
        `  UserKnownHostsFile ${configPath(knownHostsFile)}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
        '  UpdateHostKeys no',
        '  CheckHostIP no',
        '  HashKnownHosts no',
        '  VerifyHostKeyDNS no',
        '  BatchMode yes',
        '  PasswordAuthentication no',
        '  KbdInteractiveAuthentication no',
        '  PreferredAuthentications publickey',
        '  ForwardAgent no',
        '  ForwardX11 no',
        '  ClearAllForwardings yes',
        '  PermitLocalCommand no',
        '  ControlMaster no',
        '  ControlPath none',
        '  ConnectTimeout 30',
        '  ServerAliveInterval 15',
        '  ServerAliveCountMax 4',
        '  LogLevel ERROR',
        '',
    ].join('\n');
}
/** A path as an ssh_config argument: double-quoted, `%` doubled (ssh expands % tokens in these options). */
function configPath(file) {
    return `"${file.replace(/%/g, '%%')}"`;
}
/** POSIX single quotes: nothing inside is special to `sh`; a `'` closes, is escaped, and reopens. */
function shellQuote(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
/** ssh_config has no escape for `"` or `\` inside a quoted argument: refuse such a temp dir rather than guess. */
function assertPlainPath(dir) {
    if (/["\\\p{Cc}]/u.test(dir)) {
        throw new Error(`the temporary directory ${JSON.stringify(dir)} has characters ssh cannot take in a path; set TMPDIR elsewhere`);
    }
}
/** LF line ends and a final newline: ssh refuses a key file without one (`invalid format`). */
function normaliseText(text) {
    return `${text.replace(/\r\n?/g, '\n').trim()}\n`;
}
/**
 * ssh's words for the three ways a side's SSH setup fails, turned into one clear sentence; undefined for anything else
 * (network trouble, a missing repository: not the setup's fault).
 */
function explainSshFailure(side, stderr) {
    const host = /(?:host key for|is known for) (\S+)/i.exec(stderr)?.[1]?.replace(/\.$/, '');
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No \S+ host key is known/i.test(stderr)) {
        return `${side}: the SSH host key of ${host ?? 'the server'} is not in ${side}-ssh-known-hosts (unknown or changed host key)`;
    }
    if (/Permission denied \(publickey|Too many authentication failures/i.test(stderr)) {
        return `${side}: the SSH key in ${side}-ssh-key was refused by the server (wrong key, or not a deploy key of this repository)`;
    }
    if (/Load key .*(invalid format|incorrect passphrase)|error in libcrypto/i.test(stderr)) {
        return `${side}: ssh could not use ${side}-ssh-key (not a private key, or protected by a passphrase)`;
    }
    return undefined;
}
/** Whether a repository's failure reason is one of `explainSshFailure`'s sentences for `side`. */
function isSshSetupFailure(side, reason) {
    return Boolean(reason?.startsWith(`${side}: the SSH `) || reason?.startsWith(`${side}: ssh could not use `));
}

;// CONCATENATED MODULE: ./src/mirror/repo-context.ts



/**
 * Where the state of one mirrored pair lives: the source repository and the target path under this configuration's
 * target. `prefix` keeps a repository's wiki apart from its code.
 */
function repoStateKey(ctx, job, prefix) {
    const { settings } = ctx;
    return [
        ...(prefix ? [prefix] : []),
        settings.source.type,
        settings.source.url,
        job.source.id,
        settings.target.type,
        settings.target.url,
        settings.target.owner,
        job.targetPath.toLowerCase(),
    ].join('|');
}
function discoveryOptions(ctx) {
    return { signal: ctx.signal, timeoutMs: ctx.settings.requestTimeout * 1000, beforeGit: ctx.transferSlot };
}
function verificationDue(ctx, state) {
    const verifiedAt = Date.parse(state.verifiedAt);
    return !Number.isFinite(verifiedAt) || Date.now() - verifiedAt >= ctx.verifyIntervalMs;
}
async function credentialsFor(url, host, ssh) {
    if (ssh)
        return [{ url, sshCommand: ssh.command }];
    const header = await host.gitAuthHeader();
    // Expiring credentials (GitHub App tokens) that run out or are refused under a command are renewed, once.
    const renew = host.renewGitAuth?.bind(host);
    return header ? [{ url, header, ...(renew ? { renew } : {}) }] : [];
}
/** git on an SSH side: ssh's words for a host key or key problem become one clear sentence naming the input. */
async function overSide(ctx, side, work) {
    try {
        return await work;
    }
    catch (error) {
        const explained = ctx.ssh?.[side] && error instanceof GitError && explainSshFailure(side, error.stderr);
        throw explained ? new errors/* MirrorError */.En(explained, (0,errors/* kindOf */.I)(error), { cause: error }) : error;
    }
}
/** The URL git uses for a repository on one side: the API's SSH URL when that side has an SSH key, else HTTPS. */
function gitUrlOf(ctx, side, repo) {
    const url = ctx.ssh?.[side] ? repo.sshUrl : repo.cloneUrl;
    if (url)
        return url;
    throw new errors/* MirrorError */.En(ctx.ssh?.[side]
        ? `the ${side} API gives no SSH clone URL for ${repo.webUrl}`
        : `the ${side} API gives no HTTP(S) clone URL for ${repo.webUrl} (HTTP(S) git access off?); set ${side}-ssh-key`, 'config');
}

// EXTERNAL MODULE: ./src/hosts/host.ts
var host = __webpack_require__(6049);
;// CONCATENATED MODULE: ./src/mirror/create-target.ts
/**
 * Creating a target repository when the answer may be lost. Gateways answer 502/503 or drop the connection while the
 * backend carries on, and the retry policy never repeats such a POST (it may have had effects): the HTTP client marks
 * the error `outcomeUnknown` (src/hosts/retry-policy.ts). So after such an answer, or an "already exists" refusal, the
 * repository is looked up by path: a repository that is empty or says it mirrors this source is adopted; a missing
 * one is created again (bounded, with backoff); anything else is a name collision and is never written to.
 */


/** Statuses hosts give for a name that is taken (GitHub 422, GitLab 400, Bitbucket Cloud 400, Bitbucket Server 409). */
const TAKEN_STATUSES = [400, 409, 422];
async function createTarget(options) {
    const attempts = options.attempts ?? 3;
    for (let attempt = 1;; attempt++) {
        let failure;
        try {
            return { repo: await options.target.createRepo(options.request), adopted: false };
        }
        catch (error) {
            failure = error;
        }
        const lost = answerLost(failure);
        if (!lost && !nameTaken(failure))
            throw failure;
        const found = await options.target.getRepo(options.request.name);
        if (found)
            return { repo: await adopt(options, found), adopted: true };
        // A refusal for a name nobody holds (invalid name, say) is final; only a lost answer is worth another try.
        if (!lost || attempt >= attempts)
            throw failure;
        options.onRetry?.(`creating ${options.request.name}: ${messageOf(failure)}; no repository at that path, trying again (${attempt + 1}/${attempts})`);
        await (0,retry_policy/* sleepScaled */.yX)((0,retry_policy/* backoffMs */.jo)(options.minWaitMs ?? 1000, attempt));
    }
}
async function adopt(options, found) {
    const description = (found.description ?? '').trim();
    if (description.toLowerCase() === `Mirror of ${options.sourceWebUrl}`.toLowerCase())
        return found;
    if (found.empty ?? (await options.isEmpty(found)))
        return found;
    throw new host/* HostError */.dh(`name collision: ${found.webUrl} already exists on the target, is not empty and is not a mirror of ` +
        `${options.sourceWebUrl}; left untouched (rename or remove it, or exclude the source repository)`, { kind: 'conflict' });
}
/** The client's verdict: the create may have been carried out although no success came back. */
function answerLost(error) {
    return error instanceof host/* HostError */.dh && error.outcomeUnknown;
}
function nameTaken(error) {
    return error instanceof host/* HostError */.dh && error.status !== undefined && TAKEN_STATUSES.includes(error.status);
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/mirror/target-settings.ts
/**
 * The target repository apart from its refs: its creation, protection (kept on, lifted around the mirror's own push
 * where the host needs it), default branch and visibility as on the source. Ref sync (ref-sync.ts) never touches
 * these; repo-sync.ts calls both.
 */





/**
 * The target's default branch or visibility differs from what the source's listing says, both known from the two
 * listings (no request): the fast path must not skip such a repository. A default branch the target does not hold
 * (as far as the last sync recorded) cannot be set, so it does not count.
 */
function targetSettingsDrift(ctx, job, state) {
    const target = job.target;
    if (!target)
        return false;
    const branch = job.source.defaultBranch;
    // Bitbucket Server's listing has no default branch: the one the last sync left is taken instead.
    const targetBranch = target.defaultBranch ?? state?.target.defaultBranch;
    const branchDrift = branch !== undefined && targetBranch !== branch && (!state || state.refs[`refs/heads/${branch}`] !== undefined);
    return branchDrift || visibilityDrift(ctx, job.source, target);
}
function visibilityDrift(ctx, source, target) {
    if (ctx.settings.visibility !== 'source')
        return false;
    return target.visibility !== hostVisibility(ctx.target, source.visibility);
}
/** What `visibility` becomes on `host` (a visibility it does not offer becomes private). */
function hostVisibility(host, visibility) {
    return host.visibilities.includes(visibility) ? visibility : 'private';
}
function visibilityFor(settings, source) {
    return settings.visibility === 'source' ? source.visibility : settings.visibility;
}
/** Protection and default branch: checked when something was written, and on verification runs. */
async function keepProtected(ctx, target, job, targetRefs, created = false, pushed = false) {
    // When something was pushed, protection was already checked around the push.
    if (ctx.settings.protect && !pushed)
        await ctx.target.protect(target, { fresh: created });
    await followSourceSettings(ctx, target, job, targetRefs, created);
}
/**
 * Default branch and (with `visibility: source`) visibility as on the source, compared with the listings' values: a
 * request only when one differs.
 */
async function followSourceSettings(ctx, target, job, targetRefs, created = false) {
    const branch = job.source.defaultBranch;
    if (branch && targetRefs.has(`refs/heads/${branch}`)) {
        // A new repository's HEAD points at the branch its create answer names (the host's default branch name), so when
        // that branch was pushed it is the default: no read back. Otherwise the first push may have made another branch
        // the default (GitLab, Bitbucket Cloud take the first pushed branch): write without reading, a write costs what
        // a read would. A wrong guess is put right by the next verification run, which reads first.
        const current = created ? { ...target, defaultBranch: target.defaultBranch ?? '' } : target;
        const was = current.defaultBranch;
        if (was !== branch && (await ctx.target.setDefaultBranch(current, branch)) && !created) {
            ctx.runtime.info(`default branch set to ${branch}${was ? ` (was ${was})` : ''}, as on the source`);
        }
    }
    // A new repository was created with the source's visibility.
    if (!created && visibilityDrift(ctx, job.source, target)) {
        const was = target.visibility;
        const wanted = hostVisibility(ctx.target, job.source.visibility);
        if (await ctx.target.setVisibility(target, wanted)) {
            ctx.runtime.info(`visibility set to ${wanted} (was ${was}), as on the source`);
        }
    }
}
/**
 * The mirror's push into a protected target. Hosts that exempt the mirror get their protection put right before the
 * push (a rule someone added without the exemption cannot refuse the mirror's own forced updates and prunes, and
 * there is no unprotected window); hosts whose protection is lifted for the push get it restored after it, whatever
 * happened to the push. `fresh`: a repository this run created, empty and with no rule of anyone else's.
 * `deletesBranch`: the push deletes a branch (hosts that lift only for deletions).
 */
async function aroundPush(ctx, target, fresh, push, deletesBranch = false) {
    const { settings } = ctx;
    const strategy = ctx.target.protectionStrategy;
    // Gitea: the exempt user may push and force-push, but nobody may delete a protected branch.
    const lift = settings.protect && (strategy === 'lift' || (strategy === 'lift-for-branch-deletion' && deletesBranch));
    if (lift && !fresh)
        await ctx.target.unprotect(target);
    else if (settings.protect && !lift)
        await ctx.target.protect(target, { fresh });
    let outcomes;
    let pushError;
    try {
        outcomes = await push();
    }
    catch (error) {
        pushError = error;
    }
    if (lift)
        await restoreProtection(ctx, target, fresh, outcomes, pushError);
    if (pushError || !outcomes)
        throw pushError;
    return outcomes;
}
async function restoreProtection(ctx, target, fresh, outcomes, pushError) {
    // What the host did on its own on the first push into a repository created empty (GitLab protects the branch that
    // push made the default), so that its protect call need not read the rules.
    const initialDefaultBranch = fresh && outcomes
        ? ctx.target.firstPushDefault?.(target, {
            written: outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.ref),
            singlePush: outcomes.length <= PUSH_BATCH,
        })
        : undefined;
    try {
        await ctx.target.protect(target, { fresh, initialDefaultBranch });
    }
    catch (error) {
        const restore = `protection of ${target.webUrl} could not be restored after the push: ${error.message}`;
        throw new errors/* MirrorError */.En(pushError ? `${pushError.message}; ${restore}` : restore, (0,errors/* kindOf */.I)(error), {
            cause: error,
        });
    }
}
/** The target repository, created now (or adopted after a lost answer). */
async function createTargetRepo(ctx, job) {
    const made = await createTarget({
        target: ctx.target,
        request: {
            name: job.targetPath,
            description: `Mirror of ${job.source.webUrl}`,
            visibility: visibilityFor(ctx.settings, job.source),
            defaultBranch: job.source.defaultBranch,
        },
        sourceWebUrl: job.source.webUrl,
        isEmpty: async (repo) => {
            const url = gitUrlOf(ctx, 'target', repo);
            const credentials = await credentialsFor(url, ctx.target, ctx.ssh?.target);
            return (await listRemoteRefs(ctx.git, url, credentials, discoveryOptions(ctx))).refs.size === 0;
        },
        onRetry: (message) => ctx.runtime.warning(message),
    });
    ctx.runtime.info(`${made.adopted ? 'adopted' : 'created'} ${made.repo.webUrl}`);
    return made;
}

;// CONCATENATED MODULE: ./src/mirror/wiki-sync.ts
/**
 * A repository's wiki (`wikis: true`), after its code: the wiki's branches go into the target repository's wiki with
 * the same leases, state and divergence rules as code, under a state key of their own. Wikis have no push stamp, so
 * the no-op path is one ref discovery of the source wiki compared with what the mirror last wrote; the target is read
 * only when they differ or verification is due. A disabled source wiki costs nothing. A target that cannot hold a
 * wiki (Bitbucket, a GitHub wiki never initialised) gets a note, not a failure.
 */








/** The code's outcome with the wiki's added: the more telling status of the two, the wiki's reason and note. */
async function withWiki(ctx, job, code) {
    // A wiki switched off at the source costs nothing: no request at all. No target repository, no wiki either.
    const sourceUrl = job.source.wikiEnabled ? job.source.wikiCloneUrl : undefined;
    if (!sourceUrl || !(job.target || code.status === 'created'))
        return code;
    let outcome;
    try {
        outcome = await syncWiki(ctx, job, sourceUrl, () => targetOf(ctx, job));
    }
    catch (error) {
        const status = ctx.settings.mode === 'check' ? 'unavailable' : 'failed';
        outcome = { wiki: { status, reason: error.message, refs: [], kind: (0,errors/* kindOf */.I)(error) } };
    }
    const { wiki, note } = outcome;
    if (note)
        ctx.runtime.info(`${job.source.path}: ${note}`);
    if (!wiki && !note)
        return code;
    const result = { ...code };
    if (note)
        result.notes = [...(code.notes ?? []), note];
    if (wiki) {
        result.wiki = wiki;
        result.status = moreTelling(code.status, wiki.status);
        if (result.status === wiki.status && wiki.kind && !code.kind)
            result.kind = wiki.kind;
        if (wiki.reason && wiki.status !== 'up-to-date') {
            // An unchanged code's remark ("source unchanged…") would only confuse the wiki's problem.
            const codeReason = code.status === 'up-to-date' || code.status === 'in-sync' ? undefined : code.reason;
            result.reason = [codeReason, `wiki: ${wiki.reason}`].filter(Boolean).join('; ');
        }
    }
    return result;
}
/** The target repository (one the code step just created is read back, for its wiki's switch and URL). */
async function targetOf(ctx, job) {
    const target = job.target ?? (await ctx.target.getRepo(job.targetPath));
    if (!target)
        throw new Error(`the target repository ${job.targetPath} was not found after its creation`);
    return target;
}
/** Problems first, then changes: a wiki that diverged makes the repository diverged, an updated one updated. */
const TELLING = ['failed', 'unavailable', 'diverged', 'behind', 'missing', 'update', 'create', 'created'];
function moreTelling(code, wiki) {
    const rank = (status) => {
        const index = TELLING.indexOf(status);
        return index < 0 ? TELLING.length + (status === 'updated' ? 0 : 1) : index;
    };
    return rank(wiki) < rank(code) ? wiki : code;
}
async function syncWiki(ctx, job, sourceUrl, findTarget) {
    const sourceCredentials = await credentialsFor(sourceUrl, ctx.source);
    const sourceRefs = (await wiki_sync_discoverRefs(ctx, sourceUrl, sourceCredentials))?.refs;
    // GitHub: the switch is on but no page was ever created, so there is no wiki repository.
    if (!sourceRefs)
        return {};
    const stateKey = repoStateKey(ctx, job, 'wiki');
    const state = await ctx.store.read(stateKey);
    if (!sourceRefs.size && !state)
        return {};
    const target = await findTarget();
    if (ctx.settings.mode === 'sync' && isUnchanged(ctx, state, sourceUrl, sourceRefs, target)) {
        return { wiki: { status: 'up-to-date', refs: [] } };
    }
    const targetSide = await readTargetWiki(ctx, target);
    if ('note' in targetSide)
        return targetSide;
    const sides = { stateKey, state, sourceUrl, sourceCredentials, sourceRefs, ...targetSide };
    if (sameRefs(sourceRefs, targetSide.targetRefs)) {
        if (ctx.settings.mode === 'sync')
            await ctx.store.write(stateKey, wikiState(job, sides, sourceRefs, true));
        return { wiki: inSyncResult(ctx) };
    }
    return { wiki: await planAndWrite(ctx, job, sides) };
}
/**
 * The target wiki's refs, or a note when the target cannot hold a wiki. A GitLab project's wiki is switched on when
 * the mirror writes (check and preview read it as empty); a GitHub wiki's repository cannot be made by the mirror.
 */
async function readTargetWiki(ctx, target) {
    const targetUrl = target.wikiCloneUrl;
    if (!targetUrl) {
        return { note: `wiki not mirrored: ${ctx.target.type} has no wiki repository the mirror can write to` };
    }
    const targetCredentials = await credentialsFor(targetUrl, ctx.target);
    if (target.wikiEnabled === false) {
        if (!ctx.target.enableWiki) {
            return {
                note: `wiki not mirrored: the wiki of ${target.webUrl} is switched off; switch it on and create its first page to receive the source's wiki`,
            };
        }
        if (ctx.settings.mode !== 'sync')
            return { targetUrl, targetCredentials, targetRefs: new Map() };
        await ctx.target.enableWiki(target);
    }
    const targetListing = await wiki_sync_discoverRefs(ctx, targetUrl, targetCredentials);
    if (!targetListing) {
        return {
            note: `wiki not mirrored: ${target.webUrl} has no wiki repository yet (GitHub creates it with the first page); create one page, then run once with on-divergence: overwrite`,
        };
    }
    return { targetUrl, targetCredentials, targetRefs: targetListing.refs, targetHistory: targetListing.history };
}
/** Refs differ: fetch the source wiki, plan as for code, and report (check, preview) or push with leases (sync). */
async function planAndWrite(ctx, job, sides) {
    const { settings } = ctx;
    const cacheName = (0,mirror_state/* stableHash */.c6)(`wiki|${settings.source.type}|${settings.source.url}|${job.source.id}`);
    const cache = new CacheRepo(ctx.git, external_node_path_default().join(settings.cacheDir, 'repos', `${cacheName}.git`));
    // No protection to lift: wikis carry no protected branches on any host.
    const { result } = await syncRefs(ctx, {
        stateKey: sides.stateKey,
        state: sides.state,
        cache,
        sourceUrl: sides.sourceUrl,
        sourceCredentials: sides.sourceCredentials,
        sourceRefs: sides.sourceRefs,
        targetRefs: sides.targetRefs,
        stateFor: (refs, clean) => wikiState(job, sides, refs, clean),
        // Credentials asked again: an App installation token read before the fetch may have been renewed since.
        push: async (updates, history) => leasedPush(ctx, cache, sides.targetUrl, updates, await credentialsFor(sides.targetUrl, ctx.target), history),
        // Replaced wiki tips are kept as the code's are; the guard watches the code's branches and tags only.
        history: {
            name: job.source.path,
            refs: sides.targetHistory ?? new Map(),
            fetchTargetRefs: (refs) => cache.fetchRefsOf(sides.targetUrl, refs, sides.targetCredentials, ctx.signal),
            guard: false,
        },
    });
    return result;
}
/**
 * The refs of a wiki's repository, or undefined when there is none (GitHub answers 404 until a first page exists).
 * One ref discovery per wiki, the same call the code repository uses (switch the two together).
 */
async function wiki_sync_discoverRefs(ctx, url, credentials) {
    try {
        const listing = await listRemoteRefs(ctx.git, url, credentials, discoveryOptions(ctx));
        for (const ref of listing.unsafe) {
            ctx.runtime.warning(`${url}: ref ${JSON.stringify(ref)} has a name git or the mirror cannot use safely; not mirrored`);
        }
        return listing;
    }
    catch (error) {
        if ((0,errors/* kindOf */.I)(error) === 'not-found')
            return undefined;
        throw error;
    }
}
/** Nothing changed at the source since a clean write, and verification is not due: the target is not read. */
function isUnchanged(ctx, state, sourceUrl, sourceRefs, target) {
    return Boolean(state?.clean &&
        state.source.cloneUrl === sourceUrl &&
        state.target.cloneUrl === target.wikiCloneUrl &&
        target.wikiEnabled !== false &&
        sameRefs(sourceRefs, new Map(Object.entries(state.refs))) &&
        !verificationDue(ctx, state));
}
function wikiState(job, sides, refs, clean) {
    return {
        version: 1,
        source: { id: job.source.id, cloneUrl: sides.sourceUrl },
        target: { path: job.targetPath, cloneUrl: sides.targetUrl },
        refs: (0,mirror_state/* refsRecord */.Wr)(refs),
        clean,
        verifiedAt: new Date().toISOString(),
    };
}

;// CONCATENATED MODULE: ./src/mirror/repo-sync.ts
/**
 * One repository, start to end: find or create the target, compare refs, fetch, plan, push with leases, keep
 * protection and the default branch, record what was written. Throws only for failures of this repository; the
 * engine turns them into a `failed` (or `unavailable`) result and goes on with the others.
 */









async function syncRepository(ctx, job) {
    const { outcome, job: completed } = await syncCode(ctx, job);
    // The wiki is its own step after the code (wiki-sync.ts): it has no push stamp, so it runs even when the code's
    // fast path found nothing to do.
    return ctx.settings.wikis ? withWiki(ctx, completed, outcome) : outcome;
}
async function syncCode(ctx, given) {
    const stateKey = repoStateKey(ctx, given);
    const state = await ctx.store.read(stateKey);
    const base = { name: given.source.path, target: given.targetPath };
    const done = (outcome, job = given) => ({ outcome, job });
    const sync = ctx.settings.mode === 'sync';
    if (sync && given.target && repo_sync_isUnchanged(ctx, given, state) && !targetSettingsDrift(ctx, given, state)) {
        return done({ ...base, status: 'up-to-date', reason: 'source unchanged since the last sync', refs: [] });
    }
    const code = await readSource(ctx, given, stateKey, state);
    // The target is read only when this run must check it: the source holds exactly what the mirror last wrote.
    if (sync && code.job.target && matchesLastSync(ctx, code.job, state, code.sourceRefs)) {
        return done({ ...base, status: 'up-to-date', reason: 'source refs unchanged since the last sync', refs: [] }, code.job);
    }
    const target = await findTarget(ctx, code);
    if (!('repo' in target))
        return done(target, code.job);
    return done(await writeCode(ctx, code, target), code.job);
}
/** The source's refs: by ref discovery, or (for a repository about to be created) from the cache after a fetch. */
async function readSource(ctx, job, stateKey, state) {
    const { settings } = ctx;
    const sourceUrl = gitUrlOf(ctx, 'source', job.source);
    const sourceCredentials = await credentialsFor(sourceUrl, ctx.source, ctx.ssh?.source);
    const cacheName = (0,mirror_state/* stableHash */.c6)(`${settings.source.type}|${settings.source.url}|${job.source.id}`);
    const cache = new CacheRepo(ctx.git, external_node_path_default().join(settings.cacheDir, 'repos', `${cacheName}.git`));
    // A repository about to be created needs everything anyway: fetch at once and read the refs from the cache,
    // saving a network round trip per new repository on a first sync.
    const fetched = settings.mode === 'sync' && !job.target && settings.createMissing;
    if (fetched)
        await overSide(ctx, 'source', fetchIntoCache(ctx, cache, sourceUrl, sourceCredentials));
    const listing = fetched
        ? { ...(await cache.localListing()), head: await cache.headBranch() }
        : await overSide(ctx, 'source', listRemoteRefs(ctx.git, sourceUrl, sourceCredentials, discoveryOptions(ctx)));
    for (const ref of listing.unsafe) {
        ctx.runtime.warning(`${job.source.path}: ref ${JSON.stringify(ref)} has a name git or the mirror cannot use safely; not mirrored`);
    }
    // A listing without the default branch (Bitbucket Server's) is completed from the HEAD the refs came with.
    const head = listing.head;
    const completed = !job.source.defaultBranch && head && listing.refs.has(`refs/heads/${head}`)
        ? { ...job, source: { ...job.source, defaultBranch: head } }
        : job;
    return {
        job: completed,
        stateKey,
        state,
        base: { name: job.source.path, target: job.targetPath },
        cache,
        sourceUrl,
        sourceCredentials,
        fetched,
        sourceRefs: listing.refs,
    };
}
/** The target repository and its refs, created when missing (sync), or the outcome when there is none to write. */
async function findTarget(ctx, code) {
    const { settings } = ctx;
    const { job, base } = code;
    let repo = job.target;
    let created;
    if (!repo) {
        if (settings.mode === 'check')
            return { ...base, status: 'missing', reason: 'no target repository', refs: [] };
        if (!settings.createMissing) {
            return { ...base, status: 'skipped', reason: 'no target repository and create-missing is false', refs: [] };
        }
        if (settings.mode === 'preview') {
            const refs = [...code.sourceRefs].sort().map(([ref, to]) => ({ ref, kind: 'create', to }));
            return { ...base, status: 'create', refs };
        }
        // Created before the comparison: a repository adopted after a lost answer may already hold refs.
        created = await createTargetRepo(ctx, job);
        repo = created.repo;
    }
    // A repository this run created (not adopted) is empty: nothing to read.
    if (created && !created.adopted)
        return { repo, created, refs: new Map() };
    const url = gitUrlOf(ctx, 'target', repo);
    const credentials = await credentialsFor(url, ctx.target, ctx.ssh?.target);
    const listing = await overSide(ctx, 'target', listRemoteRefs(ctx.git, url, credentials, discoveryOptions(ctx)));
    return { repo, created, refs: listing.refs, history: listing.history };
}
/** Both sides known: confirm an unchanged pair, or plan and write through the shared ref sync. */
async function writeCode(ctx, code, target) {
    const { settings } = ctx;
    const { job, base, state, stateKey, sourceRefs } = code;
    if (settings.mode === 'check' && sourceRefs.size === 0)
        return { ...base, status: 'empty', refs: [] };
    if (!target.created && sameRefs(sourceRefs, target.refs)) {
        if (settings.mode === 'sync') {
            if (!state || !state.clean || verificationDue(ctx, state))
                await keepProtected(ctx, target.repo, job, sourceRefs);
            else if (targetSettingsDrift(ctx, job, state))
                await followSourceSettings(ctx, target.repo, job, sourceRefs);
            await ctx.store.write(stateKey, newState(job, target.repo, sourceRefs, true));
        }
        return { ...base, ...inSyncResult(ctx) };
    }
    // Made by this run's own create (not adopted after a lost answer): empty, with no rule of anyone else's.
    const fresh = Boolean(target.created && !target.created.adopted);
    const { result, finalTarget, updates, next, notes } = await syncRefs(ctx, {
        stateKey,
        state,
        cache: code.cache,
        sourceUrl: code.sourceUrl,
        sourceCredentials: code.sourceCredentials,
        fetched: code.fetched,
        sourceRefs,
        targetRefs: target.refs,
        created: Boolean(target.created),
        stateFor: (refs, clean) => newState(job, target.repo, refs, clean),
        prepare: (updates) => copyLfs(ctx, code, target.repo, updates),
        push: async (updates, history) => {
            const url = gitUrlOf(ctx, 'target', target.repo);
            const deletesBranch = updates.some((update) => !update.to && update.ref.startsWith('refs/heads/'));
            return aroundPush(ctx, target.repo, fresh, async () => 
            // Credentials asked after the protection calls: expiring ones (GitHub App tokens) are renewed when due.
            overSide(ctx, 'target', leasedPush(ctx, code.cache, url, updates, await targetCredentials(ctx, url), history)), deletesBranch);
        },
        history: {
            name: job.source.path,
            refs: target.history ?? new Map(),
            fetchTargetRefs: async (refs) => {
                const url = gitUrlOf(ctx, 'target', target.repo);
                const credentials = await targetCredentials(ctx, url);
                await overSide(ctx, 'target', code.cache.fetchRefsOf(url, refs, credentials, ctx.signal));
            },
            guard: true,
        },
    });
    if (finalTarget)
        await keepProtected(ctx, target.repo, job, finalTarget, fresh, Boolean(updates));
    return { ...base, ...result, ...(next ? { next } : {}), ...(notes ? { notes } : {}) };
}
function targetCredentials(ctx, url) {
    return credentialsFor(url, ctx.target, ctx.ssh?.target);
}
/** The LFS objects of the tips about to be pushed, copied before their refs (when `lfs` is on). */
async function copyLfs(ctx, code, target, updates) {
    if (!ctx.settings.lfs || !ctx.copyLfs)
        return;
    const tips = [...new Set(updates.map((action) => action.to).filter((sha) => Boolean(sha)))];
    if (!tips.length)
        return;
    const targetUrl = gitUrlOf(ctx, 'target', target);
    const credentials = [
        ...(await credentialsFor(code.job.source.cloneUrl, ctx.source)),
        ...(await targetCredentials(ctx, targetUrl)),
    ];
    const lfs = await ctx.copyLfs(code.cache, code.job.source.cloneUrl, target.cloneUrl, tips, credentials, ctx.signal);
    if (lfs.uploaded || lfs.downloaded) {
        ctx.runtime.info(`LFS: ${lfs.downloaded} object(s) fetched from the source, ${lfs.uploaded} uploaded to the target`);
    }
}
/** The no-op fast path: nothing was pushed to the source since a clean sync, per the host's own push stamp. */
function repo_sync_isUnchanged(ctx, job, state) {
    return Boolean(state?.clean &&
        job.source.pushedAt &&
        state.source.pushedAt === job.source.pushedAt &&
        state.source.cloneUrl === job.source.cloneUrl &&
        state.target.cloneUrl === job.target?.cloneUrl &&
        !verificationDue(ctx, state));
}
/**
 * The fast path for every host: the source's refs are exactly what the mirror last wrote, that write left the target
 * clean, and no full comparison is due, so the target (which the mirror alone writes) is not read.
 */
function matchesLastSync(ctx, job, state, sourceRefs) {
    return Boolean(state?.clean &&
        !state.pending &&
        state.source.cloneUrl === job.source.cloneUrl &&
        state.target.cloneUrl === job.target?.cloneUrl &&
        !verificationDue(ctx, state) &&
        !targetSettingsDrift(ctx, job, state) &&
        sameRefs(sourceRefs, new Map(Object.entries(state.refs))));
}
function newState(job, target, refs, clean) {
    // The default branch the sync leaves (the source's, when the target holds it), for the next run's drift check.
    const branch = job.source.defaultBranch;
    const defaultBranch = branch && refs.has(`refs/heads/${branch}`) ? branch : target.defaultBranch;
    return {
        version: 1,
        source: { id: job.source.id, cloneUrl: job.source.cloneUrl, pushedAt: trustedStamp(job.source.pushedAt) },
        target: { path: job.targetPath, cloneUrl: target.cloneUrl, ...(defaultBranch ? { defaultBranch } : {}) },
        refs: (0,mirror_state/* refsRecord */.Wr)(refs),
        clean,
        verifiedAt: new Date().toISOString(),
    };
}
/**
 * Push stamps have one-second resolution (GitHub `pushed_at`): a stamp from the last few seconds may not yet cover a
 * push made in the same second, so it is not recorded and the next run compares refs instead of trusting it.
 */
function trustedStamp(pushedAt) {
    if (!pushedAt)
        return undefined;
    const at = Date.parse(pushedAt);
    return Number.isFinite(at) && Date.now() - at > 5_000 ? pushedAt : undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/mirror/select.ts
/**
 * Which source repositories this run mirrors: filters on the whole name, exclusions, forks, archived, the
 * `repositories` list, the event hint, and the shard. Deterministic: the same listing always gives the same selection.
 */

/** Why a repository is not selected by the filters, or undefined when it is. */
function skipReason(repo, settings) {
    if (!settings.filter.test(repo.name))
        return `name does not match filter ${settings.filter.source}`;
    if (settings.exclude?.test(repo.name))
        return `name matches exclude ${settings.exclude.source}`;
    if (repo.fork && !settings.includeForks)
        return 'fork (include-forks is false)';
    if (repo.archived && !settings.includeArchived)
        return 'archived (include-archived is false)';
    return undefined;
}
function applyFilters(repos, settings) {
    const selected = [];
    const skipped = [];
    for (const repo of repos) {
        const reason = skipReason(repo, settings);
        if (reason)
            skipped.push({ repo, reason });
        else
            selected.push(repo);
    }
    return { selected, skipped };
}
/** Repositories named in `repositories` (by name or path, case-insensitive), and the names that matched nothing. */
function pickNamed(repos, names) {
    const wanted = new Map(names.map((name) => [name.toLowerCase(), name]));
    const found = new Set();
    const picked = repos.filter((repo) => {
        for (const key of [repo.name.toLowerCase(), repo.path.toLowerCase()]) {
            if (wanted.has(key)) {
                found.add(key);
                return true;
            }
        }
        return false;
    });
    const unknown = [...wanted].filter(([key]) => !found.has(key)).map(([, name]) => name);
    return { picked, unknown };
}
/** Shard of a repository (1-based): a stable hash of its path, so every job of a matrix agrees. */
function shardOf(path, count) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(path.toLowerCase()).digest();
    return (digest.readUInt32BE(0) % count) + 1;
}
function inShard(repo, shard) {
    return !shard || shardOf(repo.path, shard.count) === shard.index;
}
function byPath(a, b) {
    const left = a.path.toLowerCase();
    const right = b.path.toLowerCase();
    return left < right ? -1 : left > right ? 1 : 0;
}
/** How many of `repos` the `filter` and the `exclude` each matched (each on its own, against every listed name). */
function selectionCounts(repos, settings) {
    const count = (regex) => ({
        pattern: patternOf(regex),
        matched: repos.filter((repo) => regex.test(repo.name)).length,
    });
    return {
        listed: repos.length,
        filter: count(settings.filter),
        ...(settings.exclude ? { exclude: count(settings.exclude) } : {}),
    };
}
/**
 * A hint for a pattern that matched no name as a whole but would as a search (`^skip-` for `skip-me`): the pattern
 * was most likely meant the other way.
 */
function wholeNameHint(name, regex, repos) {
    const pattern = patternOf(regex);
    let search;
    try {
        search = new RegExp(pattern);
    }
    catch {
        return undefined;
    }
    const searchMatches = repos.filter((repo) => search.test(repo.name)).length;
    if (searchMatches === 0 || repos.some((repo) => regex.test(repo.name)))
        return undefined;
    return (`${name} '${pattern}' matched no repository name: patterns match the whole name, and as a search it would match ` +
        `${searchMatches}; add '.*' where more of the name may follow or precede`);
}
/** The pattern as the user wrote it: settings compile it anchored, `^(?:…)$`. */
function patternOf(regex) {
    const match = /^\^\(\?:([\s\S]*)\)\$$/.exec(regex.source);
    return match ? match[1] : regex.source;
}

;// CONCATENATED MODULE: ./src/mirror/ssh-sides.ts
/**
 * The jobs of a run, with the SSH sides set up around them: key files written for the time the jobs run (removed
 * whatever happens), and each SSH side tried once with `git ls-remote` on one of its repositories before any job, so
 * that an unknown host key, a refused key or an unusable key fails the whole side with one clear sentence before
 * anything is read or written, instead of every repository failing with ssh's raw words (or, on the target, after
 * repositories were created for nothing).
 */


/** Runs `run` over the jobs with the SSH sides ready (or fails them all when a side's SSH setup is refused). */
async function withSshSides(settings, runtime, git, jobs, run) {
    const sessions = new SshSessions({ source: settings.source.ssh, target: settings.target.ssh });
    try {
        const ssh = { source: sessions.get('source'), target: sessions.get('target') };
        for (const side of ['source', 'target']) {
            if (ssh[side])
                runtime.info(`${side}: git over SSH with ${side}-ssh-key, host keys from ${side}-ssh-known-hosts`);
        }
        const progress = { done: 0, total: jobs.length };
        const failure = jobs.length ? await probeSshSides(git, ssh, jobs) : undefined;
        if (failure) {
            runtime.error(failure);
            return failAll(settings, jobs, failure);
        }
        if (ssh.target && jobs.length > 1 && !jobs.some((job) => job.target?.sshUrl)) {
            // No mirror exists yet to try the target's SSH setup on: the first repository goes alone, and when the key or
            // host key is what failed it, the others are not created for nothing.
            const first = await run(jobs.slice(0, 1), ssh, progress);
            const reason = first[0]?.reason;
            if (isSshSetupFailure('target', reason))
                return [...first, ...failAll(settings, jobs.slice(1), reason ?? '')];
            return [...first, ...(await run(jobs.slice(1), ssh, progress))];
        }
        return await run(jobs, ssh, progress);
    }
    finally {
        sessions.close();
    }
}
function failAll(settings, jobs, reason) {
    return jobs.map((job) => ({
        name: job.source.path,
        target: job.targetPath,
        status: settings.mode === 'check' ? 'unavailable' : 'failed',
        reason,
        refs: [],
        durationMs: 0,
    }));
}
/** The first side's failure as a sentence, or undefined when every SSH side answered (or nothing could be tried). */
async function probeSshSides(git, ssh, jobs) {
    const urls = {
        source: jobs.find((job) => job.source.sshUrl)?.source.sshUrl,
        // A target namespace without any mirror yet has no SSH URL to try: its first repository tells (see docs/ssh.md).
        target: jobs.find((job) => job.target?.sshUrl)?.target?.sshUrl,
    };
    for (const side of ['source', 'target']) {
        const transport = ssh[side];
        const url = urls[side];
        if (!transport || !url)
            continue;
        assertGitUrl(url);
        const result = await git.run(['ls-remote', '--heads', '--', url, 'refs/heads/HEAD'], {
            credentials: [{ url, sshCommand: transport.command }],
            allowFailure: true,
            retry: true,
        });
        if (result.code !== 0) {
            const failure = explainSshFailure(side, result.stderr);
            if (failure)
                return `${failure}; nothing was read or written`;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/mirror/engine.ts
/**
 * The mirror engine: source listing → selection → one job per repository, run `concurrency` at a time → report.
 * It never asks which hosts it talks to. It never acts on a partial listing (a listing error ends the run before any
 * change), and one repository's failure never stops the others.
 */

















function jobSlots(concurrency) {
    return { checks: (0,p_limit/* default */.A)(jobParallelism(concurrency)), transfers: (0,p_limit/* default */.A)(concurrency) };
}
const CACHE_MODES = new Set(['sync', 'preview', 'check']);
async function runMirror(settings, deps) {
    const startedAt = new Date();
    const { runtime } = deps;
    if (deps.hint.kind === 'refuse') {
        runtime.warning(`Nothing to do: ${deps.hint.reason}`);
        return newReport(settings, startedAt, []);
    }
    const release = CACHE_MODES.has(settings.mode)
        ? await acquireCacheLock(settings.cacheDir, {
            waitMs: deps.lockWaitMs ?? 15 * 60_000,
            onWait: (owner) => runtime.info(`Waiting for the run holding ${settings.cacheDir} (${owner}) to finish…`),
        })
        : async () => undefined;
    try {
        const selection = await engine_select(settings, deps);
        // install-hooks works on the source only: the target is not even read (its token may be absent).
        const targets = settings.mode === 'install-hooks' ? new Map() : await findTargets(settings, deps, selection);
        const jobs = selection.jobs.map((job) => ({ ...job, target: targets.get(nameKey(job.targetPath)) }));
        announceSelection(settings, runtime, jobs, selection);
        const done = await runMode(settings, { ...deps, startedAt }, selection, jobs, targets);
        return newReport(settings, startedAt, [...selection.failed, ...disabledResults(selection), ...done, ...skippedResults(selection)], selection.counts);
    }
    finally {
        await release();
    }
}
function newReport(settings, startedAt, repos, selection) {
    return {
        version: 1,
        mode: settings.mode,
        source: { type: settings.source.type, url: settings.source.url, owner: settings.source.owner },
        target: { type: settings.target.type, url: settings.target.url, owner: settings.target.owner },
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        counts: (0,counts/* countByStatus */.x7)(repos),
        repos,
        ...(selection ? { selection } : {}),
    };
}
function announceSelection(settings, runtime, jobs, selection) {
    runtime.info(`${jobs.length} repositor${jobs.length === 1 ? 'y' : 'ies'} selected` +
        (selection.skipped.length ? `, ${selection.skipped.length} skipped by the filters` : '') +
        (settings.shard ? ` (shard ${settings.shard.index}/${settings.shard.count})` : ''));
}
/** `enabled: false` in the configuration file: reported, nothing requested. */
function disabledResults(selection) {
    return selection.disabled.map((job) => ({
        name: job.source.path,
        target: job.targetPath,
        status: 'disabled',
        reason: 'enabled: false in the configuration file',
        refs: [],
        durationMs: 0,
    }));
}
function skippedResults(selection) {
    return selection.skipped.map((skip) => ({
        name: skip.repo.path,
        status: 'skipped',
        reason: skip.reason,
        refs: [],
        durationMs: 0,
    }));
}
/** What the mode does with the selected repositories: remove, install hooks, or sync / preview / check them. */
async function runMode(settings, deps, selection, jobs, targets) {
    if (settings.mode === 'remove')
        return removeMirrors(adminContext(settings, deps), jobs);
    if (settings.mode === 'install-hooks') {
        return installHooks(adminContext(settings, deps), jobs.map((job) => job.source));
    }
    await (0,promises_.mkdir)(settings.cacheDir, { recursive: true });
    // Repositories that keep failing wait for their turn (health backoff), unless this run names them.
    const { due, deferred } = await (0,health_store.partitionDue)(jobs, deps.defer);
    // Mirrors archived as orphans whose source is back are unarchived before anything is pushed to them.
    const reopened = await reopenMirrors(settings, deps.target, deps.runtime, due);
    const repos = [...deferred, ...reopened.failed, ...(await runJobs(settings, deps, reopened.jobs))];
    // Orphans only after a complete listing of the source: a run limited by an event or `repositories` cannot know.
    if (selection.complete && reportsOrphans(settings)) {
        const context = { ...deps, settings, sourceWebUrls: selection.sourceWebUrls, today: today() };
        repos.push(...(await handleOrphans(context, [...targets.values()])));
    }
    return repos;
}
function adminContext(settings, deps) {
    return { settings, source: deps.source, target: deps.target, runtime: deps.runtime };
}
/** The source side: a full listing (never partial: a ListingError propagates), or single lookups for an event. */
async function engine_select(settings, deps) {
    const { runtime } = deps;
    let listed;
    let complete = true;
    if (deps.hint.kind === 'repos') {
        complete = false;
        listed = [];
        for (const repoPath of deps.hint.paths) {
            const repo = await deps.source.getRepo(repoPath);
            if (repo)
                listed.push(repo);
            else
                runtime.warning(`${repoPath}: not found in ${settings.source.owner} on the source: nothing to do for it`);
        }
    }
    else {
        listed = await deps.source.listRepos();
        runtime.info(`${listed.length} repositories in ${settings.source.owner} on ${settings.source.url}`);
    }
    const sourceWebUrls = new Set(listed.map((repo) => repo.webUrl.toLowerCase()));
    if (settings.repositories?.length) {
        const { picked, unknown } = pickNamed(listed, settings.repositories);
        for (const name of unknown)
            runtime.warning(`repositories: ${name} is not in the source listing: nothing to do for it`);
        listed = picked;
        complete = false;
    }
    const counts = reportFilterMatches(settings, listed, runtime);
    const hostile = refuseHostileNames(listed, settings.target.type);
    const { selected, skipped } = applyFilters(hostile.safe, settings);
    if (deps.hint.kind === 'repos') {
        for (const skip of skipped)
            runtime.warning(`${skip.repo.path}: not mirrored (${skip.reason}): nothing to do for it`);
    }
    const { mapped, collisions, refused } = mapNames(selected, settings.target.type, (repo) => targetNameOf(settings, repo));
    const failed = collisions
        .filter((collision) => inShard(collision.source, settings.shard))
        .map((collision) => ({
        name: collision.source.path,
        target: collision.targetPath,
        status: 'failed',
        reason: `name collision: ${[collision.source.path, ...collision.others].join(' and ')} all map to ${collision.targetPath} on the target; exclude or rename one`,
        refs: [],
        durationMs: 0,
    }));
    failed.push(...refusedNames([...hostile.refused, ...refused], settings, runtime));
    const inThisShard = mapped
        .filter((job) => inShard(job.source, settings.shard))
        .sort((a, b) => byPath(a.source, b.source));
    const jobs = inThisShard.filter((job) => !isDisabled(settings, job.source));
    return {
        jobs,
        disabled: inThisShard.filter((job) => isDisabled(settings, job.source)),
        skipped: skipped.filter((skip) => inShard(skip.repo, settings.shard)),
        failed,
        complete,
        sourceWebUrls,
        counts,
    };
}
/** Says in the log what `filter` and `exclude` each matched, with a hint for a pattern written as a search. */
function reportFilterMatches(settings, listed, runtime) {
    const counts = selectionCounts(listed, settings);
    const of = `of ${counts.listed} ${counts.listed === 1 ? 'repository' : 'repositories'}`;
    runtime.info(`filter '${counts.filter.pattern}' matched ${counts.filter.matched} ${of}` +
        (counts.exclude ? `; exclude '${counts.exclude.pattern}' matched ${counts.exclude.matched} ${of}` : ''));
    for (const [name, regex] of [
        ['filter', settings.filter],
        ['exclude', settings.exclude],
    ]) {
        const hint = regex && wholeNameHint(name, regex, listed);
        if (hint)
            runtime.warning(hint);
    }
    return counts;
}
/** Repositories whose name the target cannot hold: failed before any request, with the rule they break. */
function refusedNames(refused, settings, runtime) {
    return refused
        .filter((entry) => inShard(entry.source, settings.shard))
        .map((entry) => {
        const reason = `name refused before any request: ${entry.reason}`;
        // Quoted: a name from the source may carry a newline, which would forge a line of the log.
        runtime.error(`${JSON.stringify(entry.source.path)}: ${reason}`);
        return { name: entry.source.path, target: entry.targetPath, status: 'failed', reason, refs: [], durationMs: 0 };
    });
}
/**
 * The target side, keyed by lower-cased path: the namespace listed once for a full run (complete or throws), a lookup
 * per repository for a run of a few.
 */
async function findTargets(settings, deps, selection) {
    const targets = new Map();
    if (!selection.jobs.length && !selection.complete)
        return targets;
    if (selection.complete || selection.jobs.length > 20) {
        for (const repo of await deps.target.listRepos())
            targets.set(nameKey(repo.path), repo);
        return targets;
    }
    for (const job of selection.jobs) {
        const repo = await deps.target.getRepo(job.targetPath);
        if (repo)
            targets.set(nameKey(job.targetPath), repo);
    }
    return targets;
}
async function runJobs(settings, deps, jobs) {
    // No git process outlives its repository's time limit.
    const git = deps.git ??
        new Git({
            redact: deps.redact,
            timeoutMs: deps.repoTimeoutMs,
            stallSeconds: Math.ceil((deps.requestTimeoutMs ?? 60_000) / 1000),
        });
    // Sides with an SSH key get their key files for the time the jobs run, and are tried before any job.
    return withSshSides(settings, deps.runtime, git, jobs, (batch, ssh, progress) => runAll(settings, deps, batch, git, ssh, progress));
}
async function runAll(settings, deps, jobs, git, ssh, progress) {
    const store = new mirror_state/* StateStore */.fy(settings.cacheDir);
    // Ref discovery and API reads at a higher parallelism than git transfers, which `concurrency` bounds.
    const { checks: limit, transfers } = deps.slots ?? jobSlots(settings.concurrency);
    return Promise.all(jobs.map((job) => limit(async () => {
        const result = await runJob(settingsFor(settings, job.source), deps, git, store, job, transfers, ssh);
        progress.done++;
        deps.runtime.info(`[${progress.done}/${progress.total}] ${job.source.path}: ${describeResult(result)} in ${(0,counts/* formatDuration */.a3)(result.durationMs)}`);
        return result;
    })));
}
async function runJob(settings, deps, git, store, job, transfers, ssh) {
    const started = Date.now();
    const controller = new AbortController();
    const timeoutMs = deps.repoTimeoutFor?.(job.source.path) ?? deps.repoTimeoutMs ?? 30 * 60_000;
    const budget = new TimeBudget(timeoutMs, () => controller.abort());
    let slot;
    let finished = false;
    const ctx = {
        settings,
        source: deps.source,
        target: deps.target,
        runtime: deps.runtime,
        git,
        store,
        verifyIntervalMs: deps.verifyIntervalMs ?? 24 * 3600_000,
        startedAt: deps.startedAt,
        signal: controller.signal,
        copyLfs: deps.copyLfs ?? (settings.lfs ? createLfsCopier(git) : undefined),
        transferSlot: async () => {
            // Held from the job's first git process to its end; the wait is not charged to its time limit.
            // A job that ran out of time starts no git process, and never keeps a slot its end would not release.
            if (finished || controller.signal.aborted)
                throw new errors/* MirrorError */.En('stopped: the repository ran out of time', 'timeout');
            slot ??= (async () => {
                budget.pause();
                const release = await holdSlot(transfers);
                budget.resume();
                return release;
            })();
            const release = await slot;
            if (finished) {
                release();
                throw new errors/* MirrorError */.En('stopped: the repository ran out of time', 'timeout');
            }
        },
        ssh,
    };
    try {
        return await deps.runtime.group(job.source.path, async () => {
            try {
                const outcome = await withinTime(syncRepository(ctx, job), controller.signal, timeoutMs);
                if (outcome.reason && outcome.status !== 'up-to-date')
                    deps.runtime.info(outcome.reason);
                return { ...outcome, durationMs: Date.now() - started };
            }
            catch (error) {
                return failedResult(settings, deps, job, error, Date.now() - started);
            }
        });
    }
    finally {
        finished = true;
        budget.stop();
        if (slot)
            (await slot)();
    }
}
/** The repository's work, or a `timeout` failure when its time limit aborts it first. */
function withinTime(work, signal, timeoutMs) {
    const timedOut = new Promise((_, reject) => signal.addEventListener('abort', () => reject(new errors/* MirrorError */.En(`ran out of time after ${(0,counts/* formatDuration */.a3)(timeoutMs)}`, 'timeout'))));
    return Promise.race([work, timedOut]);
}
/** A repository that failed: its reason (redacted) and the failure's kind, as decided where it was born. */
function failedResult(settings, deps, job, error, durationMs) {
    const reason = deps.redact ? deps.redact(engine_messageOf(error)) : engine_messageOf(error);
    deps.runtime.error(`${job.source.path}: ${reason}`);
    return {
        name: job.source.path,
        target: job.targetPath,
        status: settings.mode === 'check' ? 'unavailable' : 'failed',
        reason,
        kind: (0,errors/* kindOf */.I)(error),
        refs: [],
        durationMs,
    };
}
/** sync and check report orphans; preview too when they would be archived. */
function reportsOrphans(settings) {
    return (settings.mode === 'sync' ||
        settings.mode === 'check' ||
        (settings.mode === 'preview' && settings.orphans === 'archive'));
}
function today() {
    return new Date().toISOString().slice(0, 10);
}
function describeResult(result) {
    const changed = result.refs.filter((action) => action.kind !== 'diverged' && !action.error).length;
    switch (result.status) {
        case 'created':
            return `created, ${changed} ref${changed === 1 ? '' : 's'} pushed`;
        case 'updated':
            return `updated ${changed} ref${changed === 1 ? '' : 's'}`;
        case 'update':
        case 'create':
            return `would ${result.status} (${result.refs.length} ref${result.refs.length === 1 ? '' : 's'})`;
        case 'failed':
        case 'diverged':
        case 'held':
        case 'unavailable':
        case 'skipped':
            return `${result.status}: ${result.reason ?? ''}`;
        default:
            return result.status;
    }
}
function engine_messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

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
