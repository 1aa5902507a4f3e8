/**
 * The README's Inputs and Outputs tables against action.yml (and the input names in src/settings): every input and
 * output documented, none invented, and the same default. action.yml declares no `default:` on purpose (see its
 * header), so the default is the `Default: …` sentence of the description.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { INPUT_DOCS } from '../src/settings/input-docs.js';
import { INPUTS } from '../src/settings/settings.js';

const root = process.cwd();
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

interface ActionYml {
  inputs: Record<string, { description: string; default?: unknown }>;
  outputs: Record<string, { description: string }>;
}
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionYml;

const NONE = '—';

/** Rows of the first table under `## <heading>`, as cell arrays (header and separator rows dropped). */
export function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (/^##\s/.test(line)) break;
    if (line.trimStart().startsWith('|')) {
      inTable = true;
      rows.push(
        line
          .trim()
          .replace(/^\||\|$/g, '')
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      );
    } else if (inTable) {
      break;
    }
  }
  // Header, then the `| --- |` separator.
  return rows.slice(2);
}

/** `\`source-type\`` → `source-type`. */
function nameOf(cell: string): string {
  const match = /^`([^`]+)`$/.exec(cell);
  if (!match) throw new Error(`first cell ${cell} is not a single \`name\``);
  return match[1];
}

/** A README default cell: backticks dropped; `—`, `-` and empty mean no default. */
export function readmeDefault(cell: string): string {
  const text = cell.replace(/`/g, '').trim();
  return text === '' || text === '-' || text === NONE ? NONE : text;
}

/**
 * The default action.yml states: the text after `Default:` up to `;`, ` (`, or the sentence's end; `none` means no
 * default; no `Default:` at all means `required` when the description says `Required.`, else none.
 */
export function actionDefault(description: string): string {
  const match = /Default: (.*?)(?:;|\s\(|\.\s|\.$|$)/.exec(description.trim());
  if (match) return match[1] === 'none' ? NONE : match[1];
  return /\bRequired\./.test(description) ? 'required' : NONE;
}

const inputRows = tableUnder(readme, 'Inputs');
const readmeInputs = new Map(inputRows.map((row) => [nameOf(row[0]), readmeDefault(row[1] ?? '')]));
const outputRows = tableUnder(readme, 'Outputs');
const readmeOutputs = outputRows.map((row) => nameOf(row[0]));

describe('README inputs table', () => {
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

describe('README outputs table', () => {
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
