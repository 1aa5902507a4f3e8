/**
 * The status issue, the pure parts: its body (problems first, healthy ones folded, stable while health is, under
 * GitHub's 65,536-character limit at 10,000 repositories) and the few requests that keep it up to date.
 */
import { describe, expect, test } from '@jest/globals';

import type { HealthFile, RepoHealth } from '../src/mirror/health.js';
import {
  desiredIssue,
  GITHUB_BODY_LIMIT,
  syncStatusIssue,
  type Issue,
  type IssueClient,
} from '../src/report/status-issue.js';

const failing = (day: string, reason = 'HTTP 500 from the source'): RepoHealth => ({
  health: 'failing',
  since: `2026-12-${day}T10:00:00.000Z`,
  consecutiveFailures: 4,
  reason,
  runUrl: 'https://github.example/acme/ops/actions/runs/42',
});
const healthy: RepoHealth = { health: 'healthy', consecutiveFailures: 0, lastSuccess: '2026-12-06T00:00:00.000Z' };

function fileOf(repos: Record<string, RepoHealth>): HealthFile {
  return { version: 1, fullRuns: 9, repos };
}

describe('status issue body', () => {
  test('hidden marker, counts, problems first with the run where they began, healthy ones folded', () => {
    const issue = desiredIssue(
      'github.com/acme → gitlab.com/m',
      fileOf({ web: healthy, api: failing('03'), zz: healthy }),
    );
    expect(issue.open).toBe(true);
    expect(issue.body.startsWith('<!-- org-mirror:status:github.com/acme → gitlab.com/m -->\n')).toBe(true);
    expect(issue.body).toContain('❌ 1 failing · ✅ 2 healthy');
    expect(issue.body).toContain(
      '| api | ❌ failing | [2026-12-03](https://github.example/acme/ops/actions/runs/42) | HTTP 500 from the source |',
    );
    expect(issue.body).toMatch(/<details><summary>✅ 2 healthy<\/summary>\n\nweb, zz\n\n<\/details>/);
    expect(issue.body.indexOf('api')).toBeLessThan(issue.body.indexOf('<details>'));
  });

  test('nothing in it changes while health does not (streak lengths and run times are not shown)', () => {
    const before = desiredIssue('m', fileOf({ api: failing('03'), web: healthy }));
    const later = desiredIssue(
      'm',
      fileOf({
        api: { ...failing('03'), consecutiveFailures: 40, lastAttemptRun: 80 },
        web: { ...healthy, lastSuccess: '2026-12-07T00:00:00.000Z', lastAttemptRun: 81 },
      }),
    );
    expect(later.body).toBe(before.body);
  });

  test('all healthy: closed', () => {
    expect(desiredIssue('m', fileOf({ a: healthy })).open).toBe(false);
  });

  test.each([
    ['10,000 healthy', () => healthy],
    ['10,000 failing', (i: number) => failing('03', `error ${i}: ${'x'.repeat(250)}`)],
    ['half and half', (i: number) => (i % 2 ? healthy : failing('04', 'y'.repeat(300)))],
  ])('%s repositories: under the limit, with what is left out counted', (_label, make) => {
    const repos: Record<string, RepoHealth> = {};
    for (let i = 0; i < 10_000; i++) repos[`repository-with-a-long-name-${String(i).padStart(5, '0')}`] = make(i);
    const issue = desiredIssue('github.com/acme → gitlab.com/mirrors/acme', fileOf(repos));
    expect(issue.body.length).toBeLessThan(GITHUB_BODY_LIMIT);
    expect(issue.body).toMatch(/Not listed here: \d+ /);
    expect(issue.body).toContain('65,536 characters');
    expect(issue.body.trimEnd().endsWith('</sub>')).toBe(true);
  });

  test('names are escaped for Markdown; the marker cannot be closed early', () => {
    const issue = desiredIssue('a-->b', fileOf({ 'x|<y>': failing('03', 'a | b\nc') }));
    expect(issue.body).toContain('x\\|&lt;y&gt;');
    expect(issue.body).toContain('a \\| b<br>c');
    expect(issue.marker).toBe('<!-- org-mirror:status:a-b -->');
  });
});

/** An issue host in memory, counting calls. */
class MemoryIssues implements IssueClient {
  issues: (Issue & { title: string })[] = [];
  calls: string[] = [];
  async get(number: number) {
    this.calls.push(`get ${number}`);
    return this.issues.find((i) => i.number === number);
  }
  async find(marker: string) {
    this.calls.push('find');
    return this.issues.find((i) => i.body.includes(marker));
  }
  async create(title: string, body: string) {
    this.calls.push('create');
    const issue = { number: this.issues.length + 1, open: true, body, title };
    this.issues.push(issue);
    return issue;
  }
  async update(number: number, change: { body?: string; open?: boolean }) {
    this.calls.push(`update ${JSON.stringify(Object.keys(change))}`);
    const issue = this.issues.find((i) => i.number === number)!;
    if (change.body !== undefined) issue.body = change.body;
    if (change.open !== undefined) issue.open = change.open;
  }
}

describe('keeping the issue up to date', () => {
  test('opened once, one read when unchanged, closed, reopened (never a second one)', async () => {
    const client = new MemoryIssues();
    const host = 'h';
    const bad = desiredIssue('m', fileOf({ api: failing('03') }));
    const good = desiredIssue('m', fileOf({ api: healthy }));

    // All healthy and nothing known: one search, nothing written, remembered as none.
    let step = await syncStatusIssue(client, good, undefined, host);
    expect(step).toEqual({ remember: { host }, action: 'none' });
    client.calls = [];
    // Still healthy, none remembered: no request at all.
    step = await syncStatusIssue(client, good, step.remember, host);
    expect(client.calls).toEqual([]);

    step = await syncStatusIssue(client, bad, step.remember, host);
    expect(step.action).toBe('created');
    client.calls = [];
    step = await syncStatusIssue(client, bad, step.remember, host);
    expect(step.action).toBe('none');
    expect(client.calls).toEqual(['get 1']);

    step = await syncStatusIssue(client, good, step.remember, host);
    expect(step.action).toBe('closed');
    step = await syncStatusIssue(client, bad, step.remember, host);
    expect(step.action).toBe('reopened');
    expect(client.issues).toHaveLength(1);
    expect(client.issues[0]).toMatchObject({ open: true, body: bad.body });

    // The cache was lost: found again by its marker, not opened twice.
    step = await syncStatusIssue(client, good, undefined, host);
    expect(step).toEqual({ remember: { host, number: 1 }, action: 'closed' });
    expect(client.issues).toHaveLength(1);
  });
});
