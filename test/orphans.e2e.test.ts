/**
 * Orphaned mirrors, end to end through the bundled CLI: a GitHub organization mirrored into each target host type;
 * source repositories deleted; `orphans: archive` archives their mirrors (GitHub, GitLab) or marks them (Bitbucket),
 * never more than `orphans-limit`, never on a failed listing or a run limited by `repositories` or `shard`, nothing in
 * preview; a repository that reappears is unarchived and mirrored again. The stories of the four targets run at once.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { githubPush } from './events-fixtures.js';
import { faults } from './forge/faults.js';
import type { ForgeType } from './forge/forge.js';
import { filesContaining, gitSpy, tempDir, textContains, type CliRun } from './support/cli.js';
import { addNamespace, expectExit, Pair, startHostForge, statusOf, type HostForge } from './support/pairs.js';

const TARGETS: ForgeType[] = ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server'];
const GONE = ['gone-1', 'gone-2', 'gone-3'];
const MARK = /\(orphaned on \d{4}-\d{2}-\d{2}\)$/;

const reasonOf = (run: CliRun, name: string): string =>
  run.report?.repos.find((repo) => repo.name === name)?.reason ?? '';

describe('orphaned mirrors: github → every target', () => {
  let source: HostForge;
  const targets = {} as Record<ForgeType, HostForge>;
  let root: string;
  const pairs: Pair[] = [];

  beforeAll(async () => {
    root = tempDir('org-mirror-orphans-');
    const started = await Promise.all([
      startHostForge('github', 'src-bot'),
      ...TARGETS.map((type) => startHostForge(type, 'mirror-bot')),
    ]);
    source = started[0];
    TARGETS.forEach((type, i) => (targets[type] = started[i + 1]));
  });

  afterAll(async () => {
    await Promise.all([source, ...Object.values(targets)].filter(Boolean).map((host) => host.forge.stop()));
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  /** Set aside on the target: archived where the host can, else the description mark. */
  const setAside = (pair: Pair, name: string): boolean => {
    const repo = pair.targetRepo(name);
    return pair.target.type.startsWith('bitbucket') ? MARK.test(repo.description) : repo.archived;
  };

  test.concurrent.each(TARGETS)(
    'github → %s: archive after a complete listing only, within the limit, never in preview; reappearing repo unarchived',
    async (targetType) => {
      const target = targets[targetType];
      const pair = new Pair(
        source,
        addNamespace(source, `orph-to-${targetType}`),
        target,
        addNamespace(target, `orph-${targetType}`),
        gitSpy(root),
        root,
        { source: false, target: targetType === 'bitbucket-server' },
      );
      pairs.push(pair);
      const owner = pair.sourceOwner;
      for (const name of ['keep', ...GONE]) {
        source.forge.addRepo(owner, name, { defaultBranch: 'main' });
        source.forge.seed(owner, name, { branches: { main: [`${name}.txt`] }, tags: ['v1'] });
      }
      const archive = (extra: Record<string, string> = {}) => pair.mirror({ MIRROR_ORPHANS: 'archive', ...extra });
      const writesSince = (count: number) => target.forge.writes.slice(count);

      const first = await pair.mirror();
      expectExit(first, 0);
      expect(first.report?.counts).toMatchObject({ created: 4 });

      // gone-1 is deleted at the source (its git directory stays, as a host's backup would).
      const deleted = pair.sourceRepo('gone-1');
      source.forge.repos.delete(deleted.fullPath.toLowerCase());

      // preview lists it as what would be archived, and writes nothing.
      let writes = target.forge.writes.length;
      const preview = await archive({ MIRROR_MODE: 'preview' });
      expectExit(preview, 0);
      expect(statusOf(preview, 'gone-1')).toBe('orphaned');
      expect(reasonOf(preview, 'gone-1')).toMatch(/no longer in the source.*would be archived/);
      expect(writesSince(writes)).toEqual([]);
      expect(setAside(pair, 'gone-1')).toBe(false);

      // A run limited by `repositories` or by a shard archives nothing.
      const limited = await archive({ MIRROR_REPOSITORIES: 'keep' });
      expectExit(limited, 0);
      expect(statusOf(limited, 'gone-1')).toBeUndefined();
      const shard = await archive({ MIRROR_SHARD: '1/1' });
      expectExit(shard, 0);
      expect(reasonOf(shard, 'gone-1')).toMatch(/shard 1\/1 archives nothing/);
      // So does a run triggered by a push event (GitLab CI trigger with the source's webhook body).
      const event = await archive({
        GITLAB_CI: 'true',
        CI_PIPELINE_SOURCE: 'trigger',
        TRIGGER_PAYLOAD: JSON.stringify(githubPush(`${owner}/keep`)),
      });
      expectExit(event, 0);
      expect(event.report?.repos.map((repo) => repo.name)).toEqual(['keep']);
      expect(writesSince(writes)).toEqual([]);
      expect(setAside(pair, 'gone-1')).toBe(false);

      // A source listing that fails on its second page archives nothing (and changes nothing).
      let failing = true;
      source.forge.injectFault(
        { kind: 'api', method: 'GET', path: `/orgs/${owner}/repos`, times: Infinity },
        {
          alter: (answer, url) =>
            failing && url.searchParams.get('page') === '2'
              ? { status: 502, headers: { 'content-type': 'application/json' }, body: '{"message":"Bad Gateway"}' }
              : answer,
        },
      );
      const broken = await archive({ MIRROR_RETRY_SCALE: '0.001' });
      failing = false;
      expectExit(broken, 1);
      expect(broken.report?.error).toMatch(/listing repositories of .* failed/);
      expect(writesSince(writes)).toEqual([]);
      expect(setAside(pair, 'gone-1')).toBe(false);

      // Three orphans, limit 2: none archived, a warning asks to raise the limit.
      for (const name of ['gone-2', 'gone-3']) source.forge.repos.delete(pair.sourceRepo(name).fullPath.toLowerCase());
      const over = await archive({ MIRROR_ORPHANS_LIMIT: '2' });
      expectExit(over, 0);
      expect(over.stderr).toMatch(
        /3 mirrors would be archived, more than orphans-limit 2.*orphans-limit to at least 3/,
      );
      for (const name of GONE) {
        expect(statusOf(over, name)).toBe('orphaned');
        expect(setAside(pair, name)).toBe(false);
      }
      expect(writesSince(writes)).toEqual([]);

      if (targetType === 'gitlab') {
        // Archiving one mirror is refused: that repository fails alone, the others are archived.
        target.forge.injectFault(
          { kind: 'api', method: 'POST', path: /\/archive$/, times: 1 },
          faults.status(403, '403 Forbidden'),
        );
        const partly = await archive();
        expectExit(partly, 1);
        const failed = GONE.filter((name) => statusOf(partly, name) === 'failed');
        expect(failed).toHaveLength(1);
        expect(reasonOf(partly, failed[0])).toMatch(/archiving failed: .*403/);
        expect(GONE.filter((name) => setAside(pair, name))).toHaveLength(2);
      }

      // Within the limit: all three set aside, never deleted; the orphaned count stays the SPEC output.
      const archived = await archive();
      expectExit(archived, 0);
      expect(archived.report?.counts).toMatchObject({ orphaned: 3, 'up-to-date': 1 });
      for (const name of GONE) {
        expect(setAside(pair, name)).toBe(true);
        expect(reasonOf(archived, name)).toMatch(/the mirror (was|is) (archived|marked)/);
        if (targetType !== 'gitlab')
          expect(reasonOf(archived, name)).toMatch(/was (archived|marked .*) \(not deleted\)/);
        expect(pair.targetRepo(name).description).toMatch(/^Mirror of /);
      }
      if (targetType.startsWith('bitbucket')) {
        // Protection stays on a marked mirror: a developer's push is still refused.
        const clone = await pair.clone('target', pair.targetRepo('gone-2'), target.dev);
        await clone.commit('late.txt');
        const push = await clone.push(['HEAD:refs/heads/main']);
        expect(push.status).not.toBe(0);
      } else {
        // An archived mirror refuses pushes, even the mirror's own.
        const clone = await pair.clone('target', pair.targetRepo('gone-2'), target.bot);
        await clone.commit('late.txt');
        expect((await clone.push(['HEAD:refs/heads/late'])).stderr).toMatch(/archived/);
      }

      // Idempotent: the next run writes nothing and says they are set aside.
      writes = target.forge.writes.length;
      const again = await archive();
      expectExit(again, 0);
      expect(writesSince(writes)).toEqual([]);
      expect(reasonOf(again, 'gone-3')).toMatch(/the mirror is (archived|marked orphaned)/);
      const marks = GONE.map((name) => pair.targetRepo(name).description.match(/\(orphaned on/g)?.length ?? 0);
      expect(marks).toEqual(targetType.startsWith('bitbucket') ? [1, 1, 1] : [0, 0, 0]);

      // check mode: the summary starts with the icons line and lists the orphans first, with the next step.
      const check = await pair.mirror({ MIRROR_MODE: 'check', MIRROR_ORPHANS: 'archive' });
      expectExit(check, 0);
      const summary = fs.readFileSync(`${pair.work}/report.md`, 'utf8').split('\n');
      expect(summary[2]).toMatch(/^✅ 1 in-sync · ⚠️ 3 orphaned — \*\*4 repositories\*\*/);
      expect(summary.findIndex((line) => line.startsWith('| gone-1 | orphaned |'))).toBeLessThan(
        summary.findIndex((line) => line.startsWith('<details>')),
      );

      // gone-1 reappears at the source (restored, with one more commit): unarchived and mirrored again.
      source.forge.createRepo(owner, 'gone-1', { defaultBranch: 'main' }, () => undefined);
      const restored = await pair.clone('source', pair.sourceRepo('gone-1'), source.bot);
      await restored.commit('after.txt');
      expect((await restored.push(['HEAD:refs/heads/main'])).status).toBe(0);
      const back = await archive();
      expectExit(back, 0);
      expect(statusOf(back, 'gone-1')).toBe('updated');
      expect(setAside(pair, 'gone-1')).toBe(false);
      expect(pair.targetRepo('gone-1').description).toBe(
        `Mirror of ${source.forge.host.webUrl(pair.sourceRepo('gone-1'))}`,
      );
      expect(pair.targetRefs('gone-1')).toEqual(pair.sourceRefs('gone-1'));
      expect(back.report?.counts).toMatchObject({ orphaned: 2 });
      expect(setAside(pair, 'gone-2')).toBe(true);
    },
    300_000,
  );

  test('no contract violation, nothing written to the source, no token anywhere', () => {
    for (const host of [source, ...Object.values(targets)]) {
      expect({ forge: host.type, violations: host.forge.violations }).toEqual({ forge: host.type, violations: [] });
    }
    expect(source.forge.writes).toEqual([]);
    const secrets = [source, ...Object.values(targets)].flatMap((host) => [host.bot.token, host.dev.token]);
    expect(pairs).toHaveLength(TARGETS.length);
    for (const pair of pairs) {
      for (const text of pair.outputs) expect(textContains(text, secrets)).toBe(false);
      expect(filesContaining(pair.work, secrets)).toEqual([]);
    }
  });
});
