/**
 * The Bitbucket Cloud fake: API 2.0 pagination with `next` URLs, auth schemes, repository creation in projects,
 * branch restrictions enforced on real git pushes, webhooks, and contract checks of every exchange.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';
import {
  addProject,
  bitbucketCloudState,
  bitbucketUuid,
  contractViolations,
  requireProjectKey,
  workspaceHooks,
} from './forge/hosts/bitbucket-cloud.js';

type Json = Record<string, unknown>;

const MIRROR = 'bbc-mirror-token';
const DEV = 'bbc-dev-token';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

async function call(
  forge: Forge,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(url.startsWith('http') ? url : `${forge.apiUrl}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

describe('bitbucket-cloud fake', () => {
  let forge: Forge;
  let work: string;
  let mirrorUuid: string;

  beforeAll(async () => {
    forge = await startForge({
      type: 'bitbucket-cloud',
      users: [
        { username: 'mirror-bot', token: MIRROR },
        { username: 'developer', token: DEV },
        { username: 'outsider', token: 'bbc-outsider-token' },
      ],
    });
    mirrorUuid = bitbucketUuid(forge.users.get('mirror-bot')!.id);
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner', developer: 'developer' } });
    addProject(forge, 'acme', 'MIR', 'Mirrors');
    addProject(forge, 'acme', 'OPS', 'Operations');
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) forge.addRepo('acme', name);
    forge.addRepo('acme', 'open', { visibility: 'public' });
    forge.seed('acme', 'alpha', {
      branches: { main: ['README.md', 'a.txt'], 'release/1.x': ['fix.txt'] },
      tags: ['v1.0.0'],
    });
    forge.addOrg('strict', { members: { 'mirror-bot': 'owner' } });
    addProject(forge, 'strict', 'KEY');
    requireProjectKey(forge, 'strict');
    work = tempDir('bbc-forge-');
  });

  afterAll(async () => {
    await forge.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('listing pages are {pagelen, size, page, values, next} with a full next URL', async () => {
    const first = await call(forge, 'GET', '/repositories/acme?pagelen=100', bearer(MIRROR));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ pagelen: 2, size: 5, page: 1 });
    expect(first.body.next).toBe(`${forge.apiUrl}/repositories/acme?pagelen=100&page=2`);
    const slugs: string[] = [];
    let url: string | undefined = '/repositories/acme?pagelen=100';
    for (let pages = 0; url; pages++) {
      expect(pages).toBeLessThan(5);
      const page = await call(forge, 'GET', url, bearer(MIRROR));
      expect(page.status).toBe(200);
      slugs.push(...(page.body.values as Json[]).map((r) => String(r.slug)));
      url = page.body.next as string | undefined;
      if (url) expect(url.startsWith(forge.apiUrl)).toBe(true);
    }
    expect(slugs).toEqual(['alpha', 'beta', 'gamma', 'delta', 'open']);
    const one = await call(forge, 'GET', '/repositories/acme?pagelen=1&page=5', bearer(MIRROR));
    expect(one.body).toMatchObject({ pagelen: 1, page: 5 });
    expect(one.body.next).toBeUndefined();
    expect(one.body.previous).toBe(`${forge.apiUrl}/repositories/acme?pagelen=1&page=4`);
    expect((await call(forge, 'GET', '/repositories/acme?page=9', bearer(MIRROR))).status).toBe(404);
  });

  test('repository JSON carries uuid, slug, mainbranch, project and clone/html links from the forge', async () => {
    const { status, body } = await call(forge, 'GET', '/repositories/acme/alpha', bearer(MIRROR));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: 'repository',
      full_name: 'acme/alpha',
      slug: 'alpha',
      is_private: true,
      mainbranch: { type: 'branch', name: 'main' },
      project: { type: 'project', key: 'MIR' },
    });
    expect(body.uuid).toMatch(/^\{[0-9a-f-]{36}\}$/);
    const links = body.links as { clone: { name: string; href: string }[]; html: { href: string } };
    const port = new URL(forge.url).port;
    expect(links.clone.find((l) => l.name === 'https')?.href).toBe(
      `http://mirror-bot@127.0.0.1:${port}/acme/alpha.git`,
    );
    expect(links.html.href).toBe(`${forge.url}/acme/alpha`);
    // An empty repository has no main branch yet; the first branch pushed becomes it.
    expect((await call(forge, 'GET', '/repositories/acme/beta', bearer(MIRROR))).body.mainbranch).toBeUndefined();
    forge.seed('acme', 'beta', { branches: { master: ['m.txt'] } });
    expect((await call(forge, 'GET', '/repositories/acme/beta', bearer(MIRROR))).body.mainbranch).toEqual({
      type: 'branch',
      name: 'master',
    });
  });

  test('auth: Bearer access tokens and Basic username:app_password; bad credentials get the error shape', async () => {
    expect((await call(forge, 'GET', '/user', bearer(MIRROR))).body).toMatchObject({
      type: 'user',
      uuid: mirrorUuid,
      nickname: 'mirror-bot',
    });
    expect((await call(forge, 'GET', '/user', basic('mirror-bot', MIRROR))).status).toBe(200);
    for (const headers of [bearer('wrong'), basic('x-token-auth', MIRROR), basic('developer', MIRROR)]) {
      const denied = await call(forge, 'GET', '/repositories/acme', headers);
      expect(denied.status).toBe(401);
      expect(denied.body).toEqual({ type: 'error', error: { message: expect.any(String) } });
    }
    expect((await call(forge, 'GET', '/user', {})).status).toBe(401);
    // Anonymous callers see public repositories only.
    const anonymous = await call(forge, 'GET', '/repositories/acme', {});
    expect((anonymous.body.values as Json[]).map((r) => r.slug)).toEqual(['open']);
    expect((await call(forge, 'GET', '/repositories/acme/alpha', {})).status).toBe(404);
    expect((await call(forge, 'GET', '/repositories/acme/alpha', bearer('bbc-outsider-token'))).status).toBe(404);
  });

  test('create: POST with scm git, is_private and project key; project rules of the workspace', async () => {
    const created = await call(forge, 'POST', '/repositories/acme/new-repo', bearer(MIRROR), {
      type: 'repository',
      scm: 'git',
      name: 'New-Repo',
      is_private: true,
      description: 'Mirror of x',
      project: { type: 'project', key: 'OPS' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ slug: 'new-repo', name: 'New-Repo', description: 'Mirror of x' });
    expect((created.body.project as Json).key).toBe('OPS');
    expect(forge.repo('acme', 'new-repo').visibility).toBe('private');
    const again = await call(forge, 'POST', '/repositories/acme/new-repo', bearer(MIRROR), {
      type: 'repository',
      scm: 'git',
    });
    expect(again.status).toBe(400);
    // Without a key: the oldest project; with an unknown key, or none where the workspace requires one: 400.
    const noKey = await call(forge, 'POST', '/repositories/acme/no-key', bearer(MIRROR), {
      type: 'repository',
      scm: 'git',
    });
    expect((noKey.body.project as Json).key).toBe('MIR');
    const unknown = await call(forge, 'POST', '/repositories/acme/x', bearer(MIRROR), {
      type: 'repository',
      project: { type: 'project', key: 'NOPE' },
    });
    expect(unknown.status).toBe(400);
    const strict = await call(forge, 'POST', '/repositories/strict/x', bearer(MIRROR), {
      type: 'repository',
      scm: 'git',
    });
    expect(strict.status).toBe(400);
    expect(strict.body).toMatchObject({ type: 'error', error: { message: expect.stringMatching(/project/) } });
    const ok = await call(forge, 'POST', '/repositories/strict/x', bearer(MIRROR), {
      type: 'repository',
      project: { type: 'project', key: 'KEY' },
    });
    expect(ok.status).toBe(200);
    // A developer (no admin) may create, an outsider may not.
    expect(
      (await call(forge, 'POST', '/repositories/acme/dev-repo', bearer(DEV), { type: 'repository', scm: 'git' }))
        .status,
    ).toBe(200);
    expect(
      (
        await call(forge, 'POST', '/repositories/acme/out-repo', bearer('bbc-outsider-token'), {
          type: 'repository',
          scm: 'git',
        })
      ).status,
    ).toBe(400);
  });

  test('mainbranch is set with PUT on the repository, to an existing branch only', async () => {
    const put = await call(forge, 'PUT', '/repositories/acme/alpha', bearer(MIRROR), {
      type: 'repository',
      mainbranch: { type: 'branch', name: 'release/1.x' },
    });
    expect(put.status).toBe(200);
    expect(put.body.mainbranch).toEqual({ type: 'branch', name: 'release/1.x' });
    expect(fs.readFileSync(path.join(forge.repo('acme', 'alpha').dir, 'HEAD'), 'utf8')).toBe(
      'ref: refs/heads/release/1.x\n',
    );
    const missing = await call(forge, 'PUT', '/repositories/acme/alpha', bearer(MIRROR), {
      type: 'repository',
      mainbranch: { type: 'branch', name: 'nope' },
    });
    expect(missing.status).toBe(400);
    expect(
      (await call(forge, 'PUT', '/repositories/acme/alpha', bearer(DEV), { type: 'repository', description: 'x' }))
        .status,
    ).toBe(403);
    await call(forge, 'PUT', '/repositories/acme/alpha', bearer(MIRROR), {
      type: 'repository',
      mainbranch: { type: 'branch', name: 'main' },
    });
  });

  test('real git: clone with x-token-auth and username:app_password, push, no anonymous push', async () => {
    const url = `${forge.url}/acme/alpha.git`;
    const tokenAuth = { url: forge.url, token: MIRROR, username: 'x-token-auth' };
    const dir = path.join(work, 'alpha');
    const clone = await gitAs(work, ['clone', '-q', url, dir], tokenAuth);
    expect(clone.stderr).toBe('');
    expect(clone.status).toBe(0);
    const appPassword = { url: forge.url, token: DEV, username: 'developer' };
    expect((await gitAs(work, ['ls-remote', url], appPassword)).stdout).toContain('refs/tags/v1.0.0');
    expect((await gitAs(work, ['ls-remote', url])).status).not.toBe(0);
    fs.writeFileSync(path.join(dir, 'b.txt'), 'b\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'b']);
    expect((await gitAs(dir, ['push', '-q', 'origin', 'HEAD:refs/heads/main'])).status).not.toBe(0);
    const pushed = await gitAs(dir, ['push', '-q', 'origin', 'HEAD:refs/heads/main'], tokenAuth);
    expect(pushed.status).toBe(0);
    const head = (await gitAs(dir, ['rev-parse', 'HEAD'])).stdout.trim();
    expect(forge.refs(forge.repo('acme', 'alpha')).get('refs/heads/main')).toBe(head);
    expect(forge.pushes.at(-1)).toMatchObject({ repo: 'acme/alpha', user: 'mirror-bot', status: 200 });
  });

  test('branch restrictions: push limited to listed users; force and delete bind everyone; tags stay open', async () => {
    const base = '/repositories/acme/alpha/branch-restrictions';
    const push = await call(forge, 'POST', base, bearer(MIRROR), {
      type: 'branchrestriction',
      kind: 'push',
      branch_match_kind: 'glob',
      pattern: '*',
      users: [{ type: 'user', uuid: mirrorUuid }],
      groups: [],
    });
    expect(push.status).toBe(201);
    expect((push.body.users as Json[]).map((u) => u.uuid)).toEqual([mirrorUuid]);
    expect(
      (
        await call(forge, 'POST', base, bearer(MIRROR), {
          type: 'branchrestriction',
          kind: 'push',
          branch_match_kind: 'glob',
          pattern: '*',
        })
      ).status,
    ).toBe(400);
    const dupe = {
      type: 'branchrestriction',
      kind: 'push',
      branch_match_kind: 'glob',
      pattern: '*',
      users: [],
      groups: [],
    };
    expect((await call(forge, 'POST', base, bearer(MIRROR), dupe)).status).toBe(409);
    expect((await call(forge, 'GET', base, bearer(DEV))).status).toBe(403);

    const dir = path.join(work, 'alpha');
    const mirror = { url: forge.url, token: MIRROR, username: 'x-token-auth' };
    const dev = { url: forge.url, token: DEV, username: 'developer' };
    fs.writeFileSync(path.join(dir, 'c.txt'), 'c\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'c']);
    const denied = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], dev);
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain('You are not allowed to push to branch refs/heads/main');
    // `*` matches across `/`: a new nested branch is restricted too.
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/feature/x'], dev)).status).not.toBe(0);
    // Bitbucket Cloud cannot restrict tags.
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/tags/dev-tag'], dev)).status).toBe(0);
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], mirror)).status).toBe(0);
    expect((await gitAs(dir, ['push', '--force', 'origin', 'HEAD~1:refs/heads/main'], mirror)).status).toBe(0);

    // users cannot be exempted from force/delete: the fake drops them, and the mirror is bound too.
    for (const kind of ['force', 'delete']) {
      const created = await call(forge, 'POST', base, bearer(MIRROR), {
        type: 'branchrestriction',
        kind,
        branch_match_kind: 'glob',
        pattern: '*',
        users: [{ type: 'user', uuid: mirrorUuid }],
        groups: [],
      });
      expect(created.status).toBe(201);
      expect(created.body.users).toEqual([]);
    }
    const forced = await gitAs(dir, ['push', '--force', 'origin', 'HEAD:refs/heads/main'], mirror);
    expect(forced.status).toBe(0); // HEAD is ahead of the forced-back main: a fast-forward.
    const rewrite = await gitAs(dir, ['push', '--force', 'origin', 'HEAD~1:refs/heads/main'], mirror);
    expect(rewrite.status).not.toBe(0);
    expect(rewrite.stderr).toContain('not allowed to rewrite the history of branch refs/heads/main');
    const removed = await gitAs(dir, ['push', 'origin', ':refs/heads/release/1.x'], mirror);
    expect(removed.status).not.toBe(0);
    expect(removed.stderr).toContain('not allowed to delete branch refs/heads/release/1.x');

    // PUT adds users to the push restriction; DELETE lifts restrictions.
    const restrictions = bitbucketCloudState(forge.repo('acme', 'alpha')).restrictions;
    const pushId = restrictions.find((r) => r.kind === 'push')!.id;
    const devUuid = bitbucketUuid(forge.users.get('developer')!.id);
    const updated = await call(forge, 'PUT', `${base}/${pushId}`, bearer(MIRROR), {
      type: 'branchrestriction',
      kind: 'push',
      branch_match_kind: 'glob',
      pattern: '*',
      users: [
        { type: 'user', uuid: mirrorUuid },
        { type: 'user', uuid: devUuid },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      type: 'branchrestriction',
      kind: 'push',
      branch_match_kind: 'glob',
      pattern: '*',
    });
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], dev)).status).toBe(0);
    for (const r of [...restrictions])
      expect((await call(forge, 'DELETE', `${base}/${r.id}`, bearer(MIRROR))).status).toBe(204);
    expect((await call(forge, 'GET', `${base}/${pushId}`, bearer(MIRROR))).status).toBe(404);
    expect((await gitAs(dir, ['push', 'origin', ':refs/heads/release/1.x'], dev)).status).toBe(0);
  });

  test('repository and workspace webhooks: create, list without the secret, update; workspace hooks need an admin', async () => {
    const hook = {
      description: 'org-mirror',
      url: 'https://ci.example.test/hook',
      active: true,
      events: ['repo:push'],
    };
    const repoHooks = '/repositories/acme/gamma/hooks';
    const created = await call(forge, 'POST', repoHooks, bearer(MIRROR), { ...hook, secret: 's1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ subject_type: 'repository', secret_set: true, events: ['repo:push'] });
    expect(created.body.secret).toBeUndefined();
    const listed = await call(forge, 'GET', repoHooks, bearer(MIRROR));
    expect((listed.body.values as Json[]).map((h) => h.uuid)).toEqual([created.body.uuid]);
    const uid = encodeURIComponent(String(created.body.uuid));
    const put = await call(forge, 'PUT', `${repoHooks}/${uid}`, bearer(MIRROR), { ...hook, secret: 's2' });
    expect(put.status).toBe(200);
    expect(bitbucketCloudState(forge.repo('acme', 'gamma')).hooks[0].secret).toBe('s2');
    expect((await call(forge, 'POST', repoHooks, bearer(MIRROR), { ...hook, events: [] })).status).toBe(400);

    const wsHooks = '/workspaces/acme/hooks';
    expect((await call(forge, 'GET', wsHooks, bearer(DEV))).status).toBe(403);
    const ws = await call(forge, 'POST', wsHooks, bearer(MIRROR), { ...hook, secret: 'w1' });
    expect(ws.status).toBe(201);
    expect(ws.body).toMatchObject({ subject_type: 'workspace', secret_set: true });
    const wsUid = encodeURIComponent(String(ws.body.uuid));
    expect((await call(forge, 'PUT', `${wsHooks}/${wsUid}`, bearer(MIRROR), { active: false })).status).toBe(200);
    expect(workspaceHooks(forge, 'acme')).toMatchObject([{ active: false, secret: 'w1' }]);
    expect((await call(forge, 'GET', wsHooks, bearer(MIRROR))).body.size).toBe(1);
  });

  test('every request and answer matched the Bitbucket Cloud API description', () => {
    expect(forge.requests.length).toBeGreaterThan(40);
    expect(contractViolations(forge.violations)).toEqual([]);
  });
});
