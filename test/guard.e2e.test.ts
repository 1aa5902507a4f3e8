/**
 * The destruction guard end to end (SPEC "Destruction guard"): a GitHub organization mirrored by the bundled CLI into
 * a GitLab group. A repository whose source deletes 12 of its 14 branches is held (nothing reaches its target, exit 1)
 * while another repository in the same run is updated; `check` and `preview` say held without writing; a run with
 * `accept` applies the change with history kept; a source whose every branch was deleted is held even below the limit.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { git } from './forge/seed.js';
import { gitSpy, tempDir } from './support/cli.js';
import { addNamespace, expectExit, Pair, startHostForge, statusOf, type HostForge } from './support/pairs.js';

const BRANCHES = Array.from({ length: 13 }, (_, i) => `b${String(i + 1).padStart(2, '0')}`);

function historyRefNames(dir: string): string[] {
  return git(dir, ['for-each-ref', '--format=%(refname)', 'refs/mirror-history']).split('\n').filter(Boolean);
}

describe('destruction guard: GitHub → GitLab', () => {
  let root: string;
  let source: HostForge;
  let target: HostForge;
  let pair: Pair;

  const deleteAtSource = (repo: string, refs: string[]): void => {
    const record = pair.sourceRepo(repo);
    for (const ref of refs) git(record.dir, ['update-ref', '-d', ref]);
    record.pushedAt = source.forge.now();
  };
  /** Pushes (pack exchanges) the target received for one repository. */
  const pushesTo = (repo: string): number =>
    target.forge.pushes.filter((request) => request.repo.replace(/\.git$/, '').endsWith(`/${repo}`)).length;

  beforeAll(async () => {
    root = tempDir('org-mirror-guard-');
    source = await startHostForge('github', 'src-bot');
    target = await startHostForge('gitlab', 'mirror-bot');
    const sourceOwner = addNamespace(source, 'acme');
    const targetOwner = addNamespace(target, 'mirrors');
    pair = new Pair(source, sourceOwner, target, targetOwner, gitSpy(root), root, { source: false, target: false });
    source.forge.addRepo(sourceOwner, 'big', { defaultBranch: 'main' });
    source.forge.seed(sourceOwner, 'big', {
      branches: Object.fromEntries([['main', ['README.md']], ...BRANCHES.map((b) => [b, [`${b}.txt`]])]),
      tags: ['t1'],
    });
    source.forge.addRepo(sourceOwner, 'other', { defaultBranch: 'main' });
    source.forge.seed(sourceOwner, 'other', { branches: { main: ['README.md'] } });
    source.forge.addRepo(sourceOwner, 'small', { defaultBranch: 'main' });
    source.forge.seed(sourceOwner, 'small', { branches: { main: ['README.md'], dev: ['dev.txt'] }, tags: ['s1'] });
  });

  afterAll(async () => {
    await source?.forge.stop();
    await target?.forge.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('creations are never held: the first sync mirrors 14 branches', async () => {
    const run = await pair.mirror();
    expectExit(run, 0);
    expect(run.report?.counts).toMatchObject({ created: 3 });
    expect(Object.keys(pair.targetRefs('big')).filter((ref) => ref.startsWith('refs/heads/'))).toHaveLength(14);
  });

  test('a source deleting 12 of 14 branches is held, untouched, while another repository is updated', async () => {
    deleteAtSource(
      'big',
      BRANCHES.slice(0, 12).map((b) => `refs/heads/${b}`),
    );
    source.forge.seed(pair.sourceOwner, 'other', { branches: { main: ['more.txt'] } });
    const before = pair.targetRefs('big');
    const pushes = pushesTo('big');

    const run = await pair.mirror();
    expectExit(run, 1);
    expect(statusOf(run, 'big')).toBe('held');
    expect(statusOf(run, 'other')).toBe('updated');
    expect(pair.targetRefs('other')).toEqual(pair.sourceRefs('other'));
    expect(pair.targetRefs('big')).toEqual(before);
    expect(pushesTo('big')).toBe(pushes);
    expect(run.report?.counts).toMatchObject({ held: 1, updated: 1 });
    const big = run.report?.repos.find((repo) => repo.name === 'big');
    expect(big?.reason).toContain('would delete 12 branches, force-move 0');
    expect(big?.next).toContain('accept: big');
    expect(run.stdout).toMatch(/big: held: would delete 12 branches, force-move 0/);
    const summary = fs.readFileSync(`${pair.work}/report.md`, 'utf8');
    expect(summary).toMatch(/big.*held.*would delete 12 branches.*accept: big/);
  });

  test('check and preview say held and write nothing', async () => {
    const writes = target.forge.writes.length;
    const pushes = target.forge.pushes.length;
    const check = await pair.mirror({ MIRROR_MODE: 'check' });
    expectExit(check, 1);
    expect(statusOf(check, 'big')).toBe('held');
    expect(check.report?.repos.find((repo) => repo.name === 'big')?.reason).toContain('would delete 12 branches');
    const preview = await pair.mirror({ MIRROR_MODE: 'preview' });
    expectExit(preview, 1);
    expect(statusOf(preview, 'big')).toBe('held');
    expect(target.forge.writes.length).toBe(writes);
    expect(target.forge.pushes.length).toBe(pushes);
  });

  test('the held repository stays held on the next run, even though the source did not change again', async () => {
    const run = await pair.mirror();
    expectExit(run, 1);
    expect(statusOf(run, 'big')).toBe('held');
  });

  test('a run with accept naming it applies the change, history kept', async () => {
    const preview = await pair.mirror({ MIRROR_MODE: 'preview', MIRROR_ACCEPT: 'big' });
    expectExit(preview, 0);
    expect(statusOf(preview, 'big')).toBe('update');
    const before = pair.targetRefs('big');
    const run = await pair.mirror({ MIRROR_ACCEPT: 'big' });
    expectExit(run, 0);
    expect(statusOf(run, 'big')).toBe('updated');
    expect(pair.targetRefs('big')).toEqual(pair.sourceRefs('big'));
    const kept = historyRefNames(pair.targetRepo('big').dir);
    expect(kept).toHaveLength(12);
    for (const branch of BRANCHES.slice(0, 12)) {
      const ref = kept.find((name) => name.endsWith(`/heads/${branch}`));
      expect(ref).toBeDefined();
      expect(git(pair.targetRepo('big').dir, ['rev-parse', ref as string])).toBe(before[`refs/heads/${branch}`]);
    }
  });

  test('a source whose every branch was deleted is held even below the limit', async () => {
    deleteAtSource('small', ['refs/heads/main', 'refs/heads/dev']);
    const before = pair.targetRefs('small');
    const run = await pair.mirror();
    expectExit(run, 1);
    expect(statusOf(run, 'small')).toBe('held');
    expect(run.report?.repos.find((repo) => repo.name === 'small')?.reason).toMatch(
      /would delete 2 branches, force-move 0.*every branch/,
    );
    expect(pair.targetRefs('small')).toEqual(before);
  });
});
