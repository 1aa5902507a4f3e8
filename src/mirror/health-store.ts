/**
 * The health file of one mirror (and shard), `cache-dir/health/<hash>.json`, and the run's use of it: which
 * repositories back off this run (the engine asks), then, once the run is over, the new health written and the report
 * entries annotated with their streaks. Only `sync` writes health; `check` and `preview` show what the last sync
 * recorded.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { writeFileAtomic } from '../report/atomic-write.js';
import type { RepoResult, RunReport } from '../report/model.js';
import type { Settings } from '../settings/settings.js';
import {
  backingOffReason,
  HEALTHS,
  isDue,
  streakFields,
  updateHealth,
  type HealthChange,
  type HealthFile,
} from './health.js';
import { stableHash } from './state.js';

/** `<id or source → target>`: how notifications and the status issue name the mirror. */
export function mirrorLabel(settings: Pick<Settings, 'source' | 'target' | 'mirrorId'>): string {
  if (settings.mirrorId) return settings.mirrorId;
  const side = (end: Settings['source']) => `${new URL(end.url).host}/${end.owner}`;
  return `${side(settings.source)} → ${side(settings.target)}`;
}

/** The mirror and shard a health file (and a status issue) belongs to. */
export function healthKey(settings: Pick<Settings, 'source' | 'target' | 'shard' | 'mirrorId'>): string {
  const shard = settings.shard ? `:${settings.shard.index}/${settings.shard.count}` : '';
  return `${mirrorLabel(settings)}${shard}`;
}

export class HealthStore {
  constructor(
    private readonly cacheDir: string,
    private readonly key: string,
  ) {}

  get file(): string {
    return path.join(this.cacheDir, 'health', `${stableHash(`health:${this.key}`)}.json`);
  }

  async read(): Promise<HealthFile | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const file = JSON.parse(text) as HealthFile;
      if (file?.version !== 1 || typeof file.repos !== 'object' || file.repos === null) return undefined;
      for (const [name, entry] of Object.entries(file.repos)) {
        if (!(HEALTHS as readonly string[]).includes(entry?.health)) delete file.repos[name];
      }
      return { ...file, fullRuns: Number.isInteger(file.fullRuns) ? file.fullRuns : 0 };
    } catch {
      // A damaged file is no history: every repository is tried, the next run starts the streaks again.
      return undefined;
    }
  }

  async write(file: HealthFile): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(file)}\n`);
  }
}

export interface RecordedHealth {
  /** The health after this run (as written, for sync). */
  file: HealthFile;
  /** What this run changed; empty outside sync. */
  changes: HealthChange[];
  /** No health was recorded before this run. */
  first: boolean;
}

/** One run's view of its mirror's health. */
export class HealthSession {
  /**
   * Read when first needed: the engine first asks after it took the cache lock, so a run waiting for another one sees
   * the health that run recorded.
   */
  private previous: Promise<HealthFile | undefined> | undefined;

  private constructor(
    private readonly settings: Settings,
    private readonly store: HealthStore,
    /** Not limited to named repositories (`repositories`, an event): backoff applies and the run is counted. */
    private readonly fullRun: boolean,
  ) {}

  static open(settings: Settings, named: boolean): HealthSession {
    const store = new HealthStore(settings.cacheDir, healthKey(settings));
    const fullRun = settings.mode === 'sync' && !named && !settings.repositories?.length;
    return new HealthSession(settings, store, fullRun);
  }

  private load(): Promise<HealthFile | undefined> {
    this.previous ??= this.store.read();
    return this.previous;
  }

  /**
   * For the engine: a `backing-off` result for a repository that is not due this run, else undefined (try it). Only a
   * full sync backs off: a run naming a repository always tries it.
   */
  readonly defer = async (name: string, target?: string): Promise<RepoResult | undefined> => {
    if (!this.fullRun) return undefined;
    const previous = await this.load();
    const run = (previous?.fullRuns ?? 0) + 1;
    const entry = previous?.repos[name];
    if (!entry || isDue(entry, run, this.settings.backoffMax)) return undefined;
    const result: RepoResult = {
      name,
      status: 'backing-off',
      reason: backingOffReason(entry, run, this.settings.backoffMax),
      refs: [],
      durationMs: 0,
    };
    if (target !== undefined) result.target = target;
    return result;
  };

  /**
   * After the run: in sync, the new health is written and the changes returned; in every mode the report's entries get
   * their streak fields. Writing health never fails the run: a write error is returned for a warning.
   */
  async record(report: RunReport, now = new Date()): Promise<RecordedHealth> {
    const previous = await this.load();
    const first = previous === undefined;
    let file = previous;
    let changes: HealthChange[] = [];
    if (this.settings.mode === 'sync') {
      const update = updateHealth(previous, report.repos, {
        now: now.toISOString(),
        fullRun: this.fullRun,
        complete: this.fullRun && !report.error,
        ...(this.settings.runUrl ? { runUrl: this.settings.runUrl } : {}),
        ...(report.error ? { error: report.error } : {}),
      });
      file = update.file;
      changes = update.changes;
      await this.store.write(file);
    }
    for (const repo of report.repos) {
      Object.assign(repo, streakFields(file?.repos[repo.name], this.settings.backoffMax));
    }
    return { file: file ?? { version: 1, fullRuns: 0, repos: {} }, changes, first };
  }

  /** Remember the status issue (its number) for the next run. */
  async rememberIssue(file: HealthFile, issue: HealthFile['statusIssue']): Promise<void> {
    if (JSON.stringify(file.statusIssue) === JSON.stringify(issue)) return;
    if (issue) file.statusIssue = issue;
    else delete file.statusIssue;
    await this.store.write(file);
  }
}

/** Jobs due this run, and the results of those that back off. */
export async function partitionDue<T extends { source: { path: string }; targetPath: string }>(
  jobs: readonly T[],
  defer: ((name: string, target?: string) => Promise<RepoResult | undefined>) | undefined,
): Promise<{ due: T[]; deferred: RepoResult[] }> {
  const due: T[] = [];
  const deferred: RepoResult[] = [];
  for (const job of jobs) {
    const result = await defer?.(job.source.path, job.targetPath);
    if (result) deferred.push(result);
    else due.push(job);
  }
  return { due, deferred };
}
