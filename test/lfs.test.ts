/**
 * Git LFS mirroring: the forge's LFS server (Batch API + basic transfer) and `mirrorLfsObjects`, with real git-lfs.
 * Source on a fake GitHub, target on a fake GitLab; objects are pushed to the source by a real git-lfs client.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CacheRepo } from '../src/git/cache-repo.js';
import { Git, type GitCredential } from '../src/git/git.js';
import {
  createLfsCopier,
  LfsError,
  lfsEndpoint,
  mirrorLfsObjects,
  type LfsMirrorOptions,
  type LfsMirrorResult,
} from '../src/git/lfs.js';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';

const SOURCE_TOKEN = 'ghp-source-secret-token';
const TARGET_TOKEN = 'glpat-target-secret-token';
const DEV_TOKEN = 'ghp-dev-token';
const READER_TOKEN = 'ghp-reader-token';

function requireGitLfs(): void {
  const probe = spawnSync('git', ['lfs', 'version'], { encoding: 'utf8' });
  if (probe.status !== 0)
    throw new Error(
      'git-lfs is not installed (`git lfs version` failed): install it, e.g. `apt-get install -y git-lfs`, ' +
        'as `npm test` does (scripts/check-tools.mjs). ' +
        (probe.stderr ?? ''),
    );
}

const basic = (token: string, user = 'x-access-token'): string =>
  `Authorization: Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('git lfs mirroring', () => {
  let source: Forge;
  let target: Forge;
  let work: string;
  /** A `git` wrapper first on PATH that logs the argv of every git and git-lfs process. */
  let argvLog: string;
  let wrappedPath: string;

  const content = {
    v1: 'big binary v1\n'.repeat(50),
    v2: 'big binary v2\n'.repeat(60),
    feature: 'feature asset\n'.repeat(10),
    extra: 'extra asset\n'.repeat(5),
  };

  /** Pushes an LFS-tracked history to `acme/<name>` on the source with a real git-lfs client (as `dev`). */
  async function pushLfsHistory(name: string, files: Record<string, string>[]): Promise<void> {
    source.addRepo('acme', name, { visibility: 'private' });
    const dir = path.join(work, `client-${name}`);
    const auth = { url: source.url, token: DEV_TOKEN };
    const ok = async (cwd: string, args: string[]): Promise<string> => {
      const result = await gitAs(cwd, args, auth);
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    await ok(work, ['clone', '-q', `${source.url}/acme/${name}.git`, dir]);
    await ok(dir, ['lfs', 'install', '--local']);
    await ok(dir, ['lfs', 'track', '*.bin']);
    await ok(dir, ['add', '.gitattributes']);
    await ok(dir, ['commit', '-qm', 'Track binaries with LFS']);
    for (const [i, commit] of files.entries()) {
      for (const [file, text] of Object.entries(commit)) {
        if (file.startsWith('branch:')) await ok(dir, ['checkout', '-q', '-b', text]);
        else fs.writeFileSync(path.join(dir, file), text);
      }
      await ok(dir, ['add', '.']);
      await ok(dir, ['commit', '-qm', `Commit ${i}`]);
    }
    await ok(dir, ['tag', 'v1', 'main']);
    await ok(dir, ['push', '-q', 'origin', '--all']);
    await ok(dir, ['push', '-q', 'origin', '--tags']);
  }

  /** Headers for the source and target namespaces, given per call as the engine does. */
  const credentials = (): GitCredential[] => [
    { url: `${source.url}/acme/`, header: basic(SOURCE_TOKEN) },
    { url: `${target.url}/mirrors/`, header: basic(TARGET_TOKEN, 'oauth2') },
  ];

  function mirrorGit(): Git {
    return new Git({ env: { ...process.env, PATH: wrappedPath }, retries: 0 });
  }

  /** `mirrorLfsObjects` as the engine calls it: acme/<from>, cached in `cache-<from>.git`, to mirrors/<to>. */
  const copyLfs = (
    git: Git,
    from: string,
    to: string,
    options: Partial<LfsMirrorOptions> = {},
  ): Promise<LfsMirrorResult> =>
    mirrorLfsObjects({
      git,
      credentials: credentials(),
      repoDir: path.join(work, `cache-${from}.git`),
      sourceUrl: `${source.url}/acme/${from}.git`,
      targetUrl: `${target.url}/mirrors/${to}.git`,
      ...options,
    });

  /** The engine's cache repo (`git init --bare`, no remote), fetched from the source. */
  async function cacheOf(git: Git, name: string): Promise<string> {
    const cache = new CacheRepo(git, path.join(work, `cache-${name}.git`));
    await cache.open();
    await cache.fetch(`${source.url}/acme/${name}.git`, credentials());
    return cache.dir;
  }

  beforeAll(async () => {
    requireGitLfs();
    source = await startForge({
      type: 'github',
      users: [
        { username: 'mirror-bot', token: SOURCE_TOKEN },
        { username: 'dev', token: DEV_TOKEN },
        { username: 'reader', token: READER_TOKEN },
      ],
    });
    source.addOrg('acme', { members: { 'mirror-bot': 'read', dev: 'write', reader: 'read' } });
    target = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TARGET_TOKEN }] });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner' } });
    work = tempDir('lfs-test-');
    const bin = path.join(work, 'bin');
    fs.mkdirSync(bin);
    argvLog = path.join(work, 'argv.log');
    const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    const realLfs = spawnSync('sh', ['-c', 'command -v git-lfs'], { encoding: 'utf8' }).stdout.trim();
    for (const [name, real] of [
      ['git', realGit],
      ['git-lfs', realLfs],
    ]) {
      fs.writeFileSync(
        path.join(bin, name),
        `#!/bin/sh\nprintf '%s\\n' "${name} $*" >> '${argvLog}'\nexec '${real}' "$@"\n`,
        { mode: 0o755 },
      );
    }
    wrappedPath = `${bin}:${process.env.PATH ?? ''}`;
    await pushLfsHistory('assets', [
      { 'model.bin': content.v1, 'README.md': 'readme\n' },
      { 'model.bin': content.v2 },
      { 'branch:': 'feature', 'feature.bin': content.feature },
    ]);
    await pushLfsHistory('broken', [{ 'data.bin': 'will go missing\n' }]);
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('a real git-lfs client stored every version on the source forge', () => {
    expect(source.lfsObjects('acme/assets')).toEqual(
      [sha256(content.v1), sha256(content.v2), sha256(content.feature)].sort(),
    );
    const uploads = source.lfsRequests.filter((r) => r.kind === 'upload' && r.repo === 'acme/assets');
    expect(uploads.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(source.violations).toEqual([]);
  });

  test('mirrorLfsObjects copies all history objects to the target, and a clone of the mirror reads them', async () => {
    const git = mirrorGit();
    const cache = await cacheOf(git, 'assets');
    target.addRepo('mirrors', 'assets');
    const targetUrl = `${target.url}/mirrors/assets.git`;
    const before = target.lfsRequests.length;
    // As the engine calls it: source tips as shas, credentials for this call.
    const tips = ['main', 'feature', 'v1'].map((name) =>
      source.refs(source.repo('acme', 'assets')).get(name === 'v1' ? 'refs/tags/v1' : `refs/heads/${name}`)!,
    );
    const result = await createLfsCopier(git)(
      { dir: cache },
      `${source.url}/acme/assets.git`,
      targetUrl,
      tips,
      credentials(),
    );
    expect(result).toEqual({ downloaded: 3, uploaded: 3 });
    expect(target.lfsObjects('mirrors/assets')).toEqual(source.lfsObjects('acme/assets'));
    const requests = target.lfsRequests.slice(before);
    expect(requests.filter((r) => r.kind === 'locks')).toEqual([]);
    expect(requests.filter((r) => r.kind === 'batch').every((r) => r.user === 'mirror-bot' && r.status === 200)).toBe(
      true,
    );
    // (The developer's own pushes above did ask, as git-lfs does by default: the count is not vacuous.)
    expect(source.lfsRequests.filter((r) => r.kind === 'locks' && r.user === 'dev').length).toBeGreaterThan(0);
    expect(source.lfsRequests.filter((r) => r.kind === 'locks' && r.user === 'mirror-bot')).toEqual([]);
    // Transfers used the per-object header the batch answer handed out (credentials were for the batch call only).
    const uploads = requests.filter((r) => r.kind === 'upload');
    expect(uploads.map((r) => [r.auth, r.user, r.status])).toEqual(Array(3).fill(['action', 'mirror-bot', 200]));
    const downloads = source.lfsRequests.filter((r) => r.kind === 'download' && r.user === 'mirror-bot');
    expect(downloads.map((r) => [r.auth, r.status])).toEqual(Array(3).fill(['action', 200]));
    // No working tree needed: the objects sit in the bare cache.
    expect(fs.existsSync(path.join(cache, 'lfs', 'objects'))).toBe(true);

    await git.run(['push', '-q', targetUrl, 'refs/heads/*:refs/heads/*', 'refs/tags/*:refs/tags/*'], {
      cwd: cache,
      credentials: credentials(),
    });
    const clone = path.join(work, 'target-clone');
    // A user's clone with git-lfs's filters (`clone -c` keeps them in the clone's config).
    const lfsFilters = [
      'filter.lfs.process=git-lfs filter-process',
      'filter.lfs.smudge=git-lfs smudge -- %f',
      'filter.lfs.clean=git-lfs clean -- %f',
      'filter.lfs.required=true',
    ].flatMap((entry) => ['-c', entry]);
    const cloned = await gitAs(work, ['clone', '-q', ...lfsFilters, targetUrl, clone], {
      url: target.url,
      token: TARGET_TOKEN,
    });
    expect(cloned.stderr).not.toMatch(/error|fatal/i);
    expect(cloned.status).toBe(0);
    expect(fs.readFileSync(path.join(clone, 'model.bin'), 'utf8')).toBe(content.v2);
    await gitAs(clone, ['checkout', '-q', 'feature'], { url: target.url, token: TARGET_TOKEN });
    expect(fs.readFileSync(path.join(clone, 'feature.bin'), 'utf8')).toBe(content.feature);
    expect(target.violations).toEqual([]);
    expect(source.violations).toEqual([]);
  });

  test('a second run transfers nothing: cached objects are not downloaded, present ones not uploaded', async () => {
    const git = mirrorGit();
    const puts = target.lfsRequests.filter((r) => r.kind === 'upload').length;
    const gets = source.lfsRequests.filter((r) => r.kind === 'download').length;
    const result = await copyLfs(git, 'assets', 'assets', { refs: ['refs/heads/main', 'refs/heads/feature'] });
    expect(result).toEqual({ downloaded: 0, uploaded: 0 });
    expect(target.lfsRequests.filter((r) => r.kind === 'upload').length).toBe(puts);
    expect(source.lfsRequests.filter((r) => r.kind === 'download').length).toBe(gets);
  });

  test('no refs to push means no git-lfs process at all', async () => {
    const git = mirrorGit();
    const result = await copyLfs(git, 'assets', 'assets', { refs: [] });
    expect(result).toEqual({ downloaded: 0, uploaded: 0 });
    expect(git.processes).toBe(0);
  });

  test('without refs every ref of the cache counts', async () => {
    const git = mirrorGit();
    target.addRepo('mirrors', 'assets-all');
    const result = await copyLfs(git, 'assets', 'assets-all');
    expect(result).toEqual({ downloaded: 0, uploaded: 3 });
    expect(target.lfsObjects('mirrors/assets-all')).toEqual(source.lfsObjects('acme/assets'));
  });

  test('a batch call answered 503 is retried, a bounded number of times', async () => {
    const git = mirrorGit();
    const mirror = (name: string) =>
      copyLfs(git, 'assets', name, { refs: ['refs/heads/main'], repo: name, retries: 2, retryDelayMs: 10 });
    target.addRepo('mirrors', 'retried');
    target.injectFault({ kind: 'git', path: '/mirrors/retried.git/info/lfs/objects/batch', times: 2 }, { status: 503 });
    expect(await mirror('retried')).toEqual({ downloaded: 0, uploaded: 2 });
    target.addRepo('mirrors', 'unavailable');
    target.injectFault(
      { kind: 'git', path: '/mirrors/unavailable.git/info/lfs/objects/batch', times: 3 },
      { status: 503 },
    );
    const failure = mirror('unavailable');
    await expect(failure).rejects.toThrow(LfsError);
    await expect(failure).rejects.toThrow(/^unavailable: git lfs push to .* failed: .*Service Unavailable/);
    // The third attempt used the last fault: a fourth would have succeeded.
    expect(await mirror('unavailable')).toEqual({ downloaded: 0, uploaded: 2 });
  });

  test('a .lfsconfig committed in the source cannot redirect the transfers', async () => {
    // The source repo says its LFS objects live elsewhere (a dead port); the mirror sticks to the hosts it was given.
    const dir = path.join(work, 'client-assets');
    const auth = { url: source.url, token: DEV_TOKEN };
    fs.writeFileSync(path.join(dir, '.lfsconfig'), '[lfs]\n\turl = http://127.0.0.1:9/elsewhere.git/info/lfs\n');
    fs.writeFileSync(path.join(dir, 'extra.bin'), content.extra);
    expect((await gitAs(dir, ['add', '.'], auth)).status).toBe(0);
    expect((await gitAs(dir, ['commit', '-qm', 'Point LFS elsewhere'], auth)).status).toBe(0);
    const pinned = `lfs.url=${source.url}/acme/assets.git/info/lfs`;
    // On main: in a bare repo git-lfs reads `.lfsconfig` from HEAD's commit.
    const push = await gitAs(dir, ['-c', pinned, 'push', '-q', 'origin', 'HEAD:refs/heads/main'], auth);
    expect(push.stderr).not.toMatch(/error|fatal/i);
    const git = mirrorGit();
    const cache = path.join(work, 'cache-assets.git');
    await new CacheRepo(git, cache).fetch(`${source.url}/acme/assets.git`, credentials());
    await git.run(['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: cache });
    const result = await copyLfs(git, 'assets', 'assets', { refs: ['refs/heads/main'] });
    expect(result).toEqual({ downloaded: 1, uploaded: 1 });
    expect(target.lfsObjects('mirrors/assets')).toContain(sha256(content.extra));
  });

  test('an object missing on the source fails with an error naming the repo and the oid; nothing is uploaded', async () => {
    const git = mirrorGit();
    await cacheOf(git, 'broken');
    target.addRepo('mirrors', 'broken');
    const [oid] = source.lfsObjects('acme/broken');
    expect(oid).toBe(sha256('will go missing\n'));
    source.deleteLfsObject('acme/broken', oid);
    expect(source.lfsObjects('acme/broken')).toEqual([]);
    const attempt = copyLfs(git, 'broken', 'broken', { refs: ['refs/heads/main'], repo: 'broken' });
    await expect(attempt).rejects.toThrow(LfsError);
    const error = (await attempt.catch((e: unknown) => e)) as LfsError;
    expect(error.message).toContain('broken');
    expect(error.message).toContain(oid);
    expect(error.missing).toEqual([oid]);
    expect(error.message).not.toContain(SOURCE_TOKEN);
    expect(target.lfsObjects('mirrors/broken')).toEqual([]);
    expect(target.lfsRequests.filter((r) => r.repo === 'mirrors/broken')).toEqual([]);
  });

  test('tokens never reach argv or any .git/config', () => {
    const argv = fs.readFileSync(argvLog, 'utf8');
    // The wrapper saw git and git-lfs at work (so the check below is about real processes)...
    expect(argv).toMatch(/^git lfs fetch --all /m);
    expect(argv).toMatch(/^git-lfs push --all /m);
    // ...and none of them carried a token, raw or base64.
    for (const token of [SOURCE_TOKEN, TARGET_TOKEN]) {
      expect(argv).not.toContain(token);
      expect(argv).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
      expect(argv).not.toContain(Buffer.from(`oauth2:${token}`).toString('base64'));
    }
    for (const cache of ['cache-assets.git', 'cache-broken.git']) {
      const config = fs.readFileSync(path.join(work, cache, 'config'), 'utf8');
      expect(config).not.toMatch(/extraheader|authorization/i);
      expect(config).not.toContain(SOURCE_TOKEN);
      expect(config).not.toContain(TARGET_TOKEN);
      expect(config).not.toMatch(/locksverify\s*=\s*true/);
    }
  });
});

describe('forge LFS server', () => {
  let forge: Forge;
  const repoUrl = (): string => `${forge.url}/acme/store`;

  async function batch(
    operation: string,
    objects: { oid: string; size: number }[],
    token?: string,
    url = `${repoUrl()}.git`,
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const headers: Record<string, string> = {
      accept: 'application/vnd.git-lfs+json',
      'content-type': 'application/vnd.git-lfs+json',
    };
    if (token) headers.authorization = basic(token).slice('Authorization: '.length);
    const res = await fetch(`${lfsEndpoint(url)}/objects/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ operation, transfers: ['basic'], objects }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  }

  beforeAll(async () => {
    forge = await startForge({
      type: 'gitlab',
      users: [
        { username: 'dev', token: 'glpat-dev' },
        { username: 'reader', token: 'glpat-reader' },
      ],
    });
    forge.addOrg('acme', { members: { dev: 'developer', reader: 'reporter' } });
    forge.addRepo('acme', 'store', { visibility: 'private' });
  });

  afterAll(async () => {
    await forge.stop();
  });

  test('upload: batch hands out a PUT href with its own header; the object is stored after its sha256 is checked', async () => {
    const text = 'hello lfs\n';
    const oid = sha256(text);
    // GitLab clone URLs also work without `.git`: git-lfs then adds it (lfsEndpoint), and the forge routes both.
    const answer = await batch('upload', [{ oid, size: text.length }], 'glpat-dev', repoUrl());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/vnd.git-lfs+json');
    const [object] = answer.body.objects as { actions: { upload: { href: string; header: Record<string, string> } } }[];
    const { href, header } = object.actions.upload;
    expect(href).toBe(`${repoUrl()}.git/info/lfs/objects/${oid}`);
    const bad = await fetch(href, { method: 'PUT', headers: header, body: 'tampered!!' });
    expect(bad.status).toBe(422);
    expect(forge.lfsObjects('acme/store')).toEqual([]);
    const stolen = await fetch(href, { method: 'PUT', headers: { authorization: 'RemoteAuth forged' }, body: text });
    expect(stolen.status).toBe(401);
    const put = await fetch(href, { method: 'PUT', headers: header, body: text });
    expect(put.status).toBe(200);
    expect(forge.lfsObjects('acme/store')).toEqual([oid]);
    // Already there: no action, nothing to upload.
    const again = await batch('upload', [{ oid, size: text.length }], 'glpat-dev');
    expect(again.body.objects).toEqual([{ oid, size: text.length }]);
  });

  test('download: present objects get a GET href, missing ones a per-object 404 error', async () => {
    const text = 'hello lfs\n';
    const oid = sha256(text);
    const missing = sha256('nope');
    const answer = await batch(
      'download',
      [
        { oid, size: text.length },
        { oid: missing, size: 4 },
      ],
      'glpat-reader',
    );
    expect(answer.status).toBe(200);
    const [present, absent] = answer.body.objects as {
      actions?: { download: { href: string; header: Record<string, string> } };
      error?: { code: number };
    }[];
    expect(absent.error?.code).toBe(404);
    const res = await fetch(present.actions!.download.href, { headers: present.actions!.download.header });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(text);
    const counted = forge.lfsRequests.filter((r) => r.kind === 'download' && r.repo === 'acme/store');
    expect(counted.map((r) => r.status)).toEqual([200]);
  });

  test('auth: anonymous gets 401 with LFS-Authenticate, a reader may not upload, unknown repos are 404', async () => {
    const oid = sha256('x');
    const anonymous = await batch('download', [{ oid, size: 1 }]);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('lfs-authenticate')).toMatch(/^Basic realm=/);
    expect((await batch('upload', [{ oid, size: 1 }], 'glpat-reader')).status).toBe(403);
    expect((await batch('download', [{ oid, size: 1 }], 'wrong')).status).toBe(401);
    const unknown = await batch('download', [{ oid, size: 1 }], 'glpat-dev', `${forge.url}/acme/nothing.git`);
    expect(unknown.status).toBe(404);
    expect((await batch('download', [{ oid: 'not-an-oid', size: 1 }], 'glpat-dev')).status).toBe(422);
    expect(forge.violations.splice(0)).toEqual(['lfs: batch: objects must be [{oid: sha256 hex, size: integer >= 0}]']);
  });

  test('deleteLfsObject removes an object, which then reads as missing', async () => {
    const text = 'to delete\n';
    const oid = forge.lfs.putObject(forge.repo('acme', 'store'), text);
    expect(forge.lfsObjects('acme/store')).toContain(oid);
    forge.deleteLfsObject('acme/store', oid);
    expect(forge.lfsObjects('acme/store')).not.toContain(oid);
    const answer = await batch('download', [{ oid, size: text.length }], 'glpat-dev');
    expect((answer.body.objects as { error?: { code: number } }[])[0].error?.code).toBe(404);
    expect(() => forge.deleteLfsObject('acme/store', oid)).toThrow(/no LFS object/);
  });
});

describe.each(['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'] as const)(
  'forge LFS endpoint on %s clone URLs',
  (type) => {
    let forge: Forge;
    afterAll(async () => {
      await forge?.stop();
    });

    test('upload then download round-trips through the Batch API at <clone url>/info/lfs', async () => {
      forge = await startForge({ type, users: [{ username: 'dev', token: 'tok-dev' }] });
      forge.addOrg('PROJ', { members: { dev: 'admin' } });
      const repo = forge.addRepo('PROJ', 'assets', { visibility: 'private' });
      const endpoint = lfsEndpoint(forge.host.cloneUrl(repo));
      const text = `object for ${type}\n`;
      const oid = sha256(text);
      const headers = {
        accept: 'application/vnd.git-lfs+json',
        'content-type': 'application/vnd.git-lfs+json',
        authorization: basic('tok-dev', 'dev').slice('Authorization: '.length),
      };
      const ask = async (operation: string) => {
        const res = await fetch(`${endpoint}/objects/batch`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ operation, objects: [{ oid, size: text.length }] }),
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as {
          objects: { actions: Record<string, { href: string; header: Record<string, string> }> }[];
        };
        return body.objects[0].actions[operation];
      };
      const upload = await ask('upload');
      expect((await fetch(upload.href, { method: 'PUT', headers: upload.header, body: text })).status).toBe(200);
      expect(forge.lfsObjects(repo.fullPath)).toEqual([oid]);
      const download = await ask('download');
      const res = await fetch(download.href, { headers: download.header });
      expect(await res.text()).toBe(text);
      expect(forge.lfsRequests.map((r) => [r.kind, r.repo, r.status])).toEqual([
        ['batch', repo.fullPath, 200],
        ['upload', repo.fullPath, 200],
        ['batch', repo.fullPath, 200],
        ['download', repo.fullPath, 200],
      ]);
      expect(forge.violations).toEqual([]);
    });
  },
);
