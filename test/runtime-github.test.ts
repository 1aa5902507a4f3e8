import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { GitHubRuntime } from '../src/runtime/github-runtime.js';
import { neutraliseCommands } from '../src/runtime/github-runtime.js';

const TOKEN = 'ghs_InstallationToken0123456789';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('GitHubRuntime (real @actions/core)', () => {
  let printed: string[];
  let dir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    printed = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    dir = mkdtempSync(path.join(tmpdir(), 'org-mirror-gh-'));
    process.env.GITHUB_OUTPUT = path.join(dir, 'output');
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary');
    writeFileSync(process.env.GITHUB_OUTPUT, '');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...saved };
  });

  // First: @actions/core resolves the summary file once per process and caches it.
  it('warns instead of failing when the summary file is unavailable', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    const runtime = new GitHubRuntime();
    await runtime.writeSummary('x');
    expect(printed.join('')).toMatch(/^::warning::Could not write the job summary: /);
  });

  it('registers the token and its base64 forms with the runner', () => {
    const runtime = new GitHubRuntime();
    runtime.setSecret(TOKEN);
    const masks = printed.filter((line) => line.startsWith('::add-mask::')).map((line) => line.trim().slice(12));
    expect(masks).toEqual(
      expect.arrayContaining([TOKEN, b64(TOKEN), b64(`x-access-token:${TOKEN}`), b64(`oauth2:${TOKEN}`)]),
    );
  });

  it('scrubs secrets itself from everything it prints, groups, outputs and summary', async () => {
    const runtime = new GitHubRuntime();
    runtime.setSecret(TOKEN);
    printed.length = 0;
    runtime.info(`token ${TOKEN}`);
    runtime.warning(`header ${b64(`x-access-token:${TOKEN}`)}`);
    runtime.error(`basic ${b64(`jdoe:${TOKEN}`)}`);
    await runtime.group(`repo ${TOKEN}`, async () => runtime.info(`inside ${b64(TOKEN)}`));
    runtime.setOutput('report', `path-${TOKEN}`);
    await runtime.writeSummary(`| ${TOKEN} |`);
    const everything = [
      printed.join(''),
      readFileSync(process.env.GITHUB_OUTPUT as string, 'utf8'),
      readFileSync(process.env.GITHUB_STEP_SUMMARY as string, 'utf8'),
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(b64(TOKEN).slice(4, 20));
    expect(printed).toEqual([
      'token ***\n',
      '::warning::header ***\n',
      expect.stringMatching(/^::error::basic .*\*\*\*.*\n$/),
      '::group::repo ***\n',
      'inside ***\n',
      '::endgroup::\n',
    ]);
    expect(readFileSync(process.env.GITHUB_OUTPUT as string, 'utf8')).toContain('path-***');
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY as string, 'utf8')).toBe('| *** |\n');
  });

  it('flattens nested groups (the runner cannot nest them) and keeps concurrent groups apart', async () => {
    const runtime = new GitHubRuntime();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
    await Promise.all(
      ['a', 'b'].map((name) =>
        runtime.group(name, async () => {
          runtime.info(`${name}1`);
          await tick();
          await runtime.group(`${name}-inner`, async () => runtime.info(`${name}2`));
        }),
      ),
    );
    expect(printed.join('')).toMatch(/^(::group::(a|b)\n\2\d\n▸ \2-inner\n\2\d\n::endgroup::\n){2}$/);
    expect(printed.join('')).toContain('::group::a\na1\n▸ a-inner\na2\n::endgroup::\n');
    expect(printed.join('')).toContain('::group::b\nb1\n▸ b-inner\nb2\n::endgroup::\n');
  });

  it('keeps host text from being read as a workflow command', () => {
    const runtime = new GitHubRuntime();
    runtime.info('remote: ok\n::add-mask::x\n  ::stop-commands::y');
    expect(printed.join('')).toBe('remote: ok\n:\u200b:add-mask::x\n  :\u200b:stop-commands::y\n');
    expect(neutraliseCommands('a::b')).toBe('a::b');
  });
});
