/**
 * What makes a release possible and safe: the project's own GitHub workflows and GitLab pipeline pass their official
 * schemas and actionlint, use least privilege and pinned actions, publish from the CHANGELOG; the files people look for
 * are there; no file names a path of a particular machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';

import { ROOT, githubWorkflowErrors, gitlabCiErrors, readYamlDocuments } from './templates-schema.js';

type Json = Record<string, unknown>;
interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Json;
  env?: Json;
}
interface Job {
  permissions?: Json;
  steps: Step[];
  environment?: string;
}
interface Workflow {
  on: Json;
  permissions: Json;
  jobs: Record<string, Job>;
}

interface Scripts {
  workflowFiles(root?: string): string[];
  lintWorkflows(files: string[], root?: string): Promise<string[]>;
}
interface ReleaseNotes {
  changelogSection(changelog: string, version: string): string | undefined;
  releaseNotes(tag: string, root?: string): { version: string; prerelease: boolean; notes: string };
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string };

function workflow(file: string): Workflow {
  const [document] = readYamlDocuments(`.github/workflows/${file}`);
  return document as Workflow;
}

function allSteps(wf: Workflow): Step[] {
  return Object.values(wf.jobs).flatMap((job) => job.steps);
}

let actionlint: Scripts;
let notes: ReleaseNotes;

beforeAll(async () => {
  actionlint = (await import(path.join(ROOT, 'scripts/actionlint.mjs'))) as Scripts;
  notes = (await import(path.join(ROOT, 'scripts/release-notes.mjs'))) as ReleaseNotes;
});

describe('GitHub workflows of the project', () => {
  const FILES = ['ci.yml', 'release.yml'];

  it.each(FILES)('%s is valid against the official workflow schema', (file) => {
    expect(githubWorkflowErrors(workflow(file))).toEqual([]);
  });

  it('every workflow and example passes actionlint', async () => {
    const files = actionlint.workflowFiles();
    expect(files).toEqual(expect.arrayContaining(FILES.map((file) => `.github/workflows/${file}`)));
    expect(files.filter((file) => file.startsWith('examples/')).length).toBeGreaterThanOrEqual(3);
    expect(await actionlint.lintWorkflows(files)).toEqual([]);
  });

  it('the checks are not vacuous: a broken workflow fails the schema and actionlint', async () => {
    const broken = { ...workflow('ci.yml'), permissions: { contents: 'sometimes' } };
    expect(githubWorkflowErrors(broken)).not.toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'org-mirror-actionlint-'));
    mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    const text = readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8').replace(
      'github.ref }}',
      'github.reff }}',
    );
    writeFileSync(path.join(dir, '.github/workflows/ci.yml'), text);
    const findings = await actionlint.lintWorkflows(['.github/workflows/ci.yml'], dir);
    rmSync(dir, { recursive: true, force: true });
    expect(findings.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s pins every action by commit SHA', (file) => {
    const uses = allSteps(workflow(file))
      .map((step) => step.uses)
      .filter((value): value is string => Boolean(value));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    // The version a SHA stands for is said next to it, for the people who update it.
    const text = readFileSync(path.join(ROOT, '.github/workflows', file), 'utf8');
    for (const line of text.split('\n').filter((l) => /uses: .+@[0-9a-f]{40}/.test(l))) expect(line).toMatch(/# v\d/);
  });

  it('CI runs on push and pull request, read-only: install, the bundle check, actionlint, the tests', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
    const runs = allSteps(ci).map((step) => step.run ?? '');
    for (const command of ['npm ci', 'bash scripts/check-dist.sh', 'node scripts/actionlint.mjs', 'npm test']) {
      expect(runs).toContain(command);
    }
    const [checkout] = allSteps(ci);
    expect(checkout.with).toEqual({ 'persist-credentials': false });
  });

  it('release runs on version tags with only the permissions it needs, and in order', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(release.permissions).toEqual({});
    const [job] = Object.values(release.jobs);
    expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    const runs = job.steps.map((step) => step.run ?? '');
    const order = [
      'bash scripts/check-dist.sh',
      'node scripts/release-notes.mjs',
      'npm test',
      'npm publish --provenance',
      'gh release create',
      'git push --force origin "refs/tags/$major"',
    ].map((needle) => runs.findIndex((run) => run.includes(needle)));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Secrets reach only the step that needs them.
    const withSecrets = job.steps.filter((step) => JSON.stringify(step.env ?? {}).includes('secrets.'));
    expect(withSecrets.map((step) => step.run?.includes('npm publish'))).toEqual([true]);
    // Pre-releases leave the major tag alone.
    expect(job.steps.find((step) => step.run?.includes('refs/tags/$major'))?.if).toContain(
      "contains(github.ref_name, '-')",
    );
  });
});

describe('the GitLab pipeline of the project', () => {
  const [pipeline] = readYamlDocuments('.gitlab-ci.yml') as [Json];
  const jobs = pipeline as Record<string, Json>;
  const [componentHeader] = readYamlDocuments('templates/mirror.yml') as [Json];
  const componentInputs = (componentHeader.spec as { inputs: Record<string, { default?: unknown; regex?: string }> })
    .inputs;

  it('is valid against the official GitLab CI schema', () => {
    expect(gitlabCiErrors(pipeline)).toEqual([]);
  });

  it('the check is not vacuous: a broken pipeline fails it', () => {
    expect(gitlabCiErrors({ ...pipeline, publish: { ...jobs.publish, release: { description: 3 } } })).not.toEqual([]);
  });

  it('runs the test suite on Node 24 and packs this commit for the component', () => {
    expect(jobs.test.image).toBe('node:24');
    const script = (jobs.test.script as string[]).join('\n');
    expect(script).toContain('bash .ci/run');
    expect(script).toContain('npm pack');
    expect((jobs.test.artifacts as Json).paths).toEqual(['org-mirror.tgz']);
  });

  it('includes the component from this commit, with declared inputs only, running the packed commit', () => {
    const include = pipeline.include as Array<{ component: string; inputs: Record<string, unknown> }>;
    expect(include).toHaveLength(1);
    expect(include[0].component).toBe('$CI_SERVER_FQDN/$CI_PROJECT_PATH/mirror@$CI_COMMIT_SHA');
    const inputs = include[0].inputs;
    for (const name of Object.keys(inputs)) expect([name, name in componentInputs]).toEqual([name, true]);
    for (const [name, spec] of Object.entries(componentInputs)) {
      if (spec.default === undefined) expect([name, inputs[name]]).toEqual([name, expect.anything()]);
      if (spec.regex && typeof inputs[name] === 'string') {
        expect([name, new RegExp(spec.regex).test(inputs[name] as string)]).toEqual([name, true]);
      }
    }
    expect(inputs.mode).toBe('preview');
    expect(inputs.version).toBe('file:org-mirror.tgz');
  });

  it('runs the preview only when the test namespace variables are set, after the test job', () => {
    const jobName = `${String((pipeline.include as Array<{ inputs: Json }>)[0].inputs['job-prefix'])}`;
    const preview = jobs[jobName];
    expect(preview.rules).toEqual([{ if: '$PREVIEW_SOURCE_OWNER && $PREVIEW_TARGET_OWNER' }]);
    expect(preview.needs).toEqual([{ job: 'test', artifacts: true }]);
    expect(preview.variables).toMatchObject({ MIRROR_SOURCE_OWNER: '$PREVIEW_SOURCE_OWNER' });
  });

  it('publishes the catalog version (x.y.z, no v) from the release tag vx.y.z, with the release keyword and the CHANGELOG section', () => {
    const rule = { if: '$CI_COMMIT_TAG =~ /^v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$/' };
    expect(jobs.publish.rules).toEqual([rule]);
    expect(jobs['release-notes'].rules).toEqual([rule]);
    expect((jobs['release-notes'].script as string[]).join('\n')).toContain(
      'node scripts/release-notes.mjs "$CI_COMMIT_TAG" release-notes.md release.env',
    );
    expect(jobs['release-notes'].artifacts).toEqual({
      paths: ['release-notes.md'],
      reports: { dotenv: 'release.env' },
    });
    expect(jobs.publish.release).toMatchObject({
      tag_name: '$RELEASE_VERSION',
      ref: '$CI_COMMIT_SHA',
      description: './release-notes.md',
    });
    expect(jobs.publish.needs).toEqual([{ job: 'test' }, { job: 'release-notes', artifacts: true }]);
  });

  it('the rules as GitLab applies them: vx.y.z tags publish, the catalog tags x.y.z start no pipeline', () => {
    const publishes = new RegExp((jobs.publish.rules as Array<{ if: string }>)[0].if.replace(/^.*=~ \/(.*)\/$/, '$1'));
    const workflowRules = (pipeline.workflow as { rules: Array<{ if?: string; when?: string }> }).rules;
    const skipped = workflowRules.find((rule) => rule.when === 'never' && rule.if?.startsWith('$CI_COMMIT_TAG =~'));
    const skips = new RegExp(skipped!.if!.replace(/^.*=~ \/(.*)\/$/, '$1'));
    const cases = ['v1.2.3', 'v1.3.0-rc.1', '1.2.3', '1.3.0-rc.1', 'v1', 'release-1'].map((tag) => [
      tag,
      skips.test(tag) ? 'no pipeline' : publishes.test(tag) ? 'publishes' : 'tests only',
    ]);
    expect(cases).toEqual([
      ['v1.2.3', 'publishes'],
      ['v1.3.0-rc.1', 'publishes'],
      ['1.2.3', 'no pipeline'],
      ['1.3.0-rc.1', 'no pipeline'],
      ['v1', 'tests only'],
      ['release-1', 'tests only'],
    ]);
  });

  it('installs nothing by hand before the README commands: npm test checks the tools', () => {
    expect(jobs.test.before_script).toBeUndefined();
  });
});

describe('release tags both stores accept', () => {
  // GitHub Marketplace and npm: vX.Y.Z (and the moving major vX). GitLab CI/CD catalog: a semantic version, no `v`.
  const CATALOG_SEMVER =
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

  it('the release notes step writes the catalog version, a semantic version without v, for the publish job', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'org-mirror-release-env-'));
    try {
      execFileSync(
        process.execPath,
        ['scripts/release-notes.mjs', `v${pkg.version}`, path.join(dir, 'notes.md'), path.join(dir, 'release.env')],
        { cwd: ROOT },
      );
      const env = readFileSync(path.join(dir, 'release.env'), 'utf8');
      expect(env).toBe(`RELEASE_VERSION=${pkg.version}\n`);
      expect(env.split('=')[1].trim()).toMatch(CATALOG_SEMVER);
      expect(readFileSync(path.join(dir, 'notes.md'), 'utf8')).toMatch(/^### /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses tags neither store would take as a version', () => {
    for (const tag of ['v1.2', '01.2.3', 'v1.2.3+build.5', 'V1.2.3', 'v1.2.3-', '1.2.3.4']) {
      expect(() => notes.releaseNotes(tag)).toThrow(/not a version tag/);
    }
  });

  it('the GitHub release moves the major tag vX the Marketplace users follow', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const runs = allSteps(release).map((step) => step.run ?? '');
    expect(runs.join('\n')).toContain('major="${GITHUB_REF_NAME%%.*}"');
  });

  it('package.json names the repository, its issues and its home page', () => {
    const meta = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      repository: { type: string; url: string };
      bugs: { url: string };
      homepage: string;
    };
    const action = readFileSync(path.join(ROOT, 'examples/github/mirror.yml'), 'utf8');
    const owner = /uses: ([\w-]+)\/org-mirror@v1/.exec(action)?.[1];
    expect(owner).toBeDefined();
    expect(meta.repository).toEqual({ type: 'git', url: `git+https://github.com/${owner}/org-mirror.git` });
    expect(meta.bugs).toEqual({ url: `https://github.com/${owner}/org-mirror/issues` });
    expect(meta.homepage).toBe(`https://github.com/${owner}/org-mirror#readme`);
  });
});

describe('release notes from CHANGELOG.md', () => {
  it('the current version has a dated section with entries', () => {
    const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('## [Unreleased]');
    expect(changelog).toMatch(
      new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'),
    );
    const { version, prerelease, notes: body } = notes.releaseNotes(`v${pkg.version}`);
    expect([version, prerelease]).toEqual([pkg.version, false]);
    expect(body).toMatch(/^### /);
    expect(body).not.toContain('## [');
    expect(notes.releaseNotes(pkg.version).version).toBe(pkg.version);
  });

  it('refuses a tag that is not the package version, or not a version at all', () => {
    expect(() => notes.releaseNotes('v0.0.1')).toThrow(/does not match package.json version/);
    expect(() => notes.releaseNotes('release-1')).toThrow(/not a version tag/);
  });

  it('takes only the named section', () => {
    const text = '# C\n\n## [Unreleased]\n\n## [2.0.0] - 2026-01-02\n\n- two\n\n## [1.0.0] - 2026-01-01\n\n- one\n';
    expect(notes.changelogSection(text, '2.0.0')).toBe('- two');
    expect(notes.changelogSection(text, '1.0.0')).toBe('- one');
    expect(notes.changelogSection(text, '1.0')).toBeUndefined();
  });
});

describe('files people look for', () => {
  it('LICENSE is the MIT license package.json names', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License/);
    expect(license).toContain('Permission is hereby granted, free of charge');
  });

  it('SECURITY.md says how to report and what the mirror promises about tokens', () => {
    const text = readFileSync(path.join(ROOT, 'SECURITY.md'), 'utf8');
    expect(text).toMatch(/## Reporting a vulnerability/);
    expect(text).toMatch(/never appear/i);
  });

  it('CONTRIBUTING.md has the two commands, the forge and contract tests, and how to rebuild dist', () => {
    const text = readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');
    expect(text).toContain('npm ci && npm run demo');
    expect(text).toContain('npm test');
    expect(text).toContain('npm run contract');
    expect(text).toContain('npm run build');
    expect(text).toMatch(/forge/i);
  });

  it('no file of the project names a path of a particular machine', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((file) => file && existsSync(path.join(ROOT, file)))
      .filter(
        (file) => !file.startsWith('dist/') && !file.startsWith('test/contract/') && file !== 'package-lock.json',
      );
    expect(tracked.length).toBeGreaterThan(50);
    // A home or workspace folder of someone's machine (GitHub's runner paths in event fixtures are the host's own).
    const machinePath = /(^|[\s'"`(=:])(\/(work|Users|root)\/[\w.-]+|\/home\/(?!runner\/)[\w.-]+\/|[A-Z]:\\Users\\)/;
    const offenders = tracked.filter((file) => machinePath.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('they stand at the root of the project', () => {
    expect(readdirSync(ROOT)).toEqual(
      expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'SECURITY.md', 'CONTRIBUTING.md']),
    );
  });
});
