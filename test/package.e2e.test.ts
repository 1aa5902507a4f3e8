/**
 * The npm package as users get it: `npm pack` holds the bundle and the files people read, nothing else, and no runtime
 * dependency (the bundle contains them); installed from the tarball alone, with no registry reachable, the CLI runs
 * `--version` and a whole sync against the forge.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import semver from 'semver';

import { startForge, type Forge } from './forge/forge.js';
import { listRefs } from './forge/seed.js';
import { cleanEnv, mirrorEnv, ROOT, tempDir } from './support/cli.js';

interface PackedFile {
  path: string;
  size: number;
}
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  engines: { node: string };
  files: string[];
};

/** What the package must hold: the bundle, the Action and component definitions, and the files people read. */
function expectedFiles(): string[] {
  const dist = fs.readdirSync(path.join(ROOT, 'dist')).map((name) => `dist/${name}`);
  const templates = fs.readdirSync(path.join(ROOT, 'templates')).map((name) => `templates/${name}`);
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).map((name) => `docs/${name}`);
  return [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'action.yml',
    'org-mirror.schema.json',
    ...templates,
    ...docs,
    ...dist,
  ].sort();
}

/** The files under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/**
 * Every package the bundle was built from: by the module paths ncc keeps in it (`./node_modules/a/node_modules/b/…`),
 * and every package the sources import (a file imported by its path inside a package, as `undici/lib/…`, leaves no
 * such path in the bundle).
 */
function bundledPackages(): string[] {
  const found = new Set<string>();
  for (const name of fs.readdirSync(path.join(ROOT, 'dist')).filter((file) => file.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(ROOT, 'dist', name), 'utf8');
    for (const match of code.matchAll(/\.\/((?:node_modules\/(?:@[\w.-]+\/)?[\w.-]+\/)+)/g)) {
      found.add(match[1].replace(/\/$/, ''));
    }
  }
  for (const file of filesUnder(path.join(ROOT, 'src')).filter((name) => name.endsWith('.ts'))) {
    const code = fs.readFileSync(file, 'utf8');
    for (const match of code.matchAll(/^(?:import|export)(?! type )[^'"]*? from '([^']+)'|import\('([^']+)'\)/gm)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      found.add(`node_modules/${/^(@[^/]+\/)?[^/]+/.exec(specifier)?.[0]}`);
    }
  }
  return [...found].sort();
}

const SOURCE_TOKEN = 'ghp_PackageTestSource0123456789abcdefAB';
const TARGET_TOKEN = 'glpat-PackageTestTarget0123456789x';

describe('the npm package', () => {
  let work: string;
  let packed: PackResult;
  let installDir: string;

  beforeAll(() => {
    work = tempDir('org-mirror-pack-');
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...cleanEnv(), npm_config_loglevel: 'error' },
    });
    [packed] = JSON.parse(out) as PackResult[];
    process.stdout.write(
      `npm pack: ${packed.filename}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked\n`,
    );
  });

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('holds dist/, action.yml, the configuration schema, templates/, docs/, README, LICENSE and CHANGELOG, and nothing else', () => {
    expect(packed.files.map((file) => file.path).sort()).toEqual(expectedFiles());
    expect(packed.files.some((file) => file.path.startsWith('test/') || file.path.startsWith('src/'))).toBe(false);
  });

  test('declares no runtime dependency: the bundle contains them all', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  test('asks for the Node.js version that the bundled packages need, no more, no less', () => {
    const packages = bundledPackages();
    expect(packages).toContain('node_modules/undici');
    let needed = '0.0.0';
    const needers: string[] = [];
    for (const dir of packages) {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as {
        engines?: { node?: string };
      };
      const range = manifest.engines?.node;
      const floor = range ? semver.minVersion(range)?.version : undefined;
      if (!floor) continue;
      if (semver.gt(floor, needed)) {
        needed = floor;
        needers.length = 0;
      }
      if (semver.eq(floor, needed)) needers.push(dir);
    }
    expect([semver.minVersion(pkg.engines.node)?.version, needers]).toEqual([needed, needers]);
    // The Action runs on Node 24 (action.yml); the package must run there too.
    expect(semver.satisfies('24.0.0', pkg.engines.node)).toBe(true);
    expect(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).toMatch(/using:\s*['"]?node24/);
  });

  describe('installed from the tarball alone, with no registry reachable', () => {
    let source: Forge;
    let target: Forge;

    beforeAll(async () => {
      installDir = path.join(work, 'consumer');
      fs.mkdirSync(installDir);
      fs.writeFileSync(path.join(installDir, 'package.json'), '{ "name": "consumer", "private": true }\n');
      execFileSync(
        'npm',
        ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, packed.filename)],
        {
          cwd: installDir,
          encoding: 'utf8',
          env: {
            ...cleanEnv(),
            // Nothing may come from anywhere but the file: an unreachable registry, an empty cache of our own.
            npm_config_registry: 'http://127.0.0.1:9/',
            npm_config_cache: path.join(work, 'npm-cache'),
            npm_config_engine_strict: 'false',
            npm_config_loglevel: 'error',
          },
        },
      );
      source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
      target = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TARGET_TOKEN }] });
      source.addOrg('acme', { members: { 'src-bot': 'admin' } });
      source.addRepo('acme', 'api', { defaultBranch: 'main' });
      source.seed('acme', 'api', { branches: { main: ['README.md'], dev: ['dev.txt'] }, tags: ['v1'] });
      target.addOrg('mirrors', { members: { 'mirror-bot': 'owner' } });
    });

    afterAll(async () => {
      await source?.stop();
      await target?.stop();
    });

    const bin = (): string => path.join(installDir, 'node_modules/.bin/org-mirror');

    test('installs one package and nothing else', () => {
      expect(fs.readdirSync(path.join(installDir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([
        'org-mirror',
      ]);
    });

    test('prints its version', () => {
      const out = execFileSync(bin(), ['--version'], { encoding: 'utf8', env: cleanEnv() });
      expect(out.trim()).toBe(pkg.version);
    });

    test('mirrors an organization', async () => {
      const env = mirrorEnv({
        source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
        target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
        cacheDir: path.join(work, 'cache'),
        reportFile: path.join(work, 'report.json'),
      });
      // Asynchronously: the forge answers from this process.
      await promisify(execFile)(bin(), [], { cwd: installDir, encoding: 'utf8', env: { ...cleanEnv(), ...env } });
      const report = JSON.parse(fs.readFileSync(path.join(work, 'report.json'), 'utf8')) as {
        repos: Array<{ name: string; status: string }>;
      };
      expect(report.repos.map((repo) => [repo.name, repo.status])).toEqual([['api', 'created']]);
      expect(listRefs(target.repoDir('mirrors', 'api'))).toEqual(listRefs(source.repoDir('acme', 'api')));
      expect(source.violations).toEqual([]);
      expect(target.violations).toEqual([]);
    });
  });
});
