import { startForge, type Forge } from './forge/forge.js';
import { CONTRACT_ENV, validateRequest, validateResponse, type RequestCheck } from './forge/contract.js';
import { startContractChecker } from './support/start-helpers.mjs';

type Json = Record<string, unknown>;

async function call(
  forge: Forge,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(`${forge.apiUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Follows rel="next" Link headers to the end. */
async function followLinks(forge: Forge, first: string, headers: Record<string, string>): Promise<Json[]> {
  const items: Json[] = [];
  let url: string | undefined = `${forge.apiUrl}${first}`;
  for (let guard = 0; url && guard < 50; guard++) {
    const res: Response = await fetch(url, { headers });
    expect(res.status).toBe(200);
    items.push(...((await res.json()) as Json[]));
    url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  return items;
}

describe('github fake API', () => {
  let forge: Forge;
  const H = { authorization: 'token tok-admin' };

  beforeAll(async () => {
    forge = await startForge({
      type: 'github',
      users: [
        { username: 'admin', token: 'tok-admin' },
        { username: 'outsider', token: 'tok-out' },
      ],
    });
    forge.addOrg('acme', { members: { admin: 'admin' } });
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      forge.addRepo('acme', name, { visibility: name === 'e' ? 'public' : 'private' });
    forge.addRepo('acme', 'f', { fork: true, archived: true });
    forge.seed('acme', 'a', { branches: { main: ['x'], dev: ['y'] } });
  });

  afterAll(() => forge.stop());

  test('Link pagination yields every repo across pages of at most pageSize', async () => {
    const first = await call(forge, 'GET', '/orgs/acme/repos?per_page=100', H);
    expect((first.body as Json[]).length).toBe(2);
    expect(first.headers.get('link')).toMatch(/rel="next".*rel="last"/);
    const all = await followLinks(forge, '/orgs/acme/repos?per_page=100', H);
    expect(all.map((r) => r.name).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const f = all.find((r) => r.name === 'f')!;
    expect(f).toMatchObject({ fork: true, archived: true, private: true, visibility: 'private' });
    expect(f.clone_url).toBe(`${forge.url}/acme/f.git`);
  });

  test('private repos are invisible to non-members; bad tokens get 401 Bad credentials', async () => {
    const visible = await followLinks(forge, '/orgs/acme/repos', { authorization: 'token tok-out' });
    expect(visible.map((r) => r.name)).toEqual(['e']);
    expect((await call(forge, 'GET', '/repos/acme/a', { authorization: 'token tok-out' })).status).toBe(404);
    const bad = await call(forge, 'GET', '/user', { authorization: 'Bearer wrong' });
    expect(bad.status).toBe(401);
    expect((bad.body as Json).message).toBe('Bad credentials');
    expect((await call(forge, 'GET', '/user', {})).status).toBe(401);
  });

  test('create, patch default branch, rulesets (list is summary only), hooks', async () => {
    const created = await call(forge, 'POST', '/orgs/acme/repos', H, {
      name: 'new',
      private: true,
      description: 'Mirror of x',
    });
    expect(created.status).toBe(201);
    expect((created.body as Json).full_name).toBe('acme/new');
    expect((await call(forge, 'POST', '/orgs/acme/repos', H, { name: 'new' })).status).toBe(422);
    expect((await call(forge, 'PATCH', '/repos/acme/a', H, { default_branch: 'dev' })).status).toBe(200);
    expect(forge.repo('acme', 'a').defaultBranch).toBe('dev');
    expect((await call(forge, 'PATCH', '/repos/acme/a', H, { default_branch: 'nope' })).status).toBe(422);
    const ruleset = await call(forge, 'POST', '/repos/acme/a/rulesets', H, {
      name: 'org-mirror',
      target: 'tag',
      enforcement: 'active',
      bypass_actors: [{ actor_type: 'OrganizationAdmin', bypass_mode: 'always' }],
      conditions: { ref_name: { include: ['~ALL'], exclude: [] } },
      rules: [{ type: 'deletion' }, { type: 'update' }],
    });
    expect(ruleset.status).toBe(201);
    const id = (ruleset.body as Json).id;
    const list = await call(forge, 'GET', '/repos/acme/a/rulesets', H);
    expect((list.body as Json[])[0]).not.toHaveProperty('rules');
    const one = await call(forge, 'GET', `/repos/acme/a/rulesets/${id}`, H);
    expect((one.body as Json).rules).toEqual([{ type: 'deletion' }, { type: 'update' }]);
    expect((await call(forge, 'PUT', `/repos/acme/a/rulesets/${id}`, H, { enforcement: 'disabled' })).status).toBe(200);
    expect((await call(forge, 'DELETE', `/repos/acme/a/rulesets/${id}`, H)).status).toBe(204);
    const hook = await call(forge, 'POST', '/repos/acme/a/hooks', H, {
      config: { url: 'https://hooks.example/x', content_type: 'json', secret: 's3cret' },
      events: ['push'],
    });
    expect(hook.status).toBe(201);
    expect(JSON.stringify(hook.body)).not.toContain('s3cret');
    const hookId = (hook.body as Json).id;
    expect((await call(forge, 'PATCH', `/repos/acme/a/hooks/${hookId}`, H, { active: true })).status).toBe(200);
    expect(
      (await call(forge, 'POST', '/orgs/acme/hooks', H, { name: 'web', config: { url: 'https://h/x' } })).status,
    ).toBe(201);
    expect(((await call(forge, 'GET', '/orgs/acme/hooks', H)).body as Json[]).length).toBe(1);
    expect((await call(forge, 'GET', '/users/acme', H)).body).toMatchObject({ type: 'Organization' });
    expect((await call(forge, 'GET', '/orgs/acme', H)).status).toBe(200);
    expect((await call(forge, 'GET', '/user/repos?per_page=100', H)).status).toBe(200);
    expect(forge.writes.length).toBeGreaterThan(5);
  });

  test("the fake's own answers validate against GitHub's description", () => {
    expect(forge.violations).toEqual([]);
  });

  test('a request the real API would refuse is recorded as a violation', async () => {
    const before = forge.violations.length;
    const res = await call(forge, 'POST', '/orgs/acme/repos', H, { name: 'x2', visibility: 'secret' });
    expect(forge.violations.length).toBe(before + 1);
    expect(forge.violations.at(-1)).toMatch(/visibility/);
    expect(res.status).toBeGreaterThanOrEqual(200);
    await call(forge, 'GET', '/orgs/acme/repositories', H);
    expect(forge.violations.at(-1)).toMatch(/no such operation/);
    forge.violations.length = before;
  });

  test('injected faults answer once with the given status and Retry-After', async () => {
    forge.injectFault({ path: '/orgs/acme/repos' }, { status: 429, headers: { 'retry-after': '1' } });
    const faulted = await call(forge, 'GET', '/orgs/acme/repos', H);
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get('retry-after')).toBe('1');
    expect((await call(forge, 'GET', '/orgs/acme/repos', H)).status).toBe(200);
  });
});

describe('gitlab fake API', () => {
  let forge: Forge;
  const H = { 'private-token': 'glpat-owner' };

  beforeAll(async () => {
    forge = await startForge({ type: 'gitlab', users: [{ username: 'owner', token: 'glpat-owner' }] });
    forge.addOrg('grp', { members: { owner: 'owner' }, visibility: 'private' });
    for (const p of ['one', 'two', 'sub/three', 'sub/deep/four', 'sub/five']) forge.addRepo('grp', p);
    forge.seed('grp', 'one', { branches: { main: ['a'] } });
  });

  afterAll(() => forge.stop());

  test('offset pagination (x-next-page) over a group with subgroups yields every project', async () => {
    const items: Json[] = [];
    let page = '1';
    while (page) {
      const res = await call(forge, 'GET', `/groups/grp/projects?include_subgroups=true&per_page=100&page=${page}`, H);
      expect(res.headers.get('x-per-page')).toBe('2');
      expect(res.headers.get('x-total')).toBe('5');
      items.push(...(res.body as Json[]));
      page = res.headers.get('x-next-page') ?? '';
    }
    expect(items.map((p) => p.path_with_namespace).sort()).toEqual([
      'grp/one',
      'grp/sub/deep/four',
      'grp/sub/five',
      'grp/sub/three',
      'grp/two',
    ]);
    const direct = await followLinks(forge, '/groups/grp/projects', H);
    expect(direct.map((p) => p.path).sort()).toEqual(['one', 'two']);
  });

  test('keyset pagination follows Link rel=next only', async () => {
    const first = await call(
      forge,
      'GET',
      '/groups/grp%2Fsub/projects?include_subgroups=true&pagination=keyset&order_by=id&sort=asc',
      H,
    );
    expect(first.headers.get('x-total')).toBeNull();
    expect(first.headers.get('link')).toMatch(/id_after=\d+.*rel="next"/);
    const all = await followLinks(
      forge,
      '/groups/grp%2Fsub/projects?include_subgroups=true&pagination=keyset&order_by=id&sort=asc',
      H,
    );
    expect(all.map((p) => p.path)).toEqual(['three', 'four', 'five']);
  });

  test('projects by id or encoded path, create, default branch, protected branches, hooks', async () => {
    const byPath = await call(forge, 'GET', '/projects/grp%2Fone', H);
    expect(byPath.status).toBe(200);
    const id = (byPath.body as Json).id;
    expect((await call(forge, 'GET', `/projects/${id}`, H)).body).toMatchObject({
      path_with_namespace: 'grp/one',
      empty_repo: false,
    });
    // The first push protected the default branch, as GitLab does.
    const protectedList = await call(forge, 'GET', `/projects/${id}/protected_branches`, H);
    expect(protectedList.body).toEqual([expect.objectContaining({ name: 'main', allow_force_push: false })]);
    expect((await call(forge, 'DELETE', `/projects/${id}/protected_branches/main`, H)).status).toBe(204);
    const pb = await call(forge, 'POST', `/projects/${id}/protected_branches`, H, {
      name: '*',
      push_access_level: 0,
      allow_force_push: false,
    });
    expect(pb.status).toBe(201);
    expect((await call(forge, 'POST', `/projects/${id}/protected_branches`, H, { name: '*' })).status).toBe(409);
    expect(
      (await call(forge, 'PATCH', `/projects/${id}/protected_branches/*`, H, { allow_force_push: true })).status,
    ).toBe(200);
    const group = await call(forge, 'GET', '/groups/grp', H);
    const created = await call(forge, 'POST', '/projects', H, {
      name: 'made',
      path: 'made',
      namespace_id: (group.body as Json).id,
      visibility: 'private',
      description: 'Mirror of x',
    });
    expect(created.status).toBe(201);
    expect((created.body as Json).http_url_to_repo).toBe(`${forge.url}/grp/made.git`);
    expect(
      (await call(forge, 'POST', '/projects', H, { name: 'made', path: 'made', namespace_id: (group.body as Json).id }))
        .status,
    ).toBe(400);
    const sub = await call(forge, 'POST', '/groups', H, {
      name: 'new-sub',
      path: 'new-sub',
      parent_id: (group.body as Json).id,
    });
    expect(sub.status).toBe(201);
    expect((await call(forge, 'GET', '/groups/grp/descendant_groups', H)).status).toBe(200);
    expect((await call(forge, 'GET', '/groups/grp/subgroups', H)).status).toBe(200);
    const hook = await call(forge, 'POST', `/projects/${id}/hooks`, H, {
      url: 'https://h/x',
      token: 'sec',
      push_events: true,
    });
    expect(hook.status).toBe(201);
    expect(JSON.stringify(hook.body)).not.toContain('sec"');
    expect(
      (await call(forge, 'PUT', `/projects/${id}/hooks/${(hook.body as Json).id}`, H, { url: 'https://h/y' })).status,
    ).toBe(200);
    expect((await call(forge, 'POST', '/groups/grp/hooks', H, { url: 'https://h/g', push_events: true })).status).toBe(
      201,
    );
    expect((await call(forge, 'GET', '/user', H)).body).toMatchObject({ username: 'owner' });
    expect((await call(forge, 'GET', '/users?username=owner', H)).body).toEqual([
      expect.objectContaining({ username: 'owner' }),
    ]);
    expect((await call(forge, 'GET', '/user', { 'private-token': 'bad' })).body).toEqual({
      message: '401 Unauthorized',
    });
  });

  test("the fake's own answers validate against GitLab's description", () => {
    expect(forge.violations).toEqual([]);
  });
});

describe('contract validator', () => {
  test('flags bad requests and passes good ones', async () => {
    const J = { 'content-type': 'application/json' };
    const bad = await validateRequest('github', {
      method: 'POST',
      path: '/api/v3/orgs/x/repos',
      headers: J,
      body: { name: 'r', visibility: 'secret' },
    });
    expect(bad.violations.join()).toMatch(/visibility/);
    const good = await validateRequest('github', {
      method: 'POST',
      path: '/api/v3/orgs/x/repos',
      headers: J,
      body: { name: 'r', visibility: 'private' },
    });
    expect(good).toEqual({ operation: 'repos/create-in-org', violations: [] });
    const glBad = await validateRequest('gitlab', {
      method: 'POST',
      path: '/api/v4/projects/7/protected_branches',
      headers: J,
      body: { name: 'main', push_access_level: 10 },
    });
    expect(glBad.violations).toHaveLength(1);
    const unknown = await validateRequest('gitlab', {
      method: 'POST',
      path: '/api/v4/projects/7/remote_mirrors',
      headers: J,
      body: {},
    });
    expect(unknown.violations.join()).toMatch(/no such operation/);
    const bbc = await validateRequest('bitbucket-cloud', { method: 'GET', path: '/2.0/repositories/ws', query: {} });
    expect(bbc.violations).toEqual([]);
    const bbs = await validateRequest('bitbucket-server', {
      method: 'GET',
      path: '/rest/api/1.0/projects/ABC/repos',
      query: { limit: '100', start: '0' },
    });
    expect(bbs.violations).toEqual([]);
  });
});

/**
 * The checks run in the run's shared checker process (contract-server.mjs, found through ORG_MIRROR_TEST_CONTRACT) or,
 * without it, in a worker thread of the process (contract-worker.mjs): both give the same answers, and a checker that
 * dies answers its pending checks with a violation instead of leaving them waiting.
 */
describe('contract checker transports', () => {
  const saved = process.env[CONTRACT_ENV];
  const J = { 'content-type': 'application/json' };
  const path = '/api/v3/orgs/x/repos';
  const token = 'apps/create-installation-access-token';
  let checker: Awaited<ReturnType<typeof startContractChecker>> | undefined;

  afterEach(() => {
    checker?.stop();
    checker = undefined;
    if (saved === undefined) delete process.env[CONTRACT_ENV];
    else process.env[CONTRACT_ENV] = saved;
  });

  /** A valid and an invalid request and response, asked all at once (one connection carries them concurrently). */
  async function answers(): Promise<[RequestCheck, RequestCheck, string[], string[]]> {
    return Promise.all([
      validateRequest('github', { method: 'POST', path, headers: J, body: { name: 'r', visibility: 'private' } }),
      validateRequest('github', { method: 'POST', path, headers: J, body: { name: 'r', visibility: 'secret' } }),
      validateResponse('github', token, 201, { token: 'ghs_x', expires_at: '2030-01-01T00:00:00Z' }),
      validateResponse('github', token, 201, { token: 7 }),
    ]);
  }

  test('the shared checker process and the worker thread give the same answers', async () => {
    checker = await startContractChecker();
    process.env[CONTRACT_ENV] = checker.socketPath;
    const shared = await answers();
    delete process.env[CONTRACT_ENV];
    const thread = await answers();
    expect(shared).toEqual(thread);
    const [good, bad, goodAnswer, badAnswer] = shared;
    expect(good).toEqual({ operation: 'repos/create-in-org', violations: [] });
    expect(bad.operation).toBe('repos/create-in-org');
    expect(bad.violations).toEqual([expect.stringMatching(/^github POST \/api\/v3\/orgs\/x\/repos .*visibility/)]);
    expect(goodAnswer).toEqual([]);
    expect(badAnswer).toEqual([
      expect.stringMatching(/^github \[apps\/create-installation-access-token\] response 201: .*expires_at/),
    ]);
  });

  test('a checker that dies answers its pending checks with a violation, and so does a checker that is gone', async () => {
    checker = await startContractChecker();
    process.env[CONTRACT_ENV] = checker.socketPath;
    // Its first check of a host loads the host's description: it cannot answer before it is killed.
    const pending = validateRequest('gitea', { method: 'GET', path: '/api/v1/version', headers: J });
    process.kill(checker.pid!, 'SIGKILL');
    expect(await pending).toEqual({ violations: [expect.stringMatching(/^contract checker crashed: .*closed/)] });
    checker.stop();
    expect(await validateResponse('github', token, 201, {})).toEqual([
      expect.stringMatching(/^contract checker crashed: .*(ENOENT|ECONNREFUSED)/),
    ]);
  });
});
