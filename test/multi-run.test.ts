/**
 * runMirrors: every enabled mirror once, sharing one set of job slots; a disabled mirror never runs (except in mode
 * remove, which lifts its protection); one mirror failing leaves the others' results whole.
 */
import { describe, expect, it } from '@jest/globals';

import type { JobSlots } from '../src/mirror/engine.js';
import { runMirrors, type MirrorToRun } from '../src/mirror/multi-run.js';
import { exitCodeOf, renderJUnit, renderMarkdown } from '../src/report/index.js';
import type { RunReport } from '../src/report/model.js';
import type { Settings } from '../src/settings/settings.js';

function mirror(id: string, enabled = true): MirrorToRun {
  const settings = {
    mirrorId: id,
    mode: 'sync',
    concurrency: 2,
    source: { type: 'github', url: 'https://github.com', apiUrl: 'https://api.github.com', owner: id },
    target: { type: 'gitlab', url: 'https://gitlab.com', apiUrl: 'https://gitlab.com/api/v4', owner: `mirrors/${id}` },
  } as unknown as Settings;
  return { id, enabled, settings };
}

function reportOf(settings: Settings, names: string[]): RunReport {
  return {
    version: 1,
    mode: settings.mode,
    source: settings.source,
    target: settings.target,
    startedAt: new Date().toISOString(),
    durationMs: 5,
    counts: {},
    repos: names.map((name) => ({ name, status: 'created', refs: [], durationMs: 1 })),
  };
}

const quiet = { info: () => undefined, error: () => undefined };

describe('runMirrors', () => {
  it('runs every enabled mirror with the same job slots, never a disabled one, and keeps going after a failure', async () => {
    const ran: string[] = [];
    const slots = new Set<JobSlots>();
    const report = await runMirrors(
      { mode: 'sync', concurrency: 2 },
      [mirror('a'), mirror('off', false), mirror('broken'), mirror('b')],
      async (settings, shared) => {
        ran.push(settings.mirrorId!);
        slots.add(shared);
        if (settings.mirrorId === 'broken') throw new Error('listing failed: 500');
        return reportOf(settings, [`${settings.mirrorId}-1`, `${settings.mirrorId}-2`]);
      },
      quiet,
    );
    expect(ran.sort()).toEqual(['a', 'b', 'broken']);
    expect(slots.size).toBe(1);
    expect(report.repos.map((repo) => [repo.mirror, repo.name])).toEqual([
      ['a', 'a-1'],
      ['a', 'a-2'],
      ['b', 'b-1'],
      ['b', 'b-2'],
    ]);
    expect(report.counts).toEqual({ created: 4 });
    expect(report.mirrors?.map((section) => [section.id, section.enabled, section.error, section.counts])).toEqual([
      ['a', true, undefined, { created: 2 }],
      ['off', false, undefined, {}],
      ['broken', true, 'listing failed: 500', {}],
      ['b', true, undefined, { created: 2 }],
    ]);
    expect(exitCodeOf(report, { onDivergence: 'fail' })).toBe(1);

    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/^## org-mirror sync: 4 mirrors\n/);
    expect(markdown).toContain('### off: github off → gitlab mirrors/off\n\n⏸️ disabled');
    expect(markdown).toContain('❌ **Run failed:** listing failed: 500');
    const junit = renderJUnit(report);
    expect(junit.match(/<testsuite /g)).toHaveLength(4);
    expect(junit).toContain('<testsuites name="org-mirror" tests="5" failures="0" errors="1"');
  });

  it('runs a disabled mirror in mode remove, which lifts its protection', async () => {
    const ran: string[] = [];
    await runMirrors(
      { mode: 'remove', concurrency: 1 },
      [mirror('off', false)],
      async (settings) => {
        ran.push(settings.mirrorId!);
        return reportOf(settings, []);
      },
      quiet,
    );
    expect(ran).toEqual(['off']);
  });
});
