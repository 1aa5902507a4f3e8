import type { MirrorRuntime } from './buffered-runtime.js';
import { TextRuntime } from './text-runtime.js';

export interface RuntimeOptions {
  /** GitLab / CLI: where the Markdown summary is written (use `summaryFileFor(settings.reportFile)`). */
  summaryFile?: string;
}

/** Which platform we run on: `GITHUB_ACTIONS=true` → github, `GITLAB_CI=true` → gitlab, else the plain CLI. */
export function detectPlatform(env: Readonly<Record<string, string | undefined>>): 'github' | 'gitlab' | 'cli' {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  return 'cli';
}

/**
 * The runtime for this environment. Debug lines: on GitHub the runner decides (step debug logging); on GitLab when
 * `CI_DEBUG_TRACE=true`; on the CLI when `DEBUG` mentions `org-mirror` (or `*`), the usual Node convention.
 * `@actions/core` (with its own HTTP client) is loaded only on GitHub Actions.
 */
export async function detectRuntime(
  env: Readonly<Record<string, string | undefined>>,
  options: RuntimeOptions = {},
): Promise<MirrorRuntime> {
  const platform = detectPlatform(env);
  if (platform === 'github') return new (await import('./github-runtime.js')).GitHubRuntime();
  const debug =
    platform === 'gitlab'
      ? env.CI_DEBUG_TRACE === 'true'
      : /(^|,)\s*(org-mirror|\*)\s*(,|$)/.test(env.DEBUG ?? '') || env.RUNNER_DEBUG === '1';
  return new TextRuntime({ platform, debug, summaryFile: options.summaryFile });
}
