import type { InputName } from './settings.js';

/** One line per input, for `--help`. action.yml carries the same facts for the Action. */
export const INPUT_DOCS: Record<InputName, string> = {
  'source-type': 'github, gitlab, bitbucket-cloud or bitbucket-server (required)',
  'target-type': 'github, gitlab, bitbucket-cloud or bitbucket-server (required)',
  'source-url': 'source server base URL (default per type; required for bitbucket-server)',
  'target-url': 'target server base URL (default per type; required for bitbucket-server)',
  'source-api-url': 'override of the source API base (default derived from source-url)',
  'target-api-url': 'override of the target API base (default derived from target-url)',
  'source-owner': 'source namespace: organization, user, group path, workspace, project key or ~user (required)',
  'target-owner': 'target namespace: organization, group path, workspace or project key (required)',
  'source-token': 'source access token (environment MIRROR_SOURCE_TOKEN only, never a flag)',
  'target-token': 'target access token (environment MIRROR_TARGET_TOKEN only, never a flag)',
  'source-app-id': 'GitHub App id: authenticate the github source as this App instead of a token',
  'target-app-id': 'GitHub App id: authenticate the github target as this App instead of a token',
  'source-app-private-key':
    "the source App's private key, PEM or base64 of it (environment MIRROR_SOURCE_APP_PRIVATE_KEY only, never a flag)",
  'target-app-private-key':
    "the target App's private key, PEM or base64 of it (environment MIRROR_TARGET_APP_PRIVATE_KEY only, never a flag)",
  'source-app-installation-id': 'installation id of the source App (default: looked up from source-owner)',
  'target-app-installation-id': 'installation id of the target App (default: looked up from target-owner)',
  'source-username': 'Bitbucket user for basic auth with an app password / API token',
  'target-username': 'Bitbucket user for basic auth with an app password / API token',
  'target-project': 'Bitbucket Cloud project key for created repositories',
  filter: 'JavaScript regex the whole repository name must match (default .*)',
  exclude: 'JavaScript regex; repositories whose whole name matches are skipped',
  'include-forks': 'true or false (default true)',
  'include-archived': 'true or false (default true)',
  'create-missing': 'create missing target repositories: true or false (default true)',
  mode: 'sync, preview, check, remove or install-hooks (default sync)',
  repositories: 'comma or newline separated names: only these this run',
  prune: 'delete target branches and tags the source no longer has: true or false (default true)',
  protect: 'keep target branches and tags protected: true or false (default true)',
  'on-divergence': 'fail or overwrite (default fail)',
  lfs: 'also mirror Git LFS objects: true or false (default false)',
  wikis: 'also mirror each repository wiki into the target repository wiki: true or false (default false)',
  visibility: 'of created repositories: private, internal, public or source (default private)',
  concurrency:
    'repositories fetched or pushed at once (git processes), 1 to 64 (default 8); ref checks run 4× as many (up to 32)',
  shard: 'i/n: only the i-th of n shards of the selected repositories',
  'cache-dir': 'bare-repository cache and state (default $RUNNER_TEMP/org-mirror, else .org-mirror)',
  'hook-url': 'webhook URL for mode install-hooks',
  'hook-secret': 'webhook secret for mode install-hooks (environment MIRROR_HOOK_SECRET only, never a flag)',
  'report-file': 'JSON report path (default org-mirror-report.json)',
  'junit-file': 'also write a JUnit XML report to this path',
  'request-timeout':
    'time limit of one API request attempt (or ref-reading request), and of a git transfer without data, in seconds (default 60)',
  'repo-timeout': 'time limit of one repository, git and API, in seconds (default 1800)',
  'verify-interval':
    'hours between full comparisons of every repository when push stamps say nothing changed; 0: every run (default 24)',
  orphans: 'mirrors whose source repository is gone: keep or archive (never deleted; default keep)',
  'orphans-limit': 'at most this many mirrors archived per run, 1 to 10000; more: none archived (default 10)',
  'source-ssh-key':
    'private key for git over SSH on the source, OpenSSH/PEM text or base64 (environment MIRROR_SOURCE_SSH_KEY only)',
  'source-ssh-known-hosts': 'known_hosts lines of the source SSH server (required with source-ssh-key)',
  'target-ssh-key':
    'private key for git over SSH on the target, OpenSSH/PEM text or base64 (environment MIRROR_TARGET_SSH_KEY only)',
  'target-ssh-known-hosts': 'known_hosts lines of the target SSH server (required with target-ssh-key)',
  'keep-history':
    'keep every tip a run deletes or force-moves on the target under refs/mirror-history/: true or false (default true)',
  'history-days': 'kept tips older than this many days are deleted on the next write; 0 keeps them forever (default 90)',
  'destructive-limit':
    'hold a repository whose run would delete or force-move more than this many branches and tags, or delete every branch; none disables (default 10)',
  accept: 'comma/newline list of repository names (or *) whose held changes this run applies (modes sync, preview)',
};
