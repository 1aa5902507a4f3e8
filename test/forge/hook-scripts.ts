/**
 * Server-side git hooks installed by the forge (through `core.hooksPath`, shared by every bare repo).
 * - pre-receive: enforces the repo's rules file (`RULES_FILE`, written by the core from the host's protection model
 *   with `rulesFileText`) for the pushing user (`REMOTE_USER`, `FORGE_ACCESS_LEVEL` passed through the CGI
 *   environment). Force vs fast-forward is decided with `git merge-base --is-ancestor`, as the real hosts do.
 * - post-receive: records the updated refs in `forge-last-push` so the forge can update `pushed_at` and run the host's
 *   after-push behaviour (GitLab's default-branch protection).
 *
 * The pre-receive hook is POSIX sh + awk (mawk or gawk), not node: the test suite runs it hundreds of times and a node
 * start costs about 0.2 s of CPU, the awk run a few milliseconds. So that awk needs no JSON parser, the rules file is
 * line-oriented, one tab-separated record a line, the globs already turned into anchored EREs:
 *   rule     <ERE of the ref glob>  <the glob, escaped; for the reader only>
 *   exclude  <ERE>                                  (each exclude glob of the rule above)
 *   allow    <action> <level, or - for null> <message, escaped> <user, escaped>...   (one per action)
 * Escaped: `\` → `\\`, newline → `\n`, tab → `\t`, so no field holds a tab or a newline.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProtectionRule, RefAction } from './types.js';

export const RULES_FILE = 'forge-rules';
export const LAST_PUSH_FILE = 'forge-last-push';

const ACTIONS: RefAction[] = ['create', 'update', 'force', 'delete'];

/**
 * A glob on a full ref name (`*` = any characters but `/`, `**` = any characters) as an anchored POSIX ERE that both
 * mawk and gawk read alike: literal metacharacters in bracket expressions (`]` as `[]]`), `\` and `^` backslashed.
 */
export function globToEre(glob: string): string {
  const literal = (part: string): string =>
    part.replace(/[\\^.[\]()+?{}|$\t\n]/g, (c) =>
      c === '\\' || c === '^' ? `\\${c}` : c === '\t' ? '\\t' : c === '\n' ? '\\n' : `[${c}]`,
    );
  const parts = glob.split(/(\*\*|\*)/).map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : literal(part)));
  return `^${parts.join('')}$`;
}

const escapeField = (text: string): string =>
  text.replace(/[\\\n\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\t'));

/** The rules file for `rules` (see the format above). */
export function rulesFileText(rules: ProtectionRule[]): string {
  const lines: string[] = [];
  for (const rule of rules) {
    lines.push(`rule\t${globToEre(rule.ref)}\t${escapeField(rule.ref)}`);
    for (const glob of rule.exclude ?? []) lines.push(`exclude\t${globToEre(glob)}`);
    for (const action of ACTIONS) {
      const { level, users = [] } = rule[action];
      const fields = [action, level === null ? '-' : String(level), rule.messages[action], ...users];
      lines.push(['allow', ...fields.map(escapeField)].join('\t'));
    }
  }
  return `${lines.join('\n')}\n`;
}

// Only repos with rules have the file: an unprotected push costs one sh start.
const PRE_RECEIVE_SH = `#!/bin/sh
if [ ! -s ${RULES_FILE} ]; then exit 0; fi
LC_ALL=C
export LC_ALL
exec awk -f "\${0%/*}/pre-receive.awk" >&2
`;

// For each pushed `old new ref` line: the rules whose ref ERE matches and no exclude ERE does; when there are any, the
// action (create, delete, update = fast-forward, force), and each of those rules must allow it to REMOTE_USER (listed
// by name, or FORGE_ACCESS_LEVEL at least the level). The refusal messages, `{ref}` replaced literally (a ref may hold
// `&`, which gsub would expand), each once in first-seen order; exit 1 when there are any. POSIX awk only.
const PRE_RECEIVE_AWK = String.raw`
function unescape(s,    out, i, c) {
  out = ""
  while ((i = index(s, "\\")) > 0) {
    c = substr(s, i + 1, 1)
    out = out substr(s, 1, i - 1) (c == "n" ? "\n" : c == "t" ? "\t" : c)
    s = substr(s, i + 2)
  }
  return out s
}
function withRef(s, ref,    out, i) {
  out = ""
  while ((i = index(s, "{ref}")) > 0) {
    out = out substr(s, 1, i - 1) ref
    s = substr(s, i + 5)
  }
  return out s
}
function isAncestor(a, b) {
  if (a !~ /^[0-9a-f]+$/ || b !~ /^[0-9a-f]+$/) return 0
  return system("git merge-base --is-ancestor " a " " b " >/dev/null 2>&1") == 0
}
function allowed(key) {
  return ((key, user) in users) || (level[key] != "-" && access >= level[key] + 0)
}
BEGIN {
  user = ENVIRON["REMOTE_USER"]
  access = ENVIRON["FORGE_ACCESS_LEVEL"] + 0
  nrules = 0
  while ((got = (getline line < "${RULES_FILE}")) > 0) {
    n = split(line, f, "\t")
    if (f[1] == "rule") {
      ere[++nrules] = f[2]
      nexcl[nrules] = 0
    } else if (f[1] == "exclude") {
      excl[nrules, ++nexcl[nrules]] = f[2]
    } else if (f[1] == "allow") {
      key = nrules SUBSEP f[2]
      level[key] = f[3]
      message[key] = unescape(f[4])
      for (i = 5; i <= n; i++) users[key, unescape(f[i])] = 1
    }
  }
  if (got < 0) {
    print "pre-receive: cannot read ${RULES_FILE}"
    exit 1
  }
  close("${RULES_FILE}")
}
{
  split($0, f, " ")
  ref = f[3]
  m = 0
  for (r = 1; r <= nrules; r++) {
    if (ref !~ ere[r]) continue
    for (i = 1; i <= nexcl[r]; i++) if (ref ~ excl[r, i]) break
    if (i > nexcl[r]) hit[++m] = r
  }
  if (!m) next
  action = f[1] ~ /^0+$/ ? "create" : f[2] ~ /^0+$/ ? "delete" : isAncestor(f[1], f[2]) ? "update" : "force"
  for (i = 1; i <= m; i++) {
    key = hit[i] SUBSEP action
    if (allowed(key)) continue
    text = withRef(message[key], ref)
    if (!(text in seen)) {
      seen[text] = 1
      errors[++nerrors] = text
    }
  }
}
END {
  for (i = 1; i <= nerrors; i++) print errors[i]
  if (nerrors) exit 1
}
`;

const POST_RECEIVE_SH = `#!/bin/sh
cat > ${LAST_PUSH_FILE}.tmp && mv ${LAST_PUSH_FILE}.tmp ${LAST_PUSH_FILE}
`;

/** Writes the hooks into `dir` (used as `core.hooksPath`). */
export function installHooks(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pre-receive'), PRE_RECEIVE_SH, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'pre-receive.awk'), PRE_RECEIVE_AWK);
  fs.writeFileSync(path.join(dir, 'post-receive'), POST_RECEIVE_SH, { mode: 0o755 });
}
