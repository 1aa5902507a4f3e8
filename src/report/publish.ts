import path from 'node:path';
import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../settings/settings.js';
import { countByStatus, setOutputs, summaryLine } from './counts.js';
import { writeJsonReport } from './json.js';
import { writeJUnitReport } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { RunReport } from './model.js';

/** Where the Markdown summary goes on GitLab / CLI: next to the JSON report, `.json` → `.md`. */
export function summaryFileFor(reportFile: string): string {
  const { dir, name, ext } = path.parse(reportFile);
  return path.join(dir, `${ext === '.json' ? name : `${name}${ext}`}.md`);
}

/** A deep copy of the report with every string passed through `redact` (tokens → `***`). */
export function redactReport(report: RunReport, redact: (text: string) => string): RunReport {
  return JSON.parse(
    JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value)),
  ) as RunReport;
}

/**
 * Everything a finished run publishes, in one call for main: `counts` recomputed from `repos`, every string redacted,
 * the JSON report (and JUnit when `junit-file` is set) written atomically, the Markdown summary (GitHub job summary;
 * GitLab / CLI: log and the runtime's summary file), the Action outputs, and the summary line in the log.
 * Returns the published (redacted) report. The exit code is `exitCodeOf(report, settings)`.
 */
export async function publishReport(
  report: RunReport,
  settings: Pick<Settings, 'reportFile' | 'junitFile' | 'onDivergence'>,
  runtime: Runtime & { redact?(text: string): string },
): Promise<RunReport> {
  const redact = runtime.redact?.bind(runtime) ?? ((text: string) => text);
  const published = redactReport({ ...report, counts: countByStatus(report.repos) }, redact);
  await writeJsonReport(published, settings.reportFile);
  if (settings.junitFile) await writeJUnitReport(published, settings.junitFile, settings.onDivergence);
  await runtime.writeSummary(renderMarkdown(published));
  setOutputs(runtime, published, settings.reportFile);
  runtime.info(summaryLine(published));
  return published;
}
