/**
 * Issue 10 items 1-3 end to end, through the bundled CLI: with a GitLab and with a Bitbucket Server source (no
 * trustworthy push stamp), a no-op run reads the source's refs in process (two smart-HTTP requests per repository),
 * starts no git process and does not read the target; a target ref changed behind the mirror's back stays unseen until
 * the next full verification, which finds it (`verify-interval: 0`); git transfers stay within `concurrency` while
 * ref discovery runs more at once.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import type { ForgeType } from './forge/forge.js';
import { filesContaining, tempDir, textContains, type GitSpy } from './support/cli.js';
import { addNamespace, expectExit, Pair, startHostForge, statusOf, type HostForge } from './support/pairs.js';

const REPOS = ['api', 'web', 'lib', 'docs'];

/** A `git` wrapper logging the start and the end of every git process, to count them and their overlap. */
function overlapSpy(dir: string): GitSpy & { maxRunning(): number } {
  const binDir = path.join(dir, 'spy-bin');
  const logFile = path.join(dir, 'git-processes.log');
  fs.mkdirSync(binDir, { recursive: true });
  const realGit = fs.existsSync('/usr/bin/git') ? '/usr/bin/git' : 'git';
  fs.writeFileSync(
    path.join(binDir, 'git'),
    `#!/bin/sh\nprintf 'start %s\\n' "$*" >> '${logFile}'\n${realGit} "$@"\ncode=$?\nprintf 'end\\n' >> '${logFile}'\nexit $code\n`,
    { mode: 0o755 },
  );
  const lines = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []);
  return {
    binDir,
    logFile,
    calls: () => lines().filter((line) => line.startsWith('start ')),
    maxRunning: () => {
      let running = 0;
      let max = 0;
      for (const line of lines()) {
        running += line.startsWith('start ') ? 1 : -1;
        max = Math.max(max, running);
      }
      return max;
    },
  };
}

/** Highest number of git smart-HTTP requests the forge was answering at once, from now on. */
function watchInFlight(host: HostForge): { max(): number } {
  const server = (host.forge as unknown as { server: http.Server }).server;
  let inFlight = 0;
  let max = 0;
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.includes('.git/')) return;
    inFlight++;
    max = Math.max(max, inFlight);
    res.on('close', () => inFlight--);
  });
  return { max: () => max };
}

describe.each<ForgeType>(['gitlab', 'bitbucket-server'])('%s source → GitHub target', (sourceType) => {
  let source: HostForge;
  let target: HostForge;
  let root: string;
  let spy: ReturnType<typeof overlapSpy>;
  let pair: Pair;
  const gitRequests = () => ({ source: source.forge.gitRequests.length, target: target.forge.gitRequests.length });

  beforeAll(async () => {
    [source, target] = await Promise.all([startHostForge(sourceType, 'src-bot'), startHostForge('github', 'bot')]);
    root = tempDir('org-mirror-noop-');
    spy = overlapSpy(root);
    pair = new Pair(source, addNamespace(source, 'team'), target, addNamespace(target, 'mirrors'), spy, root, {
      source: sourceType === 'bitbucket-server',
      target: false,
    });
    for (const name of REPOS) {
      source.forge.addRepo(pair.sourceOwner, name, { defaultBranch: 'main', visibility: 'private' });
      source.forge.seed(pair.sourceOwner, name, {
        branches: { main: ['README.md', `${name}.txt`], dev: ['dev.txt'] },
        tags: ['v1', { name: 'v2', message: 'Release 2' }],
        extraRefs: sourceType === 'gitlab' ? ['refs/merge-requests/1/head'] : ['refs/pull-requests/1/from'],
      });
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all([source?.forge.stop(), target?.forge.stop()]);
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test('a no-op run starts no git process and reads only the source refs, more at once than git transfers', async () => {
    const first = await pair.mirror({ MIRROR_CONCURRENCY: '1' });
    expectExit(first, 0);
    expect(first.report?.counts).toEqual({ created: REPOS.length });
    // `concurrency` bounds git processes: never two at once.
    expect(spy.calls().length).toBeGreaterThan(0);
    expect(spy.maxRunning()).toBe(1);

    const processes = spy.calls().length;
    const before = gitRequests();
    const apiBefore = source.forge.requests.length;
    // Every answer held a while, so that requests running at the same time are seen overlapping.
    source.forge.latencyMs = 200;
    const inFlight = watchInFlight(source);
    let again;
    try {
      again = await pair.mirror({ MIRROR_CONCURRENCY: '1' });
    } finally {
      source.forge.latencyMs = 0;
    }
    expectExit(again, 0);
    expect(again.report?.counts).toEqual({ 'up-to-date': REPOS.length });
    expect(spy.calls().length).toBe(processes);
    // Per repository: the capability advertisement and one ls-refs on the source; nothing on the target.
    const after = gitRequests();
    expect(after.target).toBe(before.target);
    const sourceRequests = source.forge.gitRequests.slice(before.source);
    expect(sourceRequests.map((r) => [r.phase, r.status]).sort()).toEqual(
      REPOS.flatMap(() => [
        ['advertise', 200],
        ['exchange', 200],
      ]).sort(),
    );
    expect(new Set(sourceRequests.map((r) => r.repo)).size).toBe(REPOS.length);
    // And no API request of its own per repository, only the listing (Bitbucket Server's default branch comes with
    // the refs' HEAD).
    const beyondListing = source.forge.requests
      .slice(apiBefore)
      .map((request) => `${request.method} ${request.path.split('?')[0]}`)
      .filter(
        (request) =>
          !/^GET \/(api\/v4\/groups\/[^/]+(\/projects)?|rest\/api\/1\.0\/projects\/[^/]+\/repos)$/.test(request),
      );
    expect(beyondListing).toEqual([]);
    // Ref discovery is not held to `concurrency` (1): several repositories were read at once.
    expect(inFlight.max()).toBeGreaterThan(1);
  }, 240_000);

  test("a target ref changed behind the mirror's back is found at the next verification", async () => {
    const changed = target.forge.seed(pair.targetOwner, 'api', { branches: { main: ['behind-the-back.txt'] } });
    const sneaky = changed.refs['refs/heads/main'];

    // Within the verify interval the source holds what the mirror wrote: the target is not read.
    const before = gitRequests();
    const quiet = await pair.mirror();
    expectExit(quiet, 0);
    expect(quiet.report?.counts).toEqual({ 'up-to-date': REPOS.length });
    expect(gitRequests().target).toBe(before.target);

    // A full verification reads both sides and finds the change, which it leaves untouched.
    const verified = await pair.mirror({ MIRROR_VERIFY_INTERVAL: '0' });
    expectExit(verified, 1);
    expect(statusOf(verified, 'api')).toBe('diverged');
    expect(verified.report?.repos.find((repo) => repo.name === 'api')?.reason).toMatch(/refs\/heads\/main/);
    for (const name of ['web', 'lib', 'docs']) expect(statusOf(verified, name)).toBe('up-to-date');
    expect(gitRequests().target).toBeGreaterThan(before.target);
    expect(pair.targetRefs('api')['refs/heads/main']).toBe(sneaky);
  }, 240_000);

  test('no token in any output, report, cache file or git argv; no contract violation', () => {
    const secrets = [source.bot.token, target.bot.token];
    for (const text of pair.outputs) expect(textContains(text, secrets)).toBe(false);
    expect(filesContaining(pair.work, secrets)).toEqual([]);
    expect(textContains(spy.calls().join('\n'), secrets)).toBe(false);
    expect(source.forge.violations).toEqual([]);
    expect(target.forge.violations).toEqual([]);
  });
});
