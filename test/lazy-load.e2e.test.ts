/**
 * A faster start (issue 10 item 5): the bundle's entry holds the settings only; everything else is a chunk of `dist/`
 * loaded when needed, and each host's API client only when that host type is used. Proven on copies of `dist/` with
 * chunks taken away: `--version` and `--help` work with no chunk at all, and a Bitbucket Server → Bitbucket Cloud sync
 * works without the chunks holding Octokit (GitHub) and gitbeaker (GitLab). Of undici, only the parts the project's own
 * HTTP client uses are loaded (src/hosts/undici.ts): such a sync loads neither undici's index, whose cookies module
 * reads `globalThis.Headers`, nor therefore Node's own bundled undici (seen by a preloaded probe). And proven on the
 * chunks a GitHub → GitLab sync loads: one undici (the mirror's own), not a second one brought by a GitHub client
 * library.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { cleanEnv, gitSpy, ROOT, tempDir } from './support/cli.js';
import type { ForgeType } from './forge/forge.js';
import { addNamespace, Pair, startHostForge, type HostForge } from './support/pairs.js';

const DIST = path.join(ROOT, 'dist');
/** Preloaded into a run: records whether Node's own undici and the npm undici were loaded (test/support). */
const WEB_GLOBALS_PROBE = path.join(ROOT, 'test', 'support', 'web-globals-probe.mjs');
/** Preloaded into a run: records the chunks of the bundle it loads (test/support). */
const CHUNK_TRACER = path.join(ROOT, 'test', 'support', 'chunk-tracer.mjs');
/** Code that only the host API clients contain. */
const CLIENT_MARKERS = { github: 'class Octokit', gitlab: 'GitbeakerRequestError' };
/** Code of `@actions/core` (with its own HTTP client), needed on GitHub Actions only. */
const ACTIONS_CORE_MARKER = 'ACTIONS_ID_TOKEN_REQUEST_URL';
/** Code that each bundled copy of undici holds once (the key of its global dispatcher). */
const UNDICI_MARKER = "Symbol.for('undici.globalDispatcher.1')";

const chunks = (dir: string): string[] => fs.readdirSync(dir).filter((file) => /^\d+\.index\.js$/.test(file));
const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');

/** A copy of dist/ without the chunks that `drop` selects. */
function distWithout(root: string, name: string, drop: (code: string) => boolean): string {
  const dir = path.join(root, name, 'dist');
  fs.cpSync(DIST, dir, { recursive: true });
  for (const file of chunks(dir)) if (drop(read(dir, file))) fs.rmSync(path.join(dir, file));
  return dir;
}

/** Runs a copy of the bundle asynchronously (the forges answer in this process); `nodeArgs` go before the script. */
function runDist(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, path.join(dir, 'index.js'), ...args], {
      cwd: path.dirname(dir),
      env: { ...cleanEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A source and a target fake host for the enclosing `describe` block (stopped after it), and pairs of new namespaces
 * on them, with token credentials on both sides.
 */
function hostsFor(sourceType: ForgeType, targetType: ForgeType, root: () => string): { pair(name: string): Pair } {
  let source: HostForge | undefined;
  let target: HostForge | undefined;
  beforeAll(async () => {
    [source, target] = await Promise.all([
      startHostForge(sourceType, 'src-bot'),
      startHostForge(targetType, 'mirror-bot'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([source, target].map((host) => host?.forge.stop()));
  });
  return {
    pair(name) {
      if (!source || !target) throw new Error('the fake hosts did not start');
      const spy = gitSpy(root());
      return new Pair(source, addNamespace(source, name), target, addNamespace(target, name), spy, root(), {
        source: false,
        target: false,
      });
    },
  };
}

describe('lazy loading of the bundle', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir('org-mirror-lazy-');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the entry holds no host API client; chunks hold them', () => {
    const entry = read(DIST, 'index.js');
    for (const marker of Object.values(CLIENT_MARKERS)) {
      expect(entry.includes(marker)).toBe(false);
      expect(chunks(DIST).some((file) => read(DIST, file).includes(marker))).toBe(true);
    }
    // The settings are all the entry needs: a fraction of the bundle.
    const total = [...chunks(DIST), 'index.js'].reduce((sum, file) => sum + fs.statSync(path.join(DIST, file)).size, 0);
    expect(fs.statSync(path.join(DIST, 'index.js')).size).toBeLessThan(total / 10);
  });

  test('--version and --help need no chunk at all', async () => {
    const dir = distWithout(root, 'entry-only', () => true);
    expect(chunks(dir)).toEqual([]);
    const version = await runDist(dir, ['--version']);
    expect({ status: version.status, stderr: version.stderr }).toEqual({ status: 0, stderr: '' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runDist(dir, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: org-mirror');
  });

  describe('a Bitbucket Server → Bitbucket Cloud sync without the GitHub and GitLab clients or @actions/core', () => {
    const hosts = hostsFor('bitbucket-server', 'bitbucket-cloud', () => root);

    test('mirrors and protects, loading only the Bitbucket adapters and the plain-text runtime', async () => {
      const dir = distWithout(root, 'bitbucket-only', (code) =>
        [...Object.values(CLIENT_MARKERS), ACTIONS_CORE_MARKER].some((marker) => code.includes(marker)),
      );
      expect(chunks(dir).length).toBeLessThan(chunks(DIST).length);
      const pair = hosts.pair('lazy');
      const { source, sourceOwner } = pair;
      source.forge.addRepo(sourceOwner, 'api', { defaultBranch: 'main' });
      source.forge.seed(sourceOwner, 'api', { branches: { main: ['a.txt'], dev: ['d.txt'] }, tags: ['v1'] });

      const run = await runDist(dir, [], pair.env());
      expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
      expect(pair.targetRefs('api')).toEqual(pair.sourceRefs('api'));

      // The same copy cannot serve a GitHub or GitLab endpoint: proof that those chunks are the clients.
      const github = await runDist(dir, [], { ...pair.env(), MIRROR_SOURCE_TYPE: 'github' });
      expect(github.status).not.toBe(0);
      expect(github.stdout + github.stderr).toMatch(/Cannot find module '[^']*\d+\.index\.js'/);
      // Nor run as a GitHub Action: @actions/core is loaded there only.
      const action = await runDist(dir, [], { ...pair.env(), GITHUB_ACTIONS: 'true' });
      expect(action.status).not.toBe(0);
      expect(action.stdout + action.stderr).toMatch(/Cannot find module '[^']*\d+\.index\.js'/);
    });

    test("loads only the parts of undici its HTTP client uses: not undici's index, nor Node's own undici", async () => {
      const dir = distWithout(root, 'whole', () => false);
      const pair = hosts.pair('undici');
      const { source, sourceOwner } = pair;
      source.forge.addRepo(sourceOwner, 'web', { defaultBranch: 'main' });
      source.forge.seed(sourceOwner, 'web', { branches: { main: ['index.html'] }, tags: ['w1'] });
      const probeFile = path.join(root, 'web-globals.json');

      const run = await runDist(dir, [], { ...pair.env(), WEB_GLOBALS_PROBE_FILE: probeFile }, [
        '--import',
        pathToFileURL(WEB_GLOBALS_PROBE).href,
      ]);
      expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
      expect(pair.targetRefs('web')).toEqual(pair.sourceRefs('web'));
      // The API calls and ref reads went through undici (its global dispatcher is set), and nothing made Node load its
      // own: undici's index would have, through `globalThis.Headers` (firstReads says who read which global).
      expect(JSON.parse(fs.readFileSync(probeFile, 'utf8'))).toEqual({
        nodeUndiciLoaded: false,
        npmUndiciLoaded: true,
        firstReads: [],
      });
    });
  });

  describe('a GitHub → GitLab sync', () => {
    const hosts = hostsFor('github', 'gitlab', () => root);

    test('loads both clients and a single undici, not a second one with the GitHub client', async () => {
      const pair = hosts.pair('lazy');
      const { source, sourceOwner } = pair;
      source.forge.addRepo(sourceOwner, 'api', { defaultBranch: 'main' });
      source.forge.seed(sourceOwner, 'api', { branches: { main: ['a.txt'] } });
      const dir = distWithout(root, 'traced', () => false);
      const trace = path.join(root, 'github-gitlab.trace');

      const run = await runDist(dir, [], { ...pair.env(), TRACE_FILE: trace }, [
        '--import',
        pathToFileURL(CHUNK_TRACER).href,
      ]);
      expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
      expect(pair.targetRefs('api')).toEqual(pair.sourceRefs('api'));

      const loaded = [...new Set(fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean))];
      const holding = (marker: string) => loaded.filter((file) => read(dir, file).includes(marker));
      // The tracer saw the run: both API clients came from chunks it recorded.
      expect(holding(CLIENT_MARKERS.github)).toHaveLength(1);
      expect(holding(CLIENT_MARKERS.gitlab)).toHaveLength(1);
      expect(holding(ACTIONS_CORE_MARKER)).toEqual([]);
      // Each undici copy holds the marker once: one copy in all the chunks loaded.
      const undiciCopies = loaded.map((file) => read(dir, file).split(UNDICI_MARKER).length - 1);
      expect(undiciCopies.reduce((sum, copies) => sum + copies, 0)).toBe(1);
    });
  });
});
