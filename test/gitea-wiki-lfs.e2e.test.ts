/**
 * Wikis and Git LFS with a Gitea side, end to end through the bundled CLI: Gitea → Gitea with `lfs` and `wikis`
 * (objects copied and readable, the wiki's git repository mirrored), and GitLab → Gitea into an existing repository
 * whose wiki was switched off (the mirror switches it on, then pushes the wiki).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { gitAs } from './forge/git-client.js';
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
import { addNamespace, endpointOf, expectExit, startHostForge, type HostForge } from './support/pairs.js';

describe('wikis and LFS with a Gitea side', () => {
  let source: HostForge;
  let target: HostForge;
  let gitlab: HostForge;
  let work: string;
  let spy: GitSpy;
  const outputs: string[] = [];
  const assets: Record<string, string> = { 'model.bin': 'weights v1\n'.repeat(200), 'logo.bin': 'pixels\n'.repeat(90) };

  const mirror = async (from: HostForge, fromOwner: string, to: HostForge, toOwner: string): Promise<CliRun> => {
    const dir = path.join(work, `${from.type}-${fromOwner}-${toOwner}`);
    fs.mkdirSync(dir, { recursive: true });
    const env = mirrorEnv(
      {
        source: endpointOf('source', from, fromOwner, false),
        target: endpointOf('target', to, toOwner, false),
        cacheDir: path.join(dir, 'cache'),
        reportFile: path.join(dir, 'report.json'),
      },
      { MIRROR_WIKIS: 'true', MIRROR_LFS: 'true', MIRROR_VERIFY_INTERVAL: '0' },
    );
    const run = await runCli({ env, spy, dist: true });
    outputs.push(run.stdout, run.stderr, JSON.stringify(run.report ?? {}));
    return run;
  };

  beforeAll(async () => {
    const probe = spawnSync('git', ['lfs', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) throw new Error('git-lfs is not installed: `apt-get install -y git-lfs` (as .ci/run does)');
    work = tempDir('org-mirror-gitea-wiki-lfs-');
    spy = gitSpy(work);
    [source, target, gitlab] = await Promise.all([
      startHostForge('gitea', 'src-bot'),
      startHostForge('gitea', 'mirror-bot'),
      startHostForge('gitlab', 'gl-bot'),
    ]);
    addNamespace(source, 'acme');
    addNamespace(target, 'mirrors');
    addNamespace(target, 'from-gitlab');
    addNamespace(gitlab, 'team');

    // A developer pushes an LFS-tracked history with the real git-lfs client; the wiki has two branches and a tag.
    source.forge.addRepo('acme', 'assets', { defaultBranch: 'main' });
    const dir = path.join(work, 'client');
    const auth = { url: source.forge.url, token: source.dev.token, username: source.dev.username };
    const ok = async (cwd: string, args: string[]): Promise<void> => {
      const result = await gitAs(cwd, args, auth);
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    };
    await ok(work, ['clone', '-q', `${source.forge.url}/acme/assets.git`, dir]);
    await ok(dir, ['lfs', 'install', '--local']);
    await ok(dir, ['lfs', 'track', '*.bin']);
    for (const [file, text] of Object.entries(assets)) fs.writeFileSync(path.join(dir, file), text);
    await ok(dir, ['add', '.']);
    await ok(dir, ['commit', '-qm', 'Assets']);
    await ok(dir, ['push', '-q', 'origin', 'HEAD:refs/heads/main']);
    source.forge.seedWiki('acme', 'assets', {
      branches: { master: ['Home.md', 'Setup.md'], drafts: ['Ideas.md'] },
      tags: ['w1'],
    });

    gitlab.forge.addRepo('team', 'handbook', { defaultBranch: 'main' });
    gitlab.forge.seed('team', 'handbook', { branches: { main: ['h.txt'] } });
    gitlab.forge.seedWiki('team', 'handbook', { branches: { master: ['home.md', 'onboarding.md'] } });
    // The target exists already, empty, with its wiki switched off.
    target.forge.addRepo('from-gitlab', 'handbook', { defaultBranch: 'main', wiki: false });
  });

  afterAll(async () => {
    await Promise.all([source?.forge.stop(), target?.forge.stop(), gitlab?.forge.stop()]);
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('Gitea → Gitea: LFS objects and the wiki mirrored; a second run writes nothing', async () => {
    const run = await mirror(source, 'acme', target, 'mirrors');
    expectExit(run, 0);
    expect(run.report?.repos.find((repo) => repo.name === 'assets')?.status).toBe('created');
    expect(target.forge.lfsObjects('mirrors/assets').sort()).toEqual(source.forge.lfsObjects('acme/assets').sort());
    expect(target.forge.lfsObjects('mirrors/assets')).toHaveLength(2);
    expect(target.forge.wikiRefs('mirrors', 'assets')).toEqual(source.forge.wikiRefs('acme', 'assets'));
    expect(Object.keys(target.forge.wikiRefs('mirrors', 'assets'))).toHaveLength(3);

    const clone = path.join(work, 'target-clone');
    const targetAuth = { url: target.forge.url, token: target.bot.token, username: 'reader' };
    expect(
      (await gitAs(work, ['clone', '-q', `${target.forge.url}/mirrors/assets.git`, clone], targetAuth)).status,
    ).toBe(0);
    expect((await gitAs(clone, ['lfs', 'install', '--local'], targetAuth)).status).toBe(0);
    expect((await gitAs(clone, ['lfs', 'pull'], targetAuth)).status).toBe(0);
    for (const [file, text] of Object.entries(assets))
      expect(fs.readFileSync(path.join(clone, file), 'utf8')).toBe(text);

    const writes = target.forge.writes.length;
    const pushes = target.forge.pushes.length;
    const again = await mirror(source, 'acme', target, 'mirrors');
    expectExit(again, 0);
    expect(again.report?.repos.find((repo) => repo.name === 'assets')?.status).toBe('up-to-date');
    expect(target.forge.writes.slice(writes)).toEqual([]);
    expect(target.forge.pushes.length).toBe(pushes);
  });

  test('GitLab → Gitea: the target wiki is switched on, then mirrored', async () => {
    const run = await mirror(gitlab, 'team', target, 'from-gitlab');
    expectExit(run, 0);
    const repo = target.forge.repo('from-gitlab', 'handbook');
    expect(repo.hasWiki).toBe(true);
    expect(target.forge.wikiRefs('from-gitlab', 'handbook')).toEqual(gitlab.forge.wikiRefs('team', 'handbook'));
    expect(target.forge.writes.map((r) => `${r.method} ${r.path}`)).toContain(
      'PATCH /api/v1/repos/from-gitlab/handbook',
    );
  });

  test('no contract violation, nothing written to the sources, no token anywhere', () => {
    for (const host of [source, target, gitlab]) expect(host.forge.violations).toEqual([]);
    expect(source.forge.writes).toEqual([]);
    expect(gitlab.forge.writes).toEqual([]);
    const secrets = [source, target, gitlab].flatMap((host) => [host.bot.token, host.dev.token]);
    for (const text of outputs) expect(textContains(text, secrets)).toBe(false);
    expect(filesContaining(work, secrets)).toEqual([]);
    expect(textContains(spy.calls().join('\n'), secrets)).toBe(false);
  });
});
