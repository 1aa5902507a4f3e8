/**
 * The Bitbucket Cloud adapter against the forge's Bitbucket Cloud fake: every request is checked against the official
 * API description (forge.violations), protection is checked with real git pushes through the fake's pre-receive hook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { BitbucketCloudHost, toSlug } from '../src/hosts/bitbucket-cloud/index.js';
import { HostError, ListingError, type RepoInfo } from '../src/hosts/host.js';
import type { TargetSettings } from '../src/settings/settings.js';
import { startForge, type Forge, type RepoRecord } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';
import {
  addProject,
  bitbucketCloudState,
  bitbucketUuid,
  contractViolations,
  workspaceHooks,
} from './forge/hosts/bitbucket-cloud.js';

const TOKEN = 'bbc-access-token-0123456789';
const DEV_TOKEN = 'bbc-developer-token-abcdef';

let forge: Forge;
let work: string;
let fresh = 0;

/**
 * One forge for the file (seeding real repos is the slow part). Workspace `ws` is the listing fixture; tests that
 * create repositories or push work in workspace `pw` on repos of their own. Per-test state is reset in beforeEach.
 */
beforeAll(async () => {
  forge = await startForge({
    type: 'bitbucket-cloud',
    users: [
      { username: 'mirror-bot', token: TOKEN },
      { username: 'developer', token: DEV_TOKEN },
    ],
  });
  for (const ws of ['ws', 'pw']) {
    forge.addOrg(ws, { members: { 'mirror-bot': 'owner', developer: 'developer' } });
    addProject(forge, ws, 'MIR', 'Mirrors');
  }
  forge.addRepo('ws', 'repo-1', { description: 'first' });
  forge.seed('ws', 'repo-1', { branches: { main: ['README.md'], develop: ['d.txt'] }, tags: ['v1'] });
  forge.addRepo('ws', 'repo-2', { visibility: 'public' });
  forge.seed('ws', 'repo-2', { branches: { trunk: ['x.txt'] } });
  forge.addRepo('ws', 'repo-3');
  forge.seed('ws', 'repo-3', { branches: { main: ['y.txt'] } });
  forge.addRepo('ws', 'repo-4', { fork: true, forkedFrom: 'ws/repo-1' });
  forge.seed('ws', 'repo-4', { branches: { main: ['z.txt'] } });
  forge.addRepo('ws', 'repo-5');
  work = tempDir('bbc-host-');
});

afterAll(async () => {
  await forge.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

beforeEach(() => {
  forge.clearFaults();
  forge.requests.length = 0;
  forge.violations.length = 0;
  for (const repo of forge.repos.values()) {
    bitbucketCloudState(repo).restrictions.length = 0;
    bitbucketCloudState(repo).hooks.length = 0;
    forge.protectionChanged(repo);
  }
  workspaceHooks(forge, 'ws').length = 0;
  forge.setHead(forge.repo('ws', 'repo-1'), 'main');
});

afterEach(() => {
  expect(contractViolations(forge.violations)).toEqual([]);
  for (const request of forge.requests) expect(`${request.path}?${JSON.stringify(request.query)}`).not.toContain(TOKEN);
});

function host(settings: Partial<TargetSettings> = {}): BitbucketCloudHost {
  return new BitbucketCloudHost(
    {
      type: 'bitbucket-cloud',
      url: forge.url,
      apiUrl: forge.apiUrl,
      owner: 'ws',
      token: TOKEN,
      project: 'MIR',
      ...settings,
    },
    'target',
    { retry: { minWaitMs: 5, maxRetries: 1 } },
  );
}

async function listingFailure(promise: Promise<unknown>): Promise<ListingError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ListingError);
    expect((error as Error).message).not.toContain(TOKEN);
    return error as ListingError;
  }
  throw new Error('expected a ListingError');
}

const LISTING = /^\/2\.0\/repositories\/ws$/;
const writes = () => forge.writes.map((r) => `${r.method} ${r.path.replace(/^\/2\.0\/repositories\/\w+\//, '')}`);

interface Workbench {
  slug: string;
  record: RepoRecord;
  /** The adapter on workspace `pw`. */
  target: BitbucketCloudHost;
  repo: RepoInfo;
  /** Pushes from a clone that has one commit more than main, as the mirror (x-token-auth) or the developer. */
  push: (who: 'mirror' | 'developer', ...args: string[]) => Promise<number>;
}

/** A repo of its own in workspace `pw` (main with 4 commits, develop, feature/x, two tags), cloned with a new commit. */
async function workbench(): Promise<Workbench> {
  const [record] = forge.seedMany('pw', 1, { prefix: `push${++fresh}` });
  const dir = path.join(work, record.name);
  const target = host({ owner: 'pw' });
  expect(target.gitAuthHeader()).toBe(
    `Authorization: Basic ${Buffer.from(`x-token-auth:${TOKEN}`).toString('base64')}`,
  );
  const mirror = { url: forge.url, token: TOKEN, username: 'x-token-auth' };
  const developer = { url: forge.url, token: DEV_TOKEN, username: 'developer' };
  expect((await gitAs(work, ['clone', '-q', `${forge.url}/pw/${record.name}.git`, dir], mirror)).status).toBe(0);
  fs.writeFileSync(path.join(dir, 'new.txt'), 'new\n');
  await gitAs(dir, ['add', '.']);
  await gitAs(dir, ['commit', '-qm', 'new']);
  const repo = (await target.getRepo(record.name)) as RepoInfo;
  forge.requests.length = 0;
  return {
    slug: record.name,
    record,
    target,
    repo,
    push: async (who, ...args) =>
      (await gitAs(dir, ['push', '-q', 'origin', ...args], who === 'mirror' ? mirror : developer)).status,
  };
}

describe('BitbucketCloudHost listing', () => {
  it('follows next links to the end and maps repositories by slug', async () => {
    const repos = await host().listRepos();
    expect(repos.map((r) => r.name)).toEqual(['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);
    const listing = forge.requests.filter((r) => LISTING.test(r.path));
    expect(listing.map((r) => r.query)).toEqual([
      { pagelen: '100' },
      { pagelen: '100', page: '2' },
      { pagelen: '100', page: '3' },
    ]);
    const repo1 = forge.repo('ws', 'repo-1');
    expect(repos[0]).toEqual({
      id: bitbucketUuid(repo1.id),
      name: 'repo-1',
      path: 'repo-1',
      // The fake, like Bitbucket, answers `http://mirror-bot@host/...`: the user name is stripped.
      cloneUrl: `${forge.url}/ws/repo-1.git`,
      sshUrl: 'ssh://git@127.0.0.1/ws/repo-1.git',
      webUrl: `${forge.url}/ws/repo-1`,
      defaultBranch: 'main',
      description: 'first',
      visibility: 'private',
      fork: false,
      archived: false,
    });
    expect(repos[1]).toMatchObject({ visibility: 'public', defaultBranch: 'trunk' });
    expect(repos[3].fork).toBe(true);
    expect(repos[4].defaultBranch).toBeUndefined();
    expect(repos.every((r) => r.pushedAt === undefined)).toBe(true);
  });

  it('lists with an app password (Basic username:app_password)', async () => {
    const repos = await host({ username: 'mirror-bot' }).listRepos();
    expect(repos).toHaveLength(5);
    expect(forge.requests.every((r) => r.user === 'mirror-bot')).toBe(true);
  });

  it('throws ListingError when a page fails', async () => {
    const page1 = (await (
      await fetch(`${forge.apiUrl}/repositories/ws?pagelen=100`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { next: string };
    expect(page1.next).toContain('page=2');
    forge.injectFault({ kind: 'api', path: LISTING }, { status: 200, body: page1 });
    forge.injectFault(
      { kind: 'api', path: LISTING },
      { status: 500, body: { type: 'error', error: { message: 'boom' } } },
    );
    const error = await listingFailure(host().listRepos());
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/page 2.*HTTP 500.*boom/);
  });

  it('throws ListingError when next repeats a page', async () => {
    const again = `${forge.apiUrl}/repositories/ws?pagelen=100`;
    forge.injectFault({ kind: 'api', path: LISTING }, { status: 200, body: { pagelen: 1, values: [], next: again } });
    expect((await listingFailure(host().listRepos())).message).toMatch(/already read/);
  });

  it('throws ListingError on an HTML page and on a page without values', async () => {
    forge.injectFault(
      { kind: 'api', path: LISTING },
      { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' },
    );
    expect((await listingFailure(host().listRepos())).message).toMatch(/expected JSON from GET .*got text\/html/);
    forge.injectFault({ kind: 'api', path: LISTING }, { status: 200, body: { pagelen: 10 } });
    expect((await listingFailure(host().listRepos())).message).toMatch(/not a Bitbucket page/);
  });

  it('refuses a next link to another origin', async () => {
    const next = 'http://127.0.0.2:9/2.0/repositories/ws?page=2';
    forge.injectFault({ kind: 'api', path: LISTING }, { status: 200, body: { pagelen: 10, values: [], next } });
    expect((await listingFailure(host().listRepos())).message).toMatch(/invalid next link: .*refusing to follow/);
  });

  it('gets one repository, undefined when missing', async () => {
    expect(await host().getRepo('repo-2')).toMatchObject({ name: 'repo-2', visibility: 'public' });
    expect(await host().getRepo('Missing Repo')).toBeUndefined();
    expect(forge.requests.at(-1)).toMatchObject({ path: '/2.0/repositories/ws/missing-repo', status: 404 });
  });

  it('keeps the token out of error messages', async () => {
    const error = await listingFailure(host({ token: 'wrong-token-value' }).listRepos());
    expect(error.message).toMatch(/HTTP 401/);
    expect(error.message).not.toContain('wrong-token-value');
  });
});

describe('BitbucketCloudHost target', () => {
  it('creates a repository in the target project with a slug', async () => {
    addProject(forge, 'pw', 'OTHER');
    const h = host({ owner: 'pw', project: 'OTHER' });
    const created = await h.createRepo({ name: 'New_Repo.js', description: 'Mirror of x', visibility: 'private' });
    expect(writes()).toEqual(['POST new_repo.js']);
    const record = forge.repo('pw', 'new_repo.js');
    expect(bitbucketCloudState(record).project).toBe('OTHER');
    expect(record).toMatchObject({ visibility: 'private', description: 'Mirror of x' });
    expect(created).toMatchObject({
      name: 'new_repo.js',
      visibility: 'private',
      cloneUrl: `${forge.url}/pw/new_repo.js.git`,
      defaultBranch: undefined,
    });
    const pub = await h.createRepo({ name: 'Open Tool', description: 'd', visibility: 'public' });
    expect(pub).toMatchObject({ name: 'open-tool', visibility: 'public' });
    await expect(
      host({ owner: 'pw', project: 'NOPE' }).createRepo({ name: 'x', description: 'd', visibility: 'private' }),
    ).rejects.toThrow(/HTTP 400/);
  });

  it('needs target-project and rejects internal visibility before any request', async () => {
    await expect(
      host({ project: undefined }).createRepo({ name: 'x', description: 'd', visibility: 'private' }),
    ).rejects.toThrow(/target-project/);
    await expect(host().createRepo({ name: 'x', description: 'd', visibility: 'internal' })).rejects.toThrow(
      /'internal'/,
    );
    expect(forge.requests).toHaveLength(0);
  });

  it('protects with one push restriction exempting the mirror, once; real pushes obey it', async () => {
    const { slug, record, target, repo, push } = await workbench();
    expect(await target.protect(repo)).toBe(true);
    expect(writes()).toEqual([`POST ${slug}/branch-restrictions`]);
    expect(bitbucketCloudState(record).restrictions).toMatchObject([
      { kind: 'push', branch_match_kind: 'glob', pattern: '*', users: ['mirror-bot'] },
    ]);
    expect(forge.requests.find((r) => r.path === '/2.0/user')?.status).toBe(200);
    expect(await target.protect(repo)).toBe(false);
    expect(await host({ owner: 'pw' }).protect(repo)).toBe(false);
    expect(forge.writes).toHaveLength(1);

    expect(await push('developer', 'HEAD:refs/heads/main')).not.toBe(0);
    expect(await push('developer', 'HEAD:refs/heads/feature/y')).not.toBe(0);
    expect(await push('developer', ':refs/heads/develop')).not.toBe(0);
    expect(await push('mirror', 'HEAD:refs/heads/main')).toBe(0);
    // The mirror can still overwrite and prune.
    expect(await push('mirror', '--force', 'HEAD~2:refs/heads/main')).toBe(0);
    expect(await push('mirror', ':refs/heads/develop')).toBe(0);
    expect(forge.refs(record).has('refs/heads/develop')).toBe(false);
    // Tags cannot be restricted on Bitbucket Cloud.
    expect(await push('developer', 'HEAD:refs/tags/dev-tag')).toBe(0);
  });

  it('adds the mirror to an existing push restriction instead of duplicating it', async () => {
    const { slug, record, target, repo, push } = await workbench();
    const existing = bitbucketCloudState(record).restrictions;
    existing.push({ id: 1, kind: 'push', branch_match_kind: 'glob', pattern: '*', users: ['developer'] });
    forge.protectionChanged(record);
    expect(await push('mirror', 'HEAD:refs/heads/main')).not.toBe(0);
    expect(await target.protect(repo)).toBe(true);
    expect(writes()).toEqual([`PUT ${slug}/branch-restrictions/1`]);
    expect(existing).toMatchObject([{ id: 1, kind: 'push', users: ['developer', 'mirror-bot'] }]);
    expect(await push('mirror', 'HEAD:refs/heads/main')).toBe(0);
  });

  it('removes match-all force and delete restrictions, which no account can be exempted from', async () => {
    const { slug, record, target, repo, push } = await workbench();
    const restrictions = bitbucketCloudState(record).restrictions;
    restrictions.push(
      { id: 7, kind: 'force', branch_match_kind: 'glob', pattern: '*', users: [] },
      { id: 8, kind: 'delete', branch_match_kind: 'glob', pattern: '*', users: [] },
      { id: 9, kind: 'delete', branch_match_kind: 'glob', pattern: 'release/*', users: [] },
    );
    forge.protectionChanged(record);
    // With them on, even the mirror cannot overwrite or prune.
    expect(await push('mirror', '--force', 'HEAD~2:refs/heads/main')).not.toBe(0);
    expect(await push('mirror', ':refs/heads/develop')).not.toBe(0);
    expect(await target.protect(repo)).toBe(true);
    expect(writes().sort()).toEqual([
      `DELETE ${slug}/branch-restrictions/7`,
      `DELETE ${slug}/branch-restrictions/8`,
      `POST ${slug}/branch-restrictions`,
    ]);
    expect(restrictions.map((r) => `${r.kind} ${r.pattern}`).sort()).toEqual(['delete release/*', 'push *']);
    expect(await push('mirror', '--force', 'HEAD~2:refs/heads/main')).toBe(0);
    expect(await push('mirror', ':refs/heads/develop')).toBe(0);
  });

  it('unprotects by deleting its own restrictions only', async () => {
    const { record, target, repo, push } = await workbench();
    const restrictions = bitbucketCloudState(record).restrictions;
    restrictions.push({ id: 2, kind: 'push', branch_match_kind: 'glob', pattern: 'release/*', users: [] });
    await target.protect(repo);
    expect(await push('developer', 'HEAD:refs/heads/main')).not.toBe(0);
    expect(await target.unprotect(repo)).toBe(true);
    expect(restrictions.map((r) => r.id)).toEqual([2]);
    expect(await target.unprotect(repo)).toBe(false);
    expect(await push('developer', 'HEAD:refs/heads/main')).toBe(0);
  });

  it('explains when the credentials have no account to exempt', async () => {
    forge.injectFault(
      { kind: 'api', path: '/2.0/user' },
      { status: 403, body: { type: 'error', error: { message: 'no' } } },
    );
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const error = await host()
      .protect(repo)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as Error).message).toMatch(/cannot be exempted/);
    expect(forge.writes).toHaveLength(0);
  });

  it('sets mainbranch only when it differs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    expect(await host().setDefaultBranch(repo, 'main')).toBe(false);
    expect(await host().setDefaultBranch(repo, 'develop')).toBe(true);
    expect(writes()).toEqual(['PUT repo-1']);
    expect(forge.repo('ws', 'repo-1').defaultBranch).toBe('develop');
    expect((await host().getRepo('repo-1'))?.defaultBranch).toBe('develop');
  });

  it('sets is_private only when the visibility differs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const other = repo.visibility === 'public' ? 'private' : 'public';
    expect(await host().setVisibility(repo, repo.visibility)).toBe(false);
    expect(writes()).toEqual([]);
    expect(await host().setVisibility(repo, other)).toBe(true);
    expect(writes()).toEqual(['PUT repo-1']);
    expect(forge.repo('ws', 'repo-1').visibility).toBe(other);
    expect((await host().getRepo('repo-1'))?.visibility).toBe(other);
  });

  it('installs a push webhook and updates it on re-runs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const hook = { url: 'https://ci.example.test/hook', secret: 's1' };
    expect(await host().installHook(repo, hook)).toBe('created');
    const hooks = bitbucketCloudState(forge.repo('ws', 'repo-1')).hooks;
    expect(hooks).toMatchObject([{ url: hook.url, events: ['repo:push'], secret: 's1', active: true }]);
    expect(await host().installHook(repo, { ...hook, secret: 's2' })).toBe('updated');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ secret: 's2' });
  });

  it('installs one workspace webhook when the credentials are a workspace admin', async () => {
    const developer = host({ token: DEV_TOKEN });
    expect(await developer.supportsNamespaceHook()).toBe(false);
    expect(await host().supportsNamespaceHook()).toBe(true);
    const hook = { url: 'https://ci.example.test/hook', secret: 'w1' };
    expect(await host().installHook(undefined, hook)).toBe('created');
    expect(await host().installHook(undefined, { ...hook, secret: 'w2' })).toBe('updated');
    expect(workspaceHooks(forge, 'ws')).toMatchObject([{ url: hook.url, events: ['repo:push'], secret: 'w2' }]);
  });

  it('gives git x-token-auth for access tokens and username:password for app passwords', async () => {
    expect(host({ username: 'mirror-bot' }).gitAuthHeader()).toBe(
      `Authorization: Basic ${Buffer.from(`mirror-bot:${TOKEN}`).toString('base64')}`,
    );
    const result = await gitAs(work, ['ls-remote', `${forge.url}/ws/repo-1.git`], {
      url: forge.url,
      token: TOKEN,
      username: 'mirror-bot',
    });
    expect(result.stdout).toContain('refs/heads/main');
  });
});

describe('toSlug', () => {
  it('lower-cases and replaces characters Bitbucket does not keep', () => {
    expect(toSlug('My Repo')).toBe('my-repo');
    expect(toSlug('api_server.v2')).toBe('api_server.v2');
    expect(toSlug('  C++ tools!  ')).toBe('c-tools');
  });
});
