/**
 * A GitLab group mirrored into each of the four target hosts by the CLI (the story of test/support/pairs.ts), then the
 * naming rules that only a GitLab source can exercise: subgroup paths flattened on flat targets and kept on a GitLab
 * target, and two source paths that land on one flat target name (on their own target forges, beside the stories).
 */
import { expect, test } from '@jest/globals';

import { type ForgeType } from './forge/forge.js';
import { describePairsFrom, expectExit, statusOf, type Pair } from './support/pairs.js';
import { scaled } from './support/time-scale.mjs';

const gitRequestsTo = (pair: Pair, name: string) =>
  pair.target.forge.gitRequests.filter((r) => r.repo.toLowerCase() === `${pair.targetOwner}/${name}`.toLowerCase());

describePairsFrom('gitlab', {
  targets: ['github', 'gitlab', 'bitbucket-cloud'],
  define: (world) => {
    test.concurrent(
      'subgroups: platform/api is platform-api on a flat target and stays in subgroup platform on GitLab',
      async () => {
        const targets: [ForgeType, string][] = [
          ['github', 'platform-api'],
          ['gitlab', 'platform/api'],
        ];
        const pairs = targets.map(([type]) => world().pair(type, 'nested', { extra: true }));
        for (const pair of pairs) {
          pair.source.forge.addRepo(pair.sourceOwner, 'platform/api', { visibility: 'private', defaultBranch: 'main' });
          pair.source.forge.seed(pair.sourceOwner, 'platform/api', {
            branches: { main: ['api.txt'], 'release/1': ['r.txt'] },
            tags: ['v1'],
          });
          pair.source.forge.addRepo(pair.sourceOwner, 'tools', { visibility: 'private' });
          pair.source.forge.seed(pair.sourceOwner, 'tools', { branches: { main: ['t.txt'] } });
        }
        const runs = await Promise.all(pairs.map((pair) => pair.mirror({ MIRROR_VISIBILITY: 'public' })));
        runs.forEach((run, i) => {
          const pair = pairs[i];
          const [type, expected] = targets[i];
          expectExit(run, 0);
          expect(statusOf(run, 'platform/api')).toBe('created');
          expect(run.report?.repos.find((repo) => repo.name === 'platform/api')?.target).toBe(expected);
          const created = pair.targetRepo(expected);
          expect(pair.targetRefs(expected)).toEqual(pair.sourceRefs('platform/api'));
          expect(created.visibility).toBe('public');
          expect(pair.targetRepo('tools').visibility).toBe('public');
          if (type === 'gitlab') {
            expect(created.owner).toBe(`${pair.targetOwner}/platform`);
            expect(pair.target.forge.namespaces.get(`${pair.targetOwner}/platform`.toLowerCase())?.parent).toBe(
              pair.targetOwner,
            );
          } else expect(created.owner).toBe(pair.targetOwner);
        });

        // The mapping is stable: the next run finds the same target repos and has nothing to do.
        const writes = pairs.map((pair) => pair.target.forge.writes.length);
        const again = await Promise.all(pairs.map((pair) => pair.mirror({ MIRROR_VISIBILITY: 'public' })));
        again.forEach((run, i) => {
          expectExit(run, 0);
          expect(run.report?.counts).toMatchObject({ 'up-to-date': 2 });
          expect(pairs[i].target.forge.writes.length).toBe(writes[i]);
        });
      },
      scaled(240_000),
    );

    test.concurrent(
      'platform/api and platform-api into a flat target: both fail, exit 1, the existing repo is not overwritten',
      async () => {
        const pair = world().pair('bitbucket-cloud', 'clash', { extra: true });
        const { forge } = pair.source;
        forge.addRepo(pair.sourceOwner, 'platform/api');
        forge.seed(pair.sourceOwner, 'platform/api', { branches: { main: ['nested.txt'] } });
        forge.addRepo(pair.sourceOwner, 'platform-api');
        forge.seed(pair.sourceOwner, 'platform-api', { branches: { main: ['flat.txt'] } });
        forge.addRepo(pair.sourceOwner, 'tools');
        forge.seed(pair.sourceOwner, 'tools', { branches: { main: ['t.txt'] } });
        // The target already holds a platform-api (mirrored earlier, or made by hand): neither source may take it over.
        pair.target.forge.addRepo(pair.targetOwner, 'platform-api');
        const existing = pair.target.forge.seed(pair.targetOwner, 'platform-api', { branches: { main: ['mine.txt'] } });

        const run = await pair.mirror();
        expectExit(run, 1);
        for (const name of ['platform/api', 'platform-api']) {
          expect(statusOf(run, name)).toBe('failed');
          expect(run.report?.repos.find((repo) => repo.name === name)?.reason).toMatch(/platform-api/);
        }
        expect(run.report?.repos.find((repo) => repo.name === 'platform/api')?.reason).toMatch(
          /name collision: .*all map to platform-api/,
        );
        expect(statusOf(run, 'tools')).toBe('created');
        expect(pair.targetRefs('platform-api')).toEqual(existing.refs);
        expect(gitRequestsTo(pair, 'platform-api').filter((r) => r.service === 'git-receive-pack')).toEqual([]);
        expect([...pair.target.forge.repos.values()].filter((repo) => repo.owner === pair.targetOwner).length).toBe(2);
      },
      scaled(240_000),
    );
  },
});
