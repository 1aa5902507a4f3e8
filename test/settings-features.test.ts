import { describe, expect, it, jest } from '@jest/globals';

// Switch every feature on, as the lead will once they are built, to test what the gated inputs then require.
jest.unstable_mockModule('../src/settings/features.js', () => ({
  FEATURES: {
    sourceTypes: ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'],
    targetTypes: ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'],
    modes: ['sync', 'preview', 'check', 'remove', 'install-hooks'],
    lfs: true,
  },
}));
const { readSettings, SettingsError } = await import('../src/settings/index.js');

const BASE = {
  MIRROR_SOURCE_TYPE: 'github',
  MIRROR_SOURCE_OWNER: 'acme',
  MIRROR_TARGET_TYPE: 'gitlab',
  MIRROR_TARGET_OWNER: 'mirrors',
};

function read(env: Record<string, string | undefined>) {
  return readSettings({ argv: [], env: { ...BASE, ...env } });
}

describe('inputs of features switched on in FEATURES', () => {
  it('accepts lfs and the remove mode once enabled, remove needing the target token', () => {
    expect(read({ MIRROR_LFS: 'true', MIRROR_TARGET_TOKEN: 't0ken' }).lfs).toBe(true);
    expect(read({ MIRROR_MODE: 'remove', MIRROR_TARGET_TOKEN: 't0ken' }).mode).toBe('remove');
    expect(() => read({ MIRROR_MODE: 'remove' })).toThrow(
      new SettingsError('Missing target-token. Expected an access token for the target: mode remove writes to it.'),
    );
  });

  it('requires source-token, hook-url and hook-secret for install-hooks, not the target token', () => {
    const env = { MIRROR_MODE: 'install-hooks' };
    // The source here is GitHub, where a GitHub App is the alternative to a token.
    expect(() => read(env)).toThrow(
      'Missing source-token. Expected an access token that may manage source webhooks (or source-app-id and source-app-private-key).',
    );
    expect(() => read({ ...env, MIRROR_SOURCE_TOKEN: 'ghp_x' })).toThrow('Missing hook-url.');
    expect(() =>
      read({ ...env, MIRROR_SOURCE_TOKEN: 'ghp_x', MIRROR_HOOK_URL: 'https://ci.example.com/hook' }),
    ).toThrow('Missing hook-secret. Expected the secret that signs webhook deliveries.');
    const settings = read({
      ...env,
      MIRROR_SOURCE_TOKEN: 'ghp_x',
      MIRROR_HOOK_URL: 'https://ci.example.com/hook/',
      MIRROR_HOOK_SECRET: 's3cret',
    });
    expect(settings).toMatchObject({
      mode: 'install-hooks',
      hookUrl: 'https://ci.example.com/hook',
      hookSecret: 's3cret',
    });
    expect(settings.target.token).toBeUndefined();
  });
});
