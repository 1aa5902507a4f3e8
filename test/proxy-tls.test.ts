/**
 * Proxies and TLS (issue 6): the forge over HTTPS with a private CA, and a loopback forward proxy. API calls and git
 * honour HTTPS_PROXY / HTTP_PROXY / NO_PROXY (the proxy sees the traffic), a private CA works with
 * NODE_EXTRA_CA_CERTS / GIT_SSL_CAINFO and is refused without it, and proxy credentials never show in errors.
 *
 * Node reads NODE_EXTRA_CA_CERTS only at start, so the HTTPS API checks run a tiny script in a child process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GitHubHost } from '../src/hosts/github/index.js';
import { HostError } from '../src/hosts/host.js';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, outputOf, tempDir, type GitResult } from './forge/git-client.js';
import { startProxy, type TestProxy } from './forge/proxy.js';

const TOKEN = 'tok-proxy-tls-Secret-42';
const PROXY_PASSWORD = 'proxy-Pa55word-secret';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

function run(command: string, args: string[], env: Record<string, string | undefined>): Promise<GitResult> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined && !(key in env && env[key] === undefined)) clean[key] = value;
  }
  for (const name of PROXY_VARS) if (!(name in env)) delete clean[name];
  return outputOf(spawn(command, args, { cwd: ROOT, env: clean, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** A script listing the repositories of `acme` with the GitHub adapter, printing names or the error message. */
function writeListScript(dir: string): string {
  const file = path.join(dir, 'list-repos.ts');
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  fs.writeFileSync(
    file,
    `import { GitHubHost } from ${JSON.stringify(path.join(ROOT, 'src/hosts/github/index.js'))};
const [apiUrl, token] = [process.env.LIST_API_URL!, process.env.LIST_TOKEN!];
const host = new GitHubHost({ type: 'github', url: apiUrl, apiUrl, owner: 'acme', token }, 'source');
try {
  const repos = await host.listRepos();
  console.log('REPOS ' + repos.map((r) => r.name).sort().join(','));
} catch (error) {
  console.log('ERROR ' + (error as Error).message);
  process.exitCode = 3;
}
`,
  );
  return file;
}

describe('forge over HTTPS with a private CA', () => {
  let forge: Forge;
  let proxy: TestProxy;
  let work: string;
  let script: string;
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');

  beforeAll(async () => {
    forge = await startForge({ type: 'github', tls: true, users: [{ username: 'mirror-bot', token: TOKEN }] });
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
    for (const name of ['one', 'two', 'three']) forge.addRepo('acme', name);
    forge.seed('acme', 'one', { branches: { main: ['README.md'] } });
    proxy = await startProxy({ username: 'proxy-user', password: PROXY_PASSWORD });
    work = tempDir('proxy-tls-');
    script = writeListScript(work);
  });

  afterAll(async () => {
    await proxy.close();
    await forge.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const list = (env: Record<string, string | undefined>) =>
    run(tsx, [script], {
      LIST_API_URL: forge.apiUrl,
      LIST_TOKEN: TOKEN,
      MIRROR_RETRY_SCALE: '0.001',
      NODE_EXTRA_CA_CERTS: undefined,
      ...env,
    });

  it('serves https URLs, clone URLs included, with a certificate signed by the CA in forge.caFile', () => {
    expect(forge.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.readFileSync(forge.caFile!, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('lists repositories with NODE_EXTRA_CA_CERTS, and refuses the certificate without it', async () => {
    const trusted = await list({ NODE_EXTRA_CA_CERTS: forge.caFile });
    expect(trusted.stdout.trim()).toBe('REPOS one,three,two');
    const untrusted = await list({});
    expect(untrusted.status).toBe(3);
    expect(untrusted.stdout).toMatch(/^ERROR github source: listing repositories of acme failed: /);
    expect(untrusted.stdout).toMatch(/TLS certificate not trusted .*NODE_EXTRA_CA_CERTS/);
    expect(untrusted.stdout).not.toContain(TOKEN);
  });

  it('goes through HTTPS_PROXY (CONNECT), with proxy credentials that never show in an error', async () => {
    proxy.requests.length = 0;
    const through = await list({ NODE_EXTRA_CA_CERTS: forge.caFile, HTTPS_PROXY: proxy.urlWithCredentials });
    expect(through.stdout.trim()).toBe('REPOS one,three,two');
    const port = new URL(forge.url).port;
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every((line) => line === `CONNECT 127.0.0.1:${port}`)).toBe(true);

    const wrongPassword = proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'wrong-Secret-pw');
    const refused = await list({ NODE_EXTRA_CA_CERTS: forge.caFile, HTTPS_PROXY: wrongPassword });
    expect(refused.status).toBe(3);
    expect(refused.stdout).toMatch(/^ERROR github source: listing repositories of acme failed/);
    expect(`${refused.stdout}${refused.stderr}`).not.toMatch(/wrong-Secret-pw|proxy-Pa55word|tok-proxy-tls/);
    expect(proxy.refused.length).toBeGreaterThan(0);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    proxy.requests.length = 0;
    const direct = await list({
      NODE_EXTRA_CA_CERTS: forge.caFile,
      HTTPS_PROXY: proxy.urlWithCredentials,
      NO_PROXY: '127.0.0.1',
    });
    expect(direct.stdout.trim()).toBe('REPOS one,three,two');
    expect(proxy.requests).toEqual([]);
  });

  it('git ls-remote works with GIT_SSL_CAINFO (directly and through HTTPS_PROXY) and is refused without it', async () => {
    const auth = { url: forge.url, token: TOKEN };
    const url = `${forge.url}/acme/one.git`;
    const saved = { ...process.env };
    try {
      process.env.GIT_SSL_CAINFO = forge.caFile;
      const direct = await gitAs(work, ['ls-remote', url], auth);
      expect(direct.stderr).toBe('');
      expect(direct.stdout).toMatch(/refs\/heads\/main/);

      proxy.requests.length = 0;
      process.env.HTTPS_PROXY = proxy.urlWithCredentials;
      const proxied = await gitAs(work, ['ls-remote', url], auth);
      expect(proxied.stdout).toMatch(/refs\/heads\/main/);
      expect(proxy.requests).toContain(`CONNECT 127.0.0.1:${new URL(forge.url).port}`);

      delete process.env.GIT_SSL_CAINFO;
      delete process.env.HTTPS_PROXY;
      const refused = await gitAs(work, ['ls-remote', url], auth);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/certificate|SSL/i);
    } finally {
      for (const name of ['GIT_SSL_CAINFO', 'HTTPS_PROXY']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});

describe('API calls over plain HTTP through HTTP_PROXY (in process)', () => {
  let forge: Forge;
  let proxy: TestProxy;

  beforeAll(async () => {
    forge = await startForge({ type: 'github', users: [{ username: 'mirror-bot', token: TOKEN }] });
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
    forge.addRepo('acme', 'solo');
    proxy = await startProxy({ username: 'proxy-user', password: PROXY_PASSWORD });
  });

  afterEach(() => {
    for (const name of PROXY_VARS) delete process.env[name];
  });

  afterAll(async () => {
    await proxy.close();
    await forge.stop();
  });

  const host = () =>
    new GitHubHost(
      { type: 'github', url: forge.url, apiUrl: forge.apiUrl, owner: 'acme', token: TOKEN },
      'source',
      undefined,
      { retry: { maxRetries: 0 } },
    );

  it('sends every API call through the proxy, and none with NO_PROXY', async () => {
    process.env.HTTP_PROXY = proxy.urlWithCredentials;
    expect((await host().listRepos()).map((r) => r.name)).toEqual(['solo']);
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every((line) => line.includes(new URL(forge.url).host))).toBe(true);

    proxy.requests.length = 0;
    process.env.NO_PROXY = '127.0.0.1';
    expect((await host().listRepos()).map((r) => r.name)).toEqual(['solo']);
    expect(proxy.requests).toEqual([]);
  });

  it('never shows proxy credentials when the proxy refuses them', async () => {
    process.env.HTTP_PROXY = proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'wrong-Secret-pw');
    const error = await host()
      .listRepos()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HostError);
    expect(String((error as Error).message)).not.toMatch(/wrong-Secret-pw|proxy-user:|tok-proxy-tls/);
    expect(String((error as Error).stack)).not.toMatch(/wrong-Secret-pw|tok-proxy-tls/);
  });
});
