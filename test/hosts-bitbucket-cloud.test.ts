import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BitbucketCloudHost, toSlug } from '../src/hosts/bitbucket-cloud.js';
import { HostError, ListingError, type RepoInfo } from '../src/hosts/host.js';
import type { TargetSettings } from '../src/settings/settings.js';

const TOKEN = 'bbc-access-token-0123456789';
const ME = { type: 'user', uuid: '{11111111-2222-3333-4444-555555555555}', account_id: '557058:abc' };

interface Call {
  method: string;
  url: string;
  body: string;
  auth?: string;
}

/** A small Bitbucket Cloud: workspace `ws` with 5 repositories in pages of 2 (`next` links), restrictions, hooks. */
class FakeBitbucketCloud {
  calls: Call[] = [];
  base = '';
  repos: Record<string, unknown>[] = [];
  restrictions: Record<string, unknown>[] = [];
  hooks: Record<string, unknown>[] = [];
  override?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  private server?: Server;
  private nextId = 10;

  repo(i: number, slug: string): Record<string, unknown> {
    return {
      type: 'repository',
      uuid: `{repo-${i}}`,
      slug,
      name: slug.toUpperCase(),
      full_name: `ws/${slug}`,
      is_private: i !== 2,
      description: i === 1 ? 'first' : '',
      updated_on: '2025-01-01T00:00:00Z',
      ...(i === 4 ? { parent: { type: 'repository', full_name: 'other/upstream' } } : {}),
      mainbranch: i === 5 ? null : { type: 'branch', name: 'main' },
      links: {
        clone: [
          { name: 'https', href: `https://mirror-bot@bitbucket.example.test/ws/${slug}.git` },
          { name: 'ssh', href: `git@bitbucket.example.test:ws/${slug}.git` },
        ],
        html: { href: `https://bitbucket.example.test/ws/${slug}` },
      },
    };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.calls.push({ method: req.method ?? '', url: req.url ?? '', body, auth: req.headers.authorization });
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

  private page(res: ServerResponse, url: URL, all: unknown[]): void {
    const page = Number(url.searchParams.get('page') ?? 1);
    const values = all.slice((page - 1) * 2, page * 2);
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    this.json(res, 200, { pagelen: 2, page, values, ...(page * 2 < all.length ? { next: next.toString() } : {}) });
  }

  private json(res: ServerResponse, status: number, data?: unknown): void {
    if (data === undefined) return void res.writeHead(status).end();
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(data));
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.base);
    if (this.override?.(req, res, url)) return;
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return this.json(res, 401, { type: 'error', error: { message: 'Unauthorized' } });
    const p = url.pathname.replace(/^\/2\.0/, '');
    if (req.method === 'GET' && p === '/repositories/ws') return this.page(res, url, this.repos);
    if (req.method === 'GET' && p === '/user') return this.json(res, 200, ME);
    const one = /^\/repositories\/ws\/([^/]+)$/.exec(p);
    if (one) {
      const found = this.repos.find((r) => r.slug === one[1]);
      if (req.method === 'GET')
        return found
          ? this.json(res, 200, found)
          : this.json(res, 404, { type: 'error', error: { message: 'not found' } });
      if (req.method === 'POST') {
        const request = JSON.parse(body) as { is_private: boolean; description: string };
        const created = {
          ...this.repo(this.nextId++, one[1]),
          is_private: request.is_private,
          description: request.description,
          mainbranch: null,
        };
        this.repos.push(created);
        return this.json(res, 200, created);
      }
      if (req.method === 'PUT' && found) {
        Object.assign(found, JSON.parse(body));
        return this.json(res, 200, found);
      }
    }
    const br = '/repositories/ws/repo-1/branch-restrictions';
    if (p === br && req.method === 'GET') return this.page(res, url, this.restrictions);
    if (p === br && req.method === 'POST') {
      const created = { id: this.nextId++, ...(JSON.parse(body) as object) };
      this.restrictions.push(created);
      return this.json(res, 201, created);
    }
    if (p.startsWith(`${br}/`)) {
      const id = Number(p.split('/').pop());
      if (req.method === 'DELETE') {
        this.restrictions = this.restrictions.filter((r) => r.id !== id);
        return this.json(res, 204);
      }
      if (req.method === 'PUT') {
        this.restrictions = this.restrictions.map((r) => (r.id === id ? { id, ...(JSON.parse(body) as object) } : r));
        return this.json(
          res,
          200,
          this.restrictions.find((r) => r.id === id),
        );
      }
    }
    const hooks = '/repositories/ws/repo-1/hooks';
    if (p === hooks && req.method === 'GET')
      return this.page(
        res,
        url,
        this.hooks.map(({ secret: _s, ...h }) => ({ ...h, secret_set: true })),
      );
    if (p === hooks && req.method === 'POST') {
      const hook = { uuid: `{hook-${this.nextId++}}`, ...(JSON.parse(body) as object) };
      this.hooks.push(hook);
      return this.json(res, 201, hook);
    }
    if (p.startsWith(`${hooks}/`) && req.method === 'PUT') {
      const uid = decodeURIComponent(p.split('/').pop() ?? '');
      this.hooks = this.hooks.map((h) => (h.uuid === uid ? { uuid: uid, ...(JSON.parse(body) as object) } : h));
      return this.json(
        res,
        200,
        this.hooks.find((h) => h.uuid === uid),
      );
    }
    if (p === '/workspaces/ws/hooks' && req.method === 'GET')
      return this.json(res, 403, { type: 'error', error: { message: 'admin only' } });
    this.json(res, 404, { type: 'error', error: { message: `no route ${req.method} ${p}` } });
  }
}

let fake: FakeBitbucketCloud;

beforeEach(async () => {
  fake = new FakeBitbucketCloud();
  await fake.start();
});

afterEach(async () => {
  await fake.stop();
  for (const call of fake.calls) expect(call.url).not.toContain(TOKEN);
});

function host(settings: Partial<TargetSettings> = {}): BitbucketCloudHost {
  return new BitbucketCloudHost(
    {
      type: 'bitbucket-cloud',
      url: fake.base,
      apiUrl: `${fake.base}/2.0`,
      owner: 'ws',
      token: TOKEN,
      project: 'MIR',
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

describe('BitbucketCloudHost listing', () => {
  it('follows next links to the end and maps repositories by slug', async () => {
    const repos = await host().listRepos();
    expect(repos.map((r) => r.name)).toEqual(['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);
    expect(fake.calls).toHaveLength(3);
    expect(new URL(fake.calls[0].url, fake.base).searchParams.get('pagelen')).toBe('100');
    expect(repos[0]).toEqual({
      id: '{repo-1}',
      name: 'repo-1',
      path: 'repo-1',
      cloneUrl: 'https://bitbucket.example.test/ws/repo-1.git',
      webUrl: 'https://bitbucket.example.test/ws/repo-1',
      defaultBranch: 'main',
      description: 'first',
      visibility: 'private',
      fork: false,
      archived: false,
    });
    expect(repos[1].visibility).toBe('public');
    expect(repos[3].fork).toBe(true);
    expect(repos[4].defaultBranch).toBeUndefined();
    expect(repos.every((r) => r.pushedAt === undefined)).toBe(true);
  });

  it('throws ListingError when a page fails', async () => {
    fake.override = (_req, res, url) => {
      if (url.searchParams.get('page') !== '2') return false;
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"type":"error","error":{"message":"boom"}}');
      return true;
    };
    const error = await listingFailure(host().listRepos());
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/page 2.*HTTP 500.*boom/);
  });

  it('throws ListingError when next repeats a page', async () => {
    fake.override = (_req, res, url) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ values: [fake.repos[0]], next: url.toString() }));
      return true;
    };
    expect((await listingFailure(host().listRepos())).message).toMatch(/already read/);
  });

  it('throws ListingError on an HTML page and on a page without values', async () => {
    fake.override = (_req, res, url) => {
      if (url.searchParams.get('page') !== '3') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      return true;
    };
    expect((await listingFailure(host().listRepos())).message).toMatch(/expected JSON from GET .*got text\/html/);
    fake.override = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"pagelen":10}');
      return true;
    };
    expect((await listingFailure(host().listRepos())).message).toMatch(/not a Bitbucket page/);
  });

  it('refuses a next link to another origin', async () => {
    fake.override = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ values: [], next: 'http://127.0.0.2:9/2.0/repositories/ws?page=2' }));
      return true;
    };
    expect((await listingFailure(host().listRepos())).message).toMatch(/invalid next link: .*refusing to follow/);
  });

  it('gets one repository, undefined when missing', async () => {
    expect(await host().getRepo('repo-2')).toMatchObject({ name: 'repo-2', visibility: 'public' });
    expect(await host().getRepo('Missing Repo')).toBeUndefined();
    expect(fake.calls.at(-1)?.url).toBe('/2.0/repositories/ws/missing-repo');
  });
});

describe('BitbucketCloudHost target', () => {
  it('creates a repository in the target project with a slug', async () => {
    const created = await host().createRepo({ name: 'New_Repo.js', description: 'Mirror of x', visibility: 'private' });
    const post = fake.writes()[0];
    expect(post.url).toBe('/2.0/repositories/ws/new_repo.js');
    expect(JSON.parse(post.body)).toEqual({
      type: 'repository',
      scm: 'git',
      name: 'New_Repo.js',
      is_private: true,
      description: 'Mirror of x',
      project: { type: 'project', key: 'MIR' },
    });
    expect(created).toMatchObject({ name: 'new_repo.js', visibility: 'private' });
  });

  it('needs target-project and rejects internal visibility before any request', async () => {
    await expect(
      host({ project: undefined }).createRepo({ name: 'x', description: 'd', visibility: 'private' }),
    ).rejects.toThrow(/target-project/);
    await expect(host().createRepo({ name: 'x', description: 'd', visibility: 'internal' })).rejects.toThrow(
      /'internal'/,
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('protects push, force and delete with the mirror exempt, once', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const h = host();
    expect(await h.protect(repo)).toBe(true);
    const posts = fake.writes();
    expect(posts.map((c) => c.url)).toEqual(Array(3).fill('/2.0/repositories/ws/repo-1/branch-restrictions'));
    expect(posts.map((c) => JSON.parse(c.body) as unknown)).toEqual(
      ['push', 'force', 'delete'].map((kind) => ({
        type: 'branchrestriction',
        kind,
        branch_match_kind: 'glob',
        pattern: '*',
        users: [{ type: 'user', uuid: ME.uuid }],
        groups: [],
      })),
    );
    expect(await h.protect(repo)).toBe(false);
    expect(await host().protect(repo)).toBe(false);
    expect(fake.writes()).toHaveLength(3);
  });

  it('adds the mirror to an existing restriction instead of duplicating it', async () => {
    fake.restrictions.push({
      id: 1,
      kind: 'push',
      branch_match_kind: 'glob',
      pattern: '*',
      users: [{ type: 'user', uuid: '{alice}' }],
      groups: [],
    });
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    expect(await host().protect(repo)).toBe(true);
    const put = fake.writes().find((c) => c.method === 'PUT');
    expect(put?.url).toBe('/2.0/repositories/ws/repo-1/branch-restrictions/1');
    expect((JSON.parse(put?.body ?? '{}') as { users: unknown[] }).users).toEqual([
      { type: 'user', uuid: '{alice}' },
      { type: 'user', uuid: ME.uuid },
    ]);
    expect(fake.restrictions).toHaveLength(3);
  });

  it('unprotects by deleting its own restrictions only', async () => {
    fake.restrictions.push({ id: 2, kind: 'push', branch_match_kind: 'glob', pattern: 'release/*', users: [] });
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    await host().protect(repo);
    expect(await host().unprotect(repo)).toBe(true);
    expect(fake.restrictions.map((r) => r.id)).toEqual([2]);
    expect(await host().unprotect(repo)).toBe(false);
  });

  it('explains when the credentials have no account to exempt', async () => {
    fake.override = (_req, res, url) => {
      if (url.pathname !== '/2.0/user') return false;
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"type":"error","error":{"message":"no"}}');
      return true;
    };
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const error = await host()
      .protect(repo)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect((error as Error).message).toMatch(/cannot be exempted/);
  });

  it('sets mainbranch only when it differs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    expect(await host().setDefaultBranch(repo, 'main')).toBe(false);
    expect(await host().setDefaultBranch(repo, 'develop')).toBe(true);
    const put = fake.writes()[0];
    expect(put.url).toBe('/2.0/repositories/ws/repo-1');
    expect(JSON.parse(put.body)).toEqual({ type: 'repository', mainbranch: { type: 'branch', name: 'develop' } });
  });

  it('installs a push webhook and updates it on re-runs', async () => {
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    const hook = { url: 'https://ci.example.test/hook', secret: 's1' };
    expect(await host().installHook(repo, hook)).toBe('created');
    expect(fake.hooks[0]).toMatchObject({ url: hook.url, events: ['repo:push'], secret: 's1', active: true });
    expect(await host().installHook(repo, { ...hook, secret: 's2' })).toBe('updated');
    expect(fake.hooks).toHaveLength(1);
    expect(fake.hooks[0]).toMatchObject({ secret: 's2' });
    expect(await host().supportsNamespaceHook()).toBe(false);
  });

  it('gives git x-token-auth for access tokens and username:password for app passwords', () => {
    expect(host().gitAuthHeader()).toBe(
      `Authorization: Basic ${Buffer.from(`x-token-auth:${TOKEN}`).toString('base64')}`,
    );
    expect(host({ username: 'me', token: 'app-pw' }).gitAuthHeader()).toBe(
      `Authorization: Basic ${Buffer.from('me:app-pw').toString('base64')}`,
    );
  });

  it('keeps the token out of error messages', async () => {
    const error = await listingFailure(host({ token: 'wrong-token-value' }).listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expect(error.message).toMatch(/HTTP 401/);
    expect(error.message).not.toContain('wrong-token-value');
  });
});

describe('toSlug', () => {
  it('lower-cases and replaces characters Bitbucket does not keep', () => {
    expect(toSlug('My Repo')).toBe('my-repo');
    expect(toSlug('api_server.v2')).toBe('api_server.v2');
    expect(toSlug('  C++ tools!  ')).toBe('c-tools');
  });
});
