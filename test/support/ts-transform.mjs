// Jest transformer: TypeScript to JavaScript with esbuild, file by file, types stripped and not checked (the types are
// checked once by `npm run typecheck`, part of `npm test`). As ts-jest's isolatedModules mode did, but a hundred times
// faster: on a new machine, where Jest's cache is empty, every worker transpiles the sources it loads, and ts-jest
// first loads the TypeScript compiler into each worker.
// The output keeps the test files' ES modules (the suite runs under --experimental-vm-modules) and carries its source
// map, so failures point at the TypeScript lines.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsconfig = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
const { compilerOptions } = JSON.parse(tsconfig);
const target = compilerOptions.target.toLowerCase();
const self = fs.readFileSync(fileURLToPath(import.meta.url));

function transform(source, filename, esm) {
  const result = esbuild.transformSync(source, {
    loader: 'ts',
    format: esm ? 'esm' : 'cjs',
    target,
    sourcemap: 'external',
    sourcefile: filename,
    // What esbuild reads of tsconfig for a single file: class fields and import elision follow the project's settings.
    tsconfigRaw: { compilerOptions },
  });
  return { code: result.code, map: result.map };
}

export default {
  canInstrument: false,
  getCacheKey(source, filename, options) {
    return crypto
      .createHash('sha256')
      .update(self)
      .update(esbuild.version)
      .update(tsconfig)
      .update(String(Boolean(options.supportsStaticESM)))
      .update(filename)
      .update(source)
      .digest('hex');
  },
  process(source, filename, options) {
    return transform(source, filename, options.supportsStaticESM);
  },
};
