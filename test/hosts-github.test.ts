import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GitHubHost } from '../src/hosts/github/index.js';
import { createHost } from '../src/hosts/index.js';
import { proxyConfigured } from '../src/hosts/proxy.js';
import { HostError, ListingError, type RepoInfo } from '../src/hosts/host.js';
import type { TargetSettings } from '../src/settings/settings.js';
import { requestViolations } from './forge/contract.js';

const TOKEN = 'ghp_mirrorTokenForTests0123456789';
const ME = { login: 'mirror-bot', id: 4242, type: 'User' };

interface Call {
  method: string;
  url: string;
  body: string;
  auth?: string;
}

type Json = Record<string, unknown>;

/** A small GitHub API: org `acme` with 5 repositories served 2 per page (Link headers), rulesets and hooks. */
class FakeGitHub {
  calls: Call[] = [];
  base = '';
  repos: Json[] = [];
  rulesets: Json[] = [];
  hooks: Json[] = [];
  /** Answer a request before the fake does (failure injection); return true when handled. */
  override?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  private server?: Server;
  private nextId = 100;

  repo(i: number, name: string, extra: Json = {}): Json {
    return {
      id: i,
      name,
      full_name: `acme/${name}`,
      owner: { login: 'acme' },
      private: i !== 2,
      visibility: i === 2 ? 'public' : i === 3 ? 'internal' : 'private',
      fork: i === 4,
      archived: i === 5,
      size: 0,
      description: i === 1 ? 'first' : null,
      default_branch: 'main',
      pushed_at: `2025-01-0${i}T00:00:00Z`,
      has_wiki: i !== 3,
      // GitHub never sends userinfo here; a proxy or GHES misconfiguration might.
      clone_url: i === 1 ? `http://someone:pw@127.0.0.1/acme/${name}.git` : `${this.base}/acme/${name}.git`,
      html_url: `http://github.test/acme/${name}`,
      ssh_url: `git@github.test:acme/${name}.git`,
      ...extra,
    };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.calls.push({ method: req.method ?? '', url: req.url ?? '', body, auth: req.headers.authorization });
        const url = new URL(req.url ?? '/', this.base);
        if (this.override?.(req, res, url)) return;
        this.handle(req.method ?? 'GET', url, body, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    this.repos = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((name, i) => this.repo(i + 1, name));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  writes(): Call[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private page(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = 2; // the server may answer fewer than per_page asked for; clients must follow Link.
    const page = Number(url.searchParams.get('page') ?? '1');
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      const lastUrl = new URL(url);
      lastUrl.searchParams.set('page', String(last));
      headers.link = `<${next}>; rel="next", <${lastUrl}>; rel="last"`;
    }
    this.send(res, 200, items.slice((page - 1) * perPage, page * perPage), headers);
  }

  private handle(method: string, url: URL, body: string, res: ServerResponse): void {
    const path = url.pathname;
    const route = `${method} ${path}`;
    let m: RegExpMatchArray | null;
    if (route === 'GET /users/acme') return this.send(res, 200, { login: 'acme', id: 1, type: 'Organization' });
    if (route === 'GET /users/mirror-bot') return this.send(res, 200, ME);
    if (route === 'GET /users/someone') return this.send(res, 200, { login: 'someone', id: 7, type: 'User' });
    if (route === 'GET /user') return this.send(res, 200, ME);
    if (route === 'GET /orgs/acme/repos') return this.page(res, url, this.repos);
    if (route === 'GET /user/repos' || route === 'GET /users/someone/repos') return this.page(res, url, this.repos);
    if (route === 'POST /orgs/acme/repos') {
      const request = JSON.parse(body) as Json;
      const repo = this.repo(this.nextId++, String(request.name));
      this.repos.push(repo);
      return this.send(res, 201, repo);
    }
    if ((m = path.match(/^\/repos\/acme\/([^/]+)$/))) {
      const repo = this.repos.find((r) => r.name === m![1]);
      if (!repo) return this.send(res, 404, { message: 'Not Found' });
      if (method === 'PATCH') Object.assign(repo, JSON.parse(body));
      return this.send(res, 200, repo);
    }
    if ((m = path.match(/^\/repos\/acme\/([^/]+)\/rulesets$/))) {
      if (method === 'GET') {
        // Like GitHub: the list answers summaries without rules, conditions or bypass actors.
        return this.page(
          res,
          url,
          this.rulesets
            .filter((r) => r.repo === m![1])
            .map(({ id, name, target, enforcement }) => ({ id, name, target, enforcement })),
        );
      }
      const ruleset = { ...(JSON.parse(body) as Json), id: this.nextId++, repo: m[1] };
      this.rulesets.push(ruleset);
      return this.send(res, 201, ruleset);
    }
    if ((m = path.match(/^\/repos\/acme\/([^/]+)\/rulesets\/(\d+)$/))) {
      const index = this.rulesets.findIndex((r) => r.repo === m![1] && r.id === Number(m![2]));
      if (index < 0) return this.send(res, 404, { message: 'Not Found' });
      if (method === 'DELETE') {
        this.rulesets.splice(index, 1);
        return this.send(res, 204, undefined);
      }
      if (method === 'PUT') Object.assign(this.rulesets[index], JSON.parse(body));
      return this.send(res, 200, this.rulesets[index]);
    }
    if ((m = path.match(/^\/repos\/acme\/([^/]+)\/hooks$/)) || path === '/orgs/acme/hooks') {
      const scope = m ? m[1] : '<org>';
      if (method === 'GET')
        return this.page(
          res,
          url,
          this.hooks.filter((h) => h.scope === scope),
        );
      const hook = { ...(JSON.parse(body) as Json), id: this.nextId++, scope };
      this.hooks.push(hook);
      return this.send(res, 201, hook);
    }
    if ((m = path.match(/^\/(?:repos\/acme\/[^/]+|orgs\/acme)\/hooks\/(\d+)$/))) {
      const hook = this.hooks.find((h) => h.id === Number(m![1]));
      if (!hook) return this.send(res, 404, { message: 'Not Found' });
      Object.assign(hook, JSON.parse(body));
      return this.send(res, 200, hook);
    }
    this.send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }
}

let forge: FakeGitHub;

function settings(owner = 'acme', token: string | undefined = TOKEN): TargetSettings {
  return { type: 'github', url: 'http://github.test', apiUrl: forge.base, owner, token };
}

function host(owner = 'acme', token: string | undefined = TOKEN): GitHubHost {
  return new GitHubHost(settings(owner, token), 'target', undefined, { retry: { minWaitMs: 5 } });
}

function expectTokenOnlyInAuthHeader(): void {
  expect(forge.calls.length).toBeGreaterThan(0);
  for (const call of forge.calls) {
    expect(call.url).not.toContain(TOKEN);
    expect(call.body).not.toContain(TOKEN);
    expect(call.auth).toBe(`token ${TOKEN}`);
  }
}

/** What `promise` rejects with; undefined when it resolves. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** Every request the adapter sent must be a documented operation with valid parameters and body. */
function contractViolations(calls: Call[]): Promise<string[]> {
  return requestViolations('github', calls);
}

beforeEach(async () => {
  forge = new FakeGitHub();
  await forge.start();
});

afterEach(async () => {
  await forge.stop();
  // Injected failures (overrides) answer requests that are valid too, so every recorded call is checked.
  expect(await contractViolations(forge.calls)).toEqual([]);
});

describe('GitHubHost listing', () => {
  it('lists every repository of an organization across Link pages and maps the fields', async () => {
    const repos = await host().listRepos();

    expect(repos.map((r) => r.name)).toEqual(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
    const listCalls = forge.calls.filter((c) => c.url.startsWith('/orgs/acme/repos'));
    expect(listCalls).toHaveLength(3);
    expect(listCalls[0].url).toContain('type=all');
    expect(listCalls[0].url).toContain('per_page=100');
    const [alpha, beta, gamma, delta, epsilon] = repos;
    expect(alpha).toEqual({
      id: '1',
      name: 'alpha',
      path: 'alpha',
      cloneUrl: 'http://127.0.0.1/acme/alpha.git',
      sshUrl: 'git@github.test:acme/alpha.git',
      webUrl: 'http://github.test/acme/alpha',
      defaultBranch: 'main',
      description: 'first',
      visibility: 'private',
      fork: false,
      archived: false,
      pushedAt: '2025-01-01T00:00:00Z',
      wikiEnabled: true,
      // GitHub documents the wiki's git URL as the clone URL with `.git` replaced by `.wiki.git`.
      wikiCloneUrl: 'http://127.0.0.1/acme/alpha.wiki.git',
    });
    expect(gamma.wikiEnabled).toBe(false);
    // size 0 is not trusted as "empty".
    expect(alpha.empty).toBeUndefined();
    expect(beta.visibility).toBe('public');
    expect(gamma.visibility).toBe('internal');
    expect(delta.fork).toBe(true);
    expect(epsilon.archived).toBe(true);
    expectTokenOnlyInAuthHeader();
  });

  it("lists the token user's own repositories through /user/repos (private ones included)", async () => {
    const repos = await host('mirror-bot').listRepos();
    expect(repos).toHaveLength(5);
    const list = forge.calls.find((c) => c.url.startsWith('/user/repos'));
    expect(list?.url).toContain('affiliation=owner');
  });

  it("lists another user's repositories through /users/{username}/repos", async () => {
    const repos = await host('someone').listRepos();
    expect(repos).toHaveLength(5);
    expect(forge.calls.some((c) => c.url.startsWith('/users/someone/repos'))).toBe(true);
    expect(forge.calls.some((c) => c.url.startsWith('/user/repos'))).toBe(false);
  });

  it('retries a 503 page and still returns the whole listing', async () => {
    let failures = 0;
    forge.override = (_req, res, url) => {
      if (url.pathname === '/orgs/acme/repos' && url.searchParams.get('page') === '2' && failures < 1) {
        failures++;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"message":"unavailable"}');
        return true;
      }
      return false;
    };
    const repos = await host().listRepos();
    expect(failures).toBe(1);
    expect(repos).toHaveLength(5);
  });

  it('waits out a rate limit (429 with Retry-After) and retries, but gives up on an unbounded wait', async () => {
    let limited = 0;
    let retryAfter = '1';
    forge.override = (_req, res, url) => {
      if (url.pathname !== '/orgs/acme/repos' || url.searchParams.get('page') !== '2' || limited > 0) return false;
      limited++;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
      res.end('{"message":"You have exceeded a secondary rate limit."}');
      return true;
    };
    await expect(host().listRepos()).resolves.toHaveLength(5);
    expect(limited).toBe(1);

    limited = 0;
    retryAfter = '3600';
    const error = await failure(host().listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expect((error as ListingError).status).toBe(429);
  });

  it('throws a ListingError, without the token, when a page keeps failing', async () => {
    forge.override = (_req, res, url) => {
      if (url.pathname === '/orgs/acme/repos' && url.searchParams.get('page') === '3') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `boom ${TOKEN}` }));
        return true;
      }
      return false;
    };
    const error = await failure(host().listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expect((error as ListingError).status).toBe(500);
    expect((error as Error).message).toContain('acme');
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it('throws a ListingError when the pages loop', async () => {
    forge.override = (_req, res, url) => {
      if (url.pathname !== '/orgs/acme/repos') return false;
      // Page 2 points back to page 1: following Link blindly would never end.
      const page = Number(url.searchParams.get('page') ?? 1);
      res.writeHead(200, {
        'content-type': 'application/json',
        link: `<${forge.base}/orgs/acme/repos?per_page=100&type=all&page=${page === 1 ? 2 : 1}>; rel="next"`,
      });
      res.end(JSON.stringify(forge.repos.slice((page - 1) * 2, page * 2)));
      return true;
    };
    const error = await failure(host().listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expect(forge.calls.filter((c) => c.url.startsWith('/orgs/acme/repos')).length).toBeLessThan(5);
  });

  it('getRepo answers undefined for a missing repository and the repository otherwise', async () => {
    const h = host();
    await expect(h.getRepo('nope')).resolves.toBeUndefined();
    await expect(h.getRepo('beta')).resolves.toMatchObject({ name: 'beta', visibility: 'public' });
  });
});

describe('GitHubHost as target', () => {
  it('creates a repository in the organization with a mirror-friendly body and no auto_init', async () => {
    const created = await host().createRepo({
      name: 'zeta',
      description: 'Mirror of http://src.test/zeta',
      visibility: 'private',
    });
    expect(created.name).toBe('zeta');
    const post = forge.writes();
    expect(post).toHaveLength(1);
    expect(post[0].method).toBe('POST');
    expect(post[0].url).toBe('/orgs/acme/repos');
    expect(JSON.parse(post[0].body)).toEqual({
      name: 'zeta',
      description: 'Mirror of http://src.test/zeta',
      visibility: 'private',
      has_issues: false,
      has_projects: false,
      has_wiki: false,
      auto_init: false,
    });
    expectTokenOnlyInAuthHeader();
  });

  it('protects with branch and tag rulesets bypassed by the token user, and a second protect writes nothing', async () => {
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;

    await expect(h.protect(repo)).resolves.toBe(true);
    const posts = forge.writes();
    expect(posts.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /repos/acme/alpha/rulesets',
      'POST /repos/acme/alpha/rulesets',
    ]);
    const bodies = posts.map((c) => JSON.parse(c.body) as Json);
    expect(bodies.map((b) => b.target).sort()).toEqual(['branch', 'tag']);
    for (const body of bodies) {
      expect(body.enforcement).toBe('active');
      expect(body.conditions).toEqual({ ref_name: { include: ['~ALL'], exclude: [] } });
      expect(body.rules).toEqual([
        { type: 'creation' },
        { type: 'update' },
        { type: 'deletion' },
        { type: 'non_fast_forward' },
      ]);
      expect(body.bypass_actors).toEqual([{ actor_type: 'User', actor_id: ME.id, bypass_mode: 'always' }]);
    }

    const before = forge.writes().length;
    await expect(h.protect(repo)).resolves.toBe(false);
    expect(forge.writes()).toHaveLength(before);
    expectTokenOnlyInAuthHeader();
  });

  it('repairs a weakened ruleset with PUT and unprotect deletes both rulesets', async () => {
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;
    await h.protect(repo);
    const branchRuleset = forge.rulesets.find((r) => r.target === 'branch')!;
    branchRuleset.enforcement = 'disabled';

    const before = forge.writes().length;
    await expect(h.protect(repo)).resolves.toBe(true);
    const repairs = forge.writes().slice(before);
    expect(repairs.map((c) => `${c.method} ${c.url}`)).toEqual([`PUT /repos/acme/alpha/rulesets/${branchRuleset.id}`]);
    expect(branchRuleset.enforcement).toBe('active');

    await expect(h.unprotect(repo)).resolves.toBe(true);
    expect(forge.rulesets).toHaveLength(0);
    await expect(h.unprotect(repo)).resolves.toBe(false);
  });

  it('changes the default branch only when it differs', async () => {
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;
    await expect(h.setDefaultBranch(repo, 'main')).resolves.toBe(false);
    expect(forge.writes()).toHaveLength(0);
    await expect(h.setDefaultBranch(repo, 'develop')).resolves.toBe(true);
    const [patch] = forge.writes();
    expect(`${patch.method} ${patch.url}`).toBe('PATCH /repos/acme/alpha');
    expect(JSON.parse(patch.body)).toEqual({ default_branch: 'develop' });
  });

  it('changes the visibility only when it differs, internal as private', async () => {
    const h = host();
    const repo = (await h.getRepo('alpha')) as RepoInfo;
    const start = repo.visibility;
    const other = start === 'public' ? 'private' : 'public';
    await expect(h.setVisibility(repo, start)).resolves.toBe(false);
    expect(forge.writes()).toHaveLength(0);
    await expect(h.setVisibility(repo, other)).resolves.toBe(true);
    const [patch] = forge.writes();
    expect(`${patch.method} ${patch.url}`).toBe('PATCH /repos/acme/alpha');
    expect(JSON.parse(patch.body)).toEqual({ private: other === 'private' });
    expect(repo.visibility).toBe(other);
    if (other === 'private') await expect(h.setVisibility(repo, 'internal')).resolves.toBe(false);
  });

  it('turns API failures into HostErrors naming host, operation and repository but not the token', async () => {
    forge.override = (req, res) => {
      if (req.method !== 'POST') return false;
      res.writeHead(422, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `name already exists; token=${TOKEN}` }));
      return true;
    };
    const error = await failure(host().createRepo({ name: 'alpha', description: 'x', visibility: 'private' }));
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).status).toBe(422);
    expect((error as Error).message).toMatch(/github target: creating acme\/alpha failed: HTTP 422/);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe('GitHubHost hooks and auth', () => {
  it('creates a push hook once and updates it on the next run instead of duplicating it', async () => {
    const h = host();
    const repo = (await h.getRepo('beta')) as RepoInfo;
    const hook = { url: 'https://ci.test/hook', secret: 'hook-secret-1' };
    await expect(h.installHook(repo, hook)).resolves.toBe('created');
    await expect(h.installHook(repo, { ...hook, secret: 'hook-secret-2' })).resolves.toBe('updated');
    expect(forge.hooks).toHaveLength(1);
    expect(forge.hooks[0]).toMatchObject({
      events: ['push'],
      active: true,
      config: { url: 'https://ci.test/hook', content_type: 'json', secret: 'hook-secret-2' },
    });
    await expect(h.installHook(undefined, hook)).resolves.toBe('created');
    expect(forge.hooks.filter((x) => x.scope === '<org>')).toHaveLength(1);
    await expect(h.supportsNamespaceHook()).resolves.toBe(true);
  });

  it('reports no namespace hook when the organization hooks are forbidden', async () => {
    forge.override = (_req, res, url) => {
      if (url.pathname !== '/orgs/acme/hooks') return false;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"Not Found"}');
      return true;
    };
    await expect(host().supportsNamespaceHook()).resolves.toBe(false);
  });

  it('gives git a Basic x-access-token header, and none without a token', async () => {
    const header = await host().gitAuthHeader();
    expect(header).toBe(`Authorization: Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`);
    const anonymous = new GitHubHost({ ...settings(), token: undefined }, 'source');
    await expect(anonymous.gitAuthHeader()).resolves.toBeUndefined();
  });

  it('is what the factory builds for a github endpoint', () => {
    const built = createHost(settings(), 'source');
    expect(built).toBeInstanceOf(GitHubHost);
    expect(built.protectionStrategy).toBe('exempt');
  });
});

describe('API calls and the proxy environment', () => {
  it('go through HTTPS_PROXY/HTTP_PROXY when set', async () => {
    const tunnels: string[] = [];
    const proxy = createServer((_req, res) => {
      res.writeHead(405);
      res.end();
    });
    proxy.on('connect', (req: IncomingMessage, socket) => {
      tunnels.push(req.url ?? '');
      const [hostname, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), hostname, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    const { getGlobalDispatcher, setGlobalDispatcher } = await import('undici');
    const previous = getGlobalDispatcher();
    try {
      process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      delete process.env.NO_PROXY;
      expect(proxyConfigured()).toBe(true);
      const repos = await host().listRepos();
      expect(repos).toHaveLength(5);
      expect(tunnels.length).toBeGreaterThan(0);
      expect(tunnels[0]).toBe(new URL(forge.base).host);
    } finally {
      process.env.HTTP_PROXY = saved.HTTP_PROXY;
      if (saved.HTTP_PROXY === undefined) delete process.env.HTTP_PROXY;
      if (saved.NO_PROXY !== undefined) process.env.NO_PROXY = saved.NO_PROXY;
      setGlobalDispatcher(previous);
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    expect(proxyConfigured({})).toBe(false);
  });
});
