/**
 * Git LFS for the test forge: the Batch API with the basic transfer adapter, for every host type, at
 * `<clone url>/info/lfs/...` (https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md,
 * https://github.com/git-lfs/git-lfs/blob/main/docs/api/basic-transfers.md).
 *
 * - `POST <repo>/info/lfs/objects/batch`: authenticated like git (Basic, token as password); `upload` needs write
 *   access. Each object gets an href on the forge and a short-lived `Authorization: RemoteAuth <token>` header bound to
 *   the repo, the oid and the operation, as real hosts hand out per-object credentials.
 * - `PUT <repo>/info/lfs/objects/<oid>`: stores the object after checking its sha256 and size.
 * - `GET <repo>/info/lfs/objects/<oid>`: streams the object.
 * - `<repo>/info/lfs/locks...`: not implemented (404), recorded so tests can see that clients do not ask.
 *
 * Objects live in the bare repo under `lfs/objects/ab/cd/<oid>` (the layout git-lfs itself uses).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ACCESS, type ForgeState, type ForgeUser, type HostFake, type RepoRecord } from './types.js';

export const LFS_MEDIA_TYPE = 'application/vnd.git-lfs+json';
const OID = /^[0-9a-f]{64}$/;
const ACTION_TTL_SECONDS = 3600;

export interface RecordedLfsRequest {
  /** `batch`, object `upload` (PUT) / `download` (GET), `locks` (any locking API call), or `unknown`. */
  kind: 'batch' | 'upload' | 'download' | 'locks' | 'unknown';
  method: string;
  path: string;
  /** Repo full path, when the URL names one. */
  repo?: string;
  user?: string;
  /** How the request authenticated: the action's own header (`RemoteAuth`), git's Basic header, or not at all. */
  auth: 'action' | 'basic' | 'none';
  /** For batch: the requested operation. */
  operation?: 'upload' | 'download';
  /** Oids the request is about (batch: all requested objects). */
  oids: string[];
  status: number;
}

interface ActionGrant {
  repoId: number;
  oid: string;
  size: number;
  operation: 'upload' | 'download';
  user: string;
  expires: number;
}

interface LfsOwner extends ForgeState {
  readonly host: HostFake;
  readonly violations: string[];
}

interface LfsAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class LfsServer {
  /** Every LFS request, in order. */
  readonly requests: RecordedLfsRequest[] = [];
  private readonly grants = new Map<string, ActionGrant>();

  constructor(private readonly forge: LfsOwner) {}

  /** True when the URL path is an LFS path (`.../info/lfs/...`). */
  static matches(urlPath: string): boolean {
    return urlPath.includes('/info/lfs/');
  }

  // ---- storage (also used by tests through the forge) -----------------------------------------------------------

  objectPath(repo: RepoRecord, oid: string): string {
    return path.join(repo.dir, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
  }

  hasObject(repo: RepoRecord, oid: string, size?: number): boolean {
    try {
      const stat = fs.statSync(this.objectPath(repo, oid));
      return size === undefined || stat.size === size;
    } catch {
      return false;
    }
  }

  /** Oids stored for the repo, sorted. */
  objects(repo: RepoRecord): string[] {
    const root = path.join(repo.dir, 'lfs', 'objects');
    if (!fs.existsSync(root)) return [];
    const oids: string[] = [];
    for (const a of fs.readdirSync(root))
      for (const b of fs.readdirSync(path.join(root, a)))
        for (const file of fs.readdirSync(path.join(root, a, b))) if (OID.test(file)) oids.push(file);
    return oids.sort();
  }

  deleteObject(repo: RepoRecord, oid: string): void {
    const file = this.objectPath(repo, oid);
    if (!fs.existsSync(file)) throw new Error(`forge: no LFS object ${oid} in ${repo.fullPath}`);
    fs.rmSync(file);
  }

  /** Stores content directly (no HTTP), returning its oid. */
  putObject(repo: RepoRecord, content: Buffer | string): string {
    const oid = createHash('sha256').update(content).digest('hex');
    const file = this.objectPath(repo, oid);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return oid;
  }

  // ---- HTTP -------------------------------------------------------------------------------------------------------

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    user: ForgeUser | undefined | 'invalid',
  ): Promise<void> {
    const urlPath = decodeURIComponent(url.pathname);
    const at = urlPath.indexOf('/info/lfs/');
    const repoPath = urlPath.slice(0, at);
    const rest = urlPath.slice(at + '/info/lfs/'.length);
    // The host decides which URL paths are repos (`/owner/name.git`, `/scm/KEY/slug.git`...), through its git routes.
    const repo = this.forge.host.gitRepo(`${repoPath}/info/refs`)?.repo;
    const objectMatch = /^objects\/([0-9a-f]{64})$/.exec(rest);
    const kind: RecordedLfsRequest['kind'] =
      rest === 'objects/batch' && method === 'POST'
        ? 'batch'
        : objectMatch && method === 'PUT'
          ? 'upload'
          : objectMatch && method === 'GET'
            ? 'download'
            : rest === 'locks' || rest.startsWith('locks/')
              ? 'locks'
              : 'unknown';
    const record: RecordedLfsRequest = {
      kind,
      method,
      path: url.pathname,
      repo: repo?.fullPath,
      user: user && user !== 'invalid' ? user.username : undefined,
      auth: /^RemoteAuth\s/i.test(req.headers.authorization ?? '')
        ? 'action'
        : req.headers.authorization
          ? 'basic'
          : 'none',
      oids: objectMatch ? [objectMatch[1]] : [],
      status: 0,
    };
    this.requests.push(record);
    const grant = this.grants.get(actionToken(req) ?? '');
    if (grant && kind !== 'batch') record.user = grant.user || undefined;
    let answer: LfsAnswer | undefined;
    if (!repo || kind === 'unknown' || kind === 'locks') {
      await drain(req);
      answer = message(404, 'Not Found');
    } else if (kind === 'batch') {
      answer = await this.batch(req, repo, url, user, record);
    } else if (kind === 'upload') {
      answer = await this.upload(req, repo, objectMatch![1], user);
    } else {
      await drain(req);
      answer = this.authorizeTransfer(req, repo, objectMatch![1], 'download', user);
      if (!answer) {
        const file = this.objectPath(repo, objectMatch![1]);
        const size = fs.statSync(file).size;
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
        await new Promise<void>((resolve, reject) => {
          fs.createReadStream(file).on('error', reject).on('end', resolve).pipe(res);
        });
        return;
      }
    }
    record.status = answer.status;
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body !== undefined) headers['content-type'] ??= LFS_MEDIA_TYPE;
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  /** Who may do what on the repo, answered the way the Batch API documents (401 with LFS-Authenticate, 403, 404). */
  private access(
    repo: RepoRecord,
    user: ForgeUser | undefined | 'invalid',
    write: boolean,
  ): LfsAnswer | ForgeUser | undefined {
    const challenge = { 'lfs-authenticate': `Basic realm="${this.forge.host.gitRealm}"` };
    if (user === 'invalid') return { ...message(401, 'Invalid username or token.'), headers: challenge };
    if (!user && (write || !this.forge.canRead(undefined, repo)))
      return { ...message(401, 'Authentication required'), headers: challenge };
    if (!this.forge.canRead(user, repo)) return message(404, 'Repository not found.');
    if (write && this.forge.accessLevel(user, repo) < ACCESS.write) return message(403, 'Write access required.');
    if (write && repo.archived) return message(403, 'This repository was archived so it is read-only.');
    return user;
  }

  private async batch(
    req: IncomingMessage,
    repo: RepoRecord,
    url: URL,
    user: ForgeUser | undefined | 'invalid',
    record: RecordedLfsRequest,
  ): Promise<LfsAnswer> {
    const text = (await readAll(req)).toString('utf8');
    const accept = req.headers.accept ?? '';
    if (!accept.includes(LFS_MEDIA_TYPE)) return this.invalid(406, `batch: Accept must be ${LFS_MEDIA_TYPE}`);
    if (!(req.headers['content-type'] ?? '').includes(LFS_MEDIA_TYPE))
      return this.invalid(422, `batch: Content-Type must be ${LFS_MEDIA_TYPE}`);
    let body: BatchRequest;
    try {
      body = JSON.parse(text) as BatchRequest;
    } catch {
      return this.invalid(422, 'batch: body is not JSON');
    }
    if (body.operation !== 'upload' && body.operation !== 'download')
      return this.invalid(422, `batch: invalid operation ${String(body.operation)}`);
    record.operation = body.operation;
    if (!Array.isArray(body.objects) || body.objects.some((o) => !OID.test(o?.oid) || !validSize(o?.size)))
      return this.invalid(422, 'batch: objects must be [{oid: sha256 hex, size: integer >= 0}]');
    record.oids = body.objects.map((o) => o.oid);
    if (body.transfers !== undefined && !(Array.isArray(body.transfers) && body.transfers.includes('basic')))
      return this.invalid(422, 'batch: this server only supports the basic transfer');
    if (body.hash_algo !== undefined && body.hash_algo !== 'sha256')
      return message(409, `Unsupported hash algorithm ${String(body.hash_algo)}.`);
    const write = body.operation === 'upload';
    const allowed = this.access(repo, user, write);
    if (allowed && 'status' in allowed) return allowed;
    const username = allowed?.username ?? '';
    const base = `${this.forge.url}${url.pathname.slice(0, url.pathname.length - 'objects/batch'.length)}objects/`;
    const objects = body.objects.map((object) => {
      const { oid, size } = object;
      const present = this.hasObject(repo, oid, size);
      if (!write && !present) return { oid, size, error: { code: 404, message: 'Object does not exist' } };
      if (write && present) return { oid, size };
      const token = randomBytes(16).toString('hex');
      this.grants.set(token, {
        repoId: repo.id,
        oid,
        size,
        operation: body.operation as 'upload' | 'download',
        user: username,
        expires: Date.now() + ACTION_TTL_SECONDS * 1000,
      });
      const action = { href: base + oid, header: { Authorization: `RemoteAuth ${token}` }, expires_in: 3600 };
      return { oid, size, authenticated: true, actions: write ? { upload: action } : { download: action } };
    });
    return { status: 200, body: { transfer: 'basic', objects, hash_algo: 'sha256' } };
  }

  /** undefined when allowed; otherwise the error answer. */
  private authorizeTransfer(
    req: IncomingMessage,
    repo: RepoRecord,
    oid: string,
    operation: 'upload' | 'download',
    user: ForgeUser | undefined | 'invalid',
  ): LfsAnswer | undefined {
    const token = actionToken(req);
    if (token !== undefined) {
      const grant = this.grants.get(token);
      if (!grant || grant.repoId !== repo.id || grant.oid !== oid || grant.operation !== operation)
        return message(401, 'Invalid action token.');
      if (grant.expires < Date.now()) return message(401, 'Action token expired.');
    } else {
      const allowed = this.access(repo, user, operation === 'upload');
      if (allowed && 'status' in allowed) return allowed;
    }
    if (operation === 'download' && !this.hasObject(repo, oid)) return message(404, 'Object does not exist');
    return undefined;
  }

  private async upload(
    req: IncomingMessage,
    repo: RepoRecord,
    oid: string,
    user: ForgeUser | undefined | 'invalid',
  ): Promise<LfsAnswer> {
    const denied = this.authorizeTransfer(req, repo, oid, 'upload', user);
    if (denied) {
      await drain(req);
      return denied;
    }
    const grant = this.grants.get(actionToken(req) ?? '');
    const tmpDir = path.join(repo.dir, 'lfs', 'tmp');
    fs.mkdirSync(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${oid}-${randomBytes(4).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(tmp);
      req.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
      });
      req.on('error', reject);
      out.on('error', reject);
      out.on('finish', resolve);
      req.pipe(out);
    });
    const actual = hash.digest('hex');
    const expectedSize = grant?.size ?? Number.parseInt(req.headers['content-length'] ?? '', 10);
    if (actual !== oid || (Number.isFinite(expectedSize) && size !== expectedSize)) {
      fs.rmSync(tmp, { force: true });
      return message(422, `Object ${oid} does not match: got sha256 ${actual} and ${size} bytes.`);
    }
    const file = this.objectPath(repo, oid);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.renameSync(tmp, file);
    return { status: 200 };
  }

  /** A request a real LFS server would refuse: answered with `status` and recorded as a violation. */
  private invalid(status: number, text: string): LfsAnswer {
    this.forge.violations.push(`lfs: ${text}`);
    return message(status, text);
  }
}

interface BatchRequest {
  operation?: unknown;
  transfers?: unknown;
  ref?: { name?: string };
  objects: { oid: string; size: number }[];
  hash_algo?: unknown;
}

/** The token of an action header (`Authorization: RemoteAuth <token>`), if the request carries one. */
function actionToken(req: IncomingMessage): string | undefined {
  return /^RemoteAuth\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function validSize(size: unknown): boolean {
  return typeof size === 'number' && Number.isInteger(size) && size >= 0;
}

function message(status: number, text: string): LfsAnswer {
  return { status, body: { message: text } };
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function drain(req: IncomingMessage): Promise<void> {
  await readAll(req);
}
