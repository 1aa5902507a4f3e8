// `npm test`: the static checks (types, lint, formatting) and the Jest suite at the same time. The suite keeps the
// cores busy; the static checks run at a low CPU priority (nice 10) beside it, so they take mostly the time the suite
// leaves idle (while its workers wait on git processes and fake hosts, and in its last minute) instead of adding their
// own half minute before it. Not the lowest priority: on a machine busy with other work they would barely run.
// Jest's output streams as it comes; each static check's output is printed whole at the end, so nothing interleaves.
// The exit code is the first failure's, static checks first.
//
// `node scripts/test.mjs --static-only` runs the static checks alone; other arguments go to Jest.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const CHECKS = [
  ['types', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['.']],
  ['format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
];

function runCheck([name, command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      os.setPriority(child.pid, 10);
    } catch {
      // Not permitted, or already gone: the check then runs at normal priority.
    }
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${error.message}\n` }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, output }));
  });
}

function runJest(args) {
  return new Promise((resolve) => {
    const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
    const child = spawn(process.execPath, ['--experimental-vm-modules', jest, ...args], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('error', (error) => {
      process.stderr.write(`jest: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const staticOnly = process.argv.includes('--static-only');
const [checks, jestCode] = await Promise.all([
  Promise.all(CHECKS.map(runCheck)),
  staticOnly ? 0 : runJest(process.argv.slice(2)),
]);
for (const { name, code, output } of checks) {
  if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}: ${name}\n`);
}
process.exitCode = checks.find((result) => result.code !== 0)?.code ?? jestCode;
