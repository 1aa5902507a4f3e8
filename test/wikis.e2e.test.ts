/**
 * `wikis: true` end to end with the bundled CLI: GitHub → GitLab and GitLab → GitLab wikis mirrored branch for branch;
 * a no-op run costs one ref discovery per source wiki and nothing on the target; a wiki edited on the target is
 * diverged and left untouched; a wiki switched off at the source costs no request; a GitHub target whose wiki was
 * never initialised and a Bitbucket Cloud target get a note, not a failure.
 *
 * Forges: one GitHub (source org `acme`, and target org `gh-mirrors`), one GitLab (source group `team`, target groups
 * `mirrors` and `gl-mirrors`), one Bitbucket Cloud (target workspace). Each pair has its own cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

import type { RepoResult } from '../src/report/model.js';
import { git } from './forge/seed.js';
import {
  filesContaining,
  gitSpy,
  mirrorEnv,
  runCli,
  tempDir,
  textContains,
  type CliRun,
  type GitSpy,
} from './support/cli.js';
import {
  addNamespace,
  endpointOf,
  expectExit,
  gitAuthorization,
  gitWith,
  startHostForge,
  type HostForge,
} from './support/pairs.js';

/** Long enough ago that the run trusts the push stamp (the mirror ignores stamps of the last few seconds). */
const LONG_AGO = '2024-01-01T00:00:00Z';

describe('wikis mirrored alongside the code', () => {
  let github: HostForge;
  let gitlab: HostForge;
  let bitbucket: HostForge;
  let work: string;
  let spy: GitSpy;
  const outputs: string[] = [];
  let bbcOwner: string;

  interface Side {
    host: HostForge;
    owner: string;
  }

  const mirror = async (from: Side, to: Side, extra: Record<string, string> = {}): Promise<CliRun> => {
    const dir = path.join(work, `${from.host.type}-${from.owner}-${to.host.type}-${to.owner}`);
    fs.mkdirSync(dir, { recursive: true });
    const env = mirrorEnv(
      {
        source: endpointOf('source', from.host, from.owner, false),
        target: endpointOf('target', to.host, to.owner, false),
        cacheDir: path.join(dir, 'cache'),
        reportFile: path.join(dir, 'report.json'),
      },
      { MIRROR_WIKIS: 'true', MIRROR_CONCURRENCY: '2', ...extra },
    );
    const run = await runCli({ env, spy, dist: true });
    outputs.push(run.stdout, run.stderr, JSON.stringify(run.report ?? {}));
    return run;
  };
  const result = (run: CliRun, name: string): RepoResult => {
    const repo = run.report?.repos.find((entry) => entry.name === name);
    if (!repo) throw new Error(`no result for ${name} in ${JSON.stringify(run.report?.repos)}`);
    return repo;
  };
  /** git requests a forge received for one repository's wiki. */
  const wikiRequests = (host: HostForge, fullPath: string) =>
    host.forge.gitRequests.filter((request) => request.repo.toLowerCase() === `${fullPath}.wiki`.toLowerCase());

  const acme = (): Side => ({ host: github, owner: 'acme' });
  const glMirrors = (): Side => ({ host: gitlab, owner: 'mirrors' });

  beforeAll(async () => {
    work = tempDir('org-mirror-wikis-');
    spy = gitSpy(work);
    [github, gitlab, bitbucket] = await Promise.all([
      startHostForge('github', 'gh-bot'),
      startHostForge('gitlab', 'gl-bot'),
      startHostForge('bitbucket-cloud', 'bbc-bot'),
    ]);
    addNamespace(github, 'acme');
    addNamespace(github, 'gh-mirrors');
    addNamespace(gitlab, 'team');
    addNamespace(gitlab, 'mirrors');
    addNamespace(gitlab, 'gl-mirrors');
    bbcOwner = addNamespace(bitbucket, 'bbc-mirrors');

    const gh = github.forge;
    // A repository with a wiki of two branches and a tag.
    gh.addRepo('acme', 'docs', { defaultBranch: 'main' });
    gh.seed('acme', 'docs', { branches: { main: ['README.md'] } });
    gh.seedWiki('acme', 'docs', { branches: { master: ['Home.md', 'Setup.md'], drafts: ['Ideas.md'] }, tags: ['v1'] });
    // The wiki switch on (GitHub's default) but no page ever created: no wiki repository.
    gh.addRepo('acme', 'unborn', { defaultBranch: 'main' });
    gh.seed('acme', 'unborn', { branches: { main: ['u.txt'] } });
    // The wiki switched off: it must cost nothing.
    gh.addRepo('acme', 'nowiki', { defaultBranch: 'main', wiki: false });
    gh.seed('acme', 'nowiki', { branches: { main: ['n.txt'] } });
    for (const name of ['docs', 'unborn', 'nowiki']) gh.repo('acme', name).pushedAt = LONG_AGO;

    const gl = gitlab.forge;
    gl.addRepo('team', 'handbook', { defaultBranch: 'main' });
    gl.seed('team', 'handbook', { branches: { main: ['h.txt'] } });
    gl.seedWiki('team', 'handbook', { branches: { master: ['home.md', 'onboarding.md'] } });
    gl.addRepo('team', 'closed', { defaultBranch: 'main', wiki: false });
    gl.seed('team', 'closed', { branches: { main: ['c.txt'] } });
  });

  afterAll(async () => {
    await Promise.all([github?.forge.stop(), gitlab?.forge.stop(), bitbucket?.forge.stop()]);
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('GitHub → GitLab: the wiki is mirrored into the project wiki, which the mirror switches on', async () => {
    const run = await mirror(acme(), glMirrors());
    expectExit(run, 0);
    expect(gitlab.forge.wikiRefs('mirrors', 'docs')).toEqual(github.forge.wikiRefs('acme', 'docs'));
    expect(Object.keys(gitlab.forge.wikiRefs('mirrors', 'docs')).sort()).toEqual([
      'refs/heads/drafts',
      'refs/heads/master',
      'refs/tags/v1',
    ]);
    const docs = result(run, 'docs');
    expect(docs.status).toBe('created');
    expect(docs.wiki?.status).toBe('updated');
    expect(docs.wiki?.refs.map((ref) => `${ref.kind} ${ref.ref}`).sort()).toEqual([
      'create refs/heads/drafts',
      'create refs/heads/master',
      'create refs/tags/v1',
    ]);
    // The project was created with its wiki off (a mirror collects nothing it cannot keep) and switched on for this.
    expect(gitlab.forge.repo('mirrors', 'docs').hasWiki).toBe(true);
    // Sources without a wiki repository or with the wiki off leave the target's wiki off and say nothing.
    for (const name of ['unborn', 'nowiki']) {
      expect(result(run, name).status).toBe('created');
      expect(result(run, name).wiki).toBeUndefined();
      expect(result(run, name).notes).toBeUndefined();
      expect(gitlab.forge.repo('mirrors', name).hasWiki).toBe(false);
    }
    // The code stays protected as before; the wiki carries no protected branches on GitLab (see docs/wikis.md).
    expect(gitlab.forge.wikiExists(gitlab.forge.repo('mirrors', 'unborn'))).toBe(false);
    expect(wikiRequests(github, 'acme/nowiki')).toEqual([]);
  });

  test('a no-op run: one ref discovery per source wiki, nothing else, and no request to the target wikis', async () => {
    const before = spy.calls().length;
    const sourceGit = github.forge.gitRequests.length;
    const targetGit = gitlab.forge.gitRequests.length;
    const targetWrites = gitlab.forge.writes.length;
    const run = await mirror(acme(), glMirrors());
    expectExit(run, 0);
    expect(run.report?.counts).toEqual({ 'up-to-date': 3 });
    // docs and unborn have the wiki switch on: one ref discovery each, of the source wiki, in process (no git
    // process at all); nowiki none.
    expect(spy.calls().slice(before)).toEqual([]);
    const advertised = github.forge.gitRequests
      .slice(sourceGit)
      .filter((request) => request.phase === 'advertise')
      .map((request) => request.repo)
      .sort();
    expect(advertised).toEqual(['acme/docs.wiki', 'acme/unborn.wiki']);
    expect(github.forge.gitRequests.slice(sourceGit).every((request) => request.service === 'git-upload-pack')).toBe(
      true,
    );
    expect(gitlab.forge.gitRequests.length).toBe(targetGit);
    expect(gitlab.forge.writes.length).toBe(targetWrites);
    expect(wikiRequests(github, 'acme/nowiki')).toEqual([]);
  });

  test('a new wiki page at the source is mirrored; the code, unchanged, is not fetched', async () => {
    github.forge.seedWiki('acme', 'docs', { branches: { master: ['Faq.md'] } });
    const before = spy.calls().length;
    const run = await mirror(acme(), glMirrors());
    expectExit(run, 0);
    expect(gitlab.forge.wikiRefs('mirrors', 'docs')).toEqual(github.forge.wikiRefs('acme', 'docs'));
    expect(result(run, 'docs').status).toBe('updated');
    expect(result(run, 'docs').wiki?.refs).toEqual([
      expect.objectContaining({ ref: 'refs/heads/master', kind: 'update' }),
    ]);
    // Nothing read or written for the code repositories: every git process was about a wiki.
    for (const call of spy.calls().slice(before)) expect(call).toMatch(/\.wiki\.git|^(fetch|merge-base|push)\b/);
  });

  test('a wiki page edited on the target is diverged and left untouched; the run fails', async () => {
    // A Developer may edit a GitLab wiki whatever the mirror does: the host has no protection for wikis.
    const clone = path.join(work, 'dev-wiki');
    const auth = { url: gitlab.forge.url, authorization: gitAuthorization('gitlab', gitlab.dev, false) };
    expect(
      (await gitWith(work, ['clone', '-q', `${gitlab.forge.url}/mirrors/docs.wiki.git`, clone], auth)).status,
    ).toBe(0);
    fs.writeFileSync(path.join(clone, 'Home.md'), 'edited on the mirror\n');
    await gitWith(clone, ['commit', '-qam', 'edit on the mirror']);
    expect((await gitWith(clone, ['push', '-q', 'origin', 'HEAD:refs/heads/master'], auth)).status).toBe(0);
    const edited = gitlab.forge.wikiRefs('mirrors', 'docs')['refs/heads/master'];
    github.forge.seedWiki('acme', 'docs', { branches: { master: ['Later.md'], drafts: ['More.md'] } });

    // Not seen by a no-op run as long as the source wiki is unchanged; seen now because the source moved.
    const run = await mirror(acme(), glMirrors());
    expectExit(run, 1);
    const docs = result(run, 'docs');
    expect(docs.status).toBe('diverged');
    expect(docs.reason).toMatch(/^wiki: 1 ref\(s\) changed on the target .*refs\/heads\/master/);
    expect(gitlab.forge.wikiRefs('mirrors', 'docs')['refs/heads/master']).toBe(edited);
    // The other wiki branch still follows the source.
    expect(gitlab.forge.wikiRefs('mirrors', 'docs')['refs/heads/drafts']).toBe(
      github.forge.wikiRefs('acme', 'docs')['refs/heads/drafts'],
    );
    expect(result(run, 'unborn').status).toBe('up-to-date');

    const again = await mirror(acme(), glMirrors());
    expectExit(again, 1);
    expect(result(again, 'docs').status).toBe('diverged');
    expect(gitlab.forge.wikiRefs('mirrors', 'docs')['refs/heads/master']).toBe(edited);
  });

  test('check and preview report the wiki without changing anything; overwrite restores it', async () => {
    const writes = gitlab.forge.writes.length;
    const pushes = gitlab.forge.pushes.length;
    const check = await mirror(acme(), glMirrors(), { MIRROR_MODE: 'check' });
    expectExit(check, 1);
    expect(result(check, 'docs').status).toBe('diverged');
    expect(result(check, 'nowiki').status).toBe('in-sync');
    const preview = await mirror(acme(), glMirrors(), { MIRROR_MODE: 'preview' });
    expect(result(preview, 'docs').wiki?.status).toBe('diverged');
    expect(gitlab.forge.writes.length).toBe(writes);
    expect(gitlab.forge.pushes.length).toBe(pushes);

    const edited = gitlab.forge.wikiRefs('mirrors', 'docs')['refs/heads/master'];
    const overwrite = await mirror(acme(), glMirrors(), { MIRROR_ON_DIVERGENCE: 'overwrite' });
    expectExit(overwrite, 0);
    expect(result(overwrite, 'docs').wiki?.refs).toEqual([
      expect.objectContaining({ ref: 'refs/heads/master', kind: 'force-update' }),
    ]);
    expect(gitlab.forge.wikiRefs('mirrors', 'docs')).toEqual(github.forge.wikiRefs('acme', 'docs'));
    // The overwritten page is not lost: its tip is kept under the wiki's history refs, as for code.
    const kept = git(gitlab.forge.repo('mirrors', 'docs').wikiDir, [
      'for-each-ref',
      '--format=%(objectname) %(refname)',
      'refs/mirror-history',
    ]);
    expect(kept).toMatch(new RegExp(`^${edited} refs/mirror-history/\\d{8}T\\d{6}Z/heads/master$`));
  });

  test('a source wiki switched off costs no request, and its mirror is left as it is', async () => {
    github.forge.repo('acme', 'docs').hasWiki = false;
    const requests = wikiRequests(github, 'acme/docs').length;
    const mirrored = gitlab.forge.wikiRefs('mirrors', 'docs');
    const run = await mirror(acme(), glMirrors());
    expectExit(run, 0);
    expect(result(run, 'docs').status).toBe('up-to-date');
    expect(result(run, 'docs').wiki).toBeUndefined();
    expect(wikiRequests(github, 'acme/docs').length).toBe(requests);
    expect(gitlab.forge.wikiRefs('mirrors', 'docs')).toEqual(mirrored);
    github.forge.repo('acme', 'docs').hasWiki = true;
  });

  test('a wiki that cannot be read fails its repository alone; the code and the other repositories are fine', async () => {
    github.forge.seed('acme', 'nowiki', { branches: { main: ['later.txt'] } });
    github.forge.repo('acme', 'nowiki').pushedAt = LONG_AGO.replace('01T', '02T');
    github.forge.injectFault({ kind: 'git', path: '/acme/docs.wiki.git', times: Infinity }, { status: 403 });
    try {
      const run = await mirror(acme(), glMirrors());
      expectExit(run, 1);
      const docs = result(run, 'docs');
      expect(docs.status).toBe('failed');
      expect(docs.reason).toMatch(/^wiki: .*403/);
      expect(result(run, 'nowiki').status).toBe('updated');
      expect(result(run, 'unborn').status).toBe('up-to-date');
    } finally {
      github.forge.clearFaults();
    }
    const after = await mirror(acme(), glMirrors());
    expectExit(after, 0);
    expect(result(after, 'docs').status).toBe('up-to-date');
  });

  test('GitLab → GitLab: the wiki is mirrored; a disabled one is never asked for', async () => {
    const from: Side = { host: gitlab, owner: 'team' };
    const to: Side = { host: gitlab, owner: 'gl-mirrors' };
    const run = await mirror(from, to);
    expectExit(run, 0);
    expect(gitlab.forge.wikiRefs('gl-mirrors', 'handbook')).toEqual(gitlab.forge.wikiRefs('team', 'handbook'));
    expect(Object.keys(gitlab.forge.wikiRefs('gl-mirrors', 'handbook'))).toEqual(['refs/heads/master']);
    expect(result(run, 'handbook').wiki?.status).toBe('updated');
    expect(gitlab.forge.repo('gl-mirrors', 'closed').hasWiki).toBe(false);
    expect(wikiRequests(gitlab, 'team/closed')).toEqual([]);

    // No-op: one discovery of the source wiki, none of the target's (GitLab has no push stamp, so the code is compared).
    const before = spy.calls().length;
    const gitBefore = gitlab.forge.gitRequests.length;
    const again = await mirror(from, to);
    expectExit(again, 0);
    expect(again.report?.counts).toEqual({ 'up-to-date': 2 });
    const wikiCalls = spy
      .calls()
      .slice(before)
      .filter((call) => call.includes('.wiki.git'));
    expect(wikiCalls).toEqual([]);
    const wikiAdvertised = gitlab.forge.gitRequests
      .slice(gitBefore)
      .filter((request) => request.phase === 'advertise' && request.repo.endsWith('.wiki'))
      .map((request) => request.repo);
    expect(wikiAdvertised).toEqual(['team/handbook.wiki']);
    expect(wikiRequests(gitlab, 'team/closed')).toEqual([]);
  });

  test('a GitHub target without an initialised wiki gets a note, not a failure', async () => {
    // An existing mirror repository with the wiki switch on but no page: GitHub has no wiki repository for it yet.
    github.forge.addRepo('gh-mirrors', 'docs', { defaultBranch: 'main' });
    // A new source repository with a wiki: its mirror is created with the wiki switched off.
    github.forge.addRepo('acme', 'guide', { defaultBranch: 'main' });
    github.forge.seed('acme', 'guide', { branches: { main: ['g.txt'] } });
    github.forge.seedWiki('acme', 'guide', { branches: { master: ['Home.md'] } });
    const run = await mirror(acme(), { host: github, owner: 'gh-mirrors' });
    expectExit(run, 0);
    const docs = result(run, 'docs');
    expect(docs.status).toBe('updated');
    expect(docs.notes).toEqual([expect.stringMatching(/has no wiki repository yet/)]);
    expect(docs.wiki).toBeUndefined();
    expect(run.stdout).toMatch(/docs: wiki not mirrored: .*has no wiki repository yet/);
    expect(github.forge.wikiExists(github.forge.repo('gh-mirrors', 'docs'))).toBe(false);
    expect(result(run, 'guide').status).toBe('created');
    expect(result(run, 'guide').notes).toEqual([
      expect.stringMatching(/the wiki of \S+\/gh-mirrors\/guide is switched off/),
    ]);
    expect(github.forge.repo('gh-mirrors', 'guide').hasWiki).toBe(false);
    // A source without a wiki repository gives no note.
    expect(result(run, 'unborn').notes).toBeUndefined();
  });

  test('a GitHub target wiki, once its first page exists, is diverged; one overwrite run makes it the mirror', async () => {
    const gh: Side = { host: github, owner: 'gh-mirrors' };
    // What the note asks for: someone creates the first page on the target.
    github.forge.seedWiki('gh-mirrors', 'docs', { branches: { master: ['Home.md'] } });
    const page = github.forge.wikiRefs('gh-mirrors', 'docs')['refs/heads/master'];
    const diverged = await mirror(acme(), gh);
    expectExit(diverged, 1);
    expect(result(diverged, 'docs').status).toBe('diverged');
    expect(github.forge.wikiRefs('gh-mirrors', 'docs')['refs/heads/master']).toBe(page);

    const overwrite = await mirror(acme(), gh, { MIRROR_ON_DIVERGENCE: 'overwrite' });
    expectExit(overwrite, 0);
    expect(github.forge.wikiRefs('gh-mirrors', 'docs')).toEqual(github.forge.wikiRefs('acme', 'docs'));
    const after = await mirror(acme(), gh);
    expectExit(after, 0);
    expect(result(after, 'docs').status).toBe('up-to-date');
  });

  test('a Bitbucket Cloud target gets a note, not a failure', async () => {
    const run = await mirror(acme(), { host: bitbucket, owner: bbcOwner });
    expectExit(run, 0);
    const docs = result(run, 'docs');
    expect(docs.status).toBe('created');
    expect(docs.notes).toEqual(['wiki not mirrored: bitbucket-cloud has no wiki repository the mirror can write to']);
    expect(result(run, 'nowiki').notes).toBeUndefined();
    expect(result(run, 'unborn').notes).toBeUndefined();
  });

  test('no token in output, report, cache or git argv; no contract violation', () => {
    const secrets = [github, gitlab, bitbucket].flatMap((host) => [host.bot.token, host.dev.token]);
    for (const text of outputs) expect(textContains(text, secrets)).toBe(false);
    expect(filesContaining(work, secrets)).toEqual([]);
    expect(textContains(spy.calls().join('\n'), secrets)).toBe(false);
    for (const host of [github, gitlab, bitbucket]) expect(host.forge.violations).toEqual([]);
  });
});
