import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { readSettings, secretsOf, SettingsError, type Settings } from '../src/settings/index.js';

const PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const BASE64 = Buffer.from(PEM).toString('base64');

/** A GitHub → GitHub sync, the target authenticated as an App. */
const BASE: Record<string, string> = {
  MIRROR_SOURCE_TYPE: 'github',
  MIRROR_SOURCE_OWNER: 'acme',
  MIRROR_TARGET_TYPE: 'github',
  MIRROR_TARGET_URL: 'https://github.example.com',
  MIRROR_TARGET_OWNER: 'acme-mirror',
  MIRROR_TARGET_APP_ID: '42',
  MIRROR_TARGET_APP_PRIVATE_KEY: PEM,
};

function read(env: Record<string, string | undefined> = {}, argv: string[] = []): Settings {
  return readSettings({ argv, env: { ...BASE, ...env } });
}

/** The SettingsError thrown: one line, never any part of the key. */
function errorOf(env: Record<string, string | undefined> = {}, argv: string[] = []): string {
  try {
    read(env, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    for (const line of PEM.split('\n').filter((l) => l.length > 40)) expect(message).not.toContain(line);
    expect(message).not.toContain(BASE64.slice(0, 40));
    return message;
  }
  throw new Error('expected a SettingsError');
}

describe('GitHub App inputs', () => {
  it('reads the App id, the key as PEM or as base64 of it, and an optional installation id', () => {
    expect(read().target.app).toEqual({ appId: 42, privateKey: PEM, privateKeyAsGiven: PEM.trim() });
    expect(read({ MIRROR_TARGET_APP_PRIVATE_KEY: BASE64 }).target.app?.privateKey).toBe(PEM);
    // base64 wrapped at 76 columns (`base64 app.pem`), and a PEM with literal \n (as .env files write it).
    const wrapped = BASE64.replace(/(.{76})/g, '$1\n');
    expect(read({ MIRROR_TARGET_APP_PRIVATE_KEY: wrapped }).target.app?.privateKey).toBe(PEM);
    expect(read({ MIRROR_TARGET_APP_PRIVATE_KEY: PEM.trim().replace(/\n/g, '\\n') }).target.app?.privateKey).toBe(PEM);
    expect(read({ 'INPUT_TARGET-APP-INSTALLATION-ID': '777' }).target.app?.installationId).toBe(777);
    expect(read({ MIRROR_SOURCE_APP_ID: '9', MIRROR_SOURCE_APP_PRIVATE_KEY: BASE64 }).source.app?.appId).toBe(9);
  });

  it('lets an App stand for the token a mode needs', () => {
    expect(read({ MIRROR_MODE: 'remove' }).target.token).toBeUndefined();
    const hooks = read({
      MIRROR_MODE: 'install-hooks',
      MIRROR_SOURCE_APP_ID: '9',
      MIRROR_SOURCE_APP_PRIVATE_KEY: BASE64,
      MIRROR_HOOK_URL: 'https://ci.example.com/hook',
      MIRROR_HOOK_SECRET: 'hook-secret-value',
    });
    expect(hooks.source.app?.appId).toBe(9);
    expect(errorOf({ MIRROR_TARGET_APP_ID: undefined, MIRROR_TARGET_APP_PRIVATE_KEY: undefined })).toMatch(
      /^Missing target-token\. Expected an access token for the target \(or target-app-id and target-app-private-key\)/,
    );
  });

  it('masks the key as PEM and as given', () => {
    const escaped = PEM.trim().replace(/\n/g, '\\n');
    expect(secretsOf(read({ MIRROR_TARGET_APP_PRIVATE_KEY: escaped }))).toEqual(expect.arrayContaining([PEM, escaped]));
  });

  it('refuses bad combinations before any request, naming the input', () => {
    expect(errorOf({ MIRROR_TARGET_APP_PRIVATE_KEY: undefined })).toMatch(/^Missing target-app-private-key\./);
    expect(errorOf({ MIRROR_TARGET_APP_ID: undefined })).toMatch(/^Missing target-app-id\./);
    expect(
      errorOf({
        MIRROR_TARGET_APP_ID: undefined,
        MIRROR_TARGET_APP_PRIVATE_KEY: undefined,
        MIRROR_TARGET_APP_INSTALLATION_ID: '5',
        MIRROR_TARGET_TOKEN: 't0ken',
      }),
    ).toMatch(/^Missing target-app-id\./);
    expect(errorOf({ MIRROR_TARGET_TOKEN: 'ghp_abcdefgh' })).toBe(
      'Both target-token and target-app-id are set. Expected one way to authenticate the target: a token or a GitHub App.',
    );
    expect(errorOf({ MIRROR_TARGET_APP_ID: '12a' })).toMatch(/^Invalid target-app-id '12a'\. Expected the numeric/);
    expect(errorOf({ MIRROR_TARGET_APP_INSTALLATION_ID: '-3' })).toMatch(/^Invalid target-app-installation-id '-3'/);
    expect(errorOf({ MIRROR_TARGET_TYPE: 'gitlab', MIRROR_TARGET_URL: 'https://gitlab.example.com' })).toMatch(
      /^Invalid target-app-id: target-type gitlab has no GitHub Apps\./,
    );
    expect(
      errorOf({
        MIRROR_SOURCE_TYPE: 'bitbucket-cloud',
        MIRROR_SOURCE_OWNER: 'ws',
        MIRROR_SOURCE_APP_PRIVATE_KEY: BASE64,
      }),
    ).toMatch(/^Invalid source-app-private-key: source-type bitbucket-cloud has no GitHub Apps\./);
  });

  it('refuses a value that is not an RSA private key, without quoting it', () => {
    for (const bad of [
      'hunter2-not-a-key',
      Buffer.from('just text').toString('base64'),
      // The first line of the body gone (the key's own ASN.1 header): always broken, whatever the random key.
      PEM.replace(/\n[^\n-][^\n]*\n/, '\n'),
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ]) {
      const message = errorOf({ MIRROR_TARGET_APP_PRIVATE_KEY: bad });
      expect(message).toMatch(/^Invalid target-app-private-key: not an RSA private key in PEM form/);
      expect(message).not.toContain(bad.slice(0, 12));
    }
  });

  it('refuses the key as a CLI flag', () => {
    expect(errorOf({}, ['--target-app-private-key', 'value'])).toMatch(
      /^Refusing --target-app-private-key on the command line.*MIRROR_TARGET_APP_PRIVATE_KEY/,
    );
  });
});
