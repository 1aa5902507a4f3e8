/**
 * The forges' pre-receive hook (test/forge/hook-scripts.ts), driven directly: a bare repo with a rules file, crafted
 * `old new ref` lines on stdin, REMOTE_USER and FORGE_ACCESS_LEVEL in the environment. Run with every awk found on PATH
 * (mawk, gawk...), each checked against the decision the hook is meant to make (`expected`, the rule semantics written
 * in TypeScript).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installHooks, RULES_FILE, rulesFileText } from './forge/hook-scripts.js';
import type { Permission, ProtectionRule, RefAction } from './forge/types.js';

const ZERO = '0'.repeat(40);

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

// Each distinct awk once (Debian's `awk` and `nawk` are alternatives links to one of them).
const found = new Map<string, string>();
for (const name of ['mawk', 'gawk', 'original-awk', 'nawk', 'awk']) {
  const file = onPath(name);
  if (file && !found.has(fs.realpathSync(file))) found.set(fs.realpathSync(file), name);
}
const AWKS = [...found.values()];

/** What the hook must decide: the refusal messages (deduplicated, first-seen order) for the pushed lines. */
function expected(
  rules: ProtectionRule[],
  lines: string[],
  user: string,
  level: number,
  isAncestor: (a: string, b: string) => boolean,
): string[] {
  const globToRegExp = (glob: string): RegExp =>
    new RegExp(
      `^${glob
        .split(/(\*\*|\*)/)
        .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
        .join('')}$`,
    );
  const allowed = (perm: Permission): boolean =>
    (perm.users ?? []).includes(user) || (perm.level !== null && level >= perm.level);
  const errors: string[] = [];
  for (const line of lines) {
    const [oldSha, newSha, ref] = line.split(' ');
    const matching = rules.filter(
      (rule) => globToRegExp(rule.ref).test(ref) && !(rule.exclude ?? []).some((glob) => globToRegExp(glob).test(ref)),
    );
    if (!matching.length) continue;
    const action: RefAction = /^0+$/.test(oldSha)
      ? 'create'
      : /^0+$/.test(newSha)
        ? 'delete'
        : isAncestor(oldSha, newSha)
          ? 'update'
          : 'force';
    for (const rule of matching) {
      if (!allowed(rule[action])) errors.push(rule.messages[action].split('{ref}').join(ref));
    }
  }
  return [...new Set(errors)];
}

const nobody: Permission = { level: null };
const anyone: Permission = { level: 0 };
const messages = (text: string): Record<RefAction, string> => ({
  create: `create ${text}`,
  update: `update ${text}`,
  force: `force ${text}`,
  delete: `delete ${text}`,
});
const rule = (ref: string, perm: Permission, text = '{ref}', extra: Partial<ProtectionRule> = {}): ProtectionRule => ({
  ref,
  create: perm,
  update: perm,
  force: perm,
  delete: perm,
  messages: messages(text),
  ...extra,
});

describe('forge pre-receive hook (sh + awk)', () => {
  let dir: string;
  let repo: string;
  let hooks: string;
  let A: string; // root commit
  let B: string; // child of A
  let C: string; // unrelated root

  const git = (args: string[], input?: string): string => {
    const result = spawnSync('git', args, {
      cwd: repo,
      input,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-hook-'));
    repo = path.join(dir, 'repo.git');
    hooks = path.join(dir, 'hooks');
    spawnSync('git', ['init', '--bare', '-q', repo]);
    installHooks(hooks);
    const tree = git(['mktree'], '');
    A = git(['commit-tree', tree, '-m', 'a']);
    B = git(['commit-tree', tree, '-p', A, '-m', 'b']);
    C = git(['commit-tree', tree, '-m', 'c']);
    for (const awk of AWKS) {
      fs.mkdirSync(path.join(dir, awk));
      fs.symlinkSync(onPath(awk) ?? 'awk', path.join(dir, awk, 'awk'));
    }
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ancestor = (a: string, b: string): boolean => (a === A && b === B) || a === b;

  /** Runs the hook with `awk` first on PATH; `rules` undefined: no rules file. */
  const run = (awk: string, rules: ProtectionRule[] | string | undefined, lines: string[], user = '', level = 0) => {
    const file = path.join(repo, RULES_FILE);
    if (rules === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, typeof rules === 'string' ? rules : rulesFileText(rules));
    const result = spawnSync('sh', [path.join(hooks, 'pre-receive')], {
      cwd: repo,
      input: lines.map((line) => `${line}\n`).join(''),
      encoding: 'utf8',
      env: {
        PATH: `${path.join(dir, awk)}${path.delimiter}${process.env.PATH ?? ''}`,
        REMOTE_USER: user,
        FORGE_ACCESS_LEVEL: String(level),
      },
    });
    return { status: result.status, stderr: result.stderr, stdout: result.stdout };
  };

  /** Runs the hook and checks it against `expected`; returns the refusal messages. */
  const decide = (awk: string, rules: ProtectionRule[], lines: string[], user = '', level = 0): string[] => {
    const result = run(awk, rules, lines, user, level);
    const want = expected(rules, lines, user, level, ancestor);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(want.length ? `${want.join('\n')}\n` : '');
    expect(result.status).toBe(want.length ? 1 : 0);
    return want;
  };

  const create = (ref: string): string => `${ZERO} ${A} ${ref}`;

  describe.each(AWKS)('with %s', (awk) => {
    test('no rules file, or an empty one: everything passes', () => {
      for (const rules of [undefined, '']) {
        expect(run(awk, rules, [create('refs/heads/main'), `${B} ${A} refs/heads/main`])).toEqual({
          status: 0,
          stderr: '',
          stdout: '',
        });
      }
    });

    test('`*` stops at a slash, `**` does not', () => {
      const lines = [create('refs/heads/x'), create('refs/heads/x/y'), create('refs/tags/x')];
      expect(decide(awk, [rule('refs/heads/*', nobody)], lines)).toEqual(['create refs/heads/x']);
      expect(decide(awk, [rule('refs/heads/**', nobody)], lines)).toEqual([
        'create refs/heads/x',
        'create refs/heads/x/y',
      ]);
      expect(decide(awk, [rule('refs/*/x*', nobody)], lines)).toEqual(['create refs/heads/x', 'create refs/tags/x']);
      expect(decide(awk, [rule('refs/heads/x', nobody)], [create('refs/heads/xy'), create('refs/heads/x')])).toEqual([
        'create refs/heads/x',
      ]);
    });

    test('regex metacharacters in a glob are literal', () => {
      const names = [
        'a.b+c',
        'aXb+c',
        'a.bbc',
        'a.b+cc',
        '(a|b)',
        'a',
        '[ab]',
        'b',
        ']',
        'a{2}',
        'aa',
        '$x^',
        'x',
        'back\\slash',
        'q?',
        'q',
        'u&v',
      ];
      const lines = names.map((name) => create(`refs/heads/${name}`));
      for (const glob of ['a.b+c', '(a|b)', '[ab]', ']', 'a{2}', '$x^', 'back\\slash', 'q?']) {
        expect(decide(awk, [rule(`refs/heads/${glob}`, nobody)], lines)).toEqual([`create refs/heads/${glob}`]);
      }
      expect(decide(awk, [rule('refs/heads/(**)', nobody)], lines)).toEqual(['create refs/heads/(a|b)']);
      expect(decide(awk, [rule('refs/heads/^a*', nobody)], lines)).toEqual([]);
      expect(decide(awk, [rule('refs/heads/a.*', nobody)], lines)).toEqual([
        'create refs/heads/a.b+c',
        'create refs/heads/a.bbc',
        'create refs/heads/a.b+cc',
      ]);
      expect(decide(awk, [rule('refs/heads/a.b+c', nobody)], [create('refs/heads/aXb+c')])).toEqual([]);
      expect(decide(awk, [rule('refs/heads/a.*', nobody)], [create('refs/heads/a.b+c')])).toEqual([
        'create refs/heads/a.b+c',
      ]);
    });

    test('excludes take refs out of a rule', () => {
      const onlyBranchesAndTags = rule('refs/**', nobody, '{ref} refused', {
        exclude: ['refs/heads/**', 'refs/tags/*'],
      });
      const lines = [
        create('refs/heads/a/b'),
        create('refs/tags/v1'),
        create('refs/tags/v1/x'),
        create('refs/pull/1/head'),
        create('refs/headsx/y'),
      ];
      expect(decide(awk, [onlyBranchesAndTags], lines)).toEqual([
        'create refs/tags/v1/x refused',
        'create refs/pull/1/head refused',
        'create refs/headsx/y refused',
      ]);
    });

    test('users by name, or the access level (null: no level is enough)', () => {
      const perm: Permission = { level: 30, users: ['bot', 'we ird\tname\\n'] };
      const rules = [rule('refs/heads/main', perm)];
      const lines = [create('refs/heads/main')];
      expect(decide(awk, rules, lines, 'dev', 30)).toEqual([]);
      expect(decide(awk, rules, lines, 'dev', 40)).toEqual([]);
      expect(decide(awk, rules, lines, 'dev', 20)).toEqual(['create refs/heads/main']);
      expect(decide(awk, rules, lines, 'bot', 0)).toEqual([]);
      expect(decide(awk, rules, lines, 'bo', 0)).toEqual(['create refs/heads/main']);
      expect(decide(awk, rules, lines, 'we ird\tname\\n', 0)).toEqual([]);
      expect(decide(awk, rules, lines, '', 0)).toEqual(['create refs/heads/main']);
      const closed = [rule('refs/heads/main', { level: null, users: ['bot'] })];
      expect(decide(awk, closed, lines, 'admin', 50)).toEqual(['create refs/heads/main']);
      expect(decide(awk, closed, lines, 'bot', 0)).toEqual([]);
      expect(decide(awk, [rule('refs/heads/main', anyone)], lines, '', 0)).toEqual([]);
    });

    test('create, delete, fast-forward update and force are told apart (merge-base)', () => {
      const rules = [
        rule('refs/heads/**', anyone, '{ref}', { create: nobody, delete: nobody, force: nobody, update: nobody }),
      ];
      const lines = [
        `${ZERO} ${A} refs/heads/created`,
        `${A} ${ZERO} refs/heads/deleted`,
        `${A} ${B} refs/heads/fast-forward`,
        `${B} ${A} refs/heads/rewound`,
        `${A} ${C} refs/heads/unrelated`,
      ];
      expect(decide(awk, rules, lines)).toEqual([
        'create refs/heads/created',
        'delete refs/heads/deleted',
        'update refs/heads/fast-forward',
        'force refs/heads/rewound',
        'force refs/heads/unrelated',
      ]);
      const forceOnly = [rule('refs/heads/**', anyone, '{ref}', { force: nobody })];
      expect(decide(awk, forceOnly, lines)).toEqual(['force refs/heads/rewound', 'force refs/heads/unrelated']);
    });

    test('every matching rule must allow; messages once each, in first-seen order', () => {
      const rules = [
        rule('refs/heads/**', nobody, 'no pushes here'),
        rule('refs/heads/main', nobody, '{ref} is protected'),
        rule('refs/heads/*', nobody, 'no pushes here'),
        rule('refs/heads/main', { level: 10 }, 'never shown'),
      ];
      const lines = [create('refs/heads/main'), create('refs/heads/dev'), create('refs/heads/main')];
      expect(decide(awk, rules, lines, 'dev', 10)).toEqual([
        'create no pushes here',
        'create refs/heads/main is protected',
      ]);
    });

    test('`{ref}` is replaced literally; messages keep newlines, tabs and backslashes', () => {
      const gh013 = 'error: GH013: Repository rule violations found for {ref}.\n- Cannot update this protected ref.';
      const rules = [
        rule('refs/heads/**', nobody, '{ref} & {ref}\t\\1 \\n $& {ref', { update: { level: null }, force: nobody }),
        rule('refs/heads/main', nobody, '', { messages: { ...messages(''), update: gh013 } }),
      ];
      const lines = [create('refs/heads/a&b\\1$&'), `${A} ${B} refs/heads/main`];
      expect(decide(awk, rules, lines)).toEqual([
        'create refs/heads/a&b\\1$& & refs/heads/a&b\\1$&\t\\1 \\n $& {ref',
        'update refs/heads/main & refs/heads/main\t\\1 \\n $& {ref',
        'error: GH013: Repository rule violations found for refs/heads/main.\n- Cannot update this protected ref.',
      ]);
    });
  });
});
