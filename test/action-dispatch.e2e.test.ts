/**
 * `node dist/index.js` run the way the platforms run it, against the forge: the Actions runner (INPUT_* variables with
 * hyphens kept, every declared input set, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_NAME / GITHUB_EVENT_PATH)
 * and a GitLab pipeline started by a source webhook through a trigger (CI_PIPELINE_SOURCE=trigger, TRIGGER_PAYLOAD).
 * An event names one repository: only that one is mirrored, and a name that is unknown or filtered out does nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import {
  bitbucketCloudPush,
  bitbucketServerRefsChanged,
  githubPush,
  gitlabPush,
  repositoryDispatch,
} from './events-fixtures.js';
import { startForge, type Forge } from './forge/forge.js';
import { outputOf, tempDir } from './forge/git-client.js';

const root = process.cwd();
const DIST = path.join(root, 'dist/index.js');
const SOURCE_TOKEN = 'tok-source-mirror-0001';
const TARGET_TOKEN = 'tok-target-mirror-0002';
const DECLARED_INPUTS = Object.keys(
  (parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs,
);

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The child runs asynchronously: the forge answers in this process. A clean environment: nothing leaks in. */
async function runDist(env: Record<string, string>, cwd: string): Promise<RunResult> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LANG: 'C.UTF-8' };
  const child = spawn(process.execPath, [DIST], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const { status, stdout, stderr } = await outputOf(child);
  return { code: status, stdout, stderr };
}

/** What the runner sets for a `with:` block: every declared input, empty when not given, names upper-cased. */
function actionInputs(withBlock: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of DECLARED_INPUTS) env[`INPUT_${name.toUpperCase()}`] = withBlock[name] ?? '';
  return env;
}

/** `name<<DELIMITER\nvalue\nDELIMITER` records of a GITHUB_OUTPUT file (@actions/core's format). */
function readOutputs(file: string): Record<string, string> {
  const text = fs.readFileSync(file, 'utf8');
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) outputs[match[1]] = match[3];
  return outputs;
}

let github: Forge;
let gitlab: Forge;
let cloud: Forge;
let server: Forge;
let work: string;
let counter = 0;

const users = [
  { username: 'mirror-bot', token: SOURCE_TOKEN },
  { username: 'target-bot', token: TARGET_TOKEN },
];

beforeAll(async () => {
  if (!fs.existsSync(DIST)) {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (status) => resolve(status ?? -1));
    });
    expect(code).toBe(0);
  }
  [github, gitlab, cloud, server] = await Promise.all([
    startForge({ type: 'github', users, pageSize: 100 }),
    startForge({ type: 'gitlab', users, pageSize: 100 }),
    startForge({ type: 'bitbucket-cloud', users, pageSize: 100 }),
    startForge({ type: 'bitbucket-server', users, pageSize: 100 }),
  ]);
  github.addOrg('acme', { members: { 'mirror-bot': 'admin' } });
  github.addOrg('mirrors', { members: { 'target-bot': 'admin' } });
  for (const name of ['api-server', 'web', 'sandbox-x']) {
    github.addRepo('acme', name);
    github.seed('acme', name, { branches: { main: ['README.md'], dev: ['dev.txt'] }, tags: ['v1'] });
  }
  gitlab.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
  gitlab.addOrg('mirrors', { members: { 'target-bot': 'owner' } });
  gitlab.addRepo('acme', 'platform/api');
  gitlab.seed('acme/platform', 'api', { branches: { main: ['README.md'] }, tags: ['v2'] });
  gitlab.addRepo('acme', 'tools');
  gitlab.seed('acme', 'tools', { branches: { main: ['README.md'] } });
  for (const forge of [cloud, server]) {
    forge.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
    for (const name of ['api-server', 'billing']) {
      forge.addRepo('acme', name);
      forge.seed('acme', name, { branches: { main: ['README.md'] }, tags: ['v3'] });
    }
  }
  for (const owner of ['mirrors-gh', 'mirrors-cloud', 'mirrors-server']) {
    gitlab.addOrg(owner, { members: { 'target-bot': 'owner' } });
  }
  work = tempDir('action-dispatch-');
}, 600_000);

afterAll(async () => {
  await Promise.all([github?.stop(), gitlab?.stop(), cloud?.stop(), server?.stop()]);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A fresh runner workspace: temp dir, output and summary files, event payload file. */
function runnerFiles(event: unknown) {
  const dir = path.join(work, `run-${++counter}`);
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const files = {
    dir,
    output: path.join(dir, 'github_output'),
    summary: path.join(dir, 'step_summary'),
    event: path.join(dir, 'event.json'),
    report: path.join(dir, 'org-mirror-report.json'),
  };
  fs.writeFileSync(files.output, '');
  fs.writeFileSync(files.summary, '');
  fs.writeFileSync(files.event, JSON.stringify(event));
  return files;
}

function githubActionsEnv(files: ReturnType<typeof runnerFiles>, eventName: string, withBlock: Record<string, string>) {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: files.dir,
    GITHUB_REPOSITORY: 'acme/org-mirror-config',
    RUNNER_TEMP: path.join(files.dir, 'tmp'),
    ...actionInputs({ 'report-file': files.report, ...withBlock }),
  };
}

const githubToGitlab = () => ({
  'source-type': 'github',
  'source-url': github.url,
  'source-owner': 'acme',
  'source-token': SOURCE_TOKEN,
  'target-type': 'gitlab',
  'target-url': gitlab.url,
  'target-owner': 'mirrors',
  'target-token': TARGET_TOKEN,
  exclude: 'sandbox-.*',
});

const refsOf = (forge: Forge, owner: string, name: string) => Object.fromEntries(forge.refs(forge.repo(owner, name)));

describe('GitHub Actions: repository_dispatch', () => {
  it('mirrors only the dispatched repository and writes the outputs and the job summary', async () => {
    const files = runnerFiles(repositoryDispatch({ repository: 'api-server' }));
    const listingsBefore = github.requests.filter((r) => r.path.includes('/orgs/acme/repos')).length;
    const result = await runDist(githubActionsEnv(files, 'repository_dispatch', githubToGitlab()), files.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    expect(refsOf(gitlab, 'mirrors', 'api-server')).toEqual(refsOf(github, 'acme', 'api-server'));
    expect(gitlab.findRepo('mirrors/web')).toBeUndefined();
    // A single-repository run looks the repository up instead of listing the organization.
    expect(github.requests.filter((r) => r.path.includes('/orgs/acme/repos')).length).toBe(listingsBefore);

    expect(readOutputs(files.output)).toEqual({
      created: '1',
      updated: '0',
      'up-to-date': '0',
      diverged: '0',
      failed: '0',
      skipped: '0',
      orphaned: '0',
      held: '0',
      report: files.report,
    });
    const summary = fs.readFileSync(files.summary, 'utf8');
    expect(summary).toContain('api-server');
    expect(summary).not.toContain('web');
    const report = JSON.parse(fs.readFileSync(files.report, 'utf8')) as { repos: { name: string; status: string }[] };
    expect(report.repos.map((r) => [r.name, r.status])).toEqual([['api-server', 'created']]);
    // Log group per repository, and no token anywhere in the log.
    expect(result.stdout).toContain('::group::api-server');
    // (`::add-mask::` commands are how the runner learns the secrets; they never reach the visible log.)
    const visible = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(visible).not.toContain(SOURCE_TOKEN);
    expect(visible).not.toContain(TARGET_TOKEN);
    expect(result.stdout).toContain(`::add-mask::${TARGET_TOKEN}`);
  });

  it.each([
    ['an unknown repository', 'no-such-repo', /no-such-repo.*not found/],
    ['a repository excluded by the filters', 'sandbox-x', /sandbox-x.*not mirrored/],
  ])('does nothing for %s: no write, exit 0, and says why', async (_what, name, why) => {
    const files = runnerFiles(repositoryDispatch({ repository: name }));
    const writes = { github: github.writes.length, gitlab: gitlab.writes.length };
    const pushes = gitlab.pushes.length;
    const result = await runDist(githubActionsEnv(files, 'repository_dispatch', githubToGitlab()), files.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(why);
    expect(gitlab.findRepo(`mirrors/${name}`)).toBeUndefined();
    expect({ github: github.writes.length, gitlab: gitlab.writes.length }).toEqual(writes);
    expect(gitlab.pushes.length).toBe(pushes);
    expect(readOutputs(files.output)).toMatchObject({ created: '0', updated: '0', failed: '0' });
  });
});

function gitlabTriggerEnv(dir: string, payload: unknown, inputs: Record<string, string>): Record<string, string> {
  // GitLab passes the webhook body as a file variable: TRIGGER_PAYLOAD holds the file's path.
  const payloadFile = path.join(dir, 'trigger_payload');
  fs.writeFileSync(payloadFile, JSON.stringify(payload));
  const env: Record<string, string> = {
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'trigger',
    TRIGGER_PAYLOAD: payloadFile,
    CI_PROJECT_DIR: dir,
    MIRROR_REPORT_FILE: path.join(dir, 'org-mirror-report.json'),
    MIRROR_CACHE_DIR: path.join(dir, '.org-mirror'),
  };
  for (const [name, value] of Object.entries(inputs)) env[`MIRROR_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  return env;
}

describe('GitLab CI: a pipeline triggered by a source webhook', () => {
  const target = (type: string, url: string, owner: string) => ({
    'target-type': type,
    'target-url': url,
    'target-owner': owner,
    'target-token': TARGET_TOKEN,
  });
  const source = (type: string, url: string, owner: string) => ({
    'source-type': type,
    'source-url': url,
    'source-owner': owner,
    'source-token': SOURCE_TOKEN,
    ...(type.startsWith('bitbucket') ? { 'source-username': 'mirror-bot' } : {}),
  });

  // One pipeline per payload host, run side by side (separate targets): each mirrors only the pushed repository.
  it('mirrors only the pushed repository of a GitHub, GitLab, Bitbucket Cloud and Bitbucket Server push payload', async () => {
    const cases = [
      {
        payload: githubPush('acme/web'),
        inputs: { ...source('github', github.url, 'acme'), ...target('gitlab', gitlab.url, 'mirrors-gh') },
        check: () => {
          expect(refsOf(gitlab, 'mirrors-gh', 'web')).toEqual(refsOf(github, 'acme', 'web'));
          expect(gitlab.findRepo('mirrors-gh/api-server')).toBeUndefined();
        },
        repos: [['web', 'created']],
      },
      {
        // A subgroup project, flattened on the (flat) GitHub target.
        payload: gitlabPush('acme/platform/api'),
        inputs: { ...source('gitlab', gitlab.url, 'acme'), ...target('github', github.url, 'mirrors') },
        check: () => {
          expect(refsOf(github, 'mirrors', 'platform-api')).toEqual(refsOf(gitlab, 'acme/platform', 'api'));
          expect(github.findRepo('mirrors/tools')).toBeUndefined();
        },
        repos: [['platform/api', 'created']],
      },
      {
        payload: bitbucketCloudPush('acme/billing'),
        inputs: { ...source('bitbucket-cloud', cloud.url, 'acme'), ...target('gitlab', gitlab.url, 'mirrors-cloud') },
        check: () => {
          expect(refsOf(gitlab, 'mirrors-cloud', 'billing')).toEqual(refsOf(cloud, 'acme', 'billing'));
          expect(gitlab.findRepo('mirrors-cloud/api-server')).toBeUndefined();
        },
        repos: [['billing', 'created']],
      },
      {
        payload: bitbucketServerRefsChanged('ACME', 'billing'),
        inputs: {
          ...source('bitbucket-server', server.url, 'ACME'),
          ...target('gitlab', gitlab.url, 'mirrors-server'),
        },
        check: () => {
          expect(refsOf(gitlab, 'mirrors-server', 'billing')).toEqual(refsOf(server, 'acme', 'billing'));
          expect(gitlab.findRepo('mirrors-server/api-server')).toBeUndefined();
        },
        repos: [['billing', 'created']],
      },
    ];
    const runs = await Promise.all(
      cases.map(async (c) => {
        const { dir } = runnerFiles({});
        return { dir, result: await runDist(gitlabTriggerEnv(dir, c.payload, c.inputs), dir) };
      }),
    );
    cases.forEach((c, i) => {
      const { dir, result } = runs[i];
      expect({ case: i, code: result.code, stderr: result.stderr }).toEqual({ case: i, code: 0, stderr: '' });
      c.check();
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'org-mirror-report.json'), 'utf8')) as {
        repos: { name: string; status: string }[];
      };
      expect(report.repos.map((r) => [r.name, r.status])).toEqual(c.repos);
      // The Markdown report the component keeps as an artifact.
      expect(fs.readFileSync(path.join(dir, 'org-mirror-report.md'), 'utf8')).toContain(c.repos[0][0]);
      expect(result.stdout).not.toContain(SOURCE_TOKEN);
      expect(result.stdout).not.toContain(TARGET_TOKEN);
    });
  });

  it('does nothing for a push to a project outside the filters', async () => {
    const { dir } = runnerFiles({});
    const writes = github.writes.length;
    const pushes = github.pushes.length;
    const inputs = {
      ...source('gitlab', gitlab.url, 'acme'),
      ...target('github', github.url, 'mirrors'),
      filter: 'api',
    };
    const result = await runDist(gitlabTriggerEnv(dir, gitlabPush('acme/tools'), inputs), dir);
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/tools.*not mirrored/);
    expect(github.findRepo('mirrors/tools')).toBeUndefined();
    expect(github.writes.length).toBe(writes);
    expect(github.pushes.length).toBe(pushes);
  });
});
