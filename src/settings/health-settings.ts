/**
 * The health inputs (SPEC "Health over time"): `backoff-max`, `notify-url`, `notify-secret`, `status-issue`,
 * `status-token`, and where the status issue lives and which run a failure began in (from the CI environment).
 */
import { type InputReader, oneLine } from './input-sources.js';
import { type InputName, SettingsError, type StatusIssueSettings, type TargetSettings } from './settings.js';
import { parseHttpUrl, redactUrl } from './urls.js';

export const DEFAULT_BACKOFF_MAX = 12;
const MAX_BACKOFF_MAX = 10_000;

export interface HealthSettings {
  backoffMax: number;
  notify?: { url: string; secret?: string };
  statusIssue?: StatusIssueSettings;
  runUrl?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function readHealthSettings(read: InputReader, env: Env, target: TargetSettings): HealthSettings {
  const value = (name: InputName): string | undefined => read(name)?.value;
  const settings: HealthSettings = { backoffMax: readBackoffMax(value('backoff-max')) };
  const notifyUrl = value('notify-url');
  const notifySecret = value('notify-secret');
  if (notifyUrl !== undefined) {
    settings.notify = { url: readNotifyUrl(notifyUrl) };
    if (notifySecret !== undefined) settings.notify.secret = notifySecret;
  } else if (notifySecret !== undefined) {
    throw new SettingsError(
      'Invalid notify-secret: it signs notifications, and notify-url is not set. Expected notify-url with it.',
    );
  }
  const statusIssue = readStatusIssue(value('status-issue'), value('status-token'), env, target);
  if (statusIssue) settings.statusIssue = statusIssue;
  const runUrl = ciRunUrl(env);
  if (runUrl) settings.runUrl = runUrl;
  return settings;
}

function readBackoffMax(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_BACKOFF_MAX;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 0 && value <= MAX_BACKOFF_MAX)) {
    throw new SettingsError(
      `Invalid backoff-max '${oneLine(raw)}'. Expected a whole number of runs from 0 (try every run) to ${MAX_BACKOFF_MAX}.`,
    );
  }
  return value;
}

function readNotifyUrl(raw: string): string {
  const parsed = parseHttpUrl(raw, { allowQuery: true });
  if ('problem' in parsed) {
    const why = parsed.problem === 'credentials' ? ': credentials in the URL are refused' : '';
    throw new SettingsError(
      `Invalid notify-url '${oneLine(redactUrl(raw))}'${why}. Expected an http(s) URL without credentials, such as a Slack, Mattermost or Rocket.Chat incoming webhook.`,
    );
  }
  return parsed.url;
}

/** The web page of this CI run: a GitHub Actions run or a GitLab pipeline. */
export function ciRunUrl(env: Env): string | undefined {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    return `${env.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return env.CI_PIPELINE_URL || undefined;
}

interface CiHost {
  host: 'github' | 'gitlab';
  apiUrl: string;
  /** The repository or project running the pipeline. */
  repository?: string;
}

function ciHost(env: Env): CiHost | undefined {
  if (env.GITHUB_ACTIONS === 'true') {
    return {
      host: 'github',
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      repository: env.GITHUB_REPOSITORY,
    };
  }
  if (env.GITLAB_CI === 'true' && env.CI_API_V4_URL) {
    return { host: 'gitlab', apiUrl: env.CI_API_V4_URL.replace(/\/+$/, ''), repository: env.CI_PROJECT_ID };
  }
  return undefined;
}

const REPOSITORY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/;

/**
 * `status-issue`: `false` (default), `true` (the repository or project running the pipeline) or `owner/repo`
 * (`group/sub/project` on GitLab). The issue lives on the CI host the run is in (GITHUB_API_URL, CI_API_V4_URL), else
 * on the target host when it is GitHub or GitLab. Token: `status-token` (the Action defaults it to the job's
 * `github.token`; the GitLab component takes it from the variable named by `status-token-variable`); from the CLI
 * with the issue on the target host, the target token when `status-token` is unset.
 */
function readStatusIssue(
  raw: string | undefined,
  token: string | undefined,
  env: Env,
  target: TargetSettings,
): StatusIssueSettings | undefined {
  if (raw === undefined || /^false$/i.test(raw)) return undefined;
  const accepted = 'true, false or owner/repo (group/project on GitLab)';
  if (!/^true$/i.test(raw) && !REPOSITORY.test(raw)) {
    throw new SettingsError(`Invalid status-issue '${oneLine(raw)}'. Expected ${accepted}.`);
  }
  const ci = ciHost(env);
  const onTarget = target.type === 'github' || target.type === 'gitlab';
  const where: CiHost | undefined =
    ci ?? (onTarget ? { host: target.type as 'github' | 'gitlab', apiUrl: target.apiUrl } : undefined);
  if (!where) {
    throw new SettingsError(
      `Invalid status-issue '${oneLine(raw)}': outside GitHub Actions and GitLab CI the issue lives on the target host, and target-type ${target.type} has no issues. Expected false, or a run on GitHub Actions or GitLab CI.`,
    );
  }
  const repository = /^true$/i.test(raw) ? where.repository : raw;
  if (!repository) {
    throw new SettingsError(
      `Invalid status-issue '${oneLine(raw)}': not run by GitHub Actions or GitLab CI, so there is no pipeline repository. Expected ${accepted.replace('true, ', '')}.`,
    );
  }
  const issueToken = token ?? (!ci && where.apiUrl === target.apiUrl ? target.token : undefined);
  if (!issueToken) {
    throw new SettingsError(
      where.host === 'gitlab'
        ? 'Missing status-token for status-issue on GitLab. Expected a token with the api scope in the masked CI/CD variable named by the component input status-token-variable (MIRROR_STATUS_TOKEN by default).'
        : 'Missing status-token for status-issue. Expected a token that may write issues (the Action defaults to github.token, with permissions: issues: write).',
    );
  }
  return { host: where.host, apiUrl: where.apiUrl, repository, token: issueToken };
}
