/**
 * git over SSH, end to end through the bundled CLI: a GitHub organization mirrored into a GitLab group with deploy
 * keys on either side, against forges whose SSH servers (ssh2, real OpenSSH client) serve the same bare repositories
 * with the same protection hook. The API still uses the tokens. The story runs in order.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startForge, type Forge } from './forge/forge.js';
import { gitAs, outputOf } from './forge/git-client.js';
import { listRefs } from './forge/seed.js';
import { makeKeyPair, startSshServer, type ForgeSshServer, type SshKeyPair } from './forge/ssh-server.js';
import {
  cleanEnv,
  filesContaining,
  gitSpy,
  mirrorEnv,
  ROOT,
  runCli,
  tempDir,
  textContains,
  type CliRun,
  type GitSpy,
} from './support/cli.js';

const SOURCE_TOKEN = 'ghp_SshSourceToken0123456789abcdefABCDEF';
const TARGET_TOKEN = 'glpat-SshTargetToken0123456789xyz';
const DEV_TOKEN = 'glpat-SshDeveloperToken0123456789';

describe('git over SSH on either side', () => {
  let source: Forge;
  let target: Forge;
  let sourceSsh: ForgeSshServer;
  let targetSsh: ForgeSshServer;
  let sourceKey: SshKeyPair;
  let targetKey: SshKeyPair;
  let devKey: SshKeyPair;
  let work: string;
  let tmp: string;
  let spy: GitSpy;
  const outputs: string[] = [];

  const env = (extra: Record<string, string> = {}): Record<string, string> =>
    mirrorEnv(
      {
        source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
        target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
        cacheDir: path.join(work, 'cache'),
        reportFile: path.join(work, 'report.json'),
      },
      { MIRROR_CONCURRENCY: '2', TMPDIR: tmp, ...extra },
    );
  const sourceSide = (): Record<string, string> => ({
    MIRROR_SOURCE_SSH_KEY: sourceKey.privateKey,
    MIRROR_SOURCE_SSH_KNOWN_HOSTS: sourceSsh.knownHosts,
  });
  const targetSide = (): Record<string, string> => ({
    MIRROR_TARGET_SSH_KEY: targetKey.privateKey,
    MIRROR_TARGET_SSH_KNOWN_HOSTS: targetSsh.knownHosts,
  });

  const mirror = async (extra: Record<string, string> = {}, args: string[] = []): Promise<CliRun> => {
    const run = await runCli({ env: env(extra), args, spy, dist: true });
    outputs.push(run.stdout, run.stderr, JSON.stringify(run.report ?? {}));
    return run;
  };
  const statusOf = (run: CliRun, name: string) => run.report?.repos.find((repo) => repo.name === name)?.status;
  const reasonOf = (run: CliRun, name: string) => run.report?.repos.find((repo) => repo.name === name)?.reason;
  const sourceRefs = (name: string) => listRefs(source.repoDir('acme', name));
  const targetRefs = (name: string) => listRefs(target.repoDir('mirrors', name));
  /** Key files (or their directory) the CLI left in its temp dir. */
  const leftovers = (): string[] => fs.readdirSync(tmp).filter((name) => name.startsWith('org-mirror-ssh-'));
  const keys = (): string[] => [sourceKey.privateKey, targetKey.privateKey];

  /** A new commit on `main` of a source repository, pushed by a developer over HTTP. */
  const changeSource = async (name: string): Promise<void> => {
    const dir = path.join(work, `clone-${name}-${Date.now()}`);
    const auth = { url: source.url, token: SOURCE_TOKEN };
    await gitAs(work, ['clone', '-q', `${source.url}/acme/${name}.git`, dir], auth);
    fs.writeFileSync(path.join(dir, 'change.txt'), `${Math.random()}\n`);
    await gitAs(dir, ['add', 'change.txt']);
    await gitAs(dir, ['commit', '-qm', 'change']);
    const pushed = await gitAs(dir, ['push', '-q', 'origin', 'HEAD:main'], auth);
    expect(pushed.status).toBe(0);
  };

  beforeAll(async () => {
    work = tempDir('org-mirror-ssh-e2e-');
    // A space and a `%d` (ssh's token for the home directory) in the temp path: quoting and %-escaping must hold.
    tmp = path.join(work, 'tmp %d');
    fs.mkdirSync(tmp);
    spy = gitSpy(work);
    source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
    target = await startForge({
      type: 'gitlab',
      users: [
        { username: 'mirror-bot', token: TARGET_TOKEN },
        { username: 'dev', token: DEV_TOKEN },
      ],
    });
    sourceSsh = await startSshServer(source);
    targetSsh = await startSshServer(target);
    sourceKey = makeKeyPair('source-deploy-key');
    targetKey = makeKeyPair('target-deploy-key');
    devKey = makeKeyPair('developer');
    sourceSsh.authorize(sourceKey.publicKey, 'src-bot');
    targetSsh.authorize(targetKey.publicKey, 'mirror-bot');
    targetSsh.authorize(devKey.publicKey, 'dev');
    source.addOrg('acme', { members: { 'src-bot': 'admin' } });
    source.addRepo('acme', 'api', { defaultBranch: 'main' });
    source.seed('acme', 'api', { branches: { main: ['a.txt'], dev: ['d.txt'] }, tags: ['v1'] });
    source.addRepo('acme', 'web', { defaultBranch: 'main' });
    source.seed('acme', 'web', { branches: { main: ['index.html'] }, tags: [{ name: 'v2', message: 'Two' }] });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner', dev: 'developer' } });
  });

  afterAll(async () => {
    await sourceSsh?.stop();
    await targetSsh?.stop();
    await source?.stop();
    await target?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('bad SSH combinations end with exit 2, one line naming the input, before any request', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ MIRROR_SOURCE_SSH_KEY: sourceKey.privateKey }, /^Missing source-ssh-known-hosts\. .*ssh-keyscan/],
      [{ MIRROR_TARGET_SSH_KNOWN_HOSTS: targetSsh.knownHosts }, /^Invalid target-ssh-known-hosts: .*target-ssh-key/],
      [{ ...sourceSide(), MIRROR_LFS: 'true' }, /^Invalid lfs 'true': Git LFS over SSH .*not supported/],
      [
        { ...targetSide(), MIRROR_TARGET_SSH_KEY: targetKey.publicKey },
        /^Invalid target-ssh-key: this is a public key/,
      ],
      [
        { ...sourceSide(), MIRROR_SOURCE_SSH_KNOWN_HOSTS: 'github.com nonsense' },
        /^Invalid source-ssh-known-hosts line/,
      ],
    ];
    for (const [extra, expected] of cases) {
      const run = await mirror(extra);
      expect(run.code).toBe(2);
      const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0].replace(/^(::error::|error: )/, '')).toMatch(expected);
      expect(textContains(lines[0], keys())).toBe(false);
    }
    const flag = await mirror({}, ['--source-ssh-key', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Refusing --source-ssh-key on the command line.*MIRROR_SOURCE_SSH_KEY/);
    expect(source.requests.length + target.requests.length).toBe(0);
    expect(source.gitRequests.length + target.gitRequests.length).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  test('a sync with the source over SSH reads the source only through SSH', async () => {
    const run = await mirror(sourceSide());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(statusOf(run, 'api')).toBe('created');
    expect(statusOf(run, 'web')).toBe('created');
    expect(run.stdout).toMatch(/source: git over SSH with source-ssh-key, host keys from source-ssh-known-hosts/);
    expect(run.stdout).not.toMatch(/target: git over SSH/);
    expect(targetRefs('api')).toEqual(sourceRefs('api'));
    expect(targetRefs('web')).toEqual(sourceRefs('web'));
    expect(source.gitRequests.length).toBeGreaterThan(0);
    expect(source.gitRequests.every((request) => request.transport === 'ssh' && request.user === 'src-bot')).toBe(true);
    expect(target.pushes.every((request) => request.transport === undefined)).toBe(true);
    // The API still used the token.
    expect(source.requests.every((request) => request.user === 'src-bot')).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  test('a sync with the target over SSH pushes through SSH, and the protection hook still applies there', async () => {
    await changeSource('api');
    const pushesBefore = target.pushes.length;
    const gitBefore = target.gitRequests.length;
    const run = await mirror(targetSide());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(statusOf(run, 'api')).toBe('updated');
    expect(targetRefs('api')).toEqual(sourceRefs('api'));
    const pushes = target.pushes.slice(pushesBefore);
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((request) => request.transport === 'ssh' && request.user === 'mirror-bot')).toBe(true);
    // Every git request to the target this run (ref listing and push) came over SSH.
    expect(target.gitRequests.slice(gitBefore).every((request) => request.transport === 'ssh')).toBe(true);

    // A developer with write access pushing over the same SSH server is refused by the protection.
    const clone = path.join(work, 'dev-clone');
    const url = target.sshUrlOf(target.repo('mirrors', 'api'))!;
    const cloned = await devOverSsh(work, ['clone', '-q', url, clone]);
    expect(cloned.status).toBe(0);
    fs.writeFileSync(path.join(clone, 'dev.txt'), 'direct\n');
    await gitAs(clone, ['add', 'dev.txt']);
    await gitAs(clone, ['commit', '-qm', 'direct']);
    const pushed = await devOverSsh(clone, ['push', 'origin', 'HEAD:main']);
    expect(pushed.status).not.toBe(0);
    expect(pushed.stderr).toMatch(/not allowed to push/i);
    expect(targetRefs('api')).toEqual(sourceRefs('api'));
  });

  test('an unknown target host key fails the target clearly before anything is read or written', async () => {
    await changeSource('web');
    const writes = target.writes.length;
    const pushes = target.pushes.length;
    const sourceFetches = source.gitRequests.length;
    const run = await mirror({
      ...targetSide(),
      MIRROR_TARGET_SSH_KNOWN_HOSTS: `[127.0.0.1]:${targetSsh.port} ${makeKeyPair().publicKey}`,
    });
    expect(run.code).toBe(1);
    for (const name of ['api', 'web']) {
      expect(statusOf(run, name)).toBe('failed');
      expect(reasonOf(run, name)).toMatch(
        /^target: the SSH host key of \[127\.0\.0\.1\]:\d+ is not in target-ssh-known-hosts \(unknown or changed host key\)/,
      );
    }
    expect(run.stdout + run.stderr).toMatch(/host key .* is not in target-ssh-known-hosts/);
    expect(target.writes.length).toBe(writes);
    expect(target.pushes.length).toBe(pushes);
    expect(source.gitRequests.length).toBe(sourceFetches);
    expect(leftovers()).toEqual([]);
  });

  test('a wrong source key fails the source clearly and nothing is written to the target', async () => {
    const wrong = makeKeyPair('not-a-deploy-key');
    const writes = target.writes.length;
    const pushes = target.pushes.length;
    const run = await mirror({ ...sourceSide(), MIRROR_SOURCE_SSH_KEY: wrong.privateKey });
    expect(run.code).toBe(1);
    for (const name of ['api', 'web']) {
      expect(statusOf(run, name)).toBe('failed');
      expect(reasonOf(run, name)).toMatch(/^source: the SSH key in source-ssh-key was refused by the server/);
    }
    expect(sourceSsh.refusedKeys.length).toBeGreaterThan(0);
    expect(target.writes.length).toBe(writes);
    expect(target.pushes.length).toBe(pushes);
    expect(textContains(outputs.join('\n'), [wrong.privateKey])).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  test('a wrong target key on a namespace without mirrors yet: only the first repository is tried', async () => {
    target.addOrg('fresh', { members: { 'mirror-bot': 'owner' } });
    const pushes = target.pushes.length;
    const run = await mirror({
      ...targetSide(),
      MIRROR_TARGET_OWNER: 'fresh',
      MIRROR_TARGET_SSH_KEY: makeKeyPair('wrong-target-key').privateKey,
    });
    expect(run.code).toBe(1);
    for (const name of ['api', 'web']) {
      expect(statusOf(run, name)).toBe('failed');
      expect(reasonOf(run, name)).toMatch(/^target: the SSH key in target-ssh-key was refused by the server/);
    }
    // The first repository had to exist to try the key on; the second was never created.
    expect([...target.repos.values()].filter((repo) => repo.owner === 'fresh').map((repo) => repo.name)).toEqual([
      'api',
    ]);
    expect(target.pushes.length).toBe(pushes);
    expect(leftovers()).toEqual([]);
  });

  test('both sides over SSH, the key given as base64 (a maskable one-line CI variable), converge', async () => {
    const run = await mirror({
      ...sourceSide(),
      ...targetSide(),
      MIRROR_TARGET_SSH_KEY: Buffer.from(targetKey.privateKey).toString('base64'),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(statusOf(run, 'web')).toBe('updated');
    expect(targetRefs('web')).toEqual(sourceRefs('web'));
    expect(leftovers()).toEqual([]);
  });

  test('a run killed with SIGTERM leaves no key file behind', async () => {
    await changeSource('api');
    // The target's protection requests (made inside the repository's job, after the key files are written) never
    // answer: the run is certainly alive, its key on disk, when it is stopped.
    target.injectFault({ kind: 'api', path: 'protected_', times: Infinity }, { hang: true });
    try {
      const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], {
        cwd: ROOT,
        env: { ...cleanEnv(), ...env({ ...sourceSide(), ...targetSide(), MIRROR_CONCURRENCY: '1' }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('close', (code, signal) => resolve(signal ?? code)),
      );
      // Wait until the key files are on disk (the run is inside its repositories), then stop it.
      const keyFile = await waitFor(() => {
        const dir = leftovers()[0];
        const file = dir && path.join(tmp, dir, 'source-key');
        return file && fs.existsSync(file) ? file : undefined;
      });
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
      child.kill('SIGTERM');
      expect(await exited).toBe('SIGTERM');
      outputs.push(output);
      expect(leftovers()).toEqual([]);
    } finally {
      target.clearFaults();
    }
  });

  test('no key anywhere: output, reports, cache, git argv, temp dir', () => {
    expect(textContains(outputs.join('\n'), keys())).toBe(false);
    for (const key of keys()) {
      // Each line of the key body, too (a log could cut it into lines).
      const lines = key.split('\n').filter((line) => line.length > 40);
      expect(textContains(outputs.join('\n'), lines)).toBe(false);
    }
    expect(filesContaining(path.join(work, 'cache'), keys())).toEqual([]);
    expect(filesContaining(path.join(work, 'report.json'), keys())).toEqual([]);
    expect(filesContaining(tmp, keys())).toEqual([]);
    const argv = spy.calls().join('\n');
    expect(argv).toMatch(/ssh:\/\/git@127\.0\.0\.1:\d+\//);
    expect(textContains(argv, keys())).toBe(false);
    expect(textContains(argv, [SOURCE_TOKEN, TARGET_TOKEN])).toBe(false);
    // Every API request and answer of the story matched the official descriptions.
    expect(source.violations).toEqual([]);
    expect(target.violations).toEqual([]);
  });

  /** git as the developer, with the developer's key, over the target's SSH server (strict host key checking). */
  function devOverSsh(cwd: string, args: string[]) {
    const keyFile = path.join(work, 'dev-key');
    const hostsFile = path.join(work, 'dev-known-hosts');
    fs.writeFileSync(keyFile, devKey.privateKey, { mode: 0o600 });
    fs.writeFileSync(hostsFile, `${targetSsh.knownHosts}\n`);
    const command = `ssh -F /dev/null -i '${keyFile}' -o IdentitiesOnly=yes -o IdentityAgent=none -o UserKnownHostsFile='${hostsFile}' -o StrictHostKeyChecking=yes -o BatchMode=yes`;
    const environment = {
      ...cleanEnv(),
      GIT_SSH_COMMAND: command,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@forge.test',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@forge.test',
    };
    return outputOf(spawn('git', args, { cwd, env: environment, stdio: ['ignore', 'pipe', 'pipe'] }));
  }
});

/** Polls `probe` until it returns a value (bounded by the test's timeout, not a wall-clock decision). */
async function waitFor<T>(probe: () => T | undefined | '' | false): Promise<T> {
  for (;;) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
