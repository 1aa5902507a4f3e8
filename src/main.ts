/**
 * run(): settings → engine → report. The only place that sets the exit code.
 * 0 all good; 1 a repo failed or diverged (with on-divergence fail) or the run failed; 2 bad configuration.
 */
import type { EventHint } from './events/event-hint.js';
import type { JobSlots } from './mirror/engine.js';
import type { RunReport } from './report/model.js';
import type { MirrorRuntime } from './runtime/index.js';
import type { Configuration } from './settings/config-file.js';
import {
  CliInfoRequested,
  inputReader,
  readSettings,
  secretsOf,
  SettingsError,
  type Settings,
  type SettingsSources,
} from './settings/index.js';

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
  let config: Configuration | undefined;
  try {
    config = await readConfigurationIfAny({ argv, env });
    settings = config?.run ?? readSettings({ argv, env });
  } catch (error) {
    if (error instanceof CliInfoRequested) {
      process.stdout.write(error.text.endsWith('\n') ? error.text : `${error.text}\n`);
      return 0;
    }
    if (error instanceof SettingsError) {
      const runtime = await detectRuntime(env);
      for (const line of error.message.split('\n')) runtime.error(line);
      return 2;
    }
    (await detectRuntime(env)).error(`Unexpected error while reading the settings: ${describe(error)}`);
    return 2;
  }

  if (settings.mode === 'validate') {
    const runtime = await detectRuntime(env);
    for (const warning of config?.warnings ?? []) runtime.warning(warning);
    runtime.info(
      config
        ? `${config.file}: valid, ${config.mirrors.length} mirror${config.mirrors.length === 1 ? '' : 's'} (${config.mirrors.map((mirror) => `${mirror.id}${mirror.enabled ? '' : ' (disabled)'}`).join(', ')})`
        : 'The inputs are valid.',
    );
    return 0;
  }

  const [{ describeEventHint, readEventHint }, { summaryFileFor }] = await Promise.all([
    import('./events/event-hint.js'),
    import('./report/index.js'),
  ]);
  const runtime = await detectRuntime(env, { summaryFile: summaryFileFor(settings.reportFile) });
  for (const mirror of config?.mirrors ?? [{ settings }]) {
    for (const secret of secretsOf(mirror.settings)) runtime.setSecret(secret);
  }

  let report: RunReport;
  try {
    if (config) {
      const { runMirrors } = await import('./mirror/multi-run.js');
      report = await runMirrors(
        settings,
        config.mirrors,
        (mirror, slots) => {
          // An event's repository is matched against every mirror whose source it belongs to.
          const hint = readEventHint(env, undefined, { sourceOwner: mirror.source.owner });
          runtime.info(`Mirror ${mirror.mirrorId}: ${describeEventHint(hint)}`);
          return runOneMirror(mirror, runtime, hint, slots);
        },
        runtime,
      );
    } else {
      const hint = readEventHint(env, undefined, { sourceOwner: settings.source.owner });
      runtime.info(describeEventHint(hint));
      report = await runOneMirror(settings, runtime, hint);
    }
  } catch (error) {
    // One top-level catch turns anything thrown into a clear message (not only Error instances).
    report = failedRun(settings, error);
    runtime.error(report.error ?? 'The run failed.');
  }
  return finish(report, settings, runtime);
}

/** With `config`: the file and every mirror's settings (yaml and the schema validator are loaded only then). */
async function readConfigurationIfAny(sources: SettingsSources): Promise<Configuration | undefined> {
  const read = inputReader(sources);
  if (!read('config')) {
    const mirror = read('mirror');
    if (mirror)
      throw new SettingsError(
        `Invalid mirror '${mirror.value}': it needs config. Expected mirror only with config.`,
        'mirror',
      );
    return undefined;
  }
  const { readConfiguration } = await import('./settings/config-file.js');
  return readConfiguration(sources);
}

/** One mirror: its hosts, then the engine. */
async function runOneMirror(
  settings: Settings,
  runtime: MirrorRuntime,
  hint: EventHint,
  slots?: JobSlots,
): Promise<RunReport> {
  const [{ loadHost }, { runMirror }] = await Promise.all([
    import('./hosts/load-host.js'),
    import('./mirror/engine.js'),
  ]);
  const hostOptions = { requestTimeoutMs: settings.requestTimeout * 1000 };
  const [source, target] = await Promise.all([
    loadHost(settings.source, 'source', runtime, hostOptions),
    loadHost(settings.target, 'target', runtime, hostOptions),
  ]);
  const headers = await Promise.all([source.gitAuthHeader(), target.gitAuthHeader()]);
  for (const header of headers) if (header) runtime.setSecret(header);
  return runMirror(settings, {
    source,
    target,
    runtime,
    hint,
    redact: (text) => runtime.redact(text),
    repoTimeoutMs: settings.repoTimeout * 1000,
    requestTimeoutMs: settings.requestTimeout * 1000,
    verifyIntervalMs: settings.verifyInterval * 3600_000,
    ...(slots ? { slots } : {}),
  });
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
