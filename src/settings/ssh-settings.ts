import { oneLine, type InputReader } from './input-sources.js';
import { type InputName, type SshSettings, SettingsError } from './settings.js';

const KEY_EXPECTED = 'the private key of a deploy key without passphrase, as OpenSSH or PEM text or base64 of it';

/**
 * `<side>-ssh-key` and `<side>-ssh-known-hosts`: both or neither. The key is checked for shape only (ssh says the
 * rest) and never quoted in a message; known_hosts lines are checked one by one and a bad one is quoted (they are public).
 */
export function readSshSettings(read: InputReader, side: 'source' | 'target'): SshSettings | undefined {
  const keyName = `${side}-ssh-key` as InputName;
  const hostsName = `${side}-ssh-known-hosts` as InputName;
  const rawKey = read(keyName)?.value;
  const rawHosts = read(hostsName)?.value;
  if (rawKey === undefined && rawHosts === undefined) return undefined;
  if (rawKey === undefined) {
    throw new SettingsError(
      `Invalid ${hostsName}: it is set but ${keyName} is not. Expected both (SSH transport for the ${side}) or neither.`,
    );
  }
  if (rawHosts === undefined) {
    throw new SettingsError(
      `Missing ${hostsName}. Expected the ${side} SSH server's host keys as known_hosts lines (e.g. from ssh-keyscan, checked against the host's published fingerprints) when ${keyName} is set: host keys are always checked.`,
    );
  }
  const key = readPrivateKey(rawKey, keyName);
  const ssh: SshSettings = { key, knownHosts: readKnownHosts(rawHosts, hostsName) };
  if (key !== rawKey) ssh.encoded = rawKey;
  return ssh;
}

function readPrivateKey(raw: string, name: InputName): string {
  const text = raw.startsWith('-----BEGIN ') ? raw : fromBase64(raw);
  const fail = (reason: string) => new SettingsError(`Invalid ${name}: ${reason}. Expected ${KEY_EXPECTED}.`);
  if (text === undefined) {
    if (/^(ssh-|ecdsa-|sk-)\S+ AAAA/.test(raw)) throw fail('this is a public key');
    throw fail('not a private key');
  }
  const match = /^-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----\r?\n([\s\S]*?)\r?\n-----END \1-----\s*$/.exec(text);
  if (!match) throw fail('not a private key (no matching BEGIN/END lines)');
  if (isEncrypted(match[1], match[2]))
    throw fail('it is protected by a passphrase, which a run without prompts cannot give');
  return text;
}

/** Base64 of a key (one line, for CI variables that must be masked), decoded; undefined when it is not that. */
function fromBase64(raw: string): string | undefined {
  const compact = raw.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8').trim();
  return decoded.startsWith('-----BEGIN ') ? decoded : undefined;
}

/** PEM `Proc-Type: 4,ENCRYPTED` / `ENCRYPTED PRIVATE KEY`, or an OpenSSH key whose cipher is not `none`. */
function isEncrypted(label: string, body: string): boolean {
  if (label.startsWith('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/i.test(body)) return true;
  if (label !== 'OPENSSH PRIVATE KEY') return false;
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = Buffer.from('openssh-key-v1\0');
  if (bytes.length < magic.length + 4 || !bytes.subarray(0, magic.length).equals(magic)) return false;
  const length = bytes.readUInt32BE(magic.length);
  const cipher = bytes.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1');
  return cipher !== 'none';
}

/** known_hosts lines: `[@marker] hosts keytype base64key [comment]`; comments and blank lines allowed. */
function readKnownHosts(raw: string, name: InputName): string {
  const lines = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of lines) {
    const fields = line.split(/\s+/);
    const [, type, key] = fields[0].startsWith('@') ? fields.slice(1) : fields;
    if (!type || !key || !/^(ssh-|ecdsa-|sk-|rsa-)[\w@.-]+$/.test(type) || !/^AAAA[A-Za-z0-9+/]+={0,3}$/.test(key)) {
      throw new SettingsError(
        `Invalid ${name} line '${oneLine(line, 120)}'. Expected known_hosts lines: hosts, key type and base64 key, e.g. from ssh-keyscan.`,
      );
    }
  }
  if (!lines.length) throw new SettingsError(`Invalid ${name}: no host key in it. Expected known_hosts lines.`);
  return lines.join('\n');
}
