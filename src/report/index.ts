/** Report writers: JSON, Markdown summary, JUnit, counts / outputs / exit code, and `publishReport` for main. */
export type * from './model.js';
export {
  OUTPUT_STATUSES,
  STATUS_ORDER,
  countByStatus,
  countsText,
  exitCodeOf,
  formatDuration,
  isFailing,
  refCountsOf,
  setOutputs,
  summaryLine,
} from './counts.js';
export { renderJsonReport, writeJsonReport } from './json.js';
export { renderMarkdown, escapeCell, glanceLine, nextStep } from './markdown.js';
export { renderJUnit, writeJUnitReport } from './junit.js';
export { publishReport, redactReport, summaryFileFor } from './publish.js';
