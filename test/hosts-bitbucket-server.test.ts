import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BitbucketServerHost } from '../src/hosts/bitbucket-server.js';
import { HostError, ListingError, type RepoInfo } from '../src/hosts/host.js';
import type { TargetSettings } from '../src/settings/settings.js';

const TOKEN = 'bbs-token-0123456789';

interface Call {
  method: string;
  url: string;
  body: string;
  auth?: string;
  contentType?: string;
}

/** A small Bitbucket Data Center: project PROJ with 5 repositories served in pages of 2, branch permissions, hooks. */
class FakeBitbucketServer {
  calls: Call[] = [];
  base = '';
  repos = Array.from({ length: 5 }, (_, i) => this.repo(i + 1, `repo-${i + 1}`));
  restrictions: Record<string, unknown>[] = [];
  hooks: Record<string, unknown>[] = [];
  defaultBranch = 'main';
  /** Overrides for specific paths: return true when handled. */
  override?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  private server?: Server;
  private nextId = 10;

  repo(id: number, slug: string): Record<string, unknown> {
    return {
      id,
      slug,
      name: slug.toUpperCase(),
      public: id === 2,
      archived: id === 3,
      ...(id === 4 ? { origin: { id: 99, slug: 'upstream' } } : {}),
      project: { key: 'PROJ' },
      links: {
        clone: [
          { name: 'ssh', href: `ssh://git@127.0.0.1:7999/proj/${slug}.git` },
          { name: 'http', href: `${this.base}/scm/proj/${slug}.git`.replace('http://', 'http://mirror-bot@') },
        ],
        self: [{ href: `${this.base}/projects/PROJ/repos/${slug}/browse` }],
      },
    };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.calls.push({
          method: req.method ?? '',
          url: req.url ?? '',
          body,
          auth: req.headers.authorization,
          contentType: req.headers['content-type'],
        });
        this.handle(req, res, body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    this.repos = Array.from({ length: 5 }, (_, i) => this.repo(i + 1, `repo-${i + 1}`));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  writes(): Call[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  private page(res: ServerResponse, url: URL, all: unknown[], size = 2): void {
    const start = Number(url.searchParams.get('start') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), size);
    const values = all.slice(start, start + limit);
    const isLastPage = start + limit >= all.length;
    this.json(res, 200, {
      size: values.length,
      limit,
      start,
      isLastPage,
      values,
      ...(isLastPage ? {} : { nextPageStart: start + limit }),
    });
  }

  private json(res: ServerResponse, status: number, data?: unknown): void {
    res.setHeader('x-ausername', 'Mirror.Bot');
    if (data === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(data));
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.base);
    if (this.override?.(req, res, url)) return;
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return this.json(res, 401, { errors: [{ message: 'auth' }] });
    const p = url.pathname;
    const api = '/rest/api/1.0/projects/PROJ/repos';
    const perms = '/rest/branch-permissions/2.0/projects/PROJ/repos/repo-1/restrictions';
    if (req.method === 'GET' && p === api) return this.page(res, url, this.repos);
    if (req.method === 'POST' && p === api) {
      const request = JSON.parse(body) as { name: string; public?: boolean; description?: string };
      const created = {
        ...this.repo(this.nextId++, request.name.toLowerCase()),
        public: request.public,
        description: request.description,
      };
      this.repos.push(created);
      return this.json(res, 201, created);
    }
    if (req.method === 'GET' && p === `${api}/repo-1`) return this.json(res, 200, this.repos[0]);
    if (req.method === 'GET' && p === `${api}/missing`)
      return this.json(res, 404, { errors: [{ message: 'no repo' }] });
    if (p === `${api}/repo-1/default-branch`) {
      if (req.method === 'GET')
        return this.json(res, 200, { id: `refs/heads/${this.defaultBranch}`, displayId: this.defaultBranch });
      this.defaultBranch = (JSON.parse(body) as { id: string }).id.replace('refs/heads/', '');
      return this.json(res, 204);
    }
    if (req.method === 'GET' && p === '/rest/api/1.0/users') {
      const filter = url.searchParams.get('filter');
      return this.page(
        res,
        url,
        [
          { name: 'mirror', slug: 'mirror' },
          { name: 'Mirror.Bot', slug: 'mirror.bot' },
        ].filter((u) => !filter || u.name.toLowerCase().includes(filter.toLowerCase())),
      );
    }
    if (p === perms && req.method === 'GET') {
      expect(url.searchParams.get('matcherType')).toBe('PATTERN');
      return this.page(res, url, this.restrictions);
    }
    if (p === perms && req.method === 'POST') {
      const created = (JSON.parse(body) as Record<string, unknown>[]).map((r) => ({
        id: this.nextId++,
        scope: { type: 'REPOSITORY', resourceId: 1 },
        type: r.type,
        matcher: { ...(r.matcher as object), active: true },
        users: ((r.userSlugs as string[]) ?? []).map((slug) => ({ name: slug, slug })),
        groups: r.groups ?? [],
        accessKeys: [],
      }));
      this.restrictions.push(...created);
      return this.json(res, 200, created);
    }
    if (p.startsWith(`${perms}/`) && req.method === 'DELETE') {
      const id = Number(p.split('/').pop());
      this.restrictions = this.restrictions.filter((r) => r.id !== id);
      return this.json(res, 204);
    }
    const hooks = `${api}/repo-1/webhooks`;
    if (p === hooks && req.method === 'GET') return this.page(res, url, this.hooks);
    if (p === hooks && req.method === 'POST') {
      const hook = { id: this.nextId++, ...(JSON.parse(body) as object) };
      this.hooks.push(hook);
      return this.json(res, 201, hook);
    }
    if (p.startsWith(`${hooks}/`) && req.method === 'PUT') {
      const id = Number(p.split('/').pop());
      this.hooks = this.hooks.map((h) => (h.id === id ? { id, ...(JSON.parse(body) as object) } : h));
      return this.json(
        res,
        200,
        this.hooks.find((h) => h.id === id),
      );
    }
    this.json(res, 404, { errors: [{ message: `no route ${req.method} ${p}` }] });
  }
}

let fake: FakeBitbucketServer;

beforeEach(async () => {
  fake = new FakeBitbucketServer();
  await fake.start();
});

afterEach(async () => {
  await fake.stop();
  // No URL the adapter requested carries the token.
  for (const call of fake.calls) expect(call.url).not.toContain(TOKEN);
});

function host(settings: Partial<TargetSettings> = {}): BitbucketServerHost {
  return new BitbucketServerHost(
    {
      type: 'bitbucket-server',
      url: fake.base,
      apiUrl: `${fake.base}/rest/api/1.0`,
      owner: 'PROJ',
      token: TOKEN,
      ...settings,
    },
    'target',
    { minRetryWaitMs: 5, maxRetries: 1 },
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

describe('BitbucketServerHost listing', () => {
  it('lists every repository across pages, by slug, with clean clone URLs', async () => {
    const repos = await host().listRepos();
    expect(repos.map((r) => r.name)).toEqual(['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);
    const pages = fake.calls.filter((c) => c.url.startsWith('/rest/api/1.0/projects/PROJ/repos?'));
    expect(pages.map((c) => new URL(c.url, fake.base).searchParams.get('start'))).toEqual(['0', '2', '4']);
    expect(pages.every((c) => new URL(c.url, fake.base).searchParams.get('limit') === '100')).toBe(true);
    expect(repos[0]).toEqual({
      id: '1',
      name: 'repo-1',
      path: 'repo-1',
      cloneUrl: `${fake.base}/scm/proj/repo-1.git`,
      webUrl: `${fake.base}/projects/PROJ/repos/repo-1/browse`,
      description: undefined,
      visibility: 'private',
      fork: false,
      archived: false,
    });
    expect(repos[1].visibility).toBe('public');
    expect(repos[2].archived).toBe(true);
    expect(repos[3].fork).toBe(true);
    // No per-repository request while listing.
    expect(fake.calls).toHaveLength(3);
  });

  it('uses the personal project key for ~user owners', async () => {
    fake.override = (req, res, url) => {
      if (url.pathname !== '/rest/api/1.0/projects/~jdoe/repos') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ isLastPage: true, values: [fake.repos[0]], start: 0, limit: 100, size: 1 }));
      return true;
    };
    expect((await host({ owner: '~jdoe' }).listRepos()).map((r) => r.name)).toEqual(['repo-1']);
  });

  it('throws ListingError when a page fails', async () => {
    fake.override = (_req, res, url) => {
      if (url.searchParams.get('start') !== '2') return false;
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"boom"}]}');
      return true;
    };
    const error = await listingFailure(host().listRepos());
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/start=2.*HTTP 500.*boom/);
  });

  it('throws ListingError when nextPageStart does not advance', async () => {
    fake.override = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ isLastPage: false, nextPageStart: 0, start: 0, limit: 2, values: [fake.repos[0]] }));
      return true;
    };
    expect((await listingFailure(host().listRepos())).message).toMatch(/does not advance/);
  });

  it('throws ListingError on a page without paging fields', async () => {
    fake.override = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ values: [] }));
      return true;
    };
    expect((await listingFailure(host().listRepos())).message).toMatch(/not a Bitbucket page/);
  });

  it('throws ListingError on an HTML page', async () => {
    fake.override = (_req, res, url) => {
      if (url.searchParams.get('start') !== '4') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Bitbucket is starting</html>');
      return true;
    };
    expect((await listingFailure(host().listRepos())).message).toMatch(/expected JSON from GET .*, got text\/html/);
  });

  it('gets one repository with its default branch, undefined when missing', async () => {
    const repo = await host().getRepo('repo-1');
    expect(repo).toMatchObject({ name: 'repo-1', defaultBranch: 'main' });
    expect(await host().getRepo('missing')).toBeUndefined();
  });
});

describe('BitbucketServerHost target', () => {
  it('creates a repository with the documented body', async () => {
    const created = await host().createRepo({
      name: 'new-repo',
      description: 'Mirror of https://example.test/new-repo',
      visibility: 'public',
      defaultBranch: 'trunk',
    });
    const post = fake.writes()[0];
    expect(post.url).toBe('/rest/api/1.0/projects/PROJ/repos');
    expect(JSON.parse(post.body)).toEqual({
      name: 'new-repo',
      scmId: 'git',
      description: 'Mirror of https://example.test/new-repo',
      public: true,
      defaultBranch: 'trunk',
    });
    expect(created).toMatchObject({ name: 'new-repo', visibility: 'public', defaultBranch: 'trunk' });
  });

  it('refuses internal visibility before any request', async () => {
    await expect(host().createRepo({ name: 'x', description: 'd', visibility: 'internal' })).rejects.toThrow(
      /visibility 'internal'/,
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('protects once with the mirror exempt, then writes nothing', async () => {
    const h = host();
    const repo = (await h.getRepo('repo-1')) as RepoInfo;
    expect(await h.protect(repo)).toBe(true);
    const posts = fake.writes();
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe('/rest/branch-permissions/2.0/projects/PROJ/repos/repo-1/restrictions');
    expect(posts[0].contentType).toBe('application/vnd.atl.bitbucket.bulk+json');
    const body = JSON.parse(posts[0].body) as { type: string; matcher: unknown; userSlugs: string[] }[];
    expect(body.map((r) => r.type).sort()).toEqual(['fast-forward-only', 'no-deletes', 'read-only']);
    for (const r of body) {
      expect(r.matcher).toEqual({ id: '*', displayId: '*', type: { id: 'PATTERN', name: 'Pattern' } });
      expect(r.userSlugs).toEqual(['mirror.bot']);
    }
    expect(await h.protect(repo)).toBe(false);
    expect(await host().protect(repo)).toBe(false);
    expect(fake.writes()).toHaveLength(1);
  });

  it('replaces a restriction that does not exempt the mirror, keeping its users and groups', async () => {
    fake.restrictions.push({
      id: 1,
      type: 'read-only',
      matcher: { id: '*', displayId: '*', type: { id: 'PATTERN', name: 'Pattern' } },
      users: [{ name: 'alice', slug: 'alice' }],
      groups: ['admins'],
    });
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    expect(await host().protect(repo)).toBe(true);
    const posted = JSON.parse(fake.writes()[0].body) as { type: string; userSlugs: string[]; groups: string[] }[];
    expect(posted.find((r) => r.type === 'read-only')).toMatchObject({
      userSlugs: ['mirror.bot', 'alice'],
      groups: ['admins'],
    });
    expect(fake.restrictions.map((r) => r.id)).not.toContain(1);
    expect(fake.restrictions).toHaveLength(3);
  });

  it('unprotects by deleting its own restrictions only', async () => {
    fake.restrictions.push({ id: 2, type: 'read-only', matcher: { id: 'refs/heads/main', type: { id: 'BRANCH' } } });
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    await host().protect(repo);
    expect(await host().unprotect(repo)).toBe(true);
    expect(fake.restrictions.map((r) => r.id)).toEqual([2]);
    expect(await host().unprotect(repo)).toBe(false);
  });

  it('explains when the token has no user to exempt', async () => {
    fake.override = (_req, res, url) => {
      if (url.pathname !== '/rest/api/1.0/projects/PROJ/repos/repo-1') return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fake.repos[0]));
      return true;
    };
    const repo = { ...(await host().listRepos())[0] };
    const error = await host()
      .protect(repo)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as Error).message).toMatch(/cannot be exempted/);
  });

  it('sets the default branch only when it differs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    expect(await host().setDefaultBranch(repo, 'main')).toBe(false);
    expect(await host().setDefaultBranch(repo, 'develop')).toBe(true);
    expect(fake.defaultBranch).toBe('develop');
    const put = fake.writes()[0];
    expect(put.url).toBe('/rest/api/1.0/projects/PROJ/repos/repo-1/default-branch');
    expect(JSON.parse(put.body)).toEqual({ id: 'refs/heads/develop' });
  });

  it('installs a webhook once and updates it instead of duplicating', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const hook = { url: 'https://ci.example.test/hook', secret: 's1' };
    expect(await host().installHook(repo, hook)).toBe('created');
    expect(fake.hooks[0]).toMatchObject({
      url: hook.url,
      events: ['repo:refs_changed'],
      configuration: { secret: 's1' },
      active: true,
    });
    expect(await host().installHook(repo, hook)).toBe('unchanged');
    expect(await host().installHook(repo, { ...hook, secret: 's2' })).toBe('updated');
    expect(fake.hooks).toHaveLength(1);
    expect(fake.hooks[0]).toMatchObject({ configuration: { secret: 's2' } });
  });

  it('authenticates API and git with Bearer, or Basic with a username', async () => {
    expect(host().gitAuthHeader()).toBe(`Authorization: Bearer ${TOKEN}`);
    const basic = host({ username: 'mirror' }).gitAuthHeader();
    expect(basic).toBe(`Authorization: Basic ${Buffer.from(`mirror:${TOKEN}`).toString('base64')}`);
    await host().listRepos();
    expect(fake.calls.every((c) => c.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('keeps the token out of error messages', async () => {
    const error = await listingFailure(host({ token: 'wrong-token-value' }).listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expect(error.message).toMatch(/HTTP 401/);
    expect(error.message).not.toContain('wrong-token-value');
  });
});
