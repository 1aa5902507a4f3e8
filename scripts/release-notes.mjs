#!/usr/bin/env node
// Release checks and notes: `node scripts/release-notes.mjs <tag> [out-file]` fails unless the tag (`v1.2.3` for GitHub
// and npm, `1.2.3` for the GitLab catalog) names the version of package.json and of the CLI, and CHANGELOG.md has a
// non-empty section for it; then writes that section (the release notes) to out-file or stdout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEMVER = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/** The body of `## [version]` in a Keep a Changelog file, without its heading; undefined when absent. */
export function changelogSection(changelog, version) {
  const lines = changelog.split('\n');
  const escaped = version.replace(/[.+-]/g, (c) => `\\${c}`);
  const start = lines.findIndex((line) => new RegExp(`^## \\[${escaped}\\](\\s|$)`).test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

/** Checks a release tag against the project; returns the version and its notes or throws with one clear line. */
export function releaseNotes(tag, root = ROOT) {
  const match = SEMVER.exec(tag ?? '');
  if (!match)
    throw new Error(`tag '${tag}' is not a version tag: expected v1.2.3 (GitHub, npm) or 1.2.3 (GitLab catalog)`);
  const version = match[1];
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (pkg.version !== version) throw new Error(`tag '${tag}' does not match package.json version ${pkg.version}`);
  const cli = fs.readFileSync(path.join(root, 'src/settings/version.ts'), 'utf8');
  if (!cli.includes(`'${version}'`)) throw new Error(`src/settings/version.ts does not say ${version}`);
  const notes = changelogSection(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version);
  if (!notes) throw new Error(`CHANGELOG.md has no entries under '## [${version}]'`);
  return { version, prerelease: version.includes('-'), notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { notes } = releaseNotes(process.argv[2]);
    if (process.argv[3]) fs.writeFileSync(process.argv[3], `${notes}\n`);
    else process.stdout.write(`${notes}\n`);
  } catch (error) {
    console.error(`release: ${error.message}`);
    process.exit(1);
  }
}
