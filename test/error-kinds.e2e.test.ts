/**
 * Failure kinds reach the report: each is decided where the failure is born (git's error output, an HTTP status, a
 * push refused by the host's pre-receive hook, a stall) and arrives unchanged in the repository's result, while the
 * other repositories of the run are mirrored. GitHub organization → GitHub organization, the engine in process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { createHost } from '../src/hosts/index.js';
import { runMirror } from '../src/mirror/engine.js';
import { renderJsonReport } from '../src/report/json.js';
import { TextRuntime } from '../src/runtime/index.js';
import { readSettings } from '../src/settings/index.js';
import { faults } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { listRefs } from './forge/seed.js';
import { mirrorEnv, tempDir } from './support/cli.js';

const SOURCE_TOKEN = 'ghp_KindsSource0123456789abcdefABCDEF01';
const TARGET_TOKEN = 'ghp_KindsTarget0123456789abcdefABCDEF01';
const OWNER_TOKEN = 'ghp_KindsOwner0123456789abcdefABCDEF012';
const REPOS = ['healthy', 'refused', 'gone', 'stalled', 'guarded'];

describe('failure kinds in the report', () => {
  let source: Forge;
  let target: Forge;
  let work: string;

  beforeAll(async () => {
    work = tempDir('org-mirror-kinds-');
    source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
    target = await startForge({
      type: 'github',
      users: [
        { username: 'mirror-bot', token: TARGET_TOKEN },
        { username: 'owner', token: OWNER_TOKEN },
      ],
    });
    source.addOrg('acme', { members: { 'src-bot': 'admin' } });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'admin', owner: 'admin' } });
    for (const name of REPOS) {
      source.addRepo('acme', name, { defaultBranch: 'main' });
      source.seed('acme', name, { branches: { main: [`${name}.txt`] }, tags: ['v1'] });
    }
    // A mirror whose owner added a ruleset of their own that nobody bypasses: the host's hook refuses the push.
    target.addRepo('mirrors', 'guarded', { description: `Mirror of ${source.url}/acme/guarded` });
    const ruleset = await fetch(`${target.apiUrl}/repos/mirrors/guarded/rulesets`, {
      method: 'POST',
      headers: { authorization: `token ${OWNER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'freeze',
        target: 'branch',
        enforcement: 'active',
        bypass_actors: [],
        conditions: { ref_name: { include: ['~ALL'], exclude: [] } },
        rules: [{ type: 'creation' }, { type: 'update' }, { type: 'deletion' }],
      }),
    });
    expect(ruleset.status).toBe(201);
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('auth, not-found, timeout and push-refused each reach the failed repository; the healthy one is mirrored', async () => {
    const forever = Number.POSITIVE_INFINITY;
    source.injectFault(
      { kind: 'git', path: '/acme/refused.git/', times: forever },
      faults.status(401, 'Bad credentials'),
    );
    source.injectFault({ kind: 'git', path: '/acme/gone.git/', times: forever }, faults.status(404, 'Not Found'));
    source.injectFault(
      { kind: 'git', method: 'POST', path: '/acme/stalled.git/git-upload-pack', times: forever },
      faults.stall('application/x-git-upload-pack-result'),
    );
    const previous = process.env.MIRROR_RETRY_SCALE;
    process.env.MIRROR_RETRY_SCALE = '0.001';
    const lines: string[] = [];
    try {
      const settings = readSettings({
        argv: [],
        env: mirrorEnv(
          {
            source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
            target: { type: 'github', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
            cacheDir: path.join(work, 'cache'),
            reportFile: path.join(work, 'report.json'),
          },
          { MIRROR_CONCURRENCY: '5', MIRROR_REQUEST_TIMEOUT: '2' },
        ),
      });
      const runtime = new TextRuntime({
        platform: 'cli',
        stdout: (text) => lines.push(text),
        stderr: (text) => lines.push(text),
      });
      const report = await runMirror(settings, {
        source: createHost(settings.source, 'source', runtime),
        target: createHost(settings.target, 'target', runtime),
        runtime,
        hint: { kind: 'all', reason: 'test' },
        requestTimeoutMs: settings.requestTimeout * 1000,
      });
      const result = (name: string) => report.repos.find((repo) => repo.name === name);

      expect([result('healthy')?.status, result('healthy')?.kind]).toEqual(['created', undefined]);
      expect(listRefs(target.repoDir('mirrors', 'healthy'))).toEqual(listRefs(source.repoDir('acme', 'healthy')));
      const kinds = Object.fromEntries(
        ['refused', 'gone', 'stalled', 'guarded'].map((name) => [name, [result(name)?.status, result(name)?.kind]]),
      );
      expect(kinds).toEqual({
        refused: ['failed', 'auth'],
        gone: ['failed', 'not-found'],
        stalled: ['failed', 'timeout'],
        guarded: ['failed', 'push-refused'],
      });
      // The refused ref names its kind too, and the target kept nothing of the refused push.
      expect(result('guarded')?.refs.find((ref) => ref.ref === 'refs/heads/main')).toMatchObject({
        errorKind: 'push-refused',
      });
      expect(result('guarded')?.reason).toMatch(/rejected/);
      expect(listRefs(target.repoDir('mirrors', 'guarded'))['refs/heads/main']).toBeUndefined();
      // The JSON report carries the kinds as they are.
      const json = JSON.parse(renderJsonReport(report)) as typeof report;
      expect(json.repos.find((repo) => repo.name === 'refused')?.kind).toBe('auth');
      expect(lines.join('')).not.toContain(SOURCE_TOKEN);
      expect(lines.join('')).not.toContain(TARGET_TOKEN);
    } finally {
      source.clearFaults();
      if (previous === undefined) delete process.env.MIRROR_RETRY_SCALE;
      else process.env.MIRROR_RETRY_SCALE = previous;
    }
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  }, 600_000);
});
