/**
 * Modes `install-hooks` and `remove` against the forge: real API subsets checked against the hosts' descriptions, and
 * for `remove`, real pushes through the forge's pre-receive hook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Host, RepoInfo } from '../src/hosts/host.js';
import { createHost } from '../src/hosts/index.js';
import { excludePattern, installHooks, removeMirrors, type AdminContext } from '../src/mirror/admin-modes.js';
import type { Runtime } from '../src/runtime/runtime.js';
import type { EndpointSettings, Settings } from '../src/settings/settings.js';
import { startForge, type Forge } from './forge/forge.js';
import { gitAs, tempDir } from './forge/git-client.js';

const HOOK_URL = 'https://ci.example.test/api/v4/projects/7/ref/main/trigger/pipeline?token=trigger-tok-123';
const SECRET = 'hook-secret-Zq81xw';

/** Records everything logged, without masking: what the code itself prints. */
class RecordingRuntime implements Runtime {
  readonly platform = 'cli' as const;
  readonly lines: string[] = [];
  readonly secrets: string[] = [];
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warning(message: string): void {
    this.lines.push(`warning ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`group ${title}`);
    return fn();
  }
  setSecret(value: string): void {
    this.secrets.push(value);
  }
  setOutput(name: string, value: string): void {
    this.lines.push(`output ${name}=${value}`);
  }
  async writeSummary(markdown: string): Promise<void> {
    this.lines.push(`summary ${markdown}`);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

function endpoint(forge: Forge, owner: string, token: string): EndpointSettings {
  return { type: forge.type as EndpointSettings['type'], url: forge.url, apiUrl: forge.apiUrl, owner, token };
}

function settingsFor(source: EndpointSettings, target: EndpointSettings, extra: Partial<Settings> = {}): Settings {
  return {
    source,
    target,
    filter: /^(?:.*)$/,
    includeForks: true,
    includeArchived: true,
    createMissing: true,
    mode: 'install-hooks',
    prune: true,
    protect: true,
    onDivergence: 'fail',
    lfs: false,
    wikis: false,
    visibility: 'private',
    concurrency: 2,
    cacheDir: '.org-mirror',
    hookUrl: HOOK_URL,
    hookSecret: SECRET,
    reportFile: 'org-mirror-report.json',
    requestTimeout: 60,
    repoTimeout: 1800,
    verifyInterval: 24,
    orphans: 'keep',
    orphansLimit: 10,
    backoffMax: 12,
    ...extra,
  };
}

function context(settings: Settings, runtime: Runtime): AdminContext {
  return {
    settings,
    runtime,
    source: createHost(settings.source, 'source', runtime),
    target: createHost(settings.target, 'target', runtime),
  };
}

interface GitHubHookState {
  config: Record<string, unknown>;
  events: string[];
  active: boolean;
}
interface GitLabHookState {
  url: string;
  token?: string;
  events: Record<string, boolean>;
}

const githubRepoHooks = (forge: Forge, owner: string, name: string) =>
  forge.repo(owner, name).host.hooks as GitHubHookState[];
const githubOrgHooks = (forge: Forge, org: string) =>
  (forge.namespaces.get(org)?.host.hooks as GitHubHookState[] | undefined) ?? [];
const gitlabProjectHooks = (forge: Forge, owner: string, name: string) =>
  forge.repo(owner, name).host.hooks as GitLabHookState[];

let github: Forge;
let gitlab: Forge;
let work: string;

beforeAll(async () => {
  const users = [
    { username: 'mirror-bot', token: 'tok-mirror-bot-0001' },
    { username: 'dev', token: 'tok-dev-0002' },
    { username: 'solo', token: 'tok-solo-0003' },
  ];
  [github, gitlab] = await Promise.all([startForge({ type: 'github', users }), startForge({ type: 'gitlab', users })]);
  github.addOrg('acme', { members: { 'mirror-bot': 'admin' } });
  github.addOrg('mirrors', { members: { 'mirror-bot': 'admin', dev: 'write' } });
  github.addNamespace('solo', { kind: 'user', members: { solo: 'owner' } });
  for (const name of ['api', 'web', 'docs']) {
    github.addRepo('acme', name);
    github.seed('acme', name, { branches: { main: ['README.md'] } });
  }
  for (const name of ['tools', 'notes']) github.addRepo('solo', name);

  gitlab.addOrg('acme', { members: { 'mirror-bot': 'owner' } });
  gitlab.addOrg('acme/platform', {});
  gitlab.addOrg('mirrors', { members: { 'mirror-bot': 'owner', dev: 'developer' } });
  gitlab.addRepo('acme', 'api');
  gitlab.addRepo('acme', 'web');
  gitlab.addRepo('acme/platform', 'billing');
  work = tempDir('admin-modes-');
});

afterAll(async () => {
  await Promise.all([github?.stop(), gitlab?.stop()]);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  github.clearFaults();
  gitlab.clearFaults();
  expect([...github.violations, ...gitlab.violations]).toEqual([]);
});

describe('installHooks', () => {
  it('installs one organization hook on GitHub, and a second run updates it instead of adding one', async () => {
    const runtime = new RecordingRuntime();
    const settings = settingsFor(endpoint(github, 'acme', 'tok-mirror-bot-0001'), endpoint(gitlab, 'mirrors', 'x'));
    const ctx = context(settings, runtime);
    const repos = await ctx.source.listRepos();
    expect(repos.map((r) => r.name).sort()).toEqual(['api', 'docs', 'web']);

    const first = await installHooks(ctx, repos);
    expect(first).toEqual([{ name: 'acme/*', status: 'hook-created', refs: [], durationMs: expect.any(Number) }]);
    const second = await installHooks(ctx, repos);
    expect(second.map((r) => r.status)).toEqual(['hook-updated']);

    const hooks = githubOrgHooks(github, 'acme');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      active: true,
      events: ['push'],
      config: { url: HOOK_URL, secret: SECRET, content_type: 'json', insecure_ssl: '0' },
    });
    for (const name of ['api', 'web', 'docs']) expect(githubRepoHooks(github, 'acme', name)).toEqual([]);
    expect(runtime.text).toContain('[1/1] acme/*: hook-created');
    expect(runtime.text).not.toContain(SECRET);
    // The trigger token in the hook URL's query is a secret too.
    expect(runtime.text).not.toContain('trigger-tok-123');
    expect(runtime.text).toContain('https://ci.example.test/api/v4/projects/7/ref/main/trigger/pipeline?token=***');
  });

  it('installs one hook per repository where the namespace takes none (a GitHub user)', async () => {
    const runtime = new RecordingRuntime();
    const settings = settingsFor(endpoint(github, 'solo', 'tok-solo-0003'), endpoint(gitlab, 'mirrors', 'x'));
    const ctx = context(settings, runtime);
    const repos = await ctx.source.listRepos();
    const first = await installHooks(ctx, repos);
    expect(first.map((r) => [r.name, r.status]).sort()).toEqual([
      ['notes', 'hook-created'],
      ['tools', 'hook-created'],
    ]);
    const again = await installHooks(ctx, repos);
    expect(again.map((r) => r.status)).toEqual(['hook-updated', 'hook-updated']);
    for (const name of ['tools', 'notes']) {
      const hooks = githubRepoHooks(github, 'solo', name);
      expect(hooks).toHaveLength(1);
      expect(hooks[0].config).toMatchObject({ url: HOOK_URL, secret: SECRET });
    }
    expect(runtime.text).not.toContain(SECRET);
  });

  it('installs one hook per GitLab project (subgroups included); a failing project never stops the others', async () => {
    const runtime = new RecordingRuntime();
    const settings = settingsFor(endpoint(gitlab, 'acme', 'tok-mirror-bot-0001'), endpoint(github, 'mirrors', 'x'), {
      concurrency: 1,
    });
    const ctx = context(settings, runtime);
    const repos = await ctx.source.listRepos();
    expect(repos.map((r) => r.path).sort()).toEqual(['api', 'platform/billing', 'web']);
    const web = gitlab.repo('acme', 'web');
    // 403 is not retried: the project's hooks are refused, the others must still get theirs.
    gitlab.injectFault(
      { method: 'GET', path: `/api/v4/projects/${web.id}/hooks`, times: Infinity },
      { status: 403, body: { message: '403 Forbidden' } },
    );

    const first = await installHooks(ctx, repos);
    const byName = Object.fromEntries(first.map((r) => [r.name, r]));
    expect(byName.api.status).toBe('hook-created');
    expect(byName['platform/billing'].status).toBe('hook-created');
    expect(byName.web).toMatchObject({ status: 'failed', reason: expect.stringMatching(/web.*403/) });
    expect(gitlabProjectHooks(gitlab, 'acme', 'web')).toEqual([]);
    expect(runtime.lines.some((l) => l.startsWith('warning') && l.includes('web: failed'))).toBe(true);

    gitlab.clearFaults();
    const second = await installHooks(ctx, repos);
    expect(Object.fromEntries(second.map((r) => [r.name, r.status]))).toEqual({
      api: 'hook-updated',
      'platform/billing': 'hook-updated',
      web: 'hook-created',
    });
    for (const [owner, name] of [
      ['acme', 'api'],
      ['acme', 'web'],
      ['acme/platform', 'billing'],
    ]) {
      const hooks = gitlabProjectHooks(gitlab, owner, name);
      expect(hooks).toHaveLength(1);
      expect(hooks[0]).toMatchObject({ url: HOOK_URL, token: SECRET });
      expect(hooks[0].events).toMatchObject({ push_events: true, tag_push_events: true });
    }
    expect(runtime.text).not.toContain(SECRET);
  });

  it('installs nothing when no repository is selected', async () => {
    const runtime = new RecordingRuntime();
    const settings = settingsFor(endpoint(github, 'acme', 'tok-mirror-bot-0001'), endpoint(gitlab, 'mirrors', 'x'));
    const before = github.writes.length;
    await expect(installHooks(context(settings, runtime), [])).resolves.toEqual([]);
    expect(github.writes.length).toBe(before);
  });
});

describe('removeMirrors', () => {
  async function directPush(forge: Forge, owner: string, name: string, token: string, file: string) {
    const dir = path.join(work, `${forge.type}-${name}-${file}`);
    const url = `${forge.url}/${owner}/${name}.git`;
    const auth = { url: forge.url, token, username: forge.type === 'gitlab' ? 'oauth2' : 'x-access-token' };
    const clone = await gitAs(work, ['clone', '-q', url, dir], auth);
    expect(clone.stderr).not.toMatch(/fatal/);
    fs.writeFileSync(path.join(dir, file), `${file}\n`);
    await gitAs(dir, ['add', '.']);
    await gitAs(dir, ['commit', '-qm', file]);
    return gitAs(dir, ['push', 'origin', 'HEAD:refs/heads/main'], auth);
  }

  async function protectedTargets(forge: Forge, target: Host, names: string[]): Promise<RepoInfo[]> {
    const repos: RepoInfo[] = [];
    for (const name of names) {
      forge.addRepo('mirrors', name);
      forge.seed('mirrors', name, { branches: { main: ['README.md'] }, tags: ['v1'] });
      const repo = (await target.getRepo(name))!;
      await target.protect(repo);
      repos.push(repo);
    }
    return repos;
  }

  it.each(['github', 'gitlab'] as const)(
    'lifts the protection on a %s target so a direct push goes through, and deletes nothing',
    async (type) => {
      const forge = type === 'github' ? github : gitlab;
      const runtime = new RecordingRuntime();
      const settings = settingsFor(
        endpoint(github, 'acme', 'tok-mirror-bot-0001'),
        endpoint(forge, 'mirrors', 'tok-mirror-bot-0001'),
        {
          mode: 'remove',
          exclude: /^(?:legacy-.*)$/,
        },
      );
      const ctx = context(settings, runtime);
      const sources = await ctx.source.listRepos();
      const source = (name: string) => sources.find((r) => r.name === name)!;
      const [api, web] = await protectedTargets(forge, ctx.target, ['api', 'web']);

      const refused = await directPush(forge, 'mirrors', 'api', 'tok-dev-0002', 'before.txt');
      expect(refused.status).not.toBe(0);
      const refsBefore = Object.fromEntries(forge.refs(forge.repo('mirrors', 'api')));

      const results = await removeMirrors(ctx, [
        { source: source('api'), target: api, targetPath: 'api' },
        { source: source('web'), target: web, targetPath: 'web' },
        { source: source('docs'), targetPath: 'docs' },
      ]);
      expect(results.map((r) => [r.name, r.target, r.status])).toEqual([
        ['api', 'api', 'unprotected'],
        ['web', 'web', 'unprotected'],
        ['docs', 'docs', 'skipped'],
      ]);
      expect(results[2].reason).toMatch(/no target repository mirrors\/docs/);

      const pushed = await directPush(forge, 'mirrors', 'api', 'tok-dev-0002', 'after.txt');
      expect(pushed.stderr).not.toMatch(/rejected|denied|fatal/);
      expect(pushed.status).toBe(0);
      // Nothing deleted: the repositories and every ref are still there.
      expect(forge.refs(forge.repo('mirrors', 'api')).get('refs/tags/v1')).toBe(refsBefore['refs/tags/v1']);
      expect(forge.refs(forge.repo('mirrors', 'web')).size).toBe(2);
      expect(forge.writes.filter((w) => w.method === 'DELETE' && !/protected_|rulesets/.test(w.path))).toEqual([]);

      const warning = runtime.lines.find((l) => l.startsWith('warning') && l.includes('exclude'));
      expect(warning).toContain("exclude: 'legacy-.*|api|web'");
      expect(warning).toContain('Mirroring stopped for 2 repositories');

      // Again: nothing left to lift, still no failure.
      const again = await removeMirrors(ctx, [{ source: source('api'), target: api, targetPath: 'api' }]);
      expect(again[0]).toMatchObject({ status: 'unprotected', reason: 'it had no protection to lift' });
    },
  );

  it('reports a repository it cannot unprotect as failed and still unprotects the others', async () => {
    const runtime = new RecordingRuntime();
    const settings = settingsFor(
      endpoint(github, 'acme', 'tok-mirror-bot-0001'),
      endpoint(gitlab, 'mirrors', 'tok-mirror-bot-0001'),
      { mode: 'remove', concurrency: 1 },
    );
    const ctx = context(settings, runtime);
    const sources = await ctx.source.listRepos();
    const [one, two] = await protectedTargets(gitlab, ctx.target, ['one', 'two']);
    // 403 is not retried.
    gitlab.injectFault(
      { method: 'GET', path: `/api/v4/projects/${one.id}/protected_branches`, times: Infinity },
      { status: 403, body: { message: '403 Forbidden' } },
    );
    const results = await removeMirrors(ctx, [
      { source: sources[0], target: one, targetPath: 'one' },
      { source: sources[1], target: two, targetPath: 'two' },
    ]);
    expect(results[0]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/mirrors\/one.*403/) });
    expect(results[1].status).toBe('unprotected');
    expect(gitlab.repo('mirrors', 'two').host.protectedBranches).toEqual([]);
    expect(runtime.lines.some((l) => l.startsWith('warning') && l.includes(`${results[0].name}: failed`))).toBe(true);
    expect(runtime.lines.find((l) => l.includes('Mirroring stopped'))).toContain('for 1 repository');
  });
});

describe('excludePattern', () => {
  it('escapes regex characters and keeps the current exclude', () => {
    expect(excludePattern(['a.b', 'c+d'], undefined)).toBe('a\\.b|c\\+d');
    expect(excludePattern(['x'], /^(?:old|tmp-.*)$/)).toBe('old|tmp-.*|x');
    expect(new RegExp(`^(?:${excludePattern(['a.b'], undefined)})$`).test('axb')).toBe(false);
  });
});
