/**
 * The inputs reference (docs/inputs.md) and the outputs table (docs/operations.md) against action.yml (and the input
 * names in src/settings): every input and output documented, none invented, and the same default. action.yml declares
 * no `default:` on purpose (see its header), so the default is the `Default: …` sentence of the description.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { INPUT_DOCS } from '../src/settings/input-docs.js';
import { INPUTS } from '../src/settings/settings.js';
import { actionDefault, nameOf, NONE, readmeDefault, tableUnder } from './support/markdown-table.js';

const root = process.cwd();
const inputsDoc = readFileSync(path.join(root, 'docs/inputs.md'), 'utf8');
const operationsDoc = readFileSync(path.join(root, 'docs/operations.md'), 'utf8');

interface ActionYml {
  inputs: Record<string, { description: string; default?: unknown }>;
  outputs: Record<string, { description: string }>;
}
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionYml;

const inputRows = tableUnder(inputsDoc, 'Every input');
const readmeInputs = new Map(inputRows.map((row) => [nameOf(row[0]), readmeDefault(row[1] ?? '')]));
const outputRows = tableUnder(operationsDoc, 'Outputs');
const readmeOutputs = outputRows.map((row) => nameOf(row[0]));

describe('docs/inputs.md', () => {
  it('has one row per input, each with a default and a meaning', () => {
    expect(inputRows.length).toBe(readmeInputs.size);
    for (const row of inputRows) {
      expect(row).toHaveLength(3);
      expect(row[2].length).toBeGreaterThan(3);
    }
  });

  it('lists exactly the inputs of action.yml, of the settings and of --help', () => {
    const documented = [...readmeInputs.keys()].sort();
    expect(documented).toEqual(Object.keys(action.inputs).sort());
    expect(documented).toEqual([...Object.values(INPUTS)].sort());
    expect(documented).toEqual(Object.keys(INPUT_DOCS).sort());
  });

  it.each(Object.entries(action.inputs))('gives %s the default action.yml states', (name, input) => {
    expect(readmeInputs.get(name)).toBe(actionDefault(input.description));
  });
});

describe('the outputs table of docs/operations.md', () => {
  it('lists exactly the outputs of action.yml', () => {
    expect([...readmeOutputs].sort()).toEqual(Object.keys(action.outputs).sort());
    expect(new Set(readmeOutputs).size).toBe(readmeOutputs.length);
  });
});

describe('the drift detection itself', () => {
  const sample = [
    '## Inputs',
    '',
    '| input | default | meaning |',
    '| --- | --- | --- |',
    '| `filter` | `.*` | regex |',
    '| `exclude` | — | regex, `a\\|b` |',
    '',
    '## Next',
    '| `not-an-input` | x | y |',
  ].join('\n');

  it('reads the table under the heading only, escaped pipes included', () => {
    expect(tableUnder(sample, 'Inputs')).toEqual([
      ['`filter`', '`.*`', 'regex'],
      ['`exclude`', '—', 'regex, `a\\|b`'],
    ]);
  });

  it('reads the defaults action.yml descriptions state', () => {
    expect(actionDefault('JavaScript regular expression. Default: .*')).toBe('.*');
    expect(actionDefault('Repositories processed at once, 1 to 64. Default: 8.')).toBe('8');
    expect(actionDefault('Path. Default: org-mirror-report.json.')).toBe('org-mirror-report.json');
    expect(actionDefault('Base. Default: https://github.com or https://gitlab.com by type; required for x.')).toBe(
      'https://github.com or https://gitlab.com by type',
    );
    expect(actionDefault('API base. Default: derived from source-url (api.github.com or <url>/api/v3).')).toBe(
      'derived from source-url',
    );
    expect(actionDefault('Regex. Default: none.')).toBe(NONE);
    expect(actionDefault('Type of the source host. Required.')).toBe('required');
    expect(actionDefault('Webhook URL, for mode install-hooks.')).toBe(NONE);
  });

  it('notices a changed default', () => {
    expect(readmeDefault('`8`')).not.toBe(actionDefault('Repositories processed at once. Default: 16.'));
  });
});
