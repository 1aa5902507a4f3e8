/**
 * GitHub App authentication end to end, through the bundled CLI: a GitHub organization mirrored into another GitHub
 * server, both sides authenticated as GitHub App installations (JWT signed with the App's key, installation looked up
 * or given, installation tokens for the API and for git). The forge issues short-lived tokens to show a token that
 * expires during the run being replaced, and the App's key and tokens are looked for everywhere they must not be.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startForge, type Forge } from './forge/forge.js';
import { gitAs } from './forge/git-client.js';
import { addGitHubApp, installGitHubApp, type GitHubApp } from './forge/hosts/github-apps.js';
import { listRefs } from './forge/seed.js';
import { filesContaining, gitSpy, runCli, tempDir, textContains, type CliRun, type GitSpy } from './support/cli.js';

const ADMIN_TOKEN = 'ghp_TargetOrgAdmin0123456789abcdefABCD';
const SOURCE_APP_ID = 101;
const TARGET_APP_ID = 202;
const REPOS = ['api', 'web', 'docs'];

interface Ruleset {
  name: string;
  bypass_actors: { actor_type: string; actor_id: number | null }[];
}

describe('GitHub App authentication', () => {
  let source: Forge;
  let target: Forge;
  let sourceApp: GitHubApp;
  let targetApp: GitHubApp;
  let targetInstallation: number;
  let work: string;
  let spy: GitSpy;
  const outputs: string[] = [];

  /** Both sides as Apps: the source key as base64 (as a GitLab masked variable holds it), the target key as PEM. */
  const env = (targetOwner: string, extra: Record<string, string> = {}): Record<string, string> => ({
    MIRROR_SOURCE_TYPE: 'github',
    MIRROR_SOURCE_URL: source.url,
    MIRROR_SOURCE_OWNER: 'acme',
    MIRROR_SOURCE_APP_ID: String(SOURCE_APP_ID),
    MIRROR_SOURCE_APP_PRIVATE_KEY: Buffer.from(sourceApp.privateKeyPem).toString('base64'),
    MIRROR_TARGET_TYPE: 'github',
    MIRROR_TARGET_URL: target.url,
    MIRROR_TARGET_OWNER: targetOwner,
    MIRROR_TARGET_APP_ID: String(TARGET_APP_ID),
    MIRROR_TARGET_APP_PRIVATE_KEY: targetApp.privateKeyPem,
    MIRROR_CACHE_DIR: path.join(work, `cache-${targetOwner}`),
    MIRROR_REPORT_FILE: path.join(work, `report-${targetOwner}.json`),
    ...extra,
  });

  const mirror = async (vars: Record<string, string>, args: string[] = []): Promise<CliRun> => {
    const run = await runCli({ env: vars, args, spy, dist: true });
    outputs.push(run.stdout, run.stderr, JSON.stringify(run.report ?? {}));
    return run;
  };

  const rulesets = (owner: string, name: string): Ruleset[] =>
    (target.findRepo(`${owner}/${name}`)!.host as unknown as { rulesets: Ruleset[] }).rulesets;

  const secrets = (): string[] => [
    sourceApp.privateKeyPem,
    targetApp.privateKeyPem,
    ...sourceApp.privateKeyPem.split('\n').filter((line) => line.length > 40),
    ...sourceApp.tokens.map((t) => t.token),
    ...targetApp.tokens.map((t) => t.token),
    ...sourceApp.jwts.map((j) => j.token),
    ...targetApp.jwts.map((j) => j.token),
  ];

  beforeAll(async () => {
    work = tempDir();
    spy = gitSpy(work);
    source = await startForge({ type: 'github' });
    target = await startForge({ type: 'github', users: [{ username: 'org-admin', token: ADMIN_TOKEN }] });
    source.addOrg('acme', { visibility: 'private' });
    for (const name of REPOS) {
      source.addRepo('acme', name, { defaultBranch: 'main', visibility: 'private' });
      source.seed('acme', name, { branches: { main: [`${name}.txt`], dev: ['dev.txt'] }, tags: [`${name}-1`] });
    }
    sourceApp = addGitHubApp(source, { id: SOURCE_APP_ID, slug: 'acme-mirror-reader' });
    installGitHubApp(source, sourceApp, 'acme', 'read');
    // A personal account with a private repository: only the installation's own listing shows it.
    source.addUser({ username: 'octo', token: 'ghp_OctoPersonal0123456789abcdef' });
    source.addRepo('octo', 'secret-notes', { defaultBranch: 'main', visibility: 'private' });
    source.seed('octo', 'secret-notes', { branches: { main: ['notes.txt'] } });
    source.addRepo('octo', 'blog', { defaultBranch: 'main', visibility: 'public' });
    source.seed('octo', 'blog', { branches: { main: ['index.md'] } });
    installGitHubApp(source, sourceApp, 'octo', 'read');
    target.addOrg('mirrors', { members: { 'org-admin': 'admin' } });
    target.addOrg('late', { members: { 'org-admin': 'admin' } });
    target.addOrg('nowhere');
    target.addOrg('octo-mirror');
    targetApp = addGitHubApp(target, {
      id: TARGET_APP_ID,
      slug: 'acme-mirror-writer',
      // The first token lives 6 s; the first ruleset write of the run is answered only once it has expired, so the
      // rest of that run needs a newer token, for the API and for git.
      tokenTtlSeconds: (n) => (n === 1 ? 6 : 3600),
    });
    installGitHubApp(target, targetApp, 'mirrors', 'admin');
    targetInstallation = installGitHubApp(target, targetApp, 'late', 'admin');
    installGitHubApp(target, targetApp, 'octo-mirror', 'admin');
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('bad combinations of App inputs end with exit 2, one line naming the input, before any request', async () => {
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ MIRROR_TARGET_APP_PRIVATE_KEY: undefined }, /^.*Missing target-app-private-key\b/],
      [{ MIRROR_SOURCE_APP_ID: undefined }, /Missing source-app-id\b/],
      [{ MIRROR_TARGET_APP_ID: 'abc' }, /Invalid target-app-id 'abc'/],
      [{ MIRROR_TARGET_APP_PRIVATE_KEY: 'not a key at all' }, /Invalid target-app-private-key: not an RSA private key/],
      [{ MIRROR_TARGET_TOKEN: 'ghp_AlsoAToken0123456789' }, /Both target-token and target-app-id are set/],
      [{ MIRROR_SOURCE_APP_INSTALLATION_ID: '0' }, /Invalid source-app-installation-id '0'/],
      [
        { MIRROR_SOURCE_TYPE: 'gitlab', MIRROR_SOURCE_URL: 'https://gitlab.example.com' },
        /Invalid source-app-id: source-type gitlab has no GitHub Apps/,
      ],
    ];
    for (const [change, message] of cases) {
      const vars: Record<string, string> = {};
      for (const [key, value] of Object.entries({ ...env('mirrors'), ...change })) if (value) vars[key] = value;
      const run = await mirror(vars);
      expect(run.code).toBe(2);
      const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
    // The key is a secret: refused as a flag, without echoing it.
    const flag = await mirror(env('mirrors', { MIRROR_TARGET_APP_PRIVATE_KEY: '' }), [
      '--target-app-private-key',
      'SECRETKEYVALUE',
    ]);
    expect(flag.code).toBe(2);
    expect(`${flag.stdout}${flag.stderr}`).toMatch(/Refusing --target-app-private-key on the command line/);
    expect(`${flag.stdout}${flag.stderr}`).not.toContain('SECRETKEYVALUE');
    expect(source.requests.length + target.requests.length).toBe(0);
    expect(source.gitRequests.length + target.gitRequests.length).toBe(0);
  });

  test('a sync as an App mirrors the org, protects it with the App as bypass actor, and survives a token expiring mid-run', async () => {
    targetApp.holdUntilFirstTokenExpired = ({ method, path: p }) =>
      method === 'POST' && /^\/repos\/mirrors\/[^/]+\/rulesets$/.test(p);
    const run = await mirror(env('mirrors', { MIRROR_CONCURRENCY: '1' }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report?.repos.map((r) => [r.name, r.status]).sort()).toEqual(
      REPOS.map((name) => [name, 'created']).sort(),
    );
    for (const name of REPOS) {
      expect(listRefs(target.repoDir('mirrors', name))).toEqual(listRefs(source.repoDir('acme', name)));
      for (const ruleset of rulesets('mirrors', name)) {
        expect(ruleset.bypass_actors).toEqual([
          { actor_type: 'Integration', actor_id: TARGET_APP_ID, bypass_mode: 'always' },
        ]);
      }
      expect(
        rulesets('mirrors', name)
          .map((r) => r.name)
          .sort(),
      ).toEqual(['org-mirror', 'org-mirror tags']);
    }

    // The installation was looked up from the owner on both sides, with a valid JWT; the tokens came from it.
    expect(source.requests.some((r) => r.path === '/api/v3/orgs/acme/installation' && r.status === 200)).toBe(true);
    expect(target.requests.some((r) => r.path === '/api/v3/orgs/mirrors/installation' && r.status === 200)).toBe(true);
    expect([...sourceApp.jwts, ...targetApp.jwts].every((jwt) => jwt.ok)).toBe(true);
    // Everything was done as the Apps' bot users, API and git alike.
    expect(new Set(source.requests.filter((r) => !r.path.includes('installation')).map((r) => r.user))).toEqual(
      new Set(['acme-mirror-reader[bot]']),
    );
    expect(new Set(target.gitRequests.map((r) => r.user))).toEqual(new Set(['acme-mirror-writer[bot]']));

    // The first target token expired while the run went on: the rest used a newer one, and nothing was refused.
    expect(targetApp.held).toBe(true);
    expect(targetApp.tokens.length).toBeGreaterThanOrEqual(2);
    const firstExpiry = targetApp.tokens[0].expiresAt;
    expect(Date.now()).toBeGreaterThan(firstExpiry);
    expect(target.pushes.length).toBeGreaterThanOrEqual(REPOS.length);
    expect([...target.requests, ...target.gitRequests].filter((r) => r.status === 401)).toEqual([]);
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);

    // The protection holds against everyone but the App, even an organization admin.
    const clone = path.join(work, 'admin-clone');
    await gitAs(work, ['clone', '-q', `${target.url}/mirrors/api.git`, clone], { url: target.url, token: ADMIN_TOKEN });
    const denied = await gitAs(clone, ['push', 'origin', ':dev'], { url: target.url, token: ADMIN_TOKEN });
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toMatch(/GH013/);
  });

  test('an installation id given skips the lookup', async () => {
    const before = target.requests.length;
    const run = await mirror(env('late', { MIRROR_TARGET_APP_INSTALLATION_ID: String(targetInstallation) }));
    expect(run.code).toBe(0);
    expect(target.requests.slice(before).some((r) => r.path.endsWith('/installation'))).toBe(false);
    expect(listRefs(target.repoDir('late', 'api'))).toEqual(listRefs(source.repoDir('acme', 'api')));
  });

  test('a wrong key, or an App not installed on the owner, fails the run with a clear message and writes nothing', async () => {
    const writes = target.writes.length + target.pushes.length;
    const otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const wrongKey = await mirror(
      env('mirrors', { MIRROR_TARGET_APP_PRIVATE_KEY: otherKey.export({ type: 'pkcs1', format: 'pem' }).toString() }),
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.report?.error).toBe(
      `github target: GitHub App ${TARGET_APP_ID}: looking up its installation on mirrors failed: HTTP 401 (wrong App id or private key, or a clock far off?)`,
    );
    const notInstalled = await mirror(env('nowhere'));
    expect(notInstalled.code).toBe(1);
    expect(notInstalled.report?.error).toBe(
      `github target: GitHub App ${TARGET_APP_ID} is not installed on nowhere: install it there, or set target-app-installation-id`,
    );
    expect(target.writes.length + target.pushes.length).toBe(writes);
  });

  test('a user account as source lists its private repositories through the installation', async () => {
    const run = await mirror(env('octo-mirror', { MIRROR_SOURCE_OWNER: 'octo' }));
    expect(run.code).toBe(0);
    expect(run.report?.repos.map((r) => [r.name, r.status]).sort()).toEqual([
      ['blog', 'created'],
      ['secret-notes', 'created'],
    ]);
    expect(source.requests.some((r) => r.path === '/api/v3/users/octo/installation' && r.status === 200)).toBe(true);
    expect(listRefs(target.repoDir('octo-mirror', 'secret-notes'))).toEqual(
      listRefs(source.repoDir('octo', 'secret-notes')),
    );
    expect(source.violations).toEqual([]);
  });

  test('expired installation tokens are refused by the API and by git', async () => {
    const expired = targetApp.tokens[0];
    expect(Date.now()).toBeGreaterThan(expired.expiresAt);
    const api = await fetch(`${target.apiUrl}/repos/mirrors/api`, {
      headers: { authorization: `token ${expired.token}` },
    });
    expect(api.status).toBe(401);
    const git = await gitAs(work, ['ls-remote', `${target.url}/mirrors/api.git`], {
      url: target.url,
      token: expired.token,
    });
    expect(git.status).not.toBe(0);
    const valid = targetApp.tokens[targetApp.tokens.length - 1];
    const ok = await fetch(`${target.apiUrl}/repos/mirrors/api`, {
      headers: { authorization: `token ${valid.token}` },
    });
    expect(ok.status).toBe(200);
    const gitOk = await gitAs(work, ['ls-remote', `${target.url}/mirrors/api.git`], {
      url: target.url,
      token: valid.token,
    });
    expect(gitOk.status).toBe(0);
  });

  test('the keys, JWTs and installation tokens appear in no output, report, cache, git config or git argv', () => {
    const all = secrets();
    expect(all.length).toBeGreaterThan(6);
    for (const text of outputs) expect(textContains(text, all)).toBe(false);
    expect(filesContaining(work, all).filter((file) => !file.includes('admin-clone'))).toEqual([]);
    const argv = spy.calls().join('\n');
    expect(textContains(argv, all)).toBe(false);
    expect(argv).not.toMatch(/ghs_/);
  });
});
