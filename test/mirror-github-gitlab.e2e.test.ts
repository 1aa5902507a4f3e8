/**
 * The whole product, end to end: a GitHub organization mirrored into a GitLab group by the CLI (a separate process),
 * against two forges speaking the real APIs with real git over smart HTTP and protection enforced by a pre-receive
 * hook. The story runs in order: each test builds on the state the previous one left.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startForge, type Forge } from './forge/forge.js';
import { gitAs } from './forge/git-client.js';
import { listRefs } from './forge/seed.js';
import {
  filesContaining,
  gitSpy,
  mirrorEnv,
  runCli,
  tempDir,
  textContains,
  type CliRun,
  type GitSpy,
} from './support/cli.js';

const SOURCE_TOKEN = 'ghp_SourceTokenE2E0123456789abcdefABCDEF';
const TARGET_TOKEN = 'glpat-TargetTokenE2E0123456789xyz';
const DEV_TOKEN = 'glpat-DeveloperToken0123456789abc';

describe('GitHub organization → GitLab group', () => {
  let source: Forge;
  let target: Forge;
  let work: string;
  let spy: GitSpy;
  const outputs: string[] = [];

  const env = (extra: Record<string, string> = {}): Record<string, string> =>
    mirrorEnv(
      {
        source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
        target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
        cacheDir: path.join(work, 'cache'),
        reportFile: path.join(work, 'report.json'),
      },
      { MIRROR_EXCLUDE: 'scratch-.*', MIRROR_CONCURRENCY: '3', ...extra },
    );

  const mirror = async (extra: Record<string, string> = {}, args: string[] = []): Promise<CliRun> => {
    const started = Date.now();
    const run = await runCli({ env: env(extra), args, spy, dist: true });
    if (process.env.E2E_TIMING) process.stderr.write(`cli ${Date.now() - started} ms ${run.report?.durationMs}\n`);
    outputs.push(run.stdout, run.stderr, JSON.stringify(run.report ?? {}));
    return run;
  };

  const sourceRefs = (name: string) => listRefs(source.repoDir('acme', name));
  const targetRefs = (name: string) => listRefs(target.repoDir('mirrors', name));
  const statusOf = (run: CliRun, name: string) => run.report?.repos.find((repo) => repo.name === name)?.status;

  /** A developer's clone of a source repo, to change it with real pushes (as the host records them). */
  const sourceClone = async (name: string): Promise<string> => {
    const dir = path.join(work, `src-${name}-${Date.now()}`);
    const result = await gitAs(work, ['clone', '-q', `${source.url}/acme/${name}.git`, dir], {
      url: source.url,
      token: SOURCE_TOKEN,
    });
    expect(result.stderr).not.toMatch(/fatal/);
    return dir;
  };
  const commit = async (dir: string, file: string): Promise<void> => {
    fs.writeFileSync(path.join(dir, file), `${file} ${Math.random()}\n`);
    await gitAs(dir, ['add', file]);
    await gitAs(dir, ['commit', '-qm', `change ${file}`]);
  };
  const push = (dir: string, args: string[]) =>
    gitAs(dir, ['push', 'origin', ...args], { url: source.url, token: SOURCE_TOKEN });

  beforeAll(async () => {
    work = tempDir();
    spy = gitSpy(work);
    source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
    target = await startForge({
      type: 'gitlab',
      users: [
        { username: 'mirror-bot', token: TARGET_TOKEN },
        { username: 'dev', token: DEV_TOKEN },
      ],
    });
    source.addOrg('acme', { members: { 'src-bot': 'admin' } });
    source.addRepo('acme', 'api', { defaultBranch: 'main', description: 'The API' });
    source.seed('acme', 'api', {
      branches: { main: ['README.md', 'api.txt'], dev: ['dev.txt'], 'feature/x': ['x.txt'] },
      tags: ['v1', { name: 'v2', message: 'Release 2' }],
      extraRefs: ['refs/pull/7/head'],
    });
    source.addRepo('acme', 'web', { defaultBranch: 'trunk' });
    source.seed('acme', 'web', { branches: { trunk: ['index.html'] }, tags: ['web-1'] });
    source.addRepo('acme', 'empty-one');
    source.addRepo('acme', 'forked', { fork: true, forkedFrom: 'other/forked' });
    source.seed('acme', 'forked', { branches: { main: ['f.txt'] } });
    source.addRepo('acme', 'old', { archived: true });
    source.seed('acme', 'old', { branches: { main: ['o.txt'] } });
    source.addRepo('acme', 'scratch-pad');
    source.seed('acme', 'scratch-pad', { branches: { main: ['s.txt'] } });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner', dev: 'developer' } });
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('bad input ends with exit 2, one line naming the input, and no request', async () => {
    const before = source.requests.length + target.requests.length;
    const run = await mirror({ MIRROR_FILTER: '([' });
    expect(run.code).toBe(2);
    const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/filter/);
    expect(lines[0]).toContain('([');
    const shard = await mirror({ MIRROR_SHARD: '3/2' });
    expect(shard.code).toBe(2);
    expect(`${shard.stdout}${shard.stderr}`).toMatch(/shard/);
    expect(source.requests.length + target.requests.length).toBe(before);
    expect(source.gitRequests.length + target.gitRequests.length).toBe(0);
  });

  test('preview on an empty target changes nothing anywhere', async () => {
    const run = await mirror({ MIRROR_MODE: 'preview' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(statusOf(run, 'api')).toBe('create');
    expect(statusOf(run, 'scratch-pad')).toBe('skipped');
    expect(target.writes).toEqual([]);
    expect(source.writes).toEqual([]);
    expect(target.pushes).toEqual([]);
    expect(target.repos.size).toBe(0);
  });

  test('first sync creates exactly the selected repos with identical branches and tags, protected', async () => {
    const run = await mirror();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[\d\/5\] api: created, 5 refs pushed in /);
    const created = [...target.repos.values()].map((repo) => repo.fullPath).sort();
    expect(created).toEqual(['mirrors/api', 'mirrors/empty-one', 'mirrors/forked', 'mirrors/old', 'mirrors/web']);
    for (const name of ['api', 'web', 'forked', 'old']) expect(targetRefs(name)).toEqual(sourceRefs(name));
    expect(Object.keys(targetRefs('api'))).not.toContain('refs/pull/7/head');
    expect(Object.keys(targetRefs('empty-one'))).toEqual([]);
    expect(statusOf(run, 'scratch-pad')).toBe('skipped');
    expect(run.report?.counts).toMatchObject({ created: 5, skipped: 1 });

    const api = target.repo('mirrors', 'api');
    expect(api.description).toBe(`Mirror of ${source.url}/acme/api`);
    expect(api.visibility).toBe('private');
    expect(target.repo('mirrors', 'web').defaultBranch).toBe('trunk');

    // Nobody but the mirror writes: a developer's direct push is refused by the target's protection.
    const clone = path.join(work, 'dev-clone');
    expect(
      (
        await gitAs(work, ['clone', '-q', `${target.url}/mirrors/api.git`, clone], {
          url: target.url,
          token: DEV_TOKEN,
          username: 'oauth2',
        })
      ).status,
    ).toBe(0);
    await commit(clone, 'direct.txt');
    const direct = await gitAs(clone, ['push', 'origin', 'HEAD:refs/heads/main'], {
      url: target.url,
      token: DEV_TOKEN,
      username: 'oauth2',
    });
    expect(direct.status).not.toBe(0);
    expect(direct.stderr).toMatch(/protected|not allowed/i);
    const newTag = await gitAs(clone, ['push', 'origin', 'HEAD:refs/tags/sneaky'], {
      url: target.url,
      token: DEV_TOKEN,
      username: 'oauth2',
    });
    expect(newTag.status).not.toBe(0);
  });

  test('a second run with no change pushes nothing and writes nothing', async () => {
    const writes = target.writes.length + source.writes.length;
    const pushes = target.pushes.length;
    const run = await mirror();
    expect(run.code).toBe(0);
    expect(run.report?.counts).toMatchObject({ 'up-to-date': 5 });
    expect(target.writes.length + source.writes.length).toBe(writes);
    expect(target.pushes.length).toBe(pushes);
  });

  test('source commits, force-pushes, deleted branches and tags, and new repos are reflected', async () => {
    const dir = await sourceClone('api');
    await commit(dir, 'more.txt');
    expect((await push(dir, ['HEAD:refs/heads/main'])).status).toBe(0);
    // Rewrite dev: a force-push at the source must be mirrored.
    await gitAs(dir, ['checkout', '-q', '-B', 'rewritten', 'origin/main~1']);
    await commit(dir, 'rewrite.txt');
    expect((await push(dir, ['--force', 'HEAD:refs/heads/dev'])).status).toBe(0);
    expect((await push(dir, [':refs/heads/feature/x', ':refs/tags/v1'])).status).toBe(0);
    source.addRepo('acme', 'newsvc');
    source.seed('acme', 'newsvc', { branches: { main: ['n.txt'] }, tags: ['n1'] });

    const run = await mirror();
    expect(run.code).toBe(0);
    expect(targetRefs('api')).toEqual(sourceRefs('api'));
    expect(targetRefs('newsvc')).toEqual(sourceRefs('newsvc'));
    expect(statusOf(run, 'api')).toBe('updated');
    expect(statusOf(run, 'newsvc')).toBe('created');
    expect(statusOf(run, 'web')).toBe('up-to-date');
    const kinds = Object.fromEntries(
      (run.report?.repos.find((repo) => repo.name === 'api')?.refs ?? []).map((ref) => [ref.ref, ref.kind]),
    );
    expect(kinds).toEqual({
      'refs/heads/main': 'update',
      'refs/heads/dev': 'force-update',
      'refs/heads/feature/x': 'delete',
      'refs/tags/v1': 'delete',
    });
  });

  test('a commit made on the target is diverged, left untouched, and fails the run while others still sync', async () => {
    // Someone with server access changed the mirror behind the protection's back.
    const directSha = target.seed('mirrors', 'web', { branches: { trunk: ['hotfix.txt'] } }).refs['refs/heads/trunk'];
    const dir = await sourceClone('api');
    await commit(dir, 'after-divergence.txt');
    expect((await push(dir, ['HEAD:refs/heads/main'])).status).toBe(0);
    const webDir = await sourceClone('web');
    await commit(webDir, 'page.html');
    expect((await push(webDir, ['HEAD:refs/heads/trunk'])).status).toBe(0);

    const run = await mirror();
    expect(run.code).toBe(1);
    expect(statusOf(run, 'web')).toBe('diverged');
    expect(run.report?.repos.find((repo) => repo.name === 'web')?.reason).toMatch(/refs\/heads\/trunk/);
    expect(targetRefs('web')['refs/heads/trunk']).toBe(directSha);
    expect(statusOf(run, 'api')).toBe('updated');
    expect(targetRefs('api')).toEqual(sourceRefs('api'));

    // Still diverged on the next run: the state never adopts what someone else wrote.
    const again = await mirror();
    expect(again.code).toBe(1);
    expect(statusOf(again, 'web')).toBe('diverged');
    expect(targetRefs('web')['refs/heads/trunk']).toBe(directSha);
  });

  test('check reports the diverged mirror without changing anything', async () => {
    const writes = target.writes.length;
    const pushes = target.pushes.length;
    const run = await mirror({ MIRROR_MODE: 'check' });
    expect(run.code).toBe(1);
    expect(statusOf(run, 'web')).toBe('diverged');
    expect(statusOf(run, 'api')).toBe('in-sync');
    expect(statusOf(run, 'empty-one')).toBe('empty');
    expect(target.writes.length).toBe(writes);
    expect(target.pushes.length).toBe(pushes);
  });

  test('on-divergence overwrite restores the source state', async () => {
    const run = await mirror({ MIRROR_ON_DIVERGENCE: 'overwrite' });
    expect(run.code).toBe(0);
    expect(targetRefs('web')).toEqual(sourceRefs('web'));
    expect(statusOf(run, 'web')).toBe('updated');
    const after = await mirror();
    expect(after.code).toBe(0);
    expect(after.report?.counts).toMatchObject({ 'up-to-date': 6 });
  });

  test('a repo deleted at the source is kept on the target and reported orphaned', async () => {
    source.repos.delete('acme/newsvc');
    const run = await mirror();
    expect(run.code).toBe(0);
    expect(statusOf(run, 'newsvc')).toBe('orphaned');
    expect(target.repo('mirrors', 'newsvc')).toBeDefined();
  });

  test('no token in output, report, cache, or any git argv; no contract violation', () => {
    const secrets = [SOURCE_TOKEN, TARGET_TOKEN, `x-access-token:${SOURCE_TOKEN}`, `oauth2:${TARGET_TOKEN}`];
    for (const text of outputs) expect(textContains(text, secrets)).toBe(false);
    expect(filesContaining(path.join(work, 'cache'), secrets)).toEqual([]);
    expect(filesContaining(path.join(work, 'report.json'), secrets)).toEqual([]);
    const argv = spy.calls();
    expect(argv.length).toBeGreaterThan(10);
    expect(textContains(argv.join('\n'), secrets)).toBe(false);
    expect(argv.some((line) => line.includes('extraHeader') || line.includes('Authorization'))).toBe(false);
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  });
});
