/**
 * The HTTP dispatcher of in-process git requests: one keep-alive pool per origin, direct or through the proxy the
 * environment names (as the API clients), TLS verified against Node's store plus GIT_SSL_CAINFO when set.
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { proxyConfigured } from '../hosts/proxy.js';
import { buildConnector, EnvHttpProxyAgent, type Dispatcher } from '../hosts/undici.js';

let shared: { key: string; dispatcher: Dispatcher } | undefined;

/**
 * One keep-alive pool per origin for the whole run (EnvHttpProxyAgent: direct or through the proxy the environment
 * names, NO_PROXY honoured), rebuilt only when the environment's proxy or CA settings change.
 */
export function discoveryDispatcher(env: NodeJS.ProcessEnv): Dispatcher {
  const names = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'GIT_SSL_CAINFO'];
  const key = names.map((name) => env[name] ?? '').join('\n');
  if (shared?.key !== key) {
    const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
    const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY;
    // Whether EnvHttpProxyAgent may make a proxy agent: for a proxy given, else one it finds in process.env.
    const proxied = proxyConfigured(env) || proxyConfigured(process.env);
    const ca = trustedCertificates(env);
    shared = {
      key,
      dispatcher: new EnvHttpProxyAgent({
        httpProxy,
        httpsProxy,
        noProxy: env.no_proxy ?? env.NO_PROXY,
        keepAliveTimeout: 10_000,
        connections: 32,
        ...(ca ? trustOptions(ca, proxied) : {}),
      }),
    };
  }
  return shared.dispatcher;
}

/**
 * The options that make `ca` the certificates trusted, as one TLS context made when it is first needed. Given as `ca`
 * (some 200 kB of PEM), the list was parsed into a context again for every TLS connection (tls.connect makes one from
 * its options when given none: tens of ms each), and copied through JSON.stringify/parse by every Agent and Pool
 * constructor (undici deep-clones the options it hands on, `requestTls` and `proxyTls` among them), even when no
 * connection used it. Direct connections take a connector that makes the context at the first HTTPS connection (one
 * connector for every origin, as undici's proxy agent has for its tunnels; TLS sessions are cached by server name).
 * The proxy agents read `requestTls` (tunnelled connections) and `proxyTls` (an HTTPS proxy) when they are made, so
 * those hold the context, made then, only when a proxy is in use; a context clones to almost nothing.
 */
function trustOptions(ca: string[], proxied: boolean): Partial<EnvHttpProxyAgent.Options> {
  let context: tls.SecureContext | undefined;
  const secureContext = (): tls.SecureContext => (context ??= tls.createSecureContext({ ca }));
  const plain = buildConnector({});
  let secure: buildConnector.connector | undefined;
  const connect: buildConnector.connector = (options, callback) => {
    if (options.protocol !== 'https:') return plain(options, callback);
    secure ??= buildConnector({ secureContext: secureContext() });
    return secure(options, callback);
  };
  if (!proxied) return { connect };
  const viaProxy = { secureContext: secureContext() };
  return { connect, requestTls: viaProxy, proxyTls: viaProxy };
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
