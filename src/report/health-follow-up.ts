/**
 * After a run: its health recorded (sync) or shown (check, preview), then — sync only, and only when health changed or
 * the status issue differs — the notification and the status issue. Neither can fail the run: problems are warnings.
 */
import { healthKey, mirrorLabel, type HealthSession, type RecordedHealth } from '../mirror/health-store.js';
import type { MirrorRuntime } from '../runtime/index.js';
import type { Settings } from '../settings/settings.js';
import { issueClientFor } from './issue-clients.js';
import type { RunReport } from './model.js';
import { buildNotification, sendNotification } from './notify.js';
import { desiredIssue, syncStatusIssue } from './status-issue.js';

const HEALTH_MODES = new Set(['sync', 'check', 'preview']);

export async function followHealth(
  report: RunReport,
  settings: Settings,
  runtime: MirrorRuntime,
  session: HealthSession,
): Promise<void> {
  if (!HEALTH_MODES.has(settings.mode)) return;
  let recorded: RecordedHealth;
  try {
    recorded = await session.record(report);
  } catch (error) {
    runtime.warning(`Could not record the health of this run in ${settings.cacheDir}: ${describe(error, runtime)}`);
    return;
  }
  if (settings.mode !== 'sync') return;
  if (recorded.changes.length) {
    runtime.info(
      `Health changed: ${recorded.changes.map((change) => `${printable(change.repository)} ${change.from ?? 'new'} → ${change.to}`).join(', ')}`,
    );
  }
  await notify(recorded, settings, runtime);
  await updateStatusIssue(recorded, settings, runtime, session);
}

async function notify(recorded: RecordedHealth, settings: Settings, runtime: MirrorRuntime): Promise<void> {
  if (!settings.notify) return;
  const notification = buildNotification(mirrorLabel(settings), recorded.changes, recorded.file);
  if (!notification) return;
  const warning = await sendNotification(runtime.redact(JSON.stringify(notification)), {
    url: settings.notify.url,
    secret: settings.notify.secret,
    timeoutMs: settings.requestTimeout * 1000,
    redact: (text) => runtime.redact(text),
  });
  if (warning) runtime.warning(warning);
  else runtime.info(`Sent ${recorded.changes.length} health change(s) to notify-url`);
}

async function updateStatusIssue(
  recorded: RecordedHealth,
  settings: Settings,
  runtime: MirrorRuntime,
  session: HealthSession,
): Promise<void> {
  const where = settings.statusIssue;
  if (!where) return;
  const host = `${where.apiUrl}#${where.repository}`;
  try {
    const desired = desiredIssue(healthKey(settings), recorded.file);
    desired.body = runtime.redact(desired.body);
    const client = issueClientFor(where, settings.requestTimeout * 1000);
    const { remember, action } = await syncStatusIssue(client, desired, recorded.file.statusIssue, host);
    if (action !== 'none') runtime.info(`Status issue #${remember.number} in ${where.repository}: ${action}`);
    await session.rememberIssue(recorded.file, remember);
  } catch (error) {
    runtime.warning(`Could not update the status issue in ${where.repository}: ${describe(error, runtime)}`);
  }
}

function describe(error: unknown, runtime: MirrorRuntime): string {
  return runtime.redact(error instanceof Error ? error.message : String(error));
}

/** A name as the log may show it: quoted and escaped when it holds a control character (a newline would forge a line). */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the log raw
  return /[\x00-\x1f\x7f]/.test(name) ? JSON.stringify(name) : name;
}
