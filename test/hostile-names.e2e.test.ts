/**
 * Hostile repository names (issue 9, item 4): a source that lists names such as `..`, `-x`,
 * `--upload-pack=touch_pwned`, a name with `=` or with a newline gets each of them refused before any request for
 * it, with the target's rule named; nothing derived from them reaches a git argv, a request or a file outside the
 * cache, and the other repositories are mirrored. GitHub organization → GitLab group (GitLab keeps names as they are,
 * so every one of them meets the target's path rules), through the bundled CLI with a git wrapper recording argv.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import { startForge, type Forge } from './forge/forge.js';
import { listRefs } from './forge/seed.js';
import { gitSpy, mirrorEnv, ROOT, runCli, tempDir, type GitSpy } from './support/cli.js';

const SOURCE_TOKEN = 'ghp_HostileSource0123456789abcdefABCD';
const TARGET_TOKEN = 'glpat-HostileTarget0123456789ab';
const HEALTHY = ['alpha', 'beta'];
const HOSTILE = ['..', '-x', '--upload-pack=touch_pwned', 'key=value', 'line\nbreak'];

/** Every file named `name` under `dir`. */
function findFiles(dir: string, name: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name === name) found.push(full);
    if (entry.isDirectory() && !entry.isSymbolicLink()) found.push(...findFiles(full, name));
  }
  return found;
}

describe('hostile repository names from the source', () => {
  let source: Forge;
  let target: Forge;
  let work: string;
  let spy: GitSpy;

  beforeAll(async () => {
    work = tempDir('org-mirror-hostile-');
    spy = gitSpy(work);
    source = await startForge({ type: 'github', users: [{ username: 'src-bot', token: SOURCE_TOKEN }] });
    target = await startForge({ type: 'gitlab', users: [{ username: 'mirror-bot', token: TARGET_TOKEN }] });
    source.addOrg('acme', { members: { 'src-bot': 'admin' } });
    target.addOrg('mirrors', { members: { 'mirror-bot': 'owner' } });
    for (const name of HEALTHY) {
      source.addRepo('acme', name, { defaultBranch: 'main' });
      source.seed('acme', name, { branches: { main: [`${name}.txt`] } });
    }
    // The source's API lists these names as they are (a compromised or lenient host).
    for (const name of HOSTILE) source.addRepo('acme', name, { defaultBranch: 'main' });
  });

  afterAll(async () => {
    await source?.stop();
    await target?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('each is refused with the rule named and never requested; the others are mirrored', async () => {
    const cacheDir = path.join(work, 'cache');
    const run = await runCli({
      dist: true,
      spy,
      env: mirrorEnv({
        source: { type: 'github', url: source.url, owner: 'acme', token: SOURCE_TOKEN },
        target: { type: 'gitlab', url: target.url, owner: 'mirrors', token: TARGET_TOKEN },
        cacheDir,
        reportFile: path.join(work, 'report.json'),
      }),
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.code).toBe(1);
    for (const name of HEALTHY) {
      expect([name, run.report?.repos.find((repo) => repo.name === name)?.status]).toEqual([name, 'created']);
      expect(listRefs(target.repoDir('mirrors', name))).toEqual(listRefs(source.repoDir('acme', name)));
    }
    const rules: Record<string, RegExp> = {
      '..': /repository names must not be "\." or "\.\."/,
      '-x': /GitLab paths must not start with "-"/,
      '--upload-pack=touch_pwned': /GitLab paths may contain only non-accented letters, digits, "_", "-" and "\."/,
      'key=value': /GitLab paths may contain only non-accented letters/,
      'line\nbreak': /repository names must not contain control characters/,
    };
    for (const name of HOSTILE) {
      const result = run.report?.repos.find((repo) => repo.name === name);
      expect([name, result?.status]).toEqual([name, 'failed']);
      expect(result?.reason).toMatch(/^name refused before any request: /);
      expect(result?.reason).toMatch(rules[name]);
      // In the log quoted, so that a newline in a name cannot forge a line of its own.
      expect(output).toContain(`${JSON.stringify(name)}: name refused before any request`);
    }
    expect(output).not.toMatch(/^break/m);

    // No request for them: the target was only listed and given the healthy repositories; the source only listed.
    const hostileInPath = (p: string): boolean =>
      HOSTILE.some((name) => p.includes(`/${name}`) || p.includes(encodeURIComponent(name)));
    expect(target.requests.filter((request) => hostileInPath(request.path))).toEqual([]);
    expect(source.requests.filter((request) => hostileInPath(request.path))).toEqual([]);
    expect(source.gitRequests.map((request) => request.repo).sort()).toEqual(
      expect.arrayContaining(HEALTHY.map((name) => `acme/${name}`)),
    );
    expect(source.gitRequests.filter((request) => !HEALTHY.some((name) => request.repo === `acme/${name}`))).toEqual(
      [],
    );
    expect(target.repos.size).toBe(HEALTHY.length);
    // Nor a git argv, nor a file: no `touch_pwned` anywhere, in the working dirs or the project directory.
    expect(spy.calls().filter((argv) => /touch_pwned|acme\/-x|acme\/\.\.|key=value|acme\/line/.test(argv))).toEqual([]);
    for (const dir of [work, source.root, target.root]) expect(findFiles(dir, 'touch_pwned')).toEqual([]);
    expect(fs.existsSync(path.join(ROOT, 'touch_pwned'))).toBe(false);
    expect(fs.readdirSync(path.join(cacheDir, 'repos')).every((name) => /^[0-9a-f]+\.git$/.test(name))).toBe(true);
    expect(target.violations).toEqual([]);
    expect(source.violations).toEqual([]);
  });
});
