/**
 * `lfs: true` end to end through the bundled CLI: LFS objects copied before the refs that need them and readable on
 * the target; a repository whose LFS object is missing on the source fails alone, loudly, without its refs pushed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startForge, type Forge } from './forge/forge.js';
import { gitAs } from './forge/git-client.js';
import { listRefs } from './forge/seed.js';
import { filesContaining, runCli, tempDir, textContains, type CliRun } from './support/cli.js';

const SOURCE_TOKEN = 'ghp_lfsSourceToken0123456789abcdefABCD';
const TARGET_TOKEN = 'glpat-lfsTargetToken0123456789';
const DEV_TOKEN = 'ghp_lfsDeveloperToken0123456789abcdef';

describe('Git LFS mirroring through the CLI (GitHub → GitLab)', () => {
  let source: Forge;
  let target: Forge;
  let work: string;
  let run: CliRun;
  const assets: Record<string, string> = {
    'model.bin': 'weights v1\n'.repeat(200),
    'logo.bin': 'logo pixels\n'.repeat(80),
  };

  /** A developer pushes an LFS-tracked history with the real git-lfs client. */
  async function pushLfsRepo(name: string, files: Record<string, string>): Promise<void> {
    source.addRepo('acme', name);
    const dir = path.join(work, `client-${name}`);
    const auth = { url: source.url, token: DEV_TOKEN };
    const ok = async (cwd: string, args: string[]): Promise<void> => {
      const result = await gitAs(cwd, args, auth);
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    };
    await ok(work, ['clone', '-q', `${source.url}/acme/${name}.git`, dir]);
    await ok(dir, ['lfs', 'install', '--local']);
    await ok(dir, ['lfs', 'track', '*.bin']);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
    await ok(dir, ['add', '.']);
    await ok(dir, ['commit', '-qm', `Assets of ${name}`]);
    await ok(dir, ['push', '-q', 'origin', 'HEAD:refs/heads/main']);
  }

  beforeAll(async () => {
    const probe = spawnSync('git', ['lfs', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0)
      throw new Error(
        'git-lfs is not installed: `npm test` installs it (scripts/check-tools.mjs), or `apt-get install -y git-lfs`',
      );
    work = tempDir('org-mirror-lfs-e2e-');
    source = await startForge({
      type: 'github',
      users: [
        { username: 'src-bot', token: SOURCE_TOKEN },
        { username: 'dev', token: DEV_TOKEN },
      ],
    });
    target = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TARGET_TOKEN }] });
    source.addOrg('acme', { members: { 'src-bot': 'read', dev: 'write' } });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner' } });
    await pushLfsRepo('assets', assets);
    await pushLfsRepo('broken', { 'lost.bin': 'this object will be lost\n'.repeat(30) });
    source.addRepo('acme', 'plain');
    source.seed('acme', 'plain', { branches: { main: ['README.md'] } });
    for (const oid of source.lfsObjects('acme/broken')) source.deleteLfsObject('acme/broken', oid);

    run = await runCli({
      dist: true,
      env: {
        MIRROR_SOURCE_TYPE: 'github',
        MIRROR_SOURCE_URL: source.url,
        MIRROR_SOURCE_OWNER: 'acme',
        MIRROR_SOURCE_TOKEN: SOURCE_TOKEN,
        MIRROR_TARGET_TYPE: 'gitlab',
        MIRROR_TARGET_URL: target.url,
        MIRROR_TARGET_OWNER: 'mirrors',
        MIRROR_TARGET_TOKEN: TARGET_TOKEN,
        MIRROR_LFS: 'true',
        MIRROR_CACHE_DIR: path.join(work, 'cache'),
        MIRROR_REPORT_FILE: path.join(work, 'report.json'),
        MIRROR_RETRY_SCALE: '0.001',
      },
    });
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const statusOf = (name: string) => run.report?.repos.find((repo) => repo.name === name);

  test('objects are on the target and readable from a clone with LFS', async () => {
    expect(statusOf('assets')?.status).toBe('created');
    expect(target.lfsObjects('mirrors/assets').sort()).toEqual(source.lfsObjects('acme/assets').sort());
    expect(target.lfsObjects('mirrors/assets')).toHaveLength(2);
    expect(listRefs(target.repoDir('mirrors', 'assets'))).toEqual(listRefs(source.repoDir('acme', 'assets')));

    const clone = path.join(work, 'target-clone');
    const result = await gitAs(work, ['clone', '-q', `${target.url}/mirrors/assets.git`, clone], {
      url: target.url,
      token: TARGET_TOKEN,
      username: 'oauth2',
    });
    expect(result.stderr).not.toMatch(/fatal|error/i);
    // The test client has no global git config: install the LFS filters in the clone, then download the objects.
    const targetAuth = { url: target.url, token: TARGET_TOKEN, username: 'oauth2' };
    expect((await gitAs(clone, ['lfs', 'install', '--local'], targetAuth)).status).toBe(0);
    const pull = await gitAs(clone, ['lfs', 'pull'], targetAuth);
    expect(pull.stderr).not.toMatch(/error/i);
    expect(pull.status).toBe(0);
    for (const [file, text] of Object.entries(assets))
      expect(fs.readFileSync(path.join(clone, file), 'utf8')).toBe(text);
  });

  test('a repository whose LFS object is missing on the source fails alone, naming the object', () => {
    expect(run.code).toBe(1);
    const broken = statusOf('broken');
    expect(broken?.status).toBe('failed');
    expect(broken?.reason).toMatch(/[0-9a-f]{64}/);
    expect(broken?.reason).toMatch(/missing/i);
    // Its refs were not pushed: no pointer on the target refers to an object the target lacks.
    expect(listRefs(target.repoDir('mirrors', 'broken'))).toEqual({});
    expect(statusOf('plain')?.status).toBe('created');
  });

  test('no token in output, report or cache; no contract violation', () => {
    const secrets = [SOURCE_TOKEN, TARGET_TOKEN, `x-access-token:${SOURCE_TOKEN}`, `oauth2:${TARGET_TOKEN}`];
    expect(textContains(`${run.stdout}${run.stderr}`, secrets)).toBe(false);
    expect(filesContaining(path.join(work, 'cache'), secrets)).toEqual([]);
    expect(filesContaining(path.join(work, 'report.json'), secrets)).toEqual([]);
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  });
});
