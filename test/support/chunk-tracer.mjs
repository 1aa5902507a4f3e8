/**
 * Preloaded into a CLI run (`node --import`, test/lazy-load.e2e.test.ts): appends the file name of each chunk of the
 * bundle the run loads to TRACE_FILE, one a line (a module resolution hook: the entry loads its chunks with `import()`).
 * This file is both the preload, which registers the hooks, and the hooks module, which Node loads in a thread of its
 * own.
 */
import fs from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const chunk = /\/(\d+\.index\.js)$/.exec(resolved.url);
  if (chunk) fs.appendFileSync(process.env.TRACE_FILE, chunk[1] + '\n');
  return resolved;
}
