/**
 * Gitea and Forgejo (Codeberg) adapter, both ways. The pieces live beside this file by concern: the API client and
 * paging (client.ts), listing (listing.ts), repository settings (repo-settings.ts), protection (protection.ts) and
 * webhooks (hooks.ts).
 */
import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import {
  HostError,
  type CreateRepoRequest,
  type Host,
  type HookRequest,
  type HookResult,
  type ProtectOptions,
  type ProtectionStrategy,
  type RepoInfo,
  type Visibility,
} from '../host.js';
import type { HttpClient, HttpClientOptions } from '../http-client.js';
import { GiteaApi, type HostRole } from './client.js';
import { installGiteaHook, supportsOrgHook } from './hooks.js';
import { listNamespaceRepos, readRepo } from './listing.js';
import { GiteaProtection } from './protection.js';
import {
  createOrgRepo,
  enableWiki,
  GITEA_VISIBILITIES,
  setArchived,
  setDefaultBranch,
  setVisibility,
} from './repo-settings.js';

export class GiteaHost implements Host {
  readonly type = 'gitea' as const;
  readonly owner: string;
  /**
   * Gitea: pushes and force-pushes go through the allow-lists, only a branch deletion needs the rule lifted. Forgejo
   * (no force-push allow-list in its branch rules): protection is lifted around every push, as on GitLab.
   */
  /** History refs: accepted with write access and advertised (its pre-receive check covers branches, tags, refs/for). */
  readonly historyRefs = 'refs' as const;

  get protectionStrategy(): ProtectionStrategy {
    return this.protection.forcePushAllowList === false ? 'lift' : 'lift-for-branch-deletion';
  }
  readonly visibilities: readonly Visibility[] = GITEA_VISIBILITIES;
  private readonly api: GiteaApi;
  private readonly protection: GiteaProtection;
  private mirrorLogin?: Promise<string>;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    clientOptions: Partial<HttpClientOptions> = {},
  ) {
    this.owner = endpoint.owner;
    this.api = new GiteaApi(endpoint, role, clientOptions);
    this.protection = new GiteaProtection(this.api, () => this.mirrorUser());
  }

  /** Exposed for tests and for the benchmark's request counting. */
  get http(): HttpClient {
    return this.api.http;
  }

  gitAuthHeader(): string | undefined {
    return this.api.gitAuthHeader();
  }

  async listRepos(): Promise<RepoInfo[]> {
    return (await listNamespaceRepos(this.api)).repos;
  }

  getRepo(path: string): Promise<RepoInfo | undefined> {
    return readRepo(this.api, path);
  }

  createRepo(request: CreateRepoRequest): Promise<RepoInfo> {
    return createOrgRepo(this.api, request);
  }

  protect(repo: RepoInfo, options?: ProtectOptions): Promise<boolean> {
    return this.protection.protect(repo, options);
  }

  unprotect(repo: RepoInfo): Promise<boolean> {
    return this.protection.unprotect(repo);
  }

  archive(repo: RepoInfo): Promise<boolean> {
    return setArchived(this.api, repo, true);
  }

  unarchive(repo: RepoInfo): Promise<boolean> {
    return setArchived(this.api, repo, false);
  }

  enableWiki(repo: RepoInfo): Promise<boolean> {
    return enableWiki(this.api, repo);
  }

  setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    return setDefaultBranch(this.api, repo, branch);
  }

  setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    return setVisibility(this.api, repo, visibility);
  }

  installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    return installGiteaHook(this.api, repo, hook);
  }

  supportsNamespaceHook(): Promise<boolean> {
    return supportsOrgHook(this.api);
  }

  /** The login of the token's user (`GET /user`), whom the protection rules allow; read once. */
  private mirrorUser(): Promise<string> {
    this.mirrorLogin ??= this.api.http.request<{ login?: string }>('GET', '/user').then((response) => {
      const login = response.data?.login;
      if (!login) throw new HostError(`gitea ${this.role}: GET /user names no login for the token's user`);
      return login;
    });
    this.mirrorLogin.catch(() => (this.mirrorLogin = undefined));
    return this.mirrorLogin;
  }
}
