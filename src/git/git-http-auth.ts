/**
 * The credentials of git's smart HTTP requests made in this process: which `Authorization` header goes to a URL
 * (as git scopes `http.<url>.extraHeader`), and every form of a credential to remove from text meant for messages.
 */
import type { GitCredential } from './git.js';

/**
 * The headers git would send to `url` from `http.<cred.url>.extraHeader`: same scheme, host and port, and the
 * credential's path equal to the URL's or a parent of it at a `/` boundary (git-config "http.<url>.*" matching).
 */
export function headersFor(url: URL, credentials: GitCredential[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const credential of credentials) {
    let scope: URL;
    try {
      scope = new URL(credential.url);
    } catch {
      continue;
    }
    if (scope.protocol !== url.protocol || scope.host !== url.host) continue;
    const prefix = scope.pathname.replace(/\/+$/, '');
    const path = url.pathname.replace(/\/+$/, '');
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    const header = credential.header;
    if (!header) continue;
    const colon = header.indexOf(':');
    if (colon <= 0) continue;
    headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }
  return headers;
}

/** Every form of the credentials (header value, Basic password, decoded pair) replaced in text meant for messages. */
export function redactor(credentials: GitCredential[]): (text: string) => string {
  const secrets = new Set<string>();
  for (const { header } of credentials) {
    if (!header) continue;
    const value = header.slice(header.indexOf(':') + 1).trim();
    secrets.add(value);
    const match = /^(\w+)\s+(.+)$/.exec(value);
    if (!match) continue;
    secrets.add(match[2]);
    if (match[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(match[2], 'base64').toString('utf8');
      secrets.add(decoded);
      secrets.add(decoded.slice(decoded.indexOf(':') + 1));
    }
  }
  const ordered = [...secrets].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((result, secret) => result.split(secret).join('***'), text);
}
