/**
 * Isolation (issue 6): one repository's API error, push rejection or hang never stops the others, and a listing that
 * fails part-way changes nothing anywhere. A GitHub organization mirrored into a GitLab group; the CLI runs as a
 * separate process (the bundle), except the hang, which needs a repository time limit shorter than any test: that
 * case runs the engine in this process with a short limit for the hanging repository only (`repoTimeoutFor`), so a busy
 * machine slowing the healthy ones can never make them run out of time (git still runs asynchronously, as the engine
 * does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { createHost } from '../src/hosts/index.js';
import { runMirror } from '../src/mirror/engine.js';
import { exitCodeOf } from '../src/report/counts.js';
import { TextRuntime } from '../src/runtime/index.js';
import { readSettings } from '../src/settings/index.js';
import { faults } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { listRefs } from './forge/seed.js';
import { mirrorEnv, runCli, tempDir, type CliRun } from './support/cli.js';

const SOURCE_TOKEN = 'ghp_IsolationSource0123456789abcdefABCD';
const TARGET_TOKEN = 'glpat-IsolationTarget0123456789ab';
const REPOS = ['alpha', 'beta', 'gamma', 'lib', 'web'];
const DELTA_LIMIT_MS = 3000;

describe('isolation', () => {
  let source: Forge;
  let target: Forge;
  let work: string;
  let cacheDir: string;
  let reportFile: string;

  const env = (extra: Record<string, string> = {}): Record<string, string> =>
    mirrorEnv(
      {
        source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
        target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
        cacheDir,
        reportFile,
      },
      // Retry waits scaled down (docs/reliability.md, "Tuning"): the retries happen, quickly.
      { MIRROR_CONCURRENCY: '3', MIRROR_RETRY_SCALE: '0.001', ...extra },
    );
  const mirror = (extra: Record<string, string> = {}): Promise<CliRun> => runCli({ env: env(extra), dist: true });
  const sourceRefs = (name: string) => listRefs(source.repoDir('acme', name));
  const targetRefs = (name: string) => listRefs(target.repoDir('mirrors', name));
  const resultOf = (run: CliRun, name: string) => run.report?.repos.find((repo) => repo.name === name);

  beforeAll(async () => {
    work = tempDir('org-mirror-isolation-');
    cacheDir = path.join(work, 'cache');
    reportFile = path.join(work, 'report.json');
    source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
    target = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TARGET_TOKEN }] });
    source.addOrg('acme', { members: { 'src-bot': 'admin' } });
    for (const name of REPOS) {
      source.addRepo('acme', name, { defaultBranch: 'main' });
      source.seed('acme', name, { branches: { main: [`${name}.txt`, 'README.md'], dev: ['dev.txt'] }, tags: ['v1'] });
    }
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner' } });
    // Mirrors that already exist: beta (its protection call will fail) and gamma (archived: refuses every push).
    target.addRepo('mirrors', 'beta', { description: `Mirror of ${source.url}/acme/beta` });
    target.addRepo('mirrors', 'gamma', { description: `Mirror of ${source.url}/acme/gamma`, archived: true });
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('a listing that fails on page 2 (after its retries) changes nothing anywhere and exits 1', async () => {
    let page2 = 0;
    source.injectFault(
      { kind: 'api', method: 'GET', path: '/orgs/acme/repos', times: Infinity },
      {
        alter: (answer, url) => {
          if ((url.searchParams.get('page') ?? '1') !== '2') return answer;
          page2++;
          return { status: 502, headers: { 'content-type': 'application/json' }, body: '{"message":"Bad Gateway"}' };
        },
      },
    );
    try {
      const run = await mirror();
      expect(run.code).toBe(1);
      expect(page2).toBeGreaterThan(1);
      const output = `${run.stdout}${run.stderr}`;
      expect(output).toMatch(/listing repositories of acme failed: HTTP 502/);
      expect(run.report?.error).toMatch(/listing repositories of acme failed/);
      expect(run.report?.repos).toEqual([]);
    } finally {
      source.clearFaults();
    }
    expect(target.writes).toEqual([]);
    expect(source.writes).toEqual([]);
    expect(target.gitRequests).toEqual([]);
    expect(source.gitRequests).toEqual([]);
    expect(fs.existsSync(path.join(cacheDir, 'state'))).toBe(false);
    expect(target.repos.size).toBe(2);
  });

  test("one repo's API error, another's refused protection and another's refused push never stop the others", async () => {
    // alpha: the target refuses its creation (403: a definite answer; a 5xx would leave the outcome unknown, and the
    // repository would be looked up and adopted). beta: 500 to restoring its protection after the push.
    // gamma: the target is archived and refuses the push.
    target.injectFault(
      { kind: 'api', method: 'POST', path: /\/api\/v4\/projects$/, times: Infinity },
      {
        alter: (answer) =>
          /"path_with_namespace":"mirrors\/alpha"/.test(answer.body)
            ? {
                status: 403,
                headers: { 'content-type': 'application/json' },
                body: '{"message":"403 Forbidden"}',
              }
            : answer,
      },
    );
    const beta = target.repo('mirrors', 'beta');
    target.injectFault(
      { kind: 'api', method: 'POST', path: `/api/v4/projects/${beta.id}/protected_branches`, times: Infinity },
      faults.status(500, '500 Internal Server Error'),
    );
    let run: CliRun;
    try {
      run = await mirror();
    } finally {
      target.clearFaults();
    }
    expect(run.code).toBe(1);
    expect(resultOf(run, 'lib')?.status).toBe('created');
    expect(resultOf(run, 'web')?.status).toBe('created');
    for (const name of ['lib', 'web']) expect(targetRefs(name)).toEqual(sourceRefs(name));

    const output = `${run.stdout}${run.stderr}`;
    const alpha = resultOf(run, 'alpha');
    expect(alpha?.status).toBe('failed');
    expect(alpha?.reason).toMatch(/alpha/);
    expect(alpha?.reason).toMatch(/403/);
    expect(alpha?.kind).toBe('forbidden');
    const betaResult = resultOf(run, 'beta');
    expect(betaResult?.status).toBe('failed');
    expect(betaResult?.reason).toMatch(/protection .*could not be restored/);
    const gamma = resultOf(run, 'gamma');
    expect(gamma?.status).toBe('failed');
    expect(gamma?.reason).toMatch(/archived|read-only|403/i);
    expect(run.report?.counts).toMatchObject({ created: 2, failed: 3 });
    for (const name of ['alpha', 'beta', 'gamma']) expect(output).toMatch(new RegExp(`${name}: .*(500|archived|403)`));
    expect(output).not.toContain(TARGET_TOKEN);
    expect(output).not.toContain(SOURCE_TOKEN);
  });

  test('a repo whose git traffic hangs runs out of its time; the others sync', async () => {
    for (const name of REPOS) source.seed('acme', name, { branches: { main: [`later-${name}.txt`] } });
    target.repo('mirrors', 'gamma').archived = false;
    // delta: a new source repo whose git requests are never answered.
    source.addRepo('acme', 'delta', { defaultBranch: 'main' });
    source.seed('acme', 'delta', { branches: { main: ['d.txt'] } });
    source.injectFault({ kind: 'git', path: '/acme/delta.git/', times: Infinity }, faults.hang());

    const previous = process.env.MIRROR_RETRY_SCALE;
    process.env.MIRROR_RETRY_SCALE = '0.001';
    const lines: string[] = [];
    try {
      const settings = readSettings({ argv: [], env: env() });
      const runtime = new TextRuntime({
        platform: 'cli',
        stdout: (text) => lines.push(text),
        stderr: (text) => lines.push(text),
      });
      // The hanging repository's limit is what this test is about; the others get one no busy machine reaches.
      const report = await runMirror(settings, {
        source: createHost(settings.source, 'source', runtime),
        target: createHost(settings.target, 'target', runtime),
        runtime,
        hint: { kind: 'all', reason: 'test' },
        repoTimeoutMs: 30 * 60_000,
        repoTimeoutFor: (name) => (name === 'delta' ? DELTA_LIMIT_MS : undefined),
      });
      const status = (name: string) => report.repos.find((repo) => repo.name === name);
      expect(status('delta')?.status).toBe('failed');
      expect(status('delta')?.reason).toMatch(/ran out of time after 3(\.0)? s/);
      expect(status('delta')?.durationMs).toBeGreaterThanOrEqual(DELTA_LIMIT_MS - 50);
      expect(lines.join('')).toMatch(/delta: .*ran out of time/);
      // Everything the earlier faults left half done is finished now, whatever delta does.
      for (const name of REPOS) {
        expect([name, status(name)?.status, status(name)?.reason]).toEqual([name, 'updated', undefined]);
        expect(targetRefs(name)).toEqual(sourceRefs(name));
      }
      expect(exitCodeOf(report, settings)).toBe(1);
    } finally {
      source.clearFaults();
      if (previous === undefined) delete process.env.MIRROR_RETRY_SCALE;
      else process.env.MIRROR_RETRY_SCALE = previous;
    }
  });

  test('with the faults gone, the next run converges and exits 0', async () => {
    const run = await mirror();
    expect(run.code).toBe(0);
    for (const name of [...REPOS, 'delta']) expect(targetRefs(name)).toEqual(sourceRefs(name));
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  });
});
