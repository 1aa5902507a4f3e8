// Jest global setup: the end-to-end tests run the bundle (`dist/index.js`), as users do. Rebuild it when a source
// file is newer, so tests never run a stale product (CI builds it first and checks it is committed fresh).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

export default function buildDist() {
  const bundle = path.resolve('dist/index.js');
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  if (built >= newest(path.resolve('src')) && built >= fs.statSync('package-lock.json').mtimeMs) return;
  process.stderr.write('\ndist/index.js is older than src/: rebuilding it for the end-to-end tests…\n');
  execFileSync('npm', ['run', '-s', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
