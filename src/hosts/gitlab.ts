import { Gitlab, GitbeakerRequestError, ProjectHooks } from '@gitbeaker/rest';
import {
  GitbeakerTimeoutError,
  createRequesterFn,
  getMatchingRateLimiter,
  type FormattedResponse,
  type RateLimiters,
  type RequesterType,
  type ResourceOptions,
} from '@gitbeaker/requester-utils';

import type { EndpointSettings, TargetSettings } from '../settings/settings.js';
import type { Runtime } from '../runtime/runtime.js';
import {
  HostError,
  ListingError,
  type CreateRepoRequest,
  type Host,
  type HookRequest,
  type HookResult,
  type FirstPush,
  type ProtectOptions,
  type RepoInfo,
  type Visibility,
} from './host.js';
import {
  backoffMs,
  describeConnectionFailure,
  requestedWaitMs,
  requestTimeoutMs,
  RETRY_ERROR_CODES,
  safeUrl,
  sleepScaled,
} from './http-client.js';
import { proxyFetch, useProxyFromEnvironment } from './proxy.js';
import { wikiCloneUrlOf } from './wiki-url.js';

import type { HostRole } from './host.js';

/** GitLab access level "No one": https://docs.gitlab.com/api/protected_branches/#valid-access-levels */
const NO_ONE = 0;
const WILDCARD = '*';

/** The fields of GitLab's project entity that the mirror reads. */
interface GitLabProject {
  id: number;
  path: string;
  path_with_namespace: string;
  http_url_to_repo: string;
  ssh_url_to_repo?: string;
  web_url: string;
  default_branch?: string | null;
  description?: string | null;
  visibility?: string;
  archived?: boolean;
  empty_repo?: boolean;
  /** `disabled`, `private` or `enabled`; `wiki_enabled` is its deprecated boolean form. */
  wiki_access_level?: string;
  wiki_enabled?: boolean;
  forked_from_project?: unknown;
}

interface GitLabGroup {
  id: number;
  full_path: string;
}

interface AccessLevel {
  access_level?: number | null;
  user_id?: number | null;
  group_id?: number | null;
  deploy_key_id?: number | null;
}

interface ProtectedBranch {
  name: string;
  push_access_levels?: AccessLevel[];
  merge_access_levels?: AccessLevel[];
  allow_force_push?: boolean;
}

interface ProtectedTag {
  name: string;
  create_access_levels?: AccessLevel[];
}

interface GitLabHook {
  id: number;
  url: string;
}

type Namespace = { kind: 'group'; id: number; fullPath: string } | { kind: 'user'; id: number; fullPath: string };

function statusOf(error: unknown): number | undefined {
  if (error instanceof GitbeakerRequestError) return error.cause?.response?.status;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function toVisibility(value: string | undefined): Visibility {
  return value === 'public' || value === 'internal' ? value : 'private';
}

/**
 * gitbeaker builds its base URL as `<host>/api/v4/<prefixUrl>`. An API URL ending in `/api/v4` splits naturally; any
 * other override (a reverse proxy path) is reached by climbing back out of the `api/v4` that gitbeaker appends.
 */
export function gitbeakerBase(apiUrl: string): { host: string; prefixUrl: string } {
  const trimmed = apiUrl.replace(/\/+$/, '');
  if (trimmed.endsWith('/api/v4')) return { host: trimmed.slice(0, -'/api/v4'.length), prefixUrl: '' };
  return { host: trimmed, prefixUrl: '../..' };
}

/** True when no one but the holder of a bypass can act under these access levels. */
function onlyNoOne(levels: AccessLevel[] | undefined): boolean {
  return (levels ?? []).every(
    (level) => (level.access_level ?? NO_ONE) === NO_ONE && !level.user_id && !level.group_id && !level.deploy_key_id,
  );
}

function branchLocked(rule: ProtectedBranch): boolean {
  return onlyNoOne(rule.push_access_levels) && onlyNoOne(rule.merge_access_levels) && !rule.allow_force_push;
}

function tagLocked(rule: ProtectedTag): boolean {
  return onlyNoOne(rule.create_access_levels);
}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** First backoff when the server names no wait; doubles per attempt. */
  baseDelayMs: number;
  /** Longest single wait; a server asking for more gets no retry (every wait is bounded). */
  maxWaitMs: number;
  /** Bound on all waits of one request together. */
  maxTotalWaitMs: number;
  /** Time limit of one attempt; undefined: `requestTimeoutMs()` (MIRROR_REQUEST_TIMEOUT or 60 s). */
  timeoutMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxWaitMs: 60_000,
  maxTotalWaitMs: 120_000,
};

export interface GitLabHostOptions {
  /** Bound on one whole gitbeaker call in ms, all pages and retries included (default 30 min). */
  queryTimeout?: number;
  retry?: Partial<RetryPolicy>;
}

const RETRY_STATUSES = [429, 502, 503, 504];
/** Statuses that say the request was refused before doing anything: safe to repeat even for a POST. */
const REFUSED_STATUSES = [429, 503];
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE'];

/** What the requester adds to an error it gave up on, for the adapter's message. */
interface RetryNote {
  orgMirrorRetry?: string;
}

/**
 * The answer as gitbeaker expects it. Every JSON answer is parsed here: anything else (an HTML page from a proxy, a
 * truncated body, another content type) is refused with a message that names the problem but quotes nothing.
 */
async function formatResponse(response: Response, asStream: boolean, where: string): Promise<FormattedResponse> {
  const headers = Object.fromEntries(response.headers.entries());
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  let body: unknown;
  if (asStream) body = response.body;
  else if (response.status === 204) body = null;
  else {
    const text = await response.text();
    if (!/^application\/([\w.+-]+\+)?json$/i.test(contentType)) {
      if (text.trim() === '') body = {};
      else {
        const what = /html/i.test(contentType)
          ? `${contentType} instead of JSON (an HTML error or login page from a proxy?)`
          : `${contentType || 'no content type'} instead of JSON`;
        throw new HostError(`gitlab: ${where} answered ${what}`, response.status);
      }
    } else {
      try {
        body = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
      } catch {
        throw new HostError(
          `gitlab: ${where} answered invalid or truncated JSON (${text.length} characters)`,
          response.status,
        );
      }
    }
  }
  return { body, headers, status: response.status } as FormattedResponse;
}

/** `path?sorted query`, to compare page URLs. */
function pageKey(url: URL): string {
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

function nextLink(link: string | null): string | undefined {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];
}

/**
 * Pages already read in one paginated gitbeaker call. gitbeaker follows `Link: rel="next"` without end and hands
 * every page of one call the same AbortSignal, which therefore names the call.
 */
const pagesByCall = new WeakMap<AbortSignal, Set<string>>();

function networkCode(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.cause?.code ?? e?.code ?? 'UND_ERR_SOCKET';
}

/**
 * gitbeaker's request handler, with the retry behaviour SPEC asks for. gitbeaker's own handler retries only 429 and
 * 502, after waits of a fraction of a millisecond, and ignores `Retry-After`; this one retries 429/502/503/504 and
 * connection failures, waiting what the server asks (`Retry-After`, `RateLimit-Reset`) or backing off exponentially,
 * never longer than `maxWaitMs` at once. https://docs.gitlab.com/security/rate_limits/
 */
export function createGitLabRequester(policy: RetryPolicy): (options: ResourceOptions) => RequesterType {
  return createRequesterFn(
    (_service, options) => Promise.resolve(options),
    async (endpoint, options = {}) => {
      const { rateLimiters, asStream, prefixUrl, searchParams, method, agent, ...init } = options as {
        rateLimiters?: RateLimiters;
        asStream?: boolean;
        prefixUrl?: string;
        searchParams?: string;
        method?: string;
        agent?: unknown;
      } & RequestInit;
      void agent; // proxyFetch (proxy.ts) picks the dispatcher
      const verb = (method ?? 'GET').toUpperCase();
      const url = new URL(endpoint, prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl ?? ''}/`);
      url.search = searchParams ?? '';
      const where = `${verb} ${safeUrl(url)}`;
      const rateLimit = getMatchingRateLimiter(endpoint, rateLimiters, verb);
      const timeoutMs = policy.timeoutMs ?? requestTimeoutMs();
      const callSignal = init.signal ?? undefined;
      let waited = 0;
      /** The wait before the next attempt, or a reason not to try again. */
      const nextWait = (attempt: number, asked: number | undefined): number | string => {
        const tries = `gave up after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`;
        if (asked !== undefined && asked > policy.maxWaitMs) {
          return `the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${Math.ceil(policy.maxWaitMs / 1000)} s bound`;
        }
        const wait = Math.min(asked ?? backoffMs(policy.baseDelayMs, attempt), policy.maxWaitMs);
        if (attempt >= policy.attempts || waited + wait > policy.maxTotalWaitMs) return tries;
        waited += wait;
        return wait;
      };
      for (let attempt = 1; ; attempt++) {
        await rateLimit();
        let response: Response;
        const attemptTimeout = AbortSignal.timeout(timeoutMs);
        try {
          response = await proxyFetch(url, {
            ...init,
            method: verb,
            signal: callSignal ? AbortSignal.any([callSignal, attemptTimeout]) : attemptTimeout,
          });
        } catch (error) {
          if (callSignal?.aborted) throw new GitbeakerTimeoutError('Query timeout was reached');
          const reason = attemptTimeout.aborted
            ? `no answer within ${Number((timeoutMs / 1000).toFixed(3))} s`
            : describeConnectionFailure(networkCode(error));
          // A lost connection may have carried out a POST/PATCH: only idempotent requests are repeated.
          const retryable =
            IDEMPOTENT_METHODS.includes(verb) &&
            (attemptTimeout.aborted || RETRY_ERROR_CODES.includes(networkCode(error)));
          const wait = retryable ? nextWait(attempt, undefined) : 'not safe to repeat';
          if (typeof wait === 'number') {
            await sleepScaled(wait);
            continue;
          }
          throw new HostError(`gitlab: ${where} failed: ${reason} (${wait})`);
        }
        if (response.ok) {
          if (verb === 'GET' && callSignal) {
            // A next page that was already read in this call (or is this page) would make gitbeaker loop forever.
            const pages = pagesByCall.get(callSignal) ?? new Set<string>();
            pagesByCall.set(callSignal, pages);
            pages.add(pageKey(url));
            const next = nextLink(response.headers.get('link'));
            if (next && pages.has(pageKey(new URL(next, url)))) {
              await response.body?.cancel();
              throw new HostError(
                `gitlab: ${where}: the next-page link points back to a page already read (a pagination loop)`,
              );
            }
          }
          return formatResponse(response, asStream ?? false, where);
        }
        const retryable =
          RETRY_STATUSES.includes(response.status) &&
          (IDEMPOTENT_METHODS.includes(verb) || REFUSED_STATUSES.includes(response.status));
        let note: string | undefined;
        if (retryable) {
          const wait = nextWait(attempt, requestedWaitMs(Object.fromEntries(response.headers.entries())));
          if (typeof wait === 'number') {
            await response.body?.cancel();
            await sleepScaled(wait);
            continue;
          }
          note = wait;
        }
        await response.body?.cancel();
        // The body is not kept: it could echo what was sent. The status tells the caller enough.
        const description = `HTTP ${response.status}`;
        const failure: GitbeakerRequestError & RetryNote = new GitbeakerRequestError(description, {
          cause: { description, request: new Request(url, { method: verb }), response },
        });
        failure.orgMirrorRetry = note;
        throw failure;
      }
    },
  );
}

export class GitLabHost implements Host {
  readonly type = 'gitlab' as const;
  readonly owner: string;
  /** GitLab has no bypass for a protected branch's "No one": protection is lifted around the mirror's push. */
  readonly protectionStrategy = 'lift' as const;
  /** History refs: accepts and advertises them (only its internal namespaces are hidden, gitaly!3426). */
  readonly historyRefs = 'refs' as const;
  readonly visibilities: readonly Visibility[] = ['private', 'internal', 'public'];
  readonly api: InstanceType<typeof Gitlab>;
  private readonly hooks: InstanceType<typeof ProjectHooks>;
  private readonly token: string | undefined;
  private namespacePromise?: Promise<Namespace>;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    private readonly runtime?: Runtime,
    options: GitLabHostOptions = {},
  ) {
    this.owner = endpoint.owner.replace(/^\/+|\/+$/g, '');
    this.token = endpoint.token || undefined;
    useProxyFromEnvironment();
    // gitbeaker spaces requests with its rate limiters; retries are ours (createGitLabRequester).
    const { host, prefixUrl } = gitbeakerBase(endpoint.apiUrl);
    const common = {
      host,
      ...(this.token ? { token: this.token } : {}),
      // Bounds a whole call (every page of a listing, retries included); each attempt has its own time limit.
      queryTimeout: options.queryTimeout ?? 30 * 60_000,
      requesterFn: createGitLabRequester({ ...DEFAULT_RETRY, ...options.retry }),
    };
    this.api = new Gitlab({ ...common, ...(prefixUrl ? { prefixUrl } : {}) });
    // Hook resources carry their own prefixUrl (`projects`), which a shared one would replace: build them apart.
    this.hooks = new ProjectHooks({ ...common, ...(prefixUrl ? { prefixUrl: `${prefixUrl}/projects` } : {}) });
  }

  gitAuthHeader(): string | undefined {
    // GitLab accepts a token as the password of the user `oauth2` over HTTPS.
    if (!this.token) return undefined;
    return `Authorization: Basic ${Buffer.from(`oauth2:${this.token}`).toString('base64')}`;
  }

  /** A short, token-free error: host, role, operation, repository and status; never the response body. */
  private fail(operation: string, repo: string | undefined, error: unknown, listing = false): HostError {
    if (error instanceof ListingError || (error instanceof HostError && !listing)) return error;
    const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
    if (error instanceof HostError) {
      // From the requester (malformed answer, pagination loop, connection failure): keep it, as a listing failure.
      return new ListingError(
        `${error.message.replace(/^gitlab: /, `gitlab ${this.role}: `)} (${operation}${where})`,
        error.status,
      );
    }
    const status = statusOf(error);
    let reason = status ? `HTTP ${status}` : error instanceof Error ? error.message : String(error);
    const note = (error as RetryNote | null)?.orgMirrorRetry;
    if (note) reason += ` (${note})`;
    reason = reason.slice(0, 300);
    if (this.token) {
      const basic = Buffer.from(`oauth2:${this.token}`).toString('base64');
      for (const secret of [basic, this.token]) reason = reason.split(secret).join('***');
    }
    const message = `gitlab ${this.role}: ${operation}${where} failed: ${reason}`;
    return listing ? new ListingError(message, status) : new HostError(message, status);
  }

  /** The owner as a group (looked up once) or, when no such group exists, as a user. */
  private namespace(): Promise<Namespace> {
    this.namespacePromise ??= (async (): Promise<Namespace> => {
      try {
        const group = (await this.api.Groups.show(this.owner)) as unknown as GitLabGroup;
        return { kind: 'group', id: group.id, fullPath: group.full_path };
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
      const users = (await this.api.Users.all({ username: this.owner })) as unknown as {
        id: number;
        username: string;
      }[];
      const user = users.find((u) => u.username.toLowerCase() === this.owner.toLowerCase());
      if (!user) throw new HostError(`gitlab ${this.role}: no group or user named ${this.owner}`, 404);
      return { kind: 'user', id: user.id, fullPath: user.username };
    })();
    // A failed lookup must not stay cached as the answer for the rest of the run.
    this.namespacePromise.catch(() => (this.namespacePromise = undefined));
    return this.namespacePromise;
  }

  private relativePath(namespace: Namespace, project: GitLabProject): string {
    const prefix = `${namespace.fullPath}/`;
    if (!project.path_with_namespace.toLowerCase().startsWith(prefix.toLowerCase())) {
      throw new Error(`project ${project.path_with_namespace} is outside ${namespace.fullPath}`);
    }
    return project.path_with_namespace.slice(prefix.length);
  }

  private toRepoInfo(namespace: Namespace, project: GitLabProject): RepoInfo {
    if (typeof project.id !== 'number' || !project.path || !project.http_url_to_repo || !project.web_url) {
      throw new Error(`malformed project entry ${JSON.stringify(project.path_with_namespace ?? project.id ?? null)}`);
    }
    const clone = new URL(project.http_url_to_repo);
    clone.username = '';
    clone.password = '';
    return {
      id: String(project.id),
      name: project.path,
      path: this.relativePath(namespace, project),
      cloneUrl: clone.toString(),
      sshUrl: project.ssh_url_to_repo || undefined,
      webUrl: project.web_url,
      wikiEnabled:
        typeof project.wiki_access_level === 'string' ? project.wiki_access_level !== 'disabled' : project.wiki_enabled,
      wikiCloneUrl: wikiCloneUrlOf(clone.toString()),
      defaultBranch: project.default_branch || undefined,
      description: project.description ?? undefined,
      visibility: toVisibility(project.visibility),
      fork: Boolean(project.forked_from_project),
      archived: project.archived ?? false,
      empty: project.empty_repo,
      // `last_activity_at` is updated lazily (at most about once an hour), so it cannot tell whether a push happened
      // since the last run: https://docs.gitlab.com/api/projects/ ("last_activity_at"). No pushedAt on GitLab.
      pushedAt: undefined,
    };
  }

  async listRepos(): Promise<RepoInfo[]> {
    let namespace: Namespace;
    let projects: GitLabProject[];
    try {
      namespace = await this.namespace();
      projects =
        namespace.kind === 'group'
          ? ((await this.api.Groups.allProjects(namespace.id, {
              includeSubgroups: true,
              // Projects shared into the group from elsewhere are not the group's own repositories.
              withShared: false,
              perPage: 100,
            })) as unknown as GitLabProject[])
          : ((await this.api.Users.allProjects(namespace.id, { perPage: 100 })) as unknown as GitLabProject[]);
    } catch (error) {
      throw this.fail('listing projects of', undefined, error, true);
    }
    const seen = new Set<string>();
    const result: RepoInfo[] = [];
    for (const project of projects) {
      let info: RepoInfo;
      try {
        info = this.toRepoInfo(namespace, project);
      } catch (error) {
        throw this.fail('listing projects of', undefined, error, true);
      }
      // A repeated id means pages overlapped or looped: the listing cannot be trusted.
      if (seen.has(info.id)) {
        throw new ListingError(`gitlab ${this.role}: listing projects of ${this.owner} returned ${info.path} twice`);
      }
      seen.add(info.id);
      result.push(info);
    }
    return result;
  }

  async getRepo(path: string): Promise<RepoInfo | undefined> {
    try {
      const namespace = await this.namespace();
      const project = (await this.api.Projects.show(`${namespace.fullPath}/${path}`)) as unknown as GitLabProject;
      return this.toRepoInfo(namespace, project);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.fail('reading', path, error);
    }
  }

  /** The id of the group `<owner>/<segments…>`, creating missing subgroups on the way (`POST /groups` with parent_id). */
  private async ensureSubgroups(namespace: Namespace, segments: string[], visibility: Visibility): Promise<number> {
    let parentId = namespace.id;
    let fullPath = namespace.fullPath;
    for (const segment of segments) {
      fullPath = `${fullPath}/${segment}`;
      try {
        const group = (await this.api.Groups.show(fullPath)) as unknown as GitLabGroup;
        parentId = group.id;
        continue;
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
      const created = (await this.api.Groups.create(segment, segment, {
        parentId,
        visibility,
      })) as unknown as GitLabGroup;
      parentId = created.id;
    }
    return parentId;
  }

  async createRepo(request: CreateRepoRequest): Promise<RepoInfo> {
    try {
      const namespace = await this.namespace();
      const segments = request.name.split('/').filter(Boolean);
      const leaf = segments.pop();
      if (!leaf) throw new HostError(`gitlab ${this.role}: cannot create a project with an empty name`);
      if (namespace.kind === 'user' && segments.length > 0) {
        throw new HostError(`gitlab ${this.role}: cannot create ${request.name}: users have no subgroups`);
      }
      const namespaceId =
        namespace.kind === 'group' ? await this.ensureSubgroups(namespace, segments, request.visibility) : undefined;
      const project = (await this.api.Projects.create({
        name: leaf,
        path: leaf,
        ...(namespaceId !== undefined ? { namespaceId } : {}),
        description: request.description,
        visibility: request.visibility,
        ...(request.defaultBranch ? { defaultBranch: request.defaultBranch } : {}),
        // A mirror collects no issues or wiki pages it could not keep; no README (the first push brings history).
        issuesAccessLevel: 'disabled',
        wikiAccessLevel: 'disabled',
        initializeWithReadme: false,
      })) as unknown as GitLabProject;
      return this.toRepoInfo(namespace, project);
    } catch (error) {
      throw this.fail('creating', request.name, error);
    }
  }

  /**
   * gitbeaker's `ProtectedBranches.protect` / `ProtectedTags.protect` send their fields as a query string; GitLab's
   * API description declares a JSON request body, so these two POSTs go through gitbeaker's requester with one.
   */
  private async postJson(path: string, body: Record<string, unknown>): Promise<void> {
    await this.api.ProtectedBranches.requester.post(path, { body });
  }

  /**
   * A fresh repository's tag rules are not read: GitLab adds none by itself (only the default branch is protected on
   * the first push, https://docs.gitlab.com/user/project/repository/branches/default/#protect-initial-default-branches).
   */
  private async protectedRules(
    repo: RepoInfo,
    fresh = false,
  ): Promise<{ branches: ProtectedBranch[]; tags: ProtectedTag[] }> {
    const branches = (await this.api.ProtectedBranches.all(repo.id, { perPage: 100 })) as unknown as ProtectedBranch[];
    const tags = fresh
      ? []
      : ((await this.api.ProtectedTags.all(repo.id, { perPage: 100 })) as unknown as ProtectedTag[]);
    return { branches, tags };
  }

  /** GitLab makes the branch the create answer named the default on the first push that writes it, and protects it. */
  firstPushDefault(repo: RepoInfo, push: FirstPush): string | undefined {
    const initial = repo.defaultBranch;
    return initial && push.singlePush && push.written.includes(`refs/heads/${initial}`) ? initial : undefined;
  }

  /**
   * `*` for branches (push, merge: No one; no force push) and tags (create: No one). When a ref matches several
   * rules GitLab grants the most permissive one, so any other rule that lets someone push (GitLab's automatic
   * default-branch protection allows Maintainers) is removed; rules as strict as ours are left alone.
   * https://docs.gitlab.com/user/project/repository/branches/protected/#when-a-branch-matches-multiple-rules
   */
  async protect(repo: RepoInfo, options: ProtectOptions = {}): Promise<boolean> {
    try {
      const initial = options.fresh ? options.initialDefaultBranch : undefined;
      // A fresh repository holds at most the rule GitLab put on the branch the first push made the default: when that
      // branch is known it is removed without reading the rules first (404: the group does not protect it).
      const { branches, tags } = initial ? { branches: [], tags: [] } : await this.protectedRules(repo, options.fresh);
      let wrote = false;
      for (const rule of branches) {
        if (branchLocked(rule)) continue;
        await this.api.ProtectedBranches.unprotect(repo.id, rule.name);
        wrote = true;
      }
      if (!branches.some((rule) => rule.name === WILDCARD && branchLocked(rule))) {
        await this.postJson(`projects/${encodeURIComponent(repo.id)}/protected_branches`, {
          name: WILDCARD,
          push_access_level: NO_ONE,
          merge_access_level: NO_ONE,
          allow_force_push: false,
        });
        wrote = true;
      }
      if (initial) {
        // After `*`: GitLab adds its initial protection in the background after the push, and only to a default
        // branch that no rule covers yet (ProtectDefaultBranchService#protect_branch?), so with `*` in place first a
        // late rule cannot appear after this removal.
        try {
          await this.api.ProtectedBranches.unprotect(repo.id, initial);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      }
      for (const rule of tags) {
        if (tagLocked(rule)) continue;
        await this.api.ProtectedTags.unprotect(repo.id, rule.name);
        wrote = true;
      }
      if (!tags.some((rule) => rule.name === WILDCARD && tagLocked(rule))) {
        await this.postJson(`projects/${encodeURIComponent(repo.id)}/protected_tags`, {
          name: WILDCARD,
          create_access_level: NO_ONE,
        });
        wrote = true;
      }
      return wrote;
    } catch (error) {
      throw this.fail('protecting', repo.path, error);
    }
  }

  /**
   * Remove every protected branch and tag rule, GitLab's automatic default-branch protection included (it forbids
   * force pushes even to Maintainers), so that the mirror's forced push goes through.
   */
  async unprotect(repo: RepoInfo): Promise<boolean> {
    try {
      const { branches, tags } = await this.protectedRules(repo);
      for (const rule of branches) await this.api.ProtectedBranches.unprotect(repo.id, rule.name);
      for (const rule of tags) await this.api.ProtectedTags.unprotect(repo.id, rule.name);
      return branches.length + tags.length > 0;
    } catch (error) {
      throw this.fail('unprotecting', repo.path, error);
    }
  }

  /** POST /projects/:id/archive: the project becomes read-only (pushes refused). https://docs.gitlab.com/api/projects/#archive-a-project */
  async archive(repo: RepoInfo): Promise<boolean> {
    if (repo.archived) return false;
    try {
      await this.api.Projects.archive(repo.id);
      repo.archived = true;
      return true;
    } catch (error) {
      throw this.fail('archiving', repo.path, error);
    }
  }

  /** POST /projects/:id/unarchive. */
  async unarchive(repo: RepoInfo): Promise<boolean> {
    if (!repo.archived) return false;
    try {
      await this.api.Projects.unarchive(repo.id);
      repo.archived = false;
      return true;
    } catch (error) {
      throw this.fail('unarchiving', repo.path, error);
    }
  }

  /**
   * A project's wiki takes pushes only while enabled. `enabled` gives it the project's own visibility; editing it
   * needs the Developer role whatever the level (a wiki has no protected branches).
   * https://docs.gitlab.com/api/projects/#edit-a-project
   */
  async enableWiki(repo: RepoInfo): Promise<boolean> {
    if (repo.wikiEnabled) return false;
    try {
      await this.api.Projects.edit(repo.id, { wikiAccessLevel: 'enabled' });
      return true;
    } catch (error) {
      throw this.fail('enabling the wiki of', repo.path, error);
    }
  }

  async setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    try {
      const current = repo.defaultBranch ?? (await this.getRepo(repo.path))?.defaultBranch;
      if (current === branch) return false;
      await this.api.Projects.edit(repo.id, { defaultBranch: branch });
      return true;
    } catch (error) {
      throw this.fail('setting the default branch of', repo.path, error);
    }
  }

  async setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    if (repo.visibility === visibility) return false;
    try {
      await this.api.Projects.edit(repo.id, { visibility });
      repo.visibility = visibility;
      return true;
    } catch (error) {
      throw this.fail('setting the visibility of', repo.path, error);
    }
  }

  /**
   * Group webhooks are a Premium feature and are not part of GitLab's (CE) REST description, so org-mirror installs
   * one hook per project. https://docs.gitlab.com/api/group_webhooks/
   */
  async supportsNamespaceHook(): Promise<boolean> {
    return false;
  }

  async installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    if (!repo) {
      throw new HostError(`gitlab ${this.role}: group webhooks are not supported; install one hook per project`);
    }
    const options = { pushEvents: true, tagPushEvents: true, token: hook.secret, enableSslVerification: true };
    try {
      const hooks = (await this.hooks.all(repo.id, { perPage: 100 })) as unknown as GitLabHook[];
      const existing = hooks.find((h) => h.url === hook.url);
      if (!existing) {
        await this.hooks.add(repo.id, hook.url, options);
        return 'created';
      }
      // The token cannot be read back, so an existing hook is always rewritten: a changed secret must take effect.
      await this.hooks.edit(repo.id, existing.id, hook.url, options);
      return 'updated';
    } catch (error) {
      throw this.fail('installing the push hook on', repo.path, error);
    }
  }
}
