/**
 * The one retry policy (src/hosts/retry-policy.ts), one rule per test: which answers and network failures retry, which
 * methods may repeat, how long to wait, the bounds, and the kind each failure gets. The last test runs a create over
 * the real HTTP client against a gateway that loses the answer: it is looked up, never repeated.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { HostError, type Host, type RepoInfo } from '../src/hosts/host.js';
import { HttpClient } from '../src/hosts/http-client.js';
import {
  backoffMs,
  DEFAULT_RETRY_LIMITS,
  kindOfAttempt,
  kindOfStatus,
  REF_READ_RETRY_LIMITS,
  retryVerdict,
  type FailedAttempt,
  type RetryLimits,
} from '../src/hosts/retry-policy.js';
import { createTarget } from '../src/mirror/create-target.js';

const FIRST = { retries: 0, waitedMs: 0 };
const NOW = Date.parse('2026-01-01T00:00:00Z');
const half = () => 0.5;
const verdict = (method: string, attempt: FailedAttempt, state = FIRST, limits: RetryLimits = DEFAULT_RETRY_LIMITS) =>
  retryVerdict(method, attempt, state, limits, { now: NOW, random: half });

describe('retry policy: what retries', () => {
  test.each([429, 502, 503, 504])('status %i is retried', (status) => {
    expect(verdict('GET', { status }).retry).toBe(true);
  });

  test.each([400, 401, 403, 404, 409, 422, 500, 501])('status %i is not retried', (status) => {
    expect(verdict('GET', { status }).retry).toBe(false);
  });

  test('a 403 with a rate-limit sign is retried: GitHub x-ratelimit-remaining 0, GitLab RateLimit-Remaining 0, Retry-After', () => {
    expect(verdict('GET', { status: 403, headers: { 'x-ratelimit-remaining': '0' } }).retry).toBe(true);
    expect(verdict('GET', { status: 403, headers: { 'ratelimit-remaining': '0' } }).retry).toBe(true);
    expect(verdict('GET', { status: 403, headers: { 'retry-after': '3' } }).retry).toBe(true);
    expect(verdict('GET', { status: 403, headers: { 'x-ratelimit-remaining': '12' } }).retry).toBe(false);
  });

  test.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT'])(
    'network failure %s is retried',
    (code) => {
      expect(verdict('GET', { code }).retry).toBe(true);
    },
  );

  test('no answer within the attempt time limit is retried; an unknown network failure is not', () => {
    expect(verdict('GET', { timedOut: true }).retry).toBe(true);
    expect(verdict('GET', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }).retry).toBe(false);
  });
});

describe('retry policy: which methods may repeat', () => {
  test.each(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'])('%s is repeated after a gateway error or a reset', (method) => {
    expect(verdict(method, { status: 502 }).retry).toBe(true);
    expect(verdict(method, { code: 'ECONNRESET' }).retry).toBe(true);
  });

  test('a POST after a gateway error, a reset or a time-out is not repeated: its outcome is unknown', () => {
    for (const attempt of [{ status: 502 }, { status: 503 }, { code: 'ECONNRESET' }, { timedOut: true }] as const) {
      const answer = verdict('POST', attempt);
      expect(answer).toMatchObject({ retry: false, outcomeUnknown: true });
    }
  });

  test('a POST that never reached the server (connection refused, no such host) is repeated', () => {
    expect(verdict('POST', { code: 'ECONNREFUSED' }).retry).toBe(true);
    expect(verdict('POST', { code: 'ENOTFOUND' }).retry).toBe(true);
  });

  test('a POST turned away by a rate limit (429, rate-limited 403) had no effect and is repeated', () => {
    expect(verdict('POST', { status: 429 }).retry).toBe(true);
    expect(verdict('POST', { status: 403, headers: { 'x-ratelimit-remaining': '0' } }).retry).toBe(true);
  });

  test('a POST refused outright (4xx) has a known outcome: nothing to look up', () => {
    expect(verdict('POST', { status: 422 })).toMatchObject({ retry: false, outcomeUnknown: false });
    expect(verdict('POST', { status: 401 })).toMatchObject({ retry: false, outcomeUnknown: false });
  });
});

describe('retry policy: how long to wait', () => {
  test('Retry-After in seconds comes first', () => {
    expect(verdict('GET', { status: 429, headers: { 'retry-after': '7' } })).toEqual({ retry: true, waitMs: 7000 });
  });

  test('Retry-After as an HTTP date', () => {
    const date = new Date(NOW + 12_000).toUTCString();
    expect(verdict('GET', { status: 503, headers: { 'retry-after': date } })).toEqual({ retry: true, waitMs: 12_000 });
  });

  test('a rate-limit reset (epoch seconds) when the quota is 0', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 20) };
    expect(verdict('GET', { status: 403, headers })).toEqual({ retry: true, waitMs: 20_000 });
  });

  test('otherwise exponential backoff with jitter (50-100 % of min × 2^(n-1))', () => {
    expect(verdict('GET', { status: 502 })).toEqual({ retry: true, waitMs: 750 });
    expect(verdict('GET', { status: 502 }, { retries: 2, waitedMs: 0 })).toEqual({ retry: true, waitMs: 3000 });
    expect(backoffMs(1000, 1, () => 0)).toBe(500);
    expect(backoffMs(1000, 1, () => 1)).toBe(1000);
  });
});

describe('retry policy: bounds', () => {
  test('a server asking for longer than the bound on one wait is not waited for: rate-limited', () => {
    const answer = verdict('GET', { status: 429, headers: { 'retry-after': '3600' } });
    expect(answer).toMatchObject({ retry: false, kind: 'rate-limited' });
    expect(answer.retry === false && answer.note).toMatch(/asked to wait 3600 s, more than the 60 s bound/);
    const reset = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 7200) };
    expect(verdict('GET', { status: 403, headers: reset })).toMatchObject({ retry: false, kind: 'rate-limited' });
  });

  test('a backoff is capped at the bound on one wait', () => {
    const limits = { ...DEFAULT_RETRY_LIMITS, maxRetries: 20, maxTotalWaitMs: 10_000_000 };
    expect(verdict('GET', { status: 502 }, { retries: 12, waitedMs: 0 }, limits)).toEqual({
      retry: true,
      waitMs: 60_000,
    });
  });

  test('the attempts are bounded', () => {
    const limits = { ...DEFAULT_RETRY_LIMITS, maxRetries: 2 };
    expect(verdict('GET', { status: 503 }, { retries: 1, waitedMs: 0 }, limits).retry).toBe(true);
    const last = verdict('GET', { status: 503 }, { retries: 2, waitedMs: 0 }, limits);
    expect(last).toMatchObject({ retry: false, kind: 'server', note: 'gave up after 3 tries' });
  });

  test('the sum of the waits is bounded', () => {
    const limits = { ...DEFAULT_RETRY_LIMITS, maxTotalWaitMs: 5000 };
    expect(verdict('GET', { status: 503 }, { retries: 1, waitedMs: 4000 }, limits).retry).toBe(false);
  });
});

describe('retry policy: reads of refs (src/git/ref-discovery.ts, exercised in test/ref-discovery.test.ts)', () => {
  test('the same rules with their own bounds: 2 retries, a first backoff of 0.5 s', () => {
    const read = (attempt: FailedAttempt, state = FIRST) => verdict('GET', attempt, state, REF_READ_RETRY_LIMITS);
    expect(read({ status: 502 })).toEqual({ retry: true, waitMs: 375 });
    expect(read({ status: 429, headers: { 'retry-after': '7' } })).toEqual({ retry: true, waitMs: 7000 });
    expect(read({ timedOut: true }).retry).toBe(true);
    expect(read({ status: 404 })).toMatchObject({ retry: false, kind: 'not-found' });
    expect(read({ status: 503 }, { retries: 2, waitedMs: 0 })).toMatchObject({
      retry: false,
      note: 'gave up after 3 tries',
    });
    expect(read({ status: 503, headers: { 'retry-after': '3600' } })).toMatchObject({ retry: false, kind: 'server' });
  });
});

describe('error kinds, decided where the answer arrives', () => {
  test.each([
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [409, 'conflict'],
    [422, 'conflict'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(kindOfStatus(status)).toBe(kind);
  });

  test('a 403 with rate-limit headers is rate-limited; no answer in time is a timeout; a reset is a connection failure', () => {
    expect(kindOfStatus(403, { 'x-ratelimit-remaining': '0' })).toBe('rate-limited');
    expect(kindOfAttempt({ timedOut: true })).toBe('timeout');
    expect(kindOfAttempt({ code: 'UND_ERR_HEADERS_TIMEOUT' })).toBe('timeout');
    expect(kindOfAttempt({ code: 'ECONNRESET' })).toBe('connection');
  });
});

describe('a create is looked up, not repeated', () => {
  let server: http.Server;
  let base: string;
  const posts: string[] = [];
  const repos = new Map<string, RepoInfo>();

  beforeAll(async () => {
    // A gateway in front of a backend that carries on: the repository is created, the client gets a 503.
    server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/api/repos') {
          const { name } = JSON.parse(body) as { name: string };
          posts.push(name);
          repos.set(name, {
            id: String(repos.size + 1),
            name,
            path: name,
            cloneUrl: `${base}/${name}.git`,
            webUrl: `${base}/${name}`,
            description: 'Mirror of https://src.test/acme/api',
            visibility: 'private',
            fork: false,
            archived: false,
          });
          res.writeHead(503, { 'content-type': 'text/html' });
          res.end('<html>503 Service Unavailable</html>');
          return;
        }
        const found = req.method === 'GET' ? repos.get(req.url?.replace('/api/repos/', '') ?? '') : undefined;
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(found ?? { message: 'Not Found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a POST answered 503 is sent once; the client marks its outcome unknown; createTarget finds and adopts the repository', async () => {
    const client = new HttpClient({ baseUrl: `${base}/api`, retry: { minWaitMs: 1 } });
    const host = {
      createRepo: async (request: { name: string }) =>
        (await client.request<RepoInfo>('POST', '/repos', { body: { name: request.name } })).data,
      getRepo: async (name: string) => {
        const answer = await client.request<RepoInfo>('GET', `/repos/${name}`, { allowStatus: [404] });
        return answer.status === 404 ? undefined : answer.data;
      },
    } as unknown as Host;

    const failure = await host.createRepo({ name: 'direct', description: '', visibility: 'private' }).catch((e) => e);
    expect(failure).toBeInstanceOf(HostError);
    expect(failure).toMatchObject({ kind: 'server', status: 503, outcomeUnknown: true });
    expect(posts).toEqual(['direct']);

    const made = await createTarget({
      target: host,
      request: { name: 'api', description: 'Mirror of https://src.test/acme/api', visibility: 'private' },
      sourceWebUrl: 'https://src.test/acme/api',
      isEmpty: async () => false,
      minWaitMs: 1,
    });
    expect(made).toMatchObject({ adopted: true, repo: { name: 'api' } });
    expect(posts).toEqual(['direct', 'api']);
  });
});
