/** The GitLab adapter: the Host interface composed of the client and one module per concern. */
import type { EndpointSettings, TargetSettings } from '../../settings/settings.js';
import type { Runtime } from '../../runtime/runtime.js';
import type {
  CreateRepoRequest,
  FirstPush,
  HostRole,
  Host,
  HookRequest,
  HookResult,
  ProtectOptions,
  RepoInfo,
  Visibility,
} from '../host.js';
import { GitLabClient, type GitLabHostOptions } from './client.js';
import { installHook } from './hooks.js';
import { getRepo, listRepos } from './listing.js';
import { protect, unprotect } from './protection.js';
import { createRepo, enableWiki, setArchived, setDefaultBranch, setVisibility } from './repo-settings.js';

export class GitLabHost implements Host {
  readonly type = 'gitlab' as const;
  readonly owner: string;
  /** GitLab has no bypass for a protected branch's "No one": protection is lifted around the mirror's push. */
  readonly protectionStrategy = 'lift' as const;
  /** History refs: accepts and advertises them (only its internal namespaces are hidden, gitaly!3426). */
  readonly historyRefs = 'refs' as const;
  readonly visibilities: readonly Visibility[] = ['private', 'internal', 'public'];
  private readonly client: GitLabClient;

  constructor(
    endpoint: EndpointSettings | TargetSettings,
    readonly role: HostRole,
    runtime?: Runtime,
    options: GitLabHostOptions = {},
  ) {
    this.client = new GitLabClient(endpoint, role, runtime, options);
    this.owner = this.client.owner;
  }

  gitAuthHeader(): string | undefined {
    // GitLab accepts a token as the password of the user `oauth2` over HTTPS.
    const token = this.client.token;
    if (!token) return undefined;
    return `Authorization: Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}`;
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

  /** GitLab makes the branch the create answer named the default on the first push that writes it, and protects it. */
  firstPushDefault(repo: RepoInfo, push: FirstPush): string | undefined {
    const initial = repo.defaultBranch;
    return initial && push.singlePush && push.written.includes(`refs/heads/${initial}`) ? initial : undefined;
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

  enableWiki(repo: RepoInfo): Promise<boolean> {
    return enableWiki(this.client, repo);
  }

  setDefaultBranch(repo: RepoInfo, branch: string): Promise<boolean> {
    return setDefaultBranch(this.client, repo, branch);
  }

  setVisibility(repo: RepoInfo, visibility: Visibility): Promise<boolean> {
    return setVisibility(this.client, repo, visibility);
  }

  /**
   * Group webhooks are a Premium feature and are not part of GitLab's (CE) REST description, so org-mirror installs
   * one hook per project. https://docs.gitlab.com/api/group_webhooks/
   */
  async supportsNamespaceHook(): Promise<boolean> {
    return false;
  }

  installHook(repo: RepoInfo | undefined, hook: HookRequest): Promise<HookResult> {
    return installHook(this.client, repo, hook);
  }
}
