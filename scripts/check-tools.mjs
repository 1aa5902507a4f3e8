#!/usr/bin/env node
// The system tools the test suite runs (`npm test` runs this first, as `pretest`; jest's global setup checks again).
// Each missing one is installed through apt-get when this process may (root, or passwordless sudo) and apt-get is on
// PATH; otherwise the check stops at once with one line naming what is missing and the command that installs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What the tests spawn, and the Debian/Ubuntu package that provides it. `git-http-backend` is found in git's exec
 * path (`git --exec-path`), where `git http-backend` runs it from; `git-lfs` on PATH or there (`git lfs` finds both).
 */
export const TOOLS = [
  { name: 'git', pkg: 'git' },
  { name: 'git-http-backend', pkg: 'git', where: 'exec-path' },
  { name: 'git-lfs', pkg: 'git-lfs', where: 'path-or-exec-path' },
  { name: 'ssh', pkg: 'openssh-client' },
  { name: 'ssh-keygen', pkg: 'openssh-client' },
  { name: 'openssl', pkg: 'openssl' },
  { name: 'ps', pkg: 'procps' },
];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` on `PATH`, or undefined. */
export function onPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** git's exec path (where its helpers live), or undefined when git cannot be run. */
function gitExecPath(env) {
  const git = onPath('git', env);
  if (!git) return undefined;
  const result = spawnSync(git, ['--exec-path'], { env, encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The tools of TOOLS that cannot be found. */
export function findMissing(env = process.env) {
  const execPath = gitExecPath(env);
  const inExecPath = (name) => execPath !== undefined && isExecutable(path.join(execPath, name));
  return TOOLS.filter((tool) => {
    if (tool.where === 'exec-path') return !inExecPath(tool.name);
    if (tool.where === 'path-or-exec-path') return !onPath(tool.name, env) && !inExecPath(tool.name);
    return !onPath(tool.name, env);
  });
}

function packagesOf(tools) {
  return [...new Set(tools.map((tool) => tool.pkg))];
}

/** How this process may run apt-get: directly as root, through passwordless sudo, or not at all (undefined). */
function installer(env) {
  const aptGet = onPath('apt-get', env);
  if (!aptGet) return undefined;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [aptGet];
  const sudo = onPath('sudo', env);
  if (!sudo) return undefined;
  const probe = spawnSync(sudo, ['-n', 'true'], { env, stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0 ? [sudo, '-n', aptGet] : undefined;
}

function missingLine(tools, root) {
  const names = tools.map((tool) => tool.name).join(', ');
  const them = tools.length === 1 ? 'it' : 'them';
  const sudo = root ? '' : 'sudo ';
  return `missing: ${names}; install ${them} with: ${sudo}apt-get install -y ${packagesOf(tools).join(' ')}`;
}

function runInstaller(command, args, env, log) {
  log(`$ ${[...command, ...args].join(' ')}`);
  const result = spawnSync(command[0], [...command.slice(1), ...args], {
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return result.status === 0;
}

/**
 * Finds the missing tools and installs them when it may. Returns `{ ok: true }` or `{ ok: false, line }` with the one
 * line to print. `install: false` only reports.
 */
export function checkTools({
  env = process.env,
  install = true,
  log = (text) => process.stderr.write(`${text}\n`),
} = {}) {
  const missing = findMissing(env);
  if (missing.length === 0) return { ok: true, installed: [] };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = install ? installer(env) : undefined;
  if (!command) return { ok: false, line: missingLine(missing, root) };
  log(`installing what the tests need: ${packagesOf(missing).join(' ')}`);
  const installed =
    runInstaller(command, ['update', '-q'], env, log) &&
    runInstaller(command, ['install', '-y', '-q', '--no-install-recommends', ...packagesOf(missing)], env, log);
  const still = findMissing(env);
  if (still.length > 0) {
    const why = installed ? 'still missing after apt-get install' : 'apt-get failed';
    return { ok: false, line: `${missingLine(still, root)} (${why})` };
  }
  return { ok: true, installed: packagesOf(missing) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = checkTools({ install: !process.argv.includes('--no-install') });
  if (!result.ok) {
    process.stderr.write(`${result.line}\n`);
    process.exit(1);
  }
}
