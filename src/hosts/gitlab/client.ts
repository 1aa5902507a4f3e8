/**
 * What the GitLab adapter's parts share: the gitbeaker clients (with the one retry policy in their requester), the
 * owner namespace, and how a failure becomes a typed, token-free HostError.
 */
import { Groups, ProjectHooks, Projects, ProtectedBranches, ProtectedTags, Users } from '@gitbeaker/rest';

import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import type { Runtime } from '../../runtime/runtime.js';
import { HostError, ListingError } from '../host.js';
import { useProxyFromEnvironment } from '../proxy.js';
import { retryLimits, type RetryLimits, type RetrySleep } from '../retry-policy.js';
import { createGitLabRequester, requesterReasons } from './requester.js';

import type { HostRole } from '../host.js';

export interface GitLabHostOptions {
  /** Bound on one whole gitbeaker call in ms, all pages and retries included (default 30 min). */
  queryTimeout?: number;
  /** Bounds of the retry policy; default `DEFAULT_RETRY_LIMITS`. */
  retry?: Partial<RetryLimits>;
  /** Time limit of one attempt; default `requestTimeoutMs()` (MIRROR_REQUEST_TIMEOUT or 60 s). */
  timeoutMs?: number;
  /** How the policy's waits are spent; default `sleepScaled` (tests record them instead). */
  sleep?: RetrySleep;
}

export interface GitLabGroup {
  id: number;
  full_path: string;
}

/**
 * The gitbeaker resources the adapter uses, shaped as on a `Gitlab` instance (`api.Projects.show(…)`), each built on
 * its own: `new Gitlab()` builds all of gitbeaker's resources (about 190, each with its requester and rate limiters).
 */
export interface GitLabApi {
  Groups: Groups;
  Projects: Projects;
  ProtectedBranches: ProtectedBranches;
  ProtectedTags: ProtectedTags;
  Users: Users;
}

export type Namespace =
  { kind: 'group'; id: number; fullPath: string } | { kind: 'user'; id: number; fullPath: string };

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
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

export class GitLabClient {
  readonly owner: string;
  readonly api: GitLabApi;
  readonly hooks: ProjectHooks;
  readonly token: string | undefined;
  private namespacePromise?: Promise<Namespace>;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    readonly runtime?: Runtime,
    options: GitLabHostOptions = {},
  ) {
    this.owner = endpoint.owner.replace(/^\/+|\/+$/g, '');
    this.token = endpoint.token || undefined;
    useProxyFromEnvironment();
    // gitbeaker spaces requests with its rate limiters; retries are the policy's (requester.ts).
    const { host, prefixUrl } = gitbeakerBase(endpoint.apiUrl);
    const common = {
      host,
      ...(this.token ? { token: this.token } : {}),
      // Bounds a whole call (every page of a listing, retries included); each attempt has its own time limit.
      queryTimeout: options.queryTimeout ?? 30 * 60_000,
      requesterFn: createGitLabRequester(retryLimits(options.retry), options.timeoutMs, options.sleep),
    };
    const resourceOptions = { ...common, ...(prefixUrl ? { prefixUrl } : {}) };
    this.api = {
      Groups: new Groups(resourceOptions),
      Projects: new Projects(resourceOptions),
      ProtectedBranches: new ProtectedBranches(resourceOptions),
      ProtectedTags: new ProtectedTags(resourceOptions),
      Users: new Users(resourceOptions),
    };
    // Hook resources carry their own prefixUrl (`projects`), which a shared one would replace: build them apart.
    this.hooks = new ProjectHooks({ ...common, ...(prefixUrl ? { prefixUrl: `${prefixUrl}/projects` } : {}) });
  }

  /** A short, token-free error naming host, role, operation and repository; kind and status kept. */
  fail(operation: string, repo: string | undefined, error: unknown, listing = false): HostError {
    if (error instanceof ListingError) return error;
    const where = repo ? ` ${this.owner}/${repo}` : ` ${this.owner}`;
    const reason = error instanceof HostError ? requesterReasons.get(error) : undefined;
    if (error instanceof HostError && reason !== undefined) {
      const message = `gitlab ${this.role}: ${operation}${where} failed: ${this.redact(reason)}`;
      return listing ? ListingError.from(message, error) : HostError.wrap(message, error);
    }
    if (error instanceof HostError) {
      // The adapter's own refusal, or a malformed answer or pagination loop found by the requester: kept, as a
      // listing failure there.
      if (!listing) return error;
      return ListingError.from(
        `${error.message.replace(/^gitlab: /, `gitlab ${this.role}: `)} (${operation}${where})`,
        error,
      );
    }
    // Anything else is an answer the adapter did not understand (a malformed entry) or a bug.
    const message = `gitlab ${this.role}: ${operation}${where} failed: ${this.redact(error instanceof Error ? error.message : String(error))}`;
    return listing ? new ListingError(message) : new HostError(message);
  }

  private redact(text: string): string {
    let reason = text.slice(0, 300);
    if (this.token) {
      const basic = Buffer.from(`oauth2:${this.token}`).toString('base64');
      for (const secret of [basic, this.token]) reason = reason.split(secret).join('***');
    }
    return reason;
  }

  /** The owner as a group (looked up once) or, when no such group exists, as a user. */
  namespace(): Promise<Namespace> {
    this.namespacePromise ??= this.lookUpNamespace();
    // A failed lookup must not stay cached as the answer for the rest of the run.
    this.namespacePromise.catch(() => (this.namespacePromise = undefined));
    return this.namespacePromise;
  }

  private async lookUpNamespace(): Promise<Namespace> {
    try {
      const group = (await this.api.Groups.show(this.owner)) as unknown as GitLabGroup;
      return { kind: 'group', id: group.id, fullPath: group.full_path };
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    const users = (await this.api.Users.all({ username: this.owner })) as unknown as { id: number; username: string }[];
    const user = users.find((u) => u.username.toLowerCase() === this.owner.toLowerCase());
    if (!user) throw new HostError(`gitlab ${this.role}: no group or user named ${this.owner}`, { status: 404 });
    return { kind: 'user', id: user.id, fullPath: user.username };
  }
}
