/**
 * Ref planning (src/mirror/plan.ts): every divergence rule of SPEC "Sync, per repository" step 4, on a small commit
 * graph. History is a parent map, so `isAncestor` answers exactly as `git merge-base --is-ancestor` would.
 */
import { describe, expect, test } from '@jest/globals';

import { planRefs, updatesOf, type PlanInput, type PlannedRef, type WrittenRefs } from '../src/mirror/plan.js';

const sha = (label: string): string => label.repeat(40).slice(0, 40);

// History: a ← b ← c (main line); b ← x (a side line, e.g. a force-push or a commit made on the target); y, z unrelated.
const A = sha('a');
const B = sha('b');
const C = sha('c');
const X = sha('e');
const Y = sha('f');
const Z = sha('d');
const PARENT: Record<string, string | undefined> = { [B]: A, [C]: B, [X]: B };

function isAncestor(ancestor: string, descendant: string): Promise<boolean> {
  for (let at: string | undefined = descendant; at; at = PARENT[at]) if (at === ancestor) return Promise.resolve(true);
  return Promise.resolve(false);
}

const MAIN = 'refs/heads/main';
const DEV = 'refs/heads/dev';
const TAG = 'refs/tags/v1';

function plan(
  source: Record<string, string>,
  target: Record<string, string>,
  options: { written?: WrittenRefs; prune?: boolean; overwrite?: boolean } = {},
): Promise<PlannedRef[]> {
  const input: PlanInput = {
    source: new Map(Object.entries(source)),
    target: new Map(Object.entries(target)),
    written: options.written,
    prune: options.prune ?? true,
    overwrite: options.overwrite ?? false,
    isAncestor,
  };
  return planRefs(input);
}

describe('planRefs', () => {
  test('equal refs need nothing', async () => {
    expect(await plan({ [MAIN]: C, [TAG]: A }, { [MAIN]: C, [TAG]: A })).toEqual([]);
  });

  test('a ref missing on the target is created, leasing on its absence', async () => {
    const [action] = await plan({ [MAIN]: C }, {});
    expect(action).toEqual({ ref: MAIN, kind: 'create', to: C });
    expect(action.expect).toBeUndefined();
  });

  test('a fast-forward is an update leasing on the value seen, with or without state', async () => {
    const expected = { ref: MAIN, kind: 'update', from: A, to: C, expect: A };
    expect(await plan({ [MAIN]: C }, { [MAIN]: A })).toEqual([expected]);
    expect(await plan({ [MAIN]: C }, { [MAIN]: A }, { written: { refs: { [MAIN]: A } } })).toEqual([expected]);
  });

  test('a source force-push is mirrored when the target still holds what the mirror wrote', async () => {
    // The target holds X (written by the mirror); the source rewrote main to Y, which does not contain X.
    expect(await plan({ [MAIN]: Y }, { [MAIN]: X }, { written: { refs: { [MAIN]: X } } })).toEqual([
      { ref: MAIN, kind: 'update', from: X, to: Y, expect: X },
    ]);
  });

  test('without state, a target branch that is not an ancestor of the source branch is diverged', async () => {
    expect(await plan({ [MAIN]: Y }, { [MAIN]: X })).toEqual([{ ref: MAIN, kind: 'diverged', from: X, to: Y }]);
  });

  test('a branch changed on the target since the mirror wrote it is diverged', async () => {
    // The mirror wrote B; someone pushed X (on top of B) directly to the target; the source moved on to C.
    const result = await plan({ [MAIN]: C }, { [MAIN]: X }, { written: { refs: { [MAIN]: B } } });
    expect(result).toEqual([{ ref: MAIN, kind: 'diverged', from: X, to: C }]);
    expect(updatesOf(result)).toEqual([]);
  });

  test('a ref created on the target alone is diverged when there is state, not pruned', async () => {
    const written = { refs: { [MAIN]: C } };
    const result = await plan({ [MAIN]: C }, { [MAIN]: C, [DEV]: X, [TAG]: A }, { written });
    expect(result).toEqual([
      { ref: DEV, kind: 'diverged', from: X, to: undefined },
      { ref: TAG, kind: 'diverged', from: A, to: undefined },
    ]);
    expect(updatesOf(result)).toEqual([]);
  });

  test('prune deletes a ref the source deleted, leasing on it, with state and without', async () => {
    const expected = [{ ref: DEV, kind: 'delete', from: X, expect: X }];
    expect(await plan({ [MAIN]: C }, { [MAIN]: C, [DEV]: X }, { written: { refs: { [MAIN]: C, [DEV]: X } } })).toEqual(
      expected,
    );
    expect(await plan({ [MAIN]: C }, { [MAIN]: C, [DEV]: X })).toEqual(expected);
  });

  test('prune false keeps refs the source deleted, and still mirrors the others', async () => {
    const written = { refs: { [MAIN]: B, [DEV]: X, [TAG]: A } };
    const result = await plan({ [MAIN]: C }, { [MAIN]: B, [DEV]: X, [TAG]: A }, { written, prune: false });
    expect(result).toEqual([{ ref: MAIN, kind: 'update', from: B, to: C, expect: B }]);
    expect(await plan({ [MAIN]: C }, { [MAIN]: C, [DEV]: X }, { prune: false })).toEqual([]);
  });

  test('a tag moved at the source is updated when the mirror wrote the old value', async () => {
    expect(await plan({ [TAG]: C }, { [TAG]: A }, { written: { refs: { [TAG]: A } } })).toEqual([
      { ref: TAG, kind: 'update', from: A, to: C, expect: A },
    ]);
  });

  test('without state, a tag that differs is diverged (tags are not fast-forwarded by ancestry)', async () => {
    expect(await plan({ [TAG]: C }, { [TAG]: A })).toEqual([{ ref: TAG, kind: 'diverged', from: A, to: C }]);
  });

  test('a tag moved on the target since the mirror wrote it is diverged', async () => {
    expect(await plan({ [TAG]: A }, { [TAG]: Z }, { written: { refs: { [TAG]: A } } })).toEqual([
      { ref: TAG, kind: 'diverged', from: Z, to: A },
    ]);
  });

  test("the pending values of a killed run count as the mirror's own writes", async () => {
    // The killed run was pushing X (state still says B). Since then the source force-pushed main to Y and deleted dev,
    // whose creation (to Z) the killed run had also pushed.
    const written = { refs: { [MAIN]: B }, pending: { [MAIN]: X, [DEV]: Z } };
    const result = await plan({ [MAIN]: Y }, { [MAIN]: X, [DEV]: Z }, { written });
    expect(result).toEqual([
      { ref: DEV, kind: 'delete', from: Z, expect: Z },
      { ref: MAIN, kind: 'update', from: X, to: Y, expect: X },
    ]);
    // Without the pending record the same situation is divergence: the record is what makes a killed run harmless.
    expect((await plan({ [MAIN]: Y }, { [MAIN]: X }, { written: { refs: { [MAIN]: B } } }))[0].kind).toBe('diverged');
  });

  test('overwrite forces diverged refs: force-update or delete, still leasing on the value seen', async () => {
    const written = { refs: { [MAIN]: B } };
    const result = await plan({ [MAIN]: Y }, { [MAIN]: X, [DEV]: Z }, { written, overwrite: true });
    expect(result).toEqual([
      { ref: DEV, kind: 'delete', from: Z, expect: Z, overwritten: true },
      { ref: MAIN, kind: 'force-update', from: X, to: Y, expect: X, overwritten: true },
    ]);
    expect(updatesOf(result)).toHaveLength(2);
    // Overwrite changes nothing for refs that were not diverged.
    expect(await plan({ [MAIN]: C }, { [MAIN]: A }, { overwrite: true })).toEqual([
      { ref: MAIN, kind: 'update', from: A, to: C, expect: A },
    ]);
  });

  test('the plan is sorted by ref name and leaves equal refs out', async () => {
    const result = await plan({ [TAG]: A, [MAIN]: C, [DEV]: B }, { [MAIN]: C });
    expect(result.map((action) => action.ref)).toEqual([DEV, TAG]);
  });
});
