/**
 * Refs as the mirror sees them: `refs/heads/*` and `refs/tags/*` only. Host-private refs (`refs/pull/*`,
 * `refs/merge-requests/*`, `refs/keep-around/*`…), `HEAD` and peeled tags never enter the comparison.
 */

/** sha by full ref name. */
export type RefMap = Map<string, string>;

const MIRRORED = /^refs\/(heads|tags)\//;
/** History refs (SPEC "History"): kept tips, read for retention, never mirrored, compared or reported as diverged. */
export const HISTORY_NAMESPACE = 'refs/mirror-history/';
/** The same as protected tags, on hosts that refuse refs outside `refs/heads` and `refs/tags`. */
export const HISTORY_TAG_NAMESPACE = 'refs/tags/mirror-history/';

export function isHistoryRef(ref: string): boolean {
  return ref.startsWith(HISTORY_NAMESPACE) || ref.startsWith(HISTORY_TAG_NAMESPACE);
}
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Parse `git ls-remote` output, keeping mirrored refs with safe names. Unsafe names and history refs are returned apart. */
export function parseLsRemote(output: string): { refs: RefMap; unsafe: string[]; history: RefMap } {
  const entries: Array<[string, string]> = [];
  for (const line of output.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    entries.push([line.slice(0, tab), line.slice(tab + 1)]);
  }
  return collectRefs(entries);
}

/**
 * `[sha, ref]` pairs as a server advertises them (ls-remote lines, protocol v0/v2 ref lines) to the mirror's view:
 * mirrored namespaces only, peeled tags dropped, unsafe names apart, history refs apart. A later pair of the same name
 * wins.
 */
export function collectRefs(entries: Iterable<[string, string]>): { refs: RefMap; unsafe: string[]; history: RefMap } {
  const refs: RefMap = new Map();
  const unsafe: string[] = [];
  const history: RefMap = new Map();
  for (const [sha, ref] of entries) {
    if (!SHA.test(sha) || ref.endsWith('^{}')) continue;
    if (isHistoryRef(ref)) {
      history.set(ref, sha);
      continue;
    }
    if (!MIRRORED.test(ref)) continue;
    if (isSafeRefName(ref)) refs.set(ref, sha);
    else unsafe.push(ref);
  }
  return { refs, unsafe, history };
}

/**
 * git's own ref-name rules (git-check-ref-format) plus what we refuse for safety: nothing that could be read as an
 * option, a refspec operator, a path escape, or a control character.
 */
export function isSafeRefName(ref: string): boolean {
  if (!MIRRORED.test(ref) || ref.length > 1024) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) return false;
  if (ref.includes('..') || ref.includes('@{') || ref.includes('//') || ref.endsWith('/') || ref.endsWith('.')) {
    return false;
  }
  for (const part of ref.split('/')) {
    if (!part || part.startsWith('.') || part.startsWith('-') || part.endsWith('.lock')) return false;
  }
  return true;
}

export function sameRefs(a: RefMap, b: RefMap): boolean {
  if (a.size !== b.size) return false;
  for (const [ref, sha] of a) if (b.get(ref) !== sha) return false;
  return true;
}

export function isBranch(ref: string): boolean {
  return ref.startsWith('refs/heads/');
}
