/**
 * `npm run demo`: mirrors a small sample GitHub organization into a GitLab group, both served on loopback by the
 * project's own test forge (real git over smart HTTP, protection enforced by a pre-receive hook), with the bundled
 * CLI exactly as users run it. Prints the report, then shows a developer's direct push to a mirror being refused.
 */
import fs from 'node:fs';
import path from 'node:path';

import buildDist from '../test/support/build-dist.mjs';
import { startForge } from '../test/forge/forge.js';
import { gitAs } from '../test/forge/git-client.js';
import { mirrorEnv, runCli, tempDir } from '../test/support/cli.js';

const SOURCE_TOKEN = 'ghp_demoSourceToken0000000000000000000000';
const TARGET_TOKEN = 'glpat-demoTargetToken00000000';
const DEV_TOKEN = 'glpat-demoDeveloperToken0000';

async function main(): Promise<number> {
  buildDist();
  const work = tempDir('org-mirror-demo-');
  const source = await startForge({ type: 'github', users: [{ username: 'acme-bot', token: SOURCE_TOKEN }] });
  const target = await startForge({
    type: 'gitlab',
    users: [
      { username: 'mirror-bot', token: TARGET_TOKEN },
      { username: 'dev', token: DEV_TOKEN },
    ],
  });
  try {
    source.addOrg('acme', { members: { 'acme-bot': 'admin' } });
    source.addRepo('acme', 'api-server', { description: 'The API' });
    source.seed('acme', 'api-server', {
      branches: { main: ['README.md', 'server.ts'], develop: ['feature.ts'], 'release/1.x': ['fix.ts'] },
      tags: ['v1.0.0', { name: 'v1.1.0', message: 'Release 1.1.0' }],
      extraRefs: ['refs/pull/42/head'],
    });
    source.addRepo('acme', 'web-app', { defaultBranch: 'trunk' });
    source.seed('acme', 'web-app', { branches: { trunk: ['index.html', 'app.js'] }, tags: ['2024.1'] });
    source.addRepo('acme', 'empty-repo');
    source.addRepo('acme', 'forked-lib', { fork: true, forkedFrom: 'upstream/lib' });
    source.seed('acme', 'forked-lib', { branches: { main: ['lib.c'] } });
    source.addRepo('acme', 'legacy-tool', { archived: true });
    source.seed('acme', 'legacy-tool', { branches: { master: ['tool.sh'] }, tags: ['final'] });
    source.addRepo('acme', 'sandbox');
    source.seed('acme', 'sandbox', { branches: { main: ['notes.md'] } });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner', dev: 'developer' } });

    const reportFile = path.join(work, 'org-mirror-report.json');
    const env = mirrorEnv(
      {
        source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
        target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
        cacheDir: path.join(work, 'cache'),
        reportFile,
      },
      { MIRROR_EXCLUDE: 'sandbox' },
    );
    say(
      `Source: GitHub organization "acme" at ${source.url} (6 repositories: branches, tags, an empty repo, a fork, an archived repo)`,
    );
    say(`Target: GitLab group "mirrors" at ${target.url}`);
    say('$ org-mirror --exclude sandbox   (tokens from MIRROR_SOURCE_TOKEN / MIRROR_TARGET_TOKEN)\n');
    const first = await runCli({ env, dist: true });
    process.stdout.write(first.stdout);
    process.stderr.write(first.stderr);
    if (first.code !== 0) throw new Error(`the mirror run failed with exit code ${first.code}`);

    say('\nSecond run, nothing changed at the source:\n');
    const second = await runCli({ env, dist: true });
    process.stdout.write(
      second.stdout
        .split('\n')
        .filter((line) => line.startsWith('org-mirror'))
        .join('\n') + '\n',
    );

    say(`\nJSON report (${path.basename(reportFile)}), first repository:`);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { repos: unknown[] };
    say(JSON.stringify(first.report?.repos[0] ?? report.repos[0], null, 2));

    say('\nA developer tries to push directly to the mirror mirrors/api-server:');
    const clone = path.join(work, 'dev-clone');
    const auth = { url: target.url, token: DEV_TOKEN, username: 'oauth2' };
    await gitAs(work, ['clone', '-q', `${target.url}/mirrors/api-server.git`, clone], auth);
    fs.writeFileSync(path.join(clone, 'hotfix.txt'), 'direct change\n');
    await gitAs(clone, ['add', 'hotfix.txt']);
    await gitAs(clone, ['commit', '-qm', 'Direct change on the mirror']);
    const push = await gitAs(clone, ['push', 'origin', 'HEAD:refs/heads/main'], auth);
    say('$ git push origin HEAD:refs/heads/main');
    process.stdout.write(push.stderr.replace(/^/gm, '  '));
    if (push.status === 0) throw new Error('the direct push to the mirror was accepted: protection is broken');
    say('Refused: the mirror stays read-only.');
    return 0;
  } finally {
    await source.stop();
    await target.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
