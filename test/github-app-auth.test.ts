import { describe, expect, it } from '@jest/globals';
import { ExpiringTokenCache, refreshDue } from '../src/hosts/github/app-auth.js';

const at = (ms: number) => new Date(ms).toISOString();
const HOUR = 3600_000;

describe('installation token refresh', () => {
  it('renews an hour-long token once less than half its life remains, so that a transfer starts with 30 minutes', () => {
    const created = Date.parse('2026-01-01T10:00:00Z');
    const expires = created + HOUR;
    expect(refreshDue(at(created), at(expires), created + 30 * 60_000 - 1)).toBe(false);
    expect(refreshDue(at(created), at(expires), created + 30 * 60_000)).toBe(true);
    expect(refreshDue(at(created), at(expires), expires + 1)).toBe(true);
  });

  it('renews a short-lived token in the second half of its life', () => {
    const created = Date.parse('2026-01-01T10:00:00Z');
    expect(refreshDue(at(created), at(created + 10_000), created + 4_999)).toBe(false);
    expect(refreshDue(at(created), at(created + 10_000), created + 5_000)).toBe(true);
  });

  it('treats an unreadable expiry as due', () => {
    expect(refreshDue(at(Date.now()), 'never')).toBe(true);
  });

  it('caches in the library format, and forgets a token once its renewal is due', () => {
    const made: string[] = [];
    const cache = new ExpiringTokenCache((token) => made.push(token));
    const now = Date.now();
    cache.set('1', `ghs_fresh|${at(now)}|${at(now + HOUR)}|all|contents!,metadata|`);
    cache.set('2', `ghs_stale|${at(now - HOUR)}|${at(now + 60_000)}|all|contents!|`);
    expect(cache.get('1')).toMatch(/^ghs_fresh\|/);
    expect(cache.get('2')).toBe('');
    expect(cache.get('2')).toBe('');
    expect(cache.get('3')).toBe('');
    // Every token stored is reported once stored (the host masks it).
    expect(made).toEqual(['ghs_fresh', 'ghs_stale']);
  });

  it('forgets every token when one was refused (clear), so that the next request makes a new one', () => {
    const cache = new ExpiringTokenCache();
    const now = Date.now();
    cache.set('1', `ghs_refused|${at(now)}|${at(now + HOUR)}|all|contents!|`);
    expect(cache.get('1')).toMatch(/^ghs_refused\|/);
    cache.clear();
    expect(cache.get('1')).toBe('');
  });
});
