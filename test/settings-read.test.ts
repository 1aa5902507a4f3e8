import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  CliInfoRequested,
  FEATURES,
  INPUTS,
  readSettings,
  secretsOf,
  SettingsError,
  VERSION,
  type Settings,
} from '../src/settings/index.js';

const SOURCE_TOKEN = 'ghp_SourceSecretToken123';
const TARGET_TOKEN = 'glpat-TargetSecretToken456';

/** The minimum a sync needs, as MIRROR_* variables. */
const BASE: Record<string, string> = {
  MIRROR_SOURCE_TYPE: 'github',
  MIRROR_SOURCE_OWNER: 'acme',
  MIRROR_SOURCE_TOKEN: SOURCE_TOKEN,
  MIRROR_TARGET_TYPE: 'gitlab',
  MIRROR_TARGET_OWNER: 'mirrors/acme',
  MIRROR_TARGET_TOKEN: TARGET_TOKEN,
};

function read(env: Record<string, string | undefined> = {}, argv: string[] = []): Settings {
  return readSettings({ argv, env: { ...BASE, ...env } });
}

/** The SettingsError thrown, checked to be one line without any secret. */
function errorOf(env: Record<string, string | undefined> = {}, argv: string[] = []): string {
  try {
    read(env, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).not.toContain(SOURCE_TOKEN);
    expect(message).not.toContain(TARGET_TOKEN);
    return message;
  }
  throw new Error('expected a SettingsError');
}

describe('readSettings precedence', () => {
  it('takes the CLI flag over the Action input over MIRROR_*', () => {
    const env = { 'INPUT_SOURCE-OWNER': 'from-input', MIRROR_SOURCE_OWNER: 'from-env' };
    expect(read(env, ['--source-owner', 'from-cli']).source.owner).toBe('from-cli');
    expect(read(env).source.owner).toBe('from-input');
    expect(read({ MIRROR_SOURCE_OWNER: 'from-env' }).source.owner).toBe('from-env');
  });

  it('treats an empty Action input as unset (the runner sets declared inputs to "")', () => {
    expect(read({ 'INPUT_SOURCE-OWNER': '', MIRROR_SOURCE_OWNER: 'from-env' }).source.owner).toBe('from-env');
    expect(read({ INPUT_CONCURRENCY: '  ' }).concurrency).toBe(8);
  });

  it('reads Action inputs with hyphens kept in the variable name, trimmed', () => {
    expect(read({ 'INPUT_ON-DIVERGENCE': ' overwrite\n' }).onDivergence).toBe('overwrite');
    // The underscore form is not what the runner sets, so it is not read.
    expect(read({ INPUT_ON_DIVERGENCE: 'overwrite' }).onDivergence).toBe('fail');
  });

  it('accepts --name=value and --name value', () => {
    expect(read({}, ['--filter=api-.*']).filter.test('api-x')).toBe(true);
    expect(read({}, ['--concurrency', '3']).concurrency).toBe(3);
    expect(read({}, ['--filter=a=b']).filter.test('a=b')).toBe(true);
  });

  it('reads boolean flags bare (true) or with a boolean word', () => {
    expect(read({ MIRROR_PRUNE: 'false' }, ['--prune']).prune).toBe(true);
    expect(read({}, ['--wikis']).wikis).toBe(true);
    expect(read({}, ['--prune', 'false', '--mode', 'check']).prune).toBe(false);
    expect(read({}, ['--protect=FALSE']).protect).toBe(false);
    expect(read({}, ['--include-forks', '--mode', 'preview']).includeForks).toBe(true);
  });

  it('refuses unknown flags, positional words, repeated flags and flags without value', () => {
    expect(errorOf({}, ['--sorce-type', 'github'])).toBe(
      "Unknown option '--sorce-type'. Run with --help for the list of options.",
    );
    expect(errorOf({}, ['github'])).toContain("Unexpected argument 'github'");
    expect(errorOf({}, ['--mode', 'sync', '--mode=check'])).toContain('--mode is given more than once');
    expect(errorOf({}, ['--filter'])).toContain('Missing value for --filter');
    expect(errorOf({}, ['--filter', '--mode', 'sync'])).toContain('Missing value for --filter');
  });

  it('refuses secrets as flags without echoing them', () => {
    expect(errorOf({}, ['--source-token', 'ghp_on_the_command_line'])).toBe(
      'Refusing --source-token on the command line: process arguments are visible to other users. Set MIRROR_SOURCE_TOKEN in the environment instead.',
    );
    expect(errorOf({}, ['--target-token=secret-value-here'])).not.toContain('secret-value-here');
    expect(errorOf({}, ['--hook-secret', 'x'])).toContain('MIRROR_HOOK_SECRET');
  });

  it('signals --help and --version', () => {
    let signal: unknown;
    try {
      readSettings({ argv: ['--help'], env: {} });
    } catch (error) {
      signal = error;
    }
    expect(signal).toBeInstanceOf(CliInfoRequested);
    const help = signal as CliInfoRequested;
    expect(help.kind).toBe('help');
    for (const name of Object.values(INPUTS)) expect(help.text).toContain(`--${name} `);
    expect(() => readSettings({ argv: ['--version'], env: {} })).toThrow(CliInfoRequested);
    try {
      readSettings({ argv: ['--version'], env: {} });
    } catch (error) {
      expect((error as CliInfoRequested).text).toBe(VERSION);
    }
  });

  it('keeps VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});

describe('readSettings defaults and derivations', () => {
  it('applies every default', () => {
    const settings = read();
    expect(settings).toMatchObject({
      mode: 'sync',
      includeForks: true,
      includeArchived: true,
      createMissing: true,
      prune: true,
      protect: true,
      onDivergence: 'fail',
      lfs: false,
      wikis: false,
      visibility: 'private',
      concurrency: 8,
      cacheDir: '.org-mirror',
      reportFile: 'org-mirror-report.json',
      orphans: 'keep',
      orphansLimit: 10,
    });
    expect(read({ MIRROR_ORPHANS: 'archive', MIRROR_ORPHANS_LIMIT: '3' })).toMatchObject({
      orphans: 'archive',
      orphansLimit: 3,
    });
    expect(settings.exclude).toBeUndefined();
    expect(settings.repositories).toBeUndefined();
    expect(settings.shard).toBeUndefined();
    expect(settings.junitFile).toBeUndefined();
    expect(settings.filter.test('anything-at-all')).toBe(true);
    expect(settings.source).toEqual({
      type: 'github',
      url: 'https://github.com',
      apiUrl: 'https://api.github.com',
      owner: 'acme',
      token: SOURCE_TOKEN,
    });
    expect(settings.target).toEqual({
      type: 'gitlab',
      url: 'https://gitlab.com',
      apiUrl: 'https://gitlab.com/api/v4',
      owner: 'mirrors/acme',
      token: TARGET_TOKEN,
    });
  });

  it('puts the cache under RUNNER_TEMP when set', () => {
    expect(read({ RUNNER_TEMP: '/runner/tmp' }).cacheDir).toBe(path.join('/runner/tmp', 'org-mirror'));
    expect(read({ RUNNER_TEMP: '/runner/tmp', MIRROR_CACHE_DIR: '/c' }).cacheDir).toBe('/c');
  });

  it.each([
    ['github', 'https://github.com/', 'https://github.com', 'https://api.github.com'],
    ['github', 'https://ghes.example.com/', 'https://ghes.example.com', 'https://ghes.example.com/api/v3'],
    ['github', 'https://octo.ghe.com', 'https://octo.ghe.com', 'https://api.octo.ghe.com'],
    ['gitlab', 'http://127.0.0.1:8080/gitlab//', 'http://127.0.0.1:8080/gitlab', 'http://127.0.0.1:8080/gitlab/api/v4'],
    ['bitbucket-cloud', 'https://bitbucket.org', 'https://bitbucket.org', 'https://api.bitbucket.org/2.0'],
    ['bitbucket-cloud', 'http://127.0.0.1:9000', 'http://127.0.0.1:9000', 'http://127.0.0.1:9000/2.0'],
    [
      'bitbucket-server',
      'https://bb.example.com/bitbucket/',
      'https://bb.example.com/bitbucket',
      'https://bb.example.com/bitbucket/rest/api/1.0',
    ],
    ['gitea', 'https://codeberg.org/', 'https://codeberg.org', 'https://codeberg.org/api/v1'],
    ['gitea', 'http://127.0.0.1:3000/gitea', 'http://127.0.0.1:3000/gitea', 'http://127.0.0.1:3000/gitea/api/v1'],
  ])('derives the %s API base from %s', (type, url, expectedUrl, expectedApi) => {
    const owner = type === 'bitbucket-server' ? 'PROJ' : 'acme';
    const settings = read({ MIRROR_SOURCE_TYPE: type, MIRROR_SOURCE_URL: url, MIRROR_SOURCE_OWNER: owner });
    expect(settings.source.url).toBe(expectedUrl);
    expect(settings.source.apiUrl).toBe(expectedApi);
  });

  it('uses the default URL per type', () => {
    expect(read({ MIRROR_SOURCE_TYPE: 'gitlab' }).source.url).toBe('https://gitlab.com');
    expect(read({ MIRROR_SOURCE_TYPE: 'bitbucket-cloud' }).source.url).toBe('https://bitbucket.org');
  });

  it('takes an API URL override as given, without trailing slash', () => {
    expect(read({ MIRROR_SOURCE_API_URL: 'http://127.0.0.1:3000/' }).source.apiUrl).toBe('http://127.0.0.1:3000');
    const bbs = read({
      MIRROR_TARGET_TYPE: 'bitbucket-server',
      MIRROR_TARGET_URL: 'https://bb.example.com',
      MIRROR_TARGET_API_URL: 'https://bb-api.example.com/rest/api/1.0/',
      MIRROR_TARGET_OWNER: 'MIRROR',
    });
    expect(bbs.target.apiUrl).toBe('https://bb-api.example.com/rest/api/1.0');
  });

  it('compiles filter and exclude as whole-name matchers', () => {
    const settings = read({ MIRROR_FILTER: 'api|web', MIRROR_EXCLUDE: 'old-.*' });
    expect(settings.filter.test('api')).toBe(true);
    expect(settings.filter.test('rapid')).toBe(false);
    expect(settings.filter.test('webapp')).toBe(false);
    expect(settings.exclude?.test('old-api')).toBe(true);
    expect(settings.exclude?.test('bold-api')).toBe(false);
    expect(read({ MIRROR_FILTER: 'a\\-b' }).filter.test('a-b')).toBe(true);
  });

  it('splits repositories on commas and newlines, trimmed, without empties or duplicates', () => {
    expect(read({ MIRROR_REPOSITORIES: ' api, web\n\nworker ,api,\n' }).repositories).toEqual(['api', 'web', 'worker']);
  });

  it('reads the remaining typed inputs', () => {
    const settings = read({
      MIRROR_SHARD: '2/4',
      MIRROR_CONCURRENCY: '64',
      MIRROR_VISIBILITY: 'internal',
      MIRROR_INCLUDE_FORKS: 'False',
      MIRROR_INCLUDE_ARCHIVED: 'TRUE',
      MIRROR_CREATE_MISSING: 'false',
      MIRROR_REPORT_FILE: 'out/r.json',
      MIRROR_JUNIT_FILE: 'out/junit.xml',
      MIRROR_MODE: 'check',
    });
    expect(settings).toMatchObject({
      shard: { index: 2, count: 4 },
      concurrency: 64,
      visibility: 'internal',
      includeForks: false,
      includeArchived: true,
      createMissing: false,
      reportFile: 'out/r.json',
      junitFile: 'out/junit.xml',
      mode: 'check',
    });
  });

  it('reads Bitbucket usernames and the Bitbucket Cloud target project', () => {
    const settings = read({
      MIRROR_SOURCE_TYPE: 'bitbucket-server',
      MIRROR_SOURCE_URL: 'https://bb.example.com',
      MIRROR_SOURCE_OWNER: '~jdoe',
      MIRROR_SOURCE_USERNAME: 'jdoe',
      MIRROR_TARGET_TYPE: 'bitbucket-cloud',
      MIRROR_TARGET_OWNER: 'acme-mirrors',
      MIRROR_TARGET_USERNAME: 'mirror-bot',
      MIRROR_TARGET_PROJECT: 'MIR',
    });
    expect(settings.source).toMatchObject({ owner: '~jdoe', username: 'jdoe' });
    expect(settings.target).toMatchObject({ username: 'mirror-bot', project: 'MIR' });
  });

  it('lets preview and check run without tokens', () => {
    const settings = read({ MIRROR_SOURCE_TOKEN: undefined, MIRROR_TARGET_TOKEN: undefined, MIRROR_MODE: 'preview' });
    expect(settings.source.token).toBeUndefined();
    expect(settings.target.token).toBeUndefined();
  });

  it('lists the secrets to mask, hook-url query values included', () => {
    const settings = read();
    expect(secretsOf(settings)).toEqual([SOURCE_TOKEN, TARGET_TOKEN]);
    settings.hookSecret = 'hook-secret-value';
    settings.hookUrl = 'https://gitlab.example.com/api/v4/projects/1/ref/main/trigger/pipeline?token=glptt-trigger';
    expect(secretsOf(settings)).toEqual([SOURCE_TOKEN, TARGET_TOKEN, 'hook-secret-value', 'glptt-trigger']);
  });

  it('has the FEATURES table this build ships with', () => {
    expect(FEATURES).toEqual({
      sourceTypes: ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'],
      targetTypes: ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'],
      modes: ['sync', 'preview', 'check', 'remove', 'install-hooks', 'validate'],
      lfs: true,
    });
  });
});

describe('readSettings refuses bad input in one line', () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    [
      'invalid regex',
      { MIRROR_FILTER: '(a' },
      "Invalid filter '(a': Unterminated group. Expected a JavaScript regular expression.",
    ],
    [
      'invalid class',
      { MIRROR_FILTER: '([' },
      "Invalid filter '([': Unterminated character class. Expected a JavaScript regular expression.",
    ],
    [
      'invalid exclude',
      { MIRROR_EXCLUDE: 'a{2,1}' },
      "Invalid exclude 'a{2,1}': numbers out of order in {} quantifier. Expected a JavaScript regular expression.",
    ],
    [
      'unknown mode',
      { MIRROR_MODE: 'foo' },
      "Invalid mode 'foo'. Expected one of: sync, preview, check, remove, install-hooks, validate.",
    ],
    [
      'request-timeout not a number',
      { MIRROR_REQUEST_TIMEOUT: '5m' },
      "Invalid request-timeout '5m'. Expected a number of seconds from 1 to 3600.",
    ],
    [
      'repo-timeout too small',
      { MIRROR_REPO_TIMEOUT: '1' },
      "Invalid repo-timeout '1'. Expected a number of seconds from 10 to 86400.",
    ],
    [
      'verify-interval negative',
      { MIRROR_VERIFY_INTERVAL: '-1' },
      "Invalid verify-interval '-1'. Expected a number of hours from 0 to 8760.",
    ],
    [
      'orphans neither keep nor archive',
      { MIRROR_ORPHANS: 'delete' },
      "Invalid orphans 'delete'. Expected one of: keep, archive.",
    ],
    [
      'orphans-limit zero',
      { MIRROR_ORPHANS_LIMIT: '0' },
      "Invalid orphans-limit '0'. Expected an integer from 1 to 10000.",
    ],
    [
      'missing source-type',
      { MIRROR_SOURCE_TYPE: undefined },
      'Missing source-type. Expected one of: github, gitlab, bitbucket-cloud, bitbucket-server, gitea.',
    ],
    [
      'unknown target-type',
      { MIRROR_TARGET_TYPE: 'forgejo' },
      "Invalid target-type 'forgejo'. Expected one of: github, gitlab, bitbucket-cloud, bitbucket-server, gitea.",
    ],
    [
      'gitea target without url',
      { MIRROR_TARGET_TYPE: 'gitea' },
      'Missing target-url. Expected the gitea server base URL, e.g. https://gitea.example.com or https://codeberg.org (no default).',
    ],
    [
      'gitea source without url',
      { MIRROR_SOURCE_TYPE: 'gitea' },
      'Missing source-url. Expected the gitea server base URL, e.g. https://gitea.example.com or https://codeberg.org (no default).',
    ],
    [
      'gitea owner that is a path',
      { MIRROR_TARGET_TYPE: 'gitea', MIRROR_TARGET_URL: 'https://codeberg.org', MIRROR_TARGET_OWNER: 'acme/mirrors' },
      "Invalid target-owner 'acme/mirrors'. Expected a Gitea organization name (letters, digits, '-', '_', '.').",
    ],
    [
      'missing source-owner',
      { MIRROR_SOURCE_OWNER: '' },
      'Missing source-owner. Expected a GitHub organization or user name (letters, digits and hyphens).',
    ],
    [
      'missing target-owner',
      { MIRROR_TARGET_OWNER: undefined },
      "Missing target-owner. Expected a GitLab group or user path such as acme or acme/mirrors (letters, digits, '_', '-', '.').",
    ],
    [
      'github owner with a slash',
      { MIRROR_SOURCE_OWNER: 'acme/api' },
      "Invalid source-owner 'acme/api'. Expected a GitHub organization or user name (letters, digits and hyphens).",
    ],
    ['gitlab path ending in /', { MIRROR_TARGET_OWNER: 'mirrors/' }, "Invalid target-owner 'mirrors/'"],
    [
      'bitbucket-server ~user as target',
      {
        MIRROR_TARGET_TYPE: 'bitbucket-server',
        MIRROR_TARGET_URL: 'https://bb.example.com',
        MIRROR_TARGET_OWNER: '~me',
      },
      "Invalid target-owner '~me'. Expected a Bitbucket Server project key (e.g. PROJ).",
    ],
    [
      'bitbucket-server without url',
      { MIRROR_SOURCE_TYPE: 'bitbucket-server', MIRROR_SOURCE_OWNER: 'PROJ' },
      'Missing source-url. Expected the bitbucket-server server base URL, e.g. https://bitbucket.example.com (no default).',
    ],
    [
      'url not a url',
      { MIRROR_TARGET_URL: 'gitlab.example.com' },
      "Invalid target-url 'gitlab.example.com': not a URL. Expected an http(s) URL such as https://host[/path].",
    ],
    [
      'url with ssh scheme',
      { MIRROR_TARGET_URL: 'ssh://git@gitlab.example.com' },
      "Invalid target-url 'ssh://***@gitlab.example.com': only http and https are supported.",
    ],
    [
      'url with query',
      { MIRROR_SOURCE_URL: 'https://ghes.example.com/?a=b' },
      "Invalid source-url 'https://ghes.example.com/?a=***': a query string is not allowed.",
    ],
    [
      'url with fragment',
      { MIRROR_SOURCE_API_URL: 'https://ghes.example.com/#x' },
      "Invalid source-api-url 'https://ghes.example.com/#x': a fragment is not allowed.",
    ],
    ['bad boolean', { MIRROR_PRUNE: 'yes' }, "Invalid prune 'yes'. Expected true or false."],
    ['bad wikis', { MIRROR_WIKIS: 'on' }, "Invalid wikis 'on'. Expected true or false."],
    [
      'bad on-divergence',
      { 'INPUT_ON-DIVERGENCE': 'ignore' },
      "Invalid on-divergence 'ignore'. Expected one of: fail, overwrite.",
    ],
    [
      'bad visibility',
      { MIRROR_VISIBILITY: 'secret' },
      "Invalid visibility 'secret'. Expected one of: private, internal, public, source.",
    ],
    [
      'internal on bitbucket',
      { MIRROR_VISIBILITY: 'internal', MIRROR_TARGET_TYPE: 'bitbucket-cloud', MIRROR_TARGET_OWNER: 'ws' },
      "Invalid visibility 'internal': target-type bitbucket-cloud has no such visibility. Expected one of: private, public, source.",
    ],
    ['concurrency 0', { MIRROR_CONCURRENCY: '0' }, "Invalid concurrency '0'. Expected an integer from 1 to 64."],
    ['concurrency 65', { MIRROR_CONCURRENCY: '65' }, "Invalid concurrency '65'."],
    ['concurrency fraction', { MIRROR_CONCURRENCY: '2.5' }, "Invalid concurrency '2.5'."],
    ['shard out of range', { MIRROR_SHARD: '5/4' }, "Invalid shard '5/4'. Expected i/n with 1 ≤ i ≤ n, e.g. 2/4."],
    ['shard zero', { MIRROR_SHARD: '0/4' }, "Invalid shard '0/4'."],
    ['shard not i/n', { MIRROR_SHARD: '2' }, "Invalid shard '2'."],
    [
      'empty list',
      { MIRROR_REPOSITORIES: ', ,' },
      "Invalid repositories ', ,': no name in it. Expected names separated by commas or newlines.",
    ],
    [
      'username on github',
      { MIRROR_SOURCE_USERNAME: 'octocat' },
      "Invalid source-username 'octocat': github does not use it.",
    ],
    [
      'target-project on gitlab',
      { MIRROR_TARGET_PROJECT: 'MIR' },
      "Invalid target-project 'MIR': target-type gitlab has no projects.",
    ],
    [
      'same source and target',
      { MIRROR_TARGET_TYPE: 'github', MIRROR_TARGET_OWNER: 'ACME' },
      "Invalid target-owner 'ACME': it is the source namespace itself.",
    ],
    [
      'junit over report',
      { MIRROR_JUNIT_FILE: 'org-mirror-report.json' },
      "Invalid junit-file 'org-mirror-report.json'. Expected a path other than report-file.",
    ],
    [
      'sync without target token',
      { MIRROR_TARGET_TOKEN: undefined },
      'Missing target-token. Expected an access token for the target: mode sync writes to it.',
    ],
    ['multi-line value', { MIRROR_MODE: 'sync\nrm -rf' }, "Invalid mode 'sync\\nrm -rf'."],
  ])('%s', (_case, env, expected) => {
    expect(errorOf(env)).toContain(expected);
  });

  it('never echoes credentials given in a URL', () => {
    const message = errorOf({ MIRROR_TARGET_URL: 'https://oauth2:glpat-inurl-secret@gitlab.example.com' });
    expect(message).toBe(
      "Invalid target-url 'https://***@gitlab.example.com': credentials in a URL are refused, use the token and username inputs. Expected an http(s) URL such as https://host[/path].",
    );
    expect(errorOf({ MIRROR_SOURCE_URL: 'https://ghp_abc@github.com' })).not.toContain('ghp_abc');
    expect(errorOf({ MIRROR_SOURCE_URL: 'https://@github.com' })).toContain('credentials');
  });

  it('never echoes a token pasted into another input', () => {
    const message = errorOf({ MIRROR_MODE: TARGET_TOKEN });
    expect(message).toBe("Invalid mode '***'. Expected one of: sync, preview, check, remove, install-hooks, validate.");
  });

  it('refuses a bad hook-url, quoting it without its query values', () => {
    const message = errorOf({ MIRROR_HOOK_URL: 'ftp://hooks.example.com/x?token=trigger-secret' });
    expect(message).toBe(
      "Invalid hook-url 'ftp://hooks.example.com/x?token=***': only http and https are supported. Expected an http(s) URL without credentials.",
    );
    expect(read({ MIRROR_HOOK_URL: 'https://ci.example.com/trigger?token=abc' }).hookUrl).toBe(
      'https://ci.example.com/trigger?token=abc',
    );
  });
});
