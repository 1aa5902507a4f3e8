/**
 * run(): settings → engine → report. The only place that sets the exit code.
 * 0 all good; 1 a repo failed or diverged (with on-divergence fail) or the run failed; 2 bad configuration.
 */
import type { RunReport } from './report/model.js';
import type { MirrorRuntime } from './runtime/index.js';
import { CliInfoRequested, readSettings, secretsOf, SettingsError, type Settings } from './settings/index.js';

// Only the settings are loaded up front: `--version`, `--help` and a configuration error need nothing else. The rest
// (engine, git, reports, runtime) is imported once the settings are valid, and each host's adapter with its API client
// only for the host types in use (hosts/load-host.ts).
const detectRuntime = async (...args: Parameters<typeof import('./runtime/index.js').detectRuntime>) =>
  (await import('./runtime/index.js')).detectRuntime(...args);

export interface RunOptions {
  argv?: string[];
  env?: NodeJS.ProcessEnv;
}

export async function run(options: RunOptions = {}): Promise<number> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const exitCode = await runOnce(argv, env);
  process.exitCode = exitCode;
  return exitCode;
}

async function runOnce(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings({ argv, env });
  } catch (error) {
    if (error instanceof CliInfoRequested) {
      process.stdout.write(error.text.endsWith('\n') ? error.text : `${error.text}\n`);
      return 0;
    }
    if (error instanceof SettingsError) {
      (await detectRuntime(env)).error(error.message);
      return 2;
    }
    (await detectRuntime(env)).error(`Unexpected error while reading the settings: ${describe(error)}`);
    return 2;
  }

  const [
    { describeEventHint, readEventHint },
    { loadHost },
    { runMirror },
    { summaryFileFor },
    { HealthSession },
    { followHealth },
  ] = await Promise.all([
    import('./events/event-hint.js'),
    import('./hosts/load-host.js'),
    import('./mirror/engine.js'),
    import('./report/index.js'),
    import('./mirror/health-store.js'),
    import('./report/health-follow-up.js'),
  ]);
  const runtime = await detectRuntime(env, { summaryFile: summaryFileFor(settings.reportFile) });
  for (const secret of secretsOf(settings)) runtime.setSecret(secret);

  const hint = readEventHint(env, undefined, { sourceOwner: settings.source.owner });
  runtime.info(describeEventHint(hint));
  const health = HealthSession.open(settings, hint.kind !== 'all');

  let report: RunReport;
  try {
    const hostOptions = { requestTimeoutMs: settings.requestTimeout * 1000 };
    const [source, target] = await Promise.all([
      loadHost(settings.source, 'source', runtime, hostOptions),
      loadHost(settings.target, 'target', runtime, hostOptions),
    ]);
    const headers = await Promise.all([source.gitAuthHeader(), target.gitAuthHeader()]);
    for (const header of headers) if (header) runtime.setSecret(header);
    report = await runMirror(settings, {
      source,
      target,
      runtime,
      hint,
      redact: (text) => runtime.redact(text),
      repoTimeoutMs: settings.repoTimeout * 1000,
      requestTimeoutMs: settings.requestTimeout * 1000,
      verifyIntervalMs: settings.verifyInterval * 3600_000,
      defer: health.defer,
    });
  } catch (error) {
    // One top-level catch turns anything thrown into a clear message (not only Error instances).
    report = failedRun(settings, error);
    runtime.error(report.error ?? 'The run failed.');
  }
  await followHealth(report, settings, runtime, health);
  return finish(report, settings, runtime);
}

async function finish(report: RunReport, settings: Settings, runtime: MirrorRuntime): Promise<number> {
  const { exitCodeOf, publishReport } = await import('./report/index.js');
  try {
    const published = await publishReport(report, settings, runtime);
    return exitCodeOf(published, settings);
  } catch (error) {
    runtime.error(`Could not write the report: ${describe(error)}`);
    return 1;
  }
}

function failedRun(settings: Settings, error: unknown): RunReport {
  return {
    version: 1,
    mode: settings.mode,
    source: { type: settings.source.type, url: settings.source.url, owner: settings.source.owner },
    target: { type: settings.target.type, url: settings.target.url, owner: settings.target.owner },
    startedAt: new Date().toISOString(),
    durationMs: 0,
    counts: {},
    repos: [],
    error: describe(error),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
