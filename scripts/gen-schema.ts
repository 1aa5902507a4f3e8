/**
 * Writes org-mirror.schema.json, the configuration file's JSON Schema, from the input table
 * (src/settings/config-schema.ts). `npm run schema`; test/config-schema.test.ts fails when the committed file differs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

import { buildConfigSchema } from '../src/settings/config-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'org-mirror.schema.json');
const options = { ...(await prettier.resolveConfig(file)), parser: 'json' };
writeFileSync(file, await prettier.format(JSON.stringify(buildConfigSchema()), options));
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
