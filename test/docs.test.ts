/**
 * The user documentation as a reader meets it: a README short enough to read (a quick start, the main inputs), the
 * reference under docs/ with every link and anchor leading somewhere, examples that use only real inputs (the README's
 * workflow is the tested examples/github/mirror.yml), and no story of how the project was built.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Lexer, type Token, type Tokens } from 'marked';
import { parse } from 'yaml';

import { INPUT_DEFINITIONS, type InputDefinition } from '../src/settings/input-definitions.js';
import { SECRET_INPUTS } from '../src/settings/input-sources.js';
import { githubWorkflowErrors, readYamlDocuments, ROOT } from './templates-schema.js';
import { NONE, readmeDefault, tableUnder } from './support/markdown-table.js';

type Json = Record<string, unknown>;

const README = 'README.md';
const DOC_PAGES = readdirSync(path.join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`)
  .sort();
const USER_DOCS = [README, ...DOC_PAGES];
/** Documents whose links are checked too. */
const LINKED_DOCS = [...USER_DOCS, 'CONTRIBUTING.md', 'SECURITY.md'];
/** The README's budget: a quick start and a short table, the rest is reference under docs/. */
const README_MAX_BYTES = 25_000;

/**
 * Pages that other parts of the project add under docs/ (history refs, health, the configuration file): the index and
 * the README link to them; until they are present a link to one of them is allowed to dangle, never any other.
 */
const DEFINITIONS: Record<string, InputDefinition> = INPUT_DEFINITIONS;
const INPUT_NAMES = new Set(Object.keys(DEFINITIONS));
const componentSpec = (readYamlDocuments('templates/mirror.yml')[0] as { spec: { inputs: Json } }).spec.inputs;
const COMPONENT_INPUTS = new Set(Object.keys(componentSpec));

function read(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

function tokensOf(file: string): Token[] {
  return new Lexer({ gfm: true }).lex(read(file));
}

/** Every token, depth first (list items, table cells and inline tokens included). */
function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const nested = token as Token & {
      tokens?: Token[];
      items?: Token[];
      header?: Tokens.TableCell[];
      rows?: Tokens.TableCell[][];
    };
    if (nested.tokens) walk(nested.tokens, visit);
    if (nested.items) walk(nested.items, visit);
    if (nested.header)
      walk(
        nested.header.flatMap((cell) => cell.tokens),
        visit,
      );
    if (nested.rows)
      walk(
        nested.rows.flat().flatMap((cell) => cell.tokens),
        visit,
      );
  }
}

function linksOf(file: string): string[] {
  const hrefs: string[] = [];
  walk(tokensOf(file), (token) => {
    if (token.type === 'link') hrefs.push((token as Tokens.Link).href);
  });
  return hrefs;
}

function yamlBlocksOf(file: string): string[] {
  return tokensOf(file)
    .filter((token): token is Tokens.Code => token.type === 'code' && (token.lang ?? '') === 'yaml')
    .map((token) => token.text);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`, `-1`, `-2`… for repeats. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  walk(new Lexer({ gfm: true }).lex(markdown), (token) => {
    if (token.type !== 'heading') return;
    const base = (token as Tokens.Heading).text
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  });
  return anchors;
}

/** Where a relative link leads: the file (relative to the project root) and the anchor, if any. */
function resolveLink(from: string, href: string): { file: string; anchor?: string } {
  const [target, anchor] = href.split('#', 2);
  const file = target === '' ? from : path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
  return { file: file.replace(/\/$/, ''), anchor: anchor || undefined };
}

/** The `uses: …/org-mirror@…` steps of a YAML snippet, wherever they sit (a whole workflow or a list of steps). */
function mirrorSteps(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(mirrorSteps);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Json;
  const own = typeof object.uses === 'string' && object.uses.includes('/org-mirror@') ? [object] : [];
  return [...own, ...Object.values(object).flatMap(mirrorSteps)];
}

/** The `component: …/org-mirror/mirror@…` includes of a YAML snippet. */
function componentIncludes(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(componentIncludes);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Json;
  const own = typeof object.component === 'string' && object.component.includes('/org-mirror/mirror@') ? [object] : [];
  return [...own, ...Object.values(object).flatMap(componentIncludes)];
}

describe('the README', () => {
  it(`is at most ${README_MAX_BYTES} bytes`, () => {
    expect(Buffer.byteLength(read(README))).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it('names the prerequisites and the two commands, as CI runs them', () => {
    const text = read(README);
    expect(text).toMatch(/Node\.js 22 or later/);
    expect(text).toMatch(/\bgit\b/);
    expect(text).toContain('npm ci && npm run demo\nnpm test\n');
    const ci = read('.ci/run');
    // Run as they are (possibly timed or logged): on a line of their own that is not a comment.
    expect(ci).toMatch(/^[^#\n]*\bnpm run demo\b/m);
    expect(ci).toMatch(/^[^#\n]*\bnpm test\b/m);
  });

  it('has a quick start for the Action, the GitLab component and the CLI', () => {
    const headings: string[] = [];
    walk(tokensOf(README), (token) => {
      if (token.type === 'heading') headings.push((token as Tokens.Heading).text);
    });
    expect(headings).toEqual(expect.arrayContaining(['Quick start', 'GitHub Action', 'GitLab CI/CD component', 'CLI']));
  });

  it('shows the workflow of examples/github/mirror.yml, which the workflow tests check, and it is a valid workflow', () => {
    const workflows = yamlBlocksOf(README)
      .map((block) => parse(block) as Json)
      .filter((doc) => doc.jobs !== undefined);
    expect(workflows).toHaveLength(1);
    expect(workflows[0]).toEqual(readYamlDocuments('examples/github/mirror.yml')[0]);
    expect(githubWorkflowErrors(workflows[0])).toEqual([]);
  });

  describe('main inputs table', () => {
    const rows = tableUnder(read(README), 'Main inputs');
    const names = rows.map((row) => /^`([^`]+)`$/.exec(row[0])?.[1]);

    it('names real inputs, each once, with a default and a meaning', () => {
      expect(rows.length).toBeGreaterThanOrEqual(10);
      for (const name of names) expect([name, INPUT_NAMES.has(name ?? '')]).toEqual([name, true]);
      expect(new Set(names).size).toBe(names.length);
      for (const row of rows) {
        expect(row).toHaveLength(3);
        expect(row[2].length).toBeGreaterThan(3);
      }
    });

    it('gives the default of the table of inputs, where that default is a single value', () => {
      let compared = 0;
      for (const [index, name] of names.entries()) {
        const table = DEFINITIONS[name as string].default ?? NONE;
        if (/\s/.test(table)) continue; // a described default ("derived from source-url"): shortened in the README
        expect([name, readmeDefault(rows[index][1])]).toEqual([name, table]);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(8);
    });
  });
});

describe('the documentation', () => {
  it('has an index that links to every page under docs/', () => {
    const linked = new Set(linksOf('docs/README.md').map((href) => resolveLink('docs/README.md', href).file));
    for (const page of DOC_PAGES.filter((page) => page !== 'docs/README.md')) {
      expect([page, linked.has(page)]).toEqual([page, true]);
    }
  });

  it.each(LINKED_DOCS)('%s: every relative link leads to a file, and every anchor to a heading', (file) => {
    const broken: string[] = [];
    for (const href of linksOf(file)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto:: not ours to check
      const { file: target, anchor } = resolveLink(file, href);
      if (!existsSync(path.join(ROOT, target))) {
        broken.push(`${href}: no ${target}`);
        continue;
      }
      if (anchor === undefined) continue;
      if (statSync(path.join(ROOT, target)).isDirectory() || !target.endsWith('.md')) {
        broken.push(`${href}: an anchor into ${target}`);
      } else if (!anchorsOf(read(target)).has(anchor)) {
        broken.push(`${href}: no heading #${anchor} in ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(USER_DOCS)('%s tells no story of how the project was built', (file) => {
    const story = /\b(?:issue|round) #?\d+\b|\b(?:this|previous|last|next) round\b|\bthe previous round's\b/gi;
    expect(read(file).match(story) ?? []).toEqual([]);
  });

  it.each(USER_DOCS)('%s: examples give the Action only real inputs, and secrets only from secrets', (file) => {
    for (const block of yamlBlocksOf(file)) {
      for (const step of mirrorSteps(parse(block))) {
        expect(step.uses).toMatch(/^(?:[a-z0-9-]+|<owner>)\/org-mirror@v1$/);
        for (const [name, value] of Object.entries((step.with as Json | undefined) ?? {})) {
          expect([name, INPUT_NAMES.has(name)]).toEqual([name, true]);
          if (SECRET_INPUTS.has(name as never)) {
            expect([name, value]).toEqual([name, expect.stringMatching(/^\$\{\{ (?:secrets|steps)\.[\w.-]+ \}\}$/)]);
          }
        }
      }
    }
  });

  it.each(USER_DOCS)('%s: component includes use only the inputs of templates/mirror.yml, never a secret', (file) => {
    for (const block of yamlBlocksOf(file)) {
      for (const include of componentIncludes(parse(block))) {
        for (const name of Object.keys((include.inputs as Json | undefined) ?? {})) {
          expect([name, COMPONENT_INPUTS.has(name), SECRET_INPUTS.has(name as never)]).toEqual([name, true, false]);
        }
      }
    }
  });

  it('the checks are not vacuous: the examples hold Action steps and component includes', () => {
    const blocks = USER_DOCS.flatMap(yamlBlocksOf).map((block) => parse(block) as unknown);
    expect(blocks.flatMap(mirrorSteps).length).toBeGreaterThanOrEqual(5);
    expect(blocks.flatMap(componentIncludes).length).toBeGreaterThanOrEqual(1);
  });

  it('reads anchors the way GitHub makes them', () => {
    const anchors = anchorsOf(
      '# Git over SSH (deploy keys)\n\n## Measuring it: `npm run bench`\n\n## Notes\n\n## Notes\n',
    );
    expect([...anchors]).toEqual(['git-over-ssh-deploy-keys', 'measuring-it-npm-run-bench', 'notes', 'notes-1']);
  });
});
