// Starts the run's spawner (spawner.mjs) for the jest global setup and stops it in the teardown. Its socket lives in a
// directory of its own; the test processes find it through ORG_MIRROR_TEST_SPAWNER (light-spawn.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SPAWNER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'spawner.mjs');

/** Starts the spawner; resolves once it listens, with a function that stops it and removes its socket. */
export async function startSpawner() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-mirror-spawner-'));
  const socketPath = path.join(dir, 'spawner.sock');
  const child = spawn(process.execPath, [SPAWNER, socketPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('ready\n')) resolve();
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the test spawner exited (${code}) before it was ready`)));
  });
  child.removeAllListeners('exit');
  // Neither it nor its pipes keep the run alive; it exits by itself when its stdin closes.
  child.unref();
  child.stdout.destroy();
  child.stdin.unref?.();
  return {
    socketPath,
    stop() {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
