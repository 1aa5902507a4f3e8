/**
 * Types of the undici files that undici.ts loads by path (undici declares only its index): each one is given the type
 * undici's own declarations give the same value in the index. undici is pinned to an exact version in package.json.
 */

declare module 'undici/lib/dispatcher/dispatcher.js' {
  import { Dispatcher } from 'undici';
  export default Dispatcher;
}

declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import { EnvHttpProxyAgent } from 'undici';
  export default EnvHttpProxyAgent;
}

declare module 'undici/lib/api/index.js' {
  import type { Dispatcher } from 'undici';
  /** What the index copies onto `Dispatcher.prototype`: the methods that call `this.dispatch`. */
  const api: Pick<Dispatcher, 'request' | 'stream' | 'pipeline' | 'connect' | 'upgrade'>;
  export default api;
}

declare module 'undici/lib/interceptor/retry.js' {
  import type { interceptors } from 'undici';
  const retry: typeof interceptors.retry;
  export default retry;
}

declare module 'undici/lib/core/connect.js' {
  import { buildConnector } from 'undici';
  export default buildConnector;
}

declare module 'undici/lib/global.js' {
  import type { getGlobalDispatcher, setGlobalDispatcher } from 'undici';
  const global: { getGlobalDispatcher: typeof getGlobalDispatcher; setGlobalDispatcher: typeof setGlobalDispatcher };
  export default global;
}

declare module 'undici/lib/core/util.js' {
  import type { UrlObject } from 'node:url';
  /** What the index's `request` makes of its URL: a string parsed, a URL kept; refused (throws) unless http(s). */
  const util: { parseURL(url: string | URL | UrlObject): URL };
  export default util;
}
