/**
 * Runs a forge in its own process for the demo and the benchmark, and prints one JSON line:
 *   {"type","url","apiUrl","owner","users":[{username,token}],"repos":N,"root"}
 * Usage: npx tsx test/forge/serve.ts --type github|gitlab [--seed demo] [--repos N] [--owner acme]
 *        [--page-size 100] [--latency-ms 0] [--root DIR] [--control] [--no-contract]
 * Stops on SIGINT/SIGTERM (or when stdin closes, with --stdin-lifetime).
 * `--control` adds `controlUrl` to the line: a second loopback server (no latency, not recorded) for the benchmark:
 *   GET /stats → {api, git, violations} counts; GET /requests?api=N&git=M → recorded requests from those indexes;
 *   GET /refs?owner=NS → {fullPath: {ref: sha}}; POST /org?name=NS → adds an org (mirror-bot owner);
 *   POST /commit?owner=NS&repo=NAME → one new commit on the default branch (counts as a push).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startForge, type Forge } from './forge.js';
import type { ForgeType } from './types.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const type = (arg('type', 'github') ?? 'github') as ForgeType;
  const owner = arg('owner', 'acme')!;
  const count = Number(arg('repos', '0'));
  const seed = arg('seed');
  const users = [
    { username: 'mirror-bot', token: `${type}-mirror-token` },
    { username: 'developer', token: `${type}-developer-token` },
  ];
  const forge = await startForge({
    type,
    pageSize: Number(arg('page-size', '100')),
    contract: !process.argv.includes('--no-contract'),
    latencyMs: Number(arg('latency-ms', '0')),
    root: arg('root'),
    users,
  });
  forge.addOrg(owner, { members: { 'mirror-bot': 'owner', developer: 'developer' } });
  if (seed === 'demo') {
    forge.addRepo(owner, 'api-server', { description: 'API server' });
    forge.seed(owner, 'api-server', {
      branches: { main: ['README.md', 'server.js'], 'release/1.x': ['fix.txt'] },
      tags: ['v1.0.0', { name: 'v1.1.0', message: 'Release 1.1.0' }],
      extraRefs: type === 'github' ? ['refs/pull/1/head'] : ['refs/merge-requests/1/head'],
    });
    forge.addRepo(owner, 'web-app', { visibility: 'internal' });
    forge.seed(owner, 'web-app', { branches: { main: ['index.html'], develop: ['app.js'] }, tags: ['v0.1'] });
    forge.addRepo(owner, 'old-tool', { archived: true });
    forge.seed(owner, 'old-tool', { branches: { master: ['tool.sh'] } });
    forge.addRepo(owner, 'empty-repo');
    if (type === 'gitlab') {
      forge.addRepo(owner, 'platform/infra');
      forge.seed(owner, 'platform/infra', { branches: { main: ['main.tf'] } });
    }
  }
  const started = Date.now();
  if (count > 0) forge.seedMany(owner, count);
  const controlUrl = process.argv.includes('--control') ? await startControl(forge) : undefined;
  process.stdout.write(
    JSON.stringify({
      type,
      url: forge.url,
      apiUrl: forge.apiUrl,
      owner,
      users,
      repos: forge.repos.size,
      seedMs: Date.now() - started,
      root: forge.root,
      controlUrl,
    }) + '\n',
  );
  const stop = (): void => {
    void forge.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.argv.includes('--stdin-lifetime')) process.stdin.on('end', stop).resume();
}

function control(forge: Forge, method: string, url: URL): unknown {
  const q = (name: string): string => url.searchParams.get(name) ?? '';
  const route = `${method} ${url.pathname}`;
  if (route === 'GET /stats')
    return { api: forge.requests.length, git: forge.gitRequests.length, violations: forge.violations.length };
  if (route === 'GET /requests')
    return { api: forge.requests.slice(Number(q('api'))), git: forge.gitRequests.slice(Number(q('git'))) };
  if (route === 'GET /refs')
    return Object.fromEntries(
      [...forge.repos.values()]
        .filter((r) => r.owner === q('owner'))
        .map((r) => [r.fullPath, Object.fromEntries(forge.refs(r))]),
    );
  if (route === 'POST /org')
    return forge.addOrg(q('name'), { members: { 'mirror-bot': 'owner', developer: 'developer' } }).path;
  if (route === 'POST /commit') {
    const repo = forge.repo(q('owner'), q('repo'));
    const file = { path: 'bench-change.txt', content: `${Date.now()}\n` };
    return forge.seed(q('owner'), q('repo'), { branches: { [repo.defaultBranch]: [file] } }).refs;
  }
  throw new Error(`no control route ${route}`);
}

async function startControl(forge: Forge): Promise<string> {
  const server = http.createServer((req, res) => {
    try {
      const body = JSON.stringify(control(forge, req.method ?? 'GET', new URL(req.url ?? '/', 'http://127.0.0.1')));
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String((error as Error)?.message ?? error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`forge: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
