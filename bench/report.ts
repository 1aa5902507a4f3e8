/** The bench's output: the Markdown table, the issue-5 targets, and where org-mirror's requests and git calls go. */
import type { RecordedRequest } from '../test/forge/types.js';

export type Tool = 'org-mirror' | 'usual' | 'floor';
export type Phase = 'first sync' | 'no-op rerun' | 'one changed';

export interface Row {
  tool: Tool;
  phase: Phase;
  wallMs: number;
  apiSource: number;
  apiTarget: number;
  /** Git smart-HTTP requests seen by both forges (advertisements and pack exchanges). */
  gitHttp: number;
  gitProcesses: number;
  peakBytes: number;
  rootPeakBytes: number;
  /** `mirrored` when every target repo equals its source afterwards; otherwise what went wrong. */
  check: string;
  /** org-mirror's report counts. */
  report?: string;
  /** org-mirror's own run time (report `durationMs`): the rest of `wallMs` is Node start, loading and exit. */
  runMs?: number;
  apiRequests: { source: RecordedRequest[]; target: RecordedRequest[] };
  gitCalls: string[];
  outputTail?: string;
}

export const TABLE_HEADER = [
  'tool',
  'run',
  'wall s',
  'API req (src+tgt)',
  'git HTTP req',
  'git procs',
  'peak MB',
  'x usual',
  'x floor',
  'check',
];

function find(rows: Row[], tool: Tool, phase: Phase): Row | undefined {
  return rows.find((row) => row.tool === tool && row.phase === phase);
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}` : '-';
}

export function formatTable(rows: Row[]): string {
  const lines = [TABLE_HEADER, TABLE_HEADER.map(() => '---')];
  for (const row of rows) {
    const usual = find(rows, 'usual', row.phase)?.wallMs;
    const floor = find(rows, 'floor', row.phase)?.wallMs;
    lines.push([
      row.tool,
      row.phase,
      (row.wallMs / 1000).toFixed(2),
      `${row.apiSource + row.apiTarget} (${row.apiSource}+${row.apiTarget})`,
      String(row.gitHttp),
      String(row.gitProcesses),
      (row.peakBytes / 2 ** 20).toFixed(0),
      ratio(usual, row.wallMs),
      ratio(row.wallMs, floor),
      row.check + (row.report ? ` (${row.report})` : ''),
    ]);
  }
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The targets of issue 5, evaluated on this run (they are stated for 1000 repos at 20 ms; memory for 2000). */
export function evaluateTargets(rows: Row[], repos: number): string {
  const om = (phase: Phase): Row | undefined => find(rows, 'org-mirror', phase);
  const wall = (tool: Tool, phase: Phase): number => find(rows, tool, phase)?.wallMs ?? NaN;
  const noop = om('no-op rerun');
  const changed = om('one changed');
  const first = om('first sync');
  const budget = 2 * Math.ceil(repos / 100) + 10;
  const peak = Math.max(...rows.filter((r) => r.tool === 'org-mirror').map((r) => r.peakBytes)) / 2 ** 20;
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const lines = [
    `Targets of issue 5 on this run (${repos} repos):`,
    `- no-op rerun requests: ${noop ? noop.apiSource + noop.apiTarget : '-'} (budget 2 x ceil(N/100) + 10 = ${budget}): ` +
      verdict(!!noop && noop.apiSource + noop.apiTarget <= budget),
    `- no-op rerun git processes: ${noop?.gitProcesses ?? '-'} (target 0): ${verdict(noop?.gitProcesses === 0)}`,
    `- no-op rerun vs usual: ${ratio(wall('usual', 'no-op rerun'), noop?.wallMs)}x faster (target >= 50x): ` +
      verdict(wall('usual', 'no-op rerun') / (noop?.wallMs ?? NaN) >= 50),
    `- one changed repo over no-op: ${changed && noop ? ((changed.wallMs - noop.wallMs) / 1000).toFixed(2) : '-'} s ` +
      `(target <= 2 s): ${verdict(!!changed && !!noop && changed.wallMs - noop.wallMs <= 2000)}`,
    `- first sync vs floor: ${ratio(first?.wallMs, wall('floor', 'first sync'))}x the floor's time (target <= 1.25x): ` +
      verdict((first?.wallMs ?? NaN) / wall('floor', 'first sync') <= 1.25),
    `- first sync vs usual: ${ratio(wall('usual', 'first sync'), first?.wallMs)}x faster (target >= 2x): ` +
      verdict(wall('usual', 'first sync') / (first?.wallMs ?? NaN) >= 2),
    `- peak memory: ${peak.toFixed(0)} MB (target < 250 MB at 2000 repos): ${verdict(peak < 250)}`,
  ];
  return lines.join('\n');
}

/**
 * The targets of issue 10 that this run can tell: the no-op rerun's HTTP requests (API and git smart HTTP together;
 * a GitHub source has a push stamp and needs no ref discovery), its git processes, the Node process's own peak RSS,
 * and the target API calls per new repository of the first sync.
 */
export function evaluateIssue10(rows: Row[], repos: number, githubSource: boolean): string {
  const om = (phase: Phase): Row | undefined => find(rows, 'org-mirror', phase);
  const noop = om('no-op rerun');
  const first = om('first sync');
  const fixed = 2 * Math.ceil(repos / 100) + 10;
  const budget = githubSource ? fixed : 2 * repos + fixed;
  const http = noop ? noop.apiSource + noop.apiTarget + noop.gitHttp : NaN;
  const nodePeak = Math.max(...rows.filter((r) => r.tool === 'org-mirror').map((r) => r.rootPeakBytes)) / 2 ** 20;
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const budgetText = githubSource ? `2 x ceil(N/100) + 10 = ${budget}` : `2N + 2 x ceil(N/100) + 10 = ${budget}`;
  return [
    `Targets of issue 10 on this run (${repos} repos; stated for N = 1000 and memory at 2000):`,
    `- no-op rerun HTTP requests (API + git): ${noop ? http : '-'} (budget ${budgetText}): ${verdict(http <= budget)}`,
    `- no-op rerun git processes: ${noop?.gitProcesses ?? '-'} (target 0): ${verdict(noop?.gitProcesses === 0)}`,
    `- no-op rerun start and exit (wall - run): ${
      noop?.runMs !== undefined ? `${((noop.wallMs - noop.runMs) / 1000).toFixed(2)} s` : '-'
    }`,
    `- first sync target API requests per repository: ${first ? (first.apiTarget / repos).toFixed(2) : '-'}`,
    `- peak RSS of the Node process: ${nodePeak.toFixed(0)} MB (target < 250 MB at 2000 repos): ${verdict(nodePeak < 250)}`,
  ].join('\n');
}

/** GitLab/GitHub ids and repo names in paths → `:id`, so requests group by endpoint. */
function endpoint(request: RecordedRequest): string {
  if (request.operation) return `${request.method} ${request.operation}`;
  const normalised = request.path
    .split('/')
    .map((segment) => (/^\d+$|%2F|^repo-\d+/i.test(segment) ? ':id' : segment))
    .join('/');
  return `${request.method} ${normalised}`;
}

function gitSubcommand(call: string): string {
  const words = call.split(' ');
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-C' || words[i] === '-c') i++;
    else if (!words[i].startsWith('-')) return words[i];
  }
  return '(none)';
}

function countBy(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([item, n]) => `${n} ${item}`)
    .join(', ');
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

/** Where org-mirror's API requests and git processes go, per run: the first thing to read when it is slow. */
export function formatBreakdown(rows: Row[]): string {
  const lines = ['org-mirror requests by endpoint and git processes by subcommand:'];
  for (const row of rows) {
    lines.push(`- ${row.phase}:`);
    lines.push(`  - source API: ${countBy(row.apiRequests.source.map(endpoint)) || 'none'}`);
    lines.push(`  - target API: ${countBy(row.apiRequests.target.map(endpoint)) || 'none'}`);
    lines.push(`  - git: ${countBy(row.gitCalls.map(gitSubcommand)) || 'none'}`);
    lines.push(`  - peak memory: ${mb(row.peakBytes)} MB tree, ${mb(row.rootPeakBytes)} MB the node process alone`);
    if (row.runMs !== undefined) {
      lines.push(
        `  - process ${(row.wallMs / 1000).toFixed(2)} s, of which the run ${(row.runMs / 1000).toFixed(2)} s ` +
          `(start, loading and exit: ${((row.wallMs - row.runMs) / 1000).toFixed(2)} s)`,
      );
    }
  }
  return lines.join('\n');
}
