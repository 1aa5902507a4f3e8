/**
 * SSH transport for git, one per side (source, target) configured with an SSH key.
 *
 * The private key is written to a 0600 file inside a fresh 0700 directory (mkdtemp), next to the given known_hosts
 * and an ssh_config that pins everything: strict host key checking against that known_hosts only, that key only, no
 * agent, no prompts, no forwarding. git gets `GIT_SSH_COMMAND=ssh -F '<dir>/config'` in its environment:
 * - git runs GIT_SSH_COMMAND through `sh -c` (it is documented as shell-interpreted), so the one argument we pass, the
 *   config path, is single-quoted (POSIX quoting cannot be escaped from: `'` itself becomes `'\''`). The key's path
 *   never appears on any command line, and neither does the key.
 * - With `-F`, ssh reads neither ~/.ssh/config nor /etc/ssh/ssh_config, so nothing of the machine's setup (an agent,
 *   a ProxyCommand, `StrictHostKeyChecking accept-new`) can loosen the checks.
 * - ssh expands `%` tokens in IdentityFile and UserKnownHostsFile: `%` in the path is written `%%`.
 * The directory is removed when the run ends, whatever happens: `close()` in a finally, and synchronously on
 * SIGTERM / SIGINT / exit (the handlers then let the signal end the process as it would have).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Side = 'source' | 'target';

export interface SshSideSettings {
  /** The private key (OpenSSH or PEM text). */
  key: string;
  /** known_hosts lines. */
  knownHosts: string;
}

/** One side's SSH setup on disk; `command` goes into GIT_SSH_COMMAND. */
export interface SshTransport {
  side: Side;
  command: string;
}

/** All SSH sides of a run and the directory holding their files. */
export class SshSessions {
  private readonly transports = new Map<Side, SshTransport>();
  private dir?: string;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.close();
    // Let the signal do what it would have done without us (end the process with its status).
    process.kill(process.pid, signal);
  };
  private readonly onExit = (): void => this.close();

  constructor(sides: Partial<Record<Side, SshSideSettings>>, baseDir = defaultBaseDir()) {
    const entries = Object.entries(sides).filter((entry): entry is [Side, SshSideSettings] => Boolean(entry[1]));
    if (!entries.length) return;
    this.dir = mkdtempSync(path.join(baseDir, 'org-mirror-ssh-'));
    process.once('SIGTERM', this.onSignal);
    process.once('SIGINT', this.onSignal);
    process.once('exit', this.onExit);
    try {
      for (const [side, settings] of entries) this.transports.set(side, this.write(side, settings));
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** The side's transport, when that side uses SSH. */
  get(side: Side): SshTransport | undefined {
    return this.transports.get(side);
  }

  /** Removes every file (idempotent; synchronous so that signal and exit handlers can use it). */
  close(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('exit', this.onExit);
  }

  private write(side: Side, settings: SshSideSettings): SshTransport {
    const dir = this.dir as string;
    const file = (name: string) => path.join(dir, `${side}-${name}`);
    assertPlainPath(dir);
    writeFileSync(file('key'), normaliseText(settings.key), { mode: 0o600 });
    writeFileSync(file('known_hosts'), normaliseText(settings.knownHosts), { mode: 0o600 });
    writeFileSync(file('config'), sshConfig(file('key'), file('known_hosts')), { mode: 0o600 });
    return { side, command: `ssh -F ${shellQuote(file('config'))}` };
  }
}

/** RUNNER_TEMP on Actions runners (wiped at the end of the job even after a SIGKILL), else the system temp dir. */
function defaultBaseDir(): string {
  return process.env.RUNNER_TEMP || tmpdir();
}

/** The ssh_config of one side: every option that matters pinned, nothing taken from the machine. */
export function sshConfig(keyFile: string, knownHostsFile: string): string {
  return [
    'Host *',
    `  IdentityFile ${configPath(keyFile)}`,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    '  AddKeysToAgent no',
    `  UserKnownHostsFile ${configPath(knownHostsFile)}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  UpdateHostKeys no',
    '  CheckHostIP no',
    '  HashKnownHosts no',
    '  VerifyHostKeyDNS no',
    '  BatchMode yes',
    '  PasswordAuthentication no',
    '  KbdInteractiveAuthentication no',
    '  PreferredAuthentications publickey',
    '  ForwardAgent no',
    '  ForwardX11 no',
    '  ClearAllForwardings yes',
    '  PermitLocalCommand no',
    '  ControlMaster no',
    '  ControlPath none',
    '  ConnectTimeout 30',
    '  ServerAliveInterval 15',
    '  ServerAliveCountMax 4',
    '  LogLevel ERROR',
    '',
  ].join('\n');
}

/** A path as an ssh_config argument: double-quoted, `%` doubled (ssh expands % tokens in these options). */
function configPath(file: string): string {
  return `"${file.replace(/%/g, '%%')}"`;
}

/** POSIX single quotes: nothing inside is special to `sh`; a `'` closes, is escaped, and reopens. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** ssh_config has no escape for `"` or `\` inside a quoted argument: refuse such a temp dir rather than guess. */
function assertPlainPath(dir: string): void {
  if (/["\\\p{Cc}]/u.test(dir)) {
    throw new Error(
      `the temporary directory ${JSON.stringify(dir)} has characters ssh cannot take in a path; set TMPDIR elsewhere`,
    );
  }
}

/** LF line ends and a final newline: ssh refuses a key file without one (`invalid format`). */
function normaliseText(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').trim()}\n`;
}

/**
 * ssh's words for the three ways a side's SSH setup fails, turned into one clear sentence; undefined for anything else
 * (network trouble, a missing repository: not the setup's fault).
 */
export function explainSshFailure(side: Side, stderr: string): string | undefined {
  const host = /(?:host key for|is known for) (\S+)/i.exec(stderr)?.[1]?.replace(/\.$/, '');
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No \S+ host key is known/i.test(stderr)) {
    return `${side}: the SSH host key of ${host ?? 'the server'} is not in ${side}-ssh-known-hosts (unknown or changed host key)`;
  }
  if (/Permission denied \(publickey|Too many authentication failures/i.test(stderr)) {
    return `${side}: the SSH key in ${side}-ssh-key was refused by the server (wrong key, or not a deploy key of this repository)`;
  }
  if (/Load key .*(invalid format|incorrect passphrase)|error in libcrypto/i.test(stderr)) {
    return `${side}: ssh could not use ${side}-ssh-key (not a private key, or protected by a passphrase)`;
  }
  return undefined;
}

/** Whether a repository's failure reason is one of `explainSshFailure`'s sentences for `side`. */
export function isSshSetupFailure(side: Side, reason: string | undefined): boolean {
  return Boolean(reason?.startsWith(`${side}: the SSH `) || reason?.startsWith(`${side}: ssh could not use `));
}
