// The contract checks behind contract.ts: loads the trimmed API descriptions with openapi-backend and answers checks.
// Two transports run it as plain Node (not through jest's module loader, which cannot load openapi-backend's ESM
// dependencies): the run's shared checker process (contract-server.mjs) and, outside jest, a worker thread of the
// process (contract-worker.mjs). The schemas compile lazily, once per operation, in whichever runs it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend } from 'openapi-backend';
import addFormats from 'ajv-formats';

const contractDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../contract');
/** Path prefix the fakes serve that the description's paths do not carry. */
const STRIP_PREFIX = { github: '/api/v3' };
const apis = new Map();

async function load(host) {
  let api = apis.get(host);
  if (!api) {
    api = (async () => {
      const definition = JSON.parse(fs.readFileSync(path.join(contractDir, `${host}.openapi.json`), 'utf8'));
      const backend = new OpenAPIBackend({
        definition,
        apiRoot: host === 'bitbucket-cloud' ? '/2.0' : '/',
        strict: false,
        quick: true,
        validate: true,
        // Each operation's schemas compile once per run, and most are used for a handful of checks: ajv's code
        // optimisation passes cost more than they save here (measured: compiling every GitHub operation 2.5 s with
        // them, 1.6 s without).
        ajvOpts: { strict: false, code: { optimize: false } },
        customizeAjv: (ajv) => {
          addFormats(ajv);
          return ajv;
        },
      });
      await backend.init();
      return backend;
    })();
    apis.set(host, api);
  }
  return api;
}

const describe = (errors) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`).join('; ');

async function checkRequest(host, req) {
  const api = await load(host);
  const prefix = STRIP_PREFIX[host];
  const specPath = prefix && req.path.startsWith(prefix + '/') ? req.path.slice(prefix.length) : req.path;
  const headers = {};
  for (const [k, v] of Object.entries(req.headers ?? {}))
    if (v !== undefined && v !== null) headers[k.toLowerCase()] = v;
  const request = { method: req.method.toLowerCase(), path: specPath, query: req.query ?? {}, headers, body: req.body };
  const where = `${host} ${req.method.toUpperCase()} ${req.path}`;
  const operation = api.matchOperation(request);
  if (!operation) return { violations: [`${where}: no such operation in the ${host} API description`] };
  const result = api.validateRequest(request, operation);
  return {
    operation: operation.operationId,
    violations: result.valid
      ? []
      : [`${where} [${operation.operationId}]: invalid request: ${describe(result.errors)}`],
  };
}

function hasJsonSchemaFor(operation, status) {
  const responses = operation.responses ?? {};
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`];
  return Boolean(response?.content && Object.values(response.content).some((c) => c.schema));
}

async function checkResponse(host, operationId, status, body) {
  const api = await load(host);
  const operation = api.getOperation(operationId);
  if (!operation) return [`${host}: unknown operation ${operationId}`];
  if (!hasJsonSchemaFor(operation, status)) return [];
  const result = api.validateResponse(body, operation, status);
  return result.valid ? [] : [`${host} [${operationId}] response ${status}: ${describe(result.errors)}`];
}

/**
 * Answers one check message ({kind: 'request', host, req} or {kind: 'response', host, operation, status, body}) with
 * {operation?, violations}; never throws.
 */
export async function check(msg) {
  try {
    return msg.kind === 'request'
      ? await checkRequest(msg.host, msg.req)
      : { violations: await checkResponse(msg.host, msg.operation, msg.status, msg.body) };
  } catch (error) {
    return { violations: [`contract checker failed: ${error?.stack ?? error}`] };
  }
}
