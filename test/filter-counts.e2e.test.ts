/**
 * Filters say what they matched (issue 9 item 6), by the bundled CLI: the log, the Markdown summary and the JSON
 * report of sync, preview and check give, for `filter` and `exclude`, how many repositories each matched out of how
 * many were listed; a pattern written as a search (`^skip-`, which matches no whole name) gets a hint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { summaryFileFor } from '../src/report/publish.js';
import { gitSpy, tempDir } from './support/cli.js';
import { addNamespace, expectExit, Pair, startHostForge, type HostForge } from './support/pairs.js';

const REPOS = ['api', 'web', 'skip-a', 'skip-b'];

describe('filter and exclude say what they matched', () => {
  let source: HostForge;
  let target: HostForge;
  let root: string;
  let pair: Pair;

  beforeAll(async () => {
    root = tempDir('org-mirror-filters-');
    [source, target] = await Promise.all([startHostForge('github', 'src-bot'), startHostForge('gitlab', 'mirror-bot')]);
    pair = new Pair(
      source,
      addNamespace(source, 'filters'),
      target,
      addNamespace(target, 'filters-mirror'),
      gitSpy(root),
      root,
      { source: false, target: false },
    );
    for (const name of REPOS) {
      source.forge.addRepo(pair.sourceOwner, name, { defaultBranch: 'main', visibility: 'private' });
      source.forge.seed(pair.sourceOwner, name, { branches: { main: [`${name}.txt`] } });
    }
  });

  afterAll(async () => {
    await Promise.all([source, target].filter(Boolean).map((host) => host.forge.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  const summary = () => fs.readFileSync(summaryFileFor(path.join(pair.work, 'report.json')), 'utf8');

  test('a search-style exclude matches nothing, and the log, summary and report say so with a hint', async () => {
    const run = await pair.mirror({ MIRROR_EXCLUDE: '^skip-' });
    expectExit(run, 0);
    expect(run.report?.counts).toMatchObject({ created: 4 });
    expect(run.stdout).toContain(
      "filter '.*' matched 4 of 4 repositories; exclude '^skip-' matched 0 of 4 repositories",
    );
    expect(run.stdout + run.stderr).toMatch(
      /exclude '\^skip-' matched no repository name: patterns match the whole name, and as a search it would match 2/,
    );
    expect(summary()).toContain('Filters: filter `.*` matched 4 of 4 repositories; exclude `^skip-` matched 0 of 4');
    expect(run.report?.selection).toEqual({
      listed: 4,
      filter: { pattern: '.*', matched: 4 },
      exclude: { pattern: '^skip-', matched: 0 },
    });
  });

  test.each(['sync', 'preview', 'check'])(
    '%s: counts of filter and exclude in log, summary and report',
    async (mode) => {
      const run = await pair.mirror({
        MIRROR_MODE: mode,
        MIRROR_FILTER: '[a-z]+(-[a-z])?',
        MIRROR_EXCLUDE: 'skip-.*|web',
      });
      expectExit(run, 0);
      expect(run.stdout).toContain(
        "filter '[a-z]+(-[a-z])?' matched 4 of 4 repositories; exclude 'skip-.*|web' matched 3 of 4 repositories",
      );
      expect(run.stdout + run.stderr).not.toMatch(/matched no repository name/);
      expect(summary()).toContain(
        'Filters: filter `[a-z]+(-[a-z])?` matched 4 of 4 repositories; exclude `skip-.*|web` matched 3 of 4',
      );
      expect(run.report?.selection).toEqual({
        listed: 4,
        filter: { pattern: '[a-z]+(-[a-z])?', matched: 4 },
        exclude: { pattern: 'skip-.*|web', matched: 3 },
      });
      expect(run.report?.repos.filter((repo) => repo.status === 'skipped').map((repo) => repo.name)).toEqual(
        expect.arrayContaining(['skip-a', 'skip-b', 'web']),
      );
    },
  );

  test('no contract violation on either forge', () => {
    expect(source.forge.violations).toEqual([]);
    expect(target.forge.violations).toEqual([]);
  });
});
