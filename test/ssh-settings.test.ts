/**
 * SSH transport pieces without a server: the inputs (both or neither, key shape, known_hosts lines, no LFS), the git
 * URL check, the ssh_config and GIT_SSH_COMMAND quoting, and the key directory's life.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

import { assertGitUrl } from '../src/git/cache-repo.js';
import { Git } from '../src/git/git.js';
import { explainSshFailure, isSshSetupFailure, shellQuote, sshConfig, SshSessions } from '../src/git/ssh.js';
import { readSettings, secretsOf, SettingsError, type Settings } from '../src/settings/index.js';
import { makeKeyPair } from './forge/ssh-server.js';

const { privateKey, publicKey } = makeKeyPair('unit');
const KEY = { private: privateKey, public: publicKey };
const KNOWN_HOSTS = `github.com ${KEY.public.trim().split(' ').slice(0, 2).join(' ')}`;
const BASE: Record<string, string> = {
  MIRROR_SOURCE_TYPE: 'github',
  MIRROR_SOURCE_OWNER: 'acme',
  MIRROR_SOURCE_TOKEN: 'ghp_SourceSecretToken123',
  MIRROR_TARGET_TYPE: 'gitlab',
  MIRROR_TARGET_OWNER: 'mirrors',
  MIRROR_TARGET_TOKEN: 'glpat-TargetSecretToken456',
};
const read = (env: Record<string, string>, argv: string[] = []): Settings =>
  readSettings({ argv, env: { ...BASE, ...env } });
const errorOf = (env: Record<string, string>, argv: string[] = []): string => {
  try {
    read(env, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    for (const line of KEY.private.split('\n').filter((l) => l.length > 20)) expect(message).not.toContain(line);
    return message;
  }
  throw new Error('expected a SettingsError');
};

describe('SSH inputs', () => {
  it('reads a key and known hosts per side; the key is a secret to mask, line by line too', () => {
    const settings = read({ MIRROR_TARGET_SSH_KEY: KEY.private, MIRROR_TARGET_SSH_KNOWN_HOSTS: KNOWN_HOSTS });
    expect(settings.target.ssh).toEqual({ key: KEY.private.trim(), knownHosts: KNOWN_HOSTS });
    expect(settings.source.ssh).toBeUndefined();
    expect(secretsOf(settings)).toContain(KEY.private.trim());
  });

  it('takes the key as base64 (one line, for masked CI variables) and as an Action input', () => {
    const base64 = Buffer.from(KEY.private).toString('base64');
    const settings = read({ 'INPUT_SOURCE-SSH-KEY': base64, 'INPUT_SOURCE-SSH-KNOWN-HOSTS': KNOWN_HOSTS });
    expect(settings.source.ssh?.key).toBe(KEY.private.trim());
    // The form given is masked too, not only the decoded key.
    expect(secretsOf(settings)).toEqual(expect.arrayContaining([KEY.private.trim(), base64]));
  });

  it('refuses a key without known hosts, and known hosts without a key', () => {
    expect(errorOf({ MIRROR_SOURCE_SSH_KEY: KEY.private })).toMatch(
      /^Missing source-ssh-known-hosts\. Expected .*known_hosts lines/,
    );
    expect(errorOf({ MIRROR_TARGET_SSH_KNOWN_HOSTS: KNOWN_HOSTS })).toMatch(
      /^Invalid target-ssh-known-hosts: it is set but target-ssh-key is not\. Expected both/,
    );
  });

  it('refuses LFS with SSH on either side', () => {
    const ssh = { MIRROR_SOURCE_SSH_KEY: KEY.private, MIRROR_SOURCE_SSH_KNOWN_HOSTS: KNOWN_HOSTS };
    expect(errorOf({ ...ssh, MIRROR_LFS: 'true' })).toMatch(/^Invalid lfs 'true': Git LFS over SSH/);
    expect(read({ ...ssh, MIRROR_LFS: 'false' }).lfs).toBe(false);
  });

  it('refuses what is not a usable private key, without quoting it', () => {
    const hosts = { MIRROR_SOURCE_SSH_KNOWN_HOSTS: KNOWN_HOSTS };
    expect(errorOf({ ...hosts, MIRROR_SOURCE_SSH_KEY: KEY.public })).toMatch(/this is a public key/);
    expect(errorOf({ ...hosts, MIRROR_SOURCE_SSH_KEY: 'hunter2 is my key' })).toMatch(/not a private key/);
    const cut = KEY.private.split('\n').slice(0, 3).join('\n');
    expect(errorOf({ ...hosts, MIRROR_SOURCE_SSH_KEY: cut })).toMatch(/no matching BEGIN\/END lines/);
    const locked = { private: makeKeyPair('unit', 'secret').privateKey };
    expect(errorOf({ ...hosts, MIRROR_SOURCE_SSH_KEY: locked.private })).toMatch(/protected by a passphrase/);
    const pem =
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----';
    expect(errorOf({ ...hosts, MIRROR_SOURCE_SSH_KEY: pem })).toMatch(/protected by a passphrase/);
  });

  it('checks known_hosts line by line and quotes the bad one', () => {
    const key = { MIRROR_SOURCE_SSH_KEY: KEY.private };
    const bad = `${KNOWN_HOSTS}\ngithub.com ssh-ed25519`;
    expect(errorOf({ ...key, MIRROR_SOURCE_SSH_KNOWN_HOSTS: bad })).toMatch(
      /^Invalid source-ssh-known-hosts line 'github\.com ssh-ed25519'\. Expected known_hosts lines/,
    );
    expect(errorOf({ ...key, MIRROR_SOURCE_SSH_KNOWN_HOSTS: '# only a comment' })).toMatch(/no host key in it/);
    const marked = `# GitHub\n@cert-authority *.example.com ${KNOWN_HOSTS.split(' ').slice(1).join(' ')}\n${KNOWN_HOSTS}`;
    expect(read({ ...key, MIRROR_SOURCE_SSH_KNOWN_HOSTS: marked }).source.ssh?.knownHosts.split('\n')).toHaveLength(2);
  });

  it('refuses the key as a command-line flag (argv is visible to other users); known hosts are fine there', () => {
    expect(errorOf({}, ['--target-ssh-key', 'x'])).toMatch(/^Refusing --target-ssh-key on the command line/);
    const settings = read({ MIRROR_TARGET_SSH_KEY: KEY.private }, ['--target-ssh-known-hosts', KNOWN_HOSTS]);
    expect(settings.target.ssh?.knownHosts).toBe(KNOWN_HOSTS);
  });
});

describe('assertGitUrl', () => {
  it.each([
    'https://github.com/acme/api.git',
    'ssh://git@127.0.0.1:2222/acme/api.git',
    'ssh://git@bitbucket.example.com:7999/proj/repo.git',
    'ssh://[::1]:22/a.git',
    'git@github.com:acme/api.git',
    'git@gitlab.example.com:group/sub/project.git',
  ])('accepts %s', (url) => expect(() => assertGitUrl(url)).not.toThrow());

  it.each([
    '-oProxyCommand=touch /tmp/x',
    'ssh://-oProxyCommand=x/a.git',
    'ssh://git@-oProxyCommand=x/a.git',
    'ssh://-user@host/a.git',
    'git@-oProxyCommand=x:a.git',
    '-git@host:a.git',
    'git@host:-a.git',
    'git@host:a b.git',
    'ssh://git@host/a.git\n--upload-pack=x',
    'ssh://git@host/a\t.git',
    'ext::sh -c touch% /tmp/x',
    'file:///etc/passwd',
    '/local/path.git',
    'host:path.git',
  ])('refuses %j', (url) => expect(() => assertGitUrl(url)).toThrow(/refusing to use/));
});

describe('ssh_config and GIT_SSH_COMMAND', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('pins strict host key checking, the given files only, no agent, no prompts', () => {
    const config = sshConfig('/t/key', '/t/known_hosts');
    for (const line of [
      'IdentityFile "/t/key"',
      'IdentitiesOnly yes',
      'IdentityAgent none',
      'UserKnownHostsFile "/t/known_hosts"',
      'GlobalKnownHostsFile /dev/null',
      'StrictHostKeyChecking yes',
      'BatchMode yes',
      'PasswordAuthentication no',
      'ForwardAgent no',
    ]) {
      expect(config).toContain(`  ${line}\n`);
    }
    expect(sshConfig('/t/100%/key', '/k')).toContain('IdentityFile "/t/100%%/key"');
  });

  it('quotes for sh so that no path can break out', () => {
    const evil = `/tmp/a b'$(touch x)';"c`;
    const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(evil)}`]).toString();
    expect(out).toBe(evil);
  });

  it('writes the key 0600 in a 0700 directory, gives git only a config path, and removes everything on close', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ssh unit %dir-'));
    dirs.push(base);
    const sessions = new SshSessions({ source: { key: KEY.private, knownHosts: KNOWN_HOSTS } }, base);
    const transport = sessions.get('source');
    expect(sessions.get('target')).toBeUndefined();
    const [dir] = fs.readdirSync(base);
    const keyFile = path.join(base, dir, 'source-key');
    expect(fs.statSync(path.join(base, dir)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${KEY.private.trim()}\n`);
    expect(transport?.command).toBe(`ssh -F '${path.join(base, dir, 'source-config')}'`);
    expect(transport?.command).not.toContain('key');
    // What git gets: the command in the environment, no key, and the caller's own ssh setup gone.
    const env = new Git({ env: { GIT_SSH: '/bin/evil', SSH_AUTH_SOCK: '/agent', PATH: '/usr/bin' } }).environment({
      credentials: [{ url: 'ssh://git@h/a.git', sshCommand: transport?.command }],
    });
    expect(env.GIT_SSH_COMMAND).toBe(transport?.command);
    expect(env.GIT_SSH).toBeUndefined();
    expect(env.SSH_AUTH_SOCK).toBeUndefined();
    expect(JSON.stringify(env)).not.toContain(KEY.private.split('\n')[1]);
    // What ssh itself makes of it, through sh as git runs it (`ssh -G` prints the resolved options, no connection).
    const resolved = execFileSync('sh', ['-c', `${transport?.command} -G github.com`]).toString();
    // (ssh -G prints IdentityFile before expanding its % tokens: `%%` there is the escaped `%`; the e2e test connects.)
    expect(resolved).toContain(`identityfile ${keyFile.replace(/%/g, '%%')}\n`);
    expect(resolved).toContain(`userknownhostsfile ${path.join(base, dir, 'source-known_hosts')}\n`);
    expect(resolved).toMatch(/^stricthostkeychecking true$/m);
    expect(resolved).toMatch(/^batchmode yes$/m);
    expect(resolved).toMatch(/^identitiesonly yes$/m);
    expect(resolved).toMatch(/^identityagent none$/m);
    sessions.close();
    sessions.close();
    expect(fs.readdirSync(base)).toEqual([]);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it('refuses one git call that would need the keys of both sides', () => {
    expect(() =>
      new Git().environment({
        credentials: [
          { url: 'ssh://a/x.git', sshCommand: "ssh -F '/a'" },
          { url: 'ssh://b/y.git', sshCommand: "ssh -F '/b'" },
        ],
      }),
    ).toThrow(/both sides/);
  });
});

describe('explainSshFailure', () => {
  it('names the input for an unknown or changed host key, a refused key, an unusable key', () => {
    const unknown =
      'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.\nfatal: Could not read from remote repository.';
    expect(explainSshFailure('target', unknown)).toBe(
      'target: the SSH host key of [127.0.0.1]:2222 is not in target-ssh-known-hosts (unknown or changed host key)',
    );
    const changed =
      'Host key for github.com has changed and you have requested strict checking.\nHost key verification failed.';
    expect(explainSshFailure('source', changed)).toMatch(/host key of github\.com is not in source-ssh-known-hosts/);
    expect(explainSshFailure('source', 'git@github.com: Permission denied (publickey).')).toMatch(
      /^source: the SSH key in source-ssh-key was refused/,
    );
    expect(explainSshFailure('source', 'Load key "/x": invalid format')).toMatch(/could not use source-ssh-key/);
    expect(explainSshFailure('source', 'ERROR: Repository not found.')).toBeUndefined();
    expect(isSshSetupFailure('target', explainSshFailure('target', unknown))).toBe(true);
    expect(isSshSetupFailure('source', explainSshFailure('target', unknown))).toBe(false);
  });
});
