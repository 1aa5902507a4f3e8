/**
 * The forge's GitHub Apps: installation lookup and installation tokens, with the JWT checked as GitHub checks it
 * (RS256 signature by the App's key, iss, iat, exp), answers validated against the official description, and tokens
 * that authenticate the API and git until they expire.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';
import { addGitHubApp, installGitHubApp, type GitHubApp } from './forge/hosts/github-apps.js';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(key: crypto.KeyObject | string, claims: Record<string, unknown>, alg = 'RS256'): string {
  const head = `${b64url({ alg, typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${crypto.sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

describe('github fake: GitHub Apps', () => {
  let forge: Forge;
  let app: GitHubApp;
  let installation: number;
  const now = () => Math.floor(Date.now() / 1000);
  const valid = () => jwt(app.privateKeyPem, { iat: now() - 30, exp: now() + 540, iss: app.id });

  const call = async (method: string, path: string, authorization: string) => {
    const res = await fetch(`${forge.apiUrl}${path}`, { method, headers: { authorization } });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  beforeAll(async () => {
    forge = await startForge({ type: 'github' });
    forge.addOrg('acme', { visibility: 'private' });
    forge.addRepo('acme', 'api', { defaultBranch: 'main', visibility: 'private' });
    forge.seed('acme', 'api', { branches: { main: ['a.txt'] } });
    forge.addOrg('other');
    app = addGitHubApp(forge, { id: 4242, slug: 'mirror', tokenTtlSeconds: (n) => (n === 2 ? 2 : 3600) });
    installation = installGitHubApp(forge, app, 'acme', 'read');
  });

  afterAll(async () => {
    await forge?.stop();
  });

  it('finds the installation of the App on an organization, with a valid JWT only', async () => {
    const found = await call('GET', '/orgs/acme/installation', `Bearer ${valid()}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: installation, app_id: 4242, target_type: 'Organization' });
    expect((await call('GET', '/orgs/other/installation', `Bearer ${valid()}`)).status).toBe(404);
    expect((await call('GET', '/users/acme/installation', `Bearer ${valid()}`)).status).toBe(404);
    expect(forge.violations).toEqual([]);
  });

  it('refuses a JWT signed by another key, for another App, too long-lived, expired, or from the future', async () => {
    const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const bad = [
      jwt(other, { iat: now() - 30, exp: now() + 540, iss: app.id }),
      jwt(app.privateKeyPem, { iat: now() - 30, exp: now() + 540, iss: 999 }),
      jwt(app.privateKeyPem, { iat: now() - 30, exp: now() + 900, iss: app.id }),
      jwt(app.privateKeyPem, { iat: now() - 700, exp: now() - 100, iss: app.id }),
      jwt(app.privateKeyPem, { iat: now() + 300, exp: now() + 600, iss: app.id }),
      jwt(app.privateKeyPem, { iat: now() - 30, exp: now() + 540, iss: app.id }, 'HS256'),
      'not-a-jwt',
    ];
    for (const token of bad) {
      expect((await call('POST', `/app/installations/${installation}/access_tokens`, `Bearer ${token}`)).status).toBe(
        401,
      );
    }
    // A personal token is not an App's JWT.
    expect((await call('GET', '/orgs/acme/installation', 'token ghp_whatever')).status).toBe(401);
    expect(app.tokens).toEqual([]);
  });

  it('makes installation tokens that work for the API and git until they expire, then never again', async () => {
    const first = await call('POST', `/app/installations/${installation}/access_tokens`, `Bearer ${valid()}`);
    expect(first.status).toBe(201);
    const token = first.body.token as string;
    expect(Date.parse(first.body.expires_at as string)).toBeGreaterThan(Date.now() + 3500_000);
    expect((await call('GET', '/repos/acme/api', `token ${token}`)).status).toBe(200);
    // An installation has no user behind it.
    expect((await call('GET', '/user', `token ${token}`)).status).toBe(403);
    const work = tempDir();
    const auth = { url: forge.url, token };
    expect((await gitAs(work, ['ls-remote', `${forge.url}/acme/api.git`], auth)).status).toBe(0);

    // The second token lives 2 s: wait for its expiry as the forge states it, then it is refused everywhere.
    const second = await call('POST', `/app/installations/${installation}/access_tokens`, `Bearer ${valid()}`);
    const short = second.body.token as string;
    const expiresAt = app.tokens[1].expiresAt;
    expect((await call('GET', '/repos/acme/api', `token ${short}`)).status).toBe(200);
    while (Date.now() <= expiresAt) await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 1));
    expect((await call('GET', '/repos/acme/api', `token ${short}`)).status).toBe(401);
    const git = await gitAs(work, ['ls-remote', `${forge.url}/acme/api.git`], { url: forge.url, token: short });
    expect(git.status).not.toBe(0);
    expect(forge.gitRequests.at(-1)?.status).toBe(401);
    expect((await call('POST', '/app/installations/999999/access_tokens', `Bearer ${valid()}`)).status).toBe(404);
    expect(forge.violations).toEqual([]);
  });
});
