import { describe, expect, it } from '@jest/globals';
import { describeEventHint, readEventHint, type EventEnv, type EventHint } from '../src/events/event-hint.js';
import { quote, repoPathProblem } from '../src/events/repo-path.js';
import {
  bitbucketCloudPush,
  bitbucketServerRefsChanged,
  giteaPush,
  githubPing,
  githubPush,
  gitlabMergeRequest,
  gitlabPush,
  repositoryDispatch,
} from './events-fixtures.js';

/** An in-memory file system: what the runner would have written before the job. */
function files(entries: Record<string, string>) {
  const read: string[] = [];
  const readFile = (path: string): string => {
    read.push(path);
    const content = entries[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return content;
  };
  return { readFile, read };
}

const EVENT_PATH = '/home/runner/work/_temp/_github_workflow/event.json';

function github(event: string, payload?: unknown, owner: string | null = 'acme'): EventHint {
  const sourceOwner = owner ?? undefined;
  const env: EventEnv = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: EVENT_PATH };
  const fs = files(payload === undefined ? {} : { [EVENT_PATH]: JSON.stringify(payload) });
  return readEventHint(env, fs.readFile, { sourceOwner });
}

const PAYLOAD_FILE = '/builds/acme/mirror.tmp/TRIGGER_PAYLOAD';

function gitlabTrigger(payload: unknown, owner: string | null = 'acme'): EventHint {
  const sourceOwner = owner ?? undefined;
  const env: EventEnv = { GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'trigger', TRIGGER_PAYLOAD: PAYLOAD_FILE };
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return readEventHint(env, files({ [PAYLOAD_FILE]: text }).readFile, { sourceOwner });
}

function expectRefused(hint: EventHint, reason: RegExp): void {
  expect(hint.kind).toBe('refuse');
  if (hint.kind === 'refuse') {
    expect(hint.reason).toMatch(reason);
    // One clean line: no raw control characters from the payload can reach the log.
    // eslint-disable-next-line no-control-regex -- looking for exactly those characters
    expect(hint.reason).not.toMatch(/[\x00-\x1f\x7f\u2028\u2029]/);
  }
}

describe('outside CI', () => {
  it('runs all repositories from the command line', () => {
    const hint = readEventHint({}, files({}).readFile);
    expect(hint.kind).toBe('all');
  });

  it('reads the real file system by default', () => {
    const hint = readEventHint({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: '/nonexistent/x',
    });
    expectRefused(hint, /cannot be read/);
  });
});

describe('GitHub Actions events', () => {
  it.each(['schedule', 'workflow_dispatch'])('%s runs all repositories', (event) => {
    const fs = files({});
    const hint = readEventHint(
      { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: EVENT_PATH },
      fs.readFile,
    );
    expect(hint).toEqual({ kind: 'all', reason: `GitHub ${event}: all selected repositories` });
    expect(fs.read).toEqual([]);
  });

  it('runs all repositories on another event, naming it', () => {
    const hint = github('release', {});
    expect(hint.kind).toBe('all');
    if (hint.kind === 'all') expect(hint.reason).toContain("'release'");
  });

  it('push in a source repository mirrors only that repository', () => {
    expect(github('push', githubPush('acme/api-server'))).toEqual({
      kind: 'repos',
      names: ['api-server'],
      paths: ['api-server'],
      source: 'GitHub push to acme/api-server',
    });
  });

  it('push matches the source owner case-insensitively', () => {
    const hint = github('push', githubPush('Acme/.github'), 'ACME');
    expect(hint).toMatchObject({ kind: 'repos', names: ['.github'] });
  });

  it('push without a known source owner takes repository.name', () => {
    expect(github('push', githubPush('acme/web'), null)).toMatchObject({ kind: 'repos', names: ['web'] });
  });

  it('push to a repository outside the source owner (the config repository) runs all', () => {
    const hint = github('push', githubPush('platform-team/org-mirror-config'));
    expect(hint.kind).toBe('all');
    if (hint.kind === 'all') expect(hint.reason).toContain('outside the source owner');
  });

  it('push with a hostile repository name is refused', () => {
    const payload = githubPush('acme/api');
    payload.repository.full_name = 'acme/--upload-pack=touch /tmp/x';
    expectRefused(github('push', payload), /starts with '-'/);
    payload.repository.name = '../../etc';
    expectRefused(github('push', payload, null), /'\.' or '\.\.' segment|is a path/);
  });

  it('push without a repository is refused', () => {
    expectRefused(github('push', { ref: 'refs/heads/main' }), /no repository/);
  });

  it('refuses an event payload that cannot be read or is not JSON', () => {
    expectRefused(github('push'), /cannot be read/);
    const env: EventEnv = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'repository_dispatch',
      GITHUB_EVENT_PATH: EVENT_PATH,
    };
    expectRefused(readEventHint(env, files({ [EVENT_PATH]: '{"action": "mirror",' }).readFile), /is not JSON/);
    expectRefused(readEventHint(env, files({ [EVENT_PATH]: '[1,2]' }).readFile), /not a JSON object/);
    expectRefused(readEventHint({ ...env, GITHUB_EVENT_PATH: '' }, files({}).readFile), /without GITHUB_EVENT_PATH/);
  });
});

describe('GitHub repository_dispatch', () => {
  it('mirrors the one repository named in client_payload.repository', () => {
    expect(github('repository_dispatch', repositoryDispatch({ repository: 'api-server' }))).toEqual({
      kind: 'repos',
      names: ['api-server'],
      paths: ['api-server'],
      source: "GitHub repository_dispatch 'mirror'",
    });
  });

  it('accepts a list, and a comma or newline separated string, without duplicates', () => {
    const list = github('repository_dispatch', repositoryDispatch({ repository: ['web', 'api', 'web'] }));
    expect(list).toMatchObject({ kind: 'repos', names: ['web', 'api'] });
    const text = github('repository_dispatch', repositoryDispatch({ repository: 'web, api\nworker\n' }));
    expect(text).toMatchObject({ kind: 'repos', names: ['web', 'api', 'worker'] });
  });

  it('accepts full names inside the source owner, including GitLab subgroup paths', () => {
    const flat = github('repository_dispatch', repositoryDispatch({ repository: ['ACME/api'] }));
    expect(flat).toMatchObject({ kind: 'repos', names: ['api'], paths: ['api'] });
    const nested = github('repository_dispatch', repositoryDispatch({ repository: 'acme/platform/api' }));
    expect(nested).toMatchObject({ kind: 'repos', names: ['api'], paths: ['platform/api'] });
    const nestedOwner = github(
      'repository_dispatch',
      repositoryDispatch({ repository: 'acme/platform/api' }),
      'acme/platform',
    );
    expect(nestedOwner).toMatchObject({ kind: 'repos', names: ['api'], paths: ['api'] });
  });

  it('refuses a full name outside the source owner, or when the owner is unknown', () => {
    const payload = repositoryDispatch({ repository: ['api', 'evil-corp/api'] });
    expectRefused(
      github('repository_dispatch', payload),
      /'evil-corp\/api' is not a repository of the source owner 'acme'/,
    );
    // The owner alone names no repository.
    expectRefused(github('repository_dispatch', repositoryDispatch({ repository: ['acme/'] })), /empty name/);
    expectRefused(
      github('repository_dispatch', repositoryDispatch({ repository: ['acme/platform'] }), 'acme/platform'),
      /not a repository of the source owner/,
    );
    expectRefused(
      github('repository_dispatch', repositoryDispatch({ repository: 'acme/api' }), null),
      /source owner is unknown/,
    );
  });

  it('runs all when no repository is named', () => {
    expect(github('repository_dispatch', repositoryDispatch(undefined)).kind).toBe('all');
    expect(github('repository_dispatch', repositoryDispatch({ ref: 'main' })).kind).toBe('all');
  });

  it.each([
    ['a number', 42, /must be a repository name or a list/],
    ['an object', { name: 'api' }, /must be a repository name or a list/],
    ['an empty string', ' , ', /is empty/],
    ['an empty list', [], /is empty/],
    ['a non-string item', ['api', 7], /expected a string, got number/],
    ['parent traversal', '../secrets', /'\.' or '\.\.' segment/],
    ['traversal inside a path', 'acme/../../etc', /'\.' or '\.\.' segment/],
    ['a leading dash', '-oProxyCommand=x', /starts with '-'/],
    ['a newline inside a list item', ['api\n::add-mask::x'], /has characters other than/],
    ['an escape sequence', 'api\u001b[31m', /has characters other than/],
    ['a space', 'my repo', /has characters other than/],
    ['a backslash', 'a\\b', /has characters other than/],
    ['a non-ASCII name', 'api\u2028x', /has characters other than/],
    ['an absurd length', 'a'.repeat(300), /300 characters is too long/],
    ['a huge path', 'acme/' + 'a/'.repeat(5000) + 'b', /too long|too deep/],
    ['an empty segment', 'acme//api', /empty path segment/],
    ['too many names', Array.from({ length: 1001 }, (_, i) => `r${i}`), /more than 1000 names/],
  ])('refuses %s', (_label, repository, reason) => {
    expectRefused(github('repository_dispatch', repositoryDispatch({ repository })), reason);
  });
});

describe('GitLab CI pipeline sources', () => {
  it.each(['schedule', 'web', 'api', 'push', 'pipeline'])('%s runs all repositories', (source) => {
    const fs = files({});
    const hint = readEventHint({ GITLAB_CI: 'true', CI_PIPELINE_SOURCE: source }, fs.readFile, { sourceOwner: 'acme' });
    expect(hint.kind).toBe('all');
    expect(fs.read).toEqual([]);
  });

  it('a trigger without TRIGGER_PAYLOAD runs all', () => {
    const hint = readEventHint({ GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'trigger' }, files({}).readFile);
    expect(hint.kind).toBe('all');
  });

  it('a trigger through the API without a webhook body runs all', () => {
    const hint = gitlabTrigger({ id: '42', ref: 'main', variables: { MIRROR_MODE: 'check' } });
    expect(hint.kind).toBe('all');
  });

  it('reads TRIGGER_PAYLOAD as a file variable (its value is a path)', () => {
    const fs = files({ [PAYLOAD_FILE]: JSON.stringify(githubPush('acme/api-server')) });
    const env: EventEnv = { GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'trigger', TRIGGER_PAYLOAD: PAYLOAD_FILE };
    expect(readEventHint(env, fs.readFile, { sourceOwner: 'acme' })).toEqual({
      kind: 'repos',
      names: ['api-server'],
      paths: ['api-server'],
      source: 'GitHub push to acme/api-server',
    });
    expect(fs.read).toEqual([PAYLOAD_FILE]);
  });

  it('reads TRIGGER_PAYLOAD holding the JSON itself, without touching the file system', () => {
    const fs = files({});
    const env: EventEnv = {
      GITLAB_CI: 'true',
      CI_PIPELINE_SOURCE: 'trigger',
      TRIGGER_PAYLOAD: `\n ${JSON.stringify(gitlabPush('acme/platform/api'))}`,
    };
    expect(readEventHint(env, fs.readFile, { sourceOwner: 'acme' })).toMatchObject({
      kind: 'repos',
      names: ['api'],
      paths: ['platform/api'],
    });
    expect(fs.read).toEqual([]);
  });

  it('refuses a TRIGGER_PAYLOAD that is neither JSON nor a readable file', () => {
    const env: EventEnv = { GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'trigger', TRIGGER_PAYLOAD: 'ref=main&x=\u0007' };
    expectRefused(readEventHint(env, files({}).readFile, { sourceOwner: 'acme' }), /neither JSON nor a readable file/);
  });

  it('refuses a payload file that is not JSON', () => {
    expectRefused(gitlabTrigger('payload=%7B%22ref%22'), /TRIGGER_PAYLOAD is not JSON/);
  });
});

describe('GitLab trigger payloads from source webhooks', () => {
  it('GitHub push → the pushed repository', () => {
    expect(gitlabTrigger(githubPush('acme/web'))).toMatchObject({ kind: 'repos', names: ['web'], paths: ['web'] });
  });

  it('GitHub push posted as a form (payload=<json>)', () => {
    const hint = gitlabTrigger({ payload: JSON.stringify(githubPush('acme/web')), ref: 'main', id: '7' });
    expect(hint).toMatchObject({ kind: 'repos', names: ['web'] });
  });

  it('GitLab push in a subgroup → name and path relative to the source group', () => {
    expect(gitlabTrigger(gitlabPush('acme/platform/api'))).toEqual({
      kind: 'repos',
      names: ['api'],
      paths: ['platform/api'],
      source: 'GitLab push to acme/platform/api',
    });
    expect(gitlabTrigger(gitlabPush('acme/platform/api'), 'acme/platform')).toMatchObject({ paths: ['api'] });
  });

  it('GitLab tag push → the repository', () => {
    expect(gitlabTrigger(gitlabPush('acme/web', 'tag_push'))).toMatchObject({ kind: 'repos', names: ['web'] });
  });

  it('Bitbucket Cloud repo:push → the slug from full_name, not the display name', () => {
    expect(gitlabTrigger(bitbucketCloudPush('acme/api-server', 'API Server'))).toEqual({
      kind: 'repos',
      names: ['api-server'],
      paths: ['api-server'],
      source: 'Bitbucket Cloud push to acme/api-server',
    });
  });

  it('Bitbucket Server repo:refs_changed → the slug, in the project key or personal project', () => {
    expect(gitlabTrigger(bitbucketServerRefsChanged('ACME', 'api-server'), 'ACME')).toMatchObject({
      kind: 'repos',
      names: ['api-server'],
    });
    expect(gitlabTrigger(bitbucketServerRefsChanged('~JDOE', 'dotfiles'), '~jdoe')).toMatchObject({
      kind: 'repos',
      names: ['dotfiles'],
    });
  });

  it('refuses a push to a repository of another owner', () => {
    expectRefused(gitlabTrigger(gitlabPush('other-group/api')), /not a repository of the source owner 'acme'/);
    expectRefused(
      gitlabTrigger(bitbucketServerRefsChanged('OTHER', 'api'), 'ACME'),
      /not a repository of the source owner/,
    );
    expectRefused(gitlabTrigger(githubPush('acmeco/api')), /not a repository of the source owner/);
  });

  it('refuses a push when the source owner is unknown', () => {
    expectRefused(gitlabTrigger(githubPush('acme/web'), null), /source owner is unknown/);
  });

  it.each([
    ['a GitLab merge request', gitlabMergeRequest(), /GitLab 'merge_request' event is not a push/],
    ['a GitHub ping', githubPing(), /GitHub ping event is not a push/],
    ['a Bitbucket Server test connection', bitbucketServerRefsChanged('ACME', 'a', 'diagnostics:ping'), /not a push/],
    ['a GitHub event without ref/after', { action: 'opened', repository: { full_name: 'acme/api' } }, /not a push/],
  ])('refuses %s', (_label, payload, reason) => {
    expectRefused(gitlabTrigger(payload), reason);
  });

  it.each([
    ['a JSON array', [githubPush()], /not a JSON object/],
    ['JSON null', null, /not a JSON object/],
    ['no repository', { hello: 'world' }, /names no repository/],
    ['an unknown repository shape', { repository: { url: 'https://evil.example/x.git' } }, /no known push webhook/],
    [
      'a GitLab push without path_with_namespace',
      { ...gitlabPush(), project: { id: 1 } },
      /no project.path_with_namespace/,
    ],
    ['a Bitbucket Server push without slug', { eventKey: 'repo:refs_changed', repository: {} }, /no repository.slug/],
    ['a Bitbucket Cloud push without full_name', { push: { changes: [] }, repository: {} }, /no repository.full_name/],
    [
      'a GitHub push with a numeric full_name',
      { ...githubPush(), repository: { full_name: 5 } },
      /no repository.full_name/,
    ],
    ['a broken form payload', { payload: '{nope' }, /form field payload is not JSON/],
    ['traversal in a GitLab path', gitlabPush('acme/../admin/secrets'), /'\.' or '\.\.' segment/],
    ['an option in a Bitbucket slug', bitbucketServerRefsChanged('ACME', '--upload-pack=sh'), /starts with '-'/],
    ['a slash in a Bitbucket project key', bitbucketServerRefsChanged('ACME/x', 'api'), /project key .* is invalid/],
    ['a control character in a GitHub name', githubPush('acme/api\r\n::error::pwned'), /has characters other than/],
    ['an absurd Bitbucket Cloud name', bitbucketCloudPush(`acme/${'x'.repeat(10_000)}`), /too long/],
  ])('refuses %s', (_label, payload, reason) => {
    expectRefused(gitlabTrigger(payload), reason);
  });

  it('never carries a URL from the payload into the hint', () => {
    const payload = githubPush('acme/web');
    payload.repository.clone_url = 'https://evil.example/steal.git';
    const hint = gitlabTrigger(payload);
    expect(JSON.stringify(hint)).not.toContain('evil.example');
  });
});

describe('Gitea and Forgejo push payloads', () => {
  it('a Gitea push through a GitLab trigger selects its repository', () => {
    expect(gitlabTrigger(giteaPush('acme/api-server'))).toEqual({
      kind: 'repos',
      names: ['api-server'],
      paths: ['api-server'],
      source: 'Gitea push to acme/api-server',
    });
  });

  it('a Gitea push relayed as a repository_dispatch client_payload selects its repository', () => {
    expect(github('repository_dispatch', repositoryDispatch(giteaPush('acme/web')))).toMatchObject({
      kind: 'repos',
      names: ['web'],
      source: "GitHub repository_dispatch 'mirror': Gitea push to acme/web",
    });
  });

  it('a Gitea push outside the source owner is refused, never widened to all', () => {
    expectRefused(gitlabTrigger(giteaPush('other/web')), /Gitea push/);
    expectRefused(github('repository_dispatch', repositoryDispatch(giteaPush('other/web'))), /Gitea push/);
  });

  it('a Gitea payload that is no push (no after) is refused', () => {
    const { after, ...notPush } = giteaPush();
    void after;
    expectRefused(gitlabTrigger(notPush), /Gitea payload is not a push/);
  });

  it('a hostile repository name in a Gitea push is refused', () => {
    expectRefused(gitlabTrigger(giteaPush('acme/..')), /\.\./);
  });
});

describe('describeEventHint and quoting', () => {
  it('gives one line per kind', () => {
    expect(describeEventHint({ kind: 'all', reason: 'GitHub schedule: all selected repositories' })).toBe(
      'GitHub schedule: all selected repositories',
    );
    expect(
      describeEventHint({
        kind: 'repos',
        names: ['api'],
        paths: ['platform/api'],
        source: 'GitLab push to acme/platform/api',
      }),
    ).toBe('GitLab push to acme/platform/api: only platform/api');
    expect(describeEventHint({ kind: 'refuse', reason: 'x is not a push' })).toBe(
      'Ignoring the event: x is not a push',
    );
  });

  it('quote escapes control characters, quotes and long values', () => {
    expect(quote('a\nb')).toBe("'a\\u000ab'");
    expect(quote("it's")).toBe("'it\\'s'");
    expect(quote('x'.repeat(100), 10)).toBe(`'${'x'.repeat(10)}…'`);
    expect(quote({ a: 1 })).toBe(`'{"a":1}'`);
  });

  it('accepts the names hosts allow', () => {
    for (const name of ['api', '.github', 'my_repo.js', 'a-b', 'Group/Sub/project', 'x'.repeat(255)]) {
      expect(repoPathProblem(name)).toBeUndefined();
    }
  });
});
