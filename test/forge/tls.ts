/**
 * HTTPS for the test forge: a private CA made at test time with the openssl CLI (no key material in the repository),
 * and a server certificate for 127.0.0.1/localhost signed by it. Clients trust it only when told to
 * (`NODE_EXTRA_CA_CERTS`, `GIT_SSL_CAINFO`), which is what the TLS tests check.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

export interface ForgeTls {
  /** PEM file of the private CA: what NODE_EXTRA_CA_CERTS / GIT_SSL_CAINFO point to. */
  caFile: string;
  cert: string;
  key: string;
}

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes a CA and a server certificate (P-256 keys: fast) under `dir/tls`. */
export function createForgeTls(dir: string): ForgeTls {
  const tlsDir = path.join(dir, 'tls');
  fs.mkdirSync(tlsDir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(tlsDir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=org-mirror test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(tlsDir, ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(
    path.join(tlsDir, 'server.ext'),
    [
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
    ].join('\n') + '\n',
  );
  openssl(tlsDir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  ]);
  return {
    caFile: path.join(tlsDir, 'ca.pem'),
    cert: fs.readFileSync(path.join(tlsDir, 'server.pem'), 'utf8'),
    key: fs.readFileSync(path.join(tlsDir, 'server.key'), 'utf8'),
  };
}

/** An HTTP server, or an HTTPS one with `tls`. */
export function createForgeServer(tls: ForgeTls | undefined, listener: http.RequestListener): http.Server {
  return tls ? https.createServer({ cert: tls.cert, key: tls.key }, listener) : http.createServer(listener);
}
