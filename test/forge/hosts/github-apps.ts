/**
 * GitHub Apps on the fake GitHub: the endpoints an App uses to authenticate, checked as GitHub checks them.
 *
 * - `GET /orgs/{org}/installation`, `GET /users/{username}/installation`: the App's installation on an account, with
 *   the App's JWT (https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app).
 * - `POST /app/installations/{installation_id}/access_tokens`: an installation token with `expires_at`
 *   (https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app).
 *
 * The JWT must be RS256-signed with the App's key, `iss` the App id, `iat` not in the future and `exp` in the future
 * but at most 10 minutes after `iat` (https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app).
 * An installation acts as the bot user `<slug>[bot]` (`appId` set, so rulesets can name it as an `Integration` actor),
 * with the role it was given on the account; its tokens stop working at `expires_at` for the API and for git alike.
 */
import crypto, { type KeyObject } from 'node:crypto';
import type { ApiContext, ApiResponse, ForgeState, ForgeUser, Namespace, Role } from '../types.js';

const DOCS = 'https://docs.github.com/rest/apps/apps';

export interface GitHubAppOptions {
  /** Numeric App id (`iss` of the JWT, `Integration` actor id). */
  id: number;
  slug: string;
  /** Token lifetime in seconds for the n-th token (1-based) this App issues; default 3600, as on GitHub. */
  tokenTtlSeconds?: (n: number) => number;
  /**
   * Hold the answer to the first API request for which `when` is true (authorised on arrival) until the App's first
   * token has expired: whatever the client did before, everything after runs past that expiry, deterministically.
   */
  holdUntilFirstTokenExpired?: (request: { method: string; path: string }) => boolean;
}

export interface GitHubApp extends Required<Omit<GitHubAppOptions, 'holdUntilFirstTokenExpired'>> {
  holdUntilFirstTokenExpired?: GitHubAppOptions['holdUntilFirstTokenExpired'];
  /** Whether the hold happened (it happens once). */
  held: boolean;
  /** The App's private key, PEM (PKCS#1, as GitHub's "Generate a private key" downloads it). */
  privateKeyPem: string;
  publicKey: KeyObject;
  /** Every token issued, in order. */
  tokens: { token: string; installationId: number; expiresAt: number }[];
  /** Every JWT presented, valid or not, with the outcome (for tests). */
  jwts: { token: string; ok: boolean }[];
}

interface Installation {
  id: number;
  app: GitHubApp;
  account: Namespace;
  bot: ForgeUser;
  createdAt: string;
}

interface AppRegistry {
  apps: Map<number, GitHubApp>;
  installations: Map<number, Installation>;
}

const registries = new WeakMap<ForgeState, AppRegistry>();

function registry(forge: ForgeState): AppRegistry {
  let found = registries.get(forge);
  if (!found) registries.set(forge, (found = { apps: new Map(), installations: new Map() }));
  return found;
}

/** Register a GitHub App (with a fresh RSA key) on a fake GitHub. */
export function addGitHubApp(forge: ForgeState, options: GitHubAppOptions): GitHubApp {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const app: GitHubApp = {
    id: options.id,
    slug: options.slug,
    tokenTtlSeconds: options.tokenTtlSeconds ?? (() => 3600),
    holdUntilFirstTokenExpired: options.holdUntilFirstTokenExpired,
    held: false,
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey,
    tokens: [],
    jwts: [],
  };
  registry(forge).apps.set(app.id, app);
  return app;
}

/** Install an App on an org or user account, with `role` on that account (admin to manage rulesets). */
export function installGitHubApp(
  forge: ForgeState & { addUser(user: { username: string; token: string; appId?: number }): ForgeUser },
  app: GitHubApp,
  account: string,
  role: Role,
): number {
  const ns = forge.namespaces.get(account.toLowerCase());
  if (!ns) throw new Error(`forge: no account ${account}`);
  const username = `${app.slug}[bot]`;
  const bot =
    forge.users.get(username.toLowerCase()) ??
    // The bot has no token of its own: only installation tokens authenticate it.
    forge.addUser({ username, token: `unusable-${crypto.randomBytes(16).toString('hex')}`, appId: app.id });
  ns.members.set(username, role);
  const id = forge.nextId();
  registry(forge).installations.set(id, { id, app, account: ns, bot, createdAt: forge.now() });
  return id;
}

const fail = (status: number, message: string): ApiResponse => ({
  status,
  body: { message, documentation_url: DOCS, status: String(status) },
});

function base64url(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** The App a JWT proves, or the 401 GitHub answers. */
function verifyJwt(forge: ForgeState, header: string | undefined): GitHubApp | ApiResponse {
  const match = /^bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return fail(401, 'A JSON web token could not be decoded');
  const jwt = match[1];
  const parts = jwt.split('.');
  let claims: { iat?: unknown; exp?: unknown; iss?: unknown };
  let alg: unknown;
  try {
    if (parts.length !== 3) throw new Error('parts');
    alg = (JSON.parse(base64url(parts[0]).toString()) as { alg?: unknown }).alg;
    claims = JSON.parse(base64url(parts[1]).toString()) as typeof claims;
  } catch {
    return fail(401, 'A JSON web token could not be decoded');
  }
  const app = registry(forge).apps.get(Number(claims.iss));
  const note = (ok: boolean) => app?.jwts.push({ token: jwt, ok });
  if (!app || alg !== 'RS256') {
    note(false);
    return fail(401, 'A JSON web token could not be decoded');
  }
  const signed = crypto.verify(
    'RSA-SHA256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    app.publicKey,
    base64url(parts[2]),
  );
  if (!signed) {
    note(false);
    return fail(401, 'A JSON web token could not be decoded');
  }
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > now + 60) {
    note(false);
    return fail(
      401,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.",
    );
  }
  if (typeof exp !== 'number' || exp <= now) {
    note(false);
    return fail(
      401,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.",
    );
  }
  if (exp - iat > 600) {
    note(false);
    return fail(401, "'Expiration time' claim ('exp') is too far in the future.");
  }
  note(true);
  return app;
}

/** Serves the App endpoints; `undefined` for any other request. */
export function createGitHubApps(forge: ForgeState, accountObject: (ns: Namespace) => unknown) {
  const api = () => forge.apiUrl;
  const permissions = (inst: Installation) => {
    const admin = inst.account.members.get(inst.bot.username) === 'admin';
    return {
      metadata: 'read',
      contents: admin ? 'write' : 'read',
      ...(admin ? { administration: 'write' } : {}),
      ...(inst.account.kind === 'org' ? { organization_hooks: 'write' } : {}),
    } as Record<string, string>;
  };

  const installationObject = (inst: Installation) => ({
    id: inst.id,
    account: accountObject(inst.account),
    repository_selection: 'all',
    access_tokens_url: `${api()}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${api()}/installation/repositories`,
    html_url: `${forge.url}/organizations/${inst.account.path}/settings/installations/${inst.id}`,
    app_id: inst.app.id,
    app_slug: inst.app.slug,
    target_id: inst.account.id,
    target_type: inst.account.kind === 'org' ? 'Organization' : 'User',
    permissions: permissions(inst),
    events: [],
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  });

  const installationOf = (app: GitHubApp, account: string, kind: Namespace['kind']): ApiResponse => {
    for (const inst of registry(forge).installations.values()) {
      if (inst.app === app && inst.account.kind === kind && inst.account.path.toLowerCase() === account.toLowerCase()) {
        return { status: 200, body: installationObject(inst) };
      }
    }
    return fail(404, 'Not Found');
  };

  const createToken = (app: GitHubApp, installationId: string): ApiResponse => {
    const inst = registry(forge).installations.get(Number(installationId));
    if (!inst || inst.app !== app) return fail(404, 'Not Found');
    const token = `ghs_${crypto.randomBytes(18).toString('base64url')}`;
    const expiresAt = Date.now() + app.tokenTtlSeconds(app.tokens.length + 1) * 1000;
    app.tokens.push({ token, installationId: inst.id, expiresAt });
    forge.issueToken(inst.bot, token, expiresAt);
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        permissions: permissions(inst),
        repository_selection: 'all',
      },
    };
  };

  return {
    handle(ctx: ApiContext): ApiResponse | undefined {
      const { method, subPath } = ctx.req;
      const org = /^\/orgs\/([^/]+)\/installation$/.exec(subPath);
      const user = /^\/users\/([^/]+)\/installation$/.exec(subPath);
      const tokens = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(subPath);
      if (!(method === 'GET' && (org || user)) && !(method === 'POST' && tokens)) return undefined;
      const app = verifyJwt(forge, ctx.req.headers.authorization);
      if ('status' in app) return app;
      if (tokens) return createToken(app, tokens[1]);
      return org
        ? installationOf(app, decodeURIComponent(org[1]), 'org')
        : installationOf(app, decodeURIComponent(user![1]), 'user');
    },

    /** The installation an installation token was made for (its listing is that installation's repositories). */
    installationForToken(authorization: string | undefined): Installation | undefined {
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      for (const app of registry(forge).apps.values()) {
        const issued = app.tokens.find((t) => t.token === token);
        if (issued) return registry(forge).installations.get(issued.installationId);
      }
      return undefined;
    },

    /** Wait, if asked, until an App's first token has expired (see `holdUntilFirstTokenExpired`). */
    async hold(ctx: ApiContext): Promise<void> {
      for (const app of registry(forge).apps.values()) {
        const when = app.holdUntilFirstTokenExpired;
        const first = app.tokens[0];
        if (app.held || !when || !first || !when({ method: ctx.req.method, path: ctx.req.subPath })) continue;
        app.held = true;
        while (Date.now() <= first.expiresAt) {
          await new Promise((resolve) => setTimeout(resolve, first.expiresAt - Date.now() + 1));
        }
      }
    },
  };
}
