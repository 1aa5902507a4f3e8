/**
 * GitHub App installation tokens that run out under a transfer: tokens of a few seconds and slow git requests, so
 * that one run lasts many token lifetimes. Every repository is mirrored, and a git request refused because its token
 * expired on the way is answered by a retry with a new token.
 */
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { faults } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { addGitHubApp, installGitHubApp, type GitHubApp } from './forge/hosts/github-apps.js';
import { listRefs } from './forge/seed.js';
import { runCli, tempDir, type CliRun } from './support/cli.js';
import { timeScale } from './support/time-scale.mjs';

const SOURCE_APP_ID = 301;
const TARGET_APP_ID = 302;
const REPOS = Array.from({ length: 12 }, (_, i) => `repo-${String(i + 1).padStart(2, '0')}`);
/**
 * Token lifetimes and the git delays they race against, both stretched by the machine's time scale
 * (test/support/time-scale.mjs): a busy machine makes a transfer slower, and a token that lives a few seconds must not
 * run out under a transfer merely because the CPU was elsewhere. The ratio between them, which the stories are about,
 * stays the same.
 */
const SCALE = timeScale();

describe('GitHub App tokens that expire under the transfers', () => {
  let source: Forge;
  let target: Forge;
  let sourceApp: GitHubApp;
  let targetApp: GitHubApp;
  let work: string;
  /** Lifetime of every token the target App issues, in seconds (per test). */
  let targetTtl = 3 * SCALE;

  const env = (owner: string, extra: Record<string, string> = {}): Record<string, string> => ({
    MIRROR_SOURCE_TYPE: 'github',
    MIRROR_SOURCE_URL: source.url,
    MIRROR_SOURCE_OWNER: 'acme',
    MIRROR_SOURCE_APP_ID: String(SOURCE_APP_ID),
    MIRROR_SOURCE_APP_PRIVATE_KEY: sourceApp.privateKeyPem,
    MIRROR_TARGET_TYPE: 'github',
    MIRROR_TARGET_URL: target.url,
    MIRROR_TARGET_OWNER: owner,
    MIRROR_TARGET_APP_ID: String(TARGET_APP_ID),
    MIRROR_TARGET_APP_PRIVATE_KEY: targetApp.privateKeyPem,
    MIRROR_CACHE_DIR: path.join(work, `cache-${owner}`),
    MIRROR_REPORT_FILE: path.join(work, `report-${owner}.json`),
    MIRROR_RETRY_SCALE: '0.01',
    ...extra,
  });

  const refused = (forge: Forge) => forge.gitRequests.filter((r) => r.status === 401);

  beforeAll(async () => {
    work = tempDir('org-mirror-app-expiry-');
    source = await startForge({ type: 'github' });
    target = await startForge({ type: 'github' });
    source.addOrg('acme', { visibility: 'private' });
    for (const name of REPOS) {
      source.addRepo('acme', name, { defaultBranch: 'main', visibility: 'private' });
      source.seed('acme', name, { branches: { main: [`${name}.txt`], dev: ['dev.txt'] }, tags: [`${name}-1`] });
    }
    sourceApp = addGitHubApp(source, { id: SOURCE_APP_ID, slug: 'acme-reader', tokenTtlSeconds: () => 3 * SCALE });
    installGitHubApp(source, sourceApp, 'acme', 'read');
    targetApp = addGitHubApp(target, { id: TARGET_APP_ID, slug: 'acme-writer', tokenTtlSeconds: () => targetTtl });
    target.addOrg('mirrors');
    target.addOrg('slow-push');
    installGitHubApp(target, targetApp, 'mirrors', 'admin');
    installGitHubApp(target, targetApp, 'slow-push', 'admin');
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const expectMirrored = (run: CliRun, owner: string, names: string[]): void => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report?.repos.map((r) => [r.name, r.status]).sort()).toEqual(names.map((name) => [name, 'created']));
    for (const name of names) {
      expect(listRefs(target.repoDir(owner, name))).toEqual(listRefs(source.repoDir('acme', name)));
    }
  };

  test('3-second tokens and git requests slowed to 150 ms: a run of many token lifetimes mirrors every repository', async () => {
    targetTtl = 3 * SCALE;
    // Every git request on both sides 150 ms late: at least 4 per repository (clone: advertisement and pack; push:
    // advertisement and pack), so the run lasts at least 12 × 600 ms, several token lifetimes.
    source.injectFault({ kind: 'git', times: Infinity }, faults.slow(150 * SCALE));
    target.injectFault({ kind: 'git', times: Infinity }, faults.slow(150 * SCALE));
    try {
      const run = await runCli({ env: env('mirrors', { MIRROR_CONCURRENCY: '1' }), dist: true });
      expectMirrored(run, 'mirrors', REPOS);
    } finally {
      source.clearFaults();
      target.clearFaults();
    }
    // Tokens were renewed as the run went on, on both sides (each lives 3 s and is renewed at half its life).
    expect(sourceApp.tokens.length).toBeGreaterThanOrEqual(3);
    expect(targetApp.tokens.length).toBeGreaterThanOrEqual(3);
    // Nothing was refused that was not answered: every repository is there, and a refused request was retried.
    const targetRefusals = refused(target).length + target.requests.filter((r) => r.status === 401).length;
    const sourceRefusals = refused(source).length + source.requests.filter((r) => r.status === 401).length;
    expect(targetRefusals + sourceRefusals).toBeLessThanOrEqual(REPOS.length);
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  }, 600_000);

  test('a push whose token expires on the way is refused with 401, then retried once with a new token', async () => {
    targetTtl = 4 * SCALE;
    const before = targetApp.tokens.length;
    // The push's pack arrives 4.5 s late, after any token git was given has expired: the target refuses it (401).
    target.injectFault({ kind: 'git', method: 'POST', path: 'git-receive-pack', times: 1 }, faults.slow(4500 * SCALE));
    try {
      const run = await runCli({ env: env('slow-push', { MIRROR_REPOSITORIES: REPOS[0] }), dist: true });
      expectMirrored(run, 'slow-push', [REPOS[0]]);
    } finally {
      target.clearFaults();
    }
    const pushes = target.gitRequests.filter((r) => r.service === 'git-receive-pack' && r.phase === 'exchange');
    const refusedPush = pushes.findIndex((r) => r.status === 401);
    expect(refusedPush).toBeGreaterThanOrEqual(0);
    // The retry came after the refusal, with another token, and went through.
    expect(pushes.slice(refusedPush + 1).some((r) => r.status === 200)).toBe(true);
    expect(targetApp.tokens.length).toBeGreaterThan(before + 1);
    expect(target.violations).toEqual([]);
  }, 600_000);
});
