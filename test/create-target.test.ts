/**
 * createTarget (src/mirror/create-target.ts) decisions, against a host whose create and lookup answers are scripted:
 * which failures lead to a lookup, what is adopted, what is created again, and what is refused as a collision.
 */
import { describe, expect, test } from '@jest/globals';

import { HostError, type Host, type RepoInfo } from '../src/hosts/host.js';
import { createTarget } from '../src/mirror/create-target.js';

const SOURCE = 'https://src.test/acme/api';

function repo(extra: Partial<RepoInfo> = {}): RepoInfo {
  return {
    id: '7',
    name: 'api',
    path: 'api',
    cloneUrl: 'https://dst.test/mirrors/api.git',
    webUrl: 'https://dst.test/mirrors/api',
    visibility: 'private',
    fork: false,
    archived: false,
    ...extra,
  };
}

/** A host that answers the create requests with `creates` in turn and every lookup with `found`. */
function scripted(creates: (RepoInfo | Error)[], found: () => RepoInfo | undefined) {
  const calls = { create: 0, lookup: 0 };
  const host = {
    createRepo: async () => {
      const answer = creates[calls.create++];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    getRepo: async () => {
      calls.lookup++;
      return found();
    },
  } as unknown as Host;
  return { host, calls };
}

const request = { name: 'api', description: `Mirror of ${SOURCE}`, visibility: 'private' as const };
const options = (host: Host, isEmpty = async () => false) => ({
  target: host,
  request,
  sourceWebUrl: SOURCE,
  isEmpty,
  minWaitMs: 1,
});

describe('createTarget', () => {
  test('a plain success needs no lookup', async () => {
    const { host, calls } = scripted([repo()], () => undefined);
    await expect(createTarget(options(host))).resolves.toEqual({ repo: repo(), adopted: false });
    expect(calls).toEqual({ create: 1, lookup: 0 });
  });

  test.each([
    [
      'a 502',
      new HostError('github target: creating acme/api failed: HTTP 502', { status: 502, outcomeUnknown: true }),
    ],
    [
      'a 503',
      new HostError('gitlab target: creating acme/api failed: HTTP 503', { status: 503, outcomeUnknown: true }),
    ],
    [
      'a reset',
      new HostError('gitlab: POST /projects failed: connection failed: ECONNRESET', {
        kind: 'connection',
        outcomeUnknown: true,
      }),
    ],
    ['"already exists"', new HostError('github target: creating acme/api failed: HTTP 422', 422)],
    ['"has already been taken"', new HostError('gitlab target: creating acme/api failed: HTTP 400', 400)],
  ])(
    'after %s, the repository the backend created (its description names this source) is adopted',
    async (_, error) => {
      const mine = repo({ description: `Mirror of ${SOURCE}` });
      const { host, calls } = scripted([error], () => mine);
      await expect(createTarget(options(host))).resolves.toEqual({ repo: mine, adopted: true });
      expect(calls).toEqual({ create: 1, lookup: 1 });
    },
  );

  test('an empty repository at the path is adopted; the host is asked only when its answer does not say', async () => {
    const lost = new HostError('HTTP 502', { status: 502, outcomeUnknown: true });
    const { host } = scripted([lost], () => repo({ description: 'someone', empty: true }));
    await expect(createTarget(options(host, async () => false))).resolves.toMatchObject({ adopted: true });
    const unknown = scripted([lost], () => repo({ description: 'someone' }));
    await expect(createTarget(options(unknown.host, async () => true))).resolves.toMatchObject({ adopted: true });
  });

  test('a non-empty repository that mirrors something else is a collision, never adopted', async () => {
    const foreign = repo({ description: 'Mirror of https://src.test/acme/other' });
    const { host, calls } = scripted([new HostError('HTTP 502', { status: 502, outcomeUnknown: true })], () => foreign);
    await expect(createTarget(options(host))).rejects.toThrow(
      /name collision: https:\/\/dst\.test\/mirrors\/api already exists on the target, is not empty and is not a mirror of https:\/\/src\.test\/acme\/api/,
    );
    expect(calls.create).toBe(1);
  });

  test('a lost answer with nothing at the path: created again, a bounded number of times', async () => {
    const lost = new HostError('HTTP 502', { status: 502, outcomeUnknown: true });
    const again = scripted([lost, repo()], () => undefined);
    await expect(createTarget(options(again.host))).resolves.toEqual({ repo: repo(), adopted: false });
    expect(again.calls).toEqual({ create: 2, lookup: 1 });
    const never = scripted([lost, lost, lost, repo()], () => undefined);
    await expect(createTarget(options(never.host))).rejects.toBe(lost);
    expect(never.calls).toEqual({ create: 3, lookup: 3 });
  });

  test('a refusal is final: "taken" with nothing at the path, and any other error, are not repeated', async () => {
    const taken = new HostError('HTTP 422', 422);
    const refused = scripted([taken, repo()], () => undefined);
    await expect(createTarget(options(refused.host))).rejects.toBe(taken);
    expect(refused.calls).toEqual({ create: 1, lookup: 1 });
    const forbidden = new HostError('HTTP 403', 403);
    const denied = scripted([forbidden, repo()], () => repo({ description: `Mirror of ${SOURCE}` }));
    await expect(createTarget(options(denied.host))).rejects.toBe(forbidden);
    expect(denied.calls).toEqual({ create: 1, lookup: 0 });
  });
});
