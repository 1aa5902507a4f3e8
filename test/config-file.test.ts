/**
 * The configuration file's validator: every problem one line `file:line:col: path: message`, all of them reported;
 * each mirror's settings read like inputs (the mirror's keys, then defaults, then the inputs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

import { ConfigFileError, parseConfiguration, readConfiguration } from '../src/settings/config-file.js';
import { inputReader } from '../src/settings/input-sources.js';
import { readSettings } from '../src/settings/index.js';
import { ROOT } from './support/cli.js';

const FILE = 'org-mirror.yml';
const GITLAB_TOKEN = 'glpat-ConfigSecretToken1';
const GITHUB_TOKEN = 'ghp_ConfigSecretToken2';
const ENV = { GITLAB_MIRROR_TOKEN: GITLAB_TOKEN, ACME_GITHUB_TOKEN: GITHUB_TOKEN, BBS_TOKEN: 'bbs-secret-token' };

const VALID = `version: 1
defaults:
  target-type: gitlab
  target-url: https://gitlab.example.com
  target-token-env: GITLAB_MIRROR_TOKEN
mirrors:
  - id: acme-github
    source-type: github
    source-owner: acme
    source-token-env: ACME_GITHUB_TOKEN
    target-owner: mirrors/acme
    filter: '^(api|web)-.*'
    repositories:
      legacy-monolith: { enabled: false }
      api-core: { target-name: api-core-mirror, on-divergence: overwrite, lfs: true }
  - id: platform
    enabled: false
    source-type: bitbucket-server
    source-url: https://bitbucket.example.com
    source-owner: PLAT
    source-token-env: BBS_TOKEN
    target-owner: mirrors/platform
`;

function parse(text: string, env: Record<string, string> = ENV, argv: string[] = []) {
  return parseConfiguration(FILE, text, inputReader({ argv, env }), env);
}

/** The problem lines of a bad file (and proof that it throws the exit-2 error with every line). */
function problemsOf(text: string, env: Record<string, string> = ENV, argv: string[] = []): string[] {
  try {
    parse(text, env, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    const problems = (error as ConfigFileError).problems;
    for (const line of problems) {
      expect(line).not.toContain('\n');
      for (const secret of Object.values(ENV)) expect(line).not.toContain(secret);
    }
    return problems;
  }
  throw new Error('the file was accepted');
}

/** VALID with one line replaced (1-based). */
function withLine(line: number, text: string): string {
  const lines = VALID.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('a valid configuration file', () => {
  it('gives each mirror its settings: its keys, then defaults, then the inputs', () => {
    const config = parse(VALID, ENV, ['--concurrency', '3']);
    expect(config.mirrors.map((mirror) => [mirror.id, mirror.enabled])).toEqual([
      ['acme-github', true],
      ['platform', false],
    ]);
    const [acme, platform] = config.mirrors.map((mirror) => mirror.settings);
    expect(acme.source).toMatchObject({ type: 'github', owner: 'acme', token: GITHUB_TOKEN });
    expect(acme.target).toMatchObject({
      type: 'gitlab',
      url: 'https://gitlab.example.com',
      owner: 'mirrors/acme',
      token: GITLAB_TOKEN,
    });
    expect(acme.filter.test('api-core')).toBe(true);
    expect(acme.filter.test('docs')).toBe(false);
    expect(acme.concurrency).toBe(3);
    expect(acme.mirrorId).toBe('acme-github');
    expect(acme.cacheDir).toBe('.org-mirror/mirrors/acme-github');
    expect(platform.cacheDir).toBe('.org-mirror/mirrors/platform');
    expect(config.run.cacheDir).toBe('.org-mirror');
    expect(platform.source).toMatchObject({ type: 'bitbucket-server', owner: 'PLAT' });
    expect([...(acme.repositoryOverrides?.values() ?? [])]).toEqual([
      { name: 'legacy-monolith', enabled: false },
      { name: 'api-core', enabled: true, targetName: 'api-core-mirror', onDivergence: 'overwrite', lfs: true },
    ]);
  });

  it('equals the same settings given as inputs, for one mirror', () => {
    const file = `version: 1
mirrors:
  - id: only
    source-type: github
    source-owner: acme
    source-token-env: ACME_GITHUB_TOKEN
    target-type: gitlab
    target-url: https://gitlab.example.com
    target-owner: mirrors/acme
    target-token-env: GITLAB_MIRROR_TOKEN
    filter: 'api-.*'
    prune: false
    repo-timeout: 600
`;
    const fromFile = parse(file).mirrors[0].settings;
    const fromInputs = readSettings({
      argv: [],
      env: {
        MIRROR_SOURCE_TYPE: 'github',
        MIRROR_SOURCE_OWNER: 'acme',
        MIRROR_SOURCE_TOKEN: GITHUB_TOKEN,
        MIRROR_TARGET_TYPE: 'gitlab',
        MIRROR_TARGET_URL: 'https://gitlab.example.com',
        MIRROR_TARGET_OWNER: 'mirrors/acme',
        MIRROR_TARGET_TOKEN: GITLAB_TOKEN,
        MIRROR_FILTER: 'api-.*',
        MIRROR_PRUNE: 'false',
        MIRROR_REPO_TIMEOUT: '600',
      },
    });
    const { mirrorId, cacheDir, ...rest } = fromFile;
    expect([mirrorId, cacheDir]).toEqual(['only', '.org-mirror/mirrors/only']);
    expect(rest).toEqual({ ...fromInputs, cacheDir: undefined, filter: fromInputs.filter });
  });

  it('accepts a disabled mirror whose secret variable is unset: nothing is requested for it', () => {
    const { BBS_TOKEN: _unset, ...env } = ENV;
    expect(parse(VALID, env).mirrors).toHaveLength(2);
  });

  it('runs only the mirrors `mirror` names, and refuses an unknown id', () => {
    expect(parse(VALID, ENV, ['--mirror', 'platform']).mirrors.map((mirror) => mirror.id)).toEqual(['platform']);
    expect(() => parse(VALID, ENV, ['--mirror', 'acme-github,nope'])).toThrow(
      "Invalid mirror 'acme-github,nope': no mirror nope in the file. Expected ids of the file's mirrors, comma separated: acme-github, platform.",
    );
  });

  it('in mode validate, says that a variable is unset without failing', () => {
    const { ACME_GITHUB_TOKEN: _unset, ...env } = ENV;
    const config = parse(VALID, env, ['--mode', 'validate']);
    expect(config.warnings).toEqual([
      'org-mirror.yml:10:23: mirrors[0].source-token-env: environment variable ACME_GITHUB_TOKEN is not set (or empty). Expected it to hold source-token: set it as a secret or masked CI/CD variable of the job.',
    ]);
  });

  it('lets an input equal to its default stand beside the file (the GitLab component passes every default)', () => {
    expect(parse(VALID, { ...ENV, MIRROR_FILTER: '.*', MIRROR_PRUNE: 'true' }).mirrors).toHaveLength(2);
  });
});

describe('a bad configuration file: every problem, one line each, at its line and column', () => {
  it.each([
    [
      'an unknown key, with the closest known one',
      withLine(12, '    filtr: x'),
      'org-mirror.yml:12:5: mirrors[0].filtr: unknown key. Did you mean filter? Expected an input name that describes a mirror (docs/configuration.md).',
    ],
    [
      'an unknown key at the top',
      `${VALID}mirorrs: []\n`,
      'org-mirror.yml:23:1: mirorrs: unknown key. Did you mean mirrors? Expected version, defaults or mirrors.',
    ],
    [
      'an invalid regex',
      withLine(12, "    filter: '^(api|web-.*'"),
      "org-mirror.yml:12:13: mirrors[0].filter: invalid regular expression '^(api|web-.*': Unterminated group. Expected a JavaScript regular expression matched against the whole repository name.",
    ],
    [
      'a literal secret',
      withLine(10, '    source-token: ghp_literal'),
      'org-mirror.yml:10:5: mirrors[0].source-token: a literal secret is refused in the file. Expected source-token-env: VARIABLE, the name of the environment variable that holds it.',
    ],
    [
      'a *-env naming an unset variable',
      withLine(10, '    source-token-env: NOT_SET_ANYWHERE'),
      'org-mirror.yml:10:23: mirrors[0].source-token-env: environment variable NOT_SET_ANYWHERE is not set (or empty). Expected it to hold source-token: set it as a secret or masked CI/CD variable of the job.',
    ],
    [
      'a duplicate id',
      withLine(16, '  - id: ACME-github'),
      "org-mirror.yml:16:9: mirrors[1].id: duplicate id 'ACME-github' (mirrors[0] has it). Expected an id no other mirror has.",
    ],
    [
      'two repositories mapped to one target name',
      withLine(14, '      legacy-monolith: { target-name: API-Core-Mirror }'),
      "org-mirror.yml:15:32: mirrors[0].repositories.api-core.target-name: 'api-core-mirror' is also the target of legacy-monolith. Expected one target name per repository.",
    ],
    [
      'a repository renamed to the name of another one',
      withLine(14, '      api-core-mirror: { enabled: false }'),
      "org-mirror.yml:15:32: mirrors[0].repositories.api-core.target-name: 'api-core-mirror' is also the target of api-core-mirror. Expected one target name per repository.",
    ],
    [
      'a missing required key',
      withLine(7, '  - name: acme-github'),
      'org-mirror.yml:7:5: mirrors[0].id: missing. Expected a unique id on every mirror, such as acme-github.',
    ],
    [
      'a misspelt input',
      withLine(9, '    source-ownr: acme'),
      'org-mirror.yml:9:5: mirrors[0].source-ownr: unknown key. Did you mean source-owner? Expected an input name that describes a mirror (docs/configuration.md).',
    ],
    [
      'YAML syntax',
      withLine(12, '\tfilter: x'),
      'org-mirror.yml:12:1: YAML syntax: Tabs are not allowed as indentation',
    ],
    [
      'a run-wide input in the file',
      withLine(12, '    concurrency: 4'),
      'org-mirror.yml:12:5: mirrors[0].concurrency: concurrency is about the whole run and stays an input (with:, inputs:, --concurrency or MIRROR_CONCURRENCY), not a key of the file.',
    ],
    [
      'a key that cannot be set per repository',
      withLine(14, '      legacy-monolith: { exclude: x }'),
      'org-mirror.yml:14:26: mirrors[0].repositories.legacy-monolith.exclude: exclude cannot be set per repository. Expected one of: enabled, target-name, prune, protect, on-divergence, lfs, wikis, visibility; set exclude on the mirror.',
    ],
    [
      'a value of the wrong type',
      withLine(14, '      legacy-monolith: { enabled: no }'),
      "org-mirror.yml:14:35: mirrors[0].repositories.legacy-monolith.enabled: 'no' is not accepted. Expected true or false.",
    ],
    [
      'a value not in the list',
      withLine(8, '    source-type: gitlub'),
      "org-mirror.yml:8:18: mirrors[0].source-type: 'gitlub' is not accepted. Expected one of: github, gitlab, bitbucket-cloud, bitbucket-server.",
    ],
    ['a bad version', withLine(1, 'version: 2'), 'org-mirror.yml:1:10: version: 2 is not accepted. Expected 1.'],
    [
      'a value the input reader refuses, pointed at its key in defaults',
      withLine(4, '  target-url: ftp://gitlab.example.com'),
      "org-mirror.yml:4:15: defaults.target-url: Invalid target-url 'ftp://gitlab.example.com': only http and https are supported. Expected an http(s) URL such as https://host[/path].",
    ],
  ])('%s', (_what, text, expected) => {
    const problems = problemsOf(text);
    expect(problems).toContainEqual(expect.stringContaining(expected));
    expect(problems.filter((line) => line.startsWith(expected))).toHaveLength(1);
  });

  it('refuses a mapping key given both as an input and in the file', () => {
    expect(problemsOf(VALID, { ...ENV, MIRROR_FILTER: 'api-.*' }, [])).toEqual([
      'org-mirror.yml:12:5: mirrors[0].filter: filter is also given as MIRROR_FILTER. Expected it in one place: the file or the inputs, not both.',
    ]);
    expect(problemsOf(VALID, ENV, ['--target-url', 'https://other.example.com'])).toEqual([
      'org-mirror.yml:4:3: defaults.target-url: target-url is also given as --target-url. Expected it in one place: the file or the inputs, not both.',
    ]);
  });

  it('reports every problem of a file at once, in the order of the file', () => {
    const text = VALID.replace('    filter:', '    filtr:')
      .replace('source-token-env: ACME_GITHUB_TOKEN', 'source-token: abc')
      .replace('  - id: platform', '  - id: acme-github');
    expect(problemsOf(text)).toEqual([
      'org-mirror.yml:10:5: mirrors[0].source-token: a literal secret is refused in the file. Expected source-token-env: VARIABLE, the name of the environment variable that holds it.',
      'org-mirror.yml:12:5: mirrors[0].filtr: unknown key. Did you mean filter? Expected an input name that describes a mirror (docs/configuration.md).',
      "org-mirror.yml:16:9: mirrors[1].id: duplicate id 'acme-github' (mirrors[0] has it). Expected an id no other mirror has.",
    ]);
  });

  it('names a missing mapping input at the mirror that lacks it', () => {
    const text = VALID.replace('    source-owner: acme\n', '');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^org-mirror\.yml:7:5: mirrors\[0\]\.source-owner: Missing source-owner\. Expected /),
    ]);
  });

  it('says so when the file is missing', () => {
    expect(() => readConfiguration({ argv: ['--config', '/nonexistent/org-mirror.yml'], env: {} })).toThrow(
      "Invalid config '/nonexistent/org-mirror.yml': no such file. Expected the path of a YAML configuration file.",
    );
  });
});

describe('the examples of docs/configuration.md', () => {
  it('are valid files, every mirror read', () => {
    const docs = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
    const examples = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((match) => match[1])
      .filter((block) => /^version:/m.test(block) && /^mirrors:/m.test(block));
    expect(examples).toHaveLength(2);
    const env = { ...ENV, PARTNER_GITLAB_TOKEN: 'partner-token-1234' };
    for (const example of examples) expect(parse(example, env).mirrors.length).toBeGreaterThanOrEqual(2);
  });
});
