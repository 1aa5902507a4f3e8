/**
 * `npm run bench -- --quick` end to end: two forges in their own processes, org-mirror (dist/index.js, or BENCH_CLI),
 * the usual way and the raw-git floor, each for a first sync, a no-op rerun and a rerun after one change.
 * Checks that the table has every row, that the counters count, that every target ends up equal to its source, and
 * that the bench leaves neither temp dirs nor processes behind. It asserts no speed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from '../bench/report.js';

const TOOLS = ['org-mirror', 'usual', 'floor'];
/** Repositories of the smoke run: a few, so that the floor still runs several at a time and one changes in the middle. */
const REPOS = 4;
const PHASES = ['first sync', 'no-op rerun', 'one changed'];

function runBench(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bench.ts', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Processes whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(text)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

describe('npm run bench --quick', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('measures every tool in every run, checks the mirrors, and cleans up', async () => {
    const benchTmp = path.join(tmp, 'tmp');
    fs.mkdirSync(benchTmp);
    const json = path.join(tmp, 'results.json');
    const cli = process.env.BENCH_CLI ? ['--cli', process.env.BENCH_CLI] : [];
    const result = await runBench(['--quick', '--repos', String(REPOS), '--json', json, ...cli], {
      ...process.env,
      TMPDIR: benchTmp,
    });
    if (result.code !== 0) throw new Error(`bench exited ${result.code}:\n${result.stderr}\n${result.stdout}`);

    // The printed table has a row per tool and run.
    const tableRows = result.stdout.split('\n').filter((line) => /^\| (org-mirror|usual|floor) \|/.test(line));
    expect(tableRows.map((line) => line.split(' | ').slice(0, 2).join(' | '))).toEqual(
      PHASES.flatMap((phase) => TOOLS.map((tool) => `| ${tool} | ${phase}`)),
    );
    expect(result.stdout).toContain(`Targets of issue 5 on this run (${REPOS} repos)`);

    const { rows } = JSON.parse(fs.readFileSync(json, 'utf8')) as { rows: Row[] };
    const row = (tool: string, phase: string): Row => rows.find((r) => r.tool === tool && r.phase === phase)!;
    for (const r of rows) {
      expect(`${r.tool} / ${r.phase}: ${r.check}`).toBe(`${r.tool} / ${r.phase}: mirrored`);
      expect(r.wallMs).toBeGreaterThan(0);
      expect(r.peakBytes).toBeGreaterThan(0);
    }
    // The counters count: the baselines run clone + push per repo and talk git over HTTP only.
    for (const phase of PHASES) {
      for (const tool of ['usual', 'floor']) {
        expect(row(tool, phase).gitProcesses).toBe(2 * REPOS);
        expect(row(tool, phase).apiSource + row(tool, phase).apiTarget).toBe(0);
        expect(row(tool, phase).gitHttp).toBeGreaterThanOrEqual(4 * REPOS);
      }
    }
    // org-mirror lists the source and creates the target repos through the APIs.
    expect(row('org-mirror', 'first sync').apiSource).toBeGreaterThan(0);
    expect(row('org-mirror', 'first sync').apiTarget).toBeGreaterThanOrEqual(REPOS);
    expect(row('org-mirror', 'first sync').report).toContain(`${REPOS} created`);

    // Nothing left behind: the bench's temp dirs (forge roots, caches, clones) and its forge processes.
    // (tsx keeps its compile cache in TMPDIR: `tsx-<uid>`.)
    expect(fs.readdirSync(benchTmp).filter((entry) => !/^tsx-\d+$/.test(entry))).toEqual([]);
    expect(processesMentioning(benchTmp)).toEqual([]);
  }, 300_000);
});
