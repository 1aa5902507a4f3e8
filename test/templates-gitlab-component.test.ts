import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUTS } from '../src/settings/settings.js';
import { ROOT, gitlabCiErrors, readYamlDocuments } from './templates-schema.js';

type Json = Record<string, unknown>;
interface InputSpec {
  description?: string;
  default?: string | number | boolean;
  options?: (string | number | boolean)[];
  type?: 'string' | 'number' | 'boolean' | 'array';
  regex?: string;
}

const TEMPLATE = 'templates/mirror.yml';
const [header, body] = readYamlDocuments(TEMPLATE) as [Json, Json];
const inputs = (header.spec as { inputs: Record<string, InputSpec> }).inputs;

/** Secrets never are inputs: inputs are visible in the pipeline configuration. */
const SECRET_INPUTS: string[] = [
  INPUTS.sourceToken,
  INPUTS.targetToken,
  INPUTS.sourceAppPrivateKey,
  INPUTS.targetAppPrivateKey,
  INPUTS.hookSecret,
  INPUTS.sourceSshKey,
  INPUTS.targetSshKey,
  INPUTS.notifySecret,
  INPUTS.statusToken,
];
/** Inputs of the component itself, not of org-mirror. */
const COMPONENT_INPUTS = [
  'stage',
  'job-prefix',
  'version',
  'image',
  'source-token-variable',
  'target-token-variable',
  'hook-secret-variable',
  'source-app-private-key-variable',
  'target-app-private-key-variable',
  'source-ssh-key-variable',
  'target-ssh-key-variable',
  'notify-secret-variable',
  'status-token-variable',
];
const PROGRAM_INPUTS = Object.values(INPUTS).filter((name) => !SECRET_INPUTS.includes(name));

const PLACEHOLDER = /\$\[\[\s*inputs\.([a-z0-9-]+)\s*\]\]/g;

function envName(input: string): string {
  return `MIRROR_${input.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * What GitLab does on include (https://docs.gitlab.com/ci/inputs/#define-input-parameters-with-specinputs): every
 * `$[[ inputs.x ]]` in a key or value is replaced; a value that is exactly one placeholder takes the input's type.
 */
function interpolate(node: unknown, values: Record<string, string | number | boolean>): unknown {
  const replace = (text: string): unknown => {
    const whole = /^\$\[\[\s*inputs\.([a-z0-9-]+)\s*\]\]$/.exec(text);
    if (whole) return lookup(whole[1]);
    return text.replace(PLACEHOLDER, (_m, name: string) => String(lookup(name)));
  };
  const lookup = (name: string): string | number | boolean => {
    const value = values[name] ?? inputs[name]?.default;
    if (value === undefined) throw new Error(`input ${name} has no value and no default`);
    return value;
  };
  if (typeof node === 'string') return replace(node);
  if (Array.isArray(node)) return node.map((item) => interpolate(item, values));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [String(replace(k)), interpolate(v, values)]));
  }
  return node;
}

const REQUIRED = {
  'source-type': 'gitlab',
  'source-owner': 'acme/platform',
  'target-type': 'bitbucket-server',
  'target-url': 'https://bitbucket.example.com',
  'target-owner': 'MIRROR',
};

describe('GitLab CI/CD component templates/mirror.yml', () => {
  it('has a spec header and a body, both valid against GitLab’s CI schema', () => {
    expect(Object.keys(header)).toEqual(['spec']);
    expect(gitlabCiErrors(header)).toEqual([]);
    expect(gitlabCiErrors(body)).toEqual([]);
  });

  it('declares every org-mirror input except the secrets, and only the component’s own extras', () => {
    expect(Object.keys(inputs).sort()).toEqual([...PROGRAM_INPUTS, ...COMPONENT_INPUTS].sort());
    for (const secret of SECRET_INPUTS) expect(inputs[secret]).toBeUndefined();
  });

  it('describes every input, with defaults that fit its type, options and regex', () => {
    for (const [name, spec] of Object.entries(inputs)) {
      expect([
        name,
        Object.keys(spec).filter((k) => !['description', 'default', 'options', 'type', 'regex'].includes(k)),
      ]).toEqual([name, []]);
      expect(spec.description?.length ?? 0).toBeGreaterThan(10);
      expect(spec.description!.length).toBeLessThanOrEqual(1024);
      if (spec.default === undefined) continue;
      expect([name, typeof spec.default]).toEqual([name, spec.type ?? 'string']);
      if (spec.options) expect(spec.options).toContain(spec.default);
      if (spec.regex) expect(String(spec.default)).toMatch(new RegExp(spec.regex));
    }
  });

  it('requires no input: config may name the mirrors instead', () => {
    const required = Object.entries(inputs)
      .filter(([, spec]) => spec.default === undefined)
      .map(([name]) => name)
      .sort();
    // None: with `config`, the mirrors come from the file; without it, org-mirror names a missing one (exit 2).
    expect(required).toEqual([]);
    expect(inputs['source-type'].options).toEqual([
      '',
      'github',
      'gitlab',
      'bitbucket-cloud',
      'bitbucket-server',
      'gitea',
    ]);
    expect(inputs.mode.options).toEqual(['sync', 'preview', 'check', 'remove', 'install-hooks', 'validate']);
  });

  it('uses every declared input and no undeclared one', () => {
    const text = JSON.stringify(body);
    const used = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(inputs).sort());
  });

  it('maps every program input to its MIRROR_* variable, literally, and sets no token', () => {
    const job = body['$[[ inputs.job-prefix ]]'] as Json;
    const variables = job.variables as Record<string, unknown>;
    for (const name of PROGRAM_INPUTS) {
      // A typed input interpolated alone keeps its type, and `value:` must be a string: typed inputs stand alone.
      const typed = inputs[name].type === 'boolean' || inputs[name].type === 'number';
      const expected = typed ? `$[[ inputs.${name} ]]` : { value: `$[[ inputs.${name} ]]`, expand: false };
      expect([name, variables[envName(name)]]).toEqual([name, expected]);
    }
    for (const secret of SECRET_INPUTS) expect(variables[envName(secret)]).toBeUndefined();
    expect(readFileSync(`${ROOT}${TEMPLATE}`, 'utf8')).not.toMatch(/TOKEN\s*:/);
  });

  it('after interpolation is still a valid pipeline, typed and serialised', () => {
    const config = interpolate(body, {
      ...REQUIRED,
      'job-prefix': 'mirror-platform',
      filter: `^(api|web)-"x"$`,
      concurrency: 4,
      lfs: true,
    }) as Json;
    expect(gitlabCiErrors(config)).toEqual([]);
    expect(Object.keys(config)).toEqual(['mirror-platform']);
    const job = config['mirror-platform'] as Json;
    const variables = job.variables as Record<string, unknown>;
    // Strings stay literal (`$` is not expanded); booleans and numbers keep their type, which variables accept.
    expect(variables.MIRROR_FILTER).toEqual({ value: `^(api|web)-"x"$`, expand: false });
    expect(variables.MIRROR_LFS).toBe(true);
    expect(variables.MIRROR_CONCURRENCY).toBe(4);
    expect(variables.MIRROR_PRUNE).toBe(true);
    expect(variables.MIRROR_SOURCE_OWNER).toEqual({ value: 'acme/platform', expand: false });
    expect(job.resource_group).toBe('mirror-platform');
    expect(job.script).toEqual([
      `export MIRROR_SOURCE_TOKEN="$(printenv 'MIRROR_SOURCE_TOKEN' || true)"`,
      `export MIRROR_TARGET_TOKEN="$(printenv 'MIRROR_TARGET_TOKEN' || true)"`,
      `export MIRROR_HOOK_SECRET="$(printenv 'MIRROR_HOOK_SECRET' || true)"`,
      `export MIRROR_SOURCE_APP_PRIVATE_KEY="$(printenv 'MIRROR_SOURCE_APP_PRIVATE_KEY' || true)"`,
      `export MIRROR_TARGET_APP_PRIVATE_KEY="$(printenv 'MIRROR_TARGET_APP_PRIVATE_KEY' || true)"`,
      `export MIRROR_SOURCE_SSH_KEY="$(printenv 'MIRROR_SOURCE_SSH_KEY' || true)"`,
      `if [ -f "$MIRROR_SOURCE_SSH_KEY" ]; then MIRROR_SOURCE_SSH_KEY="$(cat "$MIRROR_SOURCE_SSH_KEY")"; fi`,
      `export MIRROR_TARGET_SSH_KEY="$(printenv 'MIRROR_TARGET_SSH_KEY' || true)"`,
      `if [ -f "$MIRROR_TARGET_SSH_KEY" ]; then MIRROR_TARGET_SSH_KEY="$(cat "$MIRROR_TARGET_SSH_KEY")"; fi`,
      `export MIRROR_NOTIFY_SECRET="$(printenv 'MIRROR_NOTIFY_SECRET' || true)"`,
      `export MIRROR_STATUS_TOKEN="$(printenv 'MIRROR_STATUS_TOKEN' || true)"`,
      'npx --yes "org-mirror@1"',
    ]);
    expect(job.image).toBe('node:24-alpine');
    expect(job.stage).toBe('deploy');
  });

  it('caches the cache-dir under a key without `/`, even for a subgroup source, and saves it on failure', () => {
    const job = (interpolate(body, REQUIRED) as Json)['org-mirror'] as Json;
    const cache = job.cache as { key: string; paths: string[]; when: string };
    expect(cache.key).toBe('org-mirror-gitlab');
    expect(cache.key).not.toContain('/');
    expect(cache.paths).toEqual(['.org-mirror']);
    expect(cache.when).toBe('always');
    expect((job.variables as Json).MIRROR_CACHE_DIR).toEqual({ value: '.org-mirror', expand: false });
  });

  it('runs for schedules, webhook triggers, and manual runs only, one at a time', () => {
    const job = body['$[[ inputs.job-prefix ]]'] as Json;
    const sources = (job.rules as { if: string }[]).map((rule) => /== "([a-z_]+)"$/.exec(rule.if)?.[1]);
    expect(sources).toEqual(['schedule', 'trigger', 'web', 'api']);
    expect(job.resource_group).toBe('$[[ inputs.job-prefix ]]');
    expect(job.interruptible).toBe(false);
  });

  it('keeps the reports as artifacts even when the job fails, with the JUnit report', () => {
    const job = (interpolate(body, REQUIRED) as Json)['org-mirror'] as Json;
    expect(job.artifacts).toEqual({
      when: 'always',
      expire_in: '30 days',
      paths: ['org-mirror-report.json', 'org-mirror-summary.md'],
      reports: { junit: 'org-mirror-junit.xml' },
    });
    expect((job.variables as Json).MIRROR_JUNIT_FILE).toEqual({ value: 'org-mirror-junit.xml', expand: false });
  });

  it('takes tokens from the CI/CD variables the *-variable inputs name, through the environment only', () => {
    const job = (interpolate(body, { ...REQUIRED, 'source-token-variable': 'LEGACY_TOKEN' }) as Json)[
      'org-mirror'
    ] as Json;
    const script = job.script as string[];
    expect(script[0]).toBe(`export MIRROR_SOURCE_TOKEN="$(printenv 'LEGACY_TOKEN' || true)"`);
    for (const name of [
      'source-token-variable',
      'target-token-variable',
      'hook-secret-variable',
      'source-app-private-key-variable',
      'target-app-private-key-variable',
    ]) {
      const regex = new RegExp(inputs[name].regex!);
      expect('LEGACY_TOKEN').toMatch(regex);
      for (const bad of ["X'; curl evil", 'A B', '$X', '1ABC', '']) expect(bad).not.toMatch(regex);
    }
  });

  it('takes SSH keys from the named variables: a File variable by its content, a masked one as it is', () => {
    const job = (
      interpolate(body, {
        ...REQUIRED,
        'source-ssh-key-variable': 'DEPLOY_KEY_FILE',
        'target-ssh-key-variable': 'KEY_B64',
      }) as Json
    )['org-mirror'] as Json;
    const lines = (job.script as string[]).filter((line) => line.includes('SSH_KEY'));
    const dir = mkdtempSync(join(tmpdir(), 'org-mirror-component-'));
    try {
      const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----';
      writeFileSync(join(dir, 'key'), `${key}\n`, { mode: 0o600 });
      const out = execFileSync(
        'sh',
        ['-c', [...lines, 'printf "%s|%s" "$MIRROR_SOURCE_SSH_KEY" "$MIRROR_TARGET_SSH_KEY"'].join('\n')],
        {
          env: { PATH: process.env.PATH, DEPLOY_KEY_FILE: join(dir, 'key'), KEY_B64: 'LS0tLS1CRUdJTiBr' },
        },
      ).toString();
      expect(out).toBe(`${key}|LS0tLS1CRUdJTiBr`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const name of ['source-ssh-key-variable', 'target-ssh-key-variable']) {
      expect("X'; curl evil").not.toMatch(new RegExp(inputs[name].regex!));
    }
  });

  it('after_script keeps the Markdown summary (written next to the report) under one artifact name', () => {
    const job = body['$[[ inputs.job-prefix ]]'] as Json;
    const [script] = job.after_script as string[];
    const dir = mkdtempSync(join(tmpdir(), 'org-mirror-component-'));
    try {
      mkdirSync(join(dir, 'out'));
      for (const [reportFile, summaryFile] of [
        ['out/run.json', 'out/run.md'],
        ['report', 'report.md'],
      ]) {
        rmSync(join(dir, 'org-mirror-summary.md'), { force: true });
        writeFileSync(join(dir, summaryFile), `# ${reportFile}\n`);
        execFileSync('sh', ['-c', script], {
          cwd: dir,
          env: { PATH: process.env.PATH, MIRROR_REPORT_FILE: reportFile },
        });
        expect(readFileSync(join(dir, 'org-mirror-summary.md'), 'utf8')).toBe(`# ${reportFile}\n`);
      }
      // No summary (the run stopped before writing one): the job's after_script still succeeds.
      rmSync(join(dir, 'org-mirror-summary.md'));
      execFileSync('sh', ['-c', script], {
        cwd: dir,
        env: { PATH: process.env.PATH, MIRROR_REPORT_FILE: 'none.json' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects, as GitLab would, a job-prefix or shard that does not fit', () => {
    const prefix = new RegExp(inputs['job-prefix'].regex!);
    expect('mirror-a_1').toMatch(prefix);
    expect('a/b').not.toMatch(prefix);
    const shard = new RegExp(inputs.shard.regex!);
    for (const ok of ['', '1/4', '12/16']) expect(ok).toMatch(shard);
    for (const bad of ['0/4', '1/', '1/4/2', 'x']) expect(bad).not.toMatch(shard);
  });

  it('is caught by the schema when broken (the check is not vacuous)', () => {
    const job = body['$[[ inputs.job-prefix ]]'] as Json;
    expect(
      gitlabCiErrors({ ...body, '$[[ inputs.job-prefix ]]': { ...job, artifacts: { when: 'sometimes' } } }),
    ).not.toEqual([]);
    expect(gitlabCiErrors({ spec: { inputs: { x: { default: 1, type: 'string' } } } })).not.toEqual([]);
    expect(gitlabCiErrors({ spec: { input: {} } })).not.toEqual([]);
  });
});
