import type { InputName } from './settings.js';

/**
 * The one table of inputs. Every front door and every document derives from it: `--help` (summary), action.yml and
 * docs/inputs.md (description and default), the GitLab component's `spec: inputs`, the configuration file's JSON
 * schema (scope, perRepository), and the readers (boolean, secret). Tests fail when any of them drifts from it.
 */
export interface InputDefinition {
  /** One line for `--help`. */
  summary: string;
  /** The full description, as action.yml gives it (its `Default: …` sentence included). */
  description: string;
  /** The default as users read it (`required` for a required input); absent: no default. */
  default?: string;
  /** `true` or `false`; a bare CLI flag means true. */
  boolean?: boolean;
  /** Never a CLI flag, never a component input, never a literal in the configuration file (`<name>-env` instead). */
  secret?: boolean;
  /**
   * `mirror`: describes one mirror (a mapping key: may stand in the configuration file's `defaults` or a mirror);
   * `run`: about the run as a whole (stays an input even with a configuration file).
   */
  scope: 'mirror' | 'run';
  /** May also be set for one repository under a mirror's `repositories` in the configuration file. */
  perRepository?: boolean;
}

export const INPUT_DEFINITIONS: Record<InputName, InputDefinition> = {
  'source-type': {
    summary: 'github, gitlab, bitbucket-cloud, bitbucket-server or gitea (required)',
    description:
      'Type of the source host: github, gitlab, bitbucket-cloud, bitbucket-server or gitea (Gitea and Forgejo). Required.',
    default: 'required',
    scope: 'mirror',
  },
  'target-type': {
    summary: 'github, gitlab, bitbucket-cloud, bitbucket-server or gitea (required)',
    description:
      'Type of the target host: github, gitlab, bitbucket-cloud, bitbucket-server or gitea (Gitea and Forgejo). Required.',
    default: 'required',
    scope: 'mirror',
  },
  'source-url': {
    summary: 'source server base URL (default per type; required for bitbucket-server and gitea)',
    description:
      'Source server base URL. Default: https://github.com, https://gitlab.com or https://bitbucket.org by source-type; required for bitbucket-server and gitea (e.g. https://codeberg.org).',
    default: 'https://github.com, https://gitlab.com or https://bitbucket.org by source-type',
    scope: 'mirror',
  },
  'target-url': {
    summary: 'target server base URL (default per type; required for bitbucket-server and gitea)',
    description:
      'Target server base URL. Default: https://github.com, https://gitlab.com or https://bitbucket.org by target-type; required for bitbucket-server and gitea (e.g. https://codeberg.org).',
    default: 'https://github.com, https://gitlab.com or https://bitbucket.org by target-type',
    scope: 'mirror',
  },
  'source-api-url': {
    summary: 'override of the source API base (default derived from source-url)',
    description:
      'Override of the source API base. Default: derived from source-url (api.github.com or <url>/api/v3, <url>/api/v4, api.bitbucket.org/2.0 or <url>/2.0, <url>/rest/api/1.0 for bitbucket-server, <url>/api/v1 for gitea).',
    default: 'derived from source-url',
    scope: 'mirror',
  },
  'target-api-url': {
    summary: 'override of the target API base (default derived from target-url)',
    description: 'Override of the target API base. Default: derived from target-url, as for source-api-url.',
    default: 'derived from target-url, as for source-api-url',
    scope: 'mirror',
  },
  'source-owner': {
    summary: 'source namespace: organization, user, group path, workspace, project key or ~user (required)',
    description:
      'Source namespace: GitHub organization or user, GitLab group (with all subgroups) or user, Bitbucket Cloud workspace, Bitbucket Server project key or ~user, Gitea organization or user. Required.',
    default: 'required',
    scope: 'mirror',
  },
  'target-owner': {
    summary: 'target namespace: organization, group path, workspace or project key (required)',
    description:
      'Target namespace: GitHub organization, GitLab group, Bitbucket Cloud workspace, Bitbucket Server project key or Gitea organization. Required.',
    default: 'required',
    scope: 'mirror',
  },
  'source-token': {
    summary: 'source access token (environment MIRROR_SOURCE_TOKEN only, never a flag)',
    description:
      'Source access token (GitHub PAT or App installation token, GitLab PAT, Bitbucket access token or app password, Gitea/Forgejo access token). Masked in logs. Required for install-hooks.',
    secret: true,
    scope: 'mirror',
  },
  'target-token': {
    summary: 'target access token (environment MIRROR_TARGET_TOKEN only, never a flag)',
    description: 'Target access token. Masked in logs. Required for sync and remove.',
    secret: true,
    scope: 'mirror',
  },
  'source-app-id': {
    summary: 'GitHub App id: authenticate the github source as this App instead of a token',
    description:
      'GitHub App id: authenticate to a github source as this App (installation tokens, refreshed before they expire) instead of source-token. Needs source-app-private-key.',
    scope: 'mirror',
  },
  'target-app-id': {
    summary: 'GitHub App id: authenticate the github target as this App instead of a token',
    description:
      'GitHub App id: authenticate to a github target as this App instead of target-token; the App is then the rulesets bypass actor. Needs target-app-private-key.',
    scope: 'mirror',
  },
  'source-app-private-key': {
    summary:
      "the source App's private key, PEM or base64 of it (environment MIRROR_SOURCE_APP_PRIVATE_KEY only, never a flag)",
    description: 'Private key of the source GitHub App: the .pem content, or its base64 on one line. Masked in logs.',
    secret: true,
    scope: 'mirror',
  },
  'target-app-private-key': {
    summary:
      "the target App's private key, PEM or base64 of it (environment MIRROR_TARGET_APP_PRIVATE_KEY only, never a flag)",
    description: 'Private key of the target GitHub App: the .pem content, or its base64 on one line. Masked in logs.',
    secret: true,
    scope: 'mirror',
  },
  'source-app-installation-id': {
    summary: 'installation id of the source App (default: looked up from source-owner)',
    description: 'Installation id of the source GitHub App. Default: looked up from source-owner.',
    default: 'looked up from source-owner',
    scope: 'mirror',
  },
  'target-app-installation-id': {
    summary: 'installation id of the target App (default: looked up from target-owner)',
    description: 'Installation id of the target GitHub App. Default: looked up from target-owner.',
    default: 'looked up from target-owner',
    scope: 'mirror',
  },
  'source-username': {
    summary: 'Bitbucket user for basic auth with an app password / API token',
    description:
      'Bitbucket user for basic authentication with an app password or API token on the source (bitbucket-* only).',
    scope: 'mirror',
  },
  'target-username': {
    summary: 'Bitbucket user for basic auth with an app password / API token',
    description:
      'Bitbucket user for basic authentication with an app password or API token on the target (bitbucket-* only).',
    scope: 'mirror',
  },
  'target-project': {
    summary: 'Bitbucket Cloud project key for created repositories',
    description: 'Bitbucket Cloud project key for created repositories (target-type bitbucket-cloud only).',
    scope: 'mirror',
  },
  filter: {
    summary: 'JavaScript regex the whole repository name must match (default .*)',
    description: 'JavaScript regular expression that the whole repository name must match. Default: .*',
    default: '.*',
    scope: 'mirror',
  },
  exclude: {
    summary: 'JavaScript regex; repositories whose whole name matches are skipped',
    description: 'JavaScript regular expression; repositories whose whole name matches are skipped. Default: none.',
    scope: 'mirror',
  },
  'include-forks': {
    summary: 'true or false (default true)',
    description: 'Mirror forks too: true or false. Default: true.',
    default: 'true',
    boolean: true,
    scope: 'mirror',
  },
  'include-archived': {
    summary: 'true or false (default true)',
    description: 'Mirror archived repositories too: true or false. Default: true.',
    default: 'true',
    boolean: true,
    scope: 'mirror',
  },
  'create-missing': {
    summary: 'create missing target repositories: true or false (default true)',
    description: 'Create target repositories for source repositories that have none: true or false. Default: true.',
    default: 'true',
    boolean: true,
    scope: 'mirror',
  },
  mode: {
    summary: 'sync, preview, check, remove, install-hooks or validate (default sync)',
    description:
      'sync (mirror), preview (print the plan, change nothing), check (status per repository, change nothing), remove (lift the protection of the selected mirrors), install-hooks (push webhooks on the source), validate (check the inputs and the config file, no network). Default: sync.',
    default: 'sync',
    scope: 'run',
  },
  repositories: {
    summary: 'comma or newline separated names: only these this run',
    description:
      'Comma or newline separated repository names: only these this run (still filtered and looked up in the source listing). Default: all.',
    default: 'all',
    scope: 'run',
  },
  prune: {
    summary: 'delete target branches and tags the source no longer has: true or false (default true)',
    description: 'Delete target branches and tags that no longer exist in the source: true or false. Default: true.',
    default: 'true',
    boolean: true,
    scope: 'mirror',
    perRepository: true,
  },
  protect: {
    summary: 'keep target branches and tags protected: true or false (default true)',
    description:
      'Keep target branches and tags protected against pushes by anyone but the mirror: true or false. Default: true.',
    default: 'true',
    boolean: true,
    scope: 'mirror',
    perRepository: true,
  },
  'on-divergence': {
    summary: 'fail or overwrite (default fail)',
    description:
      'fail (leave refs changed on the target untouched, report them, fail the run) or overwrite (force the source state). Default: fail.',
    default: 'fail',
    scope: 'mirror',
    perRepository: true,
  },
  lfs: {
    summary: 'also mirror Git LFS objects: true or false (default false)',
    description: 'Also mirror Git LFS objects: true or false. Default: false.',
    default: 'false',
    boolean: true,
    scope: 'mirror',
    perRepository: true,
  },
  wikis: {
    summary: 'also mirror each repository wiki into the target repository wiki: true or false (default false)',
    description:
      "Also mirror each repository's wiki (GitHub, GitLab sources) into the target repository's wiki (GitLab targets; GitHub targets whose wiki exists), with the same leases, state and divergence rules as code: true or false. Default: false.",
    default: 'false',
    boolean: true,
    scope: 'mirror',
    perRepository: true,
  },
  visibility: {
    summary: 'of created repositories: private, internal, public or source (default private)',
    description:
      'Visibility of created repositories: private, internal, public or source (same as the source repository); where the target has no internal visibility (Bitbucket, Gitea, a GitHub organization outside an enterprise) internal becomes private. Default: private.',
    default: 'private',
    scope: 'mirror',
    perRepository: true,
  },
  concurrency: {
    summary:
      'repositories fetched or pushed at once (git processes), 1 to 64 (default 8); ref checks run 4× as many (up to 32)',
    description:
      'Repositories fetched or pushed at once (git processes), 1 to 64; ref checks run 4× as many (up to 32). Default: 8.',
    default: '8',
    scope: 'run',
  },
  shard: {
    summary: 'i/n: only the i-th of n shards of the selected repositories',
    description:
      'i/n (1-based): only the i-th of n deterministic shards of the selected repositories, for matrix jobs. Default: none.',
    scope: 'run',
  },
  'cache-dir': {
    summary: 'bare-repository cache and state (default $RUNNER_TEMP/org-mirror, else .org-mirror)',
    description:
      'Bare-repository cache and state; persist it (actions/cache) for incremental runs. Default: $RUNNER_TEMP/org-mirror.',
    default: '$RUNNER_TEMP/org-mirror',
    scope: 'run',
  },
  'hook-url': {
    summary: 'webhook URL for mode install-hooks',
    description: 'Webhook URL, for mode install-hooks.',
    scope: 'run',
  },
  'hook-secret': {
    summary: 'webhook secret for mode install-hooks (environment MIRROR_HOOK_SECRET only, never a flag)',
    description: 'Webhook signing secret, for mode install-hooks. Masked in logs.',
    secret: true,
    scope: 'run',
  },
  'report-file': {
    summary: 'JSON report path (default org-mirror-report.json)',
    description: 'Path of the JSON report. Default: org-mirror-report.json.',
    default: 'org-mirror-report.json',
    scope: 'run',
  },
  'junit-file': {
    summary: 'also write a JUnit XML report to this path',
    description: 'Also write a JUnit XML report (one test case per repository) to this path. Default: none.',
    scope: 'run',
  },
  'request-timeout': {
    summary:
      'time limit of one API request attempt (or ref-reading request), and of a git transfer without data, in seconds (default 60)',
    description:
      'Time limit of one API request attempt (or ref-reading request), in seconds (retried attempts each get it; every retry wait is bounded too); a git or Git LFS transfer that receives no data this long is abandoned as stalled. Default: 60.',
    default: '60',
    scope: 'mirror',
  },
  'repo-timeout': {
    summary: 'time limit of one repository, git and API, in seconds (default 1800)',
    description:
      'Time limit of one repository (API calls and git), in seconds; a repository that runs out of time fails alone. Default: 1800.',
    default: '1800',
    scope: 'mirror',
  },
  'verify-interval': {
    summary:
      'hours between full comparisons of every repository when push stamps say nothing changed; 0: every run (default 24)',
    description:
      'Hours between full comparisons of every repository when the source push stamp (GitHub pushed_at) says nothing changed; 0 compares every run. Default: 24.',
    default: '24',
    scope: 'mirror',
  },
  orphans: {
    summary: 'mirrors whose source repository is gone: keep or archive (never deleted; default keep)',
    description:
      'Target mirrors whose source repository no longer exists: keep (report them as orphaned) or archive (GitHub and GitLab archive them, Bitbucket gets an "(orphaned on <date>)" description mark; never deleted; only after a complete listing, never in a run limited by repositories, an event or a shard). A repository that reappears at the source is unarchived and mirrored again. Default: keep.',
    default: 'keep',
    scope: 'mirror',
  },
  'orphans-limit': {
    summary: 'at most this many mirrors archived per run, 1 to 10000; more: none archived (default 10)',
    description:
      'At most this many mirrors archived per run (1 to 10000); when more are orphaned, none is archived and a warning asks to raise it. Default: 10.',
    default: '10',
    scope: 'mirror',
  },
  'source-ssh-key': {
    summary:
      'private key for git over SSH on the source, OpenSSH/PEM text or base64 (environment MIRROR_SOURCE_SSH_KEY only)',
    description:
      'Private key (OpenSSH or PEM text, or base64 of it; no passphrase) for git over SSH on the source, from a secret. The API still uses source-token. Needs source-ssh-known-hosts. Masked in logs.',
    secret: true,
    scope: 'mirror',
  },
  'source-ssh-known-hosts': {
    summary: 'known_hosts lines of the source SSH server (required with source-ssh-key)',
    description:
      'known_hosts lines of the source SSH server (e.g. from ssh-keyscan, checked against the published fingerprints); host keys are always checked strictly. Required with source-ssh-key.',
    scope: 'mirror',
  },
  'target-ssh-key': {
    summary:
      'private key for git over SSH on the target, OpenSSH/PEM text or base64 (environment MIRROR_TARGET_SSH_KEY only)',
    description:
      'Private key (OpenSSH or PEM text, or base64 of it; no passphrase) for git over SSH on the target, from a secret. The API still uses target-token. Needs target-ssh-known-hosts. Masked in logs.',
    secret: true,
    scope: 'mirror',
  },
  'target-ssh-known-hosts': {
    summary: 'known_hosts lines of the target SSH server (required with target-ssh-key)',
    description:
      'known_hosts lines of the target SSH server; host keys are always checked strictly. Required with target-ssh-key.',
    scope: 'mirror',
  },

  'keep-history': {
    summary:
      'keep every tip the mirror deletes or force-moves under refs/mirror-history/: true or false (default true)',
    description:
      'Keep every tip the mirror deletes or force-moves on the target, under refs/mirror-history/<stamp>/ (or a protected mirror-history/ tag where the host refuses such refs). Default: true.',
    default: 'true',
    boolean: true,
    scope: 'mirror',
  },
  'history-days': {
    summary: 'kept tips older than this many days are deleted when the mirror next writes; 0 keeps them (default 90)',
    description:
      'Kept tips older than this many days are deleted the next time the mirror writes to that repository; 0 keeps them forever. Default: 90.',
    default: '90',
    scope: 'mirror',
  },
  'destructive-limit': {
    summary:
      'hold a repository whose run would delete or force-move more refs than this, or every branch; none: off (default 10)',
    description:
      'Hold a repository (status held, nothing written) whose run would delete or force-move more than this many of its target branches and tags, or delete all its branches; none disables the guard. Default: 10.',
    default: '10',
    scope: 'mirror',
  },
  accept: {
    summary: 'comma or newline separated names (or *) whose held changes this run applies',
    description:
      'Comma or newline separated repository names (or *) whose held changes this run applies, history kept. Only with mode sync or preview. Default: none.',
    scope: 'run',
  },
  'backoff-max': {
    summary:
      'a repository failing 3 runs in a row is retried after 2, 4, 8 … runs, at most this many; 0: every run (default 12)',
    description:
      'A repository that failed 3 runs in a row is retried only after 2, then 4, 8 … full runs, at most this many; 0 retries it every run. Default: 12.',
    default: '12',
    scope: 'run',
  },
  'notify-url': {
    summary: "POST a JSON message (Slack/Mattermost/Rocket.Chat compatible) here when any repository's health changes",
    description:
      "POST a JSON message to this http(s) URL when any repository's health changes (Slack, Mattermost and Rocket.Chat incoming webhooks show its text). Default: none.",
    scope: 'run',
  },
  'notify-secret': {
    summary: 'sign notifications: X-Org-Mirror-Signature-256 (environment MIRROR_NOTIFY_SECRET only, never a flag)',
    description:
      'Secret that signs each notification: header X-Org-Mirror-Signature-256: sha256=<hex HMAC-SHA256 of the body>. Masked in logs. Default: none.',
    secret: true,
    scope: 'run',
  },
  'status-issue': {
    summary: 'keep one issue up to date with the health: true (this repository/project), owner/repo, or false',
    description:
      "Keep one issue up to date with the mirror's health: true (the repository or project running the pipeline), owner/repo, or false. Default: false.",
    default: 'false',
    scope: 'run',
  },
  'status-token': {
    summary: 'token that writes the status issue (environment MIRROR_STATUS_TOKEN only, never a flag)',
    description:
      "Token that reads and writes the status issue. Default: the job's github.token in the Action (needs permissions: issues: write).",
    default: "the job's github.token in the Action",
    secret: true,
    scope: 'run',
  },
  config: {
    summary: 'path of a YAML file describing one or more mirrors',
    description:
      'Path of a YAML configuration file describing one or more mirrors (docs/configuration.md). Default: none.',
    scope: 'run',
  },
  mirror: {
    summary: 'with config: comma separated mirror ids to run this time (default: every enabled mirror)',
    description: 'With config: comma separated ids of the mirrors to run this time. Default: every enabled mirror.',
    default: 'every enabled mirror',
    scope: 'run',
  },
};
