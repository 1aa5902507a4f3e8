import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GitHubRuntime } from '../src/runtime/github-runtime.js';
import { detectPlatform, detectRuntime, TextRuntime } from '../src/runtime/index.js';
import { secretForms, SecretMasker } from '../src/runtime/secret-masker.js';

const TOKEN = 'glpat-xyzzy0123456789ABCDEF';
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Every way the token may show up in what the program prints. */
const LEAKS = [
  TOKEN,
  b64(TOKEN),
  b64(`x-access-token:${TOKEN}`),
  b64(`oauth2:${TOKEN}`),
  b64(`x-token-auth:${TOKEN}`),
  b64(`jdoe:${TOKEN}`),
  b64(`ab:${TOKEN}`),
  b64(`abc:${TOKEN}`),
  encodeURIComponent(`${TOKEN}/+&`),
];

function capture(platform: 'gitlab' | 'cli', extra: { debug?: boolean; summaryFile?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const runtime = new TextRuntime({
    platform,
    ...extra,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    now: () => 1_700_000_000_123,
  });
  return { runtime, out, err, all: () => [...out, ...err].join('') };
}

describe('secret masking', () => {
  it('removes the token in every form, including base64 after any user prefix', () => {
    const masker = new SecretMasker();
    masker.add(TOKEN);
    for (const leak of LEAKS) {
      const masked = masker.redact(`before ${leak} after`);
      expect(masked).toMatch(/^before .*\*\*\*.* after$/);
      // No 8-character run of the token's base64 survives.
      expect(masked).not.toContain(TOKEN);
      expect(masked).not.toContain(b64(TOKEN).slice(4, 16));
    }
    expect(masker.redact(`Authorization: Basic ${b64(`jdoe:${TOKEN}`)}`)).not.toContain(
      b64(`jdoe:${TOKEN}`).slice(8, 30),
    );
  });

  it('masks each line of a multi-line secret', () => {
    const masker = new SecretMasker();
    masker.add('-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD\n-----END KEY-----');
    expect(masker.redact('line MIIBOgIBAAJBAKj34GkxFhD here')).toBe('line *** here');
  });

  it('does not derive shifted forms from short secrets (they would mask ordinary text)', () => {
    expect(secretForms('abc')).toEqual([
      'abc',
      'YWJj',
      b64('x-access-token:abc'),
      b64('oauth2:abc'),
      b64('x-token-auth:abc'),
    ]);
    expect(secretForms('')).toEqual([]);
  });
});

describe('TextRuntime', () => {
  it.each(['gitlab', 'cli'] as const)('never prints a registered secret on %s', async (platform) => {
    const { runtime, all } = capture(platform, { debug: true });
    runtime.setSecret(TOKEN);
    for (const leak of LEAKS) {
      runtime.info(`info ${leak}`);
      runtime.warning(`warning ${leak}`);
      runtime.error(`error ${leak}`);
      runtime.debug(`debug ${leak}`);
      runtime.setOutput('x', leak);
    }
    await runtime.group(`group ${TOKEN}`, async () => runtime.info(`inside ${b64(TOKEN)}`));
    await runtime.writeSummary(`| ${TOKEN} |`);
    const printed = all();
    expect(printed).toContain('info ***');
    expect(printed).toContain('inside ***');
    for (const leak of LEAKS) expect(printed).not.toContain(leak);
    expect(printed).not.toContain(b64(TOKEN).slice(2, 14));
  });

  it('prints GitLab collapsible sections around a group', async () => {
    const { runtime, out } = capture('gitlab');
    const result = await runtime.group('api-server: updated 3 refs', async () => {
      runtime.info('pushed refs/heads/main');
      return 42;
    });
    expect(result).toBe(42);
    expect(out).toEqual([
      '\u001b[0Ksection_start:1700000000:org_mirror_1_api-server_updated_3_refs[collapsed=true]\r\u001b[0Kapi-server: updated 3 refs\n',
      'pushed refs/heads/main\n',
      '\u001b[0Ksection_end:1700000000:org_mirror_1_api-server_updated_3_refs\r\u001b[0K\n',
    ]);
  });

  it('keeps concurrent groups apart and closes a group whose work throws', async () => {
    const { runtime, out } = capture('gitlab');
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const work = (name: string) =>
      runtime.group(name, async () => {
        for (let i = 0; i < 3; i++) {
          runtime.info(`${name} line ${i}`);
          await tick();
        }
      });
    const failing = runtime.group('c', async () => {
      runtime.info('c line 0');
      throw new Error('boom');
    });
    await Promise.all([work('a'), work('b'), expect(failing).rejects.toThrow('boom')]);
    const text = out.join('');
    for (const name of ['a', 'b', 'c']) {
      const block = new RegExp(
        `section_start:\\d+:org_mirror_\\d+_${name}\\[collapsed=true\\]\\r\\u001b\\[0K${name}\\n((?:${name} line \\d\\n)+)\\u001b\\[0Ksection_end:\\d+:org_mirror_\\d+_${name}\\r`,
      ).exec(text);
      expect(block).not.toBeNull();
    }
    expect(text).toContain('a line 0\na line 1\na line 2\n');
    expect(text).toContain('b line 0\nb line 1\nb line 2\n');
  });

  it('nests GitLab sections and indents CLI groups', async () => {
    const gitlab = capture('gitlab');
    await gitlab.runtime.group('outer', () => gitlab.runtime.group('inner', async () => gitlab.runtime.info('x')));
    expect(gitlab.out.map((line) => line.replace(/\d{10}/, 'T'))).toEqual([
      '\u001b[0Ksection_start:T:org_mirror_1_outer[collapsed=true]\r\u001b[0Kouter\n',
      '\u001b[0Ksection_start:T:org_mirror_2_inner[collapsed=true]\r\u001b[0Kinner\n',
      'x\n',
      '\u001b[0Ksection_end:T:org_mirror_2_inner\r\u001b[0K\n',
      '\u001b[0Ksection_end:T:org_mirror_1_outer\r\u001b[0K\n',
    ]);
    const cli = capture('cli');
    await cli.runtime.group('repo', async () => {
      cli.runtime.info('one\ntwo');
      cli.runtime.warning('careful');
    });
    expect(cli.out).toEqual(['repo\n', '  one\n  two\n']);
    expect(cli.err).toEqual(['  warning: careful\n']);
  });

  it('prefixes warnings and errors, on stderr for the CLI and coloured on GitLab', () => {
    const cli = capture('cli');
    cli.runtime.warning('rate limited');
    cli.runtime.error('listing failed');
    cli.runtime.info('plain');
    cli.runtime.debug('hidden');
    expect(cli.err).toEqual(['warning: rate limited\n', 'error: listing failed\n']);
    expect(cli.out).toEqual(['plain\n']);
    const gitlab = capture('gitlab');
    gitlab.runtime.warning('rate limited');
    expect(gitlab.out).toEqual(['\u001b[33mwarning: rate limited\u001b[0m\n']);
  });

  it('writes the summary to its file and prints it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'org-mirror-summary-'));
    const summaryFile = path.join(dir, 'nested', 'org-mirror-report.md');
    const { runtime, out } = capture('cli', { summaryFile });
    await runtime.writeSummary('# first');
    await runtime.writeSummary('second');
    expect(readFileSync(summaryFile, 'utf8')).toBe('# first\nsecond');
    expect(out).toEqual(['# first\n', 'second\n']);
  });

  it('keeps outputs', () => {
    const { runtime, out } = capture('cli');
    runtime.setOutput('created', '3');
    expect(runtime.outputs.get('created')).toBe('3');
    expect(out).toEqual([]);
  });
});

describe('detectRuntime', () => {
  it('chooses by environment', async () => {
    expect(detectPlatform({ GITHUB_ACTIONS: 'true', GITLAB_CI: 'true' })).toBe('github');
    expect(detectPlatform({ GITLAB_CI: 'true' })).toBe('gitlab');
    expect(detectPlatform({ GITHUB_ACTIONS: 'false' })).toBe('cli');
    expect(await detectRuntime({ GITHUB_ACTIONS: 'true' })).toBeInstanceOf(GitHubRuntime);
    expect((await detectRuntime({ GITLAB_CI: 'true' })).platform).toBe('gitlab');
    expect((await detectRuntime({})).platform).toBe('cli');
  });
});
