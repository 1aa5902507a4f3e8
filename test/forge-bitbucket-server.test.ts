import fs from 'node:fs';
import path from 'node:path';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';
import { patternGlobs } from './forge/hosts/bitbucket-server.js';

type Json = Record<string, unknown>;
type Page = { size: number; limit: number; isLastPage: boolean; start: number; values: Json[]; nextPageStart?: number };

const MIRROR = 'bbs-mirror-token';
const DEV = 'bbs-dev-token';
const READER = 'bbs-reader-token';

async function call(
  forge: Forge,
  method: string,
  apiPath: string,
  token: string | undefined,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(`${forge.url}/rest${apiPath}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Follows `nextPageStart` to the last page; returns every page. */
async function pages(forge: Forge, apiPath: string, token: string): Promise<Page[]> {
  const all: Page[] = [];
  let start = 0;
  for (let guard = 0; guard < 50; guard++) {
    const sep = apiPath.includes('?') ? '&' : '?';
    const res = await call(forge, 'GET', `${apiPath}${sep}start=${start}&limit=100`, token);
    expect(res.status).toBe(200);
    const page = res.body as Page;
    all.push(page);
    if (page.isLastPage) return all;
    start = page.nextPageStart!;
  }
  throw new Error('pages did not end');
}

const READ_ONLY_ALL = (type: string, users: string[] = ['mirror-bot']) => ({
  type,
  matcher: { id: '*', displayId: '*', type: { id: 'PATTERN', name: 'Pattern' } },
  userSlugs: users,
});

/** A Bitbucket Server forge with project PROJ: mirror-bot administers it, dev may write, reader may read. */
async function startProjectForge(): Promise<Forge> {
  const forge = await startForge({
    type: 'bitbucket-server',
    users: [
      { username: 'mirror-bot', token: MIRROR },
      { username: 'dev', token: DEV },
      { username: 'reader', token: READER },
    ],
  });
  forge.addOrg('PROJ', { members: { 'mirror-bot': 'admin', dev: 'write', reader: 'read' } });
  return forge;
}

describe('bitbucket-server fake API', () => {
  let forge: Forge;

  beforeAll(async () => {
    forge = await startProjectForge();
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) forge.addRepo('PROJ', name);
    forge.addRepo('PROJ', 'old', { archived: true, visibility: 'public' });
    forge.addRepo('dev', 'fork-of-alpha', { fork: true, forkedFrom: 'PROJ/alpha' });
  });

  afterAll(async () => {
    await forge.stop();
  });

  afterEach(() => {
    expect(forge.violations).toEqual([]);
  });

  test('lists a project over several pages with start/limit and the documented page fields', async () => {
    const all = await pages(forge, '/api/1.0/projects/PROJ/repos', MIRROR);
    expect(all).toHaveLength(3);
    expect(all.map((p) => p.start)).toEqual([0, 2, 4]);
    expect(all[0]).toMatchObject({ size: 2, limit: 2, isLastPage: false, nextPageStart: 2 });
    expect(all[2]).toMatchObject({ size: 1, isLastPage: true });
    expect(all[2].nextPageStart).toBeUndefined();
    const repos = all.flatMap((p) => p.values);
    expect(repos.map((r) => r.slug)).toEqual(['alpha', 'beta', 'delta', 'gamma', 'old']);
    const alpha = repos[0];
    expect(alpha).toMatchObject({ scmId: 'git', state: 'AVAILABLE', public: false, archived: false });
    expect(alpha.project).toMatchObject({ key: 'PROJ', type: 'NORMAL' });
    const links = alpha.links as { clone: { name: string; href: string }[]; self: { href: string }[] };
    // The http clone link carries the caller's user name, like Bitbucket's.
    const http = links.clone.find((l) => l.name === 'http')!.href;
    expect(http).toBe(`${forge.url.replace('://', '://mirror-bot@')}/scm/proj/alpha.git`);
    expect(links.self[0].href).toBe(`${forge.url}/projects/PROJ/repos/alpha/browse`);
    expect(repos[4]).toMatchObject({ slug: 'old', archived: true, public: true });
    // A page never holds more than the forge's page size, whatever the limit asked.
    const small = await call(forge, 'GET', '/api/1.0/projects/PROJ/repos?start=1&limit=1', MIRROR);
    expect(small.body).toMatchObject({ size: 1, limit: 1, start: 1, nextPageStart: 2, isLastPage: false });
  });

  test('lists a personal project through ~user, with forks carrying their origin', async () => {
    const [page] = await pages(forge, '/api/1.0/projects/~dev/repos', DEV);
    expect(page.values.map((r) => r.slug)).toEqual(['fork-of-alpha']);
    const fork = page.values[0];
    expect(fork.project).toMatchObject({ key: '~DEV', type: 'PERSONAL' });
    expect((fork.origin as Json).slug).toBe('alpha');
    const links = fork.links as { clone: { name: string; href: string }[]; self: { href: string }[] };
    expect(links.clone.find((l) => l.name === 'http')!.href).toBe(
      `${forge.url.replace('://', '://dev@')}/scm/~dev/fork-of-alpha.git`,
    );
    expect(links.self[0].href).toBe(`${forge.url}/users/dev/repos/fork-of-alpha/browse`);
  });

  test('bad credentials get 401 with the Bitbucket error shape; answers name the user in X-AUSERNAME', async () => {
    const bad = await call(forge, 'GET', '/api/1.0/projects/PROJ/repos', 'wrong-token');
    expect(bad.status).toBe(401);
    const errors = (bad.body as { errors: Json[] }).errors;
    expect(errors[0].message).toBe('Authentication failed. Please check your credentials and try again.');
    // Basic auth takes username + token; the token must be that user's.
    const basic = (user: string, token: string) =>
      fetch(`${forge.apiUrl}/api/1.0/projects/PROJ/repos`, {
        headers: { authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}` },
      });
    expect((await basic('dev', DEV)).status).toBe(200);
    expect((await basic('reader', DEV)).status).toBe(401);
    const ok = await call(forge, 'GET', '/api/1.0/projects/PROJ/repos/alpha', READER);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ausername')).toBe('reader');
    // Anonymous callers see public repositories only; private ones need authentication.
    const anonymous = await call(forge, 'GET', '/api/1.0/projects/PROJ/repos', undefined);
    expect((anonymous.body as Page).values.map((r) => r.slug)).toEqual(['old']);
    expect((await call(forge, 'GET', '/api/1.0/projects/PROJ/repos/alpha', undefined)).status).toBe(401);
    // A reader may not administer branch permissions (Bitbucket answers 401, not 403).
    expect(
      (await call(forge, 'GET', '/branch-permissions/2.0/projects/PROJ/repos/alpha/restrictions', READER)).status,
    ).toBe(401);
    expect((await call(forge, 'GET', '/api/1.0/projects/NOPE/repos', MIRROR)).status).toBe(404);
  });

  test('creates repositories with a slug derived from the name; conflicts and bad names are refused', async () => {
    const created = await call(forge, 'POST', '/api/1.0/projects/PROJ/repos', MIRROR, {
      name: 'My Service',
      scmId: 'git',
      description: 'Mirror of x',
      public: false,
      defaultBranch: 'trunk',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'my-service', name: 'My Service', description: 'Mirror of x' });
    expect(forge.repo('PROJ', 'my-service').defaultBranch).toBe('trunk');
    const branch = await call(forge, 'GET', '/api/1.0/projects/PROJ/repos/my-service/default-branch', MIRROR);
    expect(branch.body).toMatchObject({ id: 'refs/heads/trunk', displayId: 'trunk' });
    const again = await call(forge, 'POST', '/api/1.0/projects/PROJ/repos', MIRROR, {
      name: 'my service',
      scmId: 'git',
    });
    expect(again.status).toBe(409);
    expect(
      (await call(forge, 'POST', '/api/1.0/projects/PROJ/repos', MIRROR, { name: '-bad', scmId: 'git' })).status,
    ).toBe(400);
    // Creating needs REPO_CREATE on the project: a writer cannot.
    expect((await call(forge, 'POST', '/api/1.0/projects/PROJ/repos', DEV, { name: 'x', scmId: 'git' })).status).toBe(
      401,
    );
    const put = await call(forge, 'PUT', '/api/1.0/projects/PROJ/repos/my-service/default-branch', MIRROR, {
      id: 'refs/heads/main',
    });
    expect(put.status).toBe(204);
    expect(forge.repo('PROJ', 'my-service').defaultBranch).toBe('main');
  });

  test('restrictions: bulk create, filters, upsert by (type, matcher), delete', async () => {
    const base = '/branch-permissions/2.0/projects/PROJ/repos/beta/restrictions';
    const bulk = 'application/vnd.atl.bitbucket.bulk+json';
    const created = await call(
      forge,
      'POST',
      base,
      MIRROR,
      [READ_ONLY_ALL('read-only'), READ_ONLY_ALL('no-deletes')],
      bulk,
    );
    expect(created.status).toBe(200);
    const [readOnly] = created.body as Json[];
    expect(readOnly).toMatchObject({
      type: 'read-only',
      matcher: { id: '*', type: { id: 'PATTERN' }, active: true },
      scope: { type: 'REPOSITORY' },
    });
    expect((readOnly.users as Json[]).map((u) => u.slug)).toEqual(['mirror-bot']);
    // Same type and matcher again: the existing restriction is updated, not duplicated.
    const updated = await call(forge, 'POST', base, MIRROR, [READ_ONLY_ALL('read-only', ['mirror-bot', 'dev'])], bulk);
    expect((updated.body as Json[])[0].id).toBe(readOnly.id);
    const listed = await pages(forge, `${base}?matcherType=PATTERN`, MIRROR);
    expect(listed.flatMap((p) => p.values)).toHaveLength(2);
    const onlyReadOnly = await pages(forge, `${base}?type=read-only`, MIRROR);
    expect(onlyReadOnly.flatMap((p) => p.values.map((r) => (r.users as Json[]).length))).toEqual([2]);
    const unknownUser = await call(forge, 'POST', base, MIRROR, [READ_ONLY_ALL('read-only', ['ghost'])], bulk);
    expect(unknownUser.status).toBe(400);
    expect((await call(forge, 'POST', base, MIRROR, [READ_ONLY_ALL('no-such-type')], bulk)).status).toBe(400);
    expect((await call(forge, 'DELETE', `${base}/${String(readOnly.id)}`, MIRROR)).status).toBe(204);
    expect((await call(forge, 'DELETE', `${base}/${String(readOnly.id)}`, MIRROR)).status).toBe(404);
  });

  test('webhooks: create, list, update on a repository and on the project', async () => {
    const hooks = '/api/1.0/projects/PROJ/repos/gamma/webhooks';
    const hook = { name: 'ci', url: 'https://ci.example.test/hook', events: ['repo:refs_changed'], active: true };
    const created = await call(forge, 'POST', hooks, MIRROR, { ...hook, configuration: { secret: 's1' } });
    expect(created.status).toBe(200);
    const id = (created.body as Json).id as number;
    const updated = await call(forge, 'PUT', `${hooks}/${id}`, MIRROR, { ...hook, configuration: { secret: 's2' } });
    expect(updated.body).toMatchObject({ id, configuration: { secret: 's2' }, scopeType: 'repository' });
    const list = await call(forge, 'GET', hooks, MIRROR);
    expect((list.body as Page).values).toHaveLength(1);
    expect((await call(forge, 'POST', hooks, MIRROR, { ...hook, events: ['push'] })).status).toBe(400);
    expect((await call(forge, 'GET', hooks, DEV)).status).toBe(401);
  });
});

describe('bitbucket-server fake git and protection', () => {
  let forge: Forge;
  let work: string;

  beforeAll(async () => {
    forge = await startProjectForge();
    forge.addRepo('PROJ', 'svc');
    forge.seed('PROJ', 'svc', {
      branches: { main: ['README.md', 'a.txt'], 'release/1.x': ['b.txt'] },
      tags: ['v1', { name: 'v2', message: 'Release 2' }],
      extraRefs: ['refs/pull-requests/1/from'],
    });
    work = tempDir();
  });

  afterAll(async () => {
    await forge.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(forge.violations).toEqual([]);
  });

  const as = (username: string, token: string) => ({ url: forge.url, token, username });
  const scm = () => `${forge.url}/scm/proj/svc.git`;

  test('clone over /scm/<key>/<slug>.git with username + token; the project key is case-insensitive', async () => {
    const dir = path.join(work, 'clone');
    const result = await gitAs(work, ['clone', '--mirror', scm(), dir], as('reader', READER));
    expect(result.stderr).not.toMatch(/fatal/);
    expect(result.status).toBe(0);
    const refs = (await gitAs(dir, ['for-each-ref', '--format=%(refname) %(objecttype)'])).stdout;
    expect(refs).toContain('refs/heads/main commit');
    expect(refs).toContain('refs/heads/release/1.x commit');
    expect(refs).toContain('refs/tags/v2 tag');
    const upper = await gitAs(work, ['ls-remote', `${forge.url}/scm/PROJ/svc`], as('reader', READER));
    expect(upper.status).toBe(0);
    expect(forge.host.cloneUrl(forge.repo('PROJ', 'svc'))).toBe(scm());
  });

  test('git needs credentials for a private repo and refuses a bad token, with the Bitbucket realm', async () => {
    const res = await fetch(`${scm()}/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="Atlassian Bitbucket"');
    expect((await gitAs(work, ['ls-remote', scm()], as('dev', 'wrong'))).status).not.toBe(0);
  });

  test('a reader cannot push (repository permission decides); a writer can while nothing is restricted', async () => {
    const dir = path.join(work, 'push');
    expect((await gitAs(work, ['clone', scm(), dir], as('dev', DEV))).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'c.txt'), 'c\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'c']);
    const denied = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], as('reader', READER));
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toMatch(/403/);
    const ok = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], as('dev', DEV));
    expect(ok.stderr).not.toMatch(/rejected|fatal/);
    expect(ok.status).toBe(0);
    expect(forge.pushes.filter((p) => p.user === 'dev' && p.status === 200)).toHaveLength(1);
  });

  test('pattern * restrictions stop every branch and tag change by others, and let the exempt mirror through', async () => {
    const created = await call(
      forge,
      'POST',
      '/branch-permissions/2.0/projects/PROJ/repos/svc/restrictions',
      MIRROR,
      ['read-only', 'fast-forward-only', 'no-deletes'].map((type) => READ_ONLY_ALL(type)),
      'application/vnd.atl.bitbucket.bulk+json',
    );
    expect(created.status).toBe(200);
    const dir = path.join(work, 'push');
    fs.writeFileSync(path.join(dir, 'd.txt'), 'd\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'd']);
    const branch = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], as('dev', DEV));
    expect(branch.status).not.toBe(0);
    expect(branch.stderr).toContain('Branch refs/heads/main is read-only');
    expect(branch.stderr).toContain('Check your branch permissions configuration with the project administrator.');
    const tag = await gitAs(dir, ['push', 'origin', 'HEAD:refs/tags/v9'], as('dev', DEV));
    expect(tag.status).not.toBe(0);
    expect(tag.stderr).toContain('refs/tags/v9');
    const del = await gitAs(dir, ['push', 'origin', ':refs/tags/v1'], as('dev', DEV));
    expect(del.status).not.toBe(0);
    expect(del.stderr).toContain('Branch refs/tags/v1 cannot be deleted.');
    // The exempt mirror: fast-forward, force, new tag, delete.
    const mirror = as('mirror-bot', MIRROR);
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], mirror)).status).toBe(0);
    expect((await gitAs(dir, ['push', '--force', 'origin', 'HEAD~2:refs/heads/main'], mirror)).status).toBe(0);
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/tags/v9'], mirror)).status).toBe(0);
    expect((await gitAs(dir, ['push', 'origin', ':refs/heads/release/1.x'], mirror)).status).toBe(0);
    const refs = forge.refs(forge.repo('PROJ', 'svc'));
    expect(refs.has('refs/tags/v9')).toBe(true);
    expect(refs.has('refs/heads/release/1.x')).toBe(false);
  });

  test('pull-request-only on one branch and a branching-model category restrict only what they match', async () => {
    const base = '/branch-permissions/2.0/projects/PROJ/repos/prs/restrictions';
    forge.addRepo('PROJ', 'prs');
    forge.seed('PROJ', 'prs', { branches: { main: ['a.txt'], 'feature/x': ['f.txt'] } });
    for (const restriction of [
      { type: 'pull-request-only', matcher: { id: 'main', type: { id: 'BRANCH' } } },
      { type: 'no-deletes', matcher: { id: 'FEATURE', type: { id: 'MODEL_CATEGORY' } } },
    ]) {
      expect(
        (await call(forge, 'POST', base, MIRROR, [restriction], 'application/vnd.atl.bitbucket.bulk+json')).status,
      ).toBe(200);
    }
    const dir = path.join(work, 'prs');
    expect((await gitAs(work, ['clone', `${forge.url}/scm/proj/prs.git`, dir], as('dev', DEV))).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'e.txt'), 'e\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'e']);
    const main = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], as('dev', DEV));
    expect(main.status).not.toBe(0);
    expect(main.stderr).toContain('Branch refs/heads/main can only be modified through pull requests.');
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/other'], as('dev', DEV))).status).toBe(0);
    const feature = await gitAs(dir, ['push', 'origin', ':refs/heads/feature/x'], as('dev', DEV));
    expect(feature.stderr).toContain('Branch refs/heads/feature/x cannot be deleted.');
    expect((await gitAs(dir, ['push', 'origin', ':refs/heads/other'], as('dev', DEV))).status).toBe(0);
  });
});

describe('branch permission patterns', () => {
  const re = (glob: string) =>
    new RegExp(
      '^' +
        glob
          .split(/(\*\*|\*)/)
          .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
          .join('') +
        '$',
    );
  const matches = (pattern: string, ref: string) => patternGlobs(pattern).some((g) => re(g).test(ref));

  test('match a suffix of the fully qualified ref, as Bitbucket documents', () => {
    for (const ref of ['refs/heads/main', 'refs/heads/feature/x', 'refs/tags/v1', 'refs/tags/stable/2.0'])
      expect(matches('*', ref)).toBe(true);
    expect(matches('PROJECT-*', 'refs/heads/stable/PROJECT-new')).toBe(true);
    expect(matches('PROJECT-*', 'refs/tags/PROJECT-1.1')).toBe(true);
    expect(matches('PROJECT-*', 'refs/heads/main')).toBe(false);
    expect(matches('tags/', 'refs/tags/project-1.1.0')).toBe(true);
    expect(matches('tags/**', 'refs/heads/stable/tags/some_branch')).toBe(true);
    expect(matches('tags/', 'refs/heads/main')).toBe(false);
    expect(matches('heads/**/master', 'refs/heads/master')).toBe(true);
    expect(matches('heads/**/master', 'refs/heads/stable/master')).toBe(true);
    expect(matches('heads/**/master', 'refs/tags/master')).toBe(false);
    expect(matches('refs/heads/main', 'refs/heads/main')).toBe(true);
    expect(matches('main', 'refs/heads/mainline')).toBe(false);
  });
});
