/**
 * The plan of one repository: for every mirrored ref, what the target must get. Divergence is decided here, and only
 * here: a target ref is diverged when it holds something the mirror did not write and that is not already part of
 * the source's history, so overwriting it would lose work.
 */
import { isBranch, type RefMap } from '../git/refs.js';
import type { RefAction } from '../report/model.js';

export interface WrittenRefs {
  /** What the mirror last left on the target. */
  refs: Record<string, string>;
  /** What a killed run may have been writing. */
  pending?: Record<string, string>;
}

export interface PlanInput {
  source: RefMap;
  target: RefMap;
  /** Undefined when there is no state for this repository (first run, lost cache). */
  written?: WrittenRefs;
  prune: boolean;
  overwrite: boolean;
  /** Whether `ancestor` is in the history of `descendant` (false when unknown). */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
}

export interface PlannedRef extends RefAction {
  /** The target value the push leases on (undefined: the ref must not exist). */
  expect?: string;
  /** A diverged ref that `on-divergence: overwrite` forces anyway. */
  overwritten?: boolean;
}

export async function planRefs(input: PlanInput): Promise<PlannedRef[]> {
  const names = [...new Set([...input.source.keys(), ...input.target.keys()])].sort();
  const plan: PlannedRef[] = [];
  for (const ref of names) {
    const action = await planRef(ref, input);
    if (action) plan.push(action);
  }
  return plan;
}

async function planRef(ref: string, input: PlanInput): Promise<PlannedRef | undefined> {
  const to = input.source.get(ref);
  const from = input.target.get(ref);
  if (to === from) return undefined;
  if (from === undefined) return { ref, kind: 'create', to };
  if (to === undefined && !input.prune) return undefined;

  const wroteIt =
    input.written !== undefined && (input.written.refs[ref] === from || input.written.pending?.[ref] === from);
  // Without state, a ref the source deleted is pruned: the SPEC counts as diverged only refs the source still has.
  const safe =
    wroteIt ||
    (to === undefined && input.written === undefined) ||
    (to !== undefined && isBranch(ref) && (await input.isAncestor(from, to)));
  if (safe)
    return to === undefined
      ? { ref, kind: 'delete', from, expect: from }
      : { ref, kind: 'update', from, to, expect: from };

  if (!input.overwrite) return { ref, kind: 'diverged', from, to };
  return to === undefined
    ? { ref, kind: 'delete', from, expect: from, overwritten: true }
    : { ref, kind: 'force-update', from, to, expect: from, overwritten: true };
}

/** The refs the push must write: everything but diverged refs left alone. */
export function updatesOf(plan: PlannedRef[]): PlannedRef[] {
  return plan.filter((action) => action.kind !== 'diverged');
}
