import { describe, expect, it } from '@jest/globals';

import type { RepoInfo } from '../src/hosts/host.js';
import { hasOrphanMark, withOrphanMark, withoutOrphanMark } from '../src/hosts/orphan-mark.js';
import { isSetAside, mirroredOrigin } from '../src/mirror/orphans.js';
import type { Settings } from '../src/settings/settings.js';

const settings = { source: { url: 'https://github.com', owner: 'Acme' } } as Settings;

function repo(description: string, archived = false): RepoInfo {
  return {
    id: '1',
    name: 'x',
    path: 'x',
    cloneUrl: '',
    webUrl: '',
    description,
    visibility: 'private',
    fork: false,
    archived,
  };
}

describe('orphan mark (Bitbucket)', () => {
  it('is added once, with the date, and removed exactly', () => {
    const marked = withOrphanMark('Mirror of https://github.com/acme/x', '2026-01-31');
    expect(marked).toBe('Mirror of https://github.com/acme/x (orphaned on 2026-01-31)');
    expect(withOrphanMark(marked, '2026-02-01')).toBe(marked);
    expect(hasOrphanMark(marked)).toBe(true);
    expect(withoutOrphanMark(marked)).toBe('Mirror of https://github.com/acme/x');
    expect(withOrphanMark(undefined, '2026-01-31')).toBe('(orphaned on 2026-01-31)');
    expect(hasOrphanMark('orphaned on 2026-01-31 by hand')).toBe(false);
  });

  it("recognises this source namespace's mirrors, marked or not, and what is set aside", () => {
    expect(mirroredOrigin(repo('Mirror of https://github.com/acme/x (orphaned on 2026-01-31)'), settings)).toBe(
      'https://github.com/acme/x',
    );
    expect(mirroredOrigin(repo('Mirror of https://github.com/other/x'), settings)).toBeUndefined();
    expect(mirroredOrigin(repo('Mirror of https://gitlab.com/acme/x'), settings)).toBeUndefined();
    expect(mirroredOrigin(repo('A project'), settings)).toBeUndefined();
    expect(isSetAside(repo('Mirror of https://github.com/acme/x (orphaned on 2026-01-31)'))).toBe(true);
    expect(isSetAside(repo('Mirror of https://github.com/acme/x', true))).toBe(true);
    expect(isSetAside(repo('Mirror of https://github.com/acme/x'))).toBe(false);
  });
});
