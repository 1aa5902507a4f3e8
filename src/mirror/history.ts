/**
 * History refs (SPEC "History: nothing the mirror replaces is lost"): the tips a run deletes or force-moves on the
 * target are kept there, written in the same push, under `refs/mirror-history/<stamp>/heads|tags/<name>` (or, on a
 * host that refuses refs outside `refs/heads` and `refs/tags`, the protected tag
 * `mirror-history/<stamp>/heads|tags/<name>`). Pure functions, apart from the ancestry question asked of the cache.
 */
import type { RefUpdate } from '../git/cache-repo.js';
import { HISTORY_NAMESPACE, HISTORY_TAG_NAMESPACE, type RefMap } from '../git/refs.js';
import type { HistoryRefs } from '../hosts/host.js';
import type { PlannedRef } from './plan.js';

export { HISTORY_NAMESPACE, HISTORY_TAG_NAMESPACE, isHistoryRef } from '../git/refs.js';

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The run's start as `YYYYMMDDTHHMMSSZ` (UTC), the `<stamp>` of every history ref the run writes. */
export function historyStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The time a stamp names, or undefined when it is not a valid `YYYYMMDDTHHMMSSZ`. */
export function parseStamp(stamp: string): Date | undefined {
  const match = STAMP.exec(stamp);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20250230 over into March: such a stamp is not one the mirror writes.
  return historyStamp(at) === stamp ? at : undefined;
}

/** The history ref that keeps `ref`'s old tip: `refs/heads/main` → `refs/mirror-history/<stamp>/heads/main`. */
export function historyRefName(ref: string, stamp: string, layout: HistoryRefs): string {
  const kept = ref.replace(/^refs\//, '');
  return layout === 'tags' ? `${HISTORY_TAG_NAMESPACE}${stamp}/${kept}` : `${HISTORY_NAMESPACE}${stamp}/${kept}`;
}

/** The stamp of a history ref (either layout), or undefined when its name carries none. */
export function stampOf(ref: string): string | undefined {
  const rest = ref.startsWith(HISTORY_NAMESPACE)
    ? ref.slice(HISTORY_NAMESPACE.length)
    : ref.startsWith(HISTORY_TAG_NAMESPACE)
      ? ref.slice(HISTORY_TAG_NAMESPACE.length)
      : undefined;
  return rest?.split('/')[0];
}

/** A target tip the plan destroys: deleted, or moved to a commit that does not contain it. */
export interface ReplacedTip {
  ref: string;
  /** The tip that would be lost. */
  from: string;
  kind: 'delete' | 'force-move';
}

/**
 * The planned actions that destroy a target tip. Fast-forwards and creations destroy nothing; diverged refs are left
 * untouched. A tag that moves always loses its old tip (a tag has no history of its own to contain it).
 */
export async function replacedTips(
  plan: readonly PlannedRef[],
  isAncestor: (ancestor: string, descendant: string) => Promise<boolean>,
): Promise<ReplacedTip[]> {
  const replaced: ReplacedTip[] = [];
  for (const action of plan) {
    if (action.kind === 'diverged' || action.kind === 'create' || action.from === undefined) continue;
    if (action.to === undefined) {
      replaced.push({ ref: action.ref, from: action.from, kind: 'delete' });
    } else if (!action.ref.startsWith('refs/heads/') || !(await isAncestor(action.from, action.to))) {
      replaced.push({ ref: action.ref, from: action.from, kind: 'force-move' });
    }
  }
  return replaced;
}

/** The pushes that keep each replaced tip: a new ref (leasing on its absence) per tip. */
export function keepUpdates(replaced: readonly ReplacedTip[], stamp: string, layout: HistoryRefs): RefUpdate[] {
  return replaced.map((tip) => ({ ref: historyRefName(tip.ref, stamp, layout), to: tip.from }));
}

/**
 * History refs older than `days` (by the stamp in their name), as deletes leasing on the value seen. `days` 0 keeps
 * everything; a name without a valid stamp is not the mirror's to judge and is kept.
 */
export function expiredHistory(history: RefMap, now: Date, days: number): RefUpdate[] {
  if (days <= 0) return [];
  const cutoff = now.getTime() - days * 86_400_000;
  const expired: RefUpdate[] = [];
  for (const [ref, sha] of [...history].sort(([a], [b]) => a.localeCompare(b))) {
    const stamp = stampOf(ref);
    const at = stamp === undefined ? undefined : parseStamp(stamp);
    if (at && at.getTime() < cutoff) expired.push({ ref, expect: sha });
  }
  return expired;
}

/**
 * The push of one repository with history: each kept tip right before the change that replaces it (so that a push
 * split into batches never destroys a tip before keeping it), then the other changes, then expired history refs.
 */
export function withHistory(
  updates: readonly RefUpdate[],
  replaced: readonly ReplacedTip[],
  keep: readonly RefUpdate[],
  expired: readonly RefUpdate[],
): RefUpdate[] {
  const keptFor = new Map(replaced.map((tip, index) => [tip.ref, keep[index]]));
  const ordered: RefUpdate[] = [];
  for (const update of updates) {
    const kept = keptFor.get(update.ref);
    if (kept) ordered.push(kept);
    ordered.push(update);
  }
  return [...ordered, ...expired];
}
