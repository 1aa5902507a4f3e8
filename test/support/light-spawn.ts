/**
 * `spawn` for the test processes' busiest children (`git http-backend`, the CLI under test): started by the small
 * spawner process of the run (spawner.mjs, started by the jest global setup) instead of by the jest worker itself,
 * which saves the worker a fork of its large address space per child. Outside jest (the demo, the bench), or when the
 * spawner is not running, it is Node's own `spawn`.
 *
 * The child looks like Node's: `stdin` (unless ignored), `stdout`, `stderr`, `pid` once known, `kill()`, and the
 * events `spawn`, `error`, `exit` and `close` (after both output streams ended).
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { PassThrough, Writable, type Readable } from 'node:stream';

import { frame, frameReader } from './spawner.mjs';

export const SPAWNER_ENV = 'ORG_MIRROR_TEST_SPAWNER';

export interface LightSpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdin: a pipe (default) or nothing; stdout and stderr are always pipes. */
  stdin?: 'pipe' | 'ignore';
}

/** What callers use of a child process. */
export interface LightChild extends EventEmitter {
  readonly stdin: Writable | null;
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly pid?: number;
  readonly exitCode: number | null;
  kill(signal?: NodeJS.Signals): boolean;
}

export function lightSpawn(file: string, args: string[], options: LightSpawnOptions = {}): LightChild {
  const socketPath = process.env[SPAWNER_ENV];
  if (!socketPath) {
    // stdout and stderr are pipes here, so never null.
    return spawn(file, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'],
    }) as LightChild;
  }
  return new RemoteChild(socketPath, file, args, options);
}

class RemoteChild extends EventEmitter implements LightChild {
  readonly stdin: Writable | null;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  pid?: number;
  exitCode: number | null = null;
  private readonly socket: net.Socket;
  private finished = false;

  constructor(socketPath: string, file: string, args: string[], options: LightSpawnOptions) {
    super();
    this.socket = net.connect(socketPath);
    const env = options.env ?? process.env;
    const stdinMode = options.stdin ?? 'pipe';
    this.socket.write(frame('S', JSON.stringify({ file, args, env, cwd: options.cwd, stdin: stdinMode })));
    this.stdin =
      stdinMode === 'ignore'
        ? null
        : new Writable({
            write: (chunk: Buffer, _encoding, done) => {
              if (this.socket.destroyed) done();
              else this.socket.write(frame('I', chunk), () => done());
            },
            final: (done) => {
              if (!this.socket.destroyed) this.socket.write(frame('E', Buffer.alloc(0)));
              done();
            },
          });
    this.socket.on(
      'data',
      frameReader((type: string, payload: Buffer) => {
        if (type === 'O') this.stdout.write(payload);
        else if (type === 'R') this.stderr.write(payload);
        else if (type === 'P') {
          this.pid = JSON.parse(payload.toString()) as number;
          this.emit('spawn');
        } else if (type === 'X') {
          const { code, signal } = JSON.parse(payload.toString()) as { code: number | null; signal: string | null };
          this.finish(code, signal);
        } else if (type === 'F') {
          const { message, code } = JSON.parse(payload.toString()) as { message: string; code?: string };
          this.fail(Object.assign(new Error(message), { code }));
        }
      }),
    );
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => {
      if (!this.finished) this.fail(new Error(`the test spawner closed the connection of ${file}`));
    });
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.finished || this.socket.destroyed) return false;
    this.socket.write(frame('K', signal));
    return true;
  }

  private finish(code: number | null, signal: string | null): void {
    if (this.finished) return;
    this.finished = true;
    this.exitCode = code;
    this.emit('exit', code, signal);
    let open = 2;
    const ended = () => {
      if (--open === 0) this.emit('close', code, signal);
    };
    this.stdout.once('end', ended);
    this.stderr.once('end', ended);
    this.stdout.end();
    this.stderr.end();
    // Nobody may read a stream (a caller interested only in the exit code): 'end' comes only once it is consumed.
    if (this.stdout.listenerCount('data') === 0 && !this.stdout.readableFlowing) this.stdout.resume();
    if (this.stderr.listenerCount('data') === 0 && !this.stderr.readableFlowing) this.stderr.resume();
  }

  private fail(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.stdout.end();
    this.stderr.end();
    this.emit('error', error);
  }
}
