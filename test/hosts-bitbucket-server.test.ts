/**
 * The Bitbucket Data Center adapter against the forge's Bitbucket Server fake: every request the adapter sends is
 * checked against the official API description (forge.violations), and protection is checked with real pushes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BitbucketServerHost } from '../src/hosts/bitbucket-server/index.js';
import { createHost } from '../src/hosts/index.js';
import { HostError, ListingError, type RepoInfo } from '../src/hosts/host.js';
import type { TargetSettings } from '../src/settings/settings.js';
import type { ForgeAnswer } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';

const TOKEN = 'bbs-token-0123456789';
const DEV_TOKEN = 'bbs-dev-token-0123456789';
const RESTRICTIONS = '/rest/branch-permissions/2.0/projects/PROJ/repos/repo-1/restrictions';

let forge: Forge;

beforeEach(async () => {
  forge = await startForge({
    type: 'bitbucket-server',
    users: [
      { username: 'mirror-bot', token: TOKEN },
      { username: 'alice', token: 'alice-token' },
      { username: 'dev', token: DEV_TOKEN },
      { username: 'jdoe', token: 'jdoe-token' },
    ],
  });
  forge.addOrg('PROJ', { members: { 'mirror-bot': 'admin', alice: 'admin', dev: 'write', jdoe: 'read' } });
  forge.addOrg('UP', { members: { 'mirror-bot': 'read' } });
  forge.addRepo('UP', 'upstream');
  for (let i = 1; i <= 5; i++) {
    forge.addRepo('PROJ', `repo-${i}`, {
      visibility: i === 2 ? 'public' : 'private',
      archived: i === 3,
      ...(i === 4 ? { fork: true, forkedFrom: 'UP/upstream' } : {}),
    });
  }
  forge.addRepo('jdoe', 'notes');
});

afterEach(async () => {
  await forge.stop();
  // Every request was a documented operation with valid parameters and body, and no URL carried the token.
  expect(forge.violations).toEqual([]);
  for (const request of forge.requests) {
    expect(request.path).not.toContain(TOKEN);
    expect(JSON.stringify(request.query)).not.toContain(TOKEN);
  }
});

function settings(overrides: Partial<TargetSettings> = {}): TargetSettings {
  return {
    type: 'bitbucket-server',
    url: forge.url,
    apiUrl: `${forge.url}/rest/api/1.0`,
    owner: 'PROJ',
    token: TOKEN,
    ...overrides,
  };
}

function host(overrides: Partial<TargetSettings> = {}): BitbucketServerHost {
  return new BitbucketServerHost(settings(overrides), 'target', { retry: { minWaitMs: 5, maxRetries: 1 } });
}

/** Spoils the answers to GET requests on `apiPath` whose `start` is `start`. */
function spoilPage(apiPath: string, start: string, spoil: (answer: ForgeAnswer) => ForgeAnswer): void {
  forge.injectFault(
    { method: 'GET', path: apiPath, kind: 'api', times: Infinity },
    { alter: (answer, url) => (url.searchParams.get('start') === start ? spoil(answer) : answer) },
  );
}

async function listingFailure(promise: Promise<unknown>): Promise<ListingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListingError);
  expect((error as Error).message).not.toContain(TOKEN);
  return error as ListingError;
}

const listCalls = () => forge.requests.filter((r) => r.path === '/rest/api/1.0/projects/PROJ/repos');

describe('BitbucketServerHost listing', () => {
  it('lists every repository across pages, by slug, with clean clone URLs', async () => {
    const repos = await host().listRepos();
    expect(repos.map((r) => r.name)).toEqual(['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);
    expect(listCalls().map((c) => c.query.start)).toEqual(['0', '2', '4']);
    expect(listCalls().every((c) => c.query.limit === '100')).toBe(true);
    expect(repos[0]).toEqual({
      id: String(forge.repo('PROJ', 'repo-1').id),
      name: 'repo-1',
      path: 'repo-1',
      // The answer's link is `http://mirror-bot@…`: the user is stripped.
      cloneUrl: `${forge.url}/scm/proj/repo-1.git`,
      sshUrl: `ssh://git@127.0.0.1:7999/proj/repo-1.git`,
      webUrl: `${forge.url}/projects/PROJ/repos/repo-1/browse`,
      description: undefined,
      visibility: 'private',
      fork: false,
      archived: false,
    });
    expect(repos[1].visibility).toBe('public');
    expect(repos[2].archived).toBe(true);
    expect(repos[3].fork).toBe(true);
    // No per-repository request while listing.
    expect(forge.requests).toHaveLength(3);
  });

  it('takes the SSH link alone when HTTP(S) git access is off (only SSH can then reach the repository)', async () => {
    spoilPage('/rest/api/1.0/projects/PROJ/repos', '0', (answer) => {
      const page = JSON.parse(String(answer.body)) as { values: { links: { clone: { name: string }[] } }[] };
      for (const repo of page.values) repo.links.clone = repo.links.clone.filter((link) => link.name === 'ssh');
      return { ...answer, body: JSON.stringify(page) };
    });
    const [first] = await host().listRepos();
    expect(first.cloneUrl).toBe('');
    expect(first.sshUrl).toBe('ssh://git@127.0.0.1:7999/proj/repo-1.git');
  });

  it('uses the personal project key for ~user owners', async () => {
    const repos = await host({ owner: '~jdoe', token: 'jdoe-token' }).listRepos();
    expect(repos.map((r) => [r.name, r.cloneUrl])).toEqual([['notes', `${forge.url}/scm/~jdoe/notes.git`]]);
    expect(repos[0].webUrl).toBe(`${forge.url}/users/jdoe/repos/notes/browse`);
    expect(forge.requests[0].path).toBe('/rest/api/1.0/projects/~jdoe/repos');
  });

  it('throws ListingError when a page fails', async () => {
    spoilPage('/rest/api/1.0/projects/PROJ/repos', '2', (answer) => ({
      ...answer,
      status: 500,
      body: JSON.stringify({ errors: [{ context: null, message: 'boom', exceptionName: null }] }),
    }));
    const error = await listingFailure(host().listRepos());
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/start=2.*HTTP 500.*boom/);
  });

  it('throws ListingError when nextPageStart does not advance', async () => {
    spoilPage('/rest/api/1.0/projects/PROJ/repos', '2', (answer) => {
      const page = JSON.parse(answer.body) as Record<string, unknown>;
      return { ...answer, body: JSON.stringify({ ...page, nextPageStart: 0 }) };
    });
    expect((await listingFailure(host().listRepos())).message).toMatch(/does not advance/);
  });

  it('throws ListingError on a page without paging fields', async () => {
    spoilPage('/rest/api/1.0/projects/PROJ/repos', '0', (answer) => ({ ...answer, body: '{"values":[]}' }));
    expect((await listingFailure(host().listRepos())).message).toMatch(/not a Bitbucket page/);
  });

  it('throws ListingError on an HTML page', async () => {
    spoilPage('/rest/api/1.0/projects/PROJ/repos', '4', (answer) => ({
      ...answer,
      headers: { ...answer.headers, 'content-type': 'text/html' },
      body: '<html>Bitbucket is starting</html>',
    }));
    expect((await listingFailure(host().listRepos())).message).toMatch(/expected JSON from GET .*, got text\/html/);
  });

  it('throws ListingError when the project is not visible to the token', async () => {
    const error = await listingFailure(host({ token: 'jdoe-token', owner: 'UP' }).listRepos());
    expect(error.status).toBe(401);
  });

  it('gets one repository with its configured default branch, undefined when missing', async () => {
    forge.setHead(forge.repo('PROJ', 'repo-1'), 'develop');
    const repo = await host().getRepo('repo-1');
    expect(repo).toMatchObject({ name: 'repo-1', defaultBranch: 'develop' });
    expect(await host().getRepo('missing')).toBeUndefined();
  });
});

describe('BitbucketServerHost target', () => {
  it('creates a repository with the documented body; the slug comes from the name', async () => {
    const created = await host().createRepo({
      name: 'new-repo',
      description: 'Mirror of https://example.test/new-repo',
      visibility: 'public',
      defaultBranch: 'trunk',
    });
    expect(forge.writes.map((w) => `${w.method} ${w.path} ${w.status}`)).toEqual([
      'POST /rest/api/1.0/projects/PROJ/repos 201',
    ]);
    const record = forge.repo('PROJ', 'new-repo');
    expect(record).toMatchObject({
      visibility: 'public',
      defaultBranch: 'trunk',
      description: 'Mirror of https://example.test/new-repo',
    });
    expect(created).toMatchObject({
      name: 'new-repo',
      visibility: 'public',
      defaultBranch: 'trunk',
      cloneUrl: `${forge.url}/scm/proj/new-repo.git`,
    });
    // Created again: Bitbucket refuses the taken slug.
    await expect(host().createRepo({ name: 'new-repo', description: 'd', visibility: 'private' })).rejects.toThrow(
      /409/,
    );
  });

  it('refuses internal visibility before any request', async () => {
    await expect(host().createRepo({ name: 'x', description: 'd', visibility: 'internal' })).rejects.toThrow(
      /visibility 'internal'/,
    );
    expect(forge.requests).toHaveLength(0);
  });

  it('protects once with the mirror exempt, then writes nothing; a real push by others is refused', async () => {
    forge.seed('PROJ', 'repo-1', { branches: { main: ['a.txt', 'b.txt'] }, tags: ['v1'] });
    const h = host();
    const repo = (await h.getRepo('repo-1')) as RepoInfo;
    expect(await h.protect(repo)).toBe(true);
    const posts = forge.writes;
    expect(posts.map((w) => `${w.method} ${w.path}`)).toEqual([`POST ${RESTRICTIONS}`]);
    const restrictions = state(forge).restrictions;
    expect(restrictions.map((r) => r.type).sort()).toEqual(['fast-forward-only', 'no-deletes', 'read-only']);
    for (const r of restrictions) {
      expect(r.matcher).toMatchObject({ id: '*', type: { id: 'PATTERN' } });
      expect(r.users).toEqual(['mirror-bot']);
    }
    expect(await h.protect(repo)).toBe(false);
    expect(await host().protect(repo)).toBe(false);
    expect(forge.writes).toHaveLength(1);

    const work = tempDir();
    try {
      const dir = path.join(work, 'clone');
      const url = repo.cloneUrl;
      expect(
        (await gitAs(work, ['clone', url, dir], { url: forge.url, token: DEV_TOKEN, username: 'dev' })).status,
      ).toBe(0);
      fs.writeFileSync(path.join(dir, 'c.txt'), 'c\n');
      await gitAs(dir, ['add', '.']);
      await gitAs(dir, ['commit', '-qm', 'c']);
      const denied = await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], {
        url: forge.url,
        token: DEV_TOKEN,
        username: 'dev',
      });
      expect(denied.status).not.toBe(0);
      expect(denied.stderr).toContain('Check your branch permissions configuration');
      const tagDenied = await gitAs(dir, ['push', 'origin', ':refs/tags/v1'], {
        url: forge.url,
        token: DEV_TOKEN,
        username: 'dev',
      });
      expect(tagDenied.status).not.toBe(0);
      // The mirror, with the header the adapter gives git: push, force-push and delete go through.
      const mirror = { url: forge.url, token: TOKEN, username: 'mirror-bot' };
      expect(host({ username: 'mirror-bot' }).gitAuthHeader()).toBe(
        `Authorization: Basic ${Buffer.from(`mirror-bot:${TOKEN}`).toString('base64')}`,
      );
      expect((await gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], mirror)).status).toBe(0);
      expect((await gitAs(dir, ['push', '--force', 'origin', 'HEAD~2:refs/heads/main'], mirror)).status).toBe(0);
      expect((await gitAs(dir, ['push', 'origin', ':refs/tags/v1'], mirror)).status).toBe(0);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('makes a restriction that does not exempt the mirror exempt it, keeping its users and groups', async () => {
    const created = await fetch(`${forge.url}${RESTRICTIONS}`, {
      method: 'POST',
      headers: { authorization: 'Bearer alice-token', 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          type: 'read-only',
          matcher: { id: '*', displayId: '*', type: { id: 'PATTERN', name: 'Pattern' } },
          userSlugs: ['alice'],
          groups: ['admins'],
        },
      ]),
    });
    expect(created.status).toBe(200);
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    expect(await host().protect(repo)).toBe(true);
    const restrictions = state(forge).restrictions;
    expect(restrictions).toHaveLength(3);
    const readOnly = restrictions.filter((r) => r.type === 'read-only');
    expect(readOnly).toHaveLength(1);
    expect(readOnly[0].users.sort()).toEqual(['alice', 'mirror-bot']);
    expect(readOnly[0].groups).toEqual(['admins']);
    expect(await host().protect(repo)).toBe(false);
  });

  it('unprotects by deleting its own restrictions only', async () => {
    await fetch(`${forge.url}${RESTRICTIONS}`, {
      method: 'POST',
      headers: { authorization: 'Bearer alice-token', 'content-type': 'application/vnd.atl.bitbucket.bulk+json' },
      body: JSON.stringify([{ type: 'read-only', matcher: { id: 'refs/heads/main', type: { id: 'BRANCH' } } }]),
    });
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    await host().protect(repo);
    expect(state(forge).restrictions).toHaveLength(4);
    expect(await host().unprotect(repo)).toBe(true);
    expect(state(forge).restrictions.map((r) => r.matcher.id)).toEqual(['refs/heads/main']);
    expect(await host().unprotect(repo)).toBe(false);
  });

  it('explains when the token has no user to exempt', async () => {
    const repo = (await host().listRepos())[0];
    // A project access token's bot user: the answer names no user.
    forge.injectFault(
      { method: 'GET', path: /\/repos\/repo-1$/, kind: 'api' },
      { alter: (answer) => ({ ...answer, headers: withoutUser(answer.headers) }) },
    );
    const error = await host()
      .protect(repo)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as Error).message).toMatch(/cannot be exempted/);
    expect(forge.writes).toHaveLength(0);
  });

  it('sets the default branch only when it differs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    expect(await host().setDefaultBranch(repo, 'main')).toBe(false);
    expect(forge.writes).toHaveLength(0);
    expect(await host().setDefaultBranch(repo, 'develop')).toBe(true);
    expect(forge.repo('PROJ', 'repo-1').defaultBranch).toBe('develop');
    expect(forge.writes.map((w) => `${w.method} ${w.path} ${w.status}`)).toEqual([
      'PUT /rest/api/1.0/projects/PROJ/repos/repo-1/default-branch 204',
    ]);
  });

  it('sets public only when the visibility differs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const other = repo.visibility === 'public' ? 'private' : 'public';
    expect(await host().setVisibility(repo, repo.visibility)).toBe(false);
    expect(forge.writes).toHaveLength(0);
    expect(await host().setVisibility(repo, other)).toBe(true);
    expect(forge.repo('PROJ', 'repo-1').visibility).toBe(other);
    expect(forge.writes.map((w) => `${w.method} ${w.path} ${w.status}`)).toEqual([
      'PUT /rest/api/1.0/projects/PROJ/repos/repo-1 201',
    ]);
  });

  it('installs a webhook once and updates it instead of duplicating', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const hook = { url: 'https://ci.example.test/hook', secret: 's1' };
    expect(await host().installHook(repo, hook)).toBe('created');
    const hooks = () => (forge.repo('PROJ', 'repo-1').host.hooks as Record<string, unknown>[]) ?? [];
    expect(hooks()[0]).toMatchObject({
      url: hook.url,
      events: ['repo:refs_changed'],
      configuration: { secret: 's1' },
      active: true,
    });
    expect(await host().installHook(repo, hook)).toBe('unchanged');
    expect(await host().installHook(repo, { ...hook, secret: 's2' })).toBe('updated');
    expect(hooks()).toHaveLength(1);
    expect(hooks()[0]).toMatchObject({ configuration: { secret: 's2' } });
  });

  it('authenticates with Bearer, or Basic with a username', async () => {
    expect(host().gitAuthHeader()).toBe(`Authorization: Bearer ${TOKEN}`);
    await host().listRepos();
    await host({ username: 'mirror-bot' }).listRepos();
    expect(forge.requests.every((r) => r.user === 'mirror-bot' && r.status === 200)).toBe(true);
    // Basic with another user's name is refused.
    const error = await listingFailure(host({ username: 'alice' }).listRepos());
    expect(error.status).toBe(401);
  });

  it('keeps the token out of error messages', async () => {
    const error = await listingFailure(host({ token: 'wrong-token-value' }).listRepos());
    expect(error.message).toMatch(/HTTP 401/);
    expect(error.message).not.toContain('wrong-token-value');
  });

  it('is what the factory builds for a bitbucket-server endpoint', () => {
    expect(createHost(settings(), 'target')).toBeInstanceOf(BitbucketServerHost);
  });
});

function state(f: Forge): {
  restrictions: { type: string; matcher: { id: string }; users: string[]; groups: string[] }[];
} {
  return f.repo('PROJ', 'repo-1').host as never;
}

function withoutUser(headers: Record<string, string>): Record<string, string> {
  const copy = { ...headers };
  delete copy['x-ausername'];
  delete copy['x-auserid'];
  return copy;
}
