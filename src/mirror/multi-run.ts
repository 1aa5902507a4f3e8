/**
 * One run, every mirror of the configuration file: each enabled mirror runs the single-mirror engine with its own
 * settings, all of them at once and sharing the run's job slots (`concurrency`), so the run as a whole never does more
 * than `concurrency` transfers. One mirror failing, even its listing, never stops the others: its section of the
 * report carries the error. The report lists every repository with its mirror's id; counts are totals.
 */
import type { MirrorSection, RepoResult, RunReport } from '../report/model.js';
import { countByStatus } from '../report/counts.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import { type JobSlots, jobSlots } from './engine.js';

export interface MirrorToRun {
  id: string;
  enabled: boolean;
  settings: Settings;
}

/** Runs one mirror with the shared slots (main.ts: loads its hosts, reads its event hint, calls runMirror). */
export type RunOneMirror = (settings: Settings, slots: JobSlots) => Promise<RunReport>;

export async function runMirrors(
  run: Pick<Settings, 'mode' | 'concurrency'>,
  mirrors: readonly MirrorToRun[],
  runOne: RunOneMirror,
  runtime: Pick<Runtime, 'info' | 'error'>,
): Promise<RunReport> {
  const startedAt = new Date();
  const slots = jobSlots(run.concurrency);
  const sections = await Promise.all(
    mirrors.map(async (mirror): Promise<{ section: MirrorSection; repos: RepoResult[] }> => {
      const { settings } = mirror;
      const section: MirrorSection = {
        id: mirror.id,
        enabled: mirror.enabled,
        source: { type: settings.source.type, url: settings.source.url, owner: settings.source.owner },
        target: { type: settings.target.type, url: settings.target.url, owner: settings.target.owner },
        durationMs: 0,
        counts: {},
      };
      // A disabled mirror: no listing, no request at all; mode remove lifts its protection like any mirror's.
      if (!mirror.enabled && run.mode !== 'remove') {
        runtime.info(`Mirror ${mirror.id}: disabled (enabled: false): nothing requested for it`);
        return { section, repos: [] };
      }
      runtime.info(
        `Mirror ${mirror.id}: ${settings.source.type} ${settings.source.owner} → ${settings.target.type} ${settings.target.owner}`,
      );
      const started = Date.now();
      let report: RunReport;
      try {
        report = await runOne(settings, slots);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        runtime.error(`Mirror ${mirror.id} failed: ${message}`);
        return { section: { ...section, durationMs: Date.now() - started, error: message }, repos: [] };
      }
      const repos = report.repos.map((repo) => ({ mirror: mirror.id, ...repo }));
      if (report.error) runtime.error(`Mirror ${mirror.id} failed: ${report.error}`);
      return {
        section: {
          ...section,
          durationMs: report.durationMs,
          counts: countByStatus(repos),
          ...(report.error ? { error: report.error } : {}),
          ...(report.selection ? { selection: report.selection } : {}),
        },
        repos,
      };
    }),
  );
  const repos = sections.flatMap((entry) => entry.repos);
  const first = sections[0].section;
  return {
    version: 1,
    mode: run.mode,
    source: first.source,
    target: first.target,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    counts: countByStatus(repos),
    repos,
    mirrors: sections.map((entry) => entry.section),
  };
}
