import fs from 'node:fs';
import path from 'node:path';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';

describe('forge git over smart HTTP (github)', () => {
  let forge: Forge;
  let work: string;

  beforeAll(async () => {
    forge = await startForge({
      type: 'github',
      users: [
        { username: 'mirror-bot', token: 'tok-mirror' },
        { username: 'dev', token: 'tok-dev' },
        { username: 'reader', token: 'tok-reader' },
      ],
    });
    forge.addOrg('acme', { members: { 'mirror-bot': 'admin', dev: 'write', reader: 'read' } });
    forge.addRepo('acme', 'svc', { visibility: 'private' });
    forge.seed('acme', 'svc', {
      branches: { main: ['README.md', 'a.txt'], dev: ['b.txt'] },
      tags: ['v1', { name: 'v2', message: 'Release 2' }],
      extraRefs: ['refs/pull/1/head'],
    });
    work = tempDir();
  });

  afterAll(async () => {
    await forge.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const auth = (token: string) => ({ url: forge.url, token });

  test('clone with a token works and brings branches and both tag kinds', async () => {
    const dir = path.join(work, 'clone-ok');
    const result = await gitAs(work, ['clone', '--mirror', `${forge.url}/acme/svc.git`, dir], auth('tok-reader'));
    expect(result.stderr).not.toMatch(/fatal/);
    expect(result.status).toBe(0);
    const refs = (await gitAs(dir, ['for-each-ref', '--format=%(refname) %(objecttype)'])).stdout;
    expect(refs).toContain('refs/heads/main commit');
    expect(refs).toContain('refs/heads/dev commit');
    expect(refs).toContain('refs/tags/v1 commit');
    expect(refs).toContain('refs/tags/v2 tag');
    // GitHub advertises pull request refs to fetchers.
    expect(refs).toContain('refs/pull/1/head');
    expect(forge.gitRequests.some((r) => r.service === 'git-upload-pack' && r.user === 'reader')).toBe(true);
  });

  test('clone of a private repo without credentials fails with 401 and the GitHub realm', async () => {
    const result = await gitAs(work, ['clone', `${forge.url}/acme/svc.git`, path.join(work, 'clone-anon')]);
    expect(result.status).not.toBe(0);
    const res = await fetch(`${forge.url}/acme/svc.git/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="GitHub"');
  });

  test('a wrong token is refused', async () => {
    const result = await gitAs(work, ['ls-remote', `${forge.url}/acme/svc.git`], auth('nope'));
    expect(result.status).not.toBe(0);
  });

  test('push needs a write role; a reader gets 403', async () => {
    const dir = path.join(work, 'push');
    expect((await gitAs(work, ['clone', `${forge.url}/acme/svc.git`, dir], auth('tok-dev'))).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'c.txt'), 'c\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'c']);
    const denied = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], auth('tok-reader'));
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toMatch(/403|denied/);
    const before = forge.repo('acme', 'svc').pushedAt;
    const ok = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], auth('tok-dev'));
    expect(ok.stderr).not.toMatch(/rejected|fatal/);
    expect(ok.status).toBe(0);
    expect(forge.refs(forge.repo('acme', 'svc')).get('refs/heads/main')).toBe(
      (await gitAs(dir, ['rev-parse', 'HEAD'])).stdout.trim(),
    );
    expect(forge.repo('acme', 'svc').pushedAt >= before).toBe(true);
    expect(forge.pushes.filter((p) => p.user === 'dev').length).toBe(1);
  });

  test('pushing to a hidden ref (refs/pull) is refused', async () => {
    const dir = path.join(work, 'push');
    const result = await gitAs(dir, ['push', 'origin', 'HEAD:refs/pull/9/head'], auth('tok-dev'));
    expect(result.status).not.toBe(0);
  });

  test('rulesets are enforced by the pre-receive hook; bypass actors and fast-forward/force are told apart', async () => {
    const res = await fetch(`${forge.apiUrl}/repos/acme/svc/rulesets`, {
      method: 'POST',
      headers: { authorization: 'token tok-mirror', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'mirror',
        target: 'branch',
        enforcement: 'active',
        bypass_actors: [{ actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' }],
        conditions: { ref_name: { include: ['~ALL'], exclude: [] } },
        rules: [{ type: 'deletion' }, { type: 'non_fast_forward' }, { type: 'update' }, { type: 'creation' }],
      }),
    });
    expect(res.status).toBe(201);
    const dir = path.join(work, 'push');
    fs.writeFileSync(path.join(dir, 'd.txt'), 'd\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'd']);
    const denied = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], auth('tok-dev'));
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain('GH013: Repository rule violations found for refs/heads/main');
    const newBranch = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/feature'], auth('tok-dev'));
    expect(newBranch.status).not.toBe(0);
    expect(newBranch.stderr).toContain('Cannot create ref');
    // The admin role is a bypass actor: fast-forward and force both pass.
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], auth('tok-mirror'))).status).toBe(0);
    expect((await gitAs(dir, ['push', '--force', 'origin', 'HEAD~2:refs/heads/main'], auth('tok-mirror'))).status).toBe(
      0,
    );
    // Tags are not covered by a branch ruleset.
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/tags/t-dev'], auth('tok-dev'))).status).toBe(0);
  });

  test('<repo>.wiki.git exists once a first page was created, while has_wiki is on; rulesets do not apply', async () => {
    const url = `${forge.url}/acme/svc.wiki.git`;
    const before = await gitAs(work, ['ls-remote', url], auth('tok-reader'));
    expect(before.status).not.toBe(0);
    expect(before.stderr).toMatch(/not found/i);
    const seeded = forge.seedWiki('acme', 'svc', { branches: { master: ['Home.md'] } });
    const listed = await gitAs(work, ['ls-remote', url], auth('tok-reader'));
    expect(listed.stdout).toContain(`${seeded.refs['refs/heads/master']}\trefs/heads/master`);
    expect(listed.stdout).not.toContain('refs/heads/main');
    // The code's rulesets do not cover the wiki: a writer edits it.
    const dir = path.join(work, 'wiki');
    expect((await gitAs(work, ['clone', '-q', url, dir], auth('tok-dev'))).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'Home.md'), 'edited\n');
    await gitAs(dir, ['commit', '-qam', 'edit']);
    expect((await gitAs(dir, ['push', '-q', 'origin', 'HEAD:refs/heads/master'], auth('tok-dev'))).status).toBe(0);
    expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/master'], auth('tok-reader'))).status).not.toBe(0);
    expect(forge.wikiRefs('acme', 'svc')['refs/heads/master']).not.toBe(seeded.refs['refs/heads/master']);
    expect(forge.gitRequests.at(-1)?.repo).toBe('acme/svc.wiki');
    // Switched off: gone, and the API says so.
    forge.repo('acme', 'svc').hasWiki = false;
    expect((await gitAs(work, ['ls-remote', url], auth('tok-reader'))).status).not.toBe(0);
    const api = await fetch(`${forge.apiUrl}/repos/acme/svc`, { headers: { authorization: 'token tok-reader' } });
    expect(((await api.json()) as { has_wiki: boolean }).has_wiki).toBe(false);
    forge.repo('acme', 'svc').hasWiki = true;
    expect(forge.violations).toEqual([]);
  });
});

describe('forge git over smart HTTP (gitlab)', () => {
  let forge: Forge;
  let work: string;

  beforeAll(async () => {
    forge = await startForge({
      type: 'gitlab',
      users: [
        { username: 'maint', token: 'glpat-maint' },
        { username: 'dev', token: 'glpat-dev' },
      ],
    });
    forge.addOrg('grp/sub', { members: {} });
    forge.addOrg('grp', { members: { maint: 'maintainer', dev: 'developer' } });
    forge.addRepo('grp', 'sub/proj');
    work = tempDir();
  });

  afterAll(async () => {
    await forge.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const auth = (token: string) => ({ url: forge.url, token, username: 'oauth2' });

  test('first push protects the default branch; developers are refused, force pushes refused for all', async () => {
    const dir = path.join(work, 'proj');
    expect((await gitAs(work, ['init', '-q', dir])).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'a.txt'), 'a\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'a']);
    // Without .git in the URL, as GitLab allows.
    const first = await gitAs(dir, ['push', `${forge.url}/grp/sub/proj`, 'HEAD:refs/heads/main'], auth('glpat-dev'));
    expect(first.stderr).not.toMatch(/rejected|fatal/);
    expect(first.status).toBe(0);
    fs.writeFileSync(path.join(dir, 'b.txt'), 'b\n');
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', 'b']);
    const denied = await gitAs(
      dir,
      ['push', `${forge.url}/grp/sub/proj.git`, 'HEAD:refs/heads/main'],
      auth('glpat-dev'),
    );
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain('GitLab: You are not allowed to push code to protected branches on this project.');
    expect(
      (await gitAs(dir, ['push', `${forge.url}/grp/sub/proj.git`, 'HEAD:refs/heads/main'], auth('glpat-maint'))).status,
    ).toBe(0);
    const force = await gitAs(
      dir,
      ['push', '--force', `${forge.url}/grp/sub/proj.git`, 'HEAD~1:refs/heads/main'],
      auth('glpat-maint'),
    );
    expect(force.status).not.toBe(0);
    expect(force.stderr).toContain(
      'GitLab: You are not allowed to force push code to a protected branch on this project.',
    );
    const del = await gitAs(dir, ['push', `${forge.url}/grp/sub/proj.git`, ':refs/heads/main'], auth('glpat-maint'));
    expect(del.status).not.toBe(0);
  });

  test('protected tags refuse creation by a developer', async () => {
    const res = await fetch(`${forge.apiUrl}/projects/${encodeURIComponent('grp/sub/proj')}/protected_tags`, {
      method: 'POST',
      headers: { 'private-token': 'glpat-maint', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'v*', create_access_level: 40 }),
    });
    expect(res.status).toBe(201);
    const dir = path.join(work, 'proj');
    const denied = await gitAs(dir, ['push', `${forge.url}/grp/sub/proj.git`, 'HEAD:refs/tags/v1'], auth('glpat-dev'));
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain('GitLab: You are not allowed to create this tag as it is protected.');
    expect(
      (await gitAs(dir, ['push', `${forge.url}/grp/sub/proj.git`, 'HEAD:refs/tags/v1'], auth('glpat-maint'))).status,
    ).toBe(0);
    expect(
      (await gitAs(dir, ['push', `${forge.url}/grp/sub/proj.git`, 'HEAD:refs/tags/other'], auth('glpat-dev'))).status,
    ).toBe(0);
  });

  test('seedMany makes repos with real history that clone like any other', async () => {
    const made = forge.seedMany('grp', 3, { prefix: 'gen' });
    expect(made.map((r) => r.fullPath)).toEqual(['grp/gen-0001', 'grp/gen-0002', 'grp/gen-0003']);
    const refs = await gitAs(work, ['ls-remote', `${forge.url}/grp/gen-0002.git`], auth('glpat-dev'));
    expect(refs.stdout).toMatch(/refs\/heads\/develop/);
    expect(refs.stdout).toMatch(/refs\/tags\/v1\.1\.0\^\{\}/);
    const dir = path.join(work, 'gen');
    expect((await gitAs(work, ['clone', '-q', `${forge.url}/grp/gen-0002.git`, dir], auth('glpat-dev'))).status).toBe(
      0,
    );
    expect(fs.readFileSync(path.join(dir, 'zz-id.txt'), 'utf8')).toBe('grp/gen-0002\n');
  });

  test('<project>.wiki.git is there (empty) while the wiki is enabled; PUT wiki_access_level switches it', async () => {
    const url = `${forge.url}/grp/sub/proj.wiki.git`;
    const listed = await gitAs(work, ['ls-remote', url], auth('glpat-dev'));
    expect(listed.status).toBe(0);
    expect(listed.stdout).toBe('');
    const put = (level: string) =>
      fetch(`${forge.apiUrl}/projects/${encodeURIComponent('grp/sub/proj')}`, {
        method: 'PUT',
        headers: { 'private-token': 'glpat-maint', 'content-type': 'application/json' },
        body: JSON.stringify({ wiki_access_level: level }),
      });
    const off = await put('disabled');
    expect(off.status).toBe(200);
    expect(((await off.json()) as { wiki_access_level: string }).wiki_access_level).toBe('disabled');
    expect((await gitAs(work, ['ls-remote', url], auth('glpat-dev'))).status).not.toBe(0);
    expect((await put('enabled')).status).toBe(200);
    expect((await gitAs(work, ['ls-remote', url], auth('glpat-dev'))).status).toBe(0);
  });

  test('unauthenticated access to a private project asks for GitLab credentials', async () => {
    const res = await fetch(`${forge.url}/grp/sub/proj.git/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="GitLab"');
  });

  test('no contract violations', () => {
    expect(forge.violations).toEqual([]);
  });
});
