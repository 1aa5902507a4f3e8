/**
 * The destruction guard (SPEC "Destruction guard"): a repository whose run would delete or force-move more than
 * `destructive-limit` of its target branches and tags, or delete every branch, is held: nothing is written to it until
 * a run with `accept` naming it applies the change. Creations and fast-forwards never count; a repository whose target
 * was empty is never held.
 */
import type { RefMap } from '../git/refs.js';
import type { ReplacedTip } from './history.js';

export interface DestructiveCounts {
  deletedBranches: number;
  deletedTags: number;
  forceMoved: number;
}

export interface GuardInput {
  replaced: readonly ReplacedTip[];
  /** The target's branches and tags before the run. */
  target: RefMap;
  /** The target's branches and tags the plan leaves (after every planned write). */
  after: RefMap;
  /** `destructive-limit`; undefined: `none`, the guard is off. */
  limit: number | undefined;
}

export interface GuardVerdict {
  held: boolean;
  counts: DestructiveCounts;
  /** `would delete 12 branches, force-move 0, more than destructive-limit 10`. */
  reason?: string;
}

export function countDestructive(replaced: readonly ReplacedTip[]): DestructiveCounts {
  const counts: DestructiveCounts = { deletedBranches: 0, deletedTags: 0, forceMoved: 0 };
  for (const tip of replaced) {
    if (tip.kind === 'force-move') counts.forceMoved++;
    else if (tip.ref.startsWith('refs/heads/')) counts.deletedBranches++;
    else counts.deletedTags++;
  }
  return counts;
}

function branchesIn(refs: RefMap): number {
  let count = 0;
  for (const ref of refs.keys()) if (ref.startsWith('refs/heads/')) count++;
  return count;
}

/** Whether the guard holds this repository, with the counts either way. */
export function guardVerdict(input: GuardInput): GuardVerdict {
  const counts = countDestructive(input.replaced);
  if (input.limit === undefined || input.target.size === 0) return { held: false, counts };
  const destructive = counts.deletedBranches + counts.deletedTags + counts.forceMoved;
  const overLimit = destructive > input.limit;
  const everyBranch = counts.deletedBranches > 0 && branchesIn(input.target) > 0 && branchesIn(input.after) === 0;
  if (!overLimit && !everyBranch) return { held: false, counts };
  const why = everyBranch ? ', every branch of the target' : `, more than destructive-limit ${input.limit}`;
  return { held: true, counts, reason: `${describeCounts(counts)}${why}` };
}

/** `would delete 12 branches, force-move 0`; tags only when there are some. */
export function describeCounts(counts: DestructiveCounts): string {
  const branches = `${counts.deletedBranches} ${counts.deletedBranches === 1 ? 'branch' : 'branches'}`;
  const tags = counts.deletedTags ? ` and ${counts.deletedTags} ${counts.deletedTags === 1 ? 'tag' : 'tags'}` : '';
  return `would delete ${branches}${tags}, force-move ${counts.forceMoved}`;
}

/** Whether `accept` names this repository (by its source name, case-insensitively) or is `*`. */
export function isAccepted(accept: readonly string[] | undefined, name: string): boolean {
  if (!accept) return false;
  const lower = name.toLowerCase();
  return accept.some((entry) => entry === '*' || entry.toLowerCase() === lower);
}

/** The target's refs after the plan's writes: what the "every branch" rule looks at. */
export function refsAfter(target: RefMap, writes: ReadonlyArray<{ ref: string; to?: string }>): RefMap {
  const after = new Map(target);
  for (const write of writes) {
    if (write.to === undefined) after.delete(write.ref);
    else after.set(write.ref, write.to);
  }
  return after;
}
