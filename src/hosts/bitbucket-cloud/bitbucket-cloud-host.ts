/** The Bitbucket Cloud adapter: the Host interface composed of the API and one module per concern. */
import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import type {
  CreateRepoRequest,
  HostRole,
  Host,
  HookRequest,
  HookResult,
  ProtectOptions,
  RepoInfo,
  Visibility,
} from '../host.js';
import type { HttpClient, HttpClientOptions } from '../http-client.js';
import { withOrphanMark, withoutOrphanMark } from '../orphan-mark.js';
import { BitbucketCloudApi } from './client.js';
import { installHook, supportsNamespaceHook } from './hooks.js';
import { getRepo, listRepos } from './listing.js';
import { protect, unprotect } from './protection.js';
import { createRepo, setDefaultBranch, setDescription, setVisibility } from './repo-settings.js';

export class BitbucketCloudHost implements Host {
  readonly type = 'bitbucket-cloud' as const;
  readonly owner: string;
  readonly protectionStrategy = 'exempt' as const;
  /**
   * History refs: refs outside heads/tags are not documented as accepted or kept: protected tags instead
   * (docs/history.md).
   */
  readonly historyRefs = 'tags' as const;
  readonly visibilities: readonly Visibility[] = ['private', 'public'];
  private readonly api: BitbucketCloudApi;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    clientOptions: Partial<HttpClientOptions> = {},
  ) {
    this.api = new BitbucketCloudApi(endpoint, role, clientOptions);
    this.owner = this.api.owner;
  }

  /** The core API client, for tests. */
  get http(): HttpClient {
    return this.api.http;
  }

  gitAuthHeader(): string | undefined {
    return this.api.gitAuthorization ? `Authorization: ${this.api.gitAuthorization}` : undefined;
  }

  listRepos(): Promise<RepoInfo[]> {
    return listRepos(this.api);
  }

  getRepo(path: string): Promise<RepoInfo | undefined> {
    return getRepo(this.api, path);
  }

  createRepo(request: CreateRepoRequest): Promise<RepoInfo> {
    return createRepo(this.api, request);
  }

  protect(repo: RepoInfo, options?: ProtectOptions): Promise<boolean> {
    return protect(this.api, repo, options);
  }

  unprotect(repo: RepoInfo): Promise<boolean> {
    return unprotect(this.api, repo);
  }

  /** No archive in the API: the description gets the `(orphaned on <date>)` mark (orphan-mark.ts), protection stays. */
  archive(repo: RepoInfo, date: string): Promise<boolean> {
    return setDescription(this.api, repo, withOrphanMark(repo.description, date));
  }

  unarchive(repo: RepoInfo): Promise<boolean> {
    return setDescription(this.api, repo, withoutOrphanMark(repo.description));
  }

  setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    return setDefaultBranch(this.api, repo, branch);
  }

  setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    return setVisibility(this.api, repo, visibility);
  }

  installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    return installHook(this.api, repo, hook);
  }

  supportsNamespaceHook(): Promise<boolean> {
    return supportsNamespaceHook(this.api);
  }
}
