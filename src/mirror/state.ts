/**
 * What the mirror last wrote to each target repository, kept in `cache-dir/state/<hash>.json` (one small file per
 * repository, written atomically). It tells a source force-push (the target still holds what we wrote: allowed) from
 * a change made on the target (it holds something else: diverged), and lets a no-op run skip repositories whose
 * source activity stamp has not moved.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { writeFileAtomic } from '../report/atomic-write.js';
import type { RefMap } from '../git/refs.js';

export interface RepoState {
  version: 1;
  source: { id: string; cloneUrl: string; pushedAt?: string };
  /** `defaultBranch`: what the last sync left on the target (for hosts whose listing does not carry it). */
  target: { path: string; cloneUrl: string; defaultBranch?: string };
  /** Refs the target held after the mirror's last write (the mirror wrote them, or found them equal to the source). */
  refs: Record<string, string>;
  /** Values being pushed when the state was written: a run killed mid-push may have written them. */
  pending?: Record<string, string>;
  /** The last run left the target equal to the source (no diverged or failed ref). */
  clean: boolean;
  /** Last time source and target refs were compared in full. */
  verifiedAt: string;
}

export function stableHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export class StateStore {
  constructor(private readonly cacheDir: string) {}

  fileFor(key: string): string {
    return path.join(this.cacheDir, 'state', `${stableHash(key)}.json`);
  }

  async read(key: string): Promise<RepoState | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileFor(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const state = JSON.parse(text) as RepoState;
      if (state?.version !== 1 || typeof state.refs !== 'object' || state.refs === null) return undefined;
      return state;
    } catch {
      // A damaged state file is treated as no state: divergence falls back to ancestry, never to silent overwrite.
      return undefined;
    }
  }

  async write(key: string, state: RepoState): Promise<void> {
    await writeFileAtomic(this.fileFor(key), `${JSON.stringify(state)}\n`);
  }
}

export function refsRecord(refs: RefMap): Record<string, string> {
  return Object.fromEntries([...refs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
