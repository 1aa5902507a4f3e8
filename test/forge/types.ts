/**
 * Shared types of the test forge.
 *
 * A forge is one HTTP server on 127.0.0.1 that plays ONE host type. The core (forge.ts) owns the state (users,
 * namespaces, repositories on disk), git over smart HTTP (git http-backend as CGI), the pre-receive hook that enforces
 * protection, request recording, contract checks, latency and fault injection. Everything host-specific lives in a
 * `HostFake` module (hosts/github.ts, hosts/gitlab.ts; Bitbucket modules plug in the same way):
 *
 * - `apiPrefix`: where the API lives under the forge URL (`/api/v3`, `/api/v4`, `/rest`, `/2.0`). Requests under it go
 *   to `handleApi`; the core has already recorded them and checked them against the host's API description.
 * - `handleApi(ctx)`: answer one API request. Return `{ status, body, headers }`; the core checks the answer against the
 *   documented schema for that status (so return what the real host returns, with its field names).
 * - `authenticateApi(headers)`: who is calling (`undefined` anonymous, `'invalid'` for a bad token); the host decides
 *   the error shape in `handleApi` through `ctx.auth`.
 * - `gitRepo(path)`: map a git URL path (after the forge URL) to a repo record and service; `gitRealm` is the
 *   `WWW-Authenticate` realm. The core checks git credentials as Basic auth with the token as password, unless the
 *   host provides `authenticateGit(headers)`.
 * - `protectionRules(repo)`: the host's protection model normalised into `ProtectionRule[]`; the core writes them to
 *   the bare repo whenever `forge.protectionChanged(repo)` is called, and the real pre-receive hook enforces them.
 * - `onPush(repo, updates, user)`: called after a successful push (post-receive), e.g. GitLab protects the default
 *   branch on the first push.
 * - `newRepo(repo)`: initialise host-specific state (rulesets, protected branches, hooks) on a fresh repo record.
 * - `cloneUrl(repo)` / `webUrl(repo)`: the URLs the API answers carry (the core routes both the `.git` form and, for
 *   GitLab, the form without `.git`).
 */
import type { IncomingHttpHeaders } from 'node:http';

export type ForgeType = 'github' | 'gitlab' | 'bitbucket-server' | 'bitbucket-cloud' | 'gitea';

/** Access levels, GitLab's numbers (https://docs.gitlab.com/api/members/#roles); GitHub roles map onto them. */
export const ACCESS = {
  none: 0,
  guest: 10,
  read: 20,
  reporter: 20,
  triage: 20,
  write: 30,
  developer: 30,
  maintain: 40,
  maintainer: 40,
  admin: 50,
  owner: 50,
} as const;
export type Role = keyof typeof ACCESS;

export interface ForgeUser {
  id: number;
  username: string;
  token: string;
  /** Site administrator (GitHub `site_admin`, GitLab `is_admin`): full access everywhere. */
  admin: boolean;
  /** Set for GitHub App installation tokens: the app's id (ruleset bypass actor `Integration`). */
  appId?: number;
  createdAt: string;
}

export interface Namespace {
  id: number;
  /** Full path: `acme`, `acme/platform`; for a user namespace the username. */
  path: string;
  kind: 'org' | 'user';
  /** For GitLab subgroups: the parent group's path. */
  parent?: string;
  name: string;
  description: string;
  visibility: 'private' | 'internal' | 'public';
  /** username → role. Inherited by subgroups (GitLab). */
  members: Map<string, Role>;
  createdAt: string;
  /** Host-specific state (org webhooks...). */
  host: Record<string, unknown>;
}

export interface RepoRecord {
  id: number;
  /** Owner namespace path (`acme`, `acme/platform` for a project directly in a subgroup). */
  owner: string;
  /** Last path segment: the repository name/slug. */
  name: string;
  /** `owner/name`. */
  fullPath: string;
  description: string;
  visibility: 'private' | 'internal' | 'public';
  fork: boolean;
  /** Full path of the parent when forked. */
  forkedFrom?: string;
  archived: boolean;
  /** Default branch name (HEAD target), even while the repo is empty. */
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
  /** Last push time, updated by the post-receive hook. */
  pushedAt: string;
  /** Bare repository directory on disk. */
  dir: string;
  /** The host's wiki switch (GitHub `has_wiki`, GitLab `wiki_access_level` not `disabled`). */
  hasWiki: boolean;
  /** Where the wiki's bare repository lives (`<repo>.wiki.git`); it exists only once created (see Forge.initWiki). */
  wikiDir: string;
  /** Host-specific state (rulesets, protected branches, hooks...), owned by the host module. */
  host: Record<string, unknown>;
}

/** Who may do an action on a ref: users listed by name, or anyone whose access level is at least `level`. */
export interface Permission {
  /** Minimum access level, or `null` for no one (GitLab access level 0). */
  level: number | null;
  /** Usernames allowed regardless of level (bypass actors, allowed_to_push users...). */
  users?: string[];
}

/** A host's protection normalised for the pre-receive hook. Every matching rule must allow an update. */
export interface ProtectionRule {
  /** Glob on the full ref name: `refs/heads/main`, `refs/heads/*`, `refs/tags/v*`; `**` crosses `/`. */
  ref: string;
  /** Globs of refs the rule does not apply to. */
  exclude?: string[];
  create: Permission;
  /** Fast-forward update. */
  update: Permission;
  /** Non-fast-forward update. */
  force: Permission;
  delete: Permission;
  /** Messages printed by the hook when the rule refuses an update, per action (the host's own words). */
  messages: Record<RefAction, string>;
}

export type RefAction = 'create' | 'update' | 'force' | 'delete';

export interface RefUpdate {
  ref: string;
  oldSha: string;
  newSha: string;
}

export interface ApiRequest {
  method: string;
  /** Raw path (percent-encoding kept), prefix included. */
  path: string;
  /** Path after `apiPrefix`, still raw. */
  subPath: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ApiContext {
  req: ApiRequest;
  /** The authenticated user, undefined when anonymous, 'invalid' for a bad or unknown token. */
  auth: ForgeUser | undefined | 'invalid';
  forge: ForgeState;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GitTarget {
  repo: RepoRecord;
  /** The request is for the repository's wiki (`<repo>.wiki.git`), served from `repo.wikiDir`. */
  wiki?: boolean;
  /** Path inside the repo: `info/refs`, `git-upload-pack`, `git-receive-pack`. */
  rest: string;
}

export interface HostFake {
  readonly type: ForgeType;
  readonly apiPrefix: string;
  readonly gitRealm: string;
  /** Refs the host keeps to itself: advertised on fetch, refused on push (`receive.hideRefs`). */
  readonly hiddenRefs: string[];
  authenticateApi(headers: IncomingHttpHeaders): ForgeUser | undefined | 'invalid';
  /**
   * API paths (with the prefix) that the host documents but its OpenAPI description lacks, so the contract check skips
   * them, explicitly; the fake follows the host's documentation for them. Nothing else is ever skipped.
   */
  readonly undocumentedApi?: readonly RegExp[];
  /**
   * Who is calling git (smart HTTP and LFS). Default (when absent): Basic auth with any username and the token as
   * password, as GitHub and GitLab accept. Hosts with other schemes (Bitbucket Server: Bearer HTTP access tokens, Basic
   * only with the token's own username) provide their own.
   */
  authenticateGit?(headers: IncomingHttpHeaders): ForgeUser | undefined | 'invalid';
  handleApi(ctx: ApiContext): Promise<ApiResponse> | ApiResponse;
  gitRepo(urlPath: string): GitTarget | undefined;
  /** Message for a push refused for lack of write access (HTTP 403 body). */
  pushDeniedMessage(repo: RepoRecord, user: ForgeUser): string;
  protectionRules(repo: RepoRecord): ProtectionRule[];
  onPush(repo: RepoRecord, updates: RefUpdate[], user: ForgeUser | undefined): void;
  newRepo(repo: RepoRecord): void;
  cloneUrl(repo: RepoRecord): string;
  webUrl(repo: RepoRecord): string;
}

/** The state the core shares with host modules. */
export interface ForgeState {
  readonly type: ForgeType;
  readonly url: string;
  readonly apiUrl: string;
  readonly pageSize: number;
  readonly users: Map<string, ForgeUser>;
  readonly namespaces: Map<string, Namespace>;
  /** Keyed by lower-cased full path. */
  readonly repos: Map<string, RepoRecord>;
  nextId(): number;
  now(): string;
  userByToken(token: string): ForgeUser | undefined;
  /** Make `token` authenticate `user` until `expiresAt` (ms since the epoch); refused after. */
  issueToken(user: ForgeUser, token: string, expiresAt: number): void;
  /** Effective access level of `user` on a namespace (inherited from parent groups) or repo. */
  accessLevel(user: ForgeUser | undefined, target: Namespace | RepoRecord): number;
  canRead(user: ForgeUser | undefined, repo: RepoRecord): boolean;
  findRepo(fullPath: string): RepoRecord | undefined;
  createRepo(owner: string, name: string, options?: RepoOptions): RepoRecord;
  addNamespace(path: string, options?: NamespaceOptions): Namespace;
  /** Rewrite the rules file the pre-receive hook reads (call after every protection change). */
  protectionChanged(repo: RepoRecord): void;
  /** Refs of a bare repo (`refs/heads/*`, `refs/tags/*`), sha by name. */
  refs(repo: RepoRecord): Map<string, string>;
  setHead(repo: RepoRecord, branch: string): void;
  /** Creates the wiki's (empty) repository when it does not exist yet (GitLab creates it on first access). */
  ensureWiki(repo: RepoRecord): void;
  /** Whether the wiki's repository exists. */
  wikiExists(repo: RepoRecord): boolean;
  /** True when the repo has no branch (cheap: looks at the ref files). */
  isEmpty(repo: RepoRecord): boolean;
  /** Whether `refs/heads/<branch>` exists (cheap). */
  hasBranch(repo: RepoRecord, branch: string): boolean;
  /** The SSH clone URL of an attached SSH server (ssh-server.ts), when one is attached. */
  sshUrlOf(repo: RepoRecord): string | undefined;
}

export interface RepoOptions {
  /** The wiki switch (default true, as on GitHub and GitLab). */
  wiki?: boolean;
  fork?: boolean;
  forkedFrom?: string;
  archived?: boolean;
  visibility?: 'private' | 'internal' | 'public';
  defaultBranch?: string;
  description?: string;
}

export interface NamespaceOptions {
  kind?: 'org' | 'user';
  members?: Record<string, Role>;
  visibility?: 'private' | 'internal' | 'public';
  description?: string;
  name?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  user?: string;
  /** The operationId matched in the host's API description, when any. */
  operation?: string;
}

export interface RecordedGitRequest {
  service: 'git-upload-pack' | 'git-receive-pack';
  /** `info/refs` advertisement or the pack exchange itself. */
  phase: 'advertise' | 'exchange';
  repo: string;
  user?: string;
  status: number;
  /** Set for git over SSH (ssh-server.ts); smart HTTP otherwise. */
  transport?: 'ssh';
}

/** Matches requests for fault injection. All given fields must match. */
export interface FaultMatcher {
  method?: string;
  /** Substring or regular expression on the raw path (API or git). */
  path?: string | RegExp;
  kind?: 'api' | 'git';
  /**
   * Substring or regular expression on the API request's body (e.g. the name of the repository a create names): the
   * body is read before the fault is chosen, so a fault goes to the request it names whatever order they arrive in.
   */
  body?: string | RegExp;
  /** How many matching requests get the fault (default 1; Infinity for all). */
  times?: number;
}

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Extra delay before answering (or before resetting). */
  delayMs?: number;
  /** Destroy the socket instead of answering (connection reset). */
  reset?: boolean;
}
