/**
 * Notifications on change (SPEC "Health over time"): one JSON POST per run that changed any repository's health,
 * `{"text", "mirror", "changes"}`. `text` is one line that Slack, Mattermost and Rocket.Chat incoming webhooks show as
 * it is; `changes` is for machines. With `notify-secret`, `X-Org-Mirror-Signature-256: sha256=<hex HMAC-SHA256 of the
 * body>` (as GitHub signs webhooks). Bounded: the HTTP client's retries, `request-timeout` per attempt. A failed
 * notification is a warning, never a failed run. Nothing secret goes in: names, health, dates and the run's reasons,
 * which are redacted like the report.
 */
import { createHmac } from 'node:crypto';

import { HostError } from '../hosts/host.js';
import { HttpClient } from '../hosts/http-client.js';
import { needsAttention, RUN_ENTRY, type Health, type HealthChange, type HealthFile } from '../mirror/health.js';

export const SIGNATURE_HEADER = 'x-org-mirror-signature-256';

export interface Notification {
  text: string;
  mirror: string;
  changes: HealthChange[];
}

export const HEALTH_ICONS: Record<Health, string> = {
  healthy: '✅',
  failing: '❌',
  diverged: '⚠️',
  held: '⏸️',
  orphaned: '👻',
};

/** Names listed in `text` before "and N more". */
const NAMES_IN_TEXT = 5;

function names(changes: readonly HealthChange[]): string {
  const shown = changes.slice(0, NAMES_IN_TEXT).map((change) => change.repository);
  const more = changes.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Counts of each health in the file, problems first: `❌ 2 failing · ✅ 120 healthy`. */
export function healthCounts(file: HealthFile): string {
  const counts = new Map<Health, number>();
  for (const entry of Object.values(file.repos)) counts.set(entry.health, (counts.get(entry.health) ?? 0) + 1);
  const order: Health[] = ['failing', 'diverged', 'held', 'orphaned', 'healthy'];
  return order
    .filter((health) => counts.get(health))
    .map((health) => `${HEALTH_ICONS[health]} ${counts.get(health)} ${health}`)
    .join(' · ');
}

/**
 * The one-line `text`: `org-mirror github.com/acme → gitlab.example.com/mirrors/acme: ❌ api now failing; ✅ web
 * recovered — ❌ 1 failing · ✅ 120 healthy`.
 */
export function notificationText(mirror: string, changes: readonly HealthChange[], file: HealthFile): string {
  const byHealth = new Map<Health, HealthChange[]>();
  for (const change of changes) byHealth.set(change.to, [...(byHealth.get(change.to) ?? []), change]);
  const parts: string[] = [];
  for (const [health, list] of byHealth) {
    const run = list.filter((change) => change.repository === RUN_ENTRY);
    const repos = list.filter((change) => change.repository !== RUN_ENTRY);
    if (run.length)
      parts.push(`${HEALTH_ICONS[health]} the run itself ${health === 'healthy' ? 'works again' : health}`);
    if (repos.length) {
      const verb = health === 'healthy' ? 'recovered' : `now ${health}`;
      parts.push(`${HEALTH_ICONS[health]} ${names(repos)} ${verb}`);
    }
  }
  const counts = healthCounts(file);
  return `org-mirror ${mirror}: ${parts.join('; ')}${counts ? ` — ${counts}` : ''}`.replace(/[\r\n]+/g, ' ');
}

/** The document of a run's changes; undefined when nothing changed (no POST). */
export function buildNotification(
  mirror: string,
  changes: readonly HealthChange[],
  file: HealthFile,
): Notification | undefined {
  if (!changes.length) return undefined;
  const ordered = [...changes].sort((a, b) => Number(needsAttention(b.to)) - Number(needsAttention(a.to)));
  return { text: notificationText(mirror, ordered, file), mirror, changes: ordered };
}

/** `sha256=<hex HMAC-SHA256 of the body>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface NotifyOptions {
  url: string;
  secret?: string;
  /** Per attempt (request-timeout). */
  timeoutMs: number;
  /** Text meant for a message (error), with every secret form removed. */
  redact: (text: string) => string;
}

/** POSTs the notification (its JSON text, already redacted); resolves to a warning when undelivered, never throws. */
export async function sendNotification(body: string, options: NotifyOptions): Promise<string | undefined> {
  const headers: Record<string, string> = {};
  if (options.secret) headers[SIGNATURE_HEADER] = signBody(body, options.secret);
  const client = new HttpClient({
    baseUrl: options.url,
    label: 'notify-url',
    timeoutMs: options.timeoutMs,
    retry: { maxRetries: 2, maxTotalWaitMs: 10_000 },
    secrets: [options.url, ...(options.secret ? [options.secret] : [])],
  });
  try {
    await client.request('POST', options.url, { body, headers: { ...headers, accept: '*/*' } });
    return undefined;
  } catch (error) {
    // A 2xx answer that is not JSON (Slack answers `ok` as text/plain) is a delivered notification.
    if (error instanceof HostError && error.status !== undefined && error.status >= 200 && error.status < 300) {
      return undefined;
    }
    const reason = error instanceof Error ? error.message : String(error);
    return `Could not send the notification to notify-url: ${options.redact(client.redact(reason))}`;
  }
}
