/**
 * Contract checks against the hosts' official API descriptions (trimmed copies in test/contract, made by
 * scripts/trim-specs.mjs). Requests are checked strictly: an operation missing from the description means the client
 * called an endpoint that does not exist. Responses of the fakes are checked against the documented schema of the
 * status they answer with, so the fakes cannot drift from the real services.
 *
 * The checks run in a worker thread (contract-worker.mjs), one per process: openapi-backend's ESM dependencies cannot
 * be loaded through jest's module system, and the worker keeps the schema compilation off the forge's event loop. Jest
 * loads this module afresh for every test file, but the thread outlives them (it is kept on the `Worker` class, which
 * is Node's own and shared by every test file of a jest worker process): the schemas are compiled once per process,
 * not once per test file.
 */
import { Worker } from 'node:worker_threads';

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

interface Checker {
  worker?: Worker;
  nextId: number;
  pending: Map<number, (result: RequestCheck) => void>;
}

const SHARED = Symbol.for('org-mirror.test.contract-checker');

/** The process's checker, shared by every test file (module instance) of this process. */
function checker(): Checker {
  const holder = Worker as unknown as Record<symbol, Checker | undefined>;
  return (holder[SHARED] ??= { nextId: 0, pending: new Map() });
}

function ask(message: Message): Promise<RequestCheck> {
  const state = checker();
  if (!state.worker) {
    const worker = new Worker(new URL('./contract-worker.mjs', import.meta.url));
    state.worker = worker;
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: RequestCheck }) => {
      state.pending.get(id)?.(result);
      state.pending.delete(id);
      if (!state.pending.size) worker.unref();
    });
    worker.on('error', (error) => {
      for (const resolve of state.pending.values()) {
        resolve({ violations: [`contract checker crashed: ${error.message}`] });
      }
      state.pending.clear();
      if (state.worker === worker) state.worker = undefined;
    });
  }
  const worker = state.worker;
  const id = ++state.nextId;
  // Keep the process alive while a check is pending; the worker must not hold it open otherwise.
  worker.ref();
  return new Promise((resolve) => {
    state.pending.set(id, resolve);
    worker.postMessage({ id, ...message });
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

/** Stops the checker thread (optional: it never keeps the process alive by itself). */
export async function closeContract(): Promise<void> {
  const state = checker();
  const current = state.worker;
  state.worker = undefined;
  await current?.terminate();
}
