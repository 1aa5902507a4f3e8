/**
 * History refs end to end (SPEC "History: nothing the mirror replaces is lost"): a GitHub organization mirrored by the
 * bundled CLI into a GitLab group, a Bitbucket Server project and a Bitbucket Cloud workspace (the host whose tips are
 * kept as `mirror-history/…` tags; its fake refuses any other ref, as docs/history.md explains), real git over smart
 * HTTP, protection enforced by the forges' pre-receive hook. Each step runs on the three pairs at once and builds on
 * the state the previous one left.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { git } from './forge/seed.js';
import { gitSpy, tempDir, type GitSpy } from './support/cli.js';
import { addNamespace, expectExit, Pair, startHostForge, statusOf, type HostForge } from './support/pairs.js';

const REPO = 'app';
const STAMP = /^\d{8}T\d{6}Z$/;

/** The history refs of a bare repo (either layout), ref → sha. */
function historyRefs(dir: string): Record<string, string> {
  const out = git(dir, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/mirror-history', 'refs/tags']);
  const refs: Record<string, string> = {};
  for (const line of out.split('\n').filter(Boolean)) {
    const [sha, ref] = line.split(' ');
    if (ref.startsWith('refs/mirror-history/') || ref.startsWith('refs/tags/mirror-history/')) refs[ref] = sha;
  }
  return refs;
}

/** Where the target keeps tips: refs outside branches and tags, or (Bitbucket Cloud) protected tags. */
function prefixOf(pair: Pair): string {
  return pair.target.type === 'bitbucket-cloud' ? 'refs/tags/mirror-history/' : 'refs/mirror-history/';
}

/** Moves a source branch to a new root commit (a history rewrite), counted as a push by the fake. */
function rewriteBranch(pair: Pair, branch: string): string {
  const dir = pair.sourceRepo(REPO).dir;
  const tree = git(dir, ['rev-parse', `refs/heads/${branch}^{tree}`]);
  const rewritten = git(dir, ['commit-tree', tree, '-m', `rewritten ${branch} ${Math.random()}`]);
  git(dir, ['update-ref', `refs/heads/${branch}`, rewritten]);
  touch(pair);
  return rewritten;
}

function deleteRefs(pair: Pair, refs: string[]): void {
  const dir = pair.sourceRepo(REPO).dir;
  for (const ref of refs) git(dir, ['update-ref', '-d', ref]);
  touch(pair);
}

/** Direct ref changes in the fake's bare repo are pushes too: the source's push stamp moves. */
function touch(pair: Pair): void {
  pair.sourceRepo(REPO).pushedAt = pair.source.forge.now();
}

describe('history refs: GitHub → GitLab, Bitbucket Server, Bitbucket Cloud', () => {
  let root: string;
  let spy: GitSpy;
  let source: HostForge;
  const targets: HostForge[] = [];
  const pairs: Pair[] = [];
  /** Per pair: the tips the destructive step replaced. */
  const replaced = new Map<Pair, Record<string, string>>();

  const eachPair = (step: (pair: Pair) => Promise<void>) => Promise.all(pairs.map(step));

  beforeAll(async () => {
    root = tempDir('org-mirror-history-');
    spy = gitSpy(root);
    source = await startHostForge('github', 'src-bot');
    for (const type of ['gitlab', 'bitbucket-server', 'bitbucket-cloud'] as const) {
      targets.push(await startHostForge(type, 'mirror-bot'));
    }
    for (const target of targets) {
      const sourceOwner = addNamespace(source, `hist-${target.type}`);
      const targetOwner = addNamespace(target, 'mirrors');
      const basic = { source: false, target: target.type === 'bitbucket-server' };
      pairs.push(new Pair(source, sourceOwner, target, targetOwner, spy, root, basic));
      source.forge.addRepo(sourceOwner, REPO, { defaultBranch: 'main' });
      source.forge.seed(sourceOwner, REPO, {
        branches: { main: ['README.md'], dev: ['dev.txt'], feature: ['feature.txt'] },
        tags: ['v1', { name: 'v2', message: 'Release 2' }],
      });
    }
  });

  afterAll(async () => {
    await source?.forge.stop();
    for (const target of targets) await target.forge.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('the first sync keeps nothing: nothing was replaced', async () => {
    await eachPair(async (pair) => {
      const run = await pair.mirror();
      expectExit(run, 0);
      expect(statusOf(run, REPO)).toBe('created');
      expect(pair.targetRefs(REPO)).toEqual(pair.sourceRefs(REPO));
      expect(historyRefs(pair.targetRepo(REPO).dir)).toEqual({});
    });
  });

  test('a forced update, a deleted branch and a deleted tag are mirrored and their old tips kept; a fast-forward keeps nothing', async () => {
    await eachPair(async (pair) => {
      const before = pair.targetRefs(REPO);
      pair.source.forge.seed(pair.sourceOwner, REPO, { branches: { main: ['more.txt'] } });
      rewriteBranch(pair, 'dev');
      deleteRefs(pair, ['refs/heads/feature', 'refs/tags/v1']);
      const started = new Date();
      const run = await pair.mirror();
      expectExit(run, 0);
      expect(statusOf(run, REPO)).toBe('updated');
      expect(pair.targetRefs(REPO)).toEqual(pair.sourceRefs(REPO));

      const kept = historyRefs(pair.targetRepo(REPO).dir);
      const names = Object.keys(kept);
      expect(names).toHaveLength(3);
      const stamp = names[0].slice(prefixOf(pair).length).split('/')[0];
      expect(stamp).toMatch(STAMP);
      // The stamp is the run's start (to the second).
      const at = Date.parse(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      expect(at).toBeGreaterThanOrEqual(Math.floor(started.getTime() / 1000) * 1000);
      expect(at).toBeLessThanOrEqual(Date.now());
      const base = `${prefixOf(pair)}${stamp}/`;
      expect(kept).toEqual({
        [`${base}heads/dev`]: before['refs/heads/dev'],
        [`${base}heads/feature`]: before['refs/heads/feature'],
        [`${base}tags/v1`]: before['refs/tags/v1'],
      });
      // Reachable on the target: the objects are there, whatever its garbage collection does to unreferenced ones.
      for (const sha of Object.values(kept)) git(pair.targetRepo(REPO).dir, ['cat-file', '-e', sha]);
      const repo = run.report?.repos.find((result) => result.name === REPO);
      expect(repo?.notes?.join(' ')).toContain(`kept 3 replaced tips under ${base}`);
      // History refs are never reported as refs of the mirror (diverged or otherwise).
      expect(repo?.refs.map((ref) => ref.ref).filter((ref) => ref.includes('mirror-history'))).toEqual([]);
      replaced.set(pair, kept);
    });
  });

  test('a kept tip can be fetched back as the docs say', async () => {
    await eachPair(async (pair) => {
      const clone = await pair.clone('target', pair.targetRepo(REPO), pair.target.bot);
      const spec = pair.target.type === 'bitbucket-cloud' ? 'refs/tags/mirror-history/*' : 'refs/mirror-history/*';
      const fetched = await clone.git(['fetch', '-q', 'origin', `${spec}:${spec}`]);
      expect(fetched.stderr).not.toMatch(/fatal|rejected/);
      const local = git(path.join(clone.dir, '.git'), [
        'for-each-ref',
        '--format=%(objectname) %(refname)',
        spec.replace(/\*$/, ''),
      ]);
      for (const [ref, sha] of Object.entries(replaced.get(pair) ?? {})) expect(local).toContain(`${sha} ${ref}`);
    });
  });

  test('retention: a history ref stamped 2020 stays with history-days 0 and goes on the next write after that', async () => {
    await eachPair(async (pair) => {
      const dir = pair.targetRepo(REPO).dir;
      const ancient = `${prefixOf(pair)}20200101T000000Z/heads/ancient`;
      git(dir, ['update-ref', ancient, pair.targetRefs(REPO)['refs/heads/main']]);

      pair.source.forge.seed(pair.sourceOwner, REPO, { branches: { main: ['keep.txt'] } });
      const forever = await pair.mirror({ MIRROR_HISTORY_DAYS: '0' });
      expectExit(forever, 0);
      expect(statusOf(forever, REPO)).toBe('updated');
      expect(historyRefs(dir)).toHaveProperty([ancient]);
      // Not a tag of the mirror to prune, even where it is a tag.
      expect(forever.report?.repos[0].refs.map((ref) => ref.ref)).toEqual(['refs/heads/main']);

      pair.source.forge.seed(pair.sourceOwner, REPO, { branches: { main: ['expire.txt'] } });
      const expiring = await pair.mirror();
      expectExit(expiring, 0);
      expect(statusOf(expiring, REPO)).toBe('updated');
      const left = historyRefs(dir);
      expect(left).not.toHaveProperty([ancient]);
      expect(left).toEqual(replaced.get(pair));
      expect(expiring.report?.repos[0].notes?.join(' ')).toContain('deleted 1 history ref older than history-days');
    });
  });

  test('keep-history false writes no history ref', async () => {
    await eachPair(async (pair) => {
      const dir = pair.targetRepo(REPO).dir;
      const before = historyRefs(dir);
      rewriteBranch(pair, 'dev');
      const run = await pair.mirror({ MIRROR_KEEP_HISTORY: 'false' });
      expectExit(run, 0);
      expect(statusOf(run, REPO)).toBe('updated');
      expect(pair.targetRefs(REPO)).toEqual(pair.sourceRefs(REPO));
      expect(historyRefs(dir)).toEqual(before);
    });
  });

  test('a rerun with no source change reads and writes nothing on the target', async () => {
    await eachPair(async (pair) => {
      const target = pair.target.forge;
      // One run to settle (a push stamp from the last seconds is not trusted yet), then the one measured.
      expectExit(await pair.mirror(), 0);
      const gitRequests = target.gitRequests.length;
      const writes = target.writes.length;
      const run = await pair.mirror();
      expectExit(run, 0);
      expect(statusOf(run, REPO)).toBe('up-to-date');
      expect(target.gitRequests.length).toBe(gitRequests);
      expect(target.writes.slice(writes)).toEqual([]);
    });
  });

  test('other users still cannot push to the mirror branches and tags', async () => {
    await eachPair(async (pair) => {
      const before = pair.targetRefs(REPO);
      const clone = await pair.clone('target', pair.targetRepo(REPO), pair.target.dev);
      await clone.commit('direct.txt');
      const attempts = [['HEAD:refs/heads/main'], [':refs/heads/dev']];
      // Bitbucket Cloud cannot restrict tags; every other target protects them.
      if (pair.target.type !== 'bitbucket-cloud') attempts.push(['HEAD:refs/tags/sneaky'], [':refs/tags/v2']);
      for (const refspecs of attempts) {
        const pushed = await clone.push(refspecs);
        expect(pushed.status).not.toBe(0);
        expect(pushed.stderr).toMatch(/pre-receive hook declined/);
      }
      expect(pair.targetRefs(REPO)).toEqual(before);
    });
  });
});
