/**
 * The Gitea/Forgejo adapter against the forge's Gitea fake: every request the adapter sends (and every answer of the
 * fake) is checked against the official API description (forge.violations); protection is checked with real pushes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GiteaHost } from '../src/hosts/gitea/gitea-host.js';
import { nextLink } from '../src/hosts/gitea/client.js';
import { ListingError, type RepoInfo } from '../src/hosts/host.js';
import type { TargetSettings } from '../src/settings/settings.js';
import type { ForgeAnswer } from './forge/faults.js';
import { startForge, type Forge } from './forge/forge.js';
import { giteaOrgHooks, giteaRepoHooks, type GiteaRepoState } from './forge/hosts/gitea.js';
import { gitAs, tempDir } from './forge/git-client.js';

const TOKEN = '0123456789abcdef0123456789abcdef01234567';
const DEV_TOKEN = 'fedcba9876543210fedcba9876543210fedcba98';

let forge: Forge;

beforeEach(async () => {
  forge = await startForge({
    type: 'gitea',
    users: [
      { username: 'mirror-bot', token: TOKEN },
      { username: 'dev', token: DEV_TOKEN },
    ],
  });
  forge.addOrg('acme', { members: { 'mirror-bot': 'owner', dev: 'write' } });
  for (let i = 1; i <= 5; i++) {
    forge.addRepo('acme', `repo-${i}`, {
      visibility: i === 2 ? 'public' : 'private',
      archived: i === 3,
      fork: i === 4,
    });
  }
  forge.addRepo('dev', 'notes', { visibility: 'public' });
});

afterEach(async () => {
  await forge.stop();
  expect(forge.violations).toEqual([]);
  for (const request of forge.requests) {
    expect(request.path).not.toContain(TOKEN);
    expect(JSON.stringify(request.query)).not.toContain(TOKEN);
  }
});

function settings(overrides: Partial<TargetSettings> = {}): TargetSettings {
  return { type: 'gitea', url: forge.url, apiUrl: `${forge.url}/api/v1`, owner: 'acme', token: TOKEN, ...overrides };
}

function host(overrides: Partial<TargetSettings> = {}): GiteaHost {
  return new GiteaHost(settings(overrides), 'target', { minRetryWaitMs: 5, maxRetries: 1 });
}

async function listingFailure(promise: Promise<unknown>): Promise<ListingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ListingError);
  return error as ListingError;
}

describe('listing', () => {
  it('lists an organization over small pages, with the URLs, flags and default branch from the answers', async () => {
    const repos = await host().listRepos();
    expect(repos.map((r) => r.name)).toEqual(['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);
    const listings = forge.requests.filter((r) => r.path === '/api/v1/orgs/acme/repos');
    expect(listings.length).toBe(3);
    const [first, second, third, fourth] = repos;
    expect(first).toMatchObject({
      cloneUrl: `${forge.url}/acme/repo-1.git`,
      webUrl: `${forge.url}/acme/repo-1`,
      wikiCloneUrl: `${forge.url}/acme/repo-1.wiki.git`,
      wikiEnabled: true,
      defaultBranch: 'main',
      visibility: 'private',
      empty: true,
    });
    expect(first.sshUrl).toMatch(/acme\/repo-1\.git$/);
    expect(second.visibility).toBe('public');
    expect(third.archived).toBe(true);
    expect(fourth.fork).toBe(true);
  });

  it("lists a user's repositories when no organization has the name", async () => {
    const repos = await host({ owner: 'dev' }).listRepos();
    expect(repos.map((r) => r.name)).toEqual(['notes']);
    expect(forge.requests.map((r) => [r.path, r.status])).toContainEqual(['/api/v1/orgs/dev/repos', 404]);
  });

  it('never returns a partial listing: a failed page, or fewer items than X-Total-Count', async () => {
    forge.injectFault(
      { method: 'GET', path: '/api/v1/orgs/acme/repos', kind: 'api', times: Infinity },
      {
        alter: (answer: ForgeAnswer, url: URL) =>
          url.searchParams.get('page') === '2'
            ? { ...answer, status: 500, body: JSON.stringify({ message: 'boom' }) }
            : answer,
      },
    );
    expect((await listingFailure(host().listRepos())).message).toMatch(/page 2/);
    forge.clearFaults();

    // A repository removed while the listing is read: the server's count and the items read disagree.
    forge.injectFault(
      { method: 'GET', path: '/api/v1/orgs/acme/repos', kind: 'api', times: Infinity },
      {
        alter: (answer: ForgeAnswer, url: URL) =>
          url.searchParams.get('page') === '3'
            ? { ...answer, headers: { ...answer.headers, 'x-total-count': '6' } }
            : answer,
      },
    );
    expect((await listingFailure(host().listRepos())).message).toMatch(/X-Total-Count/);
  });

  it('reads the rel="next" link among others', () => {
    expect(nextLink('<https://h/api/v1/x?page=3>; rel="next",<https://h/api/v1/x?page=9>; rel="last"')).toBe(
      'https://h/api/v1/x?page=3',
    );
    expect(nextLink('<https://h/api/v1/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});

describe('target repositories', () => {
  it('creates in the organization (internal becomes private), follows settings, archives and enables the wiki', async () => {
    const gitea = host();
    expect(gitea.visibilities).toEqual(['private', 'public']);
    const made = await gitea.createRepo({
      name: 'mirror',
      description: 'Mirror of x',
      visibility: 'public',
      defaultBranch: 'trunk',
    });
    const record = forge.repo('acme', 'mirror');
    expect(record).toMatchObject({ visibility: 'public', description: 'Mirror of x', defaultBranch: 'trunk' });
    expect(made.defaultBranch).toBe('trunk');

    expect(await gitea.setVisibility(made, 'private')).toBe(true);
    expect(await gitea.setVisibility(made, 'private')).toBe(false);
    expect(record.visibility).toBe('private');
    record.hasWiki = false;
    const read = (await gitea.getRepo('mirror')) as RepoInfo;
    expect(read.wikiEnabled).toBe(false);
    expect(await gitea.enableWiki(read)).toBe(true);
    expect(record.hasWiki).toBe(true);
    expect(await gitea.archive(read)).toBe(true);
    expect(await gitea.archive(read)).toBe(false);
    expect(record.archived).toBe(true);
    expect(await gitea.unarchive(read)).toBe(true);
    expect(record.archived).toBe(false);
    expect(await gitea.getRepo('missing')).toBeUndefined();
  });
});

describe('protection', () => {
  async function seeded(): Promise<{ repo: RepoInfo; work: string }> {
    forge.seed('acme', 'repo-1', { branches: { main: ['a.txt'], 'feature/x': ['x.txt'] }, tags: ['v1', 'rel/1'] });
    const repo = (await host().getRepo('repo-1')) as RepoInfo;
    return { repo, work: tempDir('gitea-protect-') };
  }

  it('a ** branch rule and a * tag rule for the mirror only; correct protection costs no write', async () => {
    const { repo, work } = await seeded();
    const gitea = host();
    expect(await gitea.protect(repo)).toBe(true);
    const state = forge.repo('acme', 'repo-1').host as unknown as GiteaRepoState;
    expect(
      state.branchRules.map((r) => [r.rule_name, r.push_whitelist_usernames, r.force_push_allowlist_usernames]),
    ).toEqual([['**', ['mirror-bot'], ['mirror-bot']]]);
    expect(state.tagRules.map((r) => [r.name_pattern, r.whitelist_usernames])).toEqual([['*', ['mirror-bot']]]);
    const writes = forge.writes.length;
    expect(await gitea.protect(repo)).toBe(false);
    expect(forge.writes.length).toBe(writes);

    // Someone widens the rule: put right with one PATCH of what differs.
    state.branchRules[0].push_whitelist_usernames.push('dev');
    expect(await gitea.protect(repo)).toBe(true);
    expect(forge.writes.slice(writes).map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /api/v1/repos/acme/repo-1/branch_protections/**',
    ]);

    // Pushes: the developer is refused everywhere (nested branches and tags included); the mirror may push and
    // force-push, but not delete a protected branch.
    const clone = path.join(work, 'clone');
    const dev = { url: forge.url, token: DEV_TOKEN, username: 'dev' };
    expect((await gitAs(work, ['clone', '-q', `${forge.url}/acme/repo-1.git`, clone], dev)).status).toBe(0);
    await gitAs(clone, ['commit', '-q', '--allow-empty', '-m', 'direct'], dev);
    for (const refspec of [
      'HEAD:refs/heads/feature/x',
      'HEAD:refs/heads/new/branch',
      'HEAD:refs/tags/rel/2',
      ':refs/tags/v1',
    ]) {
      const pushed = await gitAs(clone, ['push', '-f', 'origin', refspec], dev);
      expect(pushed.status).not.toBe(0);
      expect(pushed.stderr).toMatch(/protected/i);
    }
    const bot = { url: forge.url, token: TOKEN, username: 'anything' };
    expect((await gitAs(clone, ['push', '-f', 'origin', 'HEAD:refs/heads/feature/x'], bot)).status).toBe(0);
    expect((await gitAs(clone, ['push', 'origin', ':refs/tags/v1'], bot)).status).toBe(0);
    const deletion = await gitAs(clone, ['push', 'origin', ':refs/heads/feature/x'], bot);
    expect(deletion.status).not.toBe(0);
    expect(deletion.stderr).toMatch(/protected from deletion/);

    // Lifted (as around a pruning push): only the mirror's own rules go, another rule stays.
    state.branchRules.push({ ...state.branchRules[0], rule_name: 'release/*', push_whitelist_usernames: ['dev'] });
    forge.protectionChanged(forge.repo('acme', 'repo-1'));
    expect(await gitea.unprotect(repo)).toBe(true);
    expect(state.branchRules.map((r) => r.rule_name)).toEqual(['release/*']);
    expect(state.tagRules).toEqual([]);
    expect((await gitAs(clone, ['push', 'origin', ':refs/heads/feature/x'], bot)).status).toBe(0);
    expect(await gitea.unprotect(repo)).toBe(false);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('deletes branches only with the rule lifted: the strategy says so', () => {
    expect(host().protectionStrategy).toBe('lift-for-branch-deletion');
  });

  it('Forgejo (branch rules without force-push allow-lists): protection is lifted around every push', async () => {
    const { repo } = await seeded();
    const gitea = host();
    await gitea.protect(repo);
    expect(gitea.protectionStrategy).toBe('lift-for-branch-deletion');
    // Forgejo answers the same rule without the force-push fields (Gitea 1.22 added them).
    const forgejoRule = (answer: ForgeAnswer): ForgeAnswer => {
      const rules = JSON.parse(answer.body) as Record<string, unknown>[];
      const trimmed = rules.map((rule) =>
        Object.fromEntries(Object.entries(rule).filter(([key]) => !/force_push/.test(key))),
      );
      return { ...answer, body: JSON.stringify(trimmed) };
    };
    forge.injectFault(
      { method: 'GET', path: '/api/v1/repos/acme/repo-1/branch_protections', kind: 'api' },
      { alter: forgejoRule },
    );
    const forgejo = host();
    expect(await forgejo.protect(repo)).toBe(false);
    expect(forgejo.protectionStrategy).toBe('lift');
  });
});

describe('webhooks', () => {
  const hook = { url: 'https://ci.example.com/hook?x=1', secret: 'first-secret' };

  it('one organization hook: created, replaced on every run (its secret cannot be read), never duplicated', async () => {
    const gitea = host();
    expect(await gitea.supportsNamespaceHook()).toBe(true);
    expect(await gitea.installHook(undefined, hook)).toBe('created');
    expect(await gitea.installHook(undefined, hook)).toBe('updated');
    expect(await gitea.installHook(undefined, { ...hook, secret: 'second-secret' })).toBe('updated');
    const hooks = giteaOrgHooks(forge.namespaces.get('acme')!);
    expect(hooks.map((h) => [h.type, h.url, h.events, h.active, h.secret])).toEqual([
      ['gitea', hook.url, ['push'], true, 'second-secret'],
    ]);
    // Someone else's hook is left alone.
    hooks.push({ ...hooks[0], id: 1, url: 'https://other.example.com/' });
    await gitea.installHook(undefined, hook);
    expect(hooks.map((h) => h.url).sort()).toEqual(['https://ci.example.com/hook?x=1', 'https://other.example.com/']);
  });

  it('a user namespace takes hooks per repository', async () => {
    const gitea = host({ owner: 'dev', token: DEV_TOKEN });
    expect(await gitea.supportsNamespaceHook()).toBe(false);
    const notes = (await gitea.getRepo('notes')) as RepoInfo;
    expect(await gitea.installHook(notes, hook)).toBe('created');
    expect(await gitea.installHook(notes, hook)).toBe('updated');
    expect(giteaRepoHooks(forge.repo('dev', 'notes')).map((h) => h.url)).toEqual([hook.url]);
  });
});
