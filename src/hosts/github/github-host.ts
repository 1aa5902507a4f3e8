/** The GitHub adapter: the Host interface composed of the client and one module per concern. */
import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import type { Runtime } from '../../runtime/runtime.js';
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
import { GitHubClient, type GitHubHostOptions } from './client.js';
import { installHook, supportsNamespaceHook } from './hooks.js';
import { getRepo, listRepos } from './listing.js';
import { protect, unprotect } from './protection.js';
import { createRepo, setArchived, setDefaultBranch, setVisibility } from './repo-settings.js';

export class GitHubHost implements Host {
  readonly type = 'github' as const;
  readonly owner: string;
  readonly protectionStrategy = 'exempt' as const;
  /** History refs: accepts and advertises refs outside heads/tags (only refs/pull/* is read-only). */
  readonly historyRefs = 'refs' as const;
  readonly visibilities: readonly Visibility[] = ['private', 'public'];
  private readonly client: GitHubClient;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    runtime?: Runtime,
    options: GitHubHostOptions = {},
  ) {
    this.client = new GitHubClient(endpoint, role, runtime, options);
    this.owner = this.client.owner;
  }

  /** Asked before each git command: an App installation token is renewed here when its renewal is due. */
  gitAuthHeader(): Promise<string | undefined> {
    return this.client.gitAuthHeader();
  }

  renewGitAuth(header: string, refused: boolean): Promise<string | undefined> {
    return this.client.renewGitAuth(header, refused);
  }

  listRepos(): Promise<RepoInfo[]> {
    return listRepos(this.client);
  }

  getRepo(path: string): Promise<RepoInfo | undefined> {
    return getRepo(this.client, path);
  }

  createRepo(request: CreateRepoRequest): Promise<RepoInfo> {
    return createRepo(this.client, request);
  }

  protect(repo: RepoInfo, options?: ProtectOptions): Promise<boolean> {
    return protect(this.client, repo, options);
  }

  unprotect(repo: RepoInfo): Promise<boolean> {
    return unprotect(this.client, repo);
  }

  archive(repo: RepoInfo): Promise<boolean> {
    return setArchived(this.client, repo, true);
  }

  unarchive(repo: RepoInfo): Promise<boolean> {
    return setArchived(this.client, repo, false);
  }

  setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    return setDefaultBranch(this.client, repo, branch);
  }

  setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    return setVisibility(this.client, repo, visibility);
  }

  supportsNamespaceHook(): Promise<boolean> {
    return supportsNamespaceHook(this.client);
  }

  installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    return installHook(this.client, repo, hook);
  }
}
