// The main of the run's helper processes (spawner.mjs, test/forge/contract-server.mjs): when the module at `moduleUrl`
// is the script node was started with, it listens on the Unix socket its first argument names, hands each connection
// to `serve`, writes "ready\n" on stdout once listening, and exits when its stdin closes (the test run that started it
// is gone). start-helpers.mjs starts them.
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export function serveWhenMain(moduleUrl, serve) {
  if (!process.argv[1] || fs.realpathSync(process.argv[1]) !== fs.realpathSync(fileURLToPath(moduleUrl))) return;
  const server = net.createServer(serve);
  server.listen(process.argv[2], () => process.stdout.write('ready\n'));
  process.stdin.on('data', () => undefined);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
}

/** Calls `onLine(line)` for each complete, non-empty line of a UTF-8 text stream (newline-delimited JSON). */
export function lineReader(onLine) {
  let buffered = '';
  return (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line) onLine(line);
    }
  };
}
