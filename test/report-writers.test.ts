import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import {
  countByStatus,
  escapeCell,
  exitCodeOf,
  formatDuration,
  publishReport,
  renderJUnit,
  renderMarkdown,
  summaryFileFor,
  summaryLine,
  writeJsonReport,
  type RepoResult,
  type RunReport,
} from '../src/report/index.js';
import { TextRuntime } from '../src/runtime/index.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

function repo(name: string, status: RepoResult['status'], extra: Partial<RepoResult> = {}): RepoResult {
  return { name, status, refs: [], durationMs: 1234, ...extra };
}

function sampleReport(repos: RepoResult[], extra: Partial<RunReport> = {}): RunReport {
  return {
    version: 1,
    mode: 'sync',
    source: { type: 'github', url: 'https://github.com', owner: 'acme' },
    target: { type: 'gitlab', url: 'https://gitlab.example.com', owner: 'mirrors/acme' },
    startedAt: '2025-01-31T12:00:00.000Z',
    durationMs: 62_000,
    counts: {},
    repos,
    ...extra,
  };
}

const REPOS: RepoResult[] = [
  repo('up', 'up-to-date', { durationMs: 40 }),
  repo('api', 'updated', {
    refs: [
      { ref: 'refs/heads/main', kind: 'update', from: SHA_A, to: SHA_B },
      { ref: 'refs/heads/rewrite', kind: 'force-update', from: SHA_B, to: SHA_A },
      { ref: 'refs/tags/v1', kind: 'create', to: SHA_A },
      { ref: 'refs/heads/gone', kind: 'delete', from: SHA_A },
    ],
  }),
  repo('web|ui', 'failed', { reason: 'push rejected <pre-receive>\nline two & more' }),
  repo('lib', 'diverged', { refs: [{ ref: 'refs/heads/main', kind: 'diverged', from: SHA_A, to: SHA_B }] }),
  repo('fork', 'skipped', { reason: 'fork (include-forks: false)' }),
  repo('old', 'orphaned'),
];

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'org-mirror-report-'));
}

describe('counts, summary line and exit code', () => {
  it('counts per status in a stable order', () => {
    expect(countByStatus(REPOS)).toEqual({
      failed: 1,
      diverged: 1,
      updated: 1,
      'up-to-date': 1,
      skipped: 1,
      orphaned: 1,
    });
    expect(Object.keys(countByStatus(REPOS))).toEqual([
      'failed',
      'diverged',
      'updated',
      'up-to-date',
      'skipped',
      'orphaned',
    ]);
  });

  it('formats durations', () => {
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(40)).toBe('0.0 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('writes the summary line', () => {
    expect(summaryLine(sampleReport(REPOS))).toBe(
      'org-mirror sync: 6 repositories in 1 min 2 s: 1 failed, 1 diverged, 1 updated, 1 up-to-date, 1 skipped, 1 orphaned',
    );
    expect(summaryLine(sampleReport([]))).toBe('org-mirror sync: 0 repositories in 1 min 2 s');
    expect(summaryLine(sampleReport([], { error: 'listing failed on page 3' }))).toBe(
      'org-mirror sync failed: listing failed on page 3',
    );
  });

  it.each<[string, RepoResult[], Partial<RunReport>, 'fail' | 'overwrite', 0 | 1]>([
    [
      'all good',
      [repo('a', 'updated'), repo('b', 'up-to-date'), repo('c', 'orphaned'), repo('d', 'skipped')],
      {},
      'fail',
      0,
    ],
    ['a repo failed', [repo('a', 'updated'), repo('b', 'failed')], {}, 'fail', 1],
    ['diverged with fail', [repo('a', 'diverged')], {}, 'fail', 1],
    ['diverged with overwrite', [repo('a', 'diverged')], {}, 'overwrite', 0],
    ['check: unavailable', [repo('a', 'unavailable')], {}, 'overwrite', 1],
    [
      'check: behind and missing are a status page, not a failure',
      [repo('a', 'behind'), repo('b', 'missing')],
      {},
      'fail',
      0,
    ],
    ['run error', [], { error: 'listing failed' }, 'fail', 1],
  ])('exit code: %s', (_case, repos, extra, onDivergence, code) => {
    expect(exitCodeOf(sampleReport(repos, extra), { onDivergence })).toBe(code);
  });
});

describe('markdown', () => {
  it("names a failure's kind beside its status, with that kind's next step", () => {
    const markdown = renderMarkdown(
      sampleReport([
        repo('locked', 'failed', { reason: 'authentication failed (HTTP 401): the token was refused', kind: 'auth' }),
        repo('frozen', 'failed', { reason: '1 ref(s) rejected', kind: 'push-refused' }),
        repo('odd', 'failed', { reason: 'something', kind: 'unexpected' }),
      ]),
    );
    expect(markdown).toContain(
      '| locked | failed (auth) | authentication failed (HTTP 401): the token was refused | the host refused the token:',
    );
    expect(markdown).toContain(
      "| frozen | failed (push-refused) | 1 ref(s) rejected | a rule or hook on the target refused the mirror's push",
    );
    expect(markdown).toContain('| odd | failed | something | fix the cause given in the reason');
  });

  it('escapes table cells', () => {
    expect(escapeCell('a|b\nc <x> & *y* [z](u) `c` \\')).toBe(
      'a\\|b<br>c &lt;x&gt; &amp; \\*y\\* \\[z\\](u) \\`c\\` \\\\',
    );
  });

  it('starts with the icons line, lists problems first with the next step, the rest collapsed', () => {
    const markdown = renderMarkdown(sampleReport(REPOS));
    const lines = markdown.trimEnd().split('\n');
    expect(lines[0]).toBe('## org-mirror sync: github acme → gitlab mirrors/acme');
    expect(lines[2]).toBe(
      '✅ 1 up-to-date · ✅ 1 updated · ⚠️ 1 diverged · ⚠️ 1 orphaned · ❌ 1 failed · 1 skipped — **6 repositories** in 1 min 2 s',
    );
    const problems = lines.indexOf('| Repository | Status | Reason | Next step |');
    const details = lines.findIndex((line) => line.startsWith('<details>'));
    expect(problems).toBeGreaterThan(2);
    expect(details).toBeGreaterThan(problems);
    expect(lines.slice(problems + 2, problems + 5)).toEqual([
      '| web\\|ui | failed | push rejected &lt;pre-receive&gt;<br>line two &amp; more | fix the cause given in the reason, then re-run; the other repositories were not affected |',
      '| lib | diverged |  | re-run with on-divergence: overwrite, or push the change to the source |',
      '| old | orphaned |  | delete or rename was intended? set orphans: archive to archive the mirror, or keep it |',
    ]);
    expect(lines[details]).toBe('<details><summary>The other 3 repositories</summary>');
    expect(lines.slice(details + 4, details + 7)).toEqual([
      '| api | updated | 1 | 2 | 1 | 1.2 s |',
      '| up | up-to-date | 0 | 0 | 0 | 0.0 s |',
      '| fork | skipped: fork (include-forks: false) | 0 | 0 | 0 | 1.2 s |',
    ]);
    expect(lines.at(-1)).toBe('</details>');
  });

  it("uses the engine's own next step when it gives one", () => {
    const markdown = renderMarkdown(
      sampleReport([repo('gone', 'orphaned', { reason: 'archived', next: 'nothing: it is archived' })]),
    );
    expect(markdown).toContain('| gone | orphaned | archived | nothing: it is archived |');
  });

  it('a run with problems only has no details section; a clean run has no problems table', () => {
    expect(renderMarkdown(sampleReport([repo('a', 'failed')]))).not.toContain('<details>');
    const clean = renderMarkdown(sampleReport([repo('a', 'up-to-date')]));
    expect(clean).not.toContain('Needs attention');
    expect(clean).toContain('<details><summary>All 1 repository</summary>');
  });

  it('says what filter and exclude matched, in code spans that hold any pattern', () => {
    const markdown = renderMarkdown(
      sampleReport(REPOS, {
        selection: { listed: 9, filter: { pattern: 'a`b|c', matched: 6 }, exclude: { pattern: '^skip-', matched: 0 } },
      }),
    );
    expect(markdown).toContain(
      'Filters: filter ``a`b|c`` matched 6 of 9 repositories; exclude `^skip-` matched 0 of 9',
    );
    expect(renderMarkdown(sampleReport(REPOS))).not.toContain('Filters:');
  });

  it('states a run error and stays under the job summary size limit', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => repo(`repository-with-a-long-name-${i}`, 'up-to-date'));
    const markdown = renderMarkdown(sampleReport(many, { error: 'boom | bad' }));
    expect(markdown).toContain('**Run failed:** boom \\| bad');
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(1_000_000);
    expect(markdown).toMatch(/… and \d+ more repositories: see the JSON report\.\n\n<\/details>\n$/);
  });
});

describe('junit', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'testcase',
  });

  it('has one testcase per repository, failures and skips, and parses back', () => {
    const xml = renderJUnit(sampleReport(REPOS));
    const parsed = parser.parse(xml) as {
      testsuites: {
        tests: string;
        failures: string;
        skipped: string;
        testsuite: { testcase: Record<string, unknown>[] };
      };
    };
    expect(parsed.testsuites).toMatchObject({ tests: '6', failures: '2', skipped: '1', errors: '0' });
    const cases = parsed.testsuites.testsuite.testcase;
    expect(cases.map((c) => c.name)).toEqual(['up', 'api', 'web|ui', 'lib', 'fork', 'old']);
    const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
    expect(byName['web|ui'].failure).toMatchObject({
      type: 'failed',
      message: 'push rejected <pre-receive>',
      '#text': 'push rejected <pre-receive>\nline two & more',
    });
    expect(byName.lib.failure).toMatchObject({ type: 'diverged', message: '1 diverged ref(s) left untouched' });
    expect(byName.fork.skipped).toEqual({ message: 'fork (include-forks: false)' });
    expect(byName.api.failure).toBeUndefined();
    expect(byName.api).toMatchObject({ classname: 'org-mirror.sync', time: '1.234' });
    expect(String(byName.api['system-out'])).toContain(`update refs/heads/main ${SHA_A}..${SHA_B}`);
  });

  it('escapes markup and replaces characters XML cannot carry', () => {
    const xml = renderJUnit(
      sampleReport([repo('a"b', 'failed', { reason: '\u001b[31mfatal\u001b[0m: </failure><x>&amp; ]]>' })]),
    );
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('<x>');
    const parsed = parser.parse(xml) as {
      testsuites: { testsuite: { testcase: Record<string, { message: string }>[] } };
    };
    const testcase = parsed.testsuites.testsuite.testcase[0];
    expect(testcase.name).toBe('a"b');
    expect(testcase.failure.message).toBe('\uFFFD[31mfatal\uFFFD[0m: </failure><x>&amp; ]]>');
  });

  it('reports a run error as an <error> testcase', () => {
    const parsed = parser.parse(renderJUnit(sampleReport([], { error: 'listing failed' }))) as {
      testsuites: { errors: string; testsuite: { testcase: Record<string, unknown>[] } };
    };
    expect(parsed.testsuites.errors).toBe('1');
    expect(parsed.testsuites.testsuite.testcase[0]).toMatchObject({
      name: '(run)',
      error: { message: 'listing failed' },
    });
  });

  it('shows diverged as a failure even with on-divergence overwrite (only the exit code differs)', () => {
    const xml = renderJUnit(sampleReport([repo('a', 'diverged')]), 'overwrite');
    expect(parser.parse(xml).testsuites.failures).toBe('1');
  });
});

describe('json and publishReport', () => {
  it('writes pretty JSON atomically, leaving no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sub', 'report.json');
    const report = sampleReport(REPOS);
    await writeJsonReport(report, file);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(report);
    expect(text).toContain('\n  "version": 1,');
    expect(readdirSync(path.dirname(file))).toEqual(['report.json']);
  });

  it('derives the summary file from the report file', () => {
    expect(summaryFileFor('org-mirror-report.json')).toBe('org-mirror-report.md');
    expect(summaryFileFor(path.join('out', 'r.txt'))).toBe(path.join('out', 'r.txt.md'));
  });

  it('publishes every report with counts, outputs, summary and no secret', async () => {
    const dir = tempDir();
    const token = 'glpat-publishedSecret0123';
    const reportFile = path.join(dir, 'org-mirror-report.json');
    const junitFile = path.join(dir, 'junit.xml');
    const out: string[] = [];
    const runtime = new TextRuntime({
      platform: 'gitlab',
      summaryFile: summaryFileFor(reportFile),
      stdout: (text) => out.push(text),
      stderr: (text) => out.push(text),
    });
    runtime.setSecret(token);
    const repos = [...REPOS, repo('leaky', 'failed', { reason: `401 for token ${token}` })];
    const published = await publishReport(
      sampleReport(repos),
      { reportFile, junitFile, onDivergence: 'fail' },
      runtime,
    );

    expect(published.counts).toMatchObject({ failed: 2, updated: 1 });
    const files = [reportFile, junitFile, summaryFileFor(reportFile)].map((file) => readFileSync(file, 'utf8'));
    for (const text of [...files, out.join('')]) {
      expect(text).not.toContain(token);
      // Markdown escapes the mask's asterisks.
      expect(text).toMatch(/401 for token (\*\*\*|\\\*\\\*\\\*)/);
    }
    expect(JSON.parse(files[0]).counts).toEqual(published.counts);
    expect(Object.fromEntries(runtime.outputs)).toEqual({
      created: '0',
      updated: '1',
      'up-to-date': '1',
      diverged: '1',
      failed: '2',
      skipped: '1',
      orphaned: '1',
      held: '0',
      report: reportFile,
    });
    expect(out.at(-1)).toBe(
      'org-mirror sync: 7 repositories in 1 min 2 s: 2 failed, 1 diverged, 1 updated, 1 up-to-date, 1 skipped, 1 orphaned\n',
    );
  });
});
