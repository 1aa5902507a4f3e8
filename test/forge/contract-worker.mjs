// Worker thread transport of the contract checks (contract-check.mjs), used by contract.ts when the run has no shared
// checker process (outside jest: the demo, the bench's forges). Messages: {id, ...check} in, {id, result} out.
import { parentPort } from 'node:worker_threads';

import { check } from './contract-check.mjs';

parentPort.on('message', async ({ id, ...msg }) => {
  parentPort.postMessage({ id, result: await check(msg) });
});
