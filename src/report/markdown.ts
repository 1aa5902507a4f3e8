import { countsText, formatDuration, isFailing, refCountsOf, STATUS_ORDER } from './counts.js';
import type { RepoResult, RunReport } from './model.js';

/** GitHub refuses job summaries over 1 MiB per step; stay under it with room for the headline. */
export const MAX_SUMMARY_BYTES = 1_000_000;

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

function statusCell(repo: RepoResult): string {
  return repo.reason ? `${repo.status}: ${repo.reason}` : repo.status;
}

function row(repo: RepoResult): string {
  const refs = refCountsOf(repo);
  const cells = [
    escapeCell(repo.name),
    escapeCell(statusCell(repo)),
    String(refs.created),
    String(refs.updated),
    String(refs.deleted),
    formatDuration(repo.durationMs),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** Problems first (failed, unavailable, diverged), then in STATUS_ORDER; the engine's order within a status. */
function ordered(repos: readonly RepoResult[]): RepoResult[] {
  const rank = (repo: RepoResult) => {
    const index = STATUS_ORDER.indexOf(repo.status);
    return index === -1 ? STATUS_ORDER.length : index;
  };
  return [...repos].sort((a, b) => rank(a) - rank(b));
}

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
 * The job summary (GitHub) / Markdown report (GitLab, CLI): a headline with the counts, then one row per repository
 * with its status, refs created / updated / deleted and time. Rows beyond MAX_SUMMARY_BYTES are left out with a note
 * pointing to the JSON report.
 */
export function renderMarkdown(report: RunReport): string {
  const lines = [
    `## org-mirror ${escapeCell(report.mode)}: ${escapeCell(`${report.source.type} ${report.source.owner}`)} → ${escapeCell(`${report.target.type} ${report.target.owner}`)}`,
    '',
  ];
  if (report.error) lines.push(`**Run failed:** ${escapeCell(report.error)}`, '');
  const total = report.repos.length;
  const counts = countsText(report.repos);
  lines.push(
    `**${total} ${total === 1 ? 'repository' : 'repositories'}** in ${formatDuration(report.durationMs)}${counts ? `: ${counts}` : ''}`,
  );
  const failing = report.repos.filter((repo) => isFailing(repo.status, 'fail')).length;
  if (failing > 0) lines.push('', `:x: ${failing} need${failing === 1 ? 's' : ''} attention.`);
  const filters = selectionLine(report);
  if (filters) lines.push('', filters);
  if (total === 0) return `${lines.join('\n')}\n`;

  lines.push(
    '',
    '| Repository | Status | Refs created | Refs updated | Refs deleted | Time |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  );
  let bytes = Buffer.byteLength(lines.join('\n'));
  const rows = ordered(report.repos);
  for (let i = 0; i < rows.length; i++) {
    const line = row(rows[i]);
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > MAX_SUMMARY_BYTES) {
      lines.push('', `… and ${rows.length - i} more repositories: see the JSON report.`);
      break;
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
