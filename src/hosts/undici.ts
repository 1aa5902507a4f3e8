/**
 * The parts of undici this program uses, loaded file by file instead of through undici's index, which loads all of
 * undici (fetch, WebSocket, EventSource, cache stores, mock agents…) and, by reading `globalThis.Headers` in its
 * cookies module, Node's own bundled undici too. Measured per process on Node 20 (CPU): +0.19 s for the index, +0.07 s
 * for these files; the tests start the CLI hundreds of times. undici has no `exports` map, so these files can be
 * imported, but they are not its public API: undici's version is pinned exactly in package.json, and an upgrade must
 * check this module against `node_modules/undici/index.js`.
 *
 * What the index does with these files, and this program relies on, is done here the same way:
 * - `Object.assign(Dispatcher.prototype, api)`: every dispatcher gets `.request()`, `.connect()` …; the proxy agent
 *   opens its CONNECT tunnels with a Client's `.connect()`.
 * - `request`: the index's `makeDispatcher(api.request)`, for the way it is called here (a URL and options).
 * - `setGlobalDispatcher` from lib/global.js, which also makes an undici Agent the global dispatcher when there is
 *   none, as loading the index did.
 * Of the interceptors, only `retry` is used; `buildConnector` is the one undici's pools use. The types are those
 * undici declares for its index (undici-parts.d.ts; `import type` loads nothing), but for `parseURL`'s own.
 */
import type { Dispatcher, request as undiciRequest } from 'undici';
import api from 'undici/lib/api/index.js';
import buildConnector from 'undici/lib/core/connect.js';
import util from 'undici/lib/core/util.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import globalDispatcher from 'undici/lib/global.js';
import retry from 'undici/lib/interceptor/retry.js';

Object.assign(DispatcherClass.prototype, api);

export type { Dispatcher };
export { buildConnector, EnvHttpProxyAgent };
export const { setGlobalDispatcher } = globalDispatcher;
export const interceptors = { retry };

/**
 * A request to a URL through `options.dispatcher` (else the global dispatcher): undici's `request` as its index makes
 * it, `options.path` aside (never used here: the path is the URL's).
 */
export function request<TOpaque = null>(
  url: Parameters<typeof undiciRequest>[0],
  options: Parameters<typeof undiciRequest<TOpaque>>[1] = {},
): ReturnType<typeof undiciRequest<TOpaque>> {
  const target = util.parseURL(url);
  const { dispatcher = globalDispatcher.getGlobalDispatcher() } = options;
  return api.request.call<Dispatcher, [Dispatcher.RequestOptions<TOpaque>], Promise<Dispatcher.ResponseData<TOpaque>>>(
    dispatcher,
    {
      ...options,
      origin: target.origin,
      path: target.search ? `${target.pathname}${target.search}` : target.pathname,
      method: options.method || (options.body ? 'PUT' : 'GET'),
    },
  );
}
