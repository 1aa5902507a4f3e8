/**
 * docs/inputs.md from the one table of inputs (src/settings/input-definitions.ts) and the GitLab component's own
 * inputs (templates/mirror.yml). Run `npm run docs:inputs` after changing either; `--check` only says whether the file
 * is current (exit 1 when it is not). test/inputs-doc.test.ts fails when docs/inputs.md, action.yml, the component or
 * `--help` drift from the table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

import { INPUT_DEFINITIONS, type InputDefinition } from '../src/settings/input-definitions.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const INPUTS_DOC = 'docs/inputs.md';
const COMPONENT = 'templates/mirror.yml';
const NONE = '—';

export interface ComponentInput {
  description?: string;
  default?: string | number | boolean;
}

/** The `spec: inputs` of the GitLab component (its first YAML document). */
export function componentInputs(
  text = readFileSync(path.join(ROOT, COMPONENT), 'utf8'),
): Record<string, ComponentInput> {
  const spec = parseDocument(text).toJS() as { spec?: { inputs?: Record<string, ComponentInput> } };
  return spec.spec?.inputs ?? {};
}

/** `MIRROR_SOURCE_TOKEN` for `source-token`. */
export function envName(name: string): string {
  return `MIRROR_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** Prose from the table as Markdown shows it: no HTML tags from `<stamp>`, no emphasis from `*`, no cell breaks. */
function prose(text: string, inTable = false): string {
  // Code spans (between backticks) show as they are; only the text between them is escaped.
  const escaped = text
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/([\\*<])/g, '\\$1')))
    .join('');
  return inTable ? escaped.replace(/\|/g, '\\|') : escaped;
}

/** A default as a reader wants it: `—` for none, a single value as code, a described default as words. */
export function defaultCell(definition: Pick<InputDefinition, 'default'>): string {
  const value = definition.default;
  if (value === undefined || value === '') return NONE;
  if (value === 'required' || /\s/.test(value)) return prose(value, true);
  return `\`${value}\``;
}

/** The page that tells more about an input, by name: the feature it belongs to. */
const PAGES: [RegExp, string, string][] = [
  [/^(source|target)-(type|url|api-url|owner|token|username)$|^target-project$/, 'Hosts', 'hosts.md'],
  [/-app-/, 'GitHub Apps', 'github-apps.md'],
  [/-ssh-/, 'Git over SSH', 'ssh.md'],
  [/^(filter|exclude|repositories|include-forks|include-archived)$/, 'Name mapping', 'modes.md#name-mapping'],
  [/^(mode|hook-url|hook-secret|create-missing|prune|protect|on-divergence|visibility)$/, 'Modes', 'modes.md#modes'],
  [/^wikis$/, 'Wikis', 'wikis.md'],
  [/^orphans/, 'Orphaned mirrors', 'orphans.md'],
  [/^(keep-history|history-days|destructive-limit|accept)$/, 'History and the destruction guard', 'history.md'],
  [/^(backoff-max|notify-url|notify-secret|status-issue|status-token)$/, 'Health', 'health.md'],
  [/^(config|mirror)$/, 'Configuration file', 'configuration.md'],
  [/^(cache-dir|verify-interval)$/, 'Cache and state', 'operations.md#cache-and-state'],
  [/^(request-timeout|repo-timeout)$/, 'Tuning', 'operations.md#tuning'],
  [/^(report-file|junit-file)$/, 'Reports', 'operations.md#reports'],
  [/^(concurrency|shard)$/, 'Performance', 'performance.md'],
];

function seeAlso(name: string): string | undefined {
  const page = PAGES.find(([pattern]) => pattern.test(name));
  return page && `More: [${page[1]}](${page[2]}).`;
}

function whereGiven(name: string, definition: InputDefinition, component: Record<string, ComponentInput>): string[] {
  const env = `\`${envName(name)}\``;
  const variable = component[`${name}-variable`];
  const lines = [
    `- GitHub Action: \`with: ${name}\`${definition.secret ? ', from an encrypted secret' : ''}`,
    definition.secret
      ? variable
        ? `- GitLab component: the masked CI/CD variable named by \`${name}-variable\` (default \`${String(variable.default)}\`)`
        : `- GitLab component: the masked CI/CD variable ${env}`
      : component[name]
        ? `- GitLab component: \`inputs: ${name}\``
        : `- GitLab component: the CI/CD variable ${env}`,
    definition.secret ? `- CLI: no flag (a secret is never a process argument)` : `- CLI: \`--${name}\``,
    `- environment: ${env}`,
  ];
  if (definition.scope === 'run') {
    lines.push('- configuration file: no (it is about the run as a whole: an input of the run)');
  } else {
    const key = definition.secret ? `\`${name}-env\` (the name of the variable holding it)` : `\`${name}\``;
    lines.push(
      `- configuration file: ${key}, in \`defaults\` or a mirror${definition.perRepository ? ', or for one repository' : ''}`,
    );
  }
  return lines;
}

export function renderInputsDoc(
  definitions: Record<string, InputDefinition> = INPUT_DEFINITIONS,
  component: Record<string, ComponentInput> = componentInputs(),
): string {
  const names = Object.keys(definitions);
  const own = Object.entries(component).filter(([name]) => !(name in definitions));
  const out: string[] = [
    `<!-- Generated by \`npm run docs:inputs\` from src/settings/input-definitions.ts and ${COMPONENT}: edit those, not this file. -->`,
    '',
    '# Inputs',
    '',
    'Every input has one name, wherever it is given:',
    '',
    '| where | how |',
    '| --- | --- |',
    '| GitHub Action | `with: <name>` |',
    '| GitLab CI/CD component | `inputs: <name>`; a secret comes from a masked CI/CD variable instead, never an input |',
    '| CLI | `--<name> <value>` or `--<name>=<value>`; a bare boolean flag means `true`; a secret is never a flag |',
    '| environment | `MIRROR_<NAME>`: upper case, `-` becomes `_` (`MIRROR_SOURCE_TOKEN`) |',
    '| [configuration file](configuration.md) | the same name as a key of `defaults`, of a mirror or of one repository; a secret as `<name>-env: VARIABLE` |',
    '',
    'Precedence: CLI flag, then Action input, then environment. Booleans are `true` or `false`. Regexes are JavaScript',
    'regular expressions matched against the **whole repository name** (not the URL, not the namespace): `filter: api`',
    "matches `api` only, `filter: 'api-.*'` matches `api-server`.",
    '',
    'Bad input (an unknown type or mode, an invalid regex, a missing owner or URL, a bad `shard`, a malformed URL, a',
    'number out of range) stops the run with exit code 2 before any network call, with one line naming the input, the',
    "value and what is accepted: `Invalid filter '([': Unterminated group. Expected a JavaScript regular expression.`",
    '',
    '## Every input',
    '',
    '| input | default | what it is |',
    '| --- | --- | --- |',
    ...names.map(
      (name) =>
        `| [\`${name}\`](#${name}) | ${defaultCell(definitions[name])} | ${prose(definitions[name].summary, true)} |`,
    ),
    '',
    '## Each input',
    '',
  ];
  for (const name of names) {
    const definition = definitions[name];
    out.push(`### \`${name}\``, '', prose(definition.description), '');
    if (definition.secret) out.push('A secret: masked in the log, never in a report, never a command-line flag.', '');
    const more = seeAlso(name);
    if (more) out.push(more, '');
    out.push(...whereGiven(name, definition, component), '');
  }
  out.push(
    "## The GitLab component's own inputs",
    '',
    'Besides the inputs above (all but the secrets), the component takes these, about the job it adds:',
    '',
    '| component input | default | meaning |',
    '| --- | --- | --- |',
    ...own.map(
      ([name, input]) =>
        `| \`${name}\` | ${defaultCell({ default: input.default === undefined ? undefined : String(input.default) })} | ${prose((input.description ?? '').replace(/\s+/g, ' ').trim(), true)} |`,
    ),
    '',
  );
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.join(ROOT, INPUTS_DOC);
  const text = renderInputsDoc();
  if (process.argv.includes('--check')) {
    const current = readFileSync(file, 'utf8');
    if (current !== text) {
      process.stderr.write(`${INPUTS_DOC} is out of date: run npm run docs:inputs\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${INPUTS_DOC}\n`);
  }
}
