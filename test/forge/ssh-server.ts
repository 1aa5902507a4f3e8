/**
 * Git over SSH for a forge, as the hosts serve it: an SSH server (the `ssh2` package) on 127.0.0.1 (port chosen by
 * the OS) that takes public-key authentication only, maps each accepted key to a forge user (a deploy key), and runs
 * `git upload-pack` / `git receive-pack` on the forge's bare repositories for `exec` requests, with the forge's hooks,
 * so the pre-receive protection applies exactly as over HTTP. Its host key is made per server. Once attached, the
 * forge's API answers carry `ssh://git@127.0.0.1:<port>/<path>.git` as the SSH clone URL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';

import type { Forge } from './forge.js';
import { LAST_PUSH_FILE } from './hook-scripts.js';
import { ACCESS, type ForgeUser } from './types.js';

// ssh2 is CommonJS: its named exports are reached through the default import under ESM.
const { Server, utils } = ssh2;

export interface SshKeyPair {
  /** OpenSSH private key text (what the mirror's `*-ssh-key` input takes). */
  privateKey: string;
  /** `ssh-ed25519 AAAA… comment` */
  publicKey: string;
}

/**
 * A fresh ed25519 key pair in OpenSSH formats. About one pair in 256 that ssh2 generates cannot be read back (it strips
 * a public key's leading zero byte: https://github.com/mscdex/ssh2/issues/1390): such a pair is made again, so that
 * no test fails on the draw.
 */
export function makeKeyPair(comment = 'org-mirror-test', passphrase?: string): SshKeyPair {
  const encryption = passphrase ? { passphrase, cipher: 'aes256-ctr', rounds: 4 } : {};
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', { comment, ...encryption });
    const readable = !(utils.parseKey(pair.private, passphrase) instanceof Error);
    if (!readable || utils.parseKey(pair.public) instanceof Error) continue;
    return { privateKey: pair.private, publicKey: pair.public.trim() };
  }
}

export interface ForgeSshServer {
  port: number;
  /** The `known_hosts` line of this server's host key (`[127.0.0.1]:port ssh-ed25519 AAAA…`). */
  knownHosts: string;
  /** Accept `publicKey` as `username`'s key (a deploy key acting as that user). */
  authorize(publicKey: string, username: string): void;
  /** Public keys offered and refused, and exec commands run (for assertions). */
  readonly refusedKeys: string[];
  readonly commands: string[];
  stop(): Promise<void>;
}

/** Starts an SSH server for `forge` and makes the forge's API answers carry its URLs. */
export async function startSshServer(forge: Forge): Promise<ForgeSshServer> {
  const host = makeKeyPair('forge-host-key');
  const keys = new Map<string, string>();
  const refusedKeys: string[] = [];
  const commands: string[] = [];
  const connections = new Set<Connection>();

  const server = new Server({ hostKeys: [host.privateKey] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    let user: ForgeUser | undefined;
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const offered = `${ctx.key.algo} ${ctx.key.data.toString('base64')}`;
      const username = keys.get(offered);
      if (!username) {
        refusedKeys.push(offered);
        return ctx.reject(['publickey']);
      }
      if (ctx.signature && ctx.blob) {
        const parsed = utils.parseKey(offered);
        if (parsed instanceof Error || !parsed.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) {
          return ctx.reject(['publickey']);
        }
      }
      user = forge.users.get(username.toLowerCase());
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        const env: Record<string, string> = {};
        session.on('env', (accept, _reject, info) => {
          if (info.key === 'GIT_PROTOCOL') env.GIT_PROTOCOL = info.val;
          accept?.();
        });
        session.on('exec', (accept, _reject, info) => {
          commands.push(info.command);
          serveGit(forge, user, info.command, env, accept());
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  forge.sshBase = `ssh://git@127.0.0.1:${port}`;
  const publicPart = host.publicKey.split(' ').slice(0, 2).join(' ');
  return {
    port,
    knownHosts: `[127.0.0.1]:${port} ${publicPart}`,
    authorize: (publicKey, username) => keys.set(publicKey.split(' ').slice(0, 2).join(' '), username),
    refusedKeys,
    commands,
    stop: async () => {
      forge.sshBase = undefined;
      for (const connection of connections) connection.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `git-upload-pack '/owner/repo.git'` → service and path, with git's single-quote escaping undone. */
function parseCommand(command: string): { service: 'git-upload-pack' | 'git-receive-pack'; path: string } | undefined {
  const match = /^(git-upload-pack|git-receive-pack) '((?:[^']|'\\'')*)'$/.exec(command);
  if (!match) return undefined;
  return { service: match[1] as 'git-upload-pack' | 'git-receive-pack', path: match[2].replace(/'\\''/g, "'") };
}

function serveGit(
  forge: Forge,
  user: ForgeUser | undefined,
  command: string,
  clientEnv: Record<string, string>,
  stream: ServerChannel,
): void {
  const deny = (message: string): void => {
    stream.stderr.write(`${message}\n`);
    stream.exit(128);
    stream.end();
  };
  const parsed = parseCommand(command);
  if (!parsed) return deny(`forge ssh: unsupported command: ${command}`);
  const repo = forge.findRepo(parsed.path.replace(/^\/+/, ''));
  const write = parsed.service === 'git-receive-pack';
  const record = (status: number): void => {
    forge.gitRequests.push({
      service: parsed.service,
      phase: 'exchange',
      repo: repo?.fullPath ?? parsed.path,
      user: user?.username,
      status,
      transport: 'ssh',
    });
  };
  if (!repo || !forge.canRead(user, repo)) {
    record(404);
    return deny('ERROR: Repository not found.');
  }
  const level = forge.accessLevel(user, repo);
  if (write && (level < ACCESS.write || repo.archived)) {
    record(403);
    return deny('ERROR: You are not allowed to push code to this project.');
  }
  if (write) fs.rmSync(path.join(repo.dir, LAST_PUSH_FILE), { force: true });
  const config = forge.gitServiceConfig();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_COUNT: String(config.length),
    REMOTE_USER: user?.username ?? '',
    FORGE_ACCESS_LEVEL: String(level),
    ...clientEnv,
  };
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  const child = spawn('git', [parsed.service.slice('git-'.length), repo.dir], { env, stdio: 'pipe' });
  stream.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  child.stdout.pipe(stream, { end: false });
  child.stderr.pipe(stream.stderr, { end: false });
  child.on('close', (code) => {
    record(code === 0 ? 200 : 500);
    if (write) forge.finishPush(repo, user);
    stream.exit(code ?? 1);
    stream.end();
  });
}
