/**
 * A repository's branches, tags and HEAD read in this process over git's smart HTTP protocol, instead of a
 * `git ls-remote` process per repository and side: keep-alive connections per host, the API clients' proxy handling
 * (HTTPS_PROXY / HTTP_PROXY / NO_PROXY through undici's EnvHttpProxyAgent), TLS always verified (NODE_EXTRA_CA_CERTS,
 * and GIT_SSL_CAINFO so that a private CA configured for git works here too), the `Authorization` header git would
 * send (scoped to its URL as `http.<url>.extraHeader` is), bounded answers, a time limit per request, bounded retries
 * of transient failures, and errors that never carry a credential.
 *
 * Protocol (https://git-scm.com/docs/gitprotocol-http, https://git-scm.com/docs/gitprotocol-v2):
 * `GET <url>/info/refs?service=git-upload-pack` with `Git-Protocol: version=2`. A v2 server answers with its
 * capabilities, and one `POST <url>/git-upload-pack` of `ls-refs` with `ref-prefix` for HEAD, `refs/heads/` and
 * `refs/tags/` returns just those (no `refs/pull/*` or `refs/merge-requests/*` on the wire). Any other server answers
 * with the v0 advertisement of every ref, HEAD's target in its `symref=` capability. Two requests per repository at
 * most. Hand-written rather than isomorphic-git: its `listServerRefs` sends a single `ref-prefix` (two listings would
 * cost four requests, or `refs/` would download every pull-request ref) and would add a large bundle to load.
 */
import { request, type Dispatcher } from '../hosts/undici.js';

import { DEFAULT_REQUEST_TIMEOUT_MS, safeUrl } from '../hosts/http-client.js';
import {
  kindOfStatus,
  rateLimitSign,
  REF_READ_RETRY_LIMITS,
  retryVerdict,
  sleepScaled,
  type FailedAttempt,
  type RetryLimits,
  type RetrySleep,
  type RetryState,
  type RetryVerdict,
} from '../hosts/retry-policy.js';
import { MirrorError, type ErrorKind } from '../errors.js';
import { lsRemote } from './cache-repo.js';
import { renewedCredentials, type Git, type GitCredential } from './git.js';
import { headersFor, redactor } from './git-http-auth.js';
import { discoveryDispatcher } from './git-http-dispatcher.js';
import { DELIM, FLUSH, PktLineError, dataPacket, readPackets, type Packet } from './pkt-line.js';
import { collectRefs, HISTORY_NAMESPACE, type RefMap } from './refs.js';

export interface RefListing {
  refs: RefMap;
  /** Mirrored refs with names the mirror refuses to use (reported, never mirrored). */
  unsafe: string[];
  /** The branch HEAD points to (without `refs/heads/`), when the server says. */
  head?: string;
  /** The mirror's history refs (`refs/mirror-history/*`, `refs/tags/mirror-history/*`): never mirrored or compared. */
  history?: RefMap;
}

export interface DiscoveryOptions {
  signal?: AbortSignal;
  /** Per request: time to wait for the answer's headers, and for each chunk of its body (`request-timeout`). */
  timeoutMs?: number;
  /**
   * Attempts after the first on the failures the retry policy retries (default `REF_READ_RETRY_LIMITS`: 2); a stall
   * is retried once whatever this says.
   */
  retries?: number;
  /** How the retry policy's waits are spent; default `sleepScaled` (tests record them instead). */
  sleep?: RetrySleep;
  /** Largest answer accepted, in bytes (default 64 MiB). */
  maxBytes?: number;
  /** Environment for proxies and CA files (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Dispatcher to use instead of the shared keep-alive, proxy-aware one (tests). */
  dispatcher?: Dispatcher;
  /** Awaited before a git process is started for a transport other than HTTP (e.g. to wait for a git slot). */
  beforeGit?: () => Promise<void>;
}

/** A listing that failed, with its kind decided from the HTTP status or the network error where it happened. */
export class RefDiscoveryError extends MirrorError {
  constructor(
    message: string,
    kind: ErrorKind = 'unexpected',
    readonly status?: number,
    /**
     * How the attempt failed, when it was the answer's status, the network or the time limit: what the retry policy
     * (retry-policy.ts) decides on. Any other failure (a malformed answer, a refused redirect) is not retried.
     */
    readonly attempt?: FailedAttempt,
  ) {
    super(message, kind);
    this.name = 'RefDiscoveryError';
  }
}

/** The kind of a refused HTTP answer. */
/** Servers (GitHub among them) look for a `git/` user agent before speaking the smart protocol, as isomorphic-git knows. */
const USER_AGENT = 'git/org-mirror';
const ADVERTISEMENT = 'application/x-git-upload-pack-advertisement';
const RESULT = 'application/x-git-upload-pack-result';
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/**
 * Attempts that may end in a stall (no data for the time limit) before the read gives up: a host that sent nothing
 * twice is not coming back in this run (as for a stalled git transfer, src/git/git.ts).
 */
const STALL_ATTEMPTS = 2;

/** Refs of `url`: in process over smart HTTP; any other transport through `git ls-remote`. */
export async function listRemoteRefs(
  git: Git,
  url: string,
  credentials: GitCredential[],
  options: DiscoveryOptions = {},
): Promise<RefListing> {
  if (/^https?:\/\//i.test(url)) return discoverRefs(url, credentials, options);
  await options.beforeGit?.();
  return lsRemote(git, url, credentials, { signal: options.signal });
}

export async function discoverRefs(
  url: string,
  credentials: GitCredential[],
  options: DiscoveryOptions = {},
): Promise<RefListing> {
  const redact = redactor(credentials);
  const where = `reading the refs of ${safeUrl(url)}`;
  let base: URL;
  try {
    base = new URL(url.replace(/\/+$/, ''));
  } catch {
    throw new RefDiscoveryError(`${where} failed: not a valid URL`);
  }
  if (!/^https?:$/.test(base.protocol) || base.username || base.password) {
    throw new RefDiscoveryError(`${where} failed: only http(s) URLs without user information are read in process`);
  }
  const session: Session = {
    origin: base.origin,
    authorization: headersFor(base, credentials),
    dispatcher: options.dispatcher ?? discoveryDispatcher(options.env ?? process.env),
    timeoutMs: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    signal: options.signal,
    redact,
  };
  const limits: RetryLimits = {
    ...REF_READ_RETRY_LIMITS,
    maxRetries: options.retries ?? REF_READ_RETRY_LIMITS.maxRetries,
  };
  const sleep = options.sleep ?? sleepScaled;
  const state: RetryState = { retries: 0, waitedMs: 0 };
  let renewed = false;
  let stalls = 0;
  for (;;) {
    try {
      return await discoverOnce(base, session);
    } catch (error) {
      const failure = asDiscoveryError(error, session);
      // Expiring credentials refused (a GitHub App installation token): once more with new ones.
      const fresh = failure.status === 401 && !renewed ? await renewedCredentials(credentials, true) : undefined;
      if (fresh) {
        renewed = true;
        session.authorization = headersFor(base, fresh);
        continue;
      }
      if (failure.attempt && 'timedOut' in failure.attempt) stalls++;
      // The one retry policy decides what retries and how long to wait; every request of a read is safe to repeat
      // (the ls-refs POST reads too), so it is asked as a GET.
      const verdict: RetryVerdict | undefined =
        failure.attempt && stalls < STALL_ATTEMPTS && !options.signal?.aborted
          ? retryVerdict('GET', failure.attempt, state, limits)
          : undefined;
      if (!verdict?.retry) {
        const attempts = state.retries + 1;
        const why = verdict?.note ? ` (${verdict.note})` : attempts > 1 ? ` (after ${attempts} attempts)` : '';
        throw new RefDiscoveryError(redact(`${where} failed: ${failure.message}${why}`), failure.kind, failure.status);
      }
      state.retries += 1;
      state.waitedMs += verdict.waitMs;
      await sleep(verdict.waitMs);
      if (options.signal?.aborted) {
        throw new RefDiscoveryError(`${where} was stopped: the repository ran out of time`, 'timeout');
      }
    }
  }
}

interface Session {
  /** Credentials go to this origin only (the clone URL's), redirects included. */
  origin: string;
  authorization: Record<string, string>;
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  redact: (text: string) => string;
}

async function discoverOnce(base: URL, session: Session): Promise<RefListing> {
  const advertised = await getAdvertisement(base, session);
  const packets = skipServiceHeader(advertised.packets);
  const first = packets[0];
  if (first?.kind === 'data' && first.text === 'version 2') {
    return listRefsV2(advertised.base, capabilitiesOf(packets), session);
  }
  return parseV0(packets);
}

/** The capability advertisement, following redirects as git does for this first request (`http.followRedirects`). */
async function getAdvertisement(base: URL, session: Session): Promise<{ base: URL; packets: Packet[] }> {
  let current = new URL(`${base.href}/info/refs?service=git-upload-pack`);
  for (let hops = 0; ; hops++) {
    const response = await send(session, current, 'GET', { 'git-protocol': 'version=2', pragma: 'no-cache' });
    const status = response.statusCode;
    if (status >= 300 && status < 400 && response.headers.location) {
      await response.body.dump();
      const next = new URL(String(response.headers.location), current);
      if (hops >= MAX_REDIRECTS) throw new RefDiscoveryError(`more than ${MAX_REDIRECTS} redirects`);
      if (!/^https?:$/.test(next.protocol) || (current.protocol === 'https:' && next.protocol === 'http:')) {
        throw new RefDiscoveryError(`refusing a redirect to ${safeUrl(next)}`);
      }
      current = next;
      continue;
    }
    const body = await readAnswer(response, session, ADVERTISEMENT);
    // Later requests go to where the redirects led, as git does; the path must still be a repository's.
    if (!current.pathname.endsWith('/info/refs')) {
      throw new RefDiscoveryError(`redirected to ${safeUrl(current)}, which is not a git repository URL`);
    }
    const redirectedBase = new URL(current.href);
    redirectedBase.pathname = current.pathname.slice(0, -'/info/refs'.length);
    redirectedBase.search = '';
    return { base: redirectedBase, packets: parsePackets(body) };
  }
}

/**
 * Protocol v2: one `ls-refs` command for HEAD, branches, tags and the mirror's history refs (read in the same request,
 * for retention: SPEC "History").
 */
async function listRefsV2(base: URL, capabilities: Map<string, string>, session: Session): Promise<RefListing> {
  if (!capabilities.has('ls-refs')) throw new RefDiscoveryError('the server speaks protocol v2 without ls-refs');
  const command = [dataPacket('command=ls-refs')];
  const objectFormat = capabilities.get('object-format');
  if (objectFormat) command.push(dataPacket(`object-format=${objectFormat}`));
  command.push(DELIM, dataPacket('symrefs'));
  for (const prefix of ['HEAD', 'refs/heads/', 'refs/tags/', HISTORY_NAMESPACE])
    command.push(dataPacket(`ref-prefix ${prefix}`));
  command.push(FLUSH);
  const url = new URL(`${base.href}/git-upload-pack`);
  const response = await send(
    session,
    url,
    'POST',
    { 'git-protocol': 'version=2', 'content-type': 'application/x-git-upload-pack-request', accept: RESULT },
    Buffer.concat(command),
  );
  if (response.statusCode >= 300 && response.statusCode < 400) {
    await response.body.dump();
    throw new RefDiscoveryError(`unexpected redirect (HTTP ${response.statusCode}) of the ls-refs request`);
  }
  const entries: Array<[string, string]> = [];
  let head: string | undefined;
  for (const packet of parsePackets(await readAnswer(response, session, RESULT))) {
    if (packet.kind !== 'data') break;
    const [oid, name, ...attributes] = packet.text.split(' ');
    if (name === 'HEAD') {
      const target = attributes.find((attribute) => attribute.startsWith('symref-target:'));
      head = branchOf(target?.slice('symref-target:'.length));
    } else if (name !== undefined) entries.push([oid, name]);
  }
  return { ...collectRefs(entries), head };
}

/** Protocol v0: `<oid> <ref>` lines, capabilities after a NUL on the first one. */
function parseV0(packets: Packet[]): RefListing {
  const entries: Array<[string, string]> = [];
  let head: string | undefined;
  for (const packet of packets) {
    if (packet.kind !== 'data') break;
    let line = packet.text;
    const nul = line.indexOf('\0');
    if (nul >= 0) {
      const symref = line
        .slice(nul + 1)
        .split(' ')
        .find((capability) => capability.startsWith('symref=HEAD:'));
      head = branchOf(symref?.slice('symref=HEAD:'.length));
      line = line.slice(0, nul);
    }
    if (line.startsWith('version ')) continue;
    const space = line.indexOf(' ');
    if (space < 0) throw new RefDiscoveryError('malformed ref advertisement');
    const name = line.slice(space + 1);
    // An empty repository advertises only its capabilities, on this placeholder line.
    if (name !== 'capabilities^{}') entries.push([line.slice(0, space), name]);
  }
  return { ...collectRefs(entries), head };
}

function send(
  session: Session,
  url: URL,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Dispatcher.ResponseData> {
  return request(url, {
    method,
    body,
    headers: {
      'user-agent': USER_AGENT,
      accept: '*/*',
      ...headers,
      // Never to another origin, whatever a redirect says (git's curl does not carry it across hosts either).
      ...(url.origin === session.origin ? session.authorization : {}),
    },
    dispatcher: session.dispatcher,
    headersTimeout: session.timeoutMs,
    bodyTimeout: session.timeoutMs,
    signal: session.signal,
  });
}

/** A 2xx answer of the expected content type, read up to the size bound; anything else as a clear error. */
async function readAnswer(response: Dispatcher.ResponseData, session: Session, expected: string): Promise<Buffer> {
  const status = response.statusCode;
  if (status < 200 || status >= 300) {
    await response.body.dump().catch(() => undefined);
    throw statusError(status, response.headers);
  }
  const type = String(response.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  if (type !== expected) {
    await response.body.dump().catch(() => undefined);
    throw new RefDiscoveryError(
      `not a smart git HTTP answer (HTTP ${status}, ${type || 'no content type'}; a login page or a proxy in the way?)`,
      'unexpected',
      status,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > session.maxBytes) {
      response.body.destroy();
      throw new RefDiscoveryError(`the answer is larger than the ${session.maxBytes}-byte bound`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function statusError(status: number, headers: Record<string, string | string[] | undefined>): RefDiscoveryError {
  const kind = kindOfStatus(status, headers);
  if (status === 401)
    return new RefDiscoveryError('authentication failed (HTTP 401): the token was refused', kind, status, {
      status,
      headers,
    });
  const limited = rateLimitSign(status, headers);
  const attempt: FailedAttempt = { status, headers };
  if (status === 403 && !limited) return new RefDiscoveryError('access denied (HTTP 403)', kind, status, attempt);
  if (status === 404) return new RefDiscoveryError('repository not found (HTTP 404)', kind, status, attempt);
  return new RefDiscoveryError(`HTTP ${status}${limited ? ' (rate limited)' : ''}`, kind, status, attempt);
}

function parsePackets(body: Buffer): Packet[] {
  try {
    const packets = readPackets(body);
    const error = packets.find((packet) => packet.kind === 'data' && packet.text.startsWith('ERR '));
    if (error?.kind === 'data') throw new RefDiscoveryError(`the server said: ${error.text.slice(4, 204)}`);
    return packets;
  } catch (error) {
    if (error instanceof PktLineError) throw new RefDiscoveryError(`malformed answer: ${error.message}`);
    throw error;
  }
}

/** Smart HTTP v0 answers start with `# service=git-upload-pack` and a flush; v2 answers may or may not. */
function skipServiceHeader(packets: Packet[]): Packet[] {
  const first = packets[0];
  if (first?.kind === 'data' && first.text.startsWith('# service=')) {
    return packets[1]?.kind === 'flush' ? packets.slice(2) : packets.slice(1);
  }
  return packets;
}

/** v2 capabilities (`key` or `key=value`) up to the flush. */
function capabilitiesOf(packets: Packet[]): Map<string, string> {
  const capabilities = new Map<string, string>();
  for (const packet of packets.slice(1)) {
    if (packet.kind !== 'data') break;
    const equals = packet.text.indexOf('=');
    if (equals < 0) capabilities.set(packet.text, '');
    else capabilities.set(packet.text.slice(0, equals), packet.text.slice(equals + 1));
  }
  return capabilities;
}

function branchOf(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** Network failures in words, with what the retry policy decides on: the network error code, or no data in time. */
function asDiscoveryError(error: unknown, session: Session): RefDiscoveryError {
  if (error instanceof RefDiscoveryError) return error;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const seconds = Math.round(session.timeoutMs / 100) / 10;
  if (session.signal?.aborted) return new RefDiscoveryError('stopped: the repository ran out of time', 'timeout');
  // Worded like a stalled git transfer (src/git/git.ts), so one reason reads the same whatever read the refs.
  const host = new URL(session.origin).host;
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new RefDiscoveryError(
      `stalled: ${host} sent no data for ${seconds} s (no answer; request-timeout)`,
      'timeout',
      undefined,
      { timedOut: true },
    );
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new RefDiscoveryError(
      `stalled: ${host} sent no data for ${seconds} s (mid-answer; request-timeout)`,
      'timeout',
      undefined,
      { timedOut: true },
    );
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code)) {
    return new RefDiscoveryError(
      `TLS certificate not trusted (${code}); for a private CA set NODE_EXTRA_CA_CERTS or GIT_SSL_CAINFO`,
      'connection',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  return new RefDiscoveryError(`connection failed: ${text.slice(0, 200)}`, 'connection', undefined, { code });
}
