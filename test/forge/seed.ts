/**
 * Seeding bare repositories with real commits and tags.
 * - `seedRepo` feeds one `git fast-import` stream per call (commits, branches, tags, extra refs), so every object is
 *   real and a whole seed costs one git process.
 * - `listRefs` reads the refs files (loose refs over `packed-refs`) in-process, without spawning git.
 * - `writeLooseCommit` writes one unique commit per repo in-process (zlib + sha1, git's loose object format), so
 *   thousands of generated repos can be made from one template without spawning git per repo.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface SeedFile {
  path: string;
  content: string;
  /** Commit message (default `Update <path>`). */
  message?: string;
}

export interface SeedTag {
  name: string;
  /** Branch (or sha) the tag points at; default: the first branch. */
  target?: string;
  /** Makes it an annotated tag with this message; lightweight without. */
  message?: string;
}

export interface SeedSpec {
  /** branch → commits (one per entry; a string is a file name with generated content). */
  branches: Record<string, (string | SeedFile)[]>;
  tags?: (string | SeedTag)[];
  /** Host-private refs to create on the first branch's tip, e.g. `refs/pull/1/head` (GitHub) — the mirror must skip them. */
  extraRefs?: string[];
}

export interface SeedResult {
  /** sha by full ref name. */
  refs: Record<string, string>;
}

const SEED_NAME = 'Forge Seed';
const SEED_EMAIL = 'seed@forge.test';

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: SEED_NAME,
  GIT_AUTHOR_EMAIL: SEED_EMAIL,
  GIT_COMMITTER_NAME: SEED_NAME,
  GIT_COMMITTER_EMAIL: SEED_EMAIL,
};

export function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd: dir,
    input,
    env: {
      ...process.env,
      ...GIT_IDENTITY,
      GIT_DIR: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
    .toString()
    .trim();
}

const OID = /^([0-9a-f]{40})(?:\s|$)/;

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function addLooseRefs(dir: string, ref: string, refs: Map<string, string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, ref), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const name = `${ref}/${entry.name}`;
    if (entry.isDirectory()) addLooseRefs(dir, name, refs);
    else if (entry.isFile() && !entry.name.endsWith('.lock')) {
      let content: string;
      try {
        content = fs.readFileSync(path.join(dir, name), 'utf8');
      } catch {
        continue; // deleted meanwhile
      }
      // A symbolic ref (`ref: …`) or a half-written file is no object name: skipped.
      const match = OID.exec(content);
      if (match) refs.set(name, match[1]);
    }
  }
}

/**
 * The refs of a bare repo (GIT_DIR = dir) under the given top directories (e.g. `refs/heads`), read from its files as
 * git's files backend stores them: loose refs override `packed-refs` entries (whose `^` peeled lines and header are
 * skipped). Sorted by name, as `git for-each-ref` lists them; refs are not peeled (an annotated tag keeps the tag's
 * sha). Unlike for-each-ref, a ref whose object is missing is not left out (the forge's repos have none).
 */
export function readRefs(dir: string, tops: string[]): Record<string, string> {
  const refs = new Map<string, string>();
  let packed = '';
  try {
    packed = fs.readFileSync(path.join(dir, 'packed-refs'), 'utf8');
  } catch {
    // no packed refs
  }
  const prefixes = tops.map((top) => `${top.replace(/\/+$/, '')}/`);
  for (const line of packed.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    const sha = line.slice(0, space);
    const ref = line.slice(space + 1).trimEnd();
    if (space === 40 && OID.test(sha) && prefixes.some((prefix) => ref.startsWith(prefix))) refs.set(ref, sha);
  }
  for (const prefix of prefixes) addLooseRefs(dir, prefix.slice(0, -1), refs);
  const sorted: Record<string, string> = {};
  for (const ref of [...refs.keys()].sort(byteOrder)) sorted[ref] = refs.get(ref)!;
  return sorted;
}

/** `refs/heads/*` and `refs/tags/*` of a bare repo (tags by their own object: annotated tags keep the tag sha). */
export function listRefs(dir: string): Record<string, string> {
  return readRefs(dir, ['refs/heads', 'refs/tags']);
}

/** A path as fast-import reads it: C-style quoted when it starts with a quote or holds a newline. */
function importPath(file: string): string {
  if (!file.startsWith('"') && !file.includes('\n')) return file;
  return `"${file.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** `data` command with exact byte count. */
function importData(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** The message `git commit-tree -m` stores: the text, completed to a full line. */
function commitTreeMessage(message: string): string {
  return message && !message.endsWith('\n') ? `${message}\n` : message;
}

/** The message `git tag -m` stores (its default `strip` cleanup: comments, trailing space and extra blank lines go). */
function stripspace(message: string): string {
  const lines = message.split('\n');
  if (message.endsWith('\n')) lines.pop();
  const out: string[] = [];
  let empties = 0;
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    const kept = line.replace(/[ \t\n\v\f\r]+$/, '');
    if (!kept) {
      empties++;
      continue;
    }
    if (empties && out.length) out.push('');
    empties = 0;
    out.push(kept);
  }
  return out.map((line) => `${line}\n`).join('');
}

/**
 * Adds commits and tags to a bare repo. Existing branches are extended; new branches start from the first branch
 * (its tip after its own new commits). One `git fast-import` process writes everything: each commit starts from its
 * parent's tree and adds or replaces one top-level file; lightweight tags and extra refs are `reset`s, annotated tags
 * `tag` commands; `--force` lets a re-seeded tag or ref move, as `git tag -f` / `update-ref` do.
 */
export function seedRepo(dir: string, spec: SeedSpec): SeedResult {
  const branchNames = Object.keys(spec.branches);
  for (const entries of Object.values(spec.branches))
    for (const entry of entries) {
      const file = typeof entry === 'string' ? entry : entry.path;
      if (file.includes('/')) throw new Error(`seed: nested paths are not supported (${file})`);
    }
  const existing = readRefs(dir, ['refs/heads']);
  // Branch tips as fast-import names them: a sha (existing commit) or `:mark` (a commit of this stream).
  const tips = new Map<string, string>();
  const tipOf = (branch: string): string | undefined => tips.get(branch) ?? existing[`refs/heads/${branch}`];
  // `now`: fast-import stamps the current time and zone (`--date-format=now`).
  const ident = `${SEED_NAME} <${SEED_EMAIL}> now`;
  const stream: string[] = [];
  let counter = 0;
  let mark = 0;
  for (const branch of branchNames) {
    const start = tipOf(branch) ?? tipOf(branchNames[0]);
    let parent = start;
    for (const entry of spec.branches[branch]) {
      const file =
        typeof entry === 'string' ? { path: entry, content: `${entry} on ${branch} #${++counter}\n` } : entry;
      mark++;
      stream.push(
        `commit refs/heads/${branch}\nmark :${mark}\nauthor ${ident}\ncommitter ${ident}\n` +
          importData(commitTreeMessage(file.message ?? `Update ${file.path}`)) +
          (parent ? `from ${parent}\n` : '') +
          `M 100644 inline ${importPath(file.path)}\n${importData(file.content)}\n`,
      );
      parent = `:${mark}`;
    }
    if (!parent) continue;
    tips.set(branch, parent);
    if (parent === start) stream.push(`reset refs/heads/${branch}\nfrom ${parent}\n\n`);
  }
  const first = branchNames.length ? tipOf(branchNames[0]) : undefined;
  const extraRefs = first ? (spec.extraRefs ?? []) : [];
  // A tag seeded twice ends as its last entry; an extra ref of the same name is written after the tags and wins.
  const tags = new Map<string, SeedTag>();
  for (const entry of spec.tags ?? []) {
    const tag = typeof entry === 'string' ? { name: entry } : entry;
    tags.delete(tag.name);
    tags.set(tag.name, tag);
  }
  for (const tag of tags.values()) {
    const target = tag.target ?? branchNames[0];
    const object = tipOf(target) ?? target;
    if (!tag.message) stream.push(`reset refs/tags/${tag.name}\nfrom ${object}\n\n`);
    else if (!extraRefs.includes(`refs/tags/${tag.name}`))
      stream.push(`tag ${tag.name}\nfrom ${object}\ntagger ${ident}\n${importData(stripspace(tag.message))}`);
  }
  for (const ref of extraRefs) stream.push(`reset ${ref}\nfrom ${first}\n\n`);
  if (stream.length) {
    stream.push('done\n');
    // unpackLimit 0: the objects stay in fast-import's pack (else it runs `git unpack-objects` for small imports).
    git(
      dir,
      ['-c', 'fastimport.unpackLimit=0', 'fast-import', '--quiet', '--force', '--done', '--date-format=now'],
      stream.join(''),
    );
  }
  return { refs: listRefs(dir) };
}

function writeLooseObject(dir: string, type: string, content: Buffer): string {
  const store = Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]);
  const sha = crypto.createHash('sha1').update(store).digest('hex');
  const objDir = path.join(dir, 'objects', sha.slice(0, 2));
  fs.mkdirSync(objDir, { recursive: true });
  const file = path.join(objDir, sha.slice(2));
  if (!fs.existsSync(file)) fs.writeFileSync(file, zlib.deflateSync(store));
  return sha;
}

/**
 * Writes a commit on top of `parent` adding one file with `content` (the parent's tree is kept: pass its raw tree
 * entries) and optionally points `ref` at it, without spawning git.
 */
export function writeLooseCommit(
  dir: string,
  options: {
    parent: string;
    parentTreeEntries: Buffer;
    fileName: string;
    content: string;
    /** Ref to point at the commit (loose ref file); omitted: the caller records it. */
    ref?: string;
    message: string;
  },
): string {
  const blob = writeLooseObject(dir, 'blob', Buffer.from(options.content));
  const entry = Buffer.concat([Buffer.from(`100644 ${options.fileName}\0`), Buffer.from(blob, 'hex')]);
  // Tree entries must be sorted by name; the caller's file name sorts after the template's entries.
  const tree = writeLooseObject(dir, 'tree', Buffer.concat([options.parentTreeEntries, entry]));
  const stamp = `${Math.floor(Date.now() / 1000)} +0000`;
  const body =
    `tree ${tree}\nparent ${options.parent}\n` +
    `author Forge Seed <seed@forge.test> ${stamp}\ncommitter Forge Seed <seed@forge.test> ${stamp}\n\n${options.message}\n`;
  const commit = writeLooseObject(dir, 'commit', Buffer.from(body));
  if (options.ref) {
    const refFile = path.join(dir, options.ref);
    fs.mkdirSync(path.dirname(refFile), { recursive: true });
    fs.writeFileSync(refFile, commit + '\n');
  }
  return commit;
}

/** Raw tree entries (git's binary tree format) of a commit's tree, for `writeLooseCommit`. */
export function rawTreeEntries(dir: string, commit: string): Buffer {
  return execFileSync('git', ['cat-file', 'tree', `${commit}^{tree}`], { env: { ...process.env, GIT_DIR: dir } });
}
