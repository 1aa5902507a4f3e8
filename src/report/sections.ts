import { countByStatus } from './counts.js';
import type { MirrorSection, RunReport } from './model.js';

/** The part of a multi-mirror report about one mirror, shaped as a single-mirror report (summary and JUnit). */
export function mirrorReport(report: RunReport, section: MirrorSection): RunReport {
  const repos = report.repos.filter((repo) => repo.mirror === section.id);
  return {
    version: 1,
    mode: report.mode,
    source: section.source,
    target: section.target,
    startedAt: report.startedAt,
    durationMs: section.durationMs,
    counts: countByStatus(repos),
    repos,
    ...(section.error ? { error: section.error } : {}),
    ...(section.selection ? { selection: section.selection } : {}),
  };
}

/** A report's parts to show one by one: one per mirror with a configuration file, else the report itself. */
export function reportParts(report: RunReport): Array<{ id?: string; report: RunReport; section?: MirrorSection }> {
  if (!report.mirrors) return [{ report }];
  return report.mirrors.map((section) => ({ id: section.id, report: mirrorReport(report, section), section }));
}
