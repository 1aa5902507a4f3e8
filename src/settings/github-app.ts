import { createPrivateKey } from 'node:crypto';
import type { HostType } from './host-types.js';
import { type InputReader, oneLine } from './input-sources.js';
import { type GitHubAppSettings, type InputName, SettingsError } from './settings.js';

/**
 * The GitHub App inputs of one side (`<side>-app-id`, `<side>-app-private-key`, `<side>-app-installation-id`), or
 * undefined when none is set. Refused before any request: App inputs on a side that is not GitHub, an id without a key
 * or a key without an id, an installation id without an App, and an App together with `<side>-token` (two ways to
 * authenticate one side: which one wins would be a guess).
 */
export function readGitHubApp(
  read: InputReader,
  side: 'source' | 'target',
  type: HostType,
  hasToken: boolean,
): GitHubAppSettings | undefined {
  const name = (suffix: string) => `${side}-${suffix}` as InputName;
  const rawId = read(name('app-id'))?.value;
  const rawKey = read(name('app-private-key'))?.value;
  const rawInstallation = read(name('app-installation-id'))?.value;
  if (rawId === undefined && rawKey === undefined && rawInstallation === undefined) return undefined;

  if (type !== 'github') {
    const given = rawId !== undefined ? 'app-id' : rawKey !== undefined ? 'app-private-key' : 'app-installation-id';
    throw new SettingsError(
      `Invalid ${name(given)}: ${side}-type ${type} has no GitHub Apps. Expected it unset unless ${side}-type is github.`,
    );
  }
  if (rawId === undefined) {
    throw new SettingsError(`Missing ${name('app-id')}. Expected the numeric id of the GitHub App whose key is given.`);
  }
  const appId = positiveInteger(rawId, name('app-id'), 'the numeric GitHub App id (App settings, "App ID")');
  if (rawKey === undefined) {
    throw new SettingsError(
      `Missing ${name('app-private-key')}. Expected the GitHub App's private key (PEM, or its base64 on one line).`,
    );
  }
  if (hasToken) {
    throw new SettingsError(
      `Both ${name('token')} and ${name('app-id')} are set. Expected one way to authenticate the ${side}: a token or a GitHub App.`,
    );
  }
  const app: GitHubAppSettings = {
    appId,
    privateKey: readPrivateKey(rawKey, name('app-private-key')),
    privateKeyAsGiven: rawKey,
  };
  if (rawInstallation !== undefined) {
    app.installationId = positiveInteger(
      rawInstallation,
      name('app-installation-id'),
      'the numeric installation id (or leave it unset to look it up from the owner)',
    );
  }
  return app;
}

function positiveInteger(raw: string, name: InputName, expected: string): number {
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1)) throw new SettingsError(`Invalid ${name} '${oneLine(raw)}'. Expected ${expected}.`);
  return value;
}

/**
 * The key as PEM: given as is (literal `\n` escapes, as .env files write it, are line breaks), or as base64 of the PEM
 * (a GitLab masked variable must be one line). Parsed here so that a wrong value fails before any request. The value is
 * never quoted in the message.
 */
function readPrivateKey(raw: string, name: InputName): string {
  let pem = raw.includes('-----BEGIN') ? raw.replace(/\\n/g, '\n') : '';
  if (!pem && /^[A-Za-z0-9+/=\s]+$/.test(raw)) pem = Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8');
  let type: string | undefined;
  try {
    type = pem.includes('-----BEGIN') ? createPrivateKey(pem).asymmetricKeyType : undefined;
  } catch {
    type = undefined;
  }
  if (type !== 'rsa') {
    throw new SettingsError(
      `Invalid ${name}: not an RSA private key in PEM form, nor the base64 of one. Expected the content of the .pem file GitHub generated for the App, or its base64 on one line.`,
    );
  }
  return `${pem.trim()}\n`;
}
