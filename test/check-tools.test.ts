/**
 * The system-tool check run before the suite (scripts/check-tools.mjs, `pretest`): on a machine without a tool the
 * tests need, it installs it with apt-get when it may, and otherwise stops at once with one line naming what is missing
 * and the command that installs it. Run as a separate process with a PATH made for each case (symlinks to the real
 * tools, some left out), and git's exec path pointed at a directory holding only git-http-backend.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { scaled } from './support/time-scale.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = path.join(ROOT, 'scripts/check-tools.mjs');
const ALL = ['git', 'git-lfs', 'ssh', 'ssh-keygen', 'openssl', 'ps'];

function which(name: string): string {
  return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
}

describe('the system-tool check before the suite', () => {
  let work: string;
  let execPath: string;
  let chmod: string;
  let caseNo = 0;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'org-mirror-check-tools-'));
    // git's helpers: only http-backend (wherever this machine keeps git-lfs, it is not found through here).
    execPath = path.join(work, 'git-core');
    fs.mkdirSync(execPath);
    const realExecPath = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
    fs.symlinkSync(path.join(realExecPath, 'git-http-backend'), path.join(execPath, 'git-http-backend'));
    chmod = which('chmod');
  });

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** A bin directory with the given real tools (and, optionally, scripts), the only directory on PATH. */
  function binWith(tools: string[], scripts: Record<string, string> = {}): { bin: string; log: string } {
    const dir = path.join(work, `case-${++caseNo}`);
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    for (const tool of tools) fs.symlinkSync(which(tool), path.join(bin, tool));
    for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });
    return { bin, log: path.join(dir, 'calls.log') };
  }

  function check(bin: string) {
    const env: Record<string, string> = { PATH: bin, GIT_EXEC_PATH: execPath, HOME: work, LANG: 'C' };
    const result = spawnSync(process.execPath, [SCRIPT], {
      env,
      encoding: 'utf8',
      // A bound on a hang, not a measure: the check makes no network call and waits for nothing.
      timeout: scaled(20_000),
    });
    expect(result.signal).toBeNull();
    return result;
  }

  /** A fake apt-get that logs its arguments and, on `install`, puts stubs of the tools `bin` lacks there (when `works`). */
  function fakeAptGet(bin: string, log: string, works: boolean): string {
    const install = works
      ? ALL.map(
          (tool) =>
            `    [ -e '${bin}/${tool}' ] || { printf '#!/bin/sh\\n' > '${bin}/${tool}'; ${chmod} +x '${bin}/${tool}'; }`,
        ).join('\n')
      : '    :';
    return [
      '#!/bin/sh',
      `printf '%s\\n' "$*" >> '${log}'`,
      `printf 'DEBIAN_FRONTEND=%s\\n' "$DEBIAN_FRONTEND" >> '${log}'`,
      'if [ "$1" = install ]; then',
      install,
      'fi',
      'exit 0',
      '',
    ].join('\n');
  }

  // Not root: a passwordless sudo that runs the command it is given (`sudo -n true` answers yes).
  const FAKE_SUDO = '#!/bin/sh\nif [ "$1" = -n ]; then shift; fi\nif [ "$1" = true ]; then exit 0; fi\nexec "$@"\n';

  test('with every tool present it passes quietly', () => {
    const { bin } = binWith(ALL);
    const result = check(bin);
    expect([result.status, result.stderr, result.stdout]).toEqual([0, '', '']);
  });

  test('git-lfs missing and no way to install it: one line naming it and the command that installs it', () => {
    const { bin } = binWith(ALL.filter((tool) => tool !== 'git-lfs'));
    const result = check(bin);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const root = process.getuid?.() === 0;
    expect(result.stderr).toBe(`missing: git-lfs; install it with: ${root ? '' : 'sudo '}apt-get install -y git-lfs\n`);
  });

  test('several tools missing: all in the one line, each package once', () => {
    const { bin } = binWith(['git', 'openssl']);
    const result = check(bin);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^missing: git-lfs, ssh, ssh-keygen, ps; install them with: (sudo )?apt-get install -y git-lfs openssh-client procps$/,
      ),
      '',
    ]);
  });

  test('git missing: git and its http-backend are named, with the git package', () => {
    const { bin } = binWith(['git-lfs', 'ssh', 'ssh-keygen', 'openssl', 'ps']);
    const result = check(bin);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^missing: git, git-http-backend; install them with: (sudo )?apt-get install -y git\n$/,
    );
  });

  test('with apt-get available, the missing packages are installed non-interactively and the check passes', () => {
    const { bin, log } = binWith(['git', 'openssl']);
    fs.writeFileSync(path.join(bin, 'apt-get'), fakeAptGet(bin, log, true), { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'sudo'), FAKE_SUDO, { mode: 0o755 });
    const result = check(bin);
    expect(result.status).toBe(0);
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toEqual([
      'update -q',
      'DEBIAN_FRONTEND=noninteractive',
      'install -y -q --no-install-recommends git-lfs openssh-client procps',
      'DEBIAN_FRONTEND=noninteractive',
    ]);
    expect(result.stderr).toContain('installing what the tests need: git-lfs openssh-client procps');
  });

  test('an install that leaves a tool missing still stops with the one line', () => {
    const { bin, log } = binWith(ALL.filter((tool) => tool !== 'git-lfs'));
    fs.writeFileSync(path.join(bin, 'apt-get'), fakeAptGet(bin, log, false), { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'sudo'), FAKE_SUDO, { mode: 0o755 });
    const result = check(bin);
    expect(result.status).toBe(1);
    expect(fs.readFileSync(log, 'utf8')).toContain('install -y -q --no-install-recommends git-lfs\n');
    const last = result.stderr.trim().split('\n').at(-1);
    expect(last).toMatch(
      /^missing: git-lfs; install it with: (sudo )?apt-get install -y git-lfs \(still missing after apt-get install\)$/,
    );
  });

  test('npm test runs the check first, and CI installs nothing by hand', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.pretest).toBe('node scripts/check-tools.mjs');
    const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).not.toMatch(/apt-get|git config --global/);
  });

  test("tests run git with their own identity and none of this machine's git configuration", () => {
    const env = { ...process.env, GIT_DIR: work };
    const ident = spawnSync('git', ['var', 'GIT_COMMITTER_IDENT'], { env, encoding: 'utf8' });
    expect(ident.stdout).toMatch(/^org-mirror tests <tests@org-mirror\.invalid> \d+ [+-]\d{4}\n$/);
    const global = spawnSync('git', ['config', '--global', '--list'], { env, encoding: 'utf8' });
    expect(global.stdout).toBe('');
  });
});
