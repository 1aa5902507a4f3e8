/**
 * The status issue (SPEC "Health over time"; the pattern of Renovate's Dependency Dashboard): one issue per mirror
 * (and shard) found again by a hidden marker, showing the health — counts with icons, problems first, healthy ones
 * folded — opened or reopened while anything needs attention, closed when all is healthy, and written only when its
 * text or state must change. The body holds nothing that changes from run to run while health does not (no run
 * counter, no time of the last run), and stays under GitHub's 65,536-character limit whatever the number of
 * repositories: what does not fit is counted, and the body says so.
 */
import { needsAttention, RUN_ENTRY, type Health, type HealthFile, type RepoHealth } from '../mirror/health.js';
import { escapeCell } from './markdown.js';
import { HEALTH_ICONS, healthCounts } from './notify.js';

/** GitHub's limit on an issue body, in characters. https://github.com/orgs/community/discussions/41331 */
export const GITHUB_BODY_LIMIT = 65_536;
/** What the body is built to stay under (room for GitHub's own normalisation of line ends). */
export const BODY_BUDGET = 60_000;
const MAX_REASON = 200;

export function statusMarker(key: string): string {
  return `<!-- org-mirror:status:${key.replace(/--+>?/g, '-')} -->`;
}

export function issueTitle(key: string): string {
  return `org-mirror status: ${key}`;
}

export interface DesiredIssue {
  title: string;
  body: string;
  marker: string;
  /** Something needs attention: the issue is open. */
  open: boolean;
}

const ORDER: Health[] = ['failing', 'diverged', 'held', 'orphaned', 'healthy'];

function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

function problemRow(name: string, entry: RepoHealth): string {
  const since = day(entry.since);
  const sinceCell =
    entry.runUrl && since ? `[${since}](${entry.runUrl.replace(/[()\s]/g, encodeURIComponent)})` : since;
  const reason = entry.reason ?? '';
  const cells = [
    name === RUN_ENTRY ? '*the run itself*' : escapeCell(name),
    `${HEALTH_ICONS[entry.health]} ${entry.health}`,
    sinceCell,
    escapeCell(reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason),
  ];
  return `| ${cells.join(' | ')} |`;
}

const byName = ([a]: [string, RepoHealth], [b]: [string, RepoHealth]) => (a < b ? -1 : a > b ? 1 : 0);

/** The issue as it should be now, from the mirror's health. */
export function desiredIssue(key: string, file: HealthFile, budget = BODY_BUDGET): DesiredIssue {
  const marker = statusMarker(key);
  const entries = Object.entries(file.repos).sort(byName);
  const problems = [
    ...(file.run ? [[RUN_ENTRY, file.run] as [string, RepoHealth]] : []),
    ...entries.filter(([, entry]) => needsAttention(entry.health)),
  ].sort((a, b) => ORDER.indexOf(a[1].health) - ORDER.indexOf(b[1].health));
  const healthy = entries.filter(([, entry]) => !needsAttention(entry.health)).map(([name]) => name);
  const open = problems.length > 0;

  const lines: string[] = [marker, `## org-mirror: ${escapeCell(key)}`, ''];
  const counts = healthCounts(file);
  lines.push(
    open ? `${counts || `❌ the run itself is failing`}` : `${counts || 'No repository mirrored yet.'}`,
    '',
    open ? 'Needs attention: this issue is closed again when every repository is healthy.' : 'All healthy.',
  );
  let size = lines.join('\n').length;
  // Room kept for the closing lines and the notes on what did not fit.
  const reserve = 600;
  const add = (line: string): boolean => {
    if (size + line.length + 1 + reserve > budget) return false;
    lines.push(line);
    size += line.length + 1;
    return true;
  };
  const notListed: string[] = [];

  if (problems.length) {
    add('');
    add(`### Needs attention (${problems.length})`);
    add('');
    add('| Repository | Health | Since (the run it began) | Reason |');
    add('| --- | --- | --- | --- |');
    const shown = problems.findIndex(([name, entry]) => !add(problemRow(name, entry)));
    if (shown !== -1) notListed.push(`${problems.length - shown} of the repositories that need attention`);
  }
  if (healthy.length) {
    add('');
    add(`<details><summary>${HEALTH_ICONS.healthy} ${healthy.length} healthy</summary>`);
    add('');
    const names: string[] = [];
    let used = 0;
    for (const name of healthy) {
      const text = escapeCell(name);
      if (size + used + text.length + 2 + reserve > budget) break;
      names.push(text);
      used += text.length + 2;
    }
    add(names.join(', '));
    if (names.length < healthy.length) notListed.push(`${healthy.length - names.length} healthy repositories`);
    lines.push('', '</details>');
  }
  if (notListed.length) {
    lines.push(
      '',
      `Not listed here: ${notListed.join(' and ')} (an issue holds at most ${GITHUB_BODY_LIMIT.toLocaleString('en-US')} characters); the run's JSON report lists every repository.`,
    );
  }
  lines.push('', '<sub>Kept up to date by org-mirror; edits to this issue are overwritten.</sub>');
  return { title: issueTitle(key), body: `${lines.join('\n')}\n`, marker, open };
}

/** An issue as the host returns it. */
export interface Issue {
  /** GitHub `number`, GitLab `iid`. */
  number: number;
  open: boolean;
  body: string;
}

/** The few calls the status issue needs on an issue host. */
export interface IssueClient {
  /** undefined when it does not exist (any more). */
  get(number: number): Promise<Issue | undefined>;
  /** The issue whose body holds `marker`, open or closed (the lowest number if several). */
  find(marker: string): Promise<Issue | undefined>;
  create(title: string, body: string): Promise<Issue>;
  update(number: number, change: { title?: string; body?: string; open?: boolean }): Promise<void>;
}

/** What the last run knew: the issue's number, or that there was none (searched already). */
export interface RememberedIssue {
  host: string;
  number?: number;
}

export type IssueAction = 'none' | 'created' | 'updated' | 'reopened' | 'closed';

/**
 * Bring the issue to `desired` with as few requests as possible: the remembered issue is read (one request), a
 * search happens only when nothing is remembered or an issue must be opened, and a write only when the body or state
 * differs. Returns what to remember and what was done.
 */
export async function syncStatusIssue(
  client: IssueClient,
  desired: DesiredIssue,
  remembered: RememberedIssue | undefined,
  host: string,
): Promise<{ remember: RememberedIssue; action: IssueAction }> {
  const rememberedHere = remembered?.host === host ? remembered : undefined;
  let issue: Issue | undefined;
  if (rememberedHere?.number !== undefined) {
    issue = await client.get(rememberedHere.number);
    if (issue && !issue.body.includes(desired.marker)) issue = undefined;
  }
  if (!issue && (rememberedHere?.number !== undefined || !rememberedHere || desired.open)) {
    issue = await client.find(desired.marker);
  }
  if (!issue) {
    if (!desired.open) return { remember: { host }, action: 'none' };
    const created = await client.create(desired.title, desired.body);
    return { remember: { host, number: created.number }, action: 'created' };
  }
  const change: { body?: string; open?: boolean } = {};
  if (normalised(issue.body) !== normalised(desired.body)) change.body = desired.body;
  if (issue.open !== desired.open) change.open = desired.open;
  if (!Object.keys(change).length) return { remember: { host, number: issue.number }, action: 'none' };
  await client.update(issue.number, change);
  const action: IssueAction = change.open === true ? 'reopened' : change.open === false ? 'closed' : 'updated';
  return { remember: { host, number: issue.number }, action };
}

/** Hosts may store line ends as CRLF and drop the final newline: neither is a change. */
function normalised(body: string): string {
  return body.replace(/\r\n?/g, '\n').trimEnd();
}
