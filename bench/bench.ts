/**
 * `npm run bench`: org-mirror against the usual way of mirroring (per repo, one after the other: `git clone --mirror`
 * then `git push --mirror`) and against the raw-git floor (the same two commands, 8 repos at a time), on two test
 * forges in their own processes, with a simulated round trip on every HTTP request (API and git).
 *
 * Runs, for each tool side by side: (a) first full sync into an empty target, (b) a no-op rerun, (c) a rerun after one
 * commit was pushed to one source repo. Prints a Markdown table (wall time, API requests, git HTTP requests, git
 * processes, peak memory of the measured process tree, ratios to both baselines), checks that every target equals
 * its source afterwards, and evaluates the targets of issues 5 and 10 (with the CLI's cold start, bench/cold-start.ts).
 *
 * Usage: tsx bench/bench.ts [--repos 300] [--latency 20] [--source github|gitlab|bitbucket-cloud|bitbucket-server|gitea]
 *        [--target gitlab|github|bitbucket-server|gitea] [--quick]
 *        [--json results.json] [--cli dist/index.js] [--contract]
 *        [--tools org-mirror,usual,floor]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost } from '../src/hosts/index.js';
import { HOST_TYPES, type Host, type HostType, type RepoInfo } from '../src/hosts/host.js';
import { deriveApiUrl } from '../src/settings/urls.js';
import { ForgeProcess, type ForgeStats } from './forge-process.js';
import { installGitCounter, killActiveRuns, measure, type MeasuredRun } from './measured-run.js';
import { formatColdStart, measureColdStart, type ColdStart } from './cold-start.js';
import {
  evaluateIssue10,
  evaluateTargets,
  formatBreakdown,
  formatTable,
  type Phase,
  type Row,
  type Tool,
} from './report.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchOptions {
  repos: number;
  latencyMs: number;
  source: HostType;
  target: HostType;
  quick: boolean;
  /** Keep the forges' API contract checks on (off by default: forge CPU that competes with the measured process). */
  contract: boolean;
  json?: string;
  /** The org-mirror entry point to measure (default dist/index.js, built when missing). */
  cli: string;
  /** Tools to measure (default all three; e.g. only org-mirror for 1000+ repos, where the baselines take an hour). */
  tools: Tool[];
}

function parseArgs(argv: string[]): BenchOptions {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const repos = Number(value('repos') ?? (quick ? 10 : 300));
  const latencyMs = Number(value('latency') ?? (quick ? 0 : 20));
  if (!Number.isInteger(repos) || repos < 1 || repos > 2000) throw new Error(`--repos must be 1..2000, got ${repos}`);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency must be >= 0 ms, got ${latencyMs}`);
  const hostType = (name: string, fallback: HostType): HostType => {
    const type = value(name) ?? fallback;
    if (!(HOST_TYPES as readonly string[]).includes(type)) {
      throw new Error(`--${name} accepts ${HOST_TYPES.join(', ')}; got ${type}`);
    }
    if (name === 'target' && type === 'bitbucket-cloud') {
      throw new Error('--target bitbucket-cloud is not supported: the bench does not set up the project it needs');
    }
    return type as HostType;
  };
  return {
    repos,
    latencyMs,
    source: hostType('source', 'github'),
    target: hostType('target', 'gitlab'),
    quick,
    contract: argv.includes('--contract'),
    json: value('json'),
    cli: path.resolve(value('cli') ?? path.join(ROOT, 'dist/index.js')),
    tools: parseTools(value('tools')),
  };
}

function parseTools(value: string | undefined): Tool[] {
  if (!value) return TOOLS;
  const tools = value.split(',').map((tool) => tool.trim());
  const unknown = tools.filter((tool) => !TOOLS.includes(tool as Tool));
  if (unknown.length) throw new Error(`--tools accepts ${TOOLS.join(', ')}; got ${unknown.join(', ')}`);
  return TOOLS.filter((tool) => tools.includes(tool));
}

const TARGET_OWNERS: Record<Tool, string> = { 'org-mirror': 'om', usual: 'usual', floor: 'floor' };
const TOOLS: Tool[] = ['org-mirror', 'usual', 'floor'];
const PHASES: Phase[] = ['first sync', 'no-op rerun', 'one changed'];

interface Context {
  options: BenchOptions;
  tmp: string;
  source: ForgeProcess;
  target: ForgeProcess;
  gitCounter: string;
  baseEnv: NodeJS.ProcessEnv;
  /** Per baseline tool: "<source clone URL>\t<target clone URL>" lines. */
  naiveLists: Record<'usual' | 'floor', string>;
  timeoutMs: number;
}

function hostFor(forge: ForgeProcess, type: HostType, owner: string, role: 'source' | 'target'): Host {
  const url = forge.info.url;
  return createHost({ type, url, apiUrl: deriveApiUrl(type, url), owner, token: forge.mirrorToken }, role);
}

/** The environment of every measured process: no CI detection, no user or system git config. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(MIRROR_|GITHUB_|GITLAB_|CI_|RUNNER_|GIT_)/.test(key) || key === 'CI') continue;
    env[key] = value;
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Untimed setup of the baselines: list the source, create the target repos through the target API. */
async function prepareBaselines(ctx: Omit<Context, 'naiveLists'>): Promise<Context['naiveLists'] & { setup: string }> {
  const { options, source, target } = ctx;
  const before = { source: await source.stats(), target: await target.stats() };
  const baselines = (['usual', 'floor'] as const).filter((tool) => options.tools.includes(tool));
  const sourceRepos = baselines.length
    ? await hostFor(source, options.source, source.info.owner, 'source').listRepos()
    : [];
  const lists = { usual: '', floor: '' };
  for (const tool of baselines) {
    const host = hostFor(target, options.target, TARGET_OWNERS[tool], 'target');
    const created = await mapLimit(sourceRepos, 8, (repo: RepoInfo) =>
      host.createRepo({
        name: repo.path,
        description: `Mirror of ${repo.webUrl}`,
        visibility: 'private',
        defaultBranch: repo.defaultBranch,
      }),
    );
    lists[tool] = sourceRepos.map((repo, i) => `${repo.cloneUrl}\t${created[i].cloneUrl}\n`).join('');
  }
  const after = { source: await source.stats(), target: await target.stats() };
  const setup =
    `baseline setup (untimed, not in the table): ${after.source.api - before.source.api} source API requests ` +
    `(listing), ${after.target.api - before.target.api} target API requests (creating ${sourceRepos.length} repos ` +
    `for each of ${baselines.join(' and ') || 'no baseline'})`;
  return { ...lists, setup };
}

async function gitAuthEnv(ctx: Context): Promise<NodeJS.ProcessEnv> {
  const headers: [string, string | undefined][] = [
    [
      ctx.source.info.url,
      await hostFor(ctx.source, ctx.options.source, ctx.source.info.owner, 'source').gitAuthHeader(),
    ],
    [ctx.target.info.url, await hostFor(ctx.target, ctx.options.target, 'usual', 'target').gitAuthHeader()],
  ];
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(headers.length) };
  headers.forEach(([url, header], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = `http.${url}/.extraHeader`;
    env[`GIT_CONFIG_VALUE_${i}`] = header ?? '';
  });
  return env;
}

async function runTool(
  ctx: Context,
  tool: Tool,
  phase: Phase,
): Promise<MeasuredRun & { report?: string; runMs?: number }> {
  const log = path.join(ctx.tmp, 'git-calls.log');
  if (tool === 'org-mirror') {
    const reportFile = path.join(ctx.tmp, `org-mirror-report-${PHASES.indexOf(phase)}.json`);
    const env: NodeJS.ProcessEnv = {
      ...ctx.baseEnv,
      MIRROR_SOURCE_TYPE: ctx.options.source,
      MIRROR_SOURCE_URL: ctx.source.info.url,
      MIRROR_SOURCE_OWNER: ctx.source.info.owner,
      MIRROR_SOURCE_TOKEN: ctx.source.mirrorToken,
      MIRROR_TARGET_TYPE: ctx.options.target,
      MIRROR_TARGET_URL: ctx.target.info.url,
      MIRROR_TARGET_OWNER: TARGET_OWNERS[tool],
      MIRROR_TARGET_TOKEN: ctx.target.mirrorToken,
      MIRROR_CACHE_DIR: path.join(ctx.tmp, 'org-mirror-cache'),
      MIRROR_REPORT_FILE: reportFile,
      MIRROR_CONCURRENCY: '8',
    };
    const run = await measure(
      {
        command: process.execPath,
        args: [ctx.options.cli],
        env,
        cwd: ctx.tmp,
        timeoutMs: ctx.timeoutMs,
      },
      ctx.gitCounter,
      log,
    );
    return { ...run, ...summariseReport(reportFile) };
  }
  const env = { ...ctx.baseEnv, ...(await gitAuthEnv(ctx)), JOBS: tool === 'usual' ? '1' : '8', TMPDIR: ctx.tmp };
  return measure(
    {
      command: 'bash',
      args: [path.join(ROOT, 'bench/naive-mirror.sh')],
      env,
      cwd: ctx.tmp,
      stdin: ctx.naiveLists[tool],
      timeoutMs: ctx.timeoutMs,
    },
    ctx.gitCounter,
    log,
  );
}

function summariseReport(file: string): { report?: string; runMs?: number } {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      counts?: Record<string, number>;
      error?: string;
      durationMs?: number;
    };
    const counts = Object.entries(report.counts ?? {})
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
    return { report: report.error ? `error: ${report.error}` : counts, runMs: report.durationMs };
  } catch {
    return {};
  }
}

/** Compares the target namespace with the source: every source repo with exactly its branches and tags. */
function verify(sourceRefs: Map<string, Record<string, string>>, targetRefs: Map<string, Record<string, string>>) {
  const differing: string[] = [];
  for (const [repo, refs] of sourceRefs) {
    const mirrored = targetRefs.get(repo);
    if (!mirrored || JSON.stringify(sortKeys(mirrored)) !== JSON.stringify(sortKeys(refs))) differing.push(repo);
  }
  return differing.length ? `${differing.length} differ (${differing.slice(0, 3).join(', ')})` : 'mirrored';
}

function sortKeys(refs: Record<string, string>): [string, string][] {
  return Object.entries(refs).sort(([a], [b]) => a.localeCompare(b));
}

async function measureRow(ctx: Context, tool: Tool, phase: Phase, sourceRefs: Map<string, Record<string, string>>) {
  const before: { source: ForgeStats; target: ForgeStats } = {
    source: await ctx.source.stats(),
    target: await ctx.target.stats(),
  };
  const run = await runTool(ctx, tool, phase);
  const sourceRequests = await ctx.source.requestsSince(before.source);
  const targetRequests = await ctx.target.requestsSince(before.target);
  const tokens = [ctx.source.mirrorToken, ctx.target.mirrorToken];
  const leaked = run.gitCalls.some((call) => tokens.some((token) => call.includes(token)));
  const check = run.timedOut
    ? `timed out after ${ctx.timeoutMs / 1000} s`
    : run.exitCode !== 0
      ? `exit ${run.exitCode}; ${verify(sourceRefs, await ctx.target.refs(TARGET_OWNERS[tool]))}`
      : verify(sourceRefs, await ctx.target.refs(TARGET_OWNERS[tool]));
  const row: Row = {
    tool,
    phase,
    wallMs: run.wallMs,
    apiSource: sourceRequests.api.length,
    apiTarget: targetRequests.api.length,
    gitHttp: sourceRequests.git.length + targetRequests.git.length,
    gitProcesses: run.gitCalls.length,
    peakBytes: run.peakBytes,
    rootPeakBytes: run.rootPeakBytes,
    check: leaked ? `${check}; TOKEN IN GIT ARGV` : check,
    report: run.report,
    runMs: run.runMs,
    apiRequests: { source: sourceRequests.api, target: targetRequests.api },
    gitCalls: run.gitCalls,
    outputTail: run.exitCode === 0 ? undefined : run.output.slice(-2000),
  };
  return row;
}

async function ensureBuilt(cli: string): Promise<void> {
  if (fs.existsSync(cli)) return;
  if (cli !== path.join(ROOT, 'dist/index.js')) throw new Error(`--cli ${cli} does not exist`);
  process.stderr.write('bench: dist/index.js is missing, running npm run build\n');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export async function runBench(options: BenchOptions): Promise<Row[]> {
  await ensureBuilt(options.cli);
  // Before the forges start: only the machine's other load competes with it.
  const coldStart = options.tools.includes('org-mirror')
    ? measureColdStart(options.cli, options.quick ? 3 : 15)
    : undefined;
  if (coldStart) log(`bench: ${formatColdStart(coldStart)}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'org-mirror-bench-'));
  const forges: ForgeProcess[] = [];
  const cleanup = async (): Promise<void> => {
    killActiveRuns();
    await Promise.all(forges.map((forge) => forge.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const interrupted = (): void => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const started = performance.now();
    const [source, target] = await Promise.all([
      ForgeProcess.start({
        type: options.source,
        owner: 'acme',
        repos: options.repos,
        latencyMs: options.latencyMs,
        root: path.join(tmp, 'forge-source'),
        cwd: ROOT,
        contract: options.contract,
      }),
      ForgeProcess.start({
        type: options.target,
        owner: TARGET_OWNERS['org-mirror'],
        repos: 0,
        latencyMs: options.latencyMs,
        root: path.join(tmp, 'forge-target'),
        cwd: ROOT,
        contract: options.contract,
      }),
    ]);
    forges.push(source, target);
    const forgesMs = performance.now() - started;
    await target.addOrg(TARGET_OWNERS.usual);
    await target.addOrg(TARGET_OWNERS.floor);
    const base = {
      options,
      tmp,
      source,
      target,
      gitCounter: installGitCounter(path.join(tmp, 'bin')),
      baseEnv: cleanEnv(),
      timeoutMs: options.quick ? 60_000 : 300_000 + options.repos * 2_000,
    };
    const { setup, ...naiveLists } = await prepareBaselines(base);
    const ctx: Context = { ...base, naiveLists };
    log(
      `bench: ${options.repos} repos, ${options.latencyMs} ms per HTTP request, ${options.source} → ${options.target}, ` +
        `forges up in ${(forgesMs / 1000).toFixed(1)} s (source seeded in ${source.info.seedMs} ms), ` +
        `baselines set up in ${((performance.now() - started - forgesMs) / 1000).toFixed(1)} s`,
    );
    log(`bench: ${setup}`);
    const rows: Row[] = [];
    const loadBefore = os.loadavg()[0];
    for (const phase of PHASES) {
      if (phase === 'one changed') {
        const changed = [...(await source.refs(source.info.owner)).keys()].sort()[Math.floor(options.repos / 2)];
        // Activity stamps have a one-second resolution: make sure the change lands in a later second than the seed.
        await sleep(1100);
        await source.commit(source.info.owner, changed);
        log(`bench: pushed one commit to ${source.info.owner}/${changed}`);
      }
      const sourceRefs = await source.refs(source.info.owner);
      for (const tool of options.tools) {
        const row = await measureRow(ctx, tool, phase, sourceRefs);
        rows.push(row);
        log(
          `bench: ${tool} / ${phase}: ${(row.wallMs / 1000).toFixed(2)} s, ${row.check}` +
            (row.report ? ` [${row.report}]` : '') +
            (row.outputTail ? `\n${indent(row.outputTail)}` : ''),
        );
      }
    }
    const violations = (await source.stats()).violations + (await target.stats()).violations;
    printResults(options, rows, violations, [loadBefore, os.loadavg()[0]], coldStart);
    if (options.json) {
      fs.writeFileSync(options.json, JSON.stringify({ options, rows, violations, coldStart }, null, 2) + '\n');
    }
    return rows;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanup();
  }
}

function printResults(
  options: BenchOptions,
  rows: Row[],
  violations: number,
  load: number[],
  coldStart: ColdStart | undefined,
): void {
  const out: string[] = [];
  out.push('');
  out.push(
    `### ${options.repos} repos, ${options.latencyMs} ms per HTTP request (${options.source} → ${options.target}, ` +
      `${os.cpus().length} CPUs, load average ${load.map((n) => n.toFixed(1)).join(' → ')})`,
  );
  out.push('');
  out.push(formatTable(rows));
  out.push('');
  out.push(
    'usual: per repo sequentially `git clone --mirror` + `git push --mirror`; floor: the same, 8 repos at a time. ' +
      'Baseline target repos are created through the API before timing (not counted); org-mirror creates its own.',
  );
  out.push(
    '"x usual" = usual wall time / this wall time (speed-up); "x floor" = this wall time / floor wall time. ' +
      'Peak memory: the measured process tree (the forges run in their own processes).',
  );
  if (violations) out.push(`Forge API contract violations during the run: ${violations}`);
  out.push('');
  out.push(evaluateTargets(rows, options.repos));
  out.push('');
  out.push(evaluateIssue10(rows, options.repos, options.source === 'github'));
  if (coldStart) out.push(`- ${formatColdStart(coldStart)}`);
  out.push('');
  out.push(formatBreakdown(rows.filter((row) => row.tool === 'org-mirror')));
  process.stdout.write(out.join('\n') + '\n');
}

function log(line: string): void {
  process.stderr.write(line + '\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runBench(parseArgs(process.argv.slice(2))).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
