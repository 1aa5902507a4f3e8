/**
 * Every source host × every target host, each pair through the same compact story with the bundled CLI (see
 * `describePairsFrom`): first sync identical (host-private refs not copied), a developer's direct push refused by the
 * target forge's pre-receive hook, a source change and a branch deletion reflected while another repository's new
 * default branch and visibility are followed without a push, and a last run that writes nothing.
 *
 * One test file per source host: it starts one source forge and one target forge per target host (a pair of the same
 * type runs between two forges), and runs its five stories concurrently. Each pair has its own namespaces, so the
 * stories never see each other's repos.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startForge, type Forge, type ForgeType, type RepoRecord, type Role, type SeedSpec } from '../forge/forge.js';
import { gitClient, type GitResult } from '../forge/git-client.js';
import { addProject } from '../forge/hosts/bitbucket-cloud.js';
import { listRefs, readRefs } from '../forge/seed.js';
import {
  filesContaining,
  gitSpy,
  mirrorEnv,
  runCli,
  tempDir,
  textContains,
  type CliRun,
  type GitSpy,
  type MirrorEndpoint,
} from './cli.js';
import { scaled } from './time-scale.mjs';

export const HOST_TYPES: ForgeType[] = ['github', 'gitlab', 'bitbucket-server', 'bitbucket-cloud', 'gitea'];
const SHORT: Record<ForgeType, string> = {
  github: 'gh',
  gitlab: 'gl',
  'bitbucket-server': 'bbs',
  'bitbucket-cloud': 'bbc',
  gitea: 'gt',
};
/** Role names as each host calls them (owner-level for the mirror, write for the developer). */
const ROLES: Record<ForgeType, { admin: Role; write: Role }> = {
  github: { admin: 'admin', write: 'write' },
  gitlab: { admin: 'owner', write: 'developer' },
  'bitbucket-server': { admin: 'admin', write: 'write' },
  'bitbucket-cloud': { admin: 'admin', write: 'write' },
  // Gitea: organization owner (administers every repository), a team with write access.
  gitea: { admin: 'owner', write: 'write' },
};
/** Bitbucket Cloud project that created repositories go to (`target-project`). */
export const BBC_PROJECT = 'MIR';
/** Host-private refs each host keeps beside branches and tags (Bitbucket Cloud exposes none over git). */
const PRIVATE_REFS: Record<ForgeType, string[]> = {
  github: ['refs/pull/7/head'],
  gitlab: ['refs/merge-requests/7/head'],
  'bitbucket-server': ['refs/pull-requests/7/from'],
  'bitbucket-cloud': [],
  gitea: ['refs/pull/7/head'],
};

export interface Account {
  username: string;
  token: string;
}

/** A forge playing one host type, with the mirror's account and a developer who has write access. */
export interface HostForge {
  type: ForgeType;
  forge: Forge;
  bot: Account;
  dev: Account;
}

/** Tokens shaped like each host's, unique per forge user. */
function tokenFor(type: ForgeType): string {
  // Gitea access tokens are 40 hex digits without a prefix.
  if (type === 'gitea') return crypto.randomBytes(20).toString('hex');
  const tail = crypto.randomBytes(18).toString('hex');
  const prefix = { github: 'ghp_', gitlab: 'glpat-', 'bitbucket-server': 'BBDC-', 'bitbucket-cloud': 'ATCTT3x' }[type];
  return `${prefix}${tail}`;
}

export async function startHostForge(type: ForgeType, botName: string): Promise<HostForge> {
  const bot = { username: botName, token: tokenFor(type) };
  const dev = { username: 'dev', token: tokenFor(type) };
  const forge = await startForge({ type, users: [bot, dev] });
  return { type, forge, bot, dev };
}

/** A namespace for one pair: an organization, group, project (key) or workspace. Returns the owner to pass. */
export function addNamespace(host: HostForge, base: string): string {
  const owner = host.type === 'bitbucket-server' ? base.replace(/[^A-Za-z0-9]/g, '').toUpperCase() : base;
  host.forge.addOrg(owner, {
    members: { [host.bot.username]: ROLES[host.type].admin, [host.dev.username]: ROLES[host.type].write },
  });
  if (host.type === 'bitbucket-cloud') addProject(host.forge, owner, BBC_PROJECT, 'Mirrors');
  return owner;
}

/** One side of the mirror for a forge's mirror account; `basic` sends a Bitbucket username too. */
export function endpointOf(role: 'source' | 'target', host: HostForge, owner: string, basic: boolean): MirrorEndpoint {
  const endpoint: MirrorEndpoint = { type: host.type, url: host.forge.url, owner, token: host.bot.token };
  if (basic && host.type.startsWith('bitbucket')) endpoint.username = host.bot.username;
  if (role === 'target' && host.type === 'bitbucket-cloud') endpoint.project = BBC_PROJECT;
  return endpoint;
}

/**
 * The `Authorization` header git sends for `account`, as each host takes it: GitHub `x-access-token` and GitLab
 * `oauth2` Basic with the token as password; Bitbucket Server `Bearer <HTTP access token>` or Basic with the token's own
 * username; Bitbucket Cloud Basic `x-token-auth:<access token>` or `username:app password`.
 */
export function gitAuthorization(type: ForgeType, account: Account, basic: boolean): string {
  if (type === 'bitbucket-server' && !basic) return `Bearer ${account.token}`;
  const username = {
    github: 'x-access-token',
    gitlab: 'oauth2',
    'bitbucket-server': account.username,
    'bitbucket-cloud': basic ? account.username : 'x-token-auth',
    // Gitea takes the token as password whatever the user name.
    gitea: account.username,
  }[type];
  return `Basic ${Buffer.from(`${username}:${account.token}`).toString('base64')}`;
}

/** Plain git against a forge, asynchronously (the forge answers in this process), credentials only in the environment. */
export function gitWith(
  cwd: string,
  args: string[],
  auth?: { url: string; authorization: string },
): Promise<GitResult> {
  return gitClient(cwd, args, { name: 'Dev', email: 'dev@forge.test' }, auth);
}

/** Every ref of a bare repo (not only branches and tags), to show that host-private refs were not copied. */
export function allRefNames(dir: string): string[] {
  return Object.keys(readRefs(dir, ['refs']));
}

/** The target name the product contract promises for a source path (SPEC "Names"; issue 3 item 3). */
export function expectedTargetName(targetType: ForgeType, sourcePath: string): string {
  if (targetType === 'gitlab') return sourcePath;
  const flat = sourcePath.split('/').join('-');
  return targetType === 'github' || targetType === 'gitea' ? flat : flat.toLowerCase();
}

/** Fails with the CLI's own output when the exit code is not the expected one (a bare `toBe` hides why). */
export function expectExit(run: CliRun, code: number): void {
  if (run.code !== code) {
    throw new Error(
      `org-mirror exited ${run.code}, expected ${code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}` +
        `\n--- report\n${JSON.stringify(run.report?.repos ?? run.report, null, 1)}`,
    );
  }
}

export const statusOf = (run: CliRun, name: string): string | undefined =>
  run.report?.repos.find((repo) => repo.name === name)?.status;

/** One source namespace mirrored into one target namespace by the CLI. */
export class Pair {
  readonly outputs: string[] = [];
  readonly work: string;

  constructor(
    readonly source: HostForge,
    readonly sourceOwner: string,
    readonly target: HostForge,
    readonly targetOwner: string,
    private readonly spy: GitSpy,
    root: string,
    /** Bitbucket credentials style: username + token (Basic) instead of a bare token. */
    readonly basic: { source: boolean; target: boolean },
  ) {
    this.work = fs.mkdtempSync(path.join(root, `${SHORT[source.type]}-${SHORT[target.type]}-`));
  }

  get label(): string {
    return `${this.source.type} ${this.sourceOwner} → ${this.target.type} ${this.targetOwner}`;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return mirrorEnv(
      {
        source: endpointOf('source', this.source, this.sourceOwner, this.basic.source),
        target: endpointOf('target', this.target, this.targetOwner, this.basic.target),
        cacheDir: path.join(this.work, 'cache'),
        reportFile: path.join(this.work, 'report.json'),
      },
      { MIRROR_CONCURRENCY: '2', ...extra },
    );
  }

  async mirror(extra: Record<string, string> = {}): Promise<CliRun> {
    const started = Date.now();
    const run = await runCli({ env: this.env(extra), spy: this.spy, dist: true });
    if (process.env.E2E_TIMING) {
      const { forge } = this.target;
      process.stderr.write(
        `${this.label}: cli ${Date.now() - started} ms (run ${run.report?.durationMs} ms); target so far: ` +
          `${forge.requests.length} API requests, ${forge.gitRequests.length} git requests\n`,
      );
    }
    this.outputs.push(run.stdout, run.stderr, JSON.stringify(run.report ?? {}));
    return run;
  }

  sourceRepo(name: string): RepoRecord {
    return this.source.forge.repo(this.sourceOwner, name);
  }

  targetRepo(name: string): RepoRecord {
    return this.target.forge.repo(this.targetOwner, name);
  }

  sourceRefs(name: string): Record<string, string> {
    return listRefs(this.sourceRepo(name).dir);
  }

  /** The target's branches and tags, without the kept tips a tag-fallback host holds as `mirror-history/…` tags. */
  targetRefs(name: string): Record<string, string> {
    const refs = listRefs(this.targetRepo(name).dir);
    return Object.fromEntries(Object.entries(refs).filter(([ref]) => !ref.startsWith('refs/tags/mirror-history/')));
  }

  /** A clone of a repo by `account` over the forge's clone URL (from the host's own API answers). */
  async clone(side: 'source' | 'target', repo: RepoRecord, account: Account): Promise<Workspace> {
    const host = side === 'source' ? this.source : this.target;
    const basic = side === 'source' ? this.basic.source : this.basic.target;
    const auth = { url: host.forge.url, authorization: gitAuthorization(host.type, account, basic) };
    const dir = fs.mkdtempSync(path.join(this.work, `${side}-clone-`));
    const cloned = await gitWith(this.work, ['clone', '-q', host.forge.host.cloneUrl(repo), dir], auth);
    if (cloned.status !== 0) throw new Error(`clone of ${repo.fullPath} as ${account.username}: ${cloned.stderr}`);
    return new Workspace(dir, auth);
  }
}

/** A working clone: commit and push with the credentials it was cloned with. */
export class Workspace {
  constructor(
    readonly dir: string,
    private readonly auth: { url: string; authorization: string },
  ) {}

  async commit(file: string): Promise<void> {
    fs.writeFileSync(path.join(this.dir, file), `${file} ${crypto.randomUUID()}\n`);
    await gitWith(this.dir, ['add', file]);
    const done = await gitWith(this.dir, ['commit', '-qm', `change ${file}`]);
    if (done.status !== 0) throw new Error(`commit: ${done.stderr}`);
  }

  push(refspecs: string[]): Promise<GitResult> {
    return gitWith(this.dir, ['push', 'origin', ...refspecs], this.auth);
  }

  /** Any git command in the clone, with its credentials (e.g. a fetch of extra refs). */
  git(args: string[]): Promise<GitResult> {
    return gitWith(this.dir, args, this.auth);
  }
}

/** The story's two repositories. GitHub sources name the second one with upper case and `.`/`_` (slug rules). */
export function storyRepos(sourceType: ForgeType): { api: string; web: string } {
  return { api: 'api', web: sourceType === 'github' ? 'Web.API_v2' : 'web' };
}

function seedStoryRepos(host: HostForge, owner: string): void {
  const { api, web } = storyRepos(host.type);
  host.forge.addRepo(owner, api, { defaultBranch: 'main', visibility: 'public', description: 'The API' });
  const apiSpec: SeedSpec = {
    branches: { main: ['README.md', 'api.txt'], dev: ['dev.txt'], 'feature/x': ['x.txt'] },
    tags: ['v1', { name: 'v2', message: 'Release 2' }],
    extraRefs: PRIVATE_REFS[host.type],
  };
  host.forge.seed(owner, api, apiSpec);
  host.forge.addRepo(owner, web, { defaultBranch: 'trunk', visibility: 'private' });
  host.forge.seed(owner, web, { branches: { trunk: ['index.html'], next: ['next.html'] }, tags: ['web-1'] });
}

/** What the target's protection prints when it refuses a push, per host (the fakes use the hosts' own words). */
const REFUSED: Record<ForgeType, RegExp> = {
  github: /GH013: Repository rule violations found/,
  gitlab: /GitLab: You (are not allowed|can only delete)/,
  'bitbucket-server': /Check your branch permissions configuration with the project administrator/,
  'bitbucket-cloud': /branch restriction/,
  gitea: /Not allowed to push to protected branch|protected from deletion|Tag refs\/tags\/\S+ is protected/,
};

/** The compact story every pair goes through. Each step builds on the state the previous one left. */
export async function pairStory(pair: Pair): Promise<void> {
  const { api, web } = storyRepos(pair.source.type);
  const targetName = (name: string) => expectedTargetName(pair.target.type, name);
  const target = pair.target.forge;

  // 1. First sync: both repos created, identical branches and tags, no host-private ref, visibility of the source.
  const first = await pair.mirror({ MIRROR_VISIBILITY: 'source' });
  expectExit(first, 0);
  expect(first.report?.counts).toMatchObject({ created: 2 });
  for (const name of [api, web]) {
    expect(statusOf(first, name)).toBe('created');
    expect(first.report?.repos.find((repo) => repo.name === name)?.target).toBe(targetName(name));
    const created = pair.targetRepo(targetName(name));
    expect(created.name).toBe(targetName(name).split('/').pop());
    expect(pair.targetRefs(targetName(name))).toEqual(pair.sourceRefs(name));
    expect(allRefNames(created.dir).filter((ref) => !/^refs\/(heads|tags)\//.test(ref))).toEqual([]);
    expect(created.visibility).toBe(pair.sourceRepo(name).visibility);
    expect(created.description).toBe(`Mirror of ${pair.source.forge.host.webUrl(pair.sourceRepo(name))}`);
  }
  expect(pair.targetRepo(targetName(web)).defaultBranch).toBe('trunk');
  expect(Object.keys(pair.targetRefs(targetName(api)))).toHaveLength(5);

  // 2. A developer with write access pushes to the mirror directly: the target's pre-receive hook refuses.
  const mirrored = pair.targetRefs(targetName(api));
  const devClone = await pair.clone('target', pair.targetRepo(targetName(api)), pair.target.dev);
  await devClone.commit('direct.txt');
  const attempts = [['HEAD:refs/heads/main'], ['HEAD:refs/heads/sneaky'], [':refs/heads/dev']];
  // Bitbucket Cloud cannot restrict tags (src/hosts/bitbucket-cloud.ts); every other target protects them.
  if (pair.target.type !== 'bitbucket-cloud') attempts.push(['HEAD:refs/tags/sneaky']);
  // Separate pushes (one refused ref makes the hook decline a whole push), sent at once: each is refused.
  const refused = await Promise.all(attempts.map((refspecs) => devClone.push(refspecs)));
  for (const push of refused) {
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/pre-receive hook declined/);
    expect(push.stderr).toMatch(REFUSED[pair.target.type]);
  }
  expect(pair.targetRefs(targetName(api))).toEqual(mirrored);
  if (pair.target.type === 'bitbucket-server') {
    // Bitbucket Server git takes `Bearer <HTTP access token>`, or Basic with the token's own username only.
    const { dev, bot } = pair.target;
    const url = pair.target.forge.host.cloneUrl(pair.targetRepo(targetName(api)));
    const basic = (user: string, token: string) => `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
    const lsRemote = (authorization: string) =>
      gitWith(pair.work, ['ls-remote', url], { url: pair.target.forge.url, authorization });
    for (const authorization of [`Bearer ${dev.token}`, basic(dev.username, dev.token)]) {
      expect((await lsRemote(authorization)).stdout).toContain('refs/heads/main');
    }
    for (const authorization of [basic(bot.username, dev.token), `Bearer ${dev.token}x`]) {
      const denied = await lsRemote(authorization);
      expect(denied.status).not.toBe(0);
      // After a 401 git asks for other credentials, which this environment refuses to prompt for.
      expect(denied.stderr).toMatch(/Authentication failed|could not read Username/);
    }
  }

  // 3. The source moves on: a new commit on main, a deleted branch and a deleted tag are reflected. In the same run the
  //    other repository changes only its settings (default branch and visibility, no push): the run sets both on the
  //    target from the listings and pushes nothing to it.
  const srcClone = await pair.clone('source', pair.sourceRepo(api), pair.source.bot);
  await srcClone.commit('more.txt');
  const pushed = await srcClone.push(['HEAD:refs/heads/main', ':refs/heads/feature/x', ':refs/tags/v1']);
  expect(pushed.stderr).not.toMatch(/rejected|error/);
  expect(pushed.status).toBe(0);
  pair.source.forge.setHead(pair.sourceRepo(web), 'next');
  pair.sourceRepo(web).visibility = 'public';
  const webPath = `${pair.targetOwner}/${targetName(web)}`.toLowerCase();
  const webPushes = () => target.pushes.filter((push) => push.repo.toLowerCase() === webPath).length;
  const webPushesBefore = webPushes();
  const changed = await pair.mirror({ MIRROR_VISIBILITY: 'source' });
  expectExit(changed, 0);
  expect(statusOf(changed, api)).toBe('updated');
  expect(statusOf(changed, web)).toBe('up-to-date');
  expect(pair.targetRefs(targetName(api))).toEqual(pair.sourceRefs(api));
  const kinds = Object.fromEntries(
    (changed.report?.repos.find((repo) => repo.name === api)?.refs ?? []).map((ref) => [ref.ref, ref.kind]),
  );
  expect(kinds).toEqual({ 'refs/heads/main': 'update', 'refs/heads/feature/x': 'delete', 'refs/tags/v1': 'delete' });
  expect(pair.targetRepo(targetName(web)).defaultBranch).toBe('next');
  expect(pair.targetRepo(targetName(web)).visibility).toBe('public');
  expect(changed.stdout).toMatch(/default branch set to next\b.*as on the source/);
  expect(changed.stdout).toMatch(/visibility set to public \(was private\), as on the source/);
  expect(webPushes()).toBe(webPushesBefore);
  expect(pair.targetRefs(targetName(web))).toEqual(pair.sourceRefs(web));

  // 4. Nothing changed: no API write and no push on the target.
  const writes = target.writes.length;
  const pushes = target.pushes.length;
  const again = await pair.mirror({ MIRROR_VISIBILITY: 'source' });
  expectExit(again, 0);
  expect(again.report?.counts).toMatchObject({ 'up-to-date': 2 });
  expect(target.writes.slice(writes)).toEqual([]);
  expect(target.pushes.length).toBe(pushes);
}

/** Shared state of one source host's pairs. */
export interface PairsWorld {
  source: HostForge;
  /** The target forges of the five stories, one per host type. */
  targets: Record<ForgeType, HostForge>;
  /** Target forges of the extra scenarios (`PairsExtras.targets`), apart so that they run beside the stories. */
  extraTargets: Partial<Record<ForgeType, HostForge>>;
  spy: GitSpy;
  root: string;
  pairs: Pair[];
  /**
   * Creates a pair (and its two namespaces) from `source` to a target forge of `targetType`: the story's, or with
   * `extra` the extra scenarios' own.
   */
  pair(targetType: ForgeType, name: string, options?: { extra?: boolean; basic?: Partial<Pair['basic']> }): Pair;
}

/** Scenarios beyond the story for one source host, run concurrently with the stories on their own target forges. */
export interface PairsExtras {
  targets: ForgeType[];
  define(world: () => PairsWorld): void;
}

/**
 * Credentials style per pair, so that each Bitbucket role is exercised both ways across the pairs: username + token
 * (Basic) when the other side is GitHub or Bitbucket Server, a bare token (Bearer / x-token-auth) otherwise.
 */
function basicFor(other: ForgeType): boolean {
  return other === 'github' || other === 'bitbucket-server';
}

/**
 * Declares the pair tests of one source host: the five stories and the `extras` (all concurrently), then the checks
 * over the whole file: no contract violation on any forge, the source never written to, no token in any output,
 * report, cache or git argv.
 */
export function describePairsFrom(sourceType: ForgeType, extras?: PairsExtras): void {
  describe(`${sourceType} → every target`, () => {
    let world: PairsWorld;
    const hosts = (): HostForge[] => [
      world.source,
      ...Object.values(world.targets),
      ...Object.values(world.extraTargets).filter((host): host is HostForge => Boolean(host)),
    ];

    beforeAll(async () => {
      const root = tempDir('org-mirror-pairs-');
      const extraTypes = extras?.targets ?? [];
      const [source, ...targets] = await Promise.all([
        startHostForge(sourceType, 'src-bot'),
        ...[...HOST_TYPES, ...extraTypes].map((type) => startHostForge(type, 'mirror-bot')),
      ]);
      const pairs: Pair[] = [];
      const byType = (list: HostForge[]) =>
        Object.fromEntries(list.map((t) => [t.type, t])) as Record<ForgeType, HostForge>;
      world = {
        source,
        targets: byType(targets.slice(0, HOST_TYPES.length)),
        extraTargets: byType(targets.slice(HOST_TYPES.length)),
        spy: gitSpy(root),
        root,
        pairs,
        pair(targetType, name, options = {}) {
          const target = (options.extra ? world.extraTargets : world.targets)[targetType];
          if (!target) throw new Error(`no ${options.extra ? 'extra ' : ''}target forge of type ${targetType}`);
          const sourceOwner = addNamespace(source, `${name}-to-${SHORT[targetType]}`);
          const targetOwner = addNamespace(target, `${name}-from-${SHORT[sourceType]}`);
          const created = new Pair(source, sourceOwner, target, targetOwner, world.spy, root, {
            source: options.basic?.source ?? basicFor(targetType),
            target: options.basic?.target ?? basicFor(sourceType),
          });
          pairs.push(created);
          return created;
        },
      };
    });

    afterAll(async () => {
      if (!world) return;
      await Promise.all(hosts().map((host) => host.forge.stop()));
      fs.rmSync(world.root, { recursive: true, force: true });
    });

    test.concurrent.each(HOST_TYPES)(
      `${sourceType} → %s: identical, protected, changes and deletions reflected, settings followed, idle run writes nothing`,
      async (targetType) => {
        const pair = world.pair(targetType, 'story');
        seedStoryRepos(pair.source, pair.sourceOwner);
        await pairStory(pair);
      },
      // Three CLI runs per story, run concurrently: each takes as long as all of them together on a small machine.
      scaled(480_000),
    );

    extras?.define(() => world);

    test('no contract violation on any forge, nothing written to the source, no token anywhere', () => {
      for (const host of hosts()) {
        expect({ forge: host.type, violations: host.forge.violations }).toEqual({ forge: host.type, violations: [] });
      }
      expect(world.source.forge.writes).toEqual([]);
      const secrets = hosts().flatMap((host) => [host.bot.token, host.dev.token]);
      for (const pair of world.pairs) {
        for (const text of pair.outputs) expect(textContains(text, secrets)).toBe(false);
        expect(filesContaining(pair.work, secrets)).toEqual([]);
      }
      const argv = world.spy.calls();
      expect(argv.length).toBeGreaterThan(20);
      expect(textContains(argv.join('\n'), secrets)).toBe(false);
    });
  });
}
