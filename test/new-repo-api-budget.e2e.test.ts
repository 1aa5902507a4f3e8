/**
 * The API-call budget of a new repository (issue 10 item 4): a first sync into each target type, through the bundled
 * CLI, with the target forge recording every API request. A repository created by this run has no protection to lift
 * and nothing to read back, so each new repository costs only the writes it needs; the budgets are the README's
 * ("Performance"). Protection still holds afterwards (GitLab: its initial default-branch protection is gone, only the
 * mirror's locked `*` rules remain), and existing repositories keep "read first, write only when wrong".
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import type { ForgeType, RecordedRequest, RepoRecord } from './forge/forge.js';
import { gitSpy, tempDir } from './support/cli.js';
import {
  addNamespace,
  expectExit,
  HOST_TYPES,
  Pair,
  startHostForge,
  statusOf,
  type HostForge,
} from './support/pairs.js';

/** API calls per new repository, per target type (README "Performance"), for the repositories below. */
const BUDGET: Record<ForgeType, Record<string, number>> = {
  // create, branch ruleset, tag ruleset; + the default branch when it is not GitHub's `main` (beta: trunk)
  github: { alpha: 3, beta: 4, gamma: 3 },
  // create, remove the initial default-branch rule, `*` for branches, `*` for tags
  gitlab: { alpha: 4, beta: 4, gamma: 4 },
  // create (with its default branch), one bulk write of the restrictions
  'bitbucket-server': { alpha: 2, beta: 2, gamma: 2 },
  // create, the push restriction, the main branch (an empty repository's answer names none)
  'bitbucket-cloud': { alpha: 3, beta: 3, gamma: 3 },
  // create (with its default branch), the `**` branch rule, the `*` tag protection
  gitea: { alpha: 3, beta: 3, gamma: 3 },
};

/** Source repositories: default branch and branches. beta's default is not the hosts' default branch name. */
const REPOS: Record<string, { defaultBranch: string; branches: Record<string, string[]>; tags: string[] }> = {
  alpha: { defaultBranch: 'main', branches: { main: ['a.txt'], dev: ['d.txt'] }, tags: ['v1'] },
  beta: { defaultBranch: 'trunk', branches: { trunk: ['t.txt'], main: ['m.txt'] }, tags: [] },
  gamma: { defaultBranch: 'main', branches: { main: ['g.txt'] }, tags: ['g1'] },
};

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
};

/** The target repository a request is about, by its id, name or full path in the URL path; undefined: per run. */
function repoOf(request: RecordedRequest, repos: RepoRecord[]): RepoRecord | undefined {
  const segments = request.path.split('/').map(decode);
  return repos.find(
    (repo) =>
      segments.includes(String(repo.id)) ||
      segments.includes(repo.name.toLowerCase()) ||
      segments.includes(repo.fullPath.toLowerCase()),
  );
}

/** Creates whose URL names the namespace, not the repository: GitLab `POST /projects`, Bitbucket Server `…/repos`. */
const isCreateWithoutName = (request: RecordedRequest): boolean =>
  request.method === 'POST' && /\/(projects|repos)$/.test(request.path);

/**
 * Bitbucket Server names the token's user in the `X-AUSERNAME` header of an authenticated answer: the adapter reads
 * one repository once per run to learn whom to exempt from branch permissions. Not a per-repository call.
 */
const isUserProbe = (type: ForgeType, request: RecordedRequest): boolean =>
  type === 'bitbucket-server' && request.method === 'GET' && /\/repos\/[^/]+$/.test(request.path);

describe('first sync: API calls per new repository, per target type', () => {
  let root: string;
  let source: HostForge;
  const targets = {} as Record<ForgeType, HostForge>;
  const pairs = {} as Record<ForgeType, Pair>;

  beforeAll(async () => {
    root = tempDir('org-mirror-budget-');
    const started = await Promise.all([
      startHostForge('github', 'src-bot'),
      ...HOST_TYPES.map((type) => startHostForge(type, 'mirror-bot')),
    ]);
    source = started[0];
    HOST_TYPES.forEach((type, i) => (targets[type] = started[i + 1]));
    const spy = gitSpy(root);
    for (const type of HOST_TYPES) {
      const sourceOwner = addNamespace(source, `budget-to-${type}`);
      const targetOwner = addNamespace(targets[type], 'budget');
      pairs[type] = new Pair(source, sourceOwner, targets[type], targetOwner, spy, root, {
        source: false,
        target: false,
      });
      for (const [name, spec] of Object.entries(REPOS)) {
        source.forge.addRepo(sourceOwner, name, { defaultBranch: spec.defaultBranch, visibility: 'private' });
        source.forge.seed(sourceOwner, name, { branches: spec.branches, tags: spec.tags });
      }
    }
  });

  afterAll(async () => {
    await Promise.all([source, ...Object.values(targets)].filter(Boolean).map((host) => host.forge.stop()));
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test.concurrent.each(HOST_TYPES)(
    '→ %s: each new repository within its budget, default branch and protection right',
    async (type) => {
      const pair = pairs[type];
      const forge = targets[type].forge;
      const before = forge.requests.length;
      const run = await pair.mirror();
      expectExit(run, 0);
      const requests = forge.requests.slice(before);
      const repos = Object.keys(REPOS).map((name) => pair.targetRepo(name));

      const perRepo: Record<string, string[]> = Object.fromEntries(repos.map((repo) => [repo.name, []]));
      const perRun: string[] = [];
      let creates = 0;
      let probes = 0;
      for (const request of requests) {
        const line = `${request.method} ${request.path} ${request.status}`;
        const repo = repoOf(request, repos);
        if (isUserProbe(type, request) && probes++ === 0) perRun.push(line);
        else if (repo) perRepo[repo.name].push(line);
        else if (isCreateWithoutName(request)) creates++;
        else perRun.push(line);
      }
      // Creates that do not name the repository in their URL (one per repository) are counted per repository.
      if (creates) {
        expect(creates).toBe(repos.length);
        for (const repo of repos) perRepo[repo.name].unshift('POST (create)');
      }
      const counts = Object.fromEntries(Object.entries(perRepo).map(([name, lines]) => [name, lines.length]));
      const shown = JSON.stringify({ perRepo, perRun }, null, 1);
      expect({ counts, shown }).toEqual({ counts: BUDGET[type], shown });
      // The per-run part stays a handful (listing, namespace, account): nothing per repository hides in it.
      expect(perRun.length).toBeLessThanOrEqual(4);

      for (const [name, spec] of Object.entries(REPOS)) {
        expect(statusOf(run, name)).toBe('created');
        expect(pair.targetRefs(name)).toEqual(pair.sourceRefs(name));
        expect(pair.targetRepo(name).defaultBranch).toBe(spec.defaultBranch);
      }
      if (type === 'gitlab') {
        // GitLab's initial protection of the default branch (Maintainers may push) is gone: only locked `*` rules.
        for (const repo of repos) {
          const rules = (await getJson(pair, `/projects/${repo.id}/protected_branches`)) as {
            name: string;
            push_access_levels: { access_level: number }[];
            allow_force_push: boolean;
          }[];
          expect(
            rules.map((r) => [r.name, r.push_access_levels.map((l) => l.access_level), r.allow_force_push]),
          ).toEqual([['*', [0], false]]);
          const tags = (await getJson(pair, `/projects/${repo.id}/protected_tags`)) as { name: string }[];
          expect(tags.map((t) => t.name)).toEqual(['*']);
        }
      }

      // A developer's direct push is still refused on the default branch.
      const clone = await pair.clone('target', pair.targetRepo('alpha'), pair.target.dev);
      await clone.commit('direct.txt');
      const pushed = await clone.push(['HEAD:refs/heads/main']);
      expect(pushed.status).not.toBe(0);
      expect(pushed.stderr).toMatch(/pre-receive hook declined/);

      // Existing repositories: a verification run reads first and, all being right, writes nothing.
      const writes = forge.writes.length;
      const again = await pair.mirror({ MIRROR_VERIFY_INTERVAL: '0' });
      expectExit(again, 0);
      expect(again.report?.counts).toMatchObject({ 'up-to-date': 3 });
      expect(forge.writes.slice(writes)).toEqual([]);
      expect(forge.violations).toEqual([]);
    },
    240_000,
  );
});

/** One GitLab API read as the mirror's account. */
async function getJson(pair: Pair, apiPath: string): Promise<unknown> {
  const response = await fetch(`${pair.target.forge.apiUrl}${apiPath}`, {
    headers: { 'PRIVATE-TOKEN': pair.target.bot.token },
  });
  expect(response.status).toBe(200);
  return response.json();
}
