/**
 * The git runner (src/git/git.ts), ref parsing and safety (src/git/refs.ts) and push porcelain parsing
 * (src/git/cache-repo.ts), with real git processes against loopback servers. Servers run in this process, so git
 * always runs asynchronously.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { lsRemote, parsePorcelain } from '../src/git/cache-repo.js';
import { Git, GitError, gitFailureKind } from '../src/git/git.js';
import { isSafeRefName, parseLsRemote, sameRefs } from '../src/git/refs.js';
import { faults } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { gitSpy } from './support/cli.js';
import { scaled } from './support/time-scale.mjs';

const SHA1 = '1'.repeat(40);
const SHA2 = '2'.repeat(40);
const SHA3 = 'a'.repeat(40);
const SHA256 = 'b'.repeat(64);

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'git-runner-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** An HTTP server on loopback that records the Authorization header of every request and answers 401. */
async function recordingServer(): Promise<{ url: string; seen: Array<string | undefined>; close(): Promise<void> }> {
  const seen: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    req.resume();
    res.writeHead(401, { 'www-authenticate': 'Basic realm="test"', 'content-type': 'text/plain' });
    res.end('Authentication required\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('parseLsRemote', () => {
  test('keeps branches and tags only: no host-private refs, HEAD or peeled tags', () => {
    const output = [
      `${SHA1}\tHEAD`,
      `${SHA1}\trefs/heads/main`,
      `${SHA2}\trefs/heads/feature/x`,
      `${SHA3}\trefs/tags/v1`,
      `${SHA1}\trefs/tags/v1^{}`,
      `${SHA2}\trefs/pull/7/head`,
      `${SHA2}\trefs/pull/7/merge`,
      `${SHA2}\trefs/merge-requests/3/head`,
      `${SHA2}\trefs/keep-around/${SHA2}`,
      `${SHA2}\trefs/remotes/origin/main`,
      `${SHA256}\trefs/heads/sha256`,
      `not-a-sha\trefs/heads/garbage`,
      'no tab here',
      '',
    ].join('\n');
    const { refs, unsafe } = parseLsRemote(output);
    expect(Object.fromEntries(refs)).toEqual({
      'refs/heads/main': SHA1,
      'refs/heads/feature/x': SHA2,
      'refs/tags/v1': SHA3,
      'refs/heads/sha256': SHA256,
    });
    expect(unsafe).toEqual([]);
  });

  test('hostile ref names are set apart, never returned as refs', () => {
    const hostile = [
      'refs/heads/-delete',
      'refs/heads/--upload-pack=touch pwned',
      'refs/heads/a..b',
      'refs/heads/../../etc/passwd',
      'refs/heads/a\u0001b',
      'refs/heads/a\u007fb',
      'refs/heads/a b',
      'refs/heads/x@{1}',
      'refs/heads/main.lock',
      'refs/tags/v1.lock',
      'refs/heads/.hidden',
      'refs/heads/trailing/',
      'refs/heads/trailing.',
      'refs/heads/a//b',
      'refs/heads/a:b',
      'refs/heads/a\\b',
      'refs/heads/a~1',
      'refs/heads/a^2',
      'refs/heads/*',
      'refs/heads/a?',
      'refs/heads/[x]',
      `refs/heads/${'x'.repeat(2000)}`,
    ];
    const { refs, unsafe } = parseLsRemote(hostile.map((ref) => `${SHA1}\t${ref}`).join('\n'));
    expect(refs.size).toBe(0);
    expect(unsafe).toEqual(hostile);
    for (const ref of hostile) expect(isSafeRefName(ref)).toBe(false);
  });

  test('ordinary names, unicode included, are safe', () => {
    for (const ref of [
      'refs/heads/main',
      'refs/heads/feature/x-1_2',
      'refs/tags/v1.2.3',
      'refs/heads/fünf',
      'refs/heads/a.b',
    ]) {
      expect(isSafeRefName(ref)).toBe(true);
    }
    expect(isSafeRefName('HEAD')).toBe(false);
    expect(isSafeRefName('refs/pull/1/head')).toBe(false);
  });

  test('sameRefs compares names and values', () => {
    const a = new Map([['refs/heads/main', SHA1]]);
    expect(sameRefs(a, new Map([['refs/heads/main', SHA1]]))).toBe(true);
    expect(sameRefs(a, new Map([['refs/heads/main', SHA2]]))).toBe(false);
    expect(sameRefs(a, new Map([['refs/heads/other', SHA1]]))).toBe(false);
    expect(sameRefs(a, new Map())).toBe(false);
  });
});

describe('gitFailureKind', () => {
  test.each([
    ["fatal: Authentication failed for 'https://h/x.git/'", 'auth'],
    ["fatal: could not read Username for 'https://h': terminal prompts disabled", 'auth'],
    ['git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'auth'],
    ["fatal: unable to access 'https://h/x.git/': The requested URL returned error: 403", 'forbidden'],
    ["remote: Repository not found.\nfatal: repository 'https://h/x.git/' not found", 'not-found'],
    ["fatal: unable to access 'https://h/x.git/': The requested URL returned error: 429", 'rate-limited'],
    ["fatal: unable to access 'https://h/x.git/': The requested URL returned error: 503", 'server'],
    ['error: RPC failed; curl 18 transfer closed with outstanding read data remaining', 'connection'],
    ["fatal: unable to access 'https://h/': Could not resolve host: h", 'connection'],
    ['error: RPC failed; curl 28 Operation too slow. Less than 1 bytes/sec transferred the last 5 seconds', 'timeout'],
    ['\ngit timed out after 30 s', 'timeout'],
    [' ! [remote rejected] main -> main (pre-receive hook declined)', 'push-refused'],
    ['fatal: bad object 1234567890abcdef1234567890abcdef12345678', 'unexpected'],
  ] as const)('%s → %s', (stderr, kind) => {
    expect(gitFailureKind(stderr)).toBe(kind);
    expect(new GitError('git failed', 128, stderr).kind).toBe(kind);
  });
});

describe('parsePorcelain', () => {
  test('reads every flag of git push --porcelain', () => {
    const stdout = [
      'To http://127.0.0.1:1234/mirrors/api.git',
      `*\t${SHA1}:refs/heads/new\t[new branch]`,
      ` \t${SHA2}:refs/heads/main\t${SHA1.slice(0, 7)}..${SHA2.slice(0, 7)}`,
      `+\t${SHA3}:refs/heads/dev\t${SHA1.slice(0, 7)}...${SHA3.slice(0, 7)} (forced update)`,
      '-\t:refs/tags/old\t[deleted]',
      `=\t${SHA1}:refs/tags/v1\t[up to date]`,
      `!\t${SHA2}:refs/heads/protected\t[remote rejected] (pre-receive hook declined)`,
      `!\t${SHA2}:refs/heads/stale\t[rejected] (stale info)`,
      'Done',
    ].join('\n');
    const outcomes = parsePorcelain(stdout);
    expect([...outcomes.keys()]).toEqual([
      'refs/heads/new',
      'refs/heads/main',
      'refs/heads/dev',
      'refs/tags/old',
      'refs/tags/v1',
      'refs/heads/protected',
      'refs/heads/stale',
    ]);
    expect(outcomes.get('refs/heads/new')).toEqual({ ref: 'refs/heads/new', ok: true, forced: false });
    expect(outcomes.get('refs/heads/dev')).toMatchObject({ ok: true, forced: true });
    expect(outcomes.get('refs/tags/old')).toMatchObject({ ok: true, forced: false });
    expect(outcomes.get('refs/tags/v1')).toMatchObject({ ok: true });
    expect(outcomes.get('refs/heads/protected')).toEqual({
      ref: 'refs/heads/protected',
      ok: false,
      forced: false,
      message: '[remote rejected] (pre-receive hook declined)',
      kind: 'push-refused',
    });
    expect(outcomes.get('refs/heads/stale')).toMatchObject({ message: '[rejected] (stale info)', kind: 'conflict' });
  });

  test('reads what a real git push --porcelain prints', async () => {
    const remote = path.join(work, 'porcelain-remote.git');
    const local = path.join(work, 'porcelain-local');
    const git = new Git({
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
    await git.run(['init', '--bare', '-q', remote]);
    await git.run(['init', '-q', local]);
    await git.run(['commit', '-q', '--allow-empty', '-m', 'one'], { cwd: local });
    await git.run(['push', '-q', remote, 'HEAD:refs/heads/main', 'HEAD:refs/heads/gone'], { cwd: local });
    await git.run(['commit', '-q', '--allow-empty', '-m', 'two'], { cwd: local });
    const result = await git.run(
      [
        'push',
        '--porcelain',
        `--force-with-lease=refs/heads/main:${'0'.repeat(40)}`,
        remote,
        'HEAD:refs/heads/main',
        'HEAD:refs/heads/fresh',
        ':refs/heads/gone',
      ],
      { cwd: local, allowFailure: true },
    );
    const outcomes = parsePorcelain(result.stdout);
    expect(outcomes.get('refs/heads/main')).toMatchObject({ ok: false, message: expect.stringMatching(/stale info/) });
    expect(outcomes.get('refs/heads/fresh')).toMatchObject({ ok: true });
    expect(outcomes.get('refs/heads/gone')).toMatchObject({ ok: true });
  });
});

describe('Git runner environment', () => {
  const header = 'Authorization: Basic c2VjcmV0LXRva2Vu';

  test('credentials only in GIT_CONFIG_VALUE_n, scoped to their URL; no prompt, no helper', () => {
    const git = new Git({ env: {}, credentials: [{ url: 'https://a.test/ns/repo.git', header }] });
    const env = git.environment({
      credentials: [{ url: 'https://b.test/x.git', header: 'Authorization: Bearer other' }],
    });
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    const count = Number(env.GIT_CONFIG_COUNT);
    const entries = Array.from({ length: count }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`], env[`GIT_CONFIG_VALUE_${i}`]]);
    expect(entries).toContainEqual(['http.https://a.test/ns/repo.git.extraHeader', header]);
    expect(entries).toContainEqual(['http.https://b.test/x.git.extraHeader', 'Authorization: Bearer other']);
    expect(entries).toContainEqual(['credential.helper', '']);
    // The header appears in exactly one variable, a GIT_CONFIG_VALUE_n.
    const holders = Object.entries(env).filter(([, value]) => value?.includes('c2VjcmV0LXRva2Vu'));
    expect(holders).toHaveLength(1);
    expect(holders[0][0]).toMatch(/^GIT_CONFIG_VALUE_\d+$/);
  });

  test("the caller's GIT_CONFIG_*, GIT_DIR and friends never reach git", async () => {
    const repo = path.join(work, 'scrub');
    fs.mkdirSync(repo);
    const hostile: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_DIR: path.join(work, 'elsewhere.git'),
      GIT_WORK_TREE: '/',
      GIT_CONFIG_PARAMETERS: "'user.name'='from-parameters'",
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'user.email',
      GIT_CONFIG_VALUE_0: 'from-caller@evil.test',
      GIT_CONFIG_KEY_7: 'core.sshCommand',
      GIT_CONFIG_VALUE_7: 'touch pwned',
      GIT_ASKPASS: '/bin/echo',
    };
    const git = new Git({ env: hostile });
    const env = git.environment();
    for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CONFIG_PARAMETERS', 'GIT_ASKPASS', 'GIT_CONFIG_KEY_7']) {
      expect(env[key]).toBeUndefined();
    }
    await git.run(['init', '-q', repo]);
    const gitDir = await git.run(['rev-parse', '--absolute-git-dir'], { cwd: repo });
    expect(fs.realpathSync(gitDir.stdout.trim())).toBe(fs.realpathSync(path.join(repo, '.git')));
    const config = await git.run(['config', '--list'], { cwd: repo });
    expect(config.stdout).not.toMatch(/from-parameters|from-caller|sshcommand/i);
  });

  test('the header reaches only the URL it is scoped to, and never argv', async () => {
    const server = await recordingServer();
    const spy = gitSpy(path.join(work, 'spy'));
    try {
      const git = new Git({ env: { ...process.env, PATH: `${spy.binDir}${path.delimiter}${process.env.PATH}` } });
      const mine = `${server.url}/ns1/repo.git`;
      const other = `${server.url}/ns2/other.git`;
      const credentials = [
        { url: mine, header: 'Authorization: Basic bWluZQ==' },
        { url: other, header: 'Authorization: Basic b3RoZXI=' },
      ];
      // The time limit only guards against a hang: a git that prompted would wait for it.
      const result = await git.run(['ls-remote', mine], { credentials, allowFailure: true, timeoutMs: scaled(60_000) });
      // No prompt: git says it may not ask for a password and fails on the 401 itself, not at the time limit.
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/terminal prompts disabled/);
      expect(result.stderr).not.toMatch(/timed out after/);
      expect(server.seen.length).toBeGreaterThan(0);
      expect(server.seen.every((value) => value === 'Basic bWluZQ==')).toBe(true);
      const argv = spy.calls().join('\n');
      expect(argv).toContain('ls-remote');
      expect(argv).not.toMatch(/bWluZQ==|b3RoZXI=|Authorization|extraHeader/);
    } finally {
      await server.close();
    }
  });

  test('a transfer without data for stallSeconds is abandoned, retried once, and reported as a stall', async () => {
    // Accepts the connection, reads the request, never answers: libcurl's low-speed check covers the wait for headers.
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.resume();
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const git = new Git({ stallSeconds: 1, timeoutMs: scaled(60_000), retries: 4, retryDelayMs: 10 });
      const env = git.environment();
      const config = new Map(
        Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => [
          env[`GIT_CONFIG_KEY_${i}`],
          env[`GIT_CONFIG_VALUE_${i}`],
        ]),
      );
      expect([config.get('http.lowSpeedLimit'), config.get('http.lowSpeedTime')]).toEqual(['1', '1']);
      const error = await git.run(['ls-remote', `http://127.0.0.1:${port}/stuck.git`], { retry: true }).catch((e) => e);
      expect(error).toBeInstanceOf(GitError);
      // Two attempts (not the five the retries allow), each abandoned by libcurl's low-speed check after 1 s without
      // data (its own words say how long it waited), not by the process time limit (a hang guard only).
      expect((error as GitError).message).toBe(
        `git ls-remote stalled: 127.0.0.1:${port} sent no data for 1 s (2 attempts)`,
      );
      expect((error as GitError).stderr).toMatch(
        /Operation too slow\. Less than 1 bytes\/sec transferred the last 1 seconds/,
      );
      expect((error as GitError).stderr).not.toMatch(/timed out after/);
      expect(sockets).toHaveLength(2);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a git that hangs is killed at the time limit, with its whole process group', async () => {
    // A port that accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const closedSockets: Array<Promise<void>> = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      // Read (and ignore) the request, so that the end of the connection is seen.
      socket.resume();
      closedSockets.push(new Promise((resolve) => socket.on('close', () => resolve())));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const git = new Git({ timeoutMs: 1000 });
      const error = await git.run(['ls-remote', `http://127.0.0.1:${port}/hang.git`]).catch((e: unknown) => e);
      // The server never answers: only the 1 s time limit can end git (the message says it fired), and only a kill of
      // the whole group lets the run end (git-remote-http, a grandchild, holds git's output pipes).
      expect(error).toBeInstanceOf(GitError);
      expect((error as GitError).message).toMatch(/timed out after 1 s/);
      expect(sockets.length).toBeGreaterThan(0);
      // The connection was held by git-remote-http: it is closed too (a leftover would meet jest's time limit).
      await Promise.all(closedSockets);
      expect(sockets.every((socket) => socket.closed)).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('an abort signal stops git', async () => {
    const git = new Git({ timeoutMs: scaled(600_000) });
    const controller = new AbortController();
    // The alias says it started (a file), then sleeps far beyond the test's time limit: it can only end by the stop.
    const started = path.join(work, 'abort-started');
    const running = git.run(['-c', `alias.wait=!touch '${started}' && sleep 600`, 'wait'], {
      signal: controller.signal,
      allowFailure: true,
    });
    while (!fs.existsSync(started)) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const result = await running;
    // Killed (a finished sleep would exit 0), and the output says why; not the time limit.
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/git was stopped/);
    expect(result.stderr).not.toMatch(/timed out after/);
  });
});

describe('Git runner retries (against the forge)', () => {
  let forge: Forge;
  const TOKEN = 'ghp_GitRunnerToken0123456789abcdefABCD';
  const header = `Authorization: Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`;
  let url: string;

  beforeAll(async () => {
    forge = await startForge({ type: 'github', users: [{ username: 'bot', token: TOKEN }] });
    forge.addOrg('acme', { members: { bot: 'admin' } });
    forge.addRepo('acme', 'api');
    forge.seed('acme', 'api', { branches: { main: ['a.txt'] }, tags: ['v1'] });
    url = `${forge.url}/acme/api.git`;
  });
  afterAll(async () => forge?.stop());

  const advertisements = (): number => forge.gitRequests.filter((r) => r.phase === 'advertise').length;

  test('a transient 502 is retried and the call succeeds', async () => {
    forge.injectFault({ kind: 'git', path: '/info/refs', times: 2 }, faults.status(502));
    const before = advertisements();
    const git = new Git({ retries: 2, retryDelayMs: 10 });
    const { refs } = await lsRemote(git, url, [{ url, header }]);
    expect([...refs.keys()].sort()).toEqual(['refs/heads/main', 'refs/tags/v1']);
    // The forge records only the attempt that reached git: the two faulted ones were answered before.
    expect(advertisements() - before).toBe(1);
    expect(git.processes).toBe(3);
  });

  test('retries are bounded, and a permanent error is not retried', async () => {
    forge.injectFault({ kind: 'git', path: '/info/refs', times: Infinity }, faults.status(503));
    const git = new Git({ retries: 2, retryDelayMs: 10 });
    const error = await lsRemote(git, url, [{ url, header }]).catch((e: unknown) => e);
    forge.clearFaults();
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toMatch(/503/);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(git.processes).toBe(3);

    const missing = new Git({ retries: 2, retryDelayMs: 10 });
    const notFound = await lsRemote(missing, `${forge.url}/acme/nope.git`, [{ url, header }]).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(GitError);
    expect(missing.processes).toBe(1);
  });
});

test('git is found and runs (sanity of the environment the other tests rely on)', async () => {
  const version = await new Promise<string>((resolve) => {
    const child = spawn('git', ['--version']);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', () => resolve(out));
  });
  expect(version).toMatch(/^git version/);
});
