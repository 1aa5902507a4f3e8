// The run's shared contract checker (contract-check.mjs behind a Unix socket), started by the jest global setup
// (test/support/start-helpers.mjs) so that the schemas compile once per run instead of once per jest worker process.
// contract.ts finds it through ORG_MIRROR_TEST_CONTRACT.
//
// Usage: node contract-server.mjs <socket path>. It listens on that Unix socket, writes "ready\n" on stdout, and exits
// when its stdin closes (the test run that started it is gone). One connection per test process, carrying many
// concurrent checks; newline-delimited JSON both ways: {id, ...check} in, {id, result} out, answers in any order.

import { check } from './contract-check.mjs';
import { lineReader, serveWhenMain } from '../support/socket-service.mjs';

function serve(socket) {
  socket.setEncoding('utf8');
  socket.on(
    'data',
    lineReader((line) => answer(socket, line)),
  );
  socket.on('error', () => undefined);
}

async function answer(socket, line) {
  let id;
  let result;
  try {
    const { id: messageId, ...msg } = JSON.parse(line);
    id = messageId;
    result = await check(msg);
  } catch (error) {
    result = { violations: [`contract checker failed: ${error?.stack ?? error}`] };
  }
  if (!socket.destroyed) socket.write(JSON.stringify({ id, result }) + '\n');
}

serveWhenMain(import.meta.url, serve);
