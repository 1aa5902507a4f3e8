/**
 * Runs a forge in its own process for the demo and the benchmark, and prints one JSON line:
 *   {"type","url","apiUrl","owner","users":[{username,token}],"repos":N,"root"}
 * Usage: npx tsx test/forge/serve.ts --type github|gitlab [--seed demo] [--repos N] [--owner acme]
 *        [--page-size 100] [--latency-ms 0] [--root DIR]
 * Stops on SIGINT/SIGTERM (or when stdin closes, with --stdin-lifetime).
 */
import { startForge } from './forge.js';
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
    }) + '\n',
  );
  const stop = (): void => {
    void forge.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.argv.includes('--stdin-lifetime')) process.stdin.on('end', stop).resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`forge: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
