/**
 * Server-side git hooks installed by the forge (through `core.hooksPath`, shared by every bare repo).
 * - pre-receive: enforces the repo's `forge-rules.json` (written by the core from the host's protection model) for the
 *   pushing user (`REMOTE_USER`, `FORGE_ACCESS_LEVEL` passed through the CGI environment). Force vs fast-forward is
 *   decided with `git merge-base --is-ancestor`, as the real hosts do.
 * - post-receive: records the updated refs in `forge-last-push` so the forge can update `pushed_at` and run the host's
 *   after-push behaviour (GitLab's default-branch protection).
 */
import fs from 'node:fs';
import path from 'node:path';

export const RULES_FILE = 'forge-rules.json';
export const LAST_PUSH_FILE = 'forge-last-push';

// The shell wrapper keeps unprotected pushes cheap: node starts only when the repo has rules.
const PRE_RECEIVE_SH = `#!/bin/sh
if [ ! -s ${RULES_FILE} ]; then exit 0; fi
exec "$FORGE_NODE" "$(dirname "$0")/pre-receive.mjs"
`;

const PRE_RECEIVE_MJS = `import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
const ZERO = /^0+$/;
const rules = JSON.parse(fs.readFileSync(${JSON.stringify(RULES_FILE)}, 'utf8'));
const user = process.env.REMOTE_USER || '';
const level = Number(process.env.FORGE_ACCESS_LEVEL || '0');
const globToRegExp = (glob) =>
  new RegExp('^' + glob.split(/(\\*\\*|\\*)/).map((part) =>
    part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^\${}()|[\\]\\\\]/g, '\\\\$&')).join('') + '$');
const allowed = (perm) => (perm.users || []).includes(user) || (perm.level !== null && level >= perm.level);
const isAncestor = (a, b) => spawnSync('git', ['merge-base', '--is-ancestor', a, b]).status === 0;
const input = fs.readFileSync(0, 'utf8').split('\\n').filter(Boolean);
const errors = [];
for (const line of input) {
  const [oldSha, newSha, ref] = line.split(' ');
  const matching = rules.filter((rule) =>
    globToRegExp(rule.ref).test(ref) && !(rule.exclude || []).some((glob) => globToRegExp(glob).test(ref)));
  if (!matching.length) continue;
  const action = ZERO.test(oldSha) ? 'create' : ZERO.test(newSha) ? 'delete' : isAncestor(oldSha, newSha) ? 'update' : 'force';
  for (const rule of matching) {
    if (!allowed(rule[action])) errors.push(rule.messages[action].replaceAll('{ref}', ref));
  }
}
if (errors.length) {
  process.stderr.write([...new Set(errors)].join('\\n') + '\\n');
  process.exit(1);
}
`;

const POST_RECEIVE_SH = `#!/bin/sh
cat > ${LAST_PUSH_FILE}.tmp && mv ${LAST_PUSH_FILE}.tmp ${LAST_PUSH_FILE}
`;

/** Writes the hooks into `dir` (used as `core.hooksPath`). */
export function installHooks(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pre-receive'), PRE_RECEIVE_SH, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'pre-receive.mjs'), PRE_RECEIVE_MJS);
  fs.writeFileSync(path.join(dir, 'post-receive'), POST_RECEIVE_SH, { mode: 0o755 });
}
