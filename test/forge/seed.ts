/**
 * Seeding bare repositories with real commits and tags.
 * - `seedRepo` uses plain git plumbing (hash-object, mktree, commit-tree, update-ref, tag) so every object is real.
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

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Forge Seed',
  GIT_AUTHOR_EMAIL: 'seed@forge.test',
  GIT_COMMITTER_NAME: 'Forge Seed',
  GIT_COMMITTER_EMAIL: 'seed@forge.test',
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

function refSha(dir: string, ref: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    return undefined;
  }
}

/** Adds commits and tags to a bare repo. Existing branches are extended; new branches start from the first branch. */
export function seedRepo(dir: string, spec: SeedSpec): SeedResult {
  const branchNames = Object.keys(spec.branches);
  let counter = 0;
  const base = branchNames.length ? refSha(dir, `refs/heads/${branchNames[0]}`) : undefined;
  for (const branch of branchNames) {
    let parent =
      refSha(dir, `refs/heads/${branch}`) ??
      (branch === branchNames[0] ? base : refSha(dir, `refs/heads/${branchNames[0]}`));
    for (const entry of spec.branches[branch]) {
      const file =
        typeof entry === 'string' ? { path: entry, content: `${entry} on ${branch} #${++counter}\n` } : entry;
      const blob = git(dir, ['hash-object', '-w', '--stdin'], file.content);
      // Start from the parent's tree so files accumulate, as commits on a real branch do.
      const entries = parent ? git(dir, ['ls-tree', parent]).split('\n').filter(Boolean) : [];
      const kept = entries.filter((line) => line.split('\t')[1] !== file.path);
      if (file.path.includes('/')) throw new Error(`seed: nested paths are not supported (${file.path})`);
      kept.push(`100644 blob ${blob}\t${file.path}`);
      const tree = git(dir, ['mktree'], kept.join('\n') + '\n');
      const args = ['commit-tree', tree, '-m', file.message ?? `Update ${file.path}`];
      if (parent) args.push('-p', parent);
      parent = git(dir, args);
    }
    if (parent) git(dir, ['update-ref', `refs/heads/${branch}`, parent]);
  }
  for (const entry of spec.tags ?? []) {
    const tag = typeof entry === 'string' ? { name: entry } : entry;
    const target = tag.target ?? branchNames[0];
    const sha = refSha(dir, `refs/heads/${target}`) ?? target;
    if (tag.message) git(dir, ['tag', '-f', '-a', tag.name, sha, '-m', tag.message]);
    else git(dir, ['update-ref', `refs/tags/${tag.name}`, sha]);
  }
  const first = branchNames.length ? refSha(dir, `refs/heads/${branchNames[0]}`) : undefined;
  for (const ref of spec.extraRefs ?? []) if (first) git(dir, ['update-ref', ref, first]);
  return { refs: listRefs(dir) };
}

/** `refs/heads/*` and `refs/tags/*` of a bare repo (tags by their own object: annotated tags keep the tag sha). */
export function listRefs(dir: string): Record<string, string> {
  const out = git(dir, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/tags']);
  const refs: Record<string, string> = {};
  for (const line of out.split('\n').filter(Boolean)) {
    const [sha, ref] = line.split(' ');
    refs[ref] = sha;
  }
  return refs;
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
  const tree = git(dir, ['rev-parse', `${commit}^{tree}`]);
  return execFileSync('git', ['cat-file', 'tree', tree], { env: { ...process.env, GIT_DIR: dir } });
}
