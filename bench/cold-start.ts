/**
 * Cold start of the CLI (issue 10 item 5): `node <cli> --version` and `--help`, each against `node -e 0` measured in
 * the same rounds (interleaved, so a machine loaded by others weighs on all three alike). Medians of `runs` rounds.
 *
 * Usage: tsx bench/cold-start.ts [--runs 15] [--cli dist/index.js]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ColdStart {
  runs: number;
  /** Median wall time in ms of `node -e 0`. */
  nodeMs: number;
  versionMs: number;
  helpMs: number;
}

function timeOnce(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function measureColdStart(cli: string, runs = 15): ColdStart {
  const samples = { node: [] as number[], version: [] as number[], help: [] as number[] };
  timeOnce([cli, '--version']); // file cache warm, as on a runner that just checked the action out
  for (let i = 0; i < runs; i++) {
    samples.node.push(timeOnce(['-e', '0']));
    samples.version.push(timeOnce([cli, '--version']));
    samples.help.push(timeOnce([cli, '--help']));
  }
  return {
    runs,
    nodeMs: median(samples.node),
    versionMs: median(samples.version),
    helpMs: median(samples.help),
  };
}

export function formatColdStart(cold: ColdStart): string {
  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  return (
    `Cold start (median of ${cold.runs} interleaved runs): \`node -e 0\` ${ms(cold.nodeMs)}, ` +
    `\`org-mirror --version\` ${ms(cold.versionMs)} (+${ms(cold.versionMs - cold.nodeMs)} over bare node; ` +
    `target <= 150 ms: ${cold.versionMs <= 150 ? 'met' : 'NOT met'}), \`--help\` ${ms(cold.helpMs)}`
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const cli = path.resolve(value('cli') ?? path.join(root, 'dist/index.js'));
  process.stdout.write(formatColdStart(measureColdStart(cli, Number(value('runs') ?? 15))) + '\n');
}
