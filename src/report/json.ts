import { writeFileAtomic } from './atomic-write.js';
import type { RunReport } from './model.js';

/**
 * The JSON report (`report-file`, default `org-mirror-report.json`), version 1:
 *
 * ```
 * {
 *   "version": 1,
 *   "mode": "sync" | "preview" | "check" | "remove" | "install-hooks",
 *   "source": { "type": "github", "url": "https://github.com", "owner": "acme" },
 *   "target": { "type": "gitlab", "url": "https://gitlab.example.com", "owner": "mirrors/acme" },
 *   "startedAt": "2025-01-31T12:00:00.000Z",      // ISO-8601
 *   "durationMs": 62000,
 *   "counts": { "updated": 12, "up-to-date": 320 }, // repositories per status, only statuses that occur
 *   "repos": [
 *     {
 *       "name": "api",                   // source repository path under the owner
 *       "target": "api",                 // target repository path, when known
 *       "status": "updated",             // see RepoStatus in model.ts
 *       "reason": "…",                   // why skipped / failed / unavailable / diverged / orphaned, when so
 *       "kind": "auth",                  // failed / unavailable: auth | forbidden | not-found | conflict | rate-limited
 *                                        //   | timeout | connection | server | push-refused | config | unexpected
 *       "next": "…",                     // what to do about it, when the engine says (orphans)
 *       "refs": [                        // ref actions (planned in preview/check, done in sync)
 *         { "ref": "refs/heads/main", "kind": "update", "from": "<sha>", "to": "<sha>", "error": "…",
 *           "errorKind": "push-refused" }  // errorKind with error: push-refused | conflict (a lease that no longer held)
 *       ],                               // kind: create | update | force-update | delete | diverged
 *       "durationMs": 1200,
 *       "notes": ["wiki not mirrored: …"], // things worth knowing that are not failures, when any
 *       "wiki": { "status": "updated", "reason": "…", "kind": "…", "refs": [ … ] } // with `wikis: true`, when the source has one
 *     }
 *   ],
 *   "error": "…",                        // only when the whole run failed before acting (e.g. listing error)
 *   "selection": {                       // what filter and exclude matched (absent when the run failed before)
 *     "listed": 14,                      // repositories the filters were applied to
 *     "filter": { "pattern": ".*", "matched": 14 },
 *     "exclude": { "pattern": "skip-.*", "matched": 2 }   // only when exclude is set
 *   }
 * }
 * ```
 * Optional fields are absent rather than null. No token ever appears: every string passes through `redact`.
 */
export function renderJsonReport(report: RunReport, redact: (text: string) => string = (text) => text): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value), 2)}\n`;
}

/** Write the JSON report atomically (a reader never sees half a report). */
export async function writeJsonReport(
  report: RunReport,
  file: string,
  redact?: (text: string) => string,
): Promise<void> {
  await writeFileAtomic(file, renderJsonReport(report, redact));
}
