import path from 'node:path';
import { HOST_TYPES, type HostType } from './host-types.js';
import { FEATURES } from './features.js';
import { readGitHubApp } from './github-app.js';
import {
  BOOLEAN_INPUTS,
  type InputReader,
  inputReader,
  oneLine,
  SECRET_INPUTS,
  type SettingsSources,
} from './input-sources.js';
import {
  type EndpointSettings,
  type InputName,
  type Mode,
  MODES,
  type OnDivergence,
  type OrphansSetting,
  type Settings,
  SettingsError,
  type Shard,
  type TargetSettings,
  type VisibilitySetting,
} from './settings.js';
import { readHealthSettings } from './health-settings.js';
import { readSshSettings } from './ssh-settings.js';
import { DEFAULT_URLS, deriveApiUrl, parseHttpUrl, redactUrl, type UrlProblem } from './urls.js';

export const DEFAULT_REPORT_FILE = 'org-mirror-report.json';
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;

/**
 * Read and validate every input (SPEC "Inputs") from the CLI arguments, the Action inputs (`INPUT_*`) and the
 * environment (`MIRROR_*`), in that precedence. The only function that reads inputs.
 *
 * Choices documented here:
 * - Booleans are `true` / `false`, case-insensitive (the Actions convention, as core.getBooleanInput); nothing else.
 * - `filter` and `exclude` are JavaScript regexes without flags (case-sensitive; not in unicode mode, so the escapes
 *   people write in other dialects, like `\-`, stay valid). Both are compiled ANCHORED, `^(?:…)$`: `regex.test(name)`
 *   is a whole-name match, for `exclude` too, so `exclude: api` skips `api` and not `rapid`.
 * - The target inputs are required in every mode, `install-hooks` included: the hook-triggered runs mirror to that
 *   target, and the same configuration serves both; it also keeps `Settings.target` always present.
 * - Tokens: `target-token` is required for `sync` and `remove` (they write to the target), `source-token` for
 *   `install-hooks`. `preview` and `check` may run anonymously against public namespaces.
 * - Secrets (`*-token`, `hook-secret`) are refused as CLI flags: argv is visible to other users.
 * - `*-username` is only for Bitbucket types, `target-project` only for a bitbucket-cloud target, `internal`
 *   visibility only for github / gitlab targets: anything else is refused rather than ignored.
 *
 * Throws SettingsError (exit 2, one line naming the input, the value and what is accepted; never a secret) or
 * CliInfoRequested (`--help`, `--version`).
 */
export function readSettings(sources: SettingsSources): Settings {
  const read = inputReader(sources);
  const secrets = [...SECRET_INPUTS]
    .map((name) => read(name)?.value)
    .filter((value): value is string => value !== undefined && value.length >= 4);
  try {
    return buildSettings(read, sources.env);
  } catch (error) {
    // Defence in depth: no message may carry a secret, even one pasted into the wrong input.
    if (error instanceof SettingsError) {
      let message = error.message;
      for (const secret of secrets) message = message.split(secret).join('***');
      throw new SettingsError(message, error.input);
    }
    throw error;
  }
}

/**
 * The settings from any reader of inputs: the configuration file builds each mirror's settings with a reader that
 * layers the mirror's keys, then `defaults`, over the inputs.
 */
export function buildSettings(read: InputReader, env: SettingsSources['env']): Settings {
  const value = (name: InputName): string | undefined => read(name)?.value;
  const mode = readMode(value('mode'));
  const source = readEndpoint(read, 'source');
  const target = readTarget(read, source);
  const lfs = readLfs(value, source, target);
  const settings: Settings = {
    source,
    target,
    mode,
    ...readSelection(value),
    ...readSyncRules(value, target, lfs),
    ...readLimits(value),
    cacheDir: value('cache-dir') ?? (env.RUNNER_TEMP ? path.join(env.RUNNER_TEMP, 'org-mirror') : '.org-mirror'),
    reportFile: value('report-file') ?? DEFAULT_REPORT_FILE,
    orphans: readOneOf<OrphansSetting>(value('orphans'), 'orphans', ['keep', 'archive'], 'keep'),
    orphansLimit: readCount(value('orphans-limit'), 'orphans-limit', 10, 1, 10_000),
    ...readHealthSettings(read, env, target),
    ...readHistory(value, mode),
  };
  addOptional(settings, value);
  requireForMode(settings);
  return settings;
}

type ValueOf = (name: InputName) => string | undefined;

/** The target endpoint, its Bitbucket Cloud project, and never the source namespace itself. */
function readTarget(read: InputReader, source: EndpointSettings): TargetSettings {
  const target: TargetSettings = readEndpoint(read, 'target');
  const project = read('target-project')?.value;
  if (project !== undefined) {
    if (target.type !== 'bitbucket-cloud') {
      throw invalid(
        'target-project',
        project,
        'it unset unless target-type is bitbucket-cloud',
        `target-type ${target.type} has no projects`,
      );
    }
    if (!/^[A-Za-z0-9_]+$/.test(project)) throw invalid('target-project', project, 'a Bitbucket Cloud project key');
    target.project = project;
  }
  if (source.type === target.type && source.apiUrl === target.apiUrl && sameOwner(source.owner, target.owner)) {
    throw invalid(
      'target-owner',
      target.owner,
      'a target namespace or server other than the source',
      'it is the source namespace itself',
    );
  }
  return target;
}

/** Which repositories the run takes. */
function readSelection(value: ValueOf): Pick<Settings, 'filter' | 'includeForks' | 'includeArchived'> {
  return {
    filter: readRegex(value('filter') ?? '.*', 'filter'),
    includeForks: readBoolean(value('include-forks'), 'include-forks', true),
    includeArchived: readBoolean(value('include-archived'), 'include-archived', true),
  };
}

/** `lfs`, refused where it cannot work (not built in, or over SSH). */
function readLfs(value: ValueOf, source: EndpointSettings, target: TargetSettings): boolean {
  const lfs = readBoolean(value('lfs'), 'lfs', false);
  if (lfs && !FEATURES.lfs) throw invalid('lfs', 'true', 'false', 'LFS mirroring is not available yet in this version');
  if (lfs && (source.ssh || target.ssh)) {
    throw invalid(
      'lfs',
      'true',
      'false when source-ssh-key or target-ssh-key is set',
      'Git LFS over SSH (git-lfs-authenticate) is not supported',
    );
  }
  return lfs;
}

/** How a repository is written: creation, pruning, protection, divergence, LFS, wikis, visibility. */
function readSyncRules(
  value: ValueOf,
  target: TargetSettings,
  lfs: boolean,
): Pick<
  Settings,
  'createMissing' | 'prune' | 'protect' | 'onDivergence' | 'lfs' | 'wikis' | 'visibility' | 'concurrency'
> {
  return {
    createMissing: readBoolean(value('create-missing'), 'create-missing', true),
    prune: readBoolean(value('prune'), 'prune', true),
    protect: readBoolean(value('protect'), 'protect', true),
    onDivergence: readOneOf<OnDivergence>(value('on-divergence'), 'on-divergence', ['fail', 'overwrite'], 'fail'),
    lfs,
    wikis: readBoolean(value('wikis'), 'wikis', false),
    visibility: readVisibility(value('visibility'), target.type),
    concurrency: readConcurrency(value('concurrency')),
  };
}

/** Time limits and the verification interval. */
function readLimits(value: ValueOf): Pick<Settings, 'requestTimeout' | 'repoTimeout' | 'verifyInterval'> {
  return {
    requestTimeout: readNumber(
      value('request-timeout'),
      'request-timeout',
      60,
      1,
      3600,
      'a number of seconds from 1 to 3600',
    ),
    repoTimeout: readNumber(
      value('repo-timeout'),
      'repo-timeout',
      1800,
      10,
      86400,
      'a number of seconds from 10 to 86400',
    ),
    verifyInterval: readNumber(
      value('verify-interval'),
      'verify-interval',
      24,
      0,
      8760,
      'a number of hours from 0 to 8760',
    ),
  };
}

/** Inputs that are absent from the settings unless given. */
function addOptional(settings: Settings, value: ValueOf): void {
  const exclude = value('exclude');
  if (exclude !== undefined) settings.exclude = readRegex(exclude, 'exclude');
  const repositories = value('repositories');
  if (repositories !== undefined) settings.repositories = readList(repositories, 'repositories');
  const shard = value('shard');
  if (shard !== undefined) settings.shard = readShard(shard);
  const junitFile = value('junit-file');
  if (junitFile !== undefined) {
    if (path.resolve(junitFile) === path.resolve(settings.reportFile)) {
      throw invalid('junit-file', junitFile, 'a path other than report-file');
    }
    settings.junitFile = junitFile;
  }
  const hookUrl = value('hook-url');
  if (hookUrl !== undefined) settings.hookUrl = readUrl(hookUrl, 'hook-url', { allowQuery: true });
  const hookSecret = value('hook-secret');
  if (hookSecret !== undefined) settings.hookSecret = hookSecret;
}

/** History refs and the destruction guard (SPEC "History"): `accept` only where it can apply (sync, preview). */
function readHistory(
  value: ValueOf,
  mode: Mode,
): Pick<Settings, 'keepHistory' | 'historyDays' | 'destructiveLimit' | 'accept'> {
  const history: Pick<Settings, 'keepHistory' | 'historyDays' | 'destructiveLimit' | 'accept'> = {
    keepHistory: readBoolean(value('keep-history'), 'keep-history', true),
    historyDays: readWholeNumber(
      value('history-days'),
      'history-days',
      90,
      'a whole number of days, 0 or more (0 keeps them forever)',
    ),
    destructiveLimit: readDestructiveLimit(value('destructive-limit')),
  };
  const accept = value('accept');
  if (accept !== undefined) {
    if (mode !== 'sync' && mode !== 'preview') {
      throw invalid(
        'accept',
        accept,
        `mode sync or preview with it (mode is ${mode})`,
        'held changes are applied by sync and shown by preview only',
      );
    }
    history.accept = readList(accept, 'accept');
  }
  return history;
}

/** A non-negative integer (no sign, no fraction, no exponent). */
function readWholeNumber(raw: string | undefined, name: InputName, fallback: number, expected: string): number {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^\d{1,9}$/.test(text)) throw invalid(name, raw, expected);
  return Number(text);
}

/** `destructive-limit`: a non-negative integer, or `none` (null: the guard is off). Default 10. */
function readDestructiveLimit(raw: string | undefined): number | null {
  if (raw !== undefined && raw.trim().toLowerCase() === 'none') return null;
  return readWholeNumber(raw, 'destructive-limit', 10, 'a whole number of refs, 0 or more, or none');
}

function readMode(raw: string | undefined): Mode {
  const mode = readOneOf<Mode>(raw, 'mode', MODES, 'sync');
  if (!FEATURES.modes.includes(mode)) {
    throw invalid('mode', mode, `one of: ${FEATURES.modes.join(', ')}`, 'not available yet in this version');
  }
  return mode;
}

function requireForMode(settings: Settings): void {
  const { mode } = settings;
  if ((mode === 'sync' || mode === 'remove') && !settings.target.token && !settings.target.app) {
    const app = settings.target.type === 'github' ? ' (or target-app-id and target-app-private-key)' : '';
    throw missing('target-token', `an access token for the target${app}: mode ${mode} writes to it`);
  }
  if (mode === 'install-hooks') {
    if (!settings.source.token && !settings.source.app) {
      const app = settings.source.type === 'github' ? ' (or source-app-id and source-app-private-key)' : '';
      throw missing('source-token', `an access token that may manage source webhooks${app}`);
    }
    if (!settings.hookUrl) throw missing('hook-url', 'the http(s) URL the webhooks call, for mode install-hooks');
    if (!settings.hookSecret) throw missing('hook-secret', 'the secret that signs webhook deliveries');
  }
}

function readEndpoint(read: InputReader, side: 'source' | 'target'): EndpointSettings {
  const name = (suffix: string) => `${side}-${suffix}` as InputName;
  const value = (suffix: string) => read(name(suffix))?.value;

  const rawType = value('type');
  const allowed = side === 'source' ? FEATURES.sourceTypes : FEATURES.targetTypes;
  if (rawType === undefined) throw missing(name('type'), `one of: ${allowed.join(', ')}`);
  if (!(HOST_TYPES as readonly string[]).includes(rawType)) {
    throw invalid(name('type'), rawType, `one of: ${allowed.join(', ')}`);
  }
  const type = rawType as HostType;
  if (!allowed.includes(type)) {
    throw invalid(name('type'), type, `one of: ${allowed.join(', ')}`, `not available yet as a ${side}`);
  }

  const rawUrl = value('url') ?? DEFAULT_URLS[type];
  if (rawUrl === undefined) {
    const example =
      type === 'gitea' ? 'https://gitea.example.com or https://codeberg.org' : 'https://bitbucket.example.com';
    throw missing(name('url'), `the ${type} server base URL, e.g. ${example} (no default)`);
  }
  const url = readUrl(rawUrl, name('url'));
  const rawApiUrl = value('api-url');
  const apiUrl = rawApiUrl === undefined ? deriveApiUrl(type, url) : readUrl(rawApiUrl, name('api-url'));

  const owner = value('owner');
  if (owner === undefined) throw missing(name('owner'), ownerRule(type, side).expected);
  const rule = ownerRule(type, side);
  if (!rule.valid(owner)) throw invalid(name('owner'), owner, rule.expected);

  const endpoint: EndpointSettings = { type, url, apiUrl, owner };
  const token = value('token');
  if (token !== undefined) endpoint.token = token;
  const username = value('username');
  if (username !== undefined) {
    if (type !== 'bitbucket-cloud' && type !== 'bitbucket-server') {
      throw invalid(
        name('username'),
        username,
        `a username only with ${side}-type bitbucket-*`,
        `${type} does not use it`,
      );
    }
    endpoint.username = username;
  }
  const app = readGitHubApp(read, side, type, token !== undefined);
  if (app) endpoint.app = app;
  const ssh = readSshSettings(read, side);
  if (ssh) endpoint.ssh = ssh;
  return endpoint;
}

interface OwnerRule {
  valid(owner: string): boolean;
  expected: string;
}

/** Namespace syntax per host, so that a typo (or `org/repo`) fails before any request. */
function ownerRule(type: HostType, side: 'source' | 'target'): OwnerRule {
  switch (type) {
    case 'github':
      // Letters, digits, hyphens; `_` appears in Enterprise Managed User names (`octocat_acme`).
      return {
        valid: (owner) => /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,98}[A-Za-z0-9])?$/.test(owner),
        expected: 'a GitHub organization or user name (letters, digits and hyphens)',
      };
    case 'gitlab':
      // https://docs.gitlab.com/user/reserved_names/ — path segments of letters, digits, '_', '-', '.'.
      return {
        valid: (owner) =>
          owner
            .split('/')
            .every((segment) => /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(segment) && !/\.(git|atom)$/.test(segment)),
        expected: "a GitLab group or user path such as acme or acme/mirrors (letters, digits, '_', '-', '.')",
      };
    case 'bitbucket-cloud':
      return {
        valid: (owner) => /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*|\{[0-9A-Fa-f-]{36}\})$/.test(owner),
        expected: "a Bitbucket Cloud workspace slug (letters, digits, '-', '_') or {uuid}",
      };
    case 'bitbucket-server':
      // Project keys: a letter, then letters, digits, '_'. A personal project `~user` can only be a source.
      return side === 'source'
        ? {
            valid: (owner) => /^(?:[A-Za-z][A-Za-z0-9_]*|~[^\s/~]+)$/.test(owner),
            expected: 'a Bitbucket Server project key (e.g. PROJ) or ~user',
          }
        : {
            valid: (owner) => /^[A-Za-z][A-Za-z0-9_]*$/.test(owner),
            expected: 'a Bitbucket Server project key (e.g. PROJ)',
          };
    case 'gitea':
      // Gitea/Forgejo user and organization names: letters, digits, '-', '_', '.', not starting or ending with '-'/'.'.
      return {
        valid: (owner) => /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,38}[A-Za-z0-9_])?$/.test(owner),
        expected:
          side === 'source'
            ? "a Gitea organization or user name (letters, digits, '-', '_', '.')"
            : "a Gitea organization name (letters, digits, '-', '_', '.')",
      };
  }
}

function sameOwner(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const URL_PROBLEMS: Record<UrlProblem, string> = {
  'not-a-url': 'not a URL',
  scheme: 'only http and https are supported',
  credentials: 'credentials in a URL are refused, use the token and username inputs',
  query: 'a query string is not allowed',
  fragment: 'a fragment is not allowed',
};

function readUrl(raw: string, name: InputName, options: { allowQuery?: boolean } = {}): string {
  const parsed = parseHttpUrl(raw, options);
  if ('problem' in parsed) {
    const what = options.allowQuery
      ? 'an http(s) URL without credentials'
      : 'an http(s) URL such as https://host[/path]';
    throw new SettingsError(
      `Invalid ${name} '${oneLine(redactUrl(raw))}': ${URL_PROBLEMS[parsed.problem]}. Expected ${what}.`,
      name,
    );
  }
  return parsed.url;
}

function readBoolean(raw: string | undefined, name: InputName, fallback: boolean): boolean {
  if (!BOOLEAN_INPUTS.has(name)) throw new Error(`${name} is not a boolean input`);
  if (raw === undefined) return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw invalid(name, raw, 'true or false');
}

function readOneOf<T extends string>(raw: string | undefined, name: InputName, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw invalid(name, raw, `one of: ${allowed.join(', ')}`);
}

function readVisibility(raw: string | undefined, targetType: HostType): VisibilitySetting {
  // Bitbucket has no `internal` visibility; GitHub (enterprise organizations) and GitLab do.
  const allowed: VisibilitySetting[] =
    targetType === 'github' || targetType === 'gitlab'
      ? ['private', 'internal', 'public', 'source']
      : ['private', 'public', 'source'];
  const visibility = readOneOf<VisibilitySetting>(
    raw,
    'visibility',
    ['private', 'internal', 'public', 'source'],
    'private',
  );
  if (!allowed.includes(visibility)) {
    throw invalid(
      'visibility',
      visibility,
      `one of: ${allowed.join(', ')}`,
      `target-type ${targetType} has no such visibility`,
    );
  }
  return visibility;
}

function readNumber(
  raw: string | undefined,
  name: InputName,
  fallback: number,
  min: number,
  max: number,
  accepted: string,
): number {
  if (raw === undefined) return fallback;
  const value = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw invalid(name, raw, accepted);
  return value;
}

function readCount(raw: string | undefined, name: InputName, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw invalid(name, raw, `an integer from ${min} to ${max}`);
  return value;
}

function readConcurrency(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_CONCURRENCY;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_CONCURRENCY))
    throw invalid('concurrency', raw, `an integer from 1 to ${MAX_CONCURRENCY}`);
  return value;
}

function readShard(raw: string): Shard {
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(raw);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(index >= 1 && index <= count)) throw invalid('shard', raw, 'i/n with 1 ≤ i ≤ n, e.g. 2/4');
  return { index, count };
}

function readList(raw: string, name: InputName): string[] {
  const items = [
    ...new Set(
      raw
        .split(/[,\r\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  if (items.length === 0) throw invalid(name, raw, 'names separated by commas or newlines', 'no name in it');
  return items;
}

/** Compile to a whole-name matcher; the error quotes V8's reason (`Unterminated group`). */
function readRegex(raw: string, name: InputName): RegExp {
  try {
    new RegExp(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split(': ').pop() : String(error);
    throw invalid(name, raw, 'a JavaScript regular expression', reason);
  }
  return new RegExp(`^(?:${raw})$`);
}

function invalid(name: InputName, value: string, expected: string, reason?: string): SettingsError {
  return new SettingsError(
    `Invalid ${name} '${oneLine(value)}'${reason ? `: ${reason}` : ''}. Expected ${expected}.`,
    name,
  );
}

function missing(name: InputName, expected: string): SettingsError {
  return new SettingsError(`Missing ${name}. Expected ${expected}.`, name);
}
