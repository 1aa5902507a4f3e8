/**
 * Default branch and visibility follow the source without a push (issue 9 item 1) while the push-stamp fast path stays
 * free: a GitHub source (trusted `pushed_at`) into a GitLab target and a Bitbucket Server target (whose listing has no
 * default branch), by the bundled CLI, with a git wrapper per pair that logs every git process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import type { ForgeType } from './forge/forge.js';
import { gitSpy, runCli, tempDir, textContains, type GitSpy } from './support/cli.js';
import { addNamespace, expectExit, Pair, startHostForge, statusOf, type HostForge } from './support/pairs.js';

const TARGETS: ForgeType[] = ['gitlab', 'bitbucket-server'];
const REPOS = ['alpha', 'beta', 'gamma'];
/** A push stamp old enough to be trusted (the mirror ignores stamps of the last few seconds). */
const OLD_STAMP = '2024-01-01T00:00:00Z';

describe('default branch and visibility follow the source; the fast path stays free', () => {
  let source: HostForge;
  let targets: HostForge[];
  let root: string;
  const pairs: Pair[] = [];

  beforeAll(async () => {
    root = tempDir('org-mirror-follow-');
    [source, ...targets] = await Promise.all([
      startHostForge('github', 'src-bot'),
      ...TARGETS.map((type) => startHostForge(type, 'mirror-bot')),
    ]);
  });

  afterAll(async () => {
    await Promise.all([source, ...targets].filter(Boolean).map((host) => host.forge.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  test.concurrent.each(TARGETS)(
    'github → %s: settings changed without a push are followed, unchanged repositories cost no git process',
    async (targetType) => {
      const target = targets.find((host) => host.type === targetType) as HostForge;
      const sourceOwner = addNamespace(source, `follow-to-${targetType}`);
      const targetOwner = addNamespace(target, 'follow-from-gh');
      const spyDir = fs.mkdtempSync(path.join(root, 'spy-'));
      const spy = gitSpy(spyDir);
      const pair = new Pair(source, sourceOwner, target, targetOwner, spy, root, {
        source: false,
        target: targetType === 'bitbucket-server',
      });
      pairs.push(pair);
      for (const name of REPOS) {
        source.forge.addRepo(sourceOwner, name, { defaultBranch: 'main', visibility: 'private' });
        source.forge.seed(sourceOwner, name, { branches: { main: [`${name}.txt`], dev: ['dev.txt'] } });
        pair.sourceRepo(name).pushedAt = OLD_STAMP;
      }
      const run = () => mirrorCounting(pair, spy);

      const first = await run();
      expectExit(first.run, 0);
      expect(first.run.report?.counts).toMatchObject({ created: 3 });

      // Nothing changed: every repository takes the fast path, no git process, no request naming a repository.
      const idle = await run();
      expectExit(idle.run, 0);
      expect(idle.run.report?.counts).toMatchObject({ 'up-to-date': 3 });
      expect(idle.git).toEqual([]);
      expect(idle.requests.filter((request) => /alpha|beta|gamma/.test(request))).toEqual([]);

      // Settings changed at the source, no push (the stamp does not move).
      source.forge.setHead(pair.sourceRepo('alpha'), 'dev');
      pair.sourceRepo('beta').visibility = 'public';
      const followed = await run();
      expectExit(followed.run, 0);
      expect(followed.run.report?.counts).toMatchObject({ 'up-to-date': 3 });
      expect(pair.targetRepo('alpha').defaultBranch).toBe('dev');
      expect(pair.targetRepo('beta').visibility).toBe('public');
      expect(pair.targetRepo('gamma').defaultBranch).toBe('main');
      expect(pair.targetRepo('gamma').visibility).toBe('private');
      // Only the two changed repositories were compared (refs read in process: no git process at all); gamma stayed on
      // the fast path.
      expect(followed.git).toEqual([]);
      expect(new Set(followed.refReads.map((repo) => repo.split('/').pop()))).toEqual(new Set(['alpha', 'beta']));
      expect(followed.requests.filter((request) => /gamma/.test(request))).toEqual([]);
      expect(followed.pushes).toBe(0);

      // And then nothing again: no git process, no write.
      const after = await run();
      expectExit(after.run, 0);
      expect(after.run.report?.counts).toMatchObject({ 'up-to-date': 3 });
      for (const name of REPOS) expect(statusOf(after.run, name)).toBe('up-to-date');
      expect(after.git).toEqual([]);
      expect(after.writes).toEqual([]);
    },
    240_000,
  );

  test('no contract violation, nothing written to the source, no token in any output', () => {
    for (const host of [source, ...targets]) {
      expect({ forge: host.type, violations: host.forge.violations }).toEqual({ forge: host.type, violations: [] });
    }
    expect(source.forge.writes).toEqual([]);
    const secrets = [source, ...targets].flatMap((host) => [host.bot.token, host.dev.token]);
    for (const pair of pairs) for (const text of pair.outputs) expect(textContains(text, secrets)).toBe(false);
  });
});

/** One run, with the git processes it started and the API requests and pushes both forges saw during it. */
async function mirrorCounting(pair: Pair, spy: GitSpy) {
  const git = spy.calls().length;
  const sourceRequests = pair.source.forge.requests.length;
  const targetRequests = pair.target.forge.requests.length;
  const writes = pair.target.forge.writes.length;
  const pushes = pair.target.forge.pushes.length;
  const sourceGit = pair.source.forge.gitRequests.length;
  const targetGit = pair.target.forge.gitRequests.length;
  const run = await runCli({ env: pair.env({ MIRROR_VISIBILITY: 'source' }), spy, dist: true });
  pair.outputs.push(run.stdout, run.stderr);
  const own = (request: { path: string }) => request.path.toLowerCase().includes(pair.sourceOwner.toLowerCase());
  return {
    run,
    git: spy.calls().slice(git),
    requests: [
      ...pair.source.forge.requests.slice(sourceRequests).filter(own),
      ...pair.target.forge.requests.slice(targetRequests),
    ].map((request) => `${request.method} ${request.path}`),
    writes: pair.target.forge.writes.slice(writes),
    pushes: pair.target.forge.pushes.length - pushes,
    /** Repositories whose refs were read over git's HTTP protocol, on either side. */
    refReads: [
      ...pair.source.forge.gitRequests.slice(sourceGit).filter((request) => own({ path: request.repo })),
      ...pair.target.forge.gitRequests.slice(targetGit),
    ]
      .filter((request) => request.service === 'git-upload-pack' && request.phase === 'advertise')
      .map((request) => request.repo.replace(/\.git$/, '')),
  };
}
