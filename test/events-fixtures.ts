/**
 * Webhook bodies as the hosts document them (field layout from their payload reference pages; long commit lists and
 * link objects shortened). Functions, so that a test can change one field without touching the others.
 */

/** https://docs.github.com/en/webhooks/webhook-events-and-payloads#push */
export function githubPush(fullName = 'acme/api-server') {
  const [owner, name] = fullName.split('/');
  return {
    ref: 'refs/heads/main',
    before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
    base_ref: null,
    created: false,
    deleted: false,
    forced: false,
    compare: `https://github.com/${fullName}/compare/6113728f27ae...0d1a26e67d8f`,
    commits: [
      {
        id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
        tree_id: 'f9d2a07e9488b91af2641b26b9407fe22a451433',
        distinct: true,
        message: 'Update README.md',
        timestamp: '2026-05-13T14:12:01-07:00',
        url: `https://github.com/${fullName}/commit/0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c`,
        author: { name: 'Octo Cat', email: 'octocat@github.com', username: 'octocat' },
        committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
        added: [],
        removed: [],
        modified: ['README.md'],
      },
    ],
    head_commit: null,
    repository: {
      id: 186853002,
      node_id: 'MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=',
      name,
      full_name: fullName,
      private: true,
      owner: { name: owner, login: owner, id: 21031067, type: 'Organization' },
      html_url: `https://github.com/${fullName}`,
      clone_url: `https://github.com/${fullName}.git`,
      default_branch: 'main',
      master_branch: 'main',
      organization: owner,
    },
    pusher: { name: 'octocat', email: 'octocat@github.com' },
    organization: { login: owner, id: 21031067 },
    sender: { login: 'octocat', id: 21031067, type: 'User' },
  };
}

/** https://docs.github.com/en/webhooks/webhook-events-and-payloads#repository_dispatch */
export function repositoryDispatch(clientPayload: Record<string, unknown> | undefined) {
  return {
    action: 'mirror',
    branch: 'main',
    client_payload: clientPayload,
    repository: { id: 17273051, name: 'org-mirror-config', full_name: 'acme/org-mirror-config' },
    organization: { login: 'acme', id: 6811672 },
    sender: { login: 'octocat', id: 583231, type: 'User' },
    installation: { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' },
  };
}

/** https://docs.github.com/en/webhooks/webhook-events-and-payloads#ping */
export function githubPing() {
  return {
    zen: 'Keep it logically awesome.',
    hook_id: 109948940,
    hook: { type: 'Organization', id: 109948940, active: true, events: ['push'] },
    organization: { login: 'acme', id: 6811672 },
    sender: { login: 'octocat', id: 583231 },
  };
}

/** https://docs.gitlab.com/user/project/integrations/webhook_events/#push-events */
export function gitlabPush(pathWithNamespace = 'acme/platform/api', objectKind = 'push') {
  const segments = pathWithNamespace.split('/');
  return {
    object_kind: objectKind,
    event_name: objectKind,
    before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
    after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    ref: 'refs/heads/master',
    ref_protected: true,
    checkout_sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    user_id: 4,
    user_name: 'John Smith',
    user_username: 'jsmith',
    user_email: '',
    project_id: 15,
    project: {
      id: 15,
      name: 'Diaspora API',
      description: '',
      web_url: `https://gitlab.example.com/${pathWithNamespace}`,
      avatar_url: null,
      git_ssh_url: `git@gitlab.example.com:${pathWithNamespace}.git`,
      git_http_url: `https://gitlab.example.com/${pathWithNamespace}.git`,
      namespace: segments[segments.length - 2],
      visibility_level: 0,
      path_with_namespace: pathWithNamespace,
      default_branch: 'master',
      homepage: `https://gitlab.example.com/${pathWithNamespace}`,
      url: `git@gitlab.example.com:${pathWithNamespace}.git`,
      ssh_url: `git@gitlab.example.com:${pathWithNamespace}.git`,
      http_url: `https://gitlab.example.com/${pathWithNamespace}.git`,
    },
    commits: [],
    total_commits_count: 0,
    repository: {
      name: 'Diaspora API',
      url: `git@gitlab.example.com:${pathWithNamespace}.git`,
      description: '',
      homepage: `https://gitlab.example.com/${pathWithNamespace}`,
      git_http_url: `https://gitlab.example.com/${pathWithNamespace}.git`,
      git_ssh_url: `git@gitlab.example.com:${pathWithNamespace}.git`,
      visibility_level: 0,
    },
  };
}

/** https://docs.gitlab.com/user/project/integrations/webhook_events/#merge-request-events (shortened) */
export function gitlabMergeRequest() {
  return {
    object_kind: 'merge_request',
    event_type: 'merge_request',
    user: { id: 1, username: 'root' },
    project: { id: 1, name: 'Gitlab Test', path_with_namespace: 'acme/gitlab-test' },
    object_attributes: { id: 99, iid: 1, source_branch: 'ms-viewport', target_branch: 'master', state: 'opened' },
  };
}

/** https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Push */
export function bitbucketCloudPush(fullName = 'acme/api-server', displayName = 'API Server') {
  const [workspace] = fullName.split('/');
  return {
    actor: {
      type: 'user',
      display_name: 'Emma',
      uuid: '{a54f16da-24e9-4d7f-a3a7-b1ba2cd98aa3}',
      account_id: '557058:c0b72ad0',
    },
    repository: {
      type: 'repository',
      full_name: fullName,
      name: displayName,
      uuid: '{673a6070-3421-46c9-9d48-90745f7bfe8e}',
      is_private: true,
      scm: 'git',
      website: '',
      links: { html: { href: `https://bitbucket.org/${fullName}` } },
      workspace: { type: 'workspace', slug: workspace, name: 'Acme', uuid: '{2f1e0bd3-8bd1-4b4d-a5a7-4a1b4f6a6f1f}' },
      project: { type: 'project', key: 'PROJ', name: 'Project', uuid: '{3cd2e9b0-1c5f-4a55-9d3f-40fb2b4b9e52}' },
    },
    push: {
      changes: [
        {
          new: {
            type: 'branch',
            name: 'main',
            target: { type: 'commit', hash: '709d658dc5b6d6afcd46049c2f332ee3f515a67d' },
          },
          old: {
            type: 'branch',
            name: 'main',
            target: { type: 'commit', hash: '1e65c05c1d5171631d92438a13901ca7dae9618c' },
          },
          created: false,
          forced: false,
          closed: false,
          truncated: false,
          commits: [],
          links: { html: { href: `https://bitbucket.org/${fullName}/branches/compare/709d658d..1e65c05c` } },
        },
      ],
    },
  };
}

/** https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-Push */
export function bitbucketServerRefsChanged(projectKey = 'ACME', slug = 'api-server', eventKey = 'repo:refs_changed') {
  return {
    eventKey,
    date: '2017-09-19T09:58:11+1000',
    actor: {
      name: 'admin',
      emailAddress: 'admin@example.com',
      id: 1,
      displayName: 'Administrator',
      active: true,
      slug: 'admin',
      type: 'NORMAL',
    },
    repository: {
      slug,
      id: 84,
      name: 'API Server',
      scmId: 'git',
      state: 'AVAILABLE',
      statusMessage: 'Available',
      forkable: true,
      project: {
        key: projectKey,
        id: 84,
        name: 'Acme',
        public: false,
        type: projectKey.startsWith('~') ? 'PERSONAL' : 'NORMAL',
      },
      public: false,
    },
    changes: [
      {
        ref: { id: 'refs/heads/master', displayId: 'master', type: 'BRANCH' },
        refId: 'refs/heads/master',
        fromHash: 'ecddabb624f6f5ba43816f5926e580a5f680a932',
        toHash: '178864a7d521b6f5e720b386b2c2b0ef8563e0dc',
        type: 'UPDATE',
      },
    ],
  };
}

/**
 * A Gitea/Forgejo `push` webhook body (https://docs.gitea.com/usage/webhooks#event-information): GitHub-like, with
 * Gitea's own `compare_url` and `total_commits`. The event name (`X-Gitea-Event: push`) is only a header.
 */
export function giteaPush(fullName = 'acme/api-server') {
  const [owner, name] = fullName.split('/');
  return {
    ref: 'refs/heads/main',
    before: '28e1879d029cb852e4844d9c718537df08844e03',
    after: 'bffeb74224043ba2feb48d137756c8a9331c449a',
    compare_url: `https://gitea.example.com/${fullName}/compare/28e1879d029cb852e4844d9c718537df08844e03...bffeb74224043ba2feb48d137756c8a9331c449a`,
    commits: [
      {
        id: 'bffeb74224043ba2feb48d137756c8a9331c449a',
        message: 'Update README\n',
        url: `https://gitea.example.com/${fullName}/commit/bffeb74224043ba2feb48d137756c8a9331c449a`,
        author: { name: 'dev', email: 'dev@example.com', username: 'dev' },
        committer: { name: 'dev', email: 'dev@example.com', username: 'dev' },
        timestamp: '2026-12-07T10:00:00Z',
      },
    ],
    total_commits: 1,
    head_commit: { id: 'bffeb74224043ba2feb48d137756c8a9331c449a', message: 'Update README\n' },
    repository: {
      id: 140,
      owner: { id: 1, login: owner, username: owner },
      name,
      full_name: fullName,
      private: false,
      fork: false,
      html_url: `https://gitea.example.com/${fullName}`,
      clone_url: `https://gitea.example.com/${fullName}.git`,
      default_branch: 'main',
    },
    pusher: { id: 2, login: 'dev', username: 'dev' },
    sender: { id: 2, login: 'dev', username: 'dev' },
  };
}
