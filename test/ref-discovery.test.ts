/**
 * In-process ref discovery (issue 10 item 1) against the forge's real `git http-backend`: the same refs as
 * `git ls-remote --heads --tags --refs` on repositories with hundreds of refs, annotated and lightweight tags, unicode
 * and long names, an empty repository; protocol v2 (`ls-refs` with ref prefixes, two requests) and a server that only
 * speaks v0; redirects, retries, time limits, size bound; through an authenticating proxy and over HTTPS with a
 * private CA; errors that are clear and never carry a credential.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import type { Git } from '../src/git/git.js';
import { headersFor } from '../src/git/git-http-auth.js';
import { discoverRefs, listRemoteRefs, RefDiscoveryError, type RefListing } from '../src/git/ref-discovery.js';
import { parseLsRemote } from '../src/git/refs.js';
import { faults } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { runHttpBackend } from './forge/git-backend.js';
import { gitAs, outputOf, tempDir } from './forge/git-client.js';
import { startProxy, type TestProxy } from './forge/proxy.js';
import { git } from './forge/seed.js';
import { recordingSleep } from './support/recording-sleep.js';

const TOKEN = 'glpat-RefDiscovery-Secret-0123456789';
const PROXY_PASSWORD = 'proxy-Pa55-RefDiscovery';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const basic = (token: string) => `Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}`;
const credentialsFor = (url: string, token = TOKEN) => [{ url, header: `Authorization: ${basic(token)}` }];

const UNICODE_BRANCH = 'feature/ünïcödé-日本語-ветка';
const LONG_BRANCH = `long/${Array.from({ length: 24 }, (_, i) => `segment-${i}-abcdefghijklmnop`).join('/')}`;

/** One `git fast-import` run: a commit, hundreds of branches, lightweight and annotated tags, odd names. */
function seedManyRefs(dir: string): void {
  const who = 'Seed <seed@forge.test> 1700000000 +0000';
  const lines = ['commit refs/heads/main', 'mark :1', `committer ${who}`, 'data 5', 'init', ''];
  lines.push('commit refs/heads/second', 'mark :2', `committer ${who}`, 'data 7', 'second', 'from :1', '');
  const reset = (ref: string, mark: number) => lines.push(`reset ${ref}`, `from :${mark}`, '');
  for (let i = 0; i < 300; i++) reset(`refs/heads/branch-${String(i).padStart(3, '0')}`, 1 + (i % 2));
  for (let i = 0; i < 100; i++) reset(`refs/tags/light-${i}`, 1);
  for (let i = 0; i < 100; i++) {
    lines.push(`tag annotated-${i}`, `from :${1 + (i % 2)}`, `tagger ${who}`, 'data 8', 'release', '');
  }
  reset(`refs/heads/${UNICODE_BRANCH}`, 2);
  reset(`refs/tags/v1.0-ü`, 2);
  reset(`refs/heads/${LONG_BRANCH}`, 1);
  // Host-private refs: never part of the mirror's view (and not asked for over v2).
  reset('refs/merge-requests/7/head', 2);
  reset('refs/keep-around/abc', 1);
  // A name git accepts but the mirror refuses (a component starting with '-'): reported apart.
  reset('refs/heads/-dash', 1);
  git(dir, ['fast-import', '--quiet'], `${lines.join('\n')}\n`);
  git(dir, ['pack-refs', '--all']);
}

interface TinyServer {
  url: string;
  requests: string[];
  connections: number;
  /** Bodies of POST requests, and the text of every answer. */
  posted: string[];
  answers: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server with its own handler, keeping a record of what it saw. */
async function startTiny(
  handler: (req: IncomingMessage, res: ServerResponse, server: TinyServer) => void | Promise<void>,
): Promise<TinyServer> {
  const sockets = new Set<Socket>();
  const record: TinyServer = {
    url: '',
    requests: [],
    connections: 0,
    posted: [],
    answers: [],
    close: () => Promise.resolve(),
  };
  const server = http.createServer((req, res) => {
    record.requests.push(`${req.method} ${req.url}`);
    void handler(req, res, record);
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    record.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  record.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  record.close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return record;
}

/** `git http-backend` over the forge's repositories, without authentication; v0 only unless `v2`. */
function backendServer(projectRoot: string, v2: boolean) {
  return startTiny(async (req, res, record) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!v2) delete req.headers['git-protocol'];
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => record.posted.push(Buffer.concat(chunks).toString('utf8')));
    }
    const answer: Buffer[] = [];
    const write = res.write.bind(res);
    res.write = ((chunk: Buffer | string, ...rest: never[]) => {
      answer.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    }) as typeof res.write;
    await runHttpBackend(req, res, {
      projectRoot,
      pathInfo: url.pathname,
      queryString: url.search.slice(1),
      config: [['http.uploadpack', 'true']],
      env: {},
    });
    record.answers.push(Buffer.concat(answer).toString('utf8'));
  });
}

async function lsRemote(work: string, url: string, forgeUrl: string): Promise<ReturnType<typeof parseLsRemote>> {
  const result = await gitAs(work, ['ls-remote', '--heads', '--tags', '--refs', url], {
    url: forgeUrl,
    token: TOKEN,
    username: 'oauth2',
  });
  if (result.status !== 0) throw new Error(`git ls-remote failed: ${result.stderr}`);
  return parseLsRemote(result.stdout);
}

const failureOf = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );

const sorted = (listing: { refs: Map<string, string>; unsafe: string[] }) => ({
  refs: Object.fromEntries([...listing.refs].sort()),
  unsafe: [...listing.unsafe].sort(),
});

describe('ref discovery against git http-backend', () => {
  let forge: Forge;
  let work: string;
  let projectRoot: string;
  const urlOf = (name: string) => `${forge.url}/acme/${name}.git`;
  const gitRequestsTo = (name: string) => forge.gitRequests.filter((r) => r.repo === `acme/${name}`);

  beforeAll(async () => {
    process.env.MIRROR_RETRY_SCALE = '0.001';
    forge = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TOKEN }] });
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
    forge.addRepo('acme', 'many', { visibility: 'private', defaultBranch: 'second' });
    seedManyRefs(forge.repoDir('acme', 'many'));
    forge.addRepo('acme', 'empty', { visibility: 'private' });
    forge.addRepo('acme', 'small', { visibility: 'private' });
    forge.seed('acme', 'small', { branches: { main: ['a.txt'] }, tags: ['v1', { name: 'v2', message: 'Two' }] });
    work = tempDir('ref-discovery-');
    projectRoot = path.dirname(path.dirname(forge.repoDir('acme', 'many')));
  });

  afterAll(async () => {
    delete process.env.MIRROR_RETRY_SCALE;
    await forge.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('hundreds of refs, annotated and lightweight tags, unicode and long names: what git ls-remote lists', async () => {
    const before = gitRequestsTo('many').length;
    const listing = await discoverRefs(urlOf('many'), credentialsFor(urlOf('many')));
    // Protocol v2: the capability advertisement and one ls-refs, nothing more.
    expect(
      gitRequestsTo('many')
        .slice(before)
        .map((r) => [r.phase, r.status]),
    ).toEqual([
      ['advertise', 200],
      ['exchange', 200],
    ]);
    const expected = await lsRemote(work, urlOf('many'), forge.url);
    expect(sorted(listing)).toEqual(sorted(expected));
    expect(listing.refs.size).toBe(2 + 300 + 200 + 3);
    expect(listing.refs.get(`refs/heads/${UNICODE_BRANCH}`)).toMatch(/^[0-9a-f]{40}$/);
    expect(listing.refs.has(`refs/heads/${LONG_BRANCH}`)).toBe(true);
    // Annotated tags are listed with their tag object, never peeled.
    const tagObject = git(forge.repoDir('acme', 'many'), ['rev-parse', 'refs/tags/annotated-0']).trim();
    expect(listing.refs.get('refs/tags/annotated-0')).toBe(tagObject);
    expect([...listing.refs.keys()].some((ref) => ref.endsWith('^{}') || !/^refs\/(heads|tags)\//.test(ref))).toBe(
      false,
    );
    expect(listing.unsafe).toEqual(['refs/heads/-dash']);
    expect(listing.head).toBe('second');
  });

  test('an empty repository has no refs', async () => {
    const listing = await discoverRefs(urlOf('empty'), credentialsFor(urlOf('empty')));
    expect(sorted(listing)).toEqual({ refs: {}, unsafe: [] });
    expect(sorted(listing)).toEqual(sorted(await lsRemote(work, urlOf('empty'), forge.url)));
  });

  test('a server that speaks protocol v0 only: one request, the same refs and HEAD', async () => {
    const v0 = await backendServer(projectRoot, false);
    try {
      for (const name of ['many', 'small', 'empty']) {
        v0.requests.length = 0;
        const listing = await discoverRefs(`${v0.url}/acme/${name}.git`, []);
        expect(v0.requests).toEqual([`GET /acme/${name}.git/info/refs?service=git-upload-pack`]);
        expect(sorted(listing)).toEqual(sorted(await lsRemote(work, urlOf(name), forge.url)));
        if (name === 'many') expect(listing.head).toBe('second');
        if (name === 'small') expect(listing.head).toBe('main');
      }
    } finally {
      await v0.close();
    }
  });

  test('protocol v2 asks only for HEAD, branches and tags: host-private refs never cross the wire', async () => {
    const v2 = await backendServer(projectRoot, true);
    try {
      const listing = await discoverRefs(`${v2.url}/acme/many.git`, []);
      expect(v2.requests).toEqual([
        'GET /acme/many.git/info/refs?service=git-upload-pack',
        'POST /acme/many.git/git-upload-pack',
      ]);
      expect(v2.posted[0]).toMatch(/command=ls-refs\n/);
      for (const line of ['symrefs', 'ref-prefix HEAD', 'ref-prefix refs/heads/', 'ref-prefix refs/tags/']) {
        expect(v2.posted[0]).toContain(`${line}\n`);
      }
      expect(v2.answers[1]).toContain('refs/heads/main');
      expect(v2.answers[1]).not.toMatch(/merge-requests|keep-around/);
      expect(listing.refs.size).toBe(505);
    } finally {
      await v2.close();
    }
  });

  test('keep-alive: repeated discoveries on one host share connections', async () => {
    const v0 = await backendServer(projectRoot, false);
    try {
      for (let i = 0; i < 10; i++) await discoverRefs(`${v0.url}/acme/small.git`, []);
      expect(v0.requests).toHaveLength(10);
      expect(v0.connections).toBeLessThan(10);
    } finally {
      await v0.close();
    }
  });

  test('a wrong token, a missing repository: clear messages without any credential', async () => {
    const wrong = 'glpat-Wrong-Secret-987654321';
    const refused = await failureOf(discoverRefs(urlOf('small'), credentialsFor(urlOf('small'), wrong)));
    expect(refused.message).toBe(
      `reading the refs of ${urlOf('small')} failed: authentication failed (HTTP 401): the token was refused`,
    );
    const missing = await failureOf(discoverRefs(urlOf('nope'), credentialsFor(urlOf('nope'))));
    expect(missing.message).toMatch(/acme\/nope\.git failed: repository not found \(HTTP 404\)$/);
    for (const error of [refused, missing]) {
      expect(`${error.message}\n${error.stack}`).not.toMatch(/Wrong-Secret|RefDiscovery-Secret|b2F1dGgy/);
    }
  });

  test('the header goes only where git would send it: the clone URL or below it, same origin', () => {
    const header = { url: 'https://git.test/acme/one.git', header: 'Authorization: Bearer abc' };
    expect(headersFor(new URL('https://git.test/acme/one.git'), [header])).toEqual({ authorization: 'Bearer abc' });
    expect(headersFor(new URL('https://git.test/acme/one.git/info/refs'), [header])).toEqual({
      authorization: 'Bearer abc',
    });
    for (const other of [
      'https://git.test/acme/one.git2',
      'https://git.test/acme/two.git',
      'http://git.test/acme/one.git',
      'https://git.test:8443/acme/one.git',
      'https://evil.test/acme/one.git',
    ]) {
      expect(headersFor(new URL(other), [header])).toEqual({});
    }
  });

  test('transient answers (502, reset) are retried, boundedly; a permanent one fails after the retries', async () => {
    forge.injectFault({ kind: 'git', path: '/acme/small.git/info/refs', times: 1 }, faults.status(502));
    forge.injectFault({ kind: 'git', path: '/acme/small.git/git-upload-pack', times: 1 }, faults.reset());
    const listing = await discoverRefs(urlOf('small'), credentialsFor(urlOf('small')));
    expect([...listing.refs.keys()].sort()).toEqual(['refs/heads/main', 'refs/tags/v1', 'refs/tags/v2']);

    forge.injectFault({ kind: 'git', path: '/acme/small.git/info/refs', times: Infinity }, faults.status(503));
    try {
      const error = await failureOf(discoverRefs(urlOf('small'), credentialsFor(urlOf('small')), { retries: 2 }));
      expect(error.message).toMatch(/small\.git failed: HTTP 503 \(gave up after 3 tries\)$/);
    } finally {
      forge.clearFaults();
    }
  });

  test('a ref read follows the one retry policy: the waits it asks for are the waits taken (injected sleep)', async () => {
    // Each answer in turn, then the real refs: what the policy is asked about is all that differs between reads.
    let script: Array<[number, Record<string, string>]> = [];
    const v0 = await backendServer(projectRoot, false);
    const scripted = await startTiny((req, res) => {
      const next = script.shift();
      if (next) {
        res.writeHead(next[0], { 'content-type': 'text/plain', ...next[1] }).end('no');
        return;
      }
      res.writeHead(307, { location: `${v0.url}${req.url}` }).end();
    });
    const url = `${scripted.url}/acme/small.git`;
    const { waits, sleep } = recordingSleep();
    try {
      // 429 with Retry-After, a 403 whose quota is used up until a reset in 4 s: waited exactly as the server asks.
      script = [
        [429, { 'retry-after': '7' }],
        [403, { 'ratelimit-remaining': '0', 'ratelimit-reset': '4' }],
      ];
      const listing = await discoverRefs(url, [], { sleep });
      expect([...listing.refs.keys()].sort()).toEqual(['refs/heads/main', 'refs/tags/v1', 'refs/tags/v2']);
      expect(waits).toEqual([7000, 4000]);

      // No wait asked: the policy's backoff for ref reads (REF_READ_RETRY_LIMITS: 50-100 % of 0.5 s, then of 1 s).
      waits.length = 0;
      script = [
        [502, {}],
        [504, {}],
      ];
      await discoverRefs(url, [], { sleep });
      expect(waits).toHaveLength(2);
      expect(waits[0]).toBeGreaterThanOrEqual(250);
      expect(waits[0]).toBeLessThanOrEqual(500);
      expect(waits[1]).toBeGreaterThanOrEqual(500);
      expect(waits[1]).toBeLessThanOrEqual(1000);

      // A wait beyond the policy's bound on one wait is not taken: the read fails at once, saying why.
      waits.length = 0;
      script = [[503, { 'retry-after': '3600' }]];
      const far = await failureOf(discoverRefs(url, [], { sleep }));
      expect(far.message).toMatch(
        /small\.git failed: HTTP 503 \(the server asked to wait 3600 s, more than the 60 s bound\)$/,
      );
      expect((far as RefDiscoveryError).kind).toBe('server');
      expect(waits).toEqual([]);

      // What the policy does not retry (404, 500) fails at once; the retries are bounded (2 by default).
      for (const status of [404, 500]) {
        script = [[status, {}]];
        expect((await failureOf(discoverRefs(url, [], { sleep }))).message).toMatch(new RegExp(`HTTP ${status}\\)?$`));
      }
      expect(waits).toEqual([]);
      script = [
        [429, { 'retry-after': '1' }],
        [429, { 'retry-after': '2' }],
        [429, { 'retry-after': '3' }],
      ];
      const limited = await failureOf(discoverRefs(url, [], { sleep }));
      expect(limited.message).toMatch(/HTTP 429 \(rate limited\) \(gave up after 3 tries\)$/);
      expect((limited as RefDiscoveryError).kind).toBe('rate-limited');
      expect(waits).toEqual([1000, 2000]);
    } finally {
      await Promise.all([scripted.close(), v0.close()]);
    }
  });

  test('a stall is retried once, however many retries the read may make', async () => {
    const silent = await startTiny(() => undefined);
    const { waits, sleep } = recordingSleep();
    try {
      const error = await failureOf(discoverRefs(`${silent.url}/a/b.git`, [], { timeoutMs: 300, retries: 4, sleep }));
      expect(error.message).toMatch(
        /stalled: 127\.0\.0\.1:\d+ sent no data for 0\.3 s \(no answer; request-timeout\) \(after 2 attempts\)$/,
      );
      expect((error as RefDiscoveryError).kind).toBe('timeout');
      expect(silent.requests).toHaveLength(2);
      expect(waits).toHaveLength(1);
    } finally {
      await silent.close();
    }
  });

  test('redirects: followed on the same origin with the header, never carrying it to another origin', async () => {
    forge.injectFault(
      { kind: 'git', path: '/acme/old-name.git/info/refs', times: 1 },
      { status: 301, headers: { location: '/acme/small.git/info/refs?service=git-upload-pack' } },
    );
    const listing = await discoverRefs(urlOf('old-name'), credentialsFor(urlOf('old-name')));
    expect(listing.refs.has('refs/heads/main')).toBe(true);

    const seen: (string | undefined)[] = [];
    const elsewhere = await startTiny((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(404).end();
    });
    const redirecting = await startTiny((req, res) => {
      res.writeHead(302, { location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}${req.url}` }).end();
    });
    try {
      const url = `${redirecting.url}/acme/small.git`;
      const error = await failureOf(discoverRefs(url, credentialsFor(url)));
      expect(error.message).toMatch(/repository not found \(HTTP 404\)/);
      expect(seen).toEqual([undefined]);
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });

  test('a stalled server is abandoned at the time limit (before the headers, or in the middle of the body)', async () => {
    const silent = await startTiny(() => undefined);
    const stalling = await startTiny((req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-git-upload-pack-advertisement' });
      res.write('001e# service=git-upload-pack\n');
    });
    try {
      const noAnswer = await failureOf(discoverRefs(`${silent.url}/a/b.git`, [], { timeoutMs: 300, retries: 1 }));
      expect(noAnswer.message).toMatch(
        /b\.git failed: stalled: 127\.0\.0\.1:\d+ sent no data for 0\.3 s \(no answer; request-timeout\) \(after 2 attempts\)/,
      );
      expect(silent.requests).toHaveLength(2);
      const stalled = await failureOf(discoverRefs(`${stalling.url}/a/b.git`, [], { timeoutMs: 300, retries: 0 }));
      expect(stalled.message).toMatch(/stalled: 127\.0\.0\.1:\d+ sent no data for 0\.3 s \(mid-answer/);
    } finally {
      await Promise.all([silent.close(), stalling.close()]);
    }
  });

  test('an abort signal stops a discovery at once', async () => {
    const silent = await startTiny(() => undefined);
    try {
      const controller = new AbortController();
      const pending = failureOf(discoverRefs(`${silent.url}/a/b.git`, [], { signal: controller.signal }));
      while (!silent.requests.length) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      expect((await pending).message).toMatch(/ran out of time/);
    } finally {
      await silent.close();
    }
  });

  test('answers are bounded in size, and must be smart git answers', async () => {
    const big = await failureOf(discoverRefs(urlOf('many'), credentialsFor(urlOf('many')), { maxBytes: 1000 }));
    expect(big.message).toMatch(/larger than the 1000-byte bound/);
    const portal = await startTiny((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
    });
    try {
      const error = await failureOf(discoverRefs(`${portal.url}/a/b.git`, []));
      expect(error.message).toMatch(/not a smart git HTTP answer \(HTTP 200, text\/html; a login page/);
    } finally {
      await portal.close();
    }
  });

  test('smart HTTP URLs never start git; other transports are handed to git ls-remote', async () => {
    const calls: string[][] = [];
    const stub = {
      run: (args: string[]) => {
        calls.push(args);
        return Promise.resolve({ code: 0, stdout: '', stderr: '' });
      },
    } as unknown as Git;
    await listRemoteRefs(stub, urlOf('small'), credentialsFor(urlOf('small')));
    expect(calls).toEqual([]);
    // SSH URLs go to `git ls-remote` (after `--`, so no URL can be read as an option); other schemes are refused.
    await listRemoteRefs(stub, 'git@git.test:acme/small.git', []);
    expect(calls).toEqual([
      [
        'ls-remote',
        '--refs',
        '--',
        'git@git.test:acme/small.git',
        'refs/heads/*',
        'refs/tags/*',
        'refs/mirror-history/*',
      ],
    ]);
    const error = await failureOf(listRemoteRefs(stub, 'ext::sh -c touch% pwned', []));
    expect(error.message).toMatch(/refusing to use .* as a git URL/);
  });
});

describe('ref discovery through a proxy and over HTTPS with a private CA', () => {
  let forge: Forge;
  let proxy: TestProxy;
  let work: string;
  const url = () => `${forge.url}/acme/one.git`;
  const expected = (listing: RefListing) => expect([...listing.refs.keys()].sort()).toEqual(['refs/heads/main']);

  beforeAll(async () => {
    forge = await startForge({ type: 'gitlab', tls: true, users: [{ username: 'mirror-bot', token: TOKEN }] });
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
    forge.addRepo('acme', 'one', { visibility: 'private' });
    forge.seed('acme', 'one', { branches: { main: ['README.md'] } });
    proxy = await startProxy({ username: 'proxy-user', password: PROXY_PASSWORD });
    work = tempDir('ref-discovery-tls-');
  });

  afterAll(async () => {
    await proxy.close();
    await forge.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('GIT_SSL_CAINFO is trusted; without a CA the certificate is refused with a clear message', async () => {
    expected(await discoverRefs(url(), credentialsFor(url()), { env: { GIT_SSL_CAINFO: forge.caFile } }));
    const refused = await failureOf(discoverRefs(url(), credentialsFor(url()), { env: {}, retries: 0 }));
    expect(refused.message).toMatch(/TLS certificate not trusted .*NODE_EXTRA_CA_CERTS or GIT_SSL_CAINFO/);
    expect(refused.message).not.toContain(TOKEN);
  });

  test('NODE_EXTRA_CA_CERTS is trusted (a separate Node process: Node reads it at start)', async () => {
    const script = path.join(work, 'discover.ts');
    fs.writeFileSync(path.join(work, 'package.json'), '{"type":"module"}\n');
    fs.writeFileSync(
      script,
      `import { discoverRefs } from ${JSON.stringify(path.join(ROOT, 'src/git/ref-discovery.js'))};
const url = process.env.DISCOVER_URL!;
const listing = await discoverRefs(url, [{ url, header: process.env.DISCOVER_HEADER! }], { retries: 0 });
console.log('REFS ' + [...listing.refs.keys()].join(','));
`,
    );
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(HTTPS?_PROXY|NO_PROXY|GIT_SSL_CAINFO|NODE_EXTRA_CA_CERTS)$/i.test(key)) {
        env[key] = value;
      }
    }
    const result = await outputOf(
      spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [script], {
        cwd: ROOT,
        env: {
          ...env,
          NODE_EXTRA_CA_CERTS: forge.caFile!,
          DISCOVER_URL: url(),
          DISCOVER_HEADER: `Authorization: ${basic(TOKEN)}`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('REFS refs/heads/main');
  }, 60_000);

  test('through an authenticating HTTPS_PROXY (CONNECT), and directly for NO_PROXY hosts', async () => {
    proxy.requests.length = 0;
    const env = { GIT_SSL_CAINFO: forge.caFile, HTTPS_PROXY: proxy.urlWithCredentials };
    expected(await discoverRefs(url(), credentialsFor(url()), { env }));
    const port = new URL(forge.url).port;
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every((line) => line === `CONNECT 127.0.0.1:${port}`)).toBe(true);

    proxy.requests.length = 0;
    expected(await discoverRefs(url(), credentialsFor(url()), { env: { ...env, NO_PROXY: '127.0.0.1' } }));
    expect(proxy.requests).toEqual([]);
  });

  test('a proxy refusing its credentials: a clear failure, no proxy password or token in it', async () => {
    const wrong = proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'wrong-Proxy-Secret');
    proxy.refused.length = 0;
    const error = await failureOf(
      discoverRefs(url(), credentialsFor(url()), {
        env: { GIT_SSL_CAINFO: forge.caFile, HTTPS_PROXY: wrong },
        retries: 0,
      }),
    );
    expect(error.message).toMatch(/^reading the refs of https:\/\/127\.0\.0\.1:\d+\/acme\/one\.git failed: /);
    expect(`${error.message}\n${error.stack}`).not.toMatch(/wrong-Proxy-Secret|Pa55-RefDiscovery|RefDiscovery-Secret/);
    expect(proxy.refused.length).toBeGreaterThan(0);
  });

  test('plain HTTP through HTTP_PROXY', async () => {
    const plain = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TOKEN }] });
    try {
      plain.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
      plain.addRepo('acme', 'one', { visibility: 'private' });
      plain.seed('acme', 'one', { branches: { main: ['README.md'] } });
      proxy.requests.length = 0;
      const plainUrl = `${plain.url}/acme/one.git`;
      expected(
        await discoverRefs(plainUrl, credentialsFor(plainUrl), { env: { HTTP_PROXY: proxy.urlWithCredentials } }),
      );
      expect(proxy.requests.length).toBeGreaterThan(0);
      expect(proxy.requests.every((line) => line.includes(`127.0.0.1:${new URL(plain.url).port}`))).toBe(true);
    } finally {
      await plain.stop();
    }
  });
});
