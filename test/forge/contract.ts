/**
 * Contract checks against the hosts' official API descriptions (trimmed copies in test/contract, made by
 * scripts/trim-specs.mjs). Requests are checked strictly: an operation missing from the description means the client
 * called an endpoint that does not exist. Responses of the fakes are checked against the documented schema of the
 * status they answer with, so the fakes cannot drift from the real services.
 *
 * The checks (contract-check.mjs) run as plain Node, out of jest's module system (which cannot load openapi-backend's
 * ESM dependencies) and off the forge's event loop, in one of two places:
 * - in a jest run, the run's shared checker process (contract-server.mjs, started by the global setup, found through
 *   ORG_MIRROR_TEST_CONTRACT): the schemas compile once per run, not once per jest worker process. Each process keeps
 *   one connection to it, carrying its concurrent checks (newline-delimited JSON, matched by id);
 * - otherwise (the demo, the bench's forges), a worker thread of the process (contract-worker.mjs).
 * Jest loads this module afresh for every test file, but the connection or thread outlives them (it is kept on the
 * `Worker` class, which is Node's own and shared by every test file of a jest worker process). Neither keeps the
 * process alive unless a check is pending. If the checker dies, its pending checks answer with a violation saying so.
 */
import net from 'node:net';
import { Worker } from 'node:worker_threads';

import { lineReader } from '../support/socket-service.mjs';

/** The variable that names the socket of the run's shared checker (test/support/global-setup.mjs). */
export const CONTRACT_ENV = 'ORG_MIRROR_TEST_CONTRACT';

export type ContractHost = 'github' | 'gitlab' | 'bitbucket-server' | 'bitbucket-cloud' | 'gitea';

/** A request as the fake received it. `path` is the raw (still percent-encoded) path, with the host's API prefix. */
export interface ContractRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface RequestCheck {
  /** The matched operationId, or undefined when no documented operation matches. */
  operation?: string;
  /** Human-readable violations; empty when the request is valid. */
  violations: string[];
}

type Message =
  | { kind: 'request'; host: ContractHost; req: ContractRequest }
  | { kind: 'response'; host: ContractHost; operation: string; status: number; body: unknown };

/** A way to the checker: its pending checks, and whether it may keep the process alive. */
interface Channel {
  pending: Map<number, (result: RequestCheck) => void>;
  send(message: Message & { id: number }): void;
  ref(): void;
  unref(): void;
  close(): Promise<void>;
}

interface Checker {
  nextId: number;
  /** The worker thread, when the run has no shared checker. */
  worker?: Channel;
  /** Connections to shared checkers, by socket path (one in a jest run; a test may start its own). */
  shared: Map<string, Channel>;
}

const SHARED = Symbol.for('org-mirror.test.contract-checker');

/** The process's checker, shared by every test file (module instance) of this process. */
function checker(): Checker {
  const holder = Worker as unknown as Record<symbol, Checker | undefined>;
  return (holder[SHARED] ??= { nextId: 0, shared: new Map() });
}

function settle(channel: Channel, id: number, result: RequestCheck): void {
  channel.pending.get(id)?.(result);
  channel.pending.delete(id);
  if (!channel.pending.size) channel.unref();
}

/** The checker is gone: every pending check answers with a violation saying so, none waits forever. */
function fail(channel: Channel, reason: string): void {
  for (const resolve of channel.pending.values()) resolve({ violations: [`contract checker crashed: ${reason}`] });
  channel.pending.clear();
  channel.unref();
}

function workerChannel(state: Checker): Channel {
  const worker = new Worker(new URL('./contract-worker.mjs', import.meta.url));
  const channel: Channel = {
    pending: new Map(),
    send: (message) => worker.postMessage(message),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    close: async () => {
      await worker.terminate();
    },
  };
  worker.unref();
  worker.on('message', ({ id, result }: { id: number; result: RequestCheck }) => settle(channel, id, result));
  worker.on('error', (error) => {
    if (state.worker === channel) state.worker = undefined;
    fail(channel, error.message);
  });
  worker.on('exit', (code) => {
    if (state.worker === channel) state.worker = undefined;
    fail(channel, `the worker thread exited (${code})`);
  });
  return channel;
}

function socketChannel(state: Checker, socketPath: string): Channel {
  const socket = net.connect(socketPath);
  const channel: Channel = {
    pending: new Map(),
    send: (message) => {
      if (socket.destroyed) fail(channel, `the connection to the shared checker (${socketPath}) is closed`);
      else socket.write(JSON.stringify(message) + '\n');
    },
    ref: () => socket.ref(),
    unref: () => socket.unref(),
    close: async () => {
      socket.destroy();
    },
  };
  socket.unref();
  socket.setEncoding('utf8');
  socket.on(
    'data',
    lineReader((line) => {
      const { id, result } = JSON.parse(line) as { id: number; result: RequestCheck };
      settle(channel, id, result);
    }),
  );
  let error: Error | undefined;
  socket.on('error', (e) => (error = e));
  socket.on('close', () => {
    if (state.shared.get(socketPath) === channel) state.shared.delete(socketPath);
    fail(channel, `the shared checker (${socketPath}) closed the connection${error ? `: ${error.message}` : ''}`);
  });
  return channel;
}

function ask(message: Message): Promise<RequestCheck> {
  const state = checker();
  const socketPath = process.env[CONTRACT_ENV];
  let channel: Channel;
  if (socketPath) {
    channel = state.shared.get(socketPath) ?? socketChannel(state, socketPath);
    state.shared.set(socketPath, channel);
  } else channel = state.worker ??= workerChannel(state);
  const id = ++state.nextId;
  // Keep the process alive while a check is pending; the checker must not hold it open otherwise.
  channel.ref();
  return new Promise((resolve) => {
    channel.pending.set(id, resolve);
    channel.send({ id, ...message });
  });
}

/** JSON round trip: headers objects and bodies must be structured-cloneable. */
function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Checks one request; `violations` is empty when it matches a documented operation with valid params and body. */
export function validateRequest(host: ContractHost, req: ContractRequest): Promise<RequestCheck> {
  return ask({ kind: 'request', host, req: plain(req) });
}

/**
 * Checks requests a fake API recorded (`url`: path with query, as requested; `body`: JSON text or empty), each as a
 * JSON request: every violation, as `METHOD path: violation`.
 */
export async function requestViolations(
  host: ContractHost,
  calls: { method: string; url: string; body: string }[],
): Promise<string[]> {
  const violations: string[] = [];
  for (const call of calls) {
    const url = new URL(call.url, 'http://127.0.0.1');
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => (query[key] = value));
    const check = await validateRequest(host, {
      method: call.method,
      path: url.pathname,
      query,
      headers: { 'content-type': 'application/json' },
      body: call.body ? (JSON.parse(call.body) as unknown) : undefined,
    });
    violations.push(...check.violations.map((v) => `${call.method} ${url.pathname}: ${v}`));
  }
  return violations;
}

/**
 * Checks a fake's answer against the schema documented for `status` (required fields and types). Statuses without a
 * documented JSON schema (most error answers) are not checked.
 */
export async function validateResponse(
  host: ContractHost,
  operationId: string,
  status: number,
  body: unknown,
): Promise<string[]> {
  return (await ask({ kind: 'response', host, operation: operationId, status, body: plain(body) })).violations;
}

/**
 * Stops the checker thread and closes the connections to shared checkers (which go on serving the other processes).
 * Optional: neither keeps the process alive by itself.
 */
export async function closeContract(): Promise<void> {
  const state = checker();
  const channels = [...(state.worker ? [state.worker] : []), ...state.shared.values()];
  state.worker = undefined;
  state.shared.clear();
  await Promise.all(channels.map((channel) => channel.close()));
}
