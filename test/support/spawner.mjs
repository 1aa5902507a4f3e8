// A small process that starts child processes for the test processes (test/support/light-spawn.ts).
//
// Why: the suite starts thousands of processes (one `git http-backend` per git request the fake hosts serve, one CLI
// per run). Each start from a jest worker costs that worker a fork of its large address space (7 to 15 ms of CPU,
// measured) and copy-on-write faults afterwards; from this small process it costs about a third of that.
//
// Usage: node spawner.mjs <socket path>. It listens on that Unix socket, writes "ready\n" on stdout, and exits when
// its stdin closes (the test run that started it is gone). One connection per child process; frames both ways are
// [type: 1 byte][length: uint32 BE][payload]:
//   to the spawner:   S {file, args, env, cwd} (JSON, first frame) · I stdin data · E end of stdin · K signal name
//   from the spawner: P pid (JSON) · O stdout data · R stderr data · X {code, signal} (JSON, last frame) · F {message, code}
import { spawn } from 'node:child_process';
import { serveWhenMain } from './socket-service.mjs';

export function frame(type, payload) {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Calls `onFrame(type, payload)` for each complete frame of a byte stream. */
export function frameReader(onFrame) {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 5) {
      const length = pending.readUInt32BE(1);
      if (pending.length < 5 + length) break;
      onFrame(pending.toString('latin1', 0, 1), pending.subarray(5, 5 + length));
      pending = pending.subarray(5 + length);
    }
  };
}

function serve(socket) {
  let child;
  let exited = false;
  const send = (type, payload) => {
    if (!socket.destroyed) socket.write(frame(type, payload));
  };
  socket.on(
    'data',
    frameReader((type, payload) => {
      if (type === 'S' && !child) {
        const { file, args, env, cwd, stdin } = JSON.parse(payload.toString());
        try {
          child = spawn(file, args, { env, cwd, stdio: [stdin === 'ignore' ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
        } catch (error) {
          send('F', JSON.stringify({ message: error.message, code: error.code }));
          socket.end();
          return;
        }
        child.on('error', (error) => {
          send('F', JSON.stringify({ message: error.message, code: error.code }));
          socket.end();
        });
        if (child.pid !== undefined) send('P', JSON.stringify(child.pid));
        child.stdin?.on('error', () => undefined);
        child.stdout.on('data', (chunk) => send('O', chunk));
        child.stderr.on('data', (chunk) => send('R', chunk));
        child.on('close', (code, signal) => {
          exited = true;
          send('X', JSON.stringify({ code, signal }));
          socket.end();
        });
      } else if (type === 'I') child?.stdin?.write(payload);
      else if (type === 'E') child?.stdin?.end();
      else if (type === 'K' && child && !exited) child.kill(payload.toString() || 'SIGTERM');
    }),
  );
  socket.on('error', () => undefined);
  // The test side went away (its process died or it gave up): the child must not outlive it.
  socket.on('close', () => {
    if (child && !exited) child.kill('SIGKILL');
  });
}

serveWhenMain(import.meta.url, serve);
