/**
 * Preloaded into a CLI run (`node --import`, test/lazy-load.e2e.test.ts): writes to WEB_GLOBALS_PROBE_FILE, at exit,
 * whether the run loaded Node's own bundled undici (`process.moduleLoadList`), which Node loads only when a web global
 * of it is first used (`fetch`, `Headers`, `Request`, `Response`, `FormData`, …), with where the lazy ones were first
 * read; and whether the npm undici was loaded (its lib/global.js installs a global dispatcher under this symbol).
 */
import { writeFileSync } from 'node:fs';

const NODE_UNDICI = 'internal/deps/undici/undici';
const UNDICI_GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.2');
const firstReads = [];

for (const name of ['Headers', 'Request', 'Response', 'FormData', 'MessageEvent', 'WebSocket', 'EventSource']) {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  if (!descriptor?.get || !descriptor.configurable) continue;
  Object.defineProperty(globalThis, name, {
    ...descriptor,
    get() {
      firstReads.push({ name, stack: new Error().stack.split('\n').slice(2, 6).join('\n') });
      // Node's getter replaces itself with the value: later reads do not come here.
      return descriptor.get.call(this);
    },
  });
}

process.on('exit', () => {
  writeFileSync(
    process.env.WEB_GLOBALS_PROBE_FILE,
    JSON.stringify({
      nodeUndiciLoaded: process.moduleLoadList.some((entry) => entry.endsWith(NODE_UNDICI)),
      npmUndiciLoaded: globalThis[UNDICI_GLOBAL_DISPATCHER] !== undefined,
      firstReads,
    }),
  );
});
