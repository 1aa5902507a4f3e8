/**
 * The one interface the mirror engine talks to. The engine never asks which host it is: every host-specific
 * behaviour (API paths, pagination, protection model, git credentials) lives behind this interface, one file per host.
 */
import { MirrorError, type ErrorKind } from '../errors.js';
import type { HostType, Visibility } from '../settings/host-types.js';
import { kindOfStatus } from './retry-policy.js';

export { HOST_TYPES, type HostRole, type HostType, type Visibility } from '../settings/host-types.js';

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
  /**
   * HTTPS clone URL from the API (no credentials in it). Empty only on a Bitbucket Server whose HTTP(S) git access is
   * off (the API then gives an SSH link alone).
   */
  cloneUrl: string;
  /**
   * SSH clone URL from the API (`ssh://…` or scp-like `git@host:path`), used when the side has an SSH key: GitHub
   * `ssh_url`, GitLab `ssh_url_to_repo`, Bitbucket `links.clone[name=ssh]`.
   */
  sshUrl?: string;
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
  /**
   * The host's wiki switch for this repository (GitHub `has_wiki`, GitLab `wiki_access_level`); undefined on hosts
   * whose wikis the mirror does not handle (Bitbucket). On GitHub the switch is on by default: the wiki's repository
   * exists only once a first page was created.
   */
  wikiEnabled?: boolean;
  /**
   * HTTPS clone URL of the wiki's git repository, set by adapters of hosts with wikis (GitHub and GitLab document it
   * as the clone URL with `.git` replaced by `.wiki.git`). Undefined: the host has no wiki repository to mirror.
   */
  wikiCloneUrl?: string;
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

/** The mirror's first push into a repository this run created empty. */
export interface FirstPush {
  /** The refs it wrote. */
  written: string[];
  /** Whether it was one `git push` (hosts react to the first push they receive). */
  singlePush: boolean;
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
  | 'lift'
  /**
   * Exempt for creations and updates, but no one may delete a protected branch, the exempt account included (Gitea):
   * a push that deletes a branch lifts protection around it like 'lift'; other pushes keep it on.
   */
  | 'lift-for-branch-deletion';

/**
 * Where the host keeps the tips a run replaces (SPEC "History"): `refs` under `refs/mirror-history/` (the host accepts
 * and keeps refs outside `refs/heads` and `refs/tags`), `tags` as protected tags `mirror-history/…` (it does not).
 */
export type HistoryRefs = 'refs' | 'tags';

export interface Host {
  readonly type: HostType;
  /** Where kept tips go on this host (docs/history.md has the per-host reasons). */
  readonly historyRefs: HistoryRefs;
  /** The namespace: organization, group path, workspace, project key or `~user`. */
  readonly owner: string;
  readonly protectionStrategy: ProtectionStrategy;
  /**
   * The visibilities this host gives the repositories the mirror creates; anything else becomes `private` there
   * (GitHub's `internal` needs an enterprise-owned org, Bitbucket has none).
   */
  readonly visibilities: readonly Visibility[];

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
  /**
   * Set an orphaned mirror aside, never deleting it: archive it where the host can (GitHub, GitLab: read-only, pushes
   * refused), else (Bitbucket) add `(orphaned on <date>)` to its description, protection left on. `date` is
   * YYYY-MM-DD. Idempotent: returns true when it had to write.
   */
  archive(repo: RepoInfo, date: string): Promise<boolean>;
  /** Undo `archive` for a mirror whose source repository reappeared. Returns true when it had to write. */
  unarchive(repo: RepoInfo): Promise<boolean>;
  /**
   * Switch the repository's wiki on, when the mirror may do so (GitLab: a target project's wiki must be enabled to
   * take pushes). Absent on hosts where the mirror cannot make a wiki repository exist (GitHub creates it with the
   * first page in the web interface; Bitbucket). Returns true when it had to write.
   */
  enableWiki?(repo: RepoInfo): Promise<boolean>;
  /**
   * The branch the host made the default, and protected on its own, on the mirror's first push into a repository it
   * created empty (GitLab: the branch the create answer named, when that push wrote it); passed back to `protect` as
   * `initialDefaultBranch`. Absent on hosts that do nothing of the kind.
   */
  firstPushDefault?(repo: RepoInfo, push: FirstPush): string | undefined;
  /** Make `branch` the default branch. Returns true when it had to write. */
  setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean>;
  /** Make the repository `visibility` (as `visibilities` allows). Returns true when it had to write. */
  setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean>;
  /** Create or update the push webhook on a source repository (or on the namespace when `repo` is undefined). */
  installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult>;
  /** Whether `installHook(undefined, …)` (one hook for the whole namespace) is supported with these credentials. */
  supportsNamespaceHook(): Promise<boolean>;

  /**
   * The HTTP header git must send to this host's clone URLs, e.g. `Authorization: Basic <base64>`; undefined for
   * anonymous access. Passed to git only through the environment (`http.<url>.extraHeader`). Asked before each git
   * command, so that a host with expiring credentials (GitHub App installation tokens) hands out a currently valid one.
   */
  gitAuthHeader(): string | undefined | Promise<string | undefined>;
  /**
   * Hosts with expiring credentials (GitHub App installation tokens): a git command or ref read that used `header`
   * failed. Returns a new header when the old one may be why: the host refused it (`refused`, a 401), or its token
   * expired during the command. Undefined: the header is still good, the failure is something else. The caller
   * retries once with the new header.
   */
  renewGitAuth?(header: string, refused: boolean): Promise<string | undefined>;
}

export interface HostErrorDetails {
  /** The failure's kind; default: the one the status names (`kindOfStatus`), else `unexpected`. */
  kind?: ErrorKind;
  /** The HTTP status of the answer, when there was one. */
  status?: number;
  /**
   * The request may have been carried out although no success came back (a create whose answer was lost): the
   * caller looks its outcome up rather than assume it failed (the retry policy's verdict, retry-policy.ts).
   */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

/**
 * Raised by hosts for API failures, typed where the answer arrives (the HTTP clients and the retry policy). Message
 * carries host and operation, never a token.
 */
export class HostError extends MirrorError {
  readonly status?: number;
  readonly outcomeUnknown: boolean;

  constructor(message: string, details: HostErrorDetails | number = {}) {
    const given = typeof details === 'number' ? { status: details } : details;
    const kind = given.kind ?? (given.status !== undefined ? kindOfStatus(given.status) : 'unexpected');
    super(message, kind, given.cause !== undefined ? { cause: given.cause } : undefined);
    this.name = 'HostError';
    this.status = given.status;
    this.outcomeUnknown = given.outcomeUnknown ?? false;
  }

  /** The same failure with another message (an adapter naming its operation), kind and outcome kept. */
  static wrap(message: string, error: HostError): HostError {
    return new HostError(message, {
      kind: error.kind,
      status: error.status,
      outcomeUnknown: error.outcomeUnknown,
      cause: error,
    });
  }
}

/** The listing could not be completed: the run must stop before any change. */
export class ListingError extends HostError {
  constructor(message: string, details: HostErrorDetails | number = {}) {
    super(message, details);
    this.name = 'ListingError';
  }

  static from(message: string, error: HostError): ListingError {
    return new ListingError(message, { kind: error.kind, status: error.status, cause: error });
  }
}
