import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { OUTPUT_STATUSES } from '../src/report/counts.js';
import { INPUTS } from '../src/settings/settings.js';

const root = process.cwd();
const schema = JSON.parse(readFileSync(path.join(root, 'test/contract/github-action.schema.json'), 'utf8')) as object;

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: unknown }>;
  outputs: Record<string, { description: string }>;
}

const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('validates against the GitHub Action metadata schema (SchemaStore, draft-07)', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(action);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is caught by the schema when broken (the validation is real)', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ ...action, runs: { using: 'node10', main: 'x.js' } })).toBe(false);
  });

  // The one default: the status issue's token is the job's own unless given (the settings' defaults apply otherwise).
  const DEFAULTS: Record<string, string> = { 'status-token': '${{ github.token }}' };

  it('declares exactly the inputs of INPUTS, each described, none required, none with a default but the job token', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(INPUTS).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, input.description.length > 10]).toEqual([name, true]);
      expect([name, input.default]).toEqual([name, DEFAULTS[name]]);
      expect([name, input.required]).toEqual([name, false]);
    }
  });

  it('declares every output: the counts and the report path', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_STATUSES, 'report'].sort());
  });

  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});
