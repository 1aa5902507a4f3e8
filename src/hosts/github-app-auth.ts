import type { Octokit } from '@octokit/core';
import type { GitHubAppSettings } from '../settings/settings.js';
import { HostError } from './host.js';

/** Refresh an installation token this long before it expires (GitHub's last one hour). */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Whether a token made at `createdAt` and valid until `expiresAt` must be replaced now: within the margin of its expiry
 * (at most half its lifetime, for short-lived tokens), so that no git command or request starts with a token about to
 * expire.
 */
export function refreshDue(createdAt: string, expiresAt: string, now = Date.now()): boolean {
  const expires = Date.parse(expiresAt);
  if (!Number.isFinite(expires)) return true;
  const created = Date.parse(createdAt);
  const lifetime = Number.isFinite(created) ? Math.max(0, expires - created) : 0;
  return expires - now <= Math.min(REFRESH_MARGIN_MS, lifetime / 2);
}

/**
 * @octokit/auth-app's token cache, keyed as the library keys it, whose entries go stale when `refreshDue` says so
 * (the library's own cache keeps a token 59 minutes, whatever its `expires_at`). Each value is
 * `token|createdAt|expiresAt|…` (the library's format).
 */
export class ExpiringTokenCache {
  private readonly entries = new Map<string, string>();

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    const [, createdAt = '', expiresAt = ''] = value.split('|');
    if (!refreshDue(createdAt, expiresAt)) return value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The installation tokens of one GitHub App on one owner. `appOctokit` is an Octokit with @octokit/auth-app as its
 * auth strategy: it signs the App's JWT (installation lookup, token creation) and caches installation tokens in an
 * `ExpiringTokenCache`, so every `token()` call answers a token valid for a while yet, making a new one when due.
 */
export class GitHubAppTokens {
  private installationId?: Promise<number>;
  private readonly seen = new Set<string>();

  constructor(
    private readonly app: GitHubAppSettings,
    private readonly owner: string,
    private readonly role: string,
    private readonly appOctokit: Octokit,
    /** Called once per new token (to mask it). */
    private readonly onNewToken: (token: string) => void,
  ) {}

  async token(): Promise<string> {
    const installationId = await this.installation();
    let token: string;
    try {
      ({ token } = (await this.appOctokit.auth({ type: 'installation', installationId })) as { token: string });
    } catch (error) {
      throw this.failure(`creating an installation token (installation ${installationId})`, error);
    }
    if (!this.seen.has(token)) {
      this.seen.add(token);
      this.onNewToken(token);
    }
    return token;
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
          404,
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
    return new HostError(`github ${this.role}: GitHub App ${this.app.appId}: ${what} failed: ${reason}`, status);
  }
}
