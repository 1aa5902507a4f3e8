/**
 * Health over time, end to end through the bundled CLI: a GitHub organization mirrored into a GitLab group and a GitLab
 * group into a GitHub organization, each with one repository whose source always fails (the source forge refuses its
 * git requests). Failure streaks across runs, backoff over 15 runs, a run naming the repository, recovery; the signed
 * notifications a local receiver gets (one per change, none when nothing changed, never a token); and the status issue
 * on the target host (GitLab project / GitHub repository): opened once, not written while health is unchanged, closed
 * on recovery, the same issue reopened on the next failure. Then a receiver that answers 500 or never answers.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import type { RepoResult } from '../src/report/model.js';
import { faults } from './forge/faults.js';
import type { ForgeType } from './forge/forge.js';
import { gitSpy, tempDir, textContains, type CliRun } from './support/cli.js';
import { addNamespace, expectExit, Pair, startHostForge, type HostForge } from './support/pairs.js';
import { scaled } from './support/time-scale.mjs';

const SECRET = 'notify-signing-secret-1234';

interface Delivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The client gave up before the receiver answered (hang mode). */
  closedByClient?: boolean;
}

/** A webhook receiver on loopback: answers 200 `ok` (as Slack does), 500, or never. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delivery: Delivery = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.deliveries.push(delivery);
      if (this.mode === 'hang') {
        res.on('close', () => (delivery.closedByClient = true));
        return;
      }
      res.writeHead(this.mode === 'ok' ? 200 : 500, { 'content-type': 'text/plain' });
      res.end(this.mode === 'ok' ? 'ok' : 'internal error');
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/org-mirror`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface FakeIssue {
  number?: number;
  iid?: number;
  state: string;
  body?: string | null;
  description?: string | null;
}

const resultOf = (run: CliRun, name: string): RepoResult => {
  const found = run.report?.repos.find((repo) => repo.name === name);
  if (!found) throw new Error(`${name} not in the report: ${JSON.stringify(run.report?.repos)}`);
  return found;
};

describe('health over time', () => {
  let github: HostForge;
  let gitlab: HostForge;
  let root: string;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    root = tempDir('org-mirror-health-');
    [github, gitlab] = await Promise.all([
      startHostForge('github', 'mirror-bot'),
      startHostForge('gitlab', 'mirror-bot'),
    ]);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await Promise.all([github, gitlab].filter(Boolean).map((host) => host.forge.stop()));
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const receiver = async (): Promise<Receiver> => {
    const started = await new Receiver().start();
    receivers.push(started);
    return started;
  };

  const pairOf = (sourceType: ForgeType, label: string, repos: string[]): Pair => {
    const [source, target] = sourceType === 'github' ? [github, gitlab] : [gitlab, github];
    const pair = new Pair(
      source,
      addNamespace(source, `${label}-src`),
      target,
      addNamespace(target, `${label}-dst`),
      gitSpy(root),
      root,
      { source: false, target: false },
    );
    for (const name of repos) {
      source.forge.addRepo(pair.sourceOwner, name, { defaultBranch: 'main' });
      source.forge.seed(pair.sourceOwner, name, { branches: { main: [`${name}.txt`] }, tags: ['v1'] });
    }
    return pair;
  };

  const expectSigned = (delivery: Delivery) => {
    const expected = `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`;
    expect(delivery.headers['x-org-mirror-signature-256']).toBe(expected);
    expect(delivery.headers['content-type']).toMatch(/^application\/json/);
  };

  test.each(['github', 'gitlab'] as ForgeType[])(
    '%s source: streaks, backoff, notifications and the status issue on the target host',
    async (sourceType) => {
      const pair = pairOf(sourceType, `health-${sourceType}`, ['good', 'bad']);
      const { source, target } = pair;
      // The project / repository holding the status issue, on the target host (the CLI's place for it).
      const ops = addNamespace(target, `ops-${sourceType}`);
      target.forge.addRepo(ops, 'status', { defaultBranch: 'main' });
      const hook = await receiver();
      const breakBad = () =>
        source.forge.injectFault(
          { kind: 'git', path: `/${pair.sourceOwner}/bad.git/`, times: Infinity },
          faults.status(403, 'Forbidden'),
        );
      const run = (extra: Record<string, string> = {}) =>
        pair.mirror({
          MIRROR_NOTIFY_URL: hook.url,
          MIRROR_NOTIFY_SECRET: SECRET,
          MIRROR_STATUS_ISSUE: `${ops}/status`,
          MIRROR_JUNIT_FILE: path.join(pair.work, 'junit.xml'),
          MIRROR_RETRY_SCALE: '0.001',
          ...extra,
        });
      const issues = (): FakeIssue[] =>
        ((target.forge.repo(ops, 'status').host as { issues?: FakeIssue[] }).issues ?? []) as FakeIssue[];
      const issueText = (issue: FakeIssue) => issue.body ?? issue.description ?? '';
      const isOpen = (issue: FakeIssue) => issue.state === 'open' || issue.state === 'opened';
      const issueWrites = () => target.forge.writes.filter((write) => write.path.includes(ops)).length;

      breakBad();
      // Run 1: bad fails; the first run announces the unhealthy repository and opens the issue.
      const first = await run();
      expectExit(first, 1);
      const firstBad = resultOf(first, 'bad');
      expect(firstBad).toMatchObject({ status: 'failed', health: 'failing', consecutiveFailures: 1 });
      expect(firstBad.failingSince).toEqual(expect.any(String));
      expect(resultOf(first, 'good')).toMatchObject({ status: 'created', health: 'healthy' });
      expect(resultOf(first, 'good').failingSince).toBeUndefined();
      expect(hook.deliveries).toHaveLength(1);
      expectSigned(hook.deliveries[0]);
      const firstNote = JSON.parse(hook.deliveries[0].body) as { text: string; mirror: string; changes: unknown[] };
      expect(firstNote.changes).toEqual([
        expect.objectContaining({ repository: 'bad', to: 'failing', failingSince: firstBad.failingSince }),
      ]);
      expect(firstNote.text).toContain('bad now failing');
      expect(firstNote.mirror).toContain(pair.sourceOwner);
      expect(issues()).toHaveLength(1);
      expect(isOpen(issues()[0])).toBe(true);
      expect(issueText(issues()[0])).toContain('| bad | ❌ failing |');
      const summary = fs.readFileSync(path.join(pair.work, 'report.md'), 'utf8');
      expect(summary).toMatch(/failing since \d+ \w{3}, 1 run/);
      expect(fs.readFileSync(path.join(pair.work, 'junit.xml'), 'utf8')).toMatch(
        /message="failing since \d+ \w{3}, 1 run: /,
      );

      // Run 2: same streak, one more run; nothing to announce, nothing written to the issue.
      let writes = issueWrites();
      const second = await run();
      expectExit(second, 1);
      expect(resultOf(second, 'bad')).toMatchObject({
        status: 'failed',
        consecutiveFailures: 2,
        failingSince: firstBad.failingSince,
      });
      expect(hook.deliveries).toHaveLength(1);
      expect(issueWrites()).toBe(writes);

      // mode check shows the streak the last sync recorded, and records nothing itself.
      const checked = await run({ MIRROR_MODE: 'check' });
      expectExit(checked, 1);
      expect(resultOf(checked, 'bad')).toMatchObject({
        status: 'unavailable',
        health: 'failing',
        consecutiveFailures: 2,
        failingSince: firstBad.failingSince,
      });
      expect(fs.readFileSync(path.join(pair.work, 'report.md'), 'utf8')).toMatch(/failing since \d+ \w{3}, 2 runs/);

      // Runs 3 … 15: tried on fewer runs (backing off between), never on none after the third failure. (The
      // schedule is the same whatever the hosts: the GitLab-source story stops at run 4, its first backing-off run.)
      const attempted = [1, 2];
      const runs = sourceType === 'github' ? 15 : 4;
      for (let n = 3; n <= runs; n++) {
        const next = await run();
        expectExit(next, 1);
        const bad = resultOf(next, 'bad');
        if (bad.status === 'failed') attempted.push(n);
        else {
          expect(bad.status).toBe('backing-off');
          expect(bad.reason).toMatch(/tried again in \d+ full runs? \(run \d+\)/);
          expect(bad.nextAttemptRun).toBeGreaterThan(n);
          expect(bad.failingSince).toBe(firstBad.failingSince);
        }
      }
      expect(attempted).toEqual([1, 2, 3, 5, 9].filter((n) => n <= runs));
      expect(hook.deliveries).toHaveLength(1);
      expect(issueWrites()).toBe(writes);

      // A run naming it tries it at once, whatever the schedule (the next full run would back off).
      const named = await run({ MIRROR_REPOSITORIES: 'bad' });
      expectExit(named, 1);
      expect(resultOf(named, 'bad')).toMatchObject({ status: 'failed', consecutiveFailures: attempted.length + 1 });

      // The fault goes: the next attempt succeeds, the streak is cleared, one notification, the issue closed.
      source.forge.clearFaults();
      writes = issueWrites();
      const recovered = await run({ MIRROR_REPOSITORIES: 'bad' });
      expectExit(recovered, 0);
      const healed = resultOf(recovered, 'bad');
      expect(healed).toMatchObject({ status: 'created', health: 'healthy' });
      expect(healed.failingSince).toBeUndefined();
      expect(healed.consecutiveFailures).toBeUndefined();
      expect(healed.lastSuccess).toEqual(expect.any(String));
      expect(hook.deliveries).toHaveLength(2);
      expectSigned(hook.deliveries[1]);
      expect(JSON.parse(hook.deliveries[1].body).changes).toEqual([
        { repository: 'bad', from: 'failing', to: 'healthy' },
      ]);
      expect(issues()).toHaveLength(1);
      expect(isOpen(issues()[0])).toBe(false);
      expect(issueWrites()).toBe(writes + 1);

      // A full run with everything healthy: quiet.
      writes = issueWrites();
      const quiet = await run();
      expectExit(quiet, 0);
      expect(hook.deliveries).toHaveLength(2);
      expect(issueWrites()).toBe(writes);

      // It changes at the source and fails again: a new streak, one notification, the same issue reopened (never a
      // second one).
      source.forge.seed(pair.sourceOwner, 'bad', { branches: { next: ['next.txt'] } });
      breakBad();
      const again = await run();
      expectExit(again, 1);
      expect(resultOf(again, 'bad')).toMatchObject({ status: 'failed', consecutiveFailures: 1 });
      expect(resultOf(again, 'bad').failingSince).not.toBe(firstBad.failingSince);
      expect(hook.deliveries).toHaveLength(3);
      expect(issues()).toHaveLength(1);
      expect(isOpen(issues()[0])).toBe(true);
      source.forge.clearFaults();

      // Nothing secret was sent: no token in any form, not the signing secret.
      const tokens = [source.bot.token, target.bot.token, SECRET];
      for (const delivery of hook.deliveries) {
        expect(textContains(`${JSON.stringify(delivery.headers)}\n${delivery.body}`, tokens)).toBe(false);
      }
      for (const issue of issues()) expect(textContains(issueText(issue), tokens)).toBe(false);
      expect(textContains(pair.outputs.join('\n'), [SECRET, source.bot.token, target.bot.token])).toBe(false);
      expect([...source.forge.violations, ...target.forge.violations]).toEqual([]);
    },
    // About twenty CLI runs one after the other (fifteen of the backoff schedule alone).
    scaled(300_000),
  );

  test('a receiver answering 500 or never answering changes neither the exit code nor the end of the run', async () => {
    const pair = pairOf('github', 'health-deaf', ['solo', 'other']);
    const hook = await receiver();
    const run = (extra: Record<string, string> = {}) =>
      pair.mirror({ MIRROR_NOTIFY_URL: hook.url, MIRROR_NOTIFY_SECRET: SECRET, MIRROR_REQUEST_TIMEOUT: '3', ...extra });
    expectExit(await run(), 0);
    // All healthy on the first run: nothing to announce.
    expect(hook.deliveries).toHaveLength(0);

    // `solo` disappears from the source: orphaned (a change of health that does not fail the run).
    const solo = pair.sourceRepo('solo');
    const key = solo.fullPath.toLowerCase();
    pair.source.forge.repos.delete(key);
    hook.mode = 'fail';
    const refused = await run();
    expectExit(refused, 0);
    expect(resultOf(refused, 'solo').status).toBe('orphaned');
    expect(hook.deliveries.length).toBeGreaterThanOrEqual(1);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/Could not send the notification to notify-url: .*HTTP 500/);

    // It comes back: a change again, and the receiver never answers. The run ends after request-timeout.
    pair.source.forge.repos.set(key, solo);
    hook.mode = 'hang';
    const before = hook.deliveries.length;
    const hung = await run();
    expectExit(hung, 0);
    expect(resultOf(hung, 'solo').health).toBe('healthy');
    expect(hook.deliveries.length).toBeGreaterThan(before);
    // The CLI gave up on the request (the receiver never answered it): the wait was bounded by the client.
    expect(hook.deliveries.slice(before).every((delivery) => delivery.closedByClient)).toBe(true);
    expect(`${hung.stdout}${hung.stderr}`).toMatch(/Could not send the notification to notify-url/);
    expect(textContains(pair.outputs.join('\n'), [SECRET, pair.source.bot.token, pair.target.bot.token])).toBe(false);
  });
});
