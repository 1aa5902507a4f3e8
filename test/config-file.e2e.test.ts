/**
 * One configuration file, several mirrors, one run of the bundled CLI: a GitHub organization and a Bitbucket Server
 * project mirrored into one GitLab target; `enabled: false` on a repository and on a mirror; `target-name`; `mirror`
 * selecting; one mirror's listing failing while the others complete; a bad file refused before any request; a file
 * with one mirror giving what the same settings as inputs give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { listRefs } from './forge/seed.js';
import { cleanEnv, gitSpy, runCli, tempDir, textContains, type CliRun, type GitSpy } from './support/cli.js';
import { addNamespace, expectExit, startHostForge, type HostForge } from './support/pairs.js';

let github: HostForge;
let bbs: HostForge;
let gitlab: HostForge;
let work: string;
let spy: GitSpy;
let plat: string;

const SEED = { branches: { main: ['README.md', 'a.txt'], dev: ['dev.txt'] }, tags: ['v1'] };

beforeAll(async () => {
  [github, bbs, gitlab] = await Promise.all([
    startHostForge('github', 'mirror-bot'),
    startHostForge('bitbucket-server', 'mirror-bot'),
    startHostForge('gitlab', 'mirror-bot'),
  ]);
  work = tempDir('org-mirror-config-');
  spy = gitSpy(work);
  addNamespace(github, 'acme');
  addNamespace(github, 'other');
  for (const name of ['api', 'web', 'legacy']) {
    github.forge.addRepo('acme', name, { defaultBranch: 'main' });
    github.forge.seed('acme', name, SEED);
  }
  github.forge.addRepo('other', 'tool', { defaultBranch: 'main' });
  github.forge.seed('other', 'tool', SEED);
  plat = addNamespace(bbs, 'plat');
  for (const name of ['core', 'docs']) {
    bbs.forge.addRepo(plat, name, { defaultBranch: 'main' });
    bbs.forge.seed(plat, name, SEED);
  }
  for (const group of ['mirrors-acme', 'mirrors-plat', 'mirrors-other', 'single-file', 'single-inputs']) {
    addNamespace(gitlab, group);
  }
});

afterAll(async () => {
  await Promise.all([github, bbs, gitlab].filter(Boolean).map((host) => host.forge.stop()));
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function secretsEnv(): Record<string, string> {
  return { GH_TOKEN: github.bot.token, BBS_TOKEN: bbs.bot.token, GL_TOKEN: gitlab.bot.token };
}

function fileText(): string {
  return `# yaml-language-server: $schema=../org-mirror.schema.json
version: 1
defaults:
  target-type: gitlab
  target-url: ${gitlab.forge.url}
  target-token-env: GL_TOKEN
mirrors:
  - id: acme
    source-type: github
    source-url: ${github.forge.url}
    source-owner: acme
    source-token-env: GH_TOKEN
    target-owner: mirrors-acme
    repositories:
      legacy: { enabled: false }
      api: { target-name: api-mirror }
  - id: plat
    source-type: bitbucket-server
    source-url: ${bbs.forge.url}
    source-owner: ${plat}
    source-token-env: BBS_TOKEN
    target-owner: mirrors-plat
  - id: other
    enabled: false
    source-type: github
    source-url: ${github.forge.url}
    source-owner: other
    source-token-env: GH_TOKEN
    target-owner: mirrors-other
  - id: ghost
    source-type: github
    source-url: ${github.forge.url}
    source-owner: ghost
    source-token-env: GH_TOKEN
    target-owner: mirrors-acme
`;
}

function writeFile(name: string, text: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  return file;
}

function requestCount(): number {
  return [github, bbs, gitlab].reduce(
    (sum, host) => sum + host.forge.requests.length + host.forge.gitRequests.length,
    0,
  );
}

async function run(args: string[], env: Record<string, string> = {}, report = 'report.json'): Promise<CliRun> {
  const result = await runCli({
    args,
    env: {
      ...secretsEnv(),
      MIRROR_CACHE_DIR: path.join(work, 'cache'),
      MIRROR_REPORT_FILE: path.join(work, report),
      MIRROR_CONCURRENCY: '2',
      ...env,
    },
    spy,
    dist: true,
  });
  const secrets = Object.values(secretsEnv());
  // `::add-mask::` lines are how the Action tells the runner what to mask: the only place a secret may appear.
  const output = (result.stdout + result.stderr)
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  expect(textContains(output, secrets)).toBe(false);
  expect(textContains(JSON.stringify(result.report ?? {}), secrets)).toBe(false);
  return result;
}

const repoOf = (result: CliRun, mirror: string, name: string) =>
  result.report?.repos.find((repo) => repo.mirror === mirror && repo.name === name);

describe('one configuration file, every mirror in one run', () => {
  it('refuses a bad file with one line per problem, before any request to any host', async () => {
    const before = requestCount();
    const bad = writeFile(
      'bad.yml',
      fileText().replace('    target-owner: mirrors-plat', '    target-ownr: mirrors-plat\n    concurrency: 3'),
    );
    const result = await run(['--config', bad]);
    expectExit(result, 2);
    const output = result.stdout + result.stderr;
    expect(output).toContain(
      `${bad}:22:5: mirrors[1].target-ownr: unknown key. Did you mean target-owner? Expected an input name that describes a mirror (docs/configuration.md).`,
    );
    expect(output).toContain(`${bad}:23:5: mirrors[1].concurrency: concurrency is about the whole run`);
    const unknownMirror = await run(['--config', writeFile('good.yml', fileText()), '--mirror', 'acme,nope']);
    expectExit(unknownMirror, 2);
    expect(unknownMirror.stdout + unknownMirror.stderr).toContain("Invalid mirror 'acme,nope': no mirror nope");
    const validate = await run(['--config', path.join(work, 'good.yml'), '--mode', 'validate'], { GH_TOKEN: '' });
    expectExit(validate, 0);
    expect(validate.stdout + validate.stderr).toContain('environment variable GH_TOKEN is not set');
    // Without config, mode validate checks the inputs alone; `mirror` needs config.
    const inputs = {
      MIRROR_SOURCE_TYPE: 'github',
      MIRROR_SOURCE_URL: github.forge.url,
      MIRROR_SOURCE_OWNER: 'acme',
      MIRROR_TARGET_TYPE: 'gitlab',
      MIRROR_TARGET_URL: gitlab.forge.url,
      MIRROR_TARGET_OWNER: 'mirrors-acme',
      MIRROR_MODE: 'validate',
    };
    expectExit(await run([], inputs), 0);
    const badInput = await run([], { ...inputs, MIRROR_FILTER: '([' });
    expectExit(badInput, 2);
    expect(badInput.stdout + badInput.stderr).toContain("Invalid filter '(['");
    const mirrorAlone = await run(['--mirror', 'acme'], { ...inputs, MIRROR_MODE: 'sync' });
    expectExit(mirrorAlone, 2);
    expect(mirrorAlone.stdout + mirrorAlone.stderr).toContain("Invalid mirror 'acme': it needs config.");
    expect(requestCount()).toBe(before);
  });

  it('mirrors a GitHub organization and a Bitbucket Server project into one GitLab target; disabled ones untouched', async () => {
    const file = writeFile('org-mirror.yml', fileText());
    const result = await run(['--config', file, '--mirror', 'acme,plat,other'], {
      MIRROR_JUNIT_FILE: path.join(work, 'junit.xml'),
    });
    expectExit(result, 0);
    const report = result.report!;
    expect(report.mirrors?.map((mirror) => [mirror.id, mirror.enabled, mirror.error])).toEqual([
      ['acme', true, undefined],
      ['plat', true, undefined],
      ['other', false, undefined],
    ]);
    expect(repoOf(result, 'acme', 'api')).toMatchObject({ status: 'created', target: 'api-mirror' });
    expect(repoOf(result, 'acme', 'web')).toMatchObject({ status: 'created', target: 'web' });
    expect(repoOf(result, 'acme', 'legacy')).toMatchObject({ status: 'disabled' });
    expect(repoOf(result, 'plat', 'core')).toMatchObject({ status: 'created' });
    expect(repoOf(result, 'plat', 'docs')).toMatchObject({ status: 'created' });
    expect(report.counts).toEqual({ created: 4, disabled: 1 });

    expect(listRefs(gitlab.forge.repo('mirrors-acme', 'api-mirror').dir)).toEqual(
      listRefs(github.forge.repo('acme', 'api').dir),
    );
    expect(listRefs(gitlab.forge.repo('mirrors-plat', 'core').dir)).toEqual(listRefs(bbs.forge.repo(plat, 'core').dir));
    expect(gitlab.forge.findRepo('mirrors-acme/legacy')).toBeUndefined();
    expect(gitlab.forge.findRepo('mirrors-acme/api')).toBeUndefined();
    expect(gitlab.forge.findRepo('mirrors-other/tool')).toBeUndefined();
    // Nothing requested for the disabled repository or the disabled mirror.
    const paths = github.forge.requests.map((request) => request.path);
    expect(paths.filter((p) => /\/other\b|\/legacy\b/.test(p))).toEqual([]);
    expect(github.forge.gitRequests.filter((request) => /legacy|other/.test(request.repo))).toEqual([]);

    // State per mirror id under cache-dir; the summary and JUnit grouped by mirror.
    expect(fs.readdirSync(path.join(work, 'cache', 'mirrors')).sort()).toEqual(['acme', 'plat']);
    const summary = fs.readFileSync(path.join(work, 'report.md'), 'utf8');
    expect(summary).toMatch(/### acme: github acme → gitlab mirrors-acme/);
    expect(summary).toMatch(/### other: .*\n\n⏸️ disabled/);
    const junit = fs.readFileSync(path.join(work, 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(3);
    expect(junit).toContain('name="org-mirror sync plat bitbucket-server:');
  });

  it("leaves the other mirrors complete when one mirror's listing fails (exit 1)", async () => {
    const file = writeFile('org-mirror.yml', fileText());
    github.forge.addRepo('acme', 'new-one', { defaultBranch: 'main' });
    github.forge.seed('acme', 'new-one', SEED);
    const result = await run(['--config', file]);
    expectExit(result, 1);
    const ghost = result.report?.mirrors?.find((mirror) => mirror.id === 'ghost');
    expect(ghost?.error).toBeTruthy();
    expect(repoOf(result, 'acme', 'new-one')).toMatchObject({ status: 'created' });
    expect(repoOf(result, 'acme', 'api')).toMatchObject({ status: 'up-to-date', target: 'api-mirror' });
    expect(repoOf(result, 'plat', 'core')).toMatchObject({ status: 'up-to-date' });
    expect(result.stdout + result.stderr).toMatch(/Mirror ghost failed/);
  });

  it("matches an event's repository against every mirror whose source has it; outputs are totals", async () => {
    const file = writeFile('org-mirror.yml', fileText());
    bbs.forge.seed(plat, 'core', { branches: { main: ['README.md', 'a.txt', 'b.txt'] } });
    const eventFile = writeFile(
      'event.json',
      JSON.stringify({ action: 'mirror', client_payload: { repository: 'core' } }),
    );
    const output = writeFile('github-output.txt', '');
    const summary = writeFile('github-summary.md', '');
    const result = await run(['--config', file], {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'repository_dispatch',
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: work,
    });
    expectExit(result, 0);
    // `updated` after the earlier tests of this file, `created` when this one runs alone.
    const status = result.report?.repos[0]?.status ?? 'none';
    expect(['created', 'updated']).toContain(status);
    expect(result.report?.repos.map((repo) => [repo.mirror, repo.name, repo.status])).toEqual([
      ['plat', 'core', status],
    ]);
    expect(listRefs(gitlab.forge.repo('mirrors-plat', 'core').dir)).toEqual(listRefs(bbs.forge.repo(plat, 'core').dir));
    const outputs = fs.readFileSync(output, 'utf8');
    expect(outputs).toMatch(new RegExp(`${status}<<[^\\n]+\\n1\\n`));
    expect(outputs).toMatch(/failed<<[^\n]+\n0\n/);
    expect(fs.readFileSync(summary, 'utf8')).toMatch(/## org-mirror sync: 4 mirrors/);
  });

  it('gives with a one-mirror file what the same settings give as inputs', async () => {
    const single = writeFile(
      'single.yml',
      `version: 1
mirrors:
  - id: single
    source-type: bitbucket-server
    source-url: ${bbs.forge.url}
    source-owner: ${plat}
    source-token-env: BBS_TOKEN
    target-type: gitlab
    target-url: ${gitlab.forge.url}
    target-owner: single-file
    target-token-env: GL_TOKEN
    exclude: docs
`,
    );
    const fromFile = await run(['--config', single], {}, 'single-file.json');
    const fromInputs = await runCli({
      env: {
        ...cleanEnv(),
        MIRROR_SOURCE_TYPE: 'bitbucket-server',
        MIRROR_SOURCE_URL: bbs.forge.url,
        MIRROR_SOURCE_OWNER: plat,
        MIRROR_SOURCE_TOKEN: bbs.bot.token,
        MIRROR_TARGET_TYPE: 'gitlab',
        MIRROR_TARGET_URL: gitlab.forge.url,
        MIRROR_TARGET_OWNER: 'single-inputs',
        MIRROR_TARGET_TOKEN: gitlab.bot.token,
        MIRROR_EXCLUDE: 'docs',
        MIRROR_CACHE_DIR: path.join(work, 'cache-inputs'),
        MIRROR_REPORT_FILE: path.join(work, 'single-inputs.json'),
        MIRROR_CONCURRENCY: '2',
      },
      spy,
      dist: true,
    });
    expectExit(fromFile, 0);
    expectExit(fromInputs, 0);
    const shape = (result: CliRun) =>
      result.report?.repos.map((repo) => ({
        name: repo.name,
        target: repo.target,
        status: repo.status,
        refs: repo.refs,
      }));
    expect(shape(fromFile)).toEqual(shape(fromInputs));
    expect(fromFile.report?.counts).toEqual(fromInputs.report?.counts);
    expect(listRefs(gitlab.forge.repo('single-file', 'core').dir)).toEqual(
      listRefs(gitlab.forge.repo('single-inputs', 'core').dir),
    );
    // A single-mirror run from plain inputs keeps today's state location.
    expect(fs.existsSync(path.join(work, 'cache-inputs', 'mirrors'))).toBe(false);
  });
});
