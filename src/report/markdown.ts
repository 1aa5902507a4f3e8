import type { ErrorKind } from '../errors.js';
import { describeStreak } from '../mirror/health.js';
import { countByStatus, formatDuration, refCountsOf, STATUS_ORDER } from './counts.js';
import type { RepoResult, RepoStatus, RunReport } from './model.js';
import { reportParts } from './sections.js';

/** GitHub refuses job summaries over 1 MiB (1 048 576 bytes) per step; stay under it with room to spare. */
export const MAX_SUMMARY_BYTES = 1_000_000;

/** A reason longer than this is cut in the summary (the JSON report keeps it whole). */
const MAX_REASON_CHARS = 400;

/**
 * Escape text for a Markdown table cell: `|` would end the cell, a newline the row; `<`, `>` and `&` would be read as
 * HTML by GitHub; `\`, backticks, `*`, `_`, `[`, `]`, `~` would start formatting or links.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]~|])/g, '\\$1')
    .replace(/\r?\n|\r/g, '<br>');
}

/** The at-a-glance groups, in the order of the icons line. Statuses in no group are listed plainly after them. */
const GLANCE: readonly { icon: string; statuses: readonly RepoStatus[] }[] = [
  {
    icon: '✅',
    statuses: [
      'in-sync',
      'up-to-date',
      'created',
      'updated',
      'create',
      'update',
      'unprotected',
      'hook-created',
      'hook-updated',
      'hook-unchanged',
    ],
  },
  { icon: '⚠️', statuses: ['diverged', 'held', 'behind', 'missing', 'empty', 'orphaned'] },
  { icon: '❌', statuses: ['failed', 'backing-off', 'unavailable'] },
  { icon: '⏸️', statuses: ['disabled'] },
];

/** Listed first, with the reason and what to do about it. */
const PROBLEMS: readonly RepoStatus[] = ['failed', 'backing-off', 'unavailable', 'diverged', 'held', 'orphaned'];

/** `✅ 3 created · ✅ 320 up-to-date · ⚠️ 1 diverged · ❌ 1 failed · 2 skipped`: every status that occurs, once. */
export function glanceLine(repos: readonly RepoResult[]): string {
  const counts = countByStatus(repos);
  const grouped = new Set(GLANCE.flatMap((group) => group.statuses));
  const parts = GLANCE.flatMap((group) =>
    group.statuses.filter((status) => counts[status]).map((status) => `${group.icon} ${counts[status]} ${status}`),
  );
  for (const status of STATUS_ORDER) {
    if (counts[status] && !grouped.has(status)) parts.push(`${counts[status]} ${status}`);
  }
  return parts.join(' · ');
}

/** What to do about a failure of each kind, where the kind says more than the status. */
const KIND_STEPS: Partial<Record<ErrorKind, string>> = {
  auth: 'the host refused the token: renew it, or check that it is the right one for this host, then re-run',
  forbidden: 'the token lacks a permission this repository needs: check its scopes, then re-run',
  'not-found': 'the repository is gone, or the token cannot see it: check both, then re-run',
  'rate-limited': 'the host rate-limited the run: re-run later, or lower concurrency',
  timeout: 'the host sent nothing in time: re-run; raise request-timeout or repo-timeout if it recurs',
  connection: 'the host could not be reached: check the network or proxy, then re-run',
  server: 'the host answered with server errors: re-run later',
  'push-refused':
    "a rule or hook on the target refused the mirror's push: let the mirror's account bypass it, then re-run",
};

/** What to do about a problem: the repository's own advice when the engine gave one, else its kind's or status's. */
export function nextStep(repo: RepoResult): string {
  if (repo.next) return repo.next;
  const byKind = repo.kind && (repo.status === 'failed' || repo.status === 'unavailable') && KIND_STEPS[repo.kind];
  if (byKind) return byKind;
  switch (repo.status) {
    case 'diverged':
      return 're-run with on-divergence: overwrite, or push the change to the source';
    case 'unavailable':
      return 'check that the tokens can read this repository on both hosts, then re-run mode: check';
    case 'held':
      return `intended at the source? rerun with accept: ${repo.name} to apply it (the replaced tips are kept)`;
    case 'orphaned':
      return 'delete or rename was intended? set orphans: archive to archive the mirror, or keep it';
    case 'failed':
      return 'fix the cause given in the reason, then re-run; the other repositories were not affected';
    case 'backing-off':
      return 'fix the cause, then name it in repositories (or push to it) to try it at once';
    default:
      return '';
  }
}

/** The reason, after the failure streak when there is one: `failing since 3 Dec, 12 runs: <reason>`. */
function shortReason(repo: RepoResult): string {
  const streak = describeStreak(repo);
  const reason = streak ? `${streak}: ${repo.reason ?? ''}` : (repo.reason ?? '');
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
}

function problemRow(repo: RepoResult): string {
  // A failure's kind beside its status (`failed (auth)`), when it is known.
  const status = repo.kind && repo.kind !== 'unexpected' ? `${repo.status} (${repo.kind})` : repo.status;
  const cells = [repo.name, status, shortReason(repo), nextStep(repo)].map(escapeCell);
  return `| ${cells.join(' | ')} |`;
}

function otherRow(repo: RepoResult): string {
  const refs = refCountsOf(repo);
  const status = repo.reason ? `${repo.status}: ${shortReason(repo)}` : repo.status;
  const cells = [
    escapeCell(repo.name),
    escapeCell(status),
    String(refs.created),
    String(refs.updated),
    String(refs.deleted),
    formatDuration(repo.durationMs),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** In STATUS_ORDER; the engine's order within a status. */
function ordered(repos: readonly RepoResult[]): RepoResult[] {
  const rank = (repo: RepoResult) => {
    const index = STATUS_ORDER.indexOf(repo.status);
    return index === -1 ? STATUS_ORDER.length : index;
  };
  return [...repos].sort((a, b) => rank(a) - rank(b));
}

/** Appends lines while they fit in the byte budget; returns how many rows were left out. */
class Budget {
  private bytes = 0;
  constructor(
    private readonly lines: string[],
    private readonly limit: number,
  ) {}
  push(...lines: string[]): void {
    for (const line of lines) this.bytes += Buffer.byteLength(line) + 1;
    this.lines.push(...lines);
  }
  /** Rows that fit, the rest counted; `reserve` bytes are kept free for what follows (closing tags, notes). */
  rows(rows: readonly string[], reserve: number): number {
    for (let i = 0; i < rows.length; i++) {
      const size = Buffer.byteLength(rows[i]) + 1;
      if (this.bytes + size + reserve > this.limit) return rows.length - i;
      this.push(rows[i]);
    }
    return 0;
  }
}

const OMITTED = (count: number) => `… and ${count} more repositories: see the JSON report.`;

/** What `filter` and `exclude` matched, e.g. "Filters: filter `.*` matched 12 of 14 repositories; exclude …". */
export function selectionLine(report: RunReport): string | undefined {
  const selection = report.selection;
  if (!selection) return undefined;
  const of = `of ${selection.listed} ${selection.listed === 1 ? 'repository' : 'repositories'}`;
  const parts = [`filter ${codeSpan(selection.filter.pattern)} matched ${selection.filter.matched} ${of}`];
  if (selection.exclude) {
    parts.push(`exclude ${codeSpan(selection.exclude.pattern)} matched ${selection.exclude.matched} ${of}`);
  }
  return `Filters: ${parts.join('; ')}.`;
}

/** A Markdown code span holding any text: a backtick fence longer than any backtick run inside, newlines as spaces. */
function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * The job summary (GitHub) / Markdown report (GitLab, CLI), the same in every mode:
 * 1. a title, then one line of counts with icons (✅ fine, ⚠️ needs a look, ❌ failed);
 * 2. the problems (failed, unavailable, diverged, orphaned) with the reason and the next step;
 * 3. every other repository in a collapsed `<details>` table (status, refs created / updated / deleted, time).
 * The whole stays under MAX_SUMMARY_BYTES: rows that do not fit are left out with a note pointing to the JSON report.
 */
export function renderMarkdown(report: RunReport, limit = MAX_SUMMARY_BYTES): string {
  if (report.mirrors) return renderMirrors(report, limit);
  return renderPart(report, limit, `## org-mirror ${escapeCell(report.mode)}: ${sidesText(report)}`);
}

function sidesText(report: RunReport): string {
  return `${escapeCell(`${report.source.type} ${report.source.owner}`)} → ${escapeCell(`${report.target.type} ${report.target.owner}`)}`;
}

/** With a configuration file: the totals, then one part per mirror (each as a single-mirror summary). */
function renderMirrors(report: RunReport, limit: number): string {
  const parts = reportParts(report);
  const total = report.repos.length;
  const glance = glanceLine(report.repos);
  const head = [
    `## org-mirror ${escapeCell(report.mode)}: ${parts.length} ${parts.length === 1 ? 'mirror' : 'mirrors'}`,
    '',
    `${glance ? `${glance} — ` : ''}**${total} ${total === 1 ? 'repository' : 'repositories'}** in ${formatDuration(report.durationMs)}`,
  ].join('\n');
  const each = Math.max(2000, Math.floor((limit - head.length - 100) / Math.max(1, parts.length)));
  const bodies = parts.map(({ id, report: part, section }) => {
    const title = `### ${escapeCell(id ?? '')}: ${sidesText(part)}`;
    if (section && !section.enabled && part.repos.length === 0) {
      return `${title}\n\n⏸️ disabled (\`enabled: false\`): nothing requested for it; its target protection is left as it is.\n`;
    }
    return renderPart(part, each, title);
  });
  return `${head}\n\n${bodies.join('\n')}`;
}

function renderPart(report: RunReport, limit: number, title: string): string {
  const lines: string[] = [];
  const budget = new Budget(lines, limit);
  budget.push(title, '');
  const total = report.repos.length;
  const glance = glanceLine(report.repos);
  budget.push(
    `${glance ? `${glance} — ` : ''}**${total} ${total === 1 ? 'repository' : 'repositories'}** in ${formatDuration(report.durationMs)}`,
  );
  // More at-a-glance lines go here, right under the counts.
  const filters = selectionLine(report);
  if (filters) budget.push('', filters);
  if (report.error) budget.push('', `❌ **Run failed:** ${escapeCell(report.error)}`);
  if (total === 0) return `${lines.join('\n')}\n`;

  const sorted = ordered(report.repos);
  const problems = sorted.filter((repo) => PROBLEMS.includes(repo.status));
  const others = sorted.filter((repo) => !PROBLEMS.includes(repo.status));
  // Room kept for the other section's opening and closing lines and a note, whatever the problems take.
  const reserve = 600;
  if (problems.length) {
    budget.push(
      '',
      `### Needs attention (${problems.length})`,
      '',
      '| Repository | Status | Reason | Next step |',
      '| --- | --- | --- | --- |',
    );
    const left = budget.rows(problems.map(problemRow), reserve);
    if (left) budget.push('', OMITTED(left + others.length));
    if (left) return `${lines.join('\n')}\n`;
  }
  if (others.length) {
    budget.push(
      '',
      `<details><summary>${problems.length ? 'The other' : 'All'} ${others.length} ${others.length === 1 ? 'repository' : 'repositories'}</summary>`,
      '',
      '| Repository | Status | Refs created | Refs updated | Refs deleted | Time |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
    );
    const left = budget.rows(others.map(otherRow), 200);
    if (left) budget.push('', OMITTED(left));
    budget.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
