#!/usr/bin/env node
// Release checks and notes: `node scripts/release-notes.mjs <tag> [notes-file] [env-file]` fails unless the tag names
// the version of package.json and of the CLI, and CHANGELOG.md has a non-empty section for it; then writes that section
// (the release notes) to notes-file or stdout, and `RELEASE_VERSION=<x.y.z>` to env-file (a GitLab dotenv report).
//
// One tag per release, `v1.2.3`, pushed to GitHub and GitLab alike: the GitHub Marketplace and npm take it as it is
// (the release workflow also moves the major tag `v1`); the GitLab CI/CD catalog takes only a semantic version without
// the `v` (https://docs.gitlab.com/ci/components/#semantic-versioning), so the GitLab pipeline publishes the catalog
// release `1.2.3` (RELEASE_VERSION) from the commit the `v1.2.3` tag names. A bare `1.2.3` tag is accepted too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// semver.org's MAJOR.MINOR.PATCH[-PRERELEASE] (no leading zeros), after an optional `v`; no build metadata (`+...`),
// which npm drops from a version.
const SEMVER =
  /^v?((?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?)$/;

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
    throw new Error(`tag '${tag}' is not a version tag: expected v1.2.3 (or 1.2.3, the GitLab catalog's form)`);
  const version = match[1];
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (pkg.version !== version) throw new Error(`tag '${tag}' does not match package.json version ${pkg.version}`);
  const cli = fs.readFileSync(path.join(root, 'src/settings/version.ts'), 'utf8');
  if (!cli.includes(`'${version}'`)) throw new Error(`src/settings/version.ts does not say ${version}`);
  const notes = changelogSection(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version);
  if (!notes) throw new Error(`CHANGELOG.md has no entries under '## [${version}]'`);
  return { version, prerelease: version.includes('-'), notes };
}

/** The dotenv lines the GitLab pipeline's publish job reads: the catalog version, a semantic version without `v`. */
export function releaseEnv(version) {
  return `RELEASE_VERSION=${version}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { version, notes } = releaseNotes(process.argv[2]);
    if (process.argv[3]) fs.writeFileSync(process.argv[3], `${notes}\n`);
    else process.stdout.write(`${notes}\n`);
    if (process.argv[4]) fs.writeFileSync(process.argv[4], releaseEnv(version));
  } catch (error) {
    console.error(`release: ${error.message}`);
    process.exit(1);
  }
}
