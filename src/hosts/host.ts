/**
 * The one interface the mirror engine talks to. The engine never asks which host it is: every host-specific
 * behaviour (API paths, pagination, protection model, git credentials) lives behind this interface, one file per host.
 */

export const HOST_TYPES = ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server'] as const;
export type HostType = (typeof HOST_TYPES)[number];

export type Visibility = 'private' | 'internal' | 'public';

/** A repository as a host's API describes it. Every URL comes from the API's own answer, never from string building. */
export interface RepoInfo {
  /** Stable id on the host: numeric id (GitHub, GitLab, Bitbucket Server), uuid (Bitbucket Cloud). */
  id: string;
  /** The repository's name: what `filter`/`exclude`/`repositories` match. Last path segment / slug. */
  name: string;
  /**
   * Path relative to the owner namespace, `/`-separated. Equals `name` on flat hosts; `sub/project` for a project in a
   * GitLab subgroup of the owner group.
   */
  path: string;
  /** HTTPS clone URL from the API (no credentials in it). */
  cloneUrl: string;
  /** Web URL of the repository (used in `Mirror of <webUrl>` descriptions). */
  webUrl: string;
  /** Default branch name without `refs/heads/`, when the host reports one. */
  defaultBranch?: string;
  description?: string;
  visibility: Visibility;
  fork: boolean;
  archived: boolean;
  /** True when the host says the repository has no commits (when it says so cheaply). */
  empty?: boolean;
  /**
   * Activity stamp that the host documents as updated on every push (GitHub `pushed_at`), ISO-8601. Left undefined on
   * hosts without a trustworthy one.
   */
  pushedAt?: string;
}

export interface CreateRepoRequest {
  /** Name of the new repository (for a GitLab target, may be a `/`-separated path under the owner group). */
  name: string;
  description: string;
  visibility: Visibility;
  defaultBranch?: string;
}

/** What the caller knows about the repository being protected. */
export interface ProtectOptions {
  /**
   * The repository was created empty by this run and holds only what the mirror pushed: no rule of anyone else's can
   * be on it, so the host may write its rules without reading the existing ones first (saving API calls per new
   * repository). Rules the host itself adds on a first push (GitLab's initial default-branch protection) are still read.
   */
  fresh?: boolean;
  /**
   * With `fresh`: the branch the mirror's first push made the default (the one the create answer named, pushed
   * successfully). GitLab protects it on that push; knowing it spares reading the rules.
   */
  initialDefaultBranch?: string;
}

export interface HookRequest {
  url: string;
  secret: string;
}

export type HookResult = 'created' | 'updated' | 'unchanged';

/** How the mirror's own pushes get through the target's protection. */
export type ProtectionStrategy =
  /** The host can exempt the mirror's own account: protection stays on during pushes (Bitbucket, GitHub rulesets). */
  | 'exempt'
  /** Protection is lifted just for the mirror's push and restored in a `finally` (GitLab). */
  | 'lift';

export interface Host {
  readonly type: HostType;
  /** The namespace: organization, group path, workspace, project key or `~user`. */
  readonly owner: string;
  readonly protectionStrategy: ProtectionStrategy;

  /**
   * Every repository of the owner namespace (GitLab: with all subgroups). Complete or throws: a failed, malformed or
   * looping page throws a `ListingError` so that the run never acts on a partial listing.
   */
  listRepos(): Promise<RepoInfo[]>;
  /** One repository by its path under the owner, or undefined when it does not exist (404). */
  getRepo(path: string): Promise<RepoInfo | undefined>;
  createRepo(request: CreateRepoRequest): Promise<RepoInfo>;

  /**
   * Make sure nobody but the mirror can push, force-push or delete any branch or tag. Reads first: already-correct
   * protection costs no write. Returns true when it had to write.
   */
  protect(repo: RepoInfo, options?: ProtectOptions): Promise<boolean>;
  /** Lift that protection (mode `remove`, or around the push on 'lift' hosts). Returns true when it had to write. */
  unprotect(repo: RepoInfo): Promise<boolean>;
  /** Make `branch` the default branch. Returns true when it had to write. */
  setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean>;
  /** Create or update the push webhook on a source repository (or on the namespace when `repo` is undefined). */
  installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult>;
  /** Whether `installHook(undefined, …)` (one hook for the whole namespace) is supported with these credentials. */
  supportsNamespaceHook(): Promise<boolean>;

  /**
   * The HTTP header git must send to this host's clone URLs, e.g. `Authorization: Basic <base64>`; undefined for
   * anonymous access. Passed to git only through the environment (`http.<url>.extraHeader`).
   */
  gitAuthHeader(): string | undefined;
}

/** Raised by hosts for API failures. Message carries host and operation, never a token. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** The listing could not be completed: the run must stop before any change. */
export class ListingError extends HostError {
  constructor(message: string, status?: number) {
    super(message, status);
    this.name = 'ListingError';
  }
}
