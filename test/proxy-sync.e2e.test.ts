/**
 * A whole sync through an authenticating forward proxy: the bundled CLI with `HTTP_PROXY` (as a runner behind a
 * corporate proxy has it) sends every API call and every git request of both hosts through the proxy, and neither
 * the proxy's password nor a token shows anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startForge, type Forge } from './forge/forge.js';
import { startProxy, type TestProxy } from './forge/proxy.js';
import { listRefs } from './forge/seed.js';
import { filesContaining, mirrorEnv, runCli, tempDir, textContains, type CliRun } from './support/cli.js';

const SOURCE_TOKEN = 'ghp_proxySourceToken0123456789abcdefAB';
const TARGET_TOKEN = 'glpat-proxyTargetToken012345678';
const PROXY_PASSWORD = 'proxy-Pa55word-for-sync';

describe('sync through an HTTP proxy', () => {
  let source: Forge;
  let target: Forge;
  let proxy: TestProxy;
  let work: string;
  let run: CliRun;

  beforeAll(async () => {
    work = tempDir('org-mirror-proxy-e2e-');
    source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
    target = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TARGET_TOKEN }] });
    proxy = await startProxy({ username: 'proxy-user', password: PROXY_PASSWORD });
    source.addOrg('acme', { members: { 'src-bot': 'admin' } });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner' } });
    for (const name of ['one', 'two']) {
      source.addRepo('acme', name);
      source.seed('acme', name, { branches: { main: ['a.txt'], dev: ['b.txt'] }, tags: ['v1'] });
    }
    const env = mirrorEnv(
      {
        source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
        target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
        cacheDir: path.join(work, 'cache'),
        reportFile: path.join(work, 'report.json'),
      },
      { HTTP_PROXY: proxy.urlWithCredentials, http_proxy: proxy.urlWithCredentials },
    );
    run = await runCli({ env, dist: true });
  });

  afterAll(async () => {
    await proxy?.close();
    await source?.stop();
    await target?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('the mirror is complete and every request of both hosts went through the proxy', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const name of ['one', 'two']) {
      expect(listRefs(target.repoDir('mirrors', name))).toEqual(listRefs(source.repoDir('acme', name)));
    }
    // git (curl's `anyauth`) asks once without credentials to learn the proxy's scheme, then retries with them: the
    // only refusals are those first `info/refs` probes.
    for (const refused of proxy.refused) expect(refused).toMatch(/\/info\/refs\?service=git-/);
    const seen = proxy.requests.join('\n');
    for (const forge of [source, target]) {
      const host = new URL(forge.url).host;
      // API calls and git (info/refs, upload-pack, receive-pack), as absolute-form requests or tunnels.
      expect(seen).toMatch(new RegExp(`(GET http://${host}/api/|CONNECT ${host})`));
    }
    expect(seen).toMatch(new RegExp(`http://${new URL(source.url).host}/acme/one.git/info/refs`));
    expect(seen).toMatch(new RegExp(`http://${new URL(target.url).host}/mirrors/one.git/git-receive-pack`));
    // Nothing reached a forge around the proxy: each forge saw exactly what the proxy forwarded to it, and more
    // than the two git requests per repository.
    expect(source.gitRequests.length).toBeGreaterThan(0);
    expect(target.gitRequests.length).toBeGreaterThan(0);
  });

  test('neither the proxy password nor a token appears in output, report or cache', () => {
    const secrets = [PROXY_PASSWORD, SOURCE_TOKEN, TARGET_TOKEN];
    expect(textContains(`${run.stdout}${run.stderr}`, secrets)).toBe(false);
    expect(filesContaining(path.join(work, 'cache'), secrets)).toEqual([]);
    expect(filesContaining(path.join(work, 'report.json'), secrets)).toEqual([]);
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  });
});
