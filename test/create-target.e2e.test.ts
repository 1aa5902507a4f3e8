/**
 * Creating target repositories through a gateway that loses answers (issue 9 item 3), for every target host, by the
 * bundled CLI: the backend creates the repository but the client gets a 502 page or a connection reset; a 502 where
 * the backend did nothing; and a foreign repository that appeared at the path while the answer was lost. Each
 * mirrored repository ends mirrored in that run with exactly one target repository; the foreign one is never written.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { faults } from './forge/faults.js';
import type { FaultMatcher, ForgeType } from './forge/forge.js';
import { gitSpy, tempDir, textContains, filesContaining } from './support/cli.js';
import {
  addNamespace,
  expectExit,
  HOST_TYPES,
  Pair,
  startHostForge,
  statusOf,
  type HostForge,
} from './support/pairs.js';

/**
 * The request that creates repository `name` (any repository without) on each host: named by its path on Bitbucket
 * Cloud, by its body elsewhere (nothing else the mirror sends matches).
 */
const CREATE: Record<ForgeType, (owner: string, name?: string) => FaultMatcher> = {
  github: (owner, name) => ({ method: 'POST', path: new RegExp(`/orgs/${owner}/repos$`, 'i'), body: name }),
  gitlab: (_owner, name) => ({ method: 'POST', path: /\/api\/v4\/projects$/, body: name }),
  'bitbucket-server': (owner, name) => ({ method: 'POST', path: new RegExp(`/projects/${owner}/repos$`), body: name }),
  'bitbucket-cloud': (owner, name) => ({
    method: 'POST',
    path: new RegExp(`^/2\\.0/repositories/${owner}/${name ?? '[^/]+'}$`, 'i'),
  }),
  gitea: (owner, name) => ({ method: 'POST', path: new RegExp(`/api/v1/orgs/${owner}/repos$`, 'i'), body: name }),
};

/** The source repositories, sorted; each create request gets its own fault, whatever order they come in. */
const REPOS = ['collide', 'lost-502', 'lost-reset', 'retry-502'];

describe('creating a target repository survives lost answers', () => {
  let source: HostForge;
  let targets: HostForge[];
  let root: string;
  const pairs: Pair[] = [];

  beforeAll(async () => {
    root = tempDir('org-mirror-create-');
    [source, ...targets] = await Promise.all([
      startHostForge('github', 'src-bot'),
      ...HOST_TYPES.map((type) => startHostForge(type, 'mirror-bot')),
    ]);
  });

  afterAll(async () => {
    await Promise.all([source, ...targets].filter(Boolean).map((host) => host.forge.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  test.concurrent.each(HOST_TYPES)(
    'github → %s: 502 and reset after the backend created it, 502 before, a foreign repository at the path',
    async (targetType) => {
      const target = targets.find((host) => host.type === targetType) as HostForge;
      const sourceOwner = addNamespace(source, `create-to-${targetType}`);
      const targetOwner = addNamespace(target, `create-from-gh`);
      const pair = new Pair(source, sourceOwner, target, targetOwner, gitSpy(tempDir('org-mirror-spy-')), root, {
        source: false,
        target: targetType === 'bitbucket-server',
      });
      pairs.push(pair);
      for (const name of REPOS) {
        source.forge.addRepo(sourceOwner, name, { defaultBranch: 'main', visibility: 'private' });
        source.forge.seed(sourceOwner, name, { branches: { main: [`${name}.txt`] }, tags: ['v1'] });
      }
      const forge = target.forge;
      const create = (name: string) => CREATE[targetType](targetOwner, name);
      // 1. collide: the answer is lost, and meanwhile someone else created a repository with content at the path.
      forge.injectFault(create('collide'), {
        status: 502,
        bodyFrom: () => {
          forge.addRepo(targetOwner, 'collide', { defaultBranch: 'main', description: 'Not a mirror' });
          forge.seed(targetOwner, 'collide', { branches: { main: ['theirs.txt'] } });
          return { message: 'Bad Gateway' };
        },
      });
      // 2. and 3. the backend created the repository; the gateway answered 502, or reset the connection.
      forge.injectFault(create('lost-502'), faults.lostAnswer('bad-gateway'));
      forge.injectFault(create('lost-reset'), faults.lostAnswer('reset'));
      // 4. a 502 where the backend did nothing: created again.
      forge.injectFault(create('retry-502'), faults.htmlPage(502));

      const run = await pair.mirror({ MIRROR_CONCURRENCY: '1', MIRROR_RETRY_SCALE: '0.1' });
      expectExit(run, 1);
      for (const name of ['lost-502', 'lost-reset', 'retry-502']) {
        const result = run.report?.repos.find((repo) => repo.name === name);
        expect({ name, status: result?.status, reason: result?.reason }).toEqual({ name, status: 'created' });
        expect(pair.targetRefs(name)).toEqual(pair.sourceRefs(name));
      }
      expect(run.stdout).toMatch(/adopted .*lost-502/);
      expect(run.stdout).toMatch(/adopted .*lost-reset/);
      expect(run.stdout + run.stderr).toMatch(/creating retry-502: .*trying again \(2\/3\)/);
      const collide = run.report?.repos.find((repo) => repo.name === 'collide');
      expect(collide?.status).toBe('failed');
      expect(collide?.reason).toMatch(/name collision: \S*collide\S* already exists on the target, is not empty/);

      // Exactly one target repository per source repository; one create request each, two for the retried one.
      const names = [...forge.repos.values()]
        .filter((repo) => repo.owner === targetOwner)
        .map((repo) => repo.name.toLowerCase())
        .sort();
      expect(names).toEqual(REPOS);
      const creates = forge.requests.filter(
        (request) => request.method === 'POST' && (CREATE[targetType](targetOwner).path as RegExp).test(request.path),
      );
      expect(creates).toHaveLength(5);

      // The foreign repository was never written: no push, its own content and description.
      const foreign = pair.targetRepo('collide');
      expect(forge.pushes.filter((push) => push.repo.toLowerCase().endsWith('/collide'))).toEqual([]);
      expect(Object.keys(pair.targetRefs('collide'))).toEqual(['refs/heads/main']);
      expect(pair.targetRefs('collide')['refs/heads/main']).not.toBe(pair.sourceRefs('collide')['refs/heads/main']);
      expect(foreign.description).toBe('Not a mirror');

      // The next run: the three mirrors are up to date and written to no more. (The foreign repository is now in the
      // target listing: SPEC allows mirroring into an existing repository, with its own refs kept as diverged.)
      const mirrors = /lost-502|lost-reset|retry-502/i;
      const writes = forge.writes.length;
      const pushes = forge.pushes.length;
      const again = await pair.mirror({ MIRROR_CONCURRENCY: '1' });
      for (const name of ['lost-502', 'lost-reset', 'retry-502']) expect(statusOf(again, name)).toBe('up-to-date');
      expect(forge.writes.slice(writes).filter((request) => mirrors.test(request.path))).toEqual([]);
      expect(forge.pushes.slice(pushes).filter((push) => mirrors.test(push.repo))).toEqual([]);
    },
    240_000,
  );

  test('no contract violation, nothing written to the source, no token anywhere', () => {
    for (const host of [source, ...targets]) {
      expect({ forge: host.type, violations: host.forge.violations }).toEqual({ forge: host.type, violations: [] });
    }
    expect(source.forge.writes).toEqual([]);
    const secrets = [source, ...targets].flatMap((host) => [host.bot.token, host.dev.token]);
    for (const pair of pairs) {
      for (const text of pair.outputs) expect(textContains(text, secrets)).toBe(false);
      expect(filesContaining(pair.work, secrets)).toEqual([]);
    }
  });
});
