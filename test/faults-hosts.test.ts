/**
 * The GitHub and GitLab adapters and the shared HTTP client against the forge under injected faults (issue 6): what
 * is retried succeeds, what cannot be trusted throws a ListingError with a clear message, waits follow the server and
 * stay bounded, and no error ever carries a credential, even when the host echoes it back.
 *
 * Waits are shortened with MIRROR_RETRY_SCALE (docs/reliability.md): 1 s of wait = 1 ms here.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GitHubHost } from '../src/hosts/github/index.js';
import { GitLabHost } from '../src/hosts/gitlab/index.js';
import { HostError, ListingError, type Host } from '../src/hosts/host.js';
import { HttpClient } from '../src/hosts/http-client.js';
import { faults, type ForgeFault } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';

process.env.MIRROR_RETRY_SCALE = '0.001';

const TOKEN = 'tok-faults-Secret-0123456789';
const REPOS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];

interface Case {
  type: 'github' | 'gitlab';
  /** The listing endpoint (page requests). */
  listPath: RegExp;
  createPath: RegExp;
  /** Every form of the token a message must not show. */
  secrets: string[];
}

const CASES: Case[] = [
  {
    type: 'github',
    listPath: /\/orgs\/acme\/repos$/,
    createPath: /\/orgs\/acme\/repos$/,
    secrets: [TOKEN, Buffer.from(`x-access-token:${TOKEN}`).toString('base64')],
  },
  {
    type: 'gitlab',
    listPath: /\/groups\/\d+\/projects$/,
    createPath: /\/api\/v4\/projects$/,
    secrets: [TOKEN, Buffer.from(`oauth2:${TOKEN}`).toString('base64')],
  },
];

async function failure(promise: Promise<unknown>): Promise<HostError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HostError);
    return error as HostError;
  }
  throw new Error('expected a HostError');
}

function expectNoSecret(text: string, secrets: string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe.each(CASES)('$type adapter under faults', ({ type, listPath, createPath, secrets }) => {
  let forge: Forge;

  const host = (): Host => {
    const endpoint = { type, url: forge.url, apiUrl: forge.apiUrl, owner: 'acme', token: TOKEN };
    return type === 'github' ? new GitHubHost(endpoint, 'source') : new GitLabHost(endpoint, 'source');
  };
  const listRequests = () => forge.requests.filter((r) => r.method === 'GET' && listPath.test(r.path));
  const inject = (fault: ForgeFault, times = 1) => forge.injectFault({ kind: 'api', path: listPath, times }, fault);
  /** The seeded repositories listed (repositories created by the create test left aside). */
  const names = async () =>
    (await host().listRepos())
      .map((r) => r.name)
      .filter((name) => !name.startsWith('created-'))
      .sort();
  const listingFailure = async (): Promise<ListingError> => {
    const error = await failure(host().listRepos());
    expect(error).toBeInstanceOf(ListingError);
    expectNoSecret(error.message, secrets);
    return error as ListingError;
  };

  beforeAll(async () => {
    forge = await startForge({ type, users: [{ username: 'mirror-bot', token: TOKEN }] });
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
    for (const name of REPOS) forge.addRepo('acme', name);
    // Compile the contract checker before any timing-sensitive test.
    expect(await names()).toEqual([...REPOS].sort());
  });

  afterEach(() => {
    forge.clearFaults();
    forge.requests.length = 0;
    delete process.env.MIRROR_REQUEST_TIMEOUT;
    // Deliberate faults are not contract violations; everything the adapters sent must still be valid.
    expect(forge.violations).toEqual([]);
  });

  afterAll(() => forge.stop());

  it.each([502, 503, 504])('retries HTTP %i on a page and still lists every repository', async (status) => {
    inject(faults.status(status), 2);
    expect(await names()).toEqual([...REPOS].sort());
    expect(listRequests().filter((r) => r.status === status)).toHaveLength(2);
  });

  it('waits as long as Retry-After asks on a 429, then lists everything', async () => {
    inject(faults.retryAfter(429, 50));
    const started = Date.now();
    expect(await names()).toHaveLength(5);
    // 50 s × MIRROR_RETRY_SCALE 0.001 = 50 ms; the backoff alone would be about 1 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('refuses a Retry-After beyond the bound on one wait: ListingError at once, no retry', async () => {
    inject(faults.retryAfter(503, 3600));
    const error = await listingFailure();
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/acme/);
    expect(error.message).toMatch(/asked to wait 3600 s/);
    expect(listRequests()).toHaveLength(1);
  });

  it('gives up after a bounded number of tries when a page keeps failing', async () => {
    inject(faults.status(502), Infinity);
    const error = await listingFailure();
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/HTTP 502.*gave up after 5 tries/);
    expect(listRequests()).toHaveLength(5);
  });

  it('retries connection resets', async () => {
    inject(faults.reset(), 2);
    expect(await names()).toHaveLength(5);
    expect(listRequests().filter((r) => r.status === 0)).toHaveLength(2);
  });

  it('names a connection that keeps being reset', async () => {
    inject(faults.reset(), Infinity);
    const error = await listingFailure();
    expect(error.message).toMatch(/connection failed: \w+.*gave up after 5 tries/);
  });

  it('gives up on a request that hangs (MIRROR_REQUEST_TIMEOUT) and retries it', async () => {
    process.env.MIRROR_REQUEST_TIMEOUT = '0.3';
    inject(faults.hang());
    const started = Date.now();
    expect(await names()).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(listRequests().filter((r) => r.status === 0)).toHaveLength(1);
  });

  it('throws a ListingError naming the time limit when every attempt hangs', async () => {
    process.env.MIRROR_REQUEST_TIMEOUT = '0.2';
    inject(faults.hang(), Infinity);
    const error = await listingFailure();
    expect(error.message).toMatch(/no answer within 0\.2 s.*gave up after 5 tries/);
  });

  it('retries an HTML error page from a proxy (502) and never quotes it', async () => {
    inject(faults.htmlPage(502));
    expect(await names()).toHaveLength(5);
    inject(faults.htmlPage(502), Infinity);
    const error = await listingFailure();
    expect(error.status).toBe(502);
    expect(error.message).not.toMatch(/<|nginx|Bad Gateway/);
  });

  it('refuses an HTML page answered with 200 (a login portal) with a clear ListingError', async () => {
    inject(faults.htmlPage(200));
    const error = await listingFailure();
    expect(error.message).toMatch(/text\/html instead of JSON/);
    expect(error.message).not.toMatch(/<|nginx/);
  });

  it('refuses a truncated JSON page with a clear ListingError', async () => {
    inject(faults.truncatedJson());
    const error = await listingFailure();
    expect(error.message).toMatch(/invalid or truncated JSON/);
    expect(error.message).not.toMatch(/alpha|beta|gamma|delta|epsilon|clone/);
  });

  it('refuses a page with the wrong content type', async () => {
    inject(faults.wrongContentType('text/plain; charset=utf-8'));
    const error = await listingFailure();
    expect(error.message).toMatch(/text\/plain instead of JSON/);
  });

  it('stops at a next link that points back to the same page instead of looping', async () => {
    inject(faults.selfNext());
    const error = await listingFailure();
    expect(error.message).toMatch(/loop/);
    expect(listRequests().length).toBeLessThanOrEqual(3);
  });

  it.each([401, 500])('never shows the token when a %i body echoes the credentials', async (status) => {
    forge.injectFault({ kind: 'api', times: Infinity }, faults.echoAuthorization(status));
    const listing = await failure(host().listRepos());
    expectNoSecret(`${listing.message} ${String(listing.stack)}`, secrets);
    const read = await failure(host().getRepo('alpha'));
    expectNoSecret(`${read.message} ${String(read.stack)}`, secrets);
    expect(read.message).toMatch(new RegExp(`HTTP ${status}`));
  });

  it('does not repeat a create after a 502 (it may have been carried out), but does after a 429', async () => {
    const request = { name: 'created-after-502', description: 'Mirror of x', visibility: 'private' as const };
    forge.injectFault({ kind: 'api', method: 'POST', path: createPath }, faults.status(502));
    const error = await failure(host().createRepo(request));
    expect(error.status).toBe(502);
    expect(forge.requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    forge.requests.length = 0;
    forge.injectFault({ kind: 'api', method: 'POST', path: createPath }, faults.retryAfter(429, 1));
    const created = await host().createRepo({ ...request, name: 'created-after-429' });
    expect(created.name).toBe('created-after-429');
    expect(forge.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 201]);
  });

  if (type === 'github') {
    it('waits for x-ratelimit-reset when the primary rate limit is exhausted (403), then lists everything', async () => {
      inject(faults.githubRateLimit(2));
      expect(await names()).toHaveLength(5);
      expect(listRequests().map((r) => r.status)).toContain(403);
    });

    it('waits out a secondary rate limit (403 + retry-after), then lists everything', async () => {
      inject(faults.githubSecondaryRateLimit(3));
      expect(await names()).toHaveLength(5);
    });

    it('gives up on a rate limit that resets too far in the future', async () => {
      inject(faults.githubRateLimit(3600), Infinity);
      const error = await listingFailure();
      expect(error.status).toBe(403);
      expect(listRequests()).toHaveLength(1);
    });
  } else {
    it('waits until RateLimit-Reset on a 429 without Retry-After, then lists everything', async () => {
      inject(faults.gitlabRateLimit(60));
      const started = Date.now();
      expect(await names()).toHaveLength(5);
      // 59–60 s × 0.001; the backoff alone would be about 1 ms.
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    });

    it('gives up on a RateLimit-Reset too far in the future', async () => {
      inject(faults.gitlabRateLimit(3600), Infinity);
      const error = await listingFailure();
      expect(error.status).toBe(429);
      expect(error.message).toMatch(/asked to wait/);
      expect(listRequests()).toHaveLength(1);
    });
  }
});

describe('shared HttpClient against the forge', () => {
  let forge: Forge;
  const client = () =>
    new HttpClient({ baseUrl: forge.apiUrl, headers: { authorization: `token ${TOKEN}` }, label: 'github' });
  const page = '/orgs/acme/repos';

  beforeAll(async () => {
    forge = await startForge({ type: 'github', users: [{ username: 'mirror-bot', token: TOKEN }] });
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
    for (const name of REPOS) forge.addRepo('acme', name);
    expect((await client().request<unknown[]>('GET', page)).data).toHaveLength(2);
  });

  afterEach(() => {
    forge.clearFaults();
    delete process.env.MIRROR_REQUEST_TIMEOUT;
    expect(forge.violations).toEqual([]);
  });

  afterAll(() => forge.stop());

  it.each<[string, ForgeFault]>([
    ['503 + Retry-After', faults.retryAfter(503, 2)],
    ['connection reset', faults.reset()],
    ['HTML 502 page', faults.htmlPage(502)],
    ['GitLab-style RateLimit-Reset', faults.gitlabRateLimit(2)],
  ])('retries a %s', async (_name, fault) => {
    forge.injectFault({ path: page, times: 2 }, fault);
    expect((await client().request<unknown[]>('GET', page)).data).toHaveLength(2);
  });

  it('retries a hung request after MIRROR_REQUEST_TIMEOUT', async () => {
    process.env.MIRROR_REQUEST_TIMEOUT = '0.3';
    forge.injectFault({ path: page }, faults.hang());
    expect((await client().request<unknown[]>('GET', page)).data).toHaveLength(2);
  });

  it.each<[string, ForgeFault, RegExp]>([
    ['truncated JSON', faults.truncatedJson(), /invalid or truncated JSON/],
    ['HTML 200 page', faults.htmlPage(200), /expected JSON .* got text\/html/],
    ['wrong content type', faults.wrongContentType('text/plain'), /got text\/plain/],
  ])('refuses %s with a clear error', async (_name, fault, message) => {
    forge.injectFault({ path: page }, fault);
    const error = await failure(client().request('GET', page));
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/<html|alpha|nginx/);
  });

  it('redacts credentials echoed in an error body', async () => {
    forge.injectFault({ path: page }, faults.echoAuthorization(401));
    const error = await failure(client().request('GET', page));
    expect(error.status).toBe(401);
    expectNoSecret(error.message, [TOKEN]);
    expect(error.message).toMatch(/header was \*\*\*/);
  });
});
