import { EnvHttpProxyAgent, setGlobalDispatcher, type Dispatcher } from './undici.js';

/**
 * The one place that makes API calls honour `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (upper or lower case).
 *
 * Octokit and gitbeaker both call `fetch`. When the environment names a proxy, an undici `EnvHttpProxyAgent` becomes
 * the global dispatcher (so any plain `fetch` in the process uses it), and `proxyFetch` hands the same agent to each
 * call explicitly, which also holds where the global is not shared (bundlers, test sandboxes). Hosts listed in
 * `NO_PROXY` are reached directly. Keep-alive is undici's default. Git honours the same variables itself (libcurl).
 */

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

let installed: { key: string; agent: Dispatcher } | undefined;

/** True when the environment names a proxy for API calls. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some((name) => Boolean(env[name]?.trim()));
}

function proxyKey(env: NodeJS.ProcessEnv): string {
  return [...PROXY_VARIABLES, 'NO_PROXY', 'no_proxy'].map((name) => env[name] ?? '').join('\n');
}

/**
 * The proxy-aware dispatcher for API calls, or undefined when no proxy is configured (undici's default agent then
 * does the right thing and other code keeps its own dispatcher). Installed as the global dispatcher too.
 */
export function useProxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): Dispatcher | undefined {
  if (!proxyConfigured(env)) return undefined;
  const key = proxyKey(env);
  if (installed?.key !== key) {
    installed = { key, agent: new EnvHttpProxyAgent() };
    setGlobalDispatcher(installed.agent);
  }
  return installed.agent;
}

/** `fetch` that goes through the proxy the environment names (read when called). */
export const proxyFetch: typeof fetch = (input, init) => {
  const dispatcher = useProxyFromEnvironment();
  if (!dispatcher) return fetch(input, init);
  // Node's fetch is undici: it takes the `dispatcher` extension (typed by the undici copy bundled with Node).
  return fetch(input, { ...init, dispatcher } as unknown as RequestInit);
};
