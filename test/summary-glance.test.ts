/**
 * The job summary of a big run, read the way GitHub reads it: rendered by a real Markdown renderer (marked, GitHub
 * Flavored Markdown), every table intact, problems first, under GitHub's 1 MiB step-summary limit.
 */
import { describe, expect, it } from '@jest/globals';
import { Lexer, marked, type Token, type Tokens } from 'marked';

import {
  glanceLine,
  renderJUnit,
  renderMarkdown,
  type RepoResult,
  type RepoStatus,
  type RunReport,
} from '../src/report/index.js';

const GITHUB_SUMMARY_LIMIT = 1024 * 1024;
const SHA = 'c'.repeat(40);

function report(repos: RepoResult[], mode = 'sync'): RunReport {
  return {
    version: 1,
    mode,
    source: { type: 'github', url: 'https://github.com', owner: 'acme' },
    target: { type: 'gitlab', url: 'https://gitlab.example.com', owner: 'mirrors' },
    startedAt: '2026-01-31T12:00:00.000Z',
    durationMs: 63_000,
    counts: {},
    repos,
  };
}

/** Reasons as hosts and git write them: pipes, backticks, newlines, HTML, long. */
const NASTY = [
  'remote: error: GH006: Protected branch update failed for refs/heads/main | see `git push -v`',
  'fatal: unable to access\n  https://example/x.git/: HTTP 502 <html><body>Bad gateway</body></html>',
  `${'x'.repeat(3000)} | tail`,
  'a *star* _under_ [link](https://x) ~strike~ \\ back',
];

/** 2000 repositories: most in sync, some of every problem, names with characters Markdown cares about. */
function bigRun(): RepoResult[] {
  const statuses: [RepoStatus, number][] = [
    ['failed', 37],
    ['unavailable', 5],
    ['diverged', 12],
    ['orphaned', 9],
    ['created', 40],
    ['updated', 180],
    ['skipped', 17],
  ];
  const repos: RepoResult[] = [];
  let n = 0;
  for (const [status, count] of statuses) {
    for (let i = 0; i < count; i++, n++) {
      const problem = ['failed', 'unavailable', 'diverged', 'orphaned'].includes(status);
      repos.push({
        name: `team-${n}/svc_${n}|x\`${n}\``,
        status,
        reason: problem ? NASTY[n % NASTY.length] : status === 'skipped' ? 'fork (include-forks: false)' : undefined,
        refs: status === 'updated' ? [{ ref: 'refs/heads/main', kind: 'update', from: SHA, to: SHA }] : [],
        durationMs: 1200 + n,
      });
    }
  }
  while (repos.length < 2000) {
    repos.push({ name: `repo-${repos.length}`, status: 'up-to-date', refs: [], durationMs: 3 });
  }
  // The engine's order is by name, not by status: the summary must sort problems first itself.
  return repos.sort((a, b) => (a.name.length % 7) - (b.name.length % 7));
}

function tables(tokens: Token[]): Tokens.Table[] {
  const found: Tokens.Table[] = [];
  for (const token of tokens) if (token.type === 'table') found.push(token as Tokens.Table);
  return found;
}

/** A cell as a reader sees it: rendered by marked, tags dropped, entities decoded, `<br>` back to a newline. */
function cellText(cell: Tokens.TableCell): string {
  const html = marked.parseInline(cell.text) as string;
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('summary at a glance, 2000 repositories', () => {
  const repos = bigRun();
  const markdown = renderMarkdown(report(repos));
  const tokens = Lexer.lex(markdown, { gfm: true });

  it('stays under the 1 MiB step-summary limit', () => {
    expect(Buffer.byteLength(markdown)).toBeLessThan(GITHUB_SUMMARY_LIMIT);
    expect(markdown).not.toContain('more repositories: see the JSON report');
  });

  it('starts with one line of counts with icons that add up', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^## org-mirror sync: /);
    expect(lines[2]).toBe(
      '✅ 1700 up-to-date · ✅ 40 created · ✅ 180 updated · ⚠️ 12 diverged · ⚠️ 9 orphaned · ❌ 37 failed · ❌ 5 unavailable · 17 skipped — **2000 repositories** in 1 min 3 s',
    );
    const counted = [...lines[2].split(' — ')[0].matchAll(/(\d+) [a-z-]+/g)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    expect(counted).toBe(2000);
  });

  it('renders two intact tables: problems first, every row with the right cells, the rest collapsed', () => {
    const [problems, others] = tables(tokens);
    expect(tables(tokens)).toHaveLength(2);
    expect(problems.header.map((cell) => cell.text)).toEqual(['Repository', 'Status', 'Reason', 'Next step']);
    expect(problems.rows).toHaveLength(63);
    expect(others.rows).toHaveLength(2000 - 63);

    const byName = new Map(repos.map((repo) => [repo.name, repo]));
    const statusesInOrder = problems.rows.map((row) => cellText(row[1]));
    expect([...new Set(statusesInOrder)]).toEqual(['failed', 'unavailable', 'diverged', 'orphaned']);
    for (const row of problems.rows) {
      expect(row).toHaveLength(4);
      const repo = byName.get(cellText(row[0]));
      expect(repo?.status).toBe(cellText(row[1]));
      // The whole reason (cut after 400 characters), pipes, backticks and newlines included, in its own cell.
      const reason = repo?.reason ?? '';
      expect(cellText(row[2])).toBe(reason.length > 400 ? `${reason.slice(0, 400)}…` : reason);
      expect(cellText(row[3]).length).toBeGreaterThan(10);
    }
    const diverged = problems.rows.find((row) => cellText(row[1]) === 'diverged');
    expect(cellText(diverged![3])).toBe('re-run with on-divergence: overwrite, or push the change to the source');

    for (const row of others.rows) {
      expect(row).toHaveLength(6);
      const name = cellText(row[0]);
      expect(byName.get(name)?.status).toBe(cellText(row[1]).split(':')[0]);
    }
    const html = marked.parse(markdown, { gfm: true }) as string;
    expect(html.indexOf('Needs attention')).toBeLessThan(html.indexOf('<details>'));
    expect(html).toMatch(/<details><summary>The other 1937 repositories<\/summary>\s*<table>/);
    expect(html).not.toMatch(/<script|<body>/);
  });

  it('cuts a summary too big for the limit, with a pointer to the JSON report and tables still intact', () => {
    const huge = Array.from({ length: 2000 }, (_, i): RepoResult => ({
      name: `failing-${i}`,
      status: 'failed',
      reason: `${'e'.repeat(380)} | ${i}`,
      refs: [],
      durationMs: 1,
    }));
    const small = renderMarkdown(report(huge), 200_000);
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(200_000);
    expect(small).toMatch(/… and \d+ more repositories: see the JSON report\.\n$/);
    const [problems] = tables(Lexer.lex(small, { gfm: true }));
    expect(problems.rows.length).toBeGreaterThan(100);
    for (const row of problems.rows) expect(cellText(row[1])).toBe('failed');
    expect(Buffer.byteLength(renderMarkdown(report(huge)))).toBeLessThan(GITHUB_SUMMARY_LIMIT);
  });

  it('JUnit keeps one test case per repository', () => {
    expect(renderJUnit(report(repos)).match(/<testcase /g)).toHaveLength(2000);
  });

  it('check mode gets the same view', () => {
    const check = renderMarkdown(
      report(
        [
          { name: 'a', status: 'in-sync', refs: [], durationMs: 1 },
          { name: 'b', status: 'behind', refs: [], durationMs: 1 },
          { name: 'c', status: 'unavailable', reason: 'HTTP 403', refs: [], durationMs: 1 },
        ],
        'check',
      ),
    );
    expect(check.split('\n')[2]).toBe(
      '✅ 1 in-sync · ⚠️ 1 behind · ❌ 1 unavailable — **3 repositories** in 1 min 3 s',
    );
    expect(check.indexOf('| c | unavailable | HTTP 403 |')).toBeLessThan(check.indexOf('<details>'));
    expect(glanceLine([])).toBe('');
  });
});
