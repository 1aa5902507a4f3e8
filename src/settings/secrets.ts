import type { Settings } from './settings.js';

/**
 * Every secret value in the settings, for the runtime to mask (it also masks their base64 forms and, for an SSH key,
 * each of its lines): both tokens, the GitHub App private keys, the SSH keys, the hook secret, and the query values of
 * `hook-url` (GitLab pipeline-trigger URLs carry `?token=…`). Installation tokens made from a key are masked by the
 * host that makes them.
 */
export function secretsOf(settings: Settings): string[] {
  const secrets = [
    settings.source.token,
    settings.target.token,
    settings.source.app?.privateKey,
    settings.source.app?.privateKeyAsGiven,
    settings.target.app?.privateKey,
    settings.target.app?.privateKeyAsGiven,
    settings.hookSecret,
    settings.source.ssh?.key,
    settings.source.ssh?.encoded,
    settings.target.ssh?.key,
    settings.target.ssh?.encoded,
    settings.notify?.url,
    settings.notify?.secret,
    settings.statusIssue?.token,
  ];
  if (settings.hookUrl) {
    for (const value of new URL(settings.hookUrl).searchParams.values()) secrets.push(value);
  }
  return [...new Set(secrets.filter((secret): secret is string => !!secret))];
}
