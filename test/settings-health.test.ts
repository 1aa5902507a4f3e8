/**
 * The health inputs: defaults, where the status issue lives (the CI host running the pipeline, else the target host),
 * its token, and bad input refused with one line naming the input, the value and what is accepted — before any
 * network call (readSettings makes none). The CLI part: exit 2 from the bundled program with one line.
 */
import { describe, expect, it } from '@jest/globals';

import { readSettings, SettingsError, type Settings } from '../src/settings/index.js';
import { runCli } from './support/cli.js';

const SOURCE_TOKEN = 'ghp_SourceSecretToken123';
const TARGET_TOKEN = 'glpat-TargetSecretToken456';
const BASE: Record<string, string> = {
  MIRROR_SOURCE_TYPE: 'github',
  MIRROR_SOURCE_OWNER: 'acme',
  MIRROR_SOURCE_TOKEN: SOURCE_TOKEN,
  MIRROR_TARGET_TYPE: 'gitlab',
  MIRROR_TARGET_URL: 'https://gitlab.example.com',
  MIRROR_TARGET_OWNER: 'mirrors/acme',
  MIRROR_TARGET_TOKEN: TARGET_TOKEN,
};

const read = (env: Record<string, string> = {}): Settings => readSettings({ argv: [], env: { ...BASE, ...env } });

function errorOf(env: Record<string, string>): string {
  try {
    read(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    for (const secret of [SOURCE_TOKEN, TARGET_TOKEN, 'hunter2-status']) expect(message).not.toContain(secret);
    return message;
  }
  throw new Error('no SettingsError');
}

const GITHUB_ACTIONS = {
  GITHUB_ACTIONS: 'true',
  GITHUB_API_URL: 'https://ghe.example.com/api/v3',
  GITHUB_SERVER_URL: 'https://ghe.example.com',
  GITHUB_REPOSITORY: 'acme/ops',
  GITHUB_RUN_ID: '777',
};
const GITLAB_CI = {
  GITLAB_CI: 'true',
  CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
  CI_PROJECT_ID: '42',
  CI_PIPELINE_URL: 'https://gitlab.example.com/ops/-/pipelines/9',
};

describe('health settings', () => {
  it('defaults: backoff-max 12, no notification, no status issue', () => {
    const settings = read();
    expect(settings.backoffMax).toBe(12);
    expect(settings.notify).toBeUndefined();
    expect(settings.statusIssue).toBeUndefined();
    expect(read({ MIRROR_BACKOFF_MAX: '0' }).backoffMax).toBe(0);
  });

  it('notify-url and notify-secret', () => {
    expect(
      read({ MIRROR_NOTIFY_URL: 'https://hooks.slack.com/services/T0/B0/x', MIRROR_NOTIFY_SECRET: 's' }).notify,
    ).toEqual({ url: 'https://hooks.slack.com/services/T0/B0/x', secret: 's' });
  });

  it('status-issue: true on GitHub Actions is the repository running the workflow, with the job token', () => {
    const settings = read({ ...GITHUB_ACTIONS, MIRROR_STATUS_ISSUE: 'true', 'INPUT_STATUS-TOKEN': 'ghs_jobtoken' });
    expect(settings.statusIssue).toEqual({
      host: 'github',
      apiUrl: 'https://ghe.example.com/api/v3',
      repository: 'acme/ops',
      token: 'ghs_jobtoken',
    });
    expect(settings.runUrl).toBe('https://ghe.example.com/acme/ops/actions/runs/777');
  });

  it('status-issue on GitLab CI: this project or a path, with the token from the variable the component names', () => {
    const own = read({ ...GITLAB_CI, MIRROR_STATUS_ISSUE: 'true', MIRROR_STATUS_TOKEN: 'glpat-status' });
    expect(own.statusIssue).toEqual({
      host: 'gitlab',
      apiUrl: 'https://gitlab.example.com/api/v4',
      repository: '42',
      token: 'glpat-status',
    });
    expect(own.runUrl).toBe('https://gitlab.example.com/ops/-/pipelines/9');
    expect(
      read({ ...GITLAB_CI, MIRROR_STATUS_ISSUE: 'ops/sub/status', MIRROR_STATUS_TOKEN: 'x' }).statusIssue?.repository,
    ).toBe('ops/sub/status');
  });

  it('from the CLI, owner/repo lives on the target host, with the target token unless status-token is set', () => {
    expect(read({ MIRROR_STATUS_ISSUE: 'ops/status' }).statusIssue).toEqual({
      host: 'gitlab',
      apiUrl: 'https://gitlab.example.com/api/v4',
      repository: 'ops/status',
      token: TARGET_TOKEN,
    });
    expect(read({ MIRROR_STATUS_ISSUE: 'ops/status', MIRROR_STATUS_TOKEN: 'other' }).statusIssue?.token).toBe('other');
  });

  it.each([
    [{ MIRROR_BACKOFF_MAX: '-1' }, "Invalid backoff-max '-1'. Expected a whole number of runs from 0 (try every run)"],
    [{ MIRROR_BACKOFF_MAX: '2.5' }, "Invalid backoff-max '2.5'."],
    [{ MIRROR_BACKOFF_MAX: 'often' }, "Invalid backoff-max 'often'."],
    [
      { MIRROR_NOTIFY_URL: 'ftp://hooks.example.com/x' },
      "Invalid notify-url 'ftp://hooks.example.com/x'. Expected an http(s) URL",
    ],
    [
      { MIRROR_NOTIFY_URL: 'hooks.slack.com/services/x' },
      "Invalid notify-url 'hooks.slack.com/services/x'. Expected an http(s) URL",
    ],
    [
      { MIRROR_NOTIFY_URL: 'https://user:hunter2-status@hooks.example.com/' },
      "Invalid notify-url 'https://***@hooks.example.com/': credentials",
    ],
    [{ MIRROR_STATUS_ISSUE: 'yes' }, "Invalid status-issue 'yes'. Expected true, false or owner/repo"],
    [{ MIRROR_STATUS_ISSUE: 'acme' }, "Invalid status-issue 'acme'. Expected true, false or owner/repo"],
    [{ MIRROR_STATUS_ISSUE: 'true' }, "Invalid status-issue 'true': not run by GitHub Actions or GitLab CI"],
    [
      { ...GITLAB_CI, MIRROR_STATUS_ISSUE: 'true' },
      'Missing status-token for status-issue on GitLab. Expected a token with the api scope in the masked CI/CD variable named by the component input status-token-variable',
    ],
    [
      {
        MIRROR_TARGET_TYPE: 'bitbucket-cloud',
        MIRROR_TARGET_URL: '',
        MIRROR_TARGET_OWNER: 'ws',
        MIRROR_STATUS_ISSUE: 'ops/status',
      },
      "Invalid status-issue 'ops/status': outside GitHub Actions and GitLab CI the issue lives on the target host, and target-type bitbucket-cloud has no issues.",
    ],
  ])('refuses %j', (env, expected) => {
    expect(errorOf(env as Record<string, string>)).toContain(expected);
  });

  it('the CLI exits 2 with that one line', async () => {
    const run = await runCli({
      env: { ...BASE, MIRROR_BACKOFF_MAX: 'soon', MIRROR_CACHE_DIR: '/nonexistent/x' },
      dist: true,
    });
    expect(run.code).toBe(2);
    expect(`${run.stdout}${run.stderr}`.trim().split('\n')).toEqual([
      expect.stringContaining("Invalid backoff-max 'soon'."),
    ]);
  });
});
