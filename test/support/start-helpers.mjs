// Starts the run's helper processes for the jest global setup and stops them in the teardown: the spawner
// (spawner.mjs; the test processes find it through ORG_MIRROR_TEST_SPAWNER, light-spawn.ts) and the shared contract
// checker (test/forge/contract-server.mjs; found through ORG_MIRROR_TEST_CONTRACT, test/forge/contract.ts). Each
// listens on a Unix socket in a directory of its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SPAWNER = path.join(HERE, 'spawner.mjs');
const CONTRACT_SERVER = path.join(HERE, '../forge/contract-server.mjs');

/**
 * Starts `node <script> <socket path>`; resolves once it writes "ready", with a function that stops it and removes its
 * socket. The script must exit by itself when its stdin closes.
 */
async function startHelper(script, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `org-mirror-${name}-`));
  const socketPath = path.join(dir, `${name}.sock`);
  const child = spawn(process.execPath, [script, socketPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('ready\n')) resolve();
      });
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`the test ${name} exited (${code}) before it was ready`)));
    });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  child.removeAllListeners('exit');
  // Neither it nor its pipes keep the run alive; it exits by itself when its stdin closes.
  child.unref();
  child.stdout.destroy();
  child.stdin.unref?.();
  return {
    socketPath,
    pid: child.pid,
    stop() {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the run's spawner (spawner.mjs); resolves once it listens. */
export function startSpawner() {
  return startHelper(SPAWNER, 'spawner');
}

/** Starts the run's shared contract checker (test/forge/contract-server.mjs); resolves once it listens. */
export function startContractChecker() {
  return startHelper(CONTRACT_SERVER, 'contract');
}
