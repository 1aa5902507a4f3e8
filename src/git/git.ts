/**
 * The one git runner. Every git process of the program starts here, so that:
 * - credentials only ever travel in the environment, scoped to one exact URL (`http.<url>.extraHeader` through
 *   `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`), never in argv, URLs or a config file;
 * - git never prompts (`GIT_TERMINAL_PROMPT=0`) and never uses a credential helper that could store a token;
 * - network operations are retried on transient failures, and every process has a time limit;
 * - output is bounded (stderr keeps its tail) so memory stays flat however many repositories run.
 */
import { spawn } from 'node:child_process';

import { MirrorError, type ErrorKind } from '../errors.js';

export interface GitCredential {
  /** Exact URL prefix the header applies to (a clone URL). */
  url: string;
  /** Full header line, e.g. `Authorization: Basic …` (http(s) URLs). */
  header?: string;
  /** `GIT_SSH_COMMAND` for an SSH URL (src/git/ssh.ts): names a config file, never carries the key. */
  sshCommand?: string;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitRunOptions {
  cwd?: string;
  /** Resolve with the exit code instead of throwing when git fails. */
  allowFailure?: boolean;
  timeoutMs?: number;
  /** Retry transient network failures (fetch, push, ls-remote). */
  retry?: boolean;
  /** For this call: attempts after the first, base delay, and what counts as transient (default: git's words). */
  retries?: number;
  retryDelayMs?: number;
  transient?: RegExp;
  /** Attempts that may end in a stall before giving up (default 2; git-lfs retries a stalled request itself). */
  stallAttempts?: number;
  /** Credentials for this call only (scoped by URL). */
  credentials?: GitCredential[];
  /** Extra config entries for this call only, passed in the environment. */
  config?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Text for stdin. */
  input?: string;
}

export interface GitOptions {
  /** Credentials for every call. */
  credentials?: GitCredential[];
  /** Base environment (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Default time limit of one git process. */
  timeoutMs?: number;
  /** Attempts after the first for retried calls. */
  retries?: number;
  /** Base delay of the exponential backoff between retries. */
  retryDelayMs?: number;
  /** Removes secrets from text that goes into errors. */
  redact?: (text: string) => string;
  /**
   * Seconds without any data after which a transfer is abandoned as stalled (`request-timeout`): git's
   * `http.lowSpeedLimit`/`http.lowSpeedTime` (libcurl's low-speed check, which runs for the whole transfer, waiting
   * for the answer included); git-lfs's `lfs.activitytimeout` is set from it in lfs.ts. Every transfer is HTTP(S)
   * (see assertHttpUrl), so this covers clone, fetch, ls-remote, push and git-lfs.
   */
  stallSeconds?: number;
}

/** A failed git command. Its kind is decided here, from git's own words, once: nothing downstream reads the text. */
export class GitError extends MirrorError {
  constructor(
    message: string,
    readonly code: number,
    readonly stderr: string,
    kind: ErrorKind = gitFailureKind(stderr),
  ) {
    super(message, kind);
    this.name = 'GitError';
  }
}

/**
 * What git (libcurl, ssh, the remote's own message) says for each kind of failure, most telling first. A failure
 * none of them names is `unexpected` (e.g. a damaged local repository).
 */
const GIT_FAILURE_KINDS: Array<[ErrorKind, RegExp]> = [
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
export function gitFailureKind(stderr: string): ErrorKind {
  return GIT_FAILURE_KINDS.find(([, words]) => words.test(stderr))?.[0] ?? 'unexpected';
}

/** Kinds worth another attempt: the network or the server, not the request. */
export function isTransientKind(kind: ErrorKind): boolean {
  return kind === 'timeout' || kind === 'connection' || kind === 'server' || kind === 'rate-limited';
}

const MAX_STDERR = 16 * 1024;
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** git's words for failures worth another attempt: network trouble and server-side 5xx/429. */
export const TRANSIENT_GIT_ERROR =
  /(Operation too slow|Could not resolve host|Connection (reset|refused|timed out)|Operation timed out|timed out|early EOF|RPC failed|remote end hung up|The requested URL returned error: (429|5\d\d)|HTTP\/\d(\.\d)? (429|5\d\d)|unexpected disconnect|transfer closed|SSL_read|gnutls_handshake|Empty reply from server|Recv failure)/i;

/**
 * What git (libcurl: "Operation too slow. Less than 1 bytes/sec transferred the last N seconds") and git-lfs (Go:
 * "i/o timeout") say when the stall limit passed without data.
 */
export const STALLED = /(Operation too slow|i\/o timeout)/i;

/** Environment variables that would let the caller's git setup leak into ours (or ours into a config file). */
const SCRUBBED_ENV =
  /^(GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+|PARAMETERS|GLOBAL|SYSTEM|NOSYSTEM)|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_ASKPASS|SSH_ASKPASS|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE|GIT_TRACE\w*|GIT_SSH|GIT_SSH_COMMAND|GIT_SSH_VARIANT|SSH_AUTH_SOCK)$/;

export class Git {
  /** Number of git processes started (for the benchmark and the report). */
  processes = 0;
  private readonly baseEnv: NodeJS.ProcessEnv;

  constructor(private readonly options: GitOptions = {}) {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(options.env ?? process.env)) {
      if (!SCRUBBED_ENV.test(key)) env[key] = value;
    }
    this.baseEnv = env;
  }

  async run(args: string[], options: GitRunOptions = {}): Promise<GitResult> {
    const attempts = options.retry ? 1 + (options.retries ?? this.options.retries ?? 2) : 1;
    const transient = options.transient ?? TRANSIENT_GIT_ERROR;
    let result: GitResult | undefined;
    let stalls = 0;
    let attempt = 1;
    for (; attempt <= attempts; attempt++) {
      result = await this.spawnOnce(args, options);
      if (result.code !== 0 && STALLED.test(result.stderr)) stalls++;
      if (result.code === 0 || attempt === attempts || !transient.test(result.stderr) || options.signal?.aborted) break;
      // A host that sent nothing for the whole stall limit twice is not coming back in this run: give up after the
      // second stall, so that a hung host costs its repository about 2 × request-timeout, not one per attempt.
      if (stalls >= (options.stallAttempts ?? 2)) break;
      const base = (options.retryDelayMs ?? this.options.retryDelayMs ?? 1000) * 2 ** (attempt - 1);
      await sleep(Math.min(base + Math.random() * base, 30_000));
    }
    if (!result) throw new Error('unreachable');
    if (result.code !== 0 && !options.allowFailure) {
      const stalled = this.stalledReason(args, result.stderr, Math.min(attempt, attempts));
      throw new GitError(
        stalled ?? `git ${describeArgs(args)} failed: ${this.lastLines(result.stderr)}`,
        result.code,
        result.stderr,
      );
    }
    return result;
  }

  /** Seconds without data after which a transfer is abandoned (undefined: no limit but the process time limit). */
  get stallSeconds(): number | undefined {
    return this.options.stallSeconds;
  }

  /**
   * The reason for a failure that was a stall: which host, which operation, how long, how many attempts. Undefined
   * when `stderr` does not say the transfer stalled.
   */
  stalledReason(args: string[], stderr: string, attempts: number): string | undefined {
    if (!STALLED.test(stderr)) return undefined;
    const url = args.find((arg) => /^https?:\/\//.test(arg));
    let host = 'the server';
    try {
      if (url) host = new URL(url).host;
    } catch {
      // not a URL after all: keep the generic word
    }
    const operation = args[0] === 'lfs' ? `git lfs ${args[1] ?? ''}`.trim() : `git ${args[0] ?? ''}`.trim();
    const limit = this.options.stallSeconds ? `${this.options.stallSeconds} s` : 'the low-speed limit';
    const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
    return `${operation} stalled: ${host} sent no data for ${limit}${tries}`;
  }

  /** The environment of one git process: scrubbed base env, no prompts, config entries (credentials) by index. */
  environment(options: Pick<GitRunOptions, 'credentials' | 'config' | 'env'> = {}): NodeJS.ProcessEnv {
    const entries: Array<[string, string]> = [
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
      if (credential.header) entries.push([`http.${credential.url}.extraHeader`, credential.header]);
    }
    if (this.options.stallSeconds) {
      const seconds = String(Math.max(1, Math.ceil(this.options.stallSeconds)));
      entries.push(['http.lowSpeedLimit', '1'], ['http.lowSpeedTime', seconds]);
    }
    const sshCommands = new Set(credentials.map((credential) => credential.sshCommand).filter(Boolean));
    // One ssh setup per process: a call that needed two (two SSH sides at once) could not pick the right key.
    if (sshCommands.size > 1) throw new Error('one git call cannot use the SSH keys of both sides');
    const [sshCommand] = sshCommands;
    for (const [key, value] of Object.entries(options.config ?? {})) entries.push([key, value]);
    const env: NodeJS.ProcessEnv = {
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

  private lastLines(stderr: string): string {
    const text = stderrTail(stderr, 4);
    return (this.options.redact ? this.options.redact(text) : text) || 'no error output';
  }

  private spawnOnce(args: string[], options: GitRunOptions): Promise<GitResult> {
    this.processes++;
    return new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd: options.cwd,
        env: this.environment(options),
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        detached: true,
      });
      const stdout: Buffer[] = [];
      let stderr = '';
      let timedOut = false;
      const kill = (): void => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };
      const timer = setTimeout(
        () => {
          timedOut = true;
          kill();
        },
        options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
      const onAbort = (): void => kill();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.length > MAX_STDERR * 2) stderr = stderr.slice(-MAX_STDERR);
      });
      if (options.input !== undefined) child.stdin?.end(options.input);
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
        else if (options.signal?.aborted) errorText += '\ngit was stopped: the repository ran out of time';
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
export function stderrTail(stderr: string, count: number): string {
  return (
    stderr
      .split(/[\r\n]+/)
      .map((line) => line.trim())
      // hints, and git-lfs's pointers to its own log file, say nothing about the failure
      .filter(
        (line) =>
          line &&
          !line.startsWith('hint:') &&
          !/^(Errors logged to |Use `git lfs logs last`)/.test(line) &&
          !PROGRESS_LINE.test(line),
      )
      .slice(-count)
      .join(' / ')
  );
}

/** `--progress` output (git's and the remote's): counts, not causes. */
const PROGRESS_LINE =
  /^(remote: )?(Enumerating|Counting|Compressing|Writing|Receiving|Resolving|Total|Unpacking|Delta compression|Checking connectivity)\b/;

/** argv for messages: subcommand and options, never URLs (they carry no token, but keep messages short). */
function describeArgs(args: string[]): string {
  const words = args.filter((arg) => !/^(https?|ssh):\/\/|^[^\s/:]+@[^\s/:]+:/.test(arg) && !/^[0-9a-f]{40}/.test(arg));
  return words.slice(0, 3).join(' ');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
