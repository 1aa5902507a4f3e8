import type { HostType, Visibility } from './host-types.js';

/** Every input of the product contract (SPEC "Inputs"), by its one name. */
export const INPUTS = {
  sourceType: 'source-type',
  targetType: 'target-type',
  sourceUrl: 'source-url',
  targetUrl: 'target-url',
  sourceApiUrl: 'source-api-url',
  targetApiUrl: 'target-api-url',
  sourceOwner: 'source-owner',
  targetOwner: 'target-owner',
  sourceToken: 'source-token',
  targetToken: 'target-token',
  sourceAppId: 'source-app-id',
  targetAppId: 'target-app-id',
  sourceAppPrivateKey: 'source-app-private-key',
  targetAppPrivateKey: 'target-app-private-key',
  sourceAppInstallationId: 'source-app-installation-id',
  targetAppInstallationId: 'target-app-installation-id',
  sourceUsername: 'source-username',
  targetUsername: 'target-username',
  targetProject: 'target-project',
  filter: 'filter',
  exclude: 'exclude',
  includeForks: 'include-forks',
  includeArchived: 'include-archived',
  createMissing: 'create-missing',
  mode: 'mode',
  repositories: 'repositories',
  prune: 'prune',
  protect: 'protect',
  onDivergence: 'on-divergence',
  lfs: 'lfs',
  wikis: 'wikis',
  visibility: 'visibility',
  concurrency: 'concurrency',
  shard: 'shard',
  cacheDir: 'cache-dir',
  hookUrl: 'hook-url',
  hookSecret: 'hook-secret',
  reportFile: 'report-file',
  junitFile: 'junit-file',
  requestTimeout: 'request-timeout',
  repoTimeout: 'repo-timeout',
  verifyInterval: 'verify-interval',
  orphans: 'orphans',
  orphansLimit: 'orphans-limit',
  sourceSshKey: 'source-ssh-key',
  sourceSshKnownHosts: 'source-ssh-known-hosts',
  targetSshKey: 'target-ssh-key',
  targetSshKnownHosts: 'target-ssh-known-hosts',
  keepHistory: 'keep-history',
  historyDays: 'history-days',
  destructiveLimit: 'destructive-limit',
  accept: 'accept',
  backoffMax: 'backoff-max',
  notifyUrl: 'notify-url',
  notifySecret: 'notify-secret',
  statusIssue: 'status-issue',
  statusToken: 'status-token',
  config: 'config',
  mirror: 'mirror',
} as const;

export type InputName = (typeof INPUTS)[keyof typeof INPUTS];

export const MODES = ['sync', 'preview', 'check', 'remove', 'install-hooks', 'validate'] as const;
export type Mode = (typeof MODES)[number];

export type VisibilitySetting = Visibility | 'source';
export type OnDivergence = 'fail' | 'overwrite';
export type OrphansSetting = 'keep' | 'archive';

/** One side of the mirror: where to list or where to write. */
export interface EndpointSettings {
  type: HostType;
  /** Server base URL, no trailing slash (https://github.com, https://gitlab.example.com, …). */
  url: string;
  /**
   * API base URL, derived from `url` per SPEC "Hosts" unless overridden; no trailing slash. github:
   * https://api.github.com or `<url>/api/v3`; gitlab: `<url>/api/v4`; bitbucket-cloud: https://api.bitbucket.org/2.0 or
   * `<url>/2.0`; bitbucket-server: `<url>/rest/api/1.0` (branch permissions: `<url>/rest/branch-permissions/2.0`,
   * built from `url`). See `deriveApiUrl` in urls.ts.
   */
  apiUrl: string;
  /** Namespace: organization, group path, workspace, project key or `~user`. */
  owner: string;
  token?: string;
  username?: string;
  /** GitHub only: authenticate as this GitHub App's installation instead of with `token`. */
  app?: GitHubAppSettings;
  /** git over SSH with this key instead of HTTPS with the token (the API still uses the token). */
  ssh?: SshSettings;
}

/** A GitHub App the mirror authenticates as (installation tokens made from its private key, refreshed before expiry). */
export interface GitHubAppSettings {
  /** Numeric App id: the JWT issuer and the ruleset bypass actor (`Integration`). */
  appId: number;
  /** PEM private key (decoded when it was given as base64). */
  privateKey: string;
  /** The key as the input gave it (base64, escaped newlines…): masked too. */
  privateKeyAsGiven: string;
  /** Installation on the owner; looked up from the owner when absent. */
  installationId?: number;
}

/** One side's SSH transport: a private key and the host keys it must match (always checked strictly). */
export interface SshSettings {
  /** Private key text (OpenSSH or PEM), decoded when given as base64. */
  key: string;
  /** known_hosts lines. */
  knownHosts: string;
  /** The input as given when it was base64: a secret to mask as well. */
  encoded?: string;
}

export interface TargetSettings extends EndpointSettings {
  /** Bitbucket Cloud project key for created repositories. */
  project?: string;
}

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** The validated settings of one run. Only `src/settings/` reads inputs or the environment to build this. */
export interface Settings {
  source: EndpointSettings;
  target: TargetSettings;
  /** Must match the whole repository name. */
  filter: RegExp;
  /** Names matching it are skipped. */
  exclude?: RegExp;
  includeForks: boolean;
  includeArchived: boolean;
  createMissing: boolean;
  mode: Mode;
  /** Only these names this run (still filtered and looked up in the listing). */
  repositories?: string[];
  prune: boolean;
  protect: boolean;
  onDivergence: OnDivergence;
  lfs: boolean;
  /** Also mirror each repository's wiki (GitHub, GitLab sources) into the target repository's wiki. */
  wikis: boolean;
  visibility: VisibilitySetting;
  concurrency: number;
  shard?: Shard;
  cacheDir: string;
  hookUrl?: string;
  hookSecret?: string;
  reportFile: string;
  junitFile?: string;
  /** Time limit of one API request attempt, in seconds. */
  requestTimeout: number;
  /** Time limit of one repository (git and API), in seconds. */
  repoTimeout: number;
  /** Hours between full comparisons of every repository, whatever the push stamps say; 0: every run. */
  verifyInterval: number;
  /**
   * Target mirrors whose source repository is gone: `keep` them as they are, or `archive` them (never delete; a
   * Bitbucket target, which cannot archive, gets an "(orphaned on <date>)" mark in its description).
   */
  orphans: OrphansSetting;
  /** At most this many mirrors archived per run; more orphans than that → none archived, a warning. */
  orphansLimit: number;
  /**
   * Keep every tip a run deletes or force-moves on the target, under `refs/mirror-history/` (SPEC "History").
   * Absent: true (the default).
   */
  keepHistory?: boolean;
  /**
   * Kept tips older than this many days are deleted the next time the mirror writes to the repository; 0: never.
   * Absent: 90 (the default).
   */
  historyDays?: number;
  /**
   * Hold a repository whose run would delete or force-move more than this many refs, or delete every branch. Absent:
   * 10 (the default); `null`: `none`, no guard.
   */
  destructiveLimit?: number | null;
  /** Repository names (or `*`) whose held changes this run applies (modes sync and preview). */
  accept?: string[];
  /** With a configuration file: the mirror's `id` (its report section and its state folder under cache-dir). */
  mirrorId?: string;
  /** With a configuration file: the mirror's per-repository overrides, by lower-cased source repository name. */
  repositoryOverrides?: ReadonlyMap<string, RepositoryOverride>;
  /** Most full runs between two attempts of a repository that keeps failing (0: every run). */
  backoffMax: number;
  /** POST a JSON document here when a run changes any repository's health; signed with `secret`. */
  notify?: { url: string; secret?: string };
  /** Keep one issue per mirror up to date with its health. */
  statusIssue?: StatusIssueSettings;
  /** The web page of this CI run, remembered where a failure streak begins. */
  runUrl?: string;
}

/** What the configuration file may set for one repository (docs/configuration.md "Per repository"). */
export interface RepositoryOverride {
  /** The source name as the file wrote it. */
  name: string;
  /** false: not synchronized, reported `disabled`. */
  enabled: boolean;
  /** Its name (GitLab: path under target-owner) on the target. */
  targetName?: string;
  onDivergence?: OnDivergence;
  lfs?: boolean;
  wikis?: boolean;
  prune?: boolean;
  protect?: boolean;
  visibility?: VisibilitySetting;
}

/** Where the status issue lives: a GitHub repository or a GitLab project (path or numeric id), and the token. */
export interface StatusIssueSettings {
  host: 'github' | 'gitlab';
  /** API base: https://api.github.com, <url>/api/v3 or <url>/api/v4. */
  apiUrl: string;
  repository: string;
  token: string;
}

/** Bad configuration: exit code 2, one line naming the input, the value and what is accepted. */
export class SettingsError extends Error {
  constructor(
    message: string,
    /** The input the message is about, when there is one (the configuration file points at its key). */
    readonly input?: InputName,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}
