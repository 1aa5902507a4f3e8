import type { HostType } from './host-types.js';

/** Default server URL per type (SPEC "Hosts"); Bitbucket Server and Gitea (self-hosted, or Codeberg) have none. */
export const DEFAULT_URLS: Readonly<Record<HostType, string | undefined>> = {
  github: 'https://github.com',
  gitlab: 'https://gitlab.com',
  'bitbucket-cloud': 'https://bitbucket.org',
  'bitbucket-server': undefined,
  gitea: undefined,
};

/**
 * The API base each adapter builds its request URLs on (what `EndpointSettings.apiUrl` holds), derived from the server
 * URL per SPEC "Hosts":
 * - github: github.com → https://api.github.com; `<sub>.ghe.com` (GHE.com data residency) → https://api.<sub>.ghe.com;
 *   else `<url>/api/v3` (GHES). https://docs.github.com/en/enterprise-cloud@latest/rest/using-the-rest-api/getting-started-with-the-rest-api
 * - gitlab: `<url>/api/v4`
 * - bitbucket-cloud: bitbucket.org → https://api.bitbucket.org/2.0; else `<url>/2.0`
 * - bitbucket-server: `<url>/rest/api/1.0`. Branch permissions live beside it, at `<url>/rest/branch-permissions/2.0`:
 *   the adapter builds that one from `url` (SPEC "Hosts").
 * - gitea (and Forgejo): `<url>/api/v1`
 */
export function deriveApiUrl(type: HostType, url: string): string {
  const { hostname } = new URL(url);
  switch (type) {
    case 'github':
      if (hostname === 'github.com' || hostname === 'www.github.com') return 'https://api.github.com';
      if (hostname.endsWith('.ghe.com') && !hostname.startsWith('api.')) return `https://api.${hostname}`;
      return `${url}/api/v3`;
    case 'gitlab':
      return `${url}/api/v4`;
    case 'bitbucket-cloud':
      return hostname === 'bitbucket.org' || hostname === 'www.bitbucket.org'
        ? 'https://api.bitbucket.org/2.0'
        : `${url}/2.0`;
    case 'bitbucket-server':
      return `${url}/rest/api/1.0`;
    case 'gitea':
      return `${url}/api/v1`;
  }
}

export type UrlProblem = 'not-a-url' | 'scheme' | 'credentials' | 'query' | 'fragment';

export interface ParseUrlOptions {
  /** Allow a query string (webhook URLs such as GitLab's pipeline trigger URL carry one). */
  allowQuery?: boolean;
}

/**
 * Parse a server URL: http(s) only, no credentials (a token in a URL leaks into logs and .git/config), no query or
 * fragment, trailing slashes removed. Returns the normalised URL or the problem.
 */
export function parseHttpUrl(value: string, options: ParseUrlOptions = {}): { url: string } | { problem: UrlProblem } {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { problem: 'not-a-url' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { problem: 'scheme' };
  // The regex also catches `https://@host`, which URL parses to an empty username.
  if (parsed.username || parsed.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value)) {
    return { problem: 'credentials' };
  }
  if (value.includes('#')) return { problem: 'fragment' };
  if (!options.allowQuery && value.includes('?')) return { problem: 'query' };
  const path = parsed.pathname.replace(/\/+$/, '');
  return { url: `${parsed.protocol}//${parsed.host}${path}${options.allowQuery ? parsed.search : ''}` };
}

/**
 * A URL as it may be quoted in a message: whatever precedes an `@` in the authority (credentials) and every query value
 * (tokens, e.g. GitLab trigger URLs) replaced by `***`.
 */
export function redactUrl(value: string): string {
  return value
    .replace(/^([^/?#]*\/\/)?[^/?#]*@/, (_match, scheme: string | undefined) => `${scheme ?? ''}***@`)
    .replace(/([?&][^=&#]*=)[^&#]*/g, '$1***');
}
