/**
 * What a repository's plan destroys, and what the push must carry because of it (SPEC "History"): the replaced tips
 * (each kept under a history ref), the guard's verdict, and the expired history refs retention deletes. Shared by the
 * code and the wiki push; the only git it needs is the cache's ancestry and, rarely, a fetch of target-only tips.
 */
import type { RefUpdate } from '../git/cache-repo.js';
import type { RefMap } from '../git/refs.js';
import type { HistoryRefs } from '../hosts/host.js';
import type { Settings } from '../settings/settings.js';
import { guardVerdict, isAccepted, refsAfter, type GuardVerdict } from './guard.js';
import { expiredHistory, historyStamp, keepUpdates, replacedTips, withHistory, type ReplacedTip } from './history.js';
import { updatesOf, type PlannedRef } from './plan.js';

export interface HistoryCache {
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  missingObjects(shas: string[]): Promise<string[]>;
}

export interface DestructionInput {
  settings: Pick<Settings, 'keepHistory' | 'historyDays' | 'destructiveLimit' | 'accept'>;
  /** The source name `accept` is matched against. */
  name: string;
  plan: PlannedRef[];
  /** The target's branches and tags before the run. */
  target: RefMap;
  /** The target's history refs, from the same listing. */
  history: RefMap;
  cache: HistoryCache;
  /** Fetches target refs whose tips the cache lacks (a tip only the target has must be in the cache to be kept). */
  fetchTargetRefs(refs: string[]): Promise<void>;
  layout: HistoryRefs;
  startedAt: Date;
}

export interface Destruction {
  replaced: ReplacedTip[];
  verdict: GuardVerdict;
  /** Held and not named by `accept`: nothing may be written to this repository. */
  held: boolean;
  /** Held, but `accept` names it: the change is applied (history kept). */
  accepted: boolean;
  /** History refs to write with the change. */
  keep: RefUpdate[];
  /** History refs retention deletes (only pushed when the run writes anyway). */
  expired: RefUpdate[];
}

/** `destructive-limit` as the guard takes it: absent → 10, null (`none`) → off. */
function limitOf(settings: DestructionInput['settings']): number | undefined {
  if (settings.destructiveLimit === null) return undefined;
  return settings.destructiveLimit ?? 10;
}

export async function assessDestruction(input: DestructionInput): Promise<Destruction> {
  const updates = updatesOf(input.plan);
  const isAncestor = (a: string, b: string) => input.cache.isAncestor(a, b);
  let replaced = await replacedTips(updates, isAncestor);
  // Old tips only the target has (a lost cache, a tip pushed by someone else and overwritten) are fetched first: the
  // history ref needs the object here, and the ancestry answer may change once it is. Fast-forwards cost no check.
  if (replaced.length) {
    const missing = new Set(await input.cache.missingObjects(replaced.map((tip) => tip.from)));
    const refs = replaced.filter((tip) => missing.has(tip.from)).map((tip) => tip.ref);
    if (refs.length) {
      await input.fetchTargetRefs(refs);
      replaced = await replacedTips(updates, isAncestor);
    }
  }
  const verdict = guardVerdict({
    replaced,
    target: input.target,
    after: refsAfter(input.target, updates),
    limit: limitOf(input.settings),
  });
  const accepted = verdict.held && isAccepted(input.settings.accept, input.name);
  const stamp = historyStamp(input.startedAt);
  const keep = input.settings.keepHistory === false ? [] : keepUpdates(replaced, stamp, input.layout);
  const expired = expiredHistory(input.history, input.startedAt, input.settings.historyDays ?? 90);
  return { replaced, verdict, held: verdict.held && !accepted, accepted, keep, expired };
}

/** The refs of one push: the plan's writes with their kept tips before them, and expired history refs after. */
export function pushList(updates: readonly PlannedRef[], destruction: Destruction | undefined): RefUpdate[] {
  const writes = updates.map((action) => ({ ref: action.ref, to: action.to, expect: action.expect }));
  if (!destruction) return writes;
  const kept = destruction.keep.length ? destruction.replaced : [];
  return withHistory(writes, kept, destruction.keep, destruction.expired);
}

/** Notes for the report: where the replaced tips were kept, how many expired ones were deleted. */
export function historyNotes(destruction: Destruction | undefined, failed: Set<string>): string[] {
  if (!destruction) return [];
  const notes: string[] = [];
  const kept = destruction.keep.filter((update) => !failed.has(update.ref));
  if (kept.length) {
    const prefix = /^(.*?mirror-history\/[^/]+\/)/.exec(kept[0].ref)?.[1] ?? kept[0].ref;
    notes.push(`kept ${kept.length} replaced tip${kept.length === 1 ? '' : 's'} under ${prefix}`);
  }
  const expired = destruction.expired.filter((update) => !failed.has(update.ref));
  if (expired.length) {
    notes.push(`deleted ${expired.length} history ref${expired.length === 1 ? '' : 's'} older than history-days`);
  }
  if (destruction.accepted && destruction.verdict.reason) {
    notes.push(`accepted: ${destruction.verdict.reason}`);
  }
  return notes;
}
