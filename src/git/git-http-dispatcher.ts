/**
 * The HTTP dispatcher of in-process git requests: one keep-alive pool per origin, direct or through the proxy the
 * environment names (as the API clients), TLS verified against Node's store plus GIT_SSL_CAINFO when set.
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { EnvHttpProxyAgent, type Dispatcher } from '../hosts/undici.js';

let shared: { key: string; dispatcher: Dispatcher } | undefined;

/**
 * One keep-alive pool per origin for the whole run (EnvHttpProxyAgent: direct or through the proxy the environment
 * names, NO_PROXY honoured), rebuilt only when the environment's proxy or CA settings change.
 */
export function discoveryDispatcher(env: NodeJS.ProcessEnv): Dispatcher {
  const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'GIT_SSL_CAINFO'];
  const key = names.map((name) => env[name] ?? '').join('\n');
  if (shared?.key !== key) {
    const ca = trustedCertificates(env);
    const tlsOptions = ca ? { connect: { ca }, requestTls: { ca }, proxyTls: { ca } } : {};
    shared = {
      key,
      dispatcher: new EnvHttpProxyAgent({
        httpProxy: env.http_proxy ?? env.HTTP_PROXY,
        httpsProxy: env.https_proxy ?? env.HTTPS_PROXY,
        noProxy: env.no_proxy ?? env.NO_PROXY,
        keepAliveTimeout: 10_000,
        connections: 32,
        ...tlsOptions,
      }),
    };
  }
  return shared.dispatcher;
}

/**
 * With GIT_SSL_CAINFO: Node's roots, NODE_EXTRA_CA_CERTS and that file (an explicit CA list replaces Node's default
 * one, extra certificates included, so all three are named). Without it: undefined, Node's default store.
 */
function trustedCertificates(env: NodeJS.ProcessEnv): string[] | undefined {
  const file = env.GIT_SSL_CAINFO?.trim();
  if (!file) return undefined;
  const ca = [...tls.rootCertificates];
  for (const name of [env.NODE_EXTRA_CA_CERTS?.trim(), file]) {
    if (!name) continue;
    try {
      ca.push(readFileSync(name, 'utf8'));
    } catch {
      // An unreadable file adds nothing: the certificate check then fails with its own clear message.
    }
  }
  return ca;
}
