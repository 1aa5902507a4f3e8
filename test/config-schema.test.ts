/**
 * The configuration file's JSON Schema (org-mirror.schema.json, shipped in the package): the committed file is what the
 * input table builds; it accepts the documented examples and refuses an unknown key; its keys agree with the input
 * table, action.yml and the GitLab component's inputs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';

import {
  buildConfigSchema,
  mirrorInputKeys,
  perRepositoryInputs,
  runWideInputs,
} from '../src/settings/config-schema.js';
import { INPUT_DEFINITIONS } from '../src/settings/input-definitions.js';
import { INPUTS, type InputName } from '../src/settings/settings.js';
import { ROOT } from './support/cli.js';

const committed = JSON.parse(readFileSync(path.join(ROOT, 'org-mirror.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(committed);
const docs = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** SPEC.md "Configuration file", as the product contract gives it. */
const SPEC_EXAMPLE = `# yaml-language-server: $schema=./node_modules/org-mirror/org-mirror.schema.json
version: 1
defaults:                       # any mapping key, for every mirror
  target-type: gitlab
  target-url: https://gitlab.example.com
  target-token-env: GITLAB_MIRROR_TOKEN
mirrors:
  - id: acme-github             # unique; names its state, report section, status issue
    source-type: github
    source-owner: acme
    source-token-env: ACME_GITHUB_TOKEN
    target-owner: mirrors/acme
    filter: '^(api|web)-.*'
    repositories:               # per repository, by source name
      legacy-monolith: { enabled: false }
      api-core: { target-name: api-core-mirror, on-divergence: overwrite, lfs: true }
  - id: platform
    enabled: false              # stop synchronizing a whole mirror
    source-type: bitbucket-server
    source-url: https://bitbucket.example.com
    source-owner: PLAT
    source-token-env: BBS_TOKEN
    target-owner: mirrors/platform
`;

/** The configuration files among the YAML blocks of a page (those with `version:` and `mirrors:`). */
function docsExamples(page = docs): string[] {
  const blocks = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.filter((block) => /^version:/m.test(block) && /^mirrors:/m.test(block));
}

const schemaProperties = (schema: Record<string, unknown>, ...at: string[]): string[] => {
  let node: unknown = schema;
  for (const key of at) node = (node as Record<string, unknown>)[key];
  return Object.keys(node as Record<string, unknown>);
};

describe('org-mirror.schema.json', () => {
  it('is what the input table builds (npm run schema writes it)', () => {
    expect(committed).toEqual(buildConfigSchema());
  });

  it('is in the published files', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('org-mirror.schema.json');
  });

  it("accepts SPEC.md's example and every example of docs/configuration.md and the README", () => {
    expect(docsExamples(readme)).toHaveLength(1);
    const examples = [SPEC_EXAMPLE, ...docsExamples(), ...docsExamples(readme)];
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) {
      const ok = validate(parse(example));
      expect([example.slice(0, 200), ok ? [] : validate.errors]).toEqual([example.slice(0, 200), []]);
    }
  });

  it('refuses an unknown key, a literal secret, a run-wide input and a bad value', () => {
    const variants = [
      SPEC_EXAMPLE.replace("    filter: '^(api|web)-.*'", '    filtr: x'),
      SPEC_EXAMPLE.replace('source-token-env: ACME_GITHUB_TOKEN', 'source-token: ghp_x'),
      SPEC_EXAMPLE.replace('  target-type: gitlab', '  target-type: gitlab\n  concurrency: 4'),
      SPEC_EXAMPLE.replace('lfs: true', 'lfs: maybe'),
      SPEC_EXAMPLE.replace('legacy-monolith: { enabled: false }', 'legacy-monolith: { filter: x }'),
      SPEC_EXAMPLE.replace('version: 1', 'version: 2'),
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(SPEC_EXAMPLE);
      expect(validate(parse(variant))).toBe(false);
    }
  });

  it('has a key for every mapping input of the table, a -env key for every secret, and no run-wide input', () => {
    const names = Object.keys(INPUT_DEFINITIONS) as InputName[];
    expect(names.sort()).toEqual(Object.values(INPUTS).sort());
    const expected = names
      .filter((name) => INPUT_DEFINITIONS[name].scope === 'mirror')
      .map((name) => (INPUT_DEFINITIONS[name].secret ? `${name}-env` : name));
    expect(schemaProperties(committed, 'properties', 'defaults', 'properties').sort()).toEqual(expected.sort());
    expect(schemaProperties(committed, 'definitions', 'mirror', 'properties').sort()).toEqual(
      ['id', 'enabled', 'repositories', ...expected].sort(),
    );
    expect(schemaProperties(committed, 'definitions', 'repository', 'properties').sort()).toEqual(
      ['enabled', 'target-name', ...perRepositoryInputs()].sort(),
    );
    expect(mirrorInputKeys().sort()).toEqual(expected.sort());
    for (const runWide of runWideInputs()) expect(expected).not.toContain(runWide);
    // The minimum set of per-repository keys.
    expect(perRepositoryInputs()).toEqual(
      expect.arrayContaining(['on-divergence', 'lfs', 'wikis', 'prune', 'protect', 'visibility']),
    );
  });

  it('describes each key as action.yml does', () => {
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string }>;
    };
    const properties = (committed.properties as Record<string, { properties: Record<string, { description: string }> }>)
      .defaults.properties;
    for (const [key, property] of Object.entries(properties)) {
      if (key.endsWith('-env')) continue;
      expect([key, property.description]).toEqual([key, action.inputs[key]?.description]);
    }
    // Every input of the table is an input of the Action, `config` and `mirror` included.
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(Object.keys(INPUT_DEFINITIONS)));
  });

  it("agrees with the GitLab component's inputs: every non-secret input, config and mirror among them", () => {
    const [header] = parseAllDocuments(readFileSync(path.join(ROOT, 'templates/mirror.yml'), 'utf8')).map((doc) =>
      doc.toJS(),
    ) as [{ spec: { inputs: Record<string, unknown> } }];
    const inputs = Object.keys(header.spec.inputs);
    const names = Object.keys(INPUT_DEFINITIONS) as InputName[];
    for (const name of names) {
      expect([name, inputs.includes(INPUT_DEFINITIONS[name].secret ? `${name}-variable` : name)]).toEqual([name, true]);
    }
    expect(inputs).toEqual(expect.arrayContaining(['config', 'mirror']));
  });
});
