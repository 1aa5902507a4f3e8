import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GitLabHost, gitbeakerBase } from '../src/hosts/gitlab/index.js';
import { createHost } from '../src/hosts/index.js';
import { HostError, ListingError, type RepoInfo } from '../src/hosts/host.js';
import type { TargetSettings } from '../src/settings/settings.js';
import { requestViolations } from './forge/contract.js';

const TOKEN = 'glpat-mirrorTokenForTests0123456789';

interface Call {
  method: string;
  /** Path after the API root, decoded, with query. */
  url: string;
  rawUrl: string;
  body: string;
  headers: IncomingMessage['headers'];
}

type Json = Record<string, unknown>;

/**
 * A small GitLab API: group `acme` (with subgroup `acme/sub`) holding 5 projects served 2 per page (Link and
 * x-next-page headers), user `someone`, protected branches/tags and project hooks. Answers under `/api/v4` and under
 * `/gitlab-api` (a reverse-proxied API root given as `api-url`).
 */
class FakeGitLab {
  calls: Call[] = [];
  base = '';
  groups: Json[] = [
    { id: 10, name: 'acme', path: 'acme', full_path: 'acme', parent_id: null },
    { id: 11, name: 'sub', path: 'sub', full_path: 'acme/sub', parent_id: 10 },
  ];
  projects: Json[] = [];
  protectedBranches: Json[] = [];
  protectedTags: Json[] = [];
  hooks: Json[] = [];
  override?: (req: IncomingMessage, res: ServerResponse, path: string, url: URL) => boolean;
  private server?: Server;
  private nextId = 100;

  project(id: number, namespace: string, path: string, extra: Json = {}): Json {
    return {
      id,
      name: path.toUpperCase(),
      path,
      path_with_namespace: `${namespace}/${path}`,
      http_url_to_repo: `http://oauth2:leaked@127.0.0.1/${namespace}/${path}.git`.replace(
        id === 1 ? '' : 'oauth2:leaked@',
        '',
      ),
      web_url: `http://gitlab.test/${namespace}/${path}`,
      ssh_url_to_repo: `git@gitlab.test:${namespace}/${path}.git`,
      default_branch: 'main',
      description: id === 1 ? 'first' : '',
      visibility: id === 2 ? 'public' : id === 3 ? 'internal' : 'private',
      archived: id === 5,
      empty_repo: id === 3,
      wiki_enabled: id === 3,
      ...(id === 2 ? {} : { wiki_access_level: id === 3 ? 'disabled' : 'enabled' }),
      last_activity_at: '2025-01-01T00:00:00Z',
      ...(id === 4 ? { forked_from_project: { id: 999 } } : {}),
      ...extra,
    };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.base);
        const prefix = ['/api/v4/', '/gitlab-api/'].find((p) => url.pathname.startsWith(p));
        if (!prefix) {
          res.writeHead(404);
          res.end();
          return;
        }
        const path = `/${url.pathname.slice(prefix.length)}`;
        this.calls.push({
          method: req.method ?? '',
          url: decodeURIComponent(path) + url.search,
          rawUrl: req.url ?? '',
          body,
          headers: req.headers,
        });
        if (this.override?.(req, res, path, url)) return;
        this.handle(req.method ?? 'GET', path, url, body, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    this.projects = [
      this.project(1, 'acme', 'alpha'),
      this.project(2, 'acme', 'beta'),
      this.project(3, 'acme/sub', 'gamma'),
      this.project(4, 'acme/sub', 'delta'),
      this.project(5, 'acme', 'epsilon'),
    ];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  writes(): Call[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private page(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = 2;
    const page = Number(url.searchParams.get('page') ?? '1');
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = { 'x-page': String(page), 'x-per-page': String(perPage) };
    if (page < last) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
      headers['x-next-page'] = String(page + 1);
    }
    this.send(res, 200, items.slice((page - 1) * perPage, page * perPage), headers);
  }

  private handle(method: string, rawPath: string, url: URL, body: string, res: ServerResponse): void {
    const segments = rawPath.split('/').slice(1).map(decodeURIComponent);
    const [first, id, sub, name] = segments;
    const json = (): Json => (body ? (JSON.parse(body) as Json) : {});
    if (first === 'groups' && segments.length === 1 && method === 'POST') {
      const request = json();
      const parent = this.groups.find((g) => g.id === request.parent_id);
      const group = {
        ...request,
        id: this.nextId++,
        full_path: `${String(parent?.full_path)}/${String(request.path)}`,
      };
      this.groups.push(group);
      return this.send(res, 201, group);
    }
    if (first === 'groups') {
      const group = this.groups.find((g) => g.full_path === id || String(g.id) === id);
      if (!group) return this.send(res, 404, { message: '404 Group Not Found' });
      if (!sub) return this.send(res, 200, group);
      if (sub === 'projects') {
        const within = this.projects.filter((p) => {
          const ns = String(p.path_with_namespace).split('/').slice(0, -1).join('/');
          return url.searchParams.get('include_subgroups') === 'true'
            ? ns === group.full_path || ns.startsWith(`${String(group.full_path)}/`)
            : ns === group.full_path;
        });
        return this.page(res, url, within);
      }
    }
    if (first === 'users' && segments.length === 1) {
      const username = url.searchParams.get('username');
      return this.send(res, 200, username === 'someone' ? [{ id: 7, username: 'someone' }] : []);
    }
    if (first === 'users' && sub === 'projects' && id === '7') {
      return this.page(res, url, [this.project(41, 'someone', 'own-1'), this.project(42, 'someone', 'own-2')]);
    }
    if (first === 'projects' && segments.length === 1 && method === 'POST') {
      const request = json();
      const group = this.groups.find((g) => g.id === request.namespace_id);
      const project = this.project(this.nextId++, String(group?.full_path), String(request.path), {
        description: request.description,
        visibility: request.visibility,
        empty_repo: true,
      });
      this.projects.push(project);
      return this.send(res, 201, project);
    }
    if (first === 'projects') {
      const project = this.projects.find((p) => String(p.id) === id || p.path_with_namespace === id);
      if (!project) return this.send(res, 404, { message: '404 Project Not Found' });
      if (!sub) {
        if (method === 'PUT') Object.assign(project, json());
        return this.send(res, 200, project);
      }
      const kind =
        sub === 'protected_branches'
          ? this.protectedBranches
          : sub === 'protected_tags'
            ? this.protectedTags
            : undefined;
      if (kind) {
        const own = kind.filter((r) => r.project === project.id);
        if (method === 'GET') return this.page(res, url, own);
        if (method === 'DELETE') {
          const index = kind.findIndex((r) => r.project === project.id && r.name === name);
          if (index < 0) return this.send(res, 404, { message: '404 Not found' });
          kind.splice(index, 1);
          return this.send(res, 204, undefined);
        }
        const request = json();
        if (own.some((r) => r.name === request.name)) return this.send(res, 409, { message: 'already exists' });
        const rule =
          sub === 'protected_branches'
            ? {
                project: project.id,
                name: request.name,
                push_access_levels: [{ access_level: request.push_access_level }],
                merge_access_levels: [{ access_level: request.merge_access_level }],
                allow_force_push: request.allow_force_push,
              }
            : {
                project: project.id,
                name: request.name,
                create_access_levels: [{ access_level: request.create_access_level }],
              };
        kind.push(rule);
        return this.send(res, 201, rule);
      }
      if (sub === 'hooks') {
        if (method === 'GET')
          return this.page(
            res,
            url,
            this.hooks.filter((h) => h.project === project.id),
          );
        if (method === 'POST') {
          const hook = { ...json(), id: this.nextId++, project: project.id };
          this.hooks.push(hook);
          return this.send(res, 201, hook);
        }
        const hook = this.hooks.find((h) => String(h.id) === name);
        if (!hook) return this.send(res, 404, { message: '404 Not found' });
        Object.assign(hook, json());
        return this.send(res, 200, hook);
      }
    }
    this.send(res, 404, { message: '404 Not Found' });
  }
}

let forge: FakeGitLab;

function settings(owner = 'acme', apiUrl = `${forge.base}/api/v4`): TargetSettings {
  return { type: 'gitlab', url: forge.base, apiUrl, owner, token: TOKEN };
}

/** The waits the retry policy chose, recorded by the injected sleep instead of spent. */
let waits: number[] = [];
function host(owner = 'acme', apiUrl?: string): GitLabHost {
  return new GitLabHost(settings(owner, apiUrl), 'target', undefined, {
    retry: { minWaitMs: 5, maxWaitMs: 5000 },
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
}

/** GitLab's automatic protection of alpha's default branch: Maintainers may push and merge. */
function protectMainForMaintainers(): void {
  forge.protectedBranches.push({
    project: 1,
    name: 'main',
    push_access_levels: [{ access_level: 40 }],
    merge_access_levels: [{ access_level: 40 }],
    allow_force_push: false,
  });
}

function expectTokenOnlyInAuthHeader(): void {
  expect(forge.calls.length).toBeGreaterThan(0);
  for (const call of forge.calls) {
    expect(call.rawUrl).not.toContain(TOKEN);
    expect(call.body).not.toContain(TOKEN);
    expect(call.headers['private-token']).toBe(TOKEN);
    expect(call.headers.authorization).toBeUndefined();
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** Every request the adapter sent must be a documented operation with valid parameters and body. */
function contractViolations(calls: Call[]): Promise<string[]> {
  // Checked as sent under /api/v4, whichever root (the reverse-proxied /gitlab-api too) they were sent to.
  return requestViolations(
    'gitlab',
    calls.map((call) => ({ ...call, url: call.rawUrl.replace(/^\/gitlab-api\//, '/api/v4/') })),
  );
}

beforeEach(async () => {
  forge = new FakeGitLab();
  await forge.start();
});

afterEach(async () => {
  await forge.stop();
  // Injected failures (overrides) answer requests that are valid too, so every recorded call is checked.
  expect(await contractViolations(forge.calls)).toEqual([]);
});

describe('GitLabHost listing', () => {
  it('lists every project of the group and its subgroups across pages and maps the fields', async () => {
    const repos = await host().listRepos();

    expect(repos.map((r) => r.path)).toEqual(['alpha', 'beta', 'sub/gamma', 'sub/delta', 'epsilon']);
    const listCalls = forge.calls.filter((c) => c.url.startsWith('/groups/10/projects'));
    expect(listCalls).toHaveLength(3);
    expect(listCalls[0].url).toContain('include_subgroups=true');
    expect(listCalls[0].url).toContain('with_shared=false');
    expect(listCalls[0].url).toContain('per_page=100');
    const [alpha, beta, gamma, delta, epsilon] = repos;
    expect(alpha).toEqual({
      id: '1',
      name: 'alpha',
      path: 'alpha',
      cloneUrl: 'http://127.0.0.1/acme/alpha.git',
      sshUrl: 'git@gitlab.test:acme/alpha.git',
      webUrl: 'http://gitlab.test/acme/alpha',
      defaultBranch: 'main',
      description: 'first',
      visibility: 'private',
      fork: false,
      archived: false,
      empty: false,
      pushedAt: undefined,
      wikiEnabled: true,
      wikiCloneUrl: 'http://127.0.0.1/acme/alpha.wiki.git',
    });
    // `wiki_access_level` wins; the deprecated `wiki_enabled` is read when it is absent.
    expect([beta, gamma, epsilon].map((repo) => repo.wikiEnabled)).toEqual([false, false, true]);
    expect(beta.visibility).toBe('public');
    expect(gamma).toMatchObject({ name: 'gamma', path: 'sub/gamma', visibility: 'internal', empty: true });
    expect(delta.fork).toBe(true);
    expect(epsilon.archived).toBe(true);
    expectTokenOnlyInAuthHeader();
  });

  it("lists a user's projects when the owner is not a group", async () => {
    const repos = await host('someone').listRepos();
    expect(repos.map((r) => r.path)).toEqual(['own-1', 'own-2']);
    expect(forge.calls.some((c) => c.url === '/users?username=someone')).toBe(true);
  });

  it('throws a ListingError naming the owner, never the token, when a page fails', async () => {
    forge.override = (_req, res, path, url) => {
      if (path !== '/groups/10/projects' || url.searchParams.get('page') !== '2') return false;
      forge.send(res, 500, { message: `internal error ${TOKEN}` });
      return true;
    };
    const error = await failure(host().listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expect((error as ListingError).status).toBe(500);
    expect((error as Error).message).toContain('acme');
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('retries a 429 and completes the listing', async () => {
    let limited = 0;
    forge.override = (_req, res, path) => {
      if (path !== '/groups/10/projects' || limited > 0) return false;
      limited++;
      forge.send(res, 429, { message: 'Retry later' }, { 'retry-after': '0' });
      return true;
    };
    await expect(host().listRepos()).resolves.toHaveLength(5);
    expect(limited).toBe(1);
  });

  it('waits as long as Retry-After asks on a 503, then succeeds', async () => {
    let unavailable = 0;
    forge.override = (_req, res, path, url) => {
      if (path !== '/groups/10/projects' || url.searchParams.get('page') !== '2' || unavailable > 0) return false;
      unavailable++;
      forge.send(res, 503, { message: 'maintenance' }, { 'retry-after': '1' });
      return true;
    };
    waits = [];
    await expect(host().listRepos()).resolves.toHaveLength(5);
    expect(unavailable).toBe(1);
    // The one wait is the 1 s the server asked for (the backoff alone would be 2.5-5 ms).
    expect(waits).toEqual([1000]);
  });

  it('does not wait longer than its bound: a far Retry-After fails the request at once', async () => {
    forge.override = (_req, res, path) => {
      if (path !== '/groups/10/projects') return false;
      forge.send(res, 429, { message: 'Retry later' }, { 'retry-after': '3600' });
      return true;
    };
    waits = [];
    const error = await failure(host().listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expect((error as ListingError).status).toBe(429);
    // Not one wait (host() bounds one wait at 5 s; the server asked for an hour), not one retry.
    expect(waits).toEqual([]);
    expect((error as Error).message).toMatch(/asked to wait 3600 s, more than the 5 s bound/);
    expect(forge.calls.filter((c) => c.url.startsWith('/groups/10/projects'))).toHaveLength(1);
  });

  it('never repeats a POST after a 502 (it may have been carried out)', async () => {
    forge.override = (req, res) => {
      if (req.method !== 'POST') return false;
      forge.send(res, 502, { message: 'bad gateway' });
      return true;
    };
    const error = await failure(host().createRepo({ name: 'zeta', description: 'd', visibility: 'private' }));
    expect((error as HostError).status).toBe(502);
    expect(forge.writes()).toHaveLength(1);
  });

  it('reaches an API root given as api-url that does not end in /api/v4', async () => {
    const h = host('acme', `${forge.base}/gitlab-api`);
    const repos = await h.listRepos();
    expect(repos).toHaveLength(5);
    // Hook resources carry their own path prefix in gitbeaker: they must land under the same root.
    await expect(h.installHook(repos[1], { url: 'https://ci.test/hook', secret: 's' })).resolves.toBe('created');
    expect(forge.calls.some((c) => c.method === 'POST' && c.rawUrl === '/gitlab-api/projects/2/hooks')).toBe(true);
    expect(forge.calls.every((c) => c.rawUrl.startsWith('/gitlab-api/'))).toBe(true);
    expect(gitbeakerBase('https://gl.test/api/v4/')).toEqual({ host: 'https://gl.test', prefixUrl: '' });
  });

  it('getRepo looks the project up by its encoded full path and answers undefined on 404', async () => {
    const h = host();
    await expect(h.getRepo('sub/gamma')).resolves.toMatchObject({ id: '3', path: 'sub/gamma' });
    expect(forge.calls.some((c) => c.rawUrl.startsWith('/api/v4/projects/acme%2Fsub%2Fgamma'))).toBe(true);
    await expect(h.getRepo('nope')).resolves.toBeUndefined();
  });
});

describe('GitLabHost as target', () => {
  it('creates missing subgroups, then the project in the right namespace', async () => {
    const created = await host().createRepo({
      name: 'newsub/zeta',
      description: 'Mirror of http://src.test/zeta',
      visibility: 'internal',
    });
    expect(created.path).toBe('newsub/zeta');
    const writes = forge.writes();
    expect(writes.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /groups', 'POST /projects']);
    expect(JSON.parse(writes[0].body)).toEqual({
      name: 'newsub',
      path: 'newsub',
      parent_id: 10,
      visibility: 'internal',
    });
    const newGroup = forge.groups.find((g) => g.full_path === 'acme/newsub')!;
    expect(JSON.parse(writes[1].body)).toEqual({
      name: 'zeta',
      path: 'zeta',
      namespace_id: newGroup.id,
      description: 'Mirror of http://src.test/zeta',
      visibility: 'internal',
      issues_access_level: 'disabled',
      wiki_access_level: 'disabled',
      initialize_with_readme: false,
    });

    // An existing subgroup is reused, not created again.
    await host().createRepo({ name: 'sub/eta', description: 'd', visibility: 'private' });
    expect(forge.writes().filter((c) => c.url === '/groups')).toHaveLength(1);
    expectTokenOnlyInAuthHeader();
  });

  it('protects every branch and tag for No one, removes the permissive default-branch rule, and is idempotent', async () => {
    // GitLab's automatic protection of the default branch: Maintainers may push.
    protectMainForMaintainers();
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;

    await expect(h.protect(repo)).resolves.toBe(true);
    const writes = forge.writes();
    expect(writes.map((c) => `${c.method} ${c.url}`)).toEqual([
      'DELETE /projects/1/protected_branches/main',
      'POST /projects/1/protected_branches',
      'POST /projects/1/protected_tags',
    ]);
    expect(JSON.parse(writes[1].body)).toEqual({
      name: '*',
      push_access_level: 0,
      merge_access_level: 0,
      allow_force_push: false,
    });
    expect(JSON.parse(writes[2].body)).toEqual({ name: '*', create_access_level: 0 });

    const before = forge.writes().length;
    await expect(h.protect(repo)).resolves.toBe(false);
    expect(forge.writes()).toHaveLength(before);
    expectTokenOnlyInAuthHeader();
  });

  it('unprotect removes every protected branch and tag rule so that a forced push goes through', async () => {
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;
    await h.protect(repo);
    protectMainForMaintainers();

    await expect(h.unprotect(repo)).resolves.toBe(true);
    expect(forge.protectedBranches).toHaveLength(0);
    expect(forge.protectedTags).toHaveLength(0);
    await expect(h.unprotect(repo)).resolves.toBe(false);
  });

  it('changes the default branch only when it differs', async () => {
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;
    await expect(h.setDefaultBranch(repo, 'main')).resolves.toBe(false);
    expect(forge.writes()).toHaveLength(0);
    await expect(h.setDefaultBranch(repo, 'develop')).resolves.toBe(true);
    const [put] = forge.writes();
    expect(`${put.method} ${put.url}`).toBe('PUT /projects/1');
    expect(JSON.parse(put.body)).toEqual({ default_branch: 'develop' });
  });

  it('switches a project wiki on only when it is off', async () => {
    const h = host();
    await expect(h.enableWiki((await h.getRepo('alpha')) as RepoInfo)).resolves.toBe(false);
    expect(forge.writes()).toHaveLength(0);
    const gamma = (await h.getRepo('sub/gamma')) as RepoInfo;
    expect(gamma.wikiEnabled).toBe(false);
    await expect(h.enableWiki(gamma)).resolves.toBe(true);
    const [put] = forge.writes();
    expect(`${put.method} ${put.url}`).toBe('PUT /projects/3');
    expect(JSON.parse(put.body)).toEqual({ wiki_access_level: 'enabled' });
    expect(((await h.getRepo('sub/gamma')) as RepoInfo).wikiEnabled).toBe(true);
  });

  it('changes the visibility only when it differs', async () => {
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;
    const other = repo.visibility === 'internal' ? 'public' : 'internal';
    await expect(h.setVisibility(repo, repo.visibility)).resolves.toBe(false);
    expect(forge.writes()).toHaveLength(0);
    await expect(h.setVisibility(repo, other)).resolves.toBe(true);
    const [put] = forge.writes();
    expect(`${put.method} ${put.url}`).toBe('PUT /projects/1');
    expect(JSON.parse(put.body)).toEqual({ visibility: other });
  });

  it('turns API failures into token-free HostErrors with the status', async () => {
    forge.override = (req, res) => {
      if (req.method !== 'POST') return false;
      forge.send(res, 400, { message: { name: [`has already been taken ${TOKEN}`] } });
      return true;
    };
    const error = await failure(host().createRepo({ name: 'alpha', description: 'd', visibility: 'private' }));
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).status).toBe(400);
    expect((error as Error).message).toMatch(/gitlab target: creating acme\/alpha failed: HTTP 400/);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe('GitLabHost hooks and auth', () => {
  it('creates a project push hook once and updates the same hook afterwards', async () => {
    const h = host();
    const repo = (await h.getRepo('beta')) as RepoInfo;
    const hook = { url: 'https://ci.test/hook', secret: 'hook-secret-1' };
    await expect(h.installHook(repo, hook)).resolves.toBe('created');
    await expect(h.installHook(repo, { ...hook, secret: 'hook-secret-2' })).resolves.toBe('updated');
    expect(forge.hooks).toHaveLength(1);
    expect(forge.hooks[0]).toMatchObject({ url: 'https://ci.test/hook', push_events: true, token: 'hook-secret-2' });
    await expect(h.supportsNamespaceHook()).resolves.toBe(false);
    await expect(h.installHook(undefined, hook)).rejects.toBeInstanceOf(HostError);
  });

  it('gives git a Basic oauth2 header', () => {
    expect(host().gitAuthHeader()).toBe(`Authorization: Basic ${Buffer.from(`oauth2:${TOKEN}`).toString('base64')}`);
    const anonymous = new GitLabHost({ ...settings(), token: undefined }, 'source');
    expect(anonymous.gitAuthHeader()).toBeUndefined();
  });

  it('is what the factory builds for a gitlab endpoint, lifting protection around pushes', () => {
    const built = createHost(settings(), 'target');
    expect(built).toBeInstanceOf(GitLabHost);
    expect(built.protectionStrategy).toBe('lift');
  });
});
