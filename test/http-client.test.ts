import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { HostError } from '../src/hosts/host.js';
import { HttpClient, safeUrl, stripUserInfo, type RequestEvent } from '../src/hosts/http-client.js';
import { requestedWaitMs } from '../src/hosts/retry-policy.js';
import { recordingSleep } from './support/recording-sleep.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function json(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(data));
}

const TOKEN = 'tok-very-secret-123';

function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
  return new HttpClient({
    baseUrl: `${baseUrl}/api`,
    headers: { authorization: `Bearer ${TOKEN}` },
    label: 'test',
    ...extra,
    retry: { minWaitMs: 10, ...extra.retry },
  });
}

async function failure(promise: Promise<unknown>): Promise<HostError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HostError);
    return error as HostError;
  }
  throw new Error('expected a HostError');
}

describe('HttpClient', () => {
  it('sends auth, query and JSON body and parses the JSON answer', async () => {
    const seen: { url?: string; auth?: string; type?: string; body?: string }[] = [];
    const base = await serve((req, res, body) => {
      seen.push({ url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
      json(res, 201, { ok: true });
    });
    const response = await client(base).request<{ ok: boolean }>('POST', '/things', {
      query: { a: 'x y', skip: undefined, n: 2 },
      body: { name: 'n' },
    });
    expect(response).toMatchObject({ status: 201, data: { ok: true } });
    expect(seen).toEqual([
      { url: '/api/things?a=x+y&n=2', auth: `Bearer ${TOKEN}`, type: 'application/json', body: '{"name":"n"}' },
    ]);
  });

  it('returns undefined data for 204 and allowed statuses instead of throwing', async () => {
    const base = await serve((req, res) => {
      if (req.url?.endsWith('/gone')) return json(res, 404, { errors: [{ message: 'nope' }] });
      res.writeHead(204).end();
    });
    const http = client(base);
    expect((await http.request('PUT', '/x', { body: {} })).status).toBe(204);
    expect((await http.request('GET', '/gone', { allowStatus: [404] })).status).toBe(404);
    const error = await failure(http.request('GET', '/gone'));
    expect(error.status).toBe(404);
    expect(error.message).toContain('nope');
  });

  it('honours Retry-After on 429 and counts every attempt', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) return json(res, 429, { message: 'slow down' }, { 'retry-after': '1' });
      json(res, 200, { calls });
    });
    const events: RequestEvent[] = [];
    const { waits, sleep } = recordingSleep();
    const response = await client(base, { onRequest: (e) => events.push(e), sleep }).request<{ calls: number }>(
      'GET',
      '/r',
    );
    // The one wait before the retry is the 1 s the server asked for (the backoff alone would be 5-10 ms).
    expect(waits).toEqual([1000]);
    expect(response.data.calls).toBe(2);
    expect(events.map((e) => e.attempt)).toEqual([0, 1]);
    expect(events[0].url).toBe(`${base}/api/r`);
  });

  it('fails fast when Retry-After exceeds the bound on one wait', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls += 1;
      json(res, 503, { message: 'maintenance' }, { 'retry-after': '3600' });
    });
    const { waits, sleep } = recordingSleep();
    const error = await failure(client(base, { retry: { maxWaitMs: 60_000 }, sleep }).request('GET', '/r'));
    // Not one wait, not one retry.
    expect(waits).toEqual([]);
    expect(calls).toBe(1);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/asked to wait 3600 s, more than the 60 s bound/);
  });

  it('bounds the total time spent waiting', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls += 1;
      json(res, 502, {}, { 'retry-after': '0.2' });
    });
    const { waits, sleep } = recordingSleep();
    const error = await failure(
      client(base, { retry: { maxRetries: 10, maxTotalWaitMs: 500 }, sleep }).request('GET', '/r'),
    );
    expect(error.status).toBe(502);
    expect(waits).toEqual([200, 200]); // 2 waits of 200 ms fit in 500 ms, a third does not
    expect(calls).toBe(3);
    expect(error.message).toMatch(/gave up after 3 tries/);
  });

  it('retries 502/504 with backoff and gives the last status after maxRetries', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls += 1;
      json(res, calls < 3 ? 504 : 200, { calls });
    });
    expect((await client(base).request<{ calls: number }>('GET', '/r')).data.calls).toBe(3);
    calls = -100;
    const error = await failure(client(base, { retry: { maxRetries: 2 } }).request('GET', '/r'));
    expect(error.status).toBe(504);
    expect(calls).toBe(-97);
  });

  it('does not retry a POST on 502 (it may have been applied) but does on 429', async () => {
    let calls = 0;
    const base = await serve((req, res) => {
      calls += 1;
      if (req.url?.endsWith('/bad-gateway')) return json(res, 502, {});
      json(res, calls === 2 ? 429 : 201, {});
    });
    const http = client(base);
    expect((await failure(http.request('POST', '/bad-gateway', { body: {} }))).status).toBe(502);
    expect(calls).toBe(1);
    expect((await http.request('POST', '/create', { body: {} })).status).toBe(201);
    expect(calls).toBe(3);
  });

  it('retries a connection reset', async () => {
    let calls = 0;
    const base = await serve((req, res) => {
      calls += 1;
      if (calls === 1) return req.socket.destroy();
      json(res, 200, { calls });
    });
    expect((await client(base).request<{ calls: number }>('GET', '/r')).data.calls).toBe(2);
  });

  it('turns an HTML page into a clear error without the query string', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    const error = await failure(client(base).request('GET', '/repos', { query: { access_token: 'q-secret' } }));
    expect(error.message).toContain(`expected JSON from GET ${base}/api/repos, got text/html`);
    expect(error.message).not.toContain('q-secret');
    expect(error.message).not.toContain('proxy login');
  });

  it('turns truncated JSON into a clear error that does not quote the body', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"values": [{"token": "${TOKEN}"`);
    });
    const error = await failure(client(base).request('GET', '/r'));
    expect(error.message).toMatch(/invalid or truncated JSON from GET/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('never puts the token into an error message, even when the server echoes it', async () => {
    const basic = Buffer.from(`me:${TOKEN}`).toString('base64');
    const base = await serve((req, res) =>
      json(res, 401, { errors: [{ message: `Bad credentials: ${req.headers.authorization}` }] }),
    );
    for (const authorization of [`Bearer ${TOKEN}`, `Basic ${basic}`]) {
      const error = await failure(
        new HttpClient({ baseUrl: base, headers: { authorization }, retry: { maxRetries: 0 } }).request('GET', '/me'),
      );
      expect(error.status).toBe(401);
      expect(error.message).toContain('Bad credentials');
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain(basic);
    }
  });

  it('refuses to follow an absolute URL on another origin', async () => {
    const base = await serve((_req, res) => json(res, 200, {}));
    const error = await failure(client(base).request('GET', 'http://127.0.0.2:1/api/next?page=2'));
    expect(error.message).toMatch(/refusing to follow http:\/\/127\.0\.0\.2:1\/api\/next/);
  });

  it('times out a request that gets no answer', async () => {
    const base = await serve(() => undefined);
    // The server never answers: only the attempt's time limit can end the request (a hang would meet jest's limit).
    const error = await failure(client(base, { timeoutMs: 300, retry: { maxRetries: 0 } }).request('GET', '/hang'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/GET .*\/api\/hang failed: UND_ERR_HEADERS_TIMEOUT/);
  });
});

describe('helpers', () => {
  it('reads Retry-After as seconds or date, and rate-limit reset headers', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(requestedWaitMs({ 'retry-after': '2' }, now)).toBe(2000);
    expect(requestedWaitMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }, now)).toBe(5000);
    expect(requestedWaitMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 7) }, now)).toBe(
      7000,
    );
    expect(requestedWaitMs({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '123' }, now)).toBeUndefined();
  });

  it('strips credentials and queries from URLs', () => {
    expect(stripUserInfo('https://me@bitbucket.org/ws/repo.git')).toBe('https://bitbucket.org/ws/repo.git');
    expect(safeUrl('https://u:p@host/a/b?token=x#f')).toBe('https://host/a/b');
  });
});
