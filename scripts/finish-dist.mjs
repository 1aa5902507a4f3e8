// After ncc: mark the bundle as ESM (dist/package.json) and make the CLI entry executable with a node shebang.
import fs from 'node:fs';

fs.writeFileSync('dist/package.json', JSON.stringify({ type: 'module' }, null, 2) + '\n');
const entry = 'dist/index.js';
let code = fs.readFileSync(entry, 'utf8');
if (!code.startsWith('#!')) code = '#!/usr/bin/env node\n' + code;
fs.writeFileSync(entry, code);
fs.chmodSync(entry, 0o755);
