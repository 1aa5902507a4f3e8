import { createAppAuth } from '@octokit/auth-app';
import type { Octokit } from '@octokit/core';
import type { GitHubAppSettings } from '../../settings/settings.js';
import { HostError } from '../host.js';

/**
 * Whether a token made at `createdAt` and valid until `expiresAt` must be replaced now: once less than half its
 * lifetime remains (30 minutes of GitHub's one hour, 1.5 s of a 3-second test token). Every git command and request
 * therefore starts with at least half a lifetime ahead of it, however long the tokens live, instead of a fixed margin
 * that a long transfer (the first clone of a large repository) outlasts; a transfer refused all the same is retried
 * once with a new token.
 */
export function refreshDue(createdAt: string, expiresAt: string, now = Date.now()): boolean {
  const expires = Date.parse(expiresAt);
  if (!Number.isFinite(expires)) return true;
  const created = Date.parse(createdAt);
  const lifetime = Number.isFinite(created) ? Math.max(0, expires - created) : 0;
  return expires - now <= lifetime / 2;
}

/**
 * @octokit/auth-app's token cache, keyed as the library keys it, whose entries go stale when `refreshDue` says so
 * (the library's own cache keeps a token 59 minutes, whatever its `expires_at`). Each value is
 * `token|createdAt|expiresAt|…` (the library's format).
 */
export class ExpiringTokenCache {
  private readonly entries = new Map<string, string>();

  /** `onNewToken` sees every token the library makes, whichever path made it (to mask it at once). */
  constructor(private readonly onNewToken: (token: string) => void = () => undefined) {}

  /** The entry, or '' for none (the library takes any falsy value as a miss). */
  get(key: string): string {
    const value = this.entries.get(key);
    if (value === undefined) return '';
    const [, createdAt = '', expiresAt = ''] = value.split('|');
    if (!refreshDue(createdAt, expiresAt)) return value;
    this.entries.delete(key);
    return '';
  }

  set(key: string, value: string): void {
    const [token] = value.split('|');
    if (token) this.onNewToken(token);
    this.entries.set(key, value);
  }

  /** Forget every token: the next request or git command gets a new one (a token was refused before its expiry). */
  clear(): void {
    this.entries.clear();
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

type AuthHook = ReturnType<typeof createAppAuth>['hook'];

/**
 * The installation tokens of one GitHub App on one owner, all made by @octokit/auth-app and kept in one
 * `ExpiringTokenCache`, so that a token is replaced once its renewal is due. `appOctokit` is an Octokit with auth-app
 * as its auth strategy, for the App's own requests (JWT: installation lookup, token creation). `hook` authenticates
 * the API client's requests (the library's request hook, with its retry of a 401 right after a token was made);
 * `token()` gives git a token valid for a while yet.
 */
export class GitHubAppTokens {
  private installationId?: Promise<number>;
  private installationHook?: Promise<AuthHook>;

  constructor(
    private readonly app: GitHubAppSettings,
    private readonly owner: string,
    private readonly role: string,
    private readonly appOctokit: Octokit,
    private readonly cache: ExpiringTokenCache,
  ) {}

  /** The next `token()` or request makes a new installation token (the current one was refused). */
  renew(): void {
    this.cache.clear();
  }

  async token(): Promise<string> {
    const installationId = await this.installation();
    try {
      const { token } = (await this.appOctokit.auth({ type: 'installation', installationId })) as { token: string };
      return token;
    } catch (error) {
      throw this.failure(`creating an installation token (installation ${installationId})`, error);
    }
  }

  /** For `octokit.hook.wrap('request', …)`: the request sent with a current installation token. */
  async hook(...args: Parameters<AuthHook>): ReturnType<AuthHook> {
    this.installationHook ??= this.installation().then(
      (installationId) =>
        createAppAuth({
          appId: this.app.appId,
          privateKey: this.app.privateKey,
          installationId,
          cache: this.cache,
          request: this.appOctokit.request,
        }).hook,
    );
    const hook = await this.installationHook;
    return hook(...args);
  }

  /** The installation id given, or the App's installation on the owner (an organization, else a user). */
  private installation(): Promise<number> {
    this.installationId ??= this.app.installationId
      ? Promise.resolve(this.app.installationId)
      : this.lookUpInstallation();
    return this.installationId;
  }

  private async lookUpInstallation(): Promise<number> {
    try {
      const { data } = await this.appOctokit.request('GET /orgs/{org}/installation', { org: this.owner });
      return data.id;
    } catch (error) {
      if (statusOf(error) !== 404) throw this.failure(`looking up its installation on ${this.owner}`, error);
    }
    try {
      const { data } = await this.appOctokit.request('GET /users/{username}/installation', { username: this.owner });
      return data.id;
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new HostError(
          `github ${this.role}: GitHub App ${this.app.appId} is not installed on ${this.owner}: install it there, or set ${this.role}-app-installation-id`,
          { status: 404, kind: 'not-found' },
        );
      }
      throw this.failure(`looking up its installation on ${this.owner}`, error);
    }
  }

  /** A short message: status only (401: the id or the key is wrong), never a response body or a token. */
  private failure(what: string, error: unknown): HostError {
    const status = statusOf(error);
    const hint = status === 401 ? ' (wrong App id or private key, or a clock far off?)' : '';
    const reason = status ? `HTTP ${status}${hint}` : error instanceof Error ? error.message.slice(0, 200) : 'failed';
    const kind = error instanceof HostError ? error.kind : undefined;
    return new HostError(`github ${this.role}: GitHub App ${this.app.appId}: ${what} failed: ${reason}`, {
      status,
      kind,
    });
  }
}
