/**
 * Stalled transfers (issue 9, item 2): a git server that accepts the request and then sends nothing is abandoned
 * after `request-timeout` seconds without data, retried once, and that repository fails naming the stall (host,
 * operation, how long), long before `repo-timeout`; every other repository is mirrored and no git process is left.
 * GitHub organization → GitLab group through the bundled CLI. Four ways to hang:
 * - `refs-hang`: the ref advertisement (GET info/refs) is never answered (the clone stalls waiting for headers);
 * - `pack-stall`: info/refs is answered, the upload-pack POST answers its headers and then goes silent;
 * - `push-stall`: the target's receive-pack POST goes silent (the push stalls);
 * - `known-stall`: a repository mirrored before, whose fetch then stalls (ls-remote / fetch of an existing cache).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { faults } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { listRefs } from './forge/seed.js';
import { mirrorEnv, runCli, tempDir, type CliRun } from './support/cli.js';

const SOURCE_TOKEN = 'ghp_StallSource0123456789abcdefABCDEF';
const TARGET_TOKEN = 'glpat-StallTarget0123456789abcd';
const HEALTHY = ['alpha', 'beta', 'gamma'];
const STALLED = ['known-stall', 'pack-stall', 'push-stall', 'refs-hang'];
const REQUEST_TIMEOUT_S = 2;
// Far beyond anything the stalls may take: a repository failing for running out of time would prove nothing.
const REPO_TIMEOUT_S = 600;

/** git processes (and their helpers) still running that talk to one of the forges or work in the cache. */
function leftoverGit(markers: string[]): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => /\bgit(-remote-https?|-lfs)?\b/.test(line) && markers.some((marker) => line.includes(marker)));
}

describe('stalled transfers', () => {
  let source: Forge;
  let target: Forge;
  let work: string;
  let cacheDir: string;
  let reportFile: string;

  const mirror = (extra: Record<string, string> = {}): Promise<CliRun> =>
    runCli({
      dist: true,
      env: mirrorEnv(
        {
          source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
          target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
          cacheDir,
          reportFile,
        },
        {
          MIRROR_CONCURRENCY: '4',
          MIRROR_REQUEST_TIMEOUT: String(REQUEST_TIMEOUT_S),
          MIRROR_REPO_TIMEOUT: String(REPO_TIMEOUT_S),
          MIRROR_RETRY_SCALE: '0.001',
          ...extra,
        },
      ),
    });
  const resultOf = (run: CliRun, name: string) => run.report?.repos.find((repo) => repo.name === name);

  beforeAll(async () => {
    work = tempDir('org-mirror-stall-');
    cacheDir = path.join(work, 'cache');
    reportFile = path.join(work, 'report.json');
    source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
    target = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TARGET_TOKEN }] });
    source.addOrg('acme', { members: { 'src-bot': 'admin' } });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner' } });
    for (const name of [...HEALTHY, ...STALLED]) {
      source.addRepo('acme', name, { defaultBranch: 'main' });
      source.seed('acme', name, { branches: { main: [`${name}.txt`] }, tags: ['v1'] });
    }
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('a first run mirrors known-stall (healthy then)', async () => {
    const run = await mirror({ MIRROR_REPOSITORIES: 'known-stall' });
    expect(run.code).toBe(0);
    expect(listRefs(target.repoDir('mirrors', 'known-stall'))).toEqual(listRefs(source.repoDir('acme', 'known-stall')));
    expect(target.repos.size).toBe(1);
  });

  test('one hung repository per way of hanging fails naming the stall, within the bound; the others are mirrored', async () => {
    for (const name of HEALTHY) source.seed('acme', name, { branches: { main: [`later-${name}.txt`] } });
    source.seed('acme', 'known-stall', { branches: { main: ['later.txt'] } });
    const forever = Number.POSITIVE_INFINITY;
    source.injectFault(
      { kind: 'git', method: 'GET', path: '/acme/refs-hang.git/info/refs', times: forever },
      faults.hang(),
    );
    source.injectFault(
      { kind: 'git', method: 'POST', path: '/acme/pack-stall.git/git-upload-pack', times: forever },
      faults.stall('application/x-git-upload-pack-result'),
    );
    source.injectFault(
      { kind: 'git', method: 'POST', path: '/acme/known-stall.git/git-upload-pack', times: forever },
      faults.stall('application/x-git-upload-pack-result'),
    );
    target.injectFault(
      { kind: 'git', method: 'POST', path: '/mirrors/push-stall.git/git-receive-pack', times: forever },
      faults.stall('application/x-git-receive-pack-result'),
    );
    let run: CliRun;
    try {
      run = await mirror();
    } finally {
      source.clearFaults();
      target.clearFaults();
    }

    expect(run.code).toBe(1);
    for (const name of HEALTHY) {
      expect([name, resultOf(run, name)?.status]).toEqual([name, 'created']);
      expect(listRefs(target.repoDir('mirrors', name))).toEqual(listRefs(source.repoDir('acme', name)));
    }
    const sourceHost = new URL(source.url).host;
    const expected: Record<string, RegExp> = {
      'refs-hang': new RegExp(
        `git clone stalled: ${sourceHost} sent no data for ${REQUEST_TIMEOUT_S} s \\(2 attempts\\)`,
      ),
      'pack-stall': new RegExp(
        `git clone stalled: ${sourceHost} sent no data for ${REQUEST_TIMEOUT_S} s \\(2 attempts\\)`,
      ),
      // The refs of a known repository are read first (ls-remote, or the ref discovery that replaces it).
      'known-stall': new RegExp(`stalled: ${sourceHost} sent no data for ${REQUEST_TIMEOUT_S} s`),
      'push-stall': new RegExp(`git push stalled: ${new URL(target.url).host} sent no data for ${REQUEST_TIMEOUT_S} s`),
    };
    for (const [name, reason] of Object.entries(expected)) {
      const result = resultOf(run, name);
      expect([name, result?.status]).toEqual([name, 'failed']);
      expect(result?.reason).toMatch(reason);
      // Two attempts of about request-timeout each: at least that long, and nowhere near repo-timeout (the generous
      // ceiling only tells a stall limit from the repository's time limit, whatever the machine's load).
      expect(result?.durationMs).toBeGreaterThanOrEqual(2 * REQUEST_TIMEOUT_S * 1000);
      expect(result?.durationMs).toBeLessThan((REPO_TIMEOUT_S * 1000) / 5);
      expect(`${run.stdout}${run.stderr}`).toMatch(new RegExp(`${name}: .*stalled`));
    }
    // The run ended: no git process of this run is left behind (the CLI's children are in their own groups).
    expect(leftoverGit([source.url, target.url, cacheDir])).toEqual([]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SOURCE_TOKEN);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TARGET_TOKEN);
  });

  test('with the stalls gone, the next run converges', async () => {
    const run = await mirror();
    expect(run.code).toBe(0);
    for (const name of [...HEALTHY, ...STALLED])
      expect([name, listRefs(target.repoDir('mirrors', name))]).toEqual([name, listRefs(source.repoDir('acme', name))]);
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  });
});
