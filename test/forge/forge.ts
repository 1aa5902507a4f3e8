/**
 * The test forge: a fake Git hosting server (one host type per instance) on 127.0.0.1 with a documented API subset,
 * real git over smart HTTP, protection enforced by a real pre-receive hook, and contract checks of every API request
 * and answer. See types.ts for how host modules plug in.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { validateRequest, validateResponse, type ContractHost } from './contract.js';
import { alterAnswer, applyFault, type ForgeFault } from './faults.js';
import { createForgeServer, createForgeTls, type ForgeTls } from './tls.js';
import { runHttpBackend } from './git-backend.js';
import { installHooks, LAST_PUSH_FILE, RULES_FILE, rulesFileText } from './hook-scripts.js';
import { createBitbucketServerFake } from './hosts/bitbucket-server.js';
import { createGitHubFake } from './hosts/github.js';
import { createGiteaFake } from './hosts/gitea.js';
import { createGitLabFake } from './hosts/gitlab.js';
import { createBitbucketCloudFake } from './hosts/bitbucket-cloud.js';
import { LfsServer, type RecordedLfsRequest } from './lfs.js';
import { git, listRefs, rawTreeEntries, seedRepo, writeLooseCommit, type SeedSpec, type SeedResult } from './seed.js';
import {
  ACCESS,
  type ApiRequest,
  type ApiResponse,
  type FaultMatcher,
  type ForgeState,
  type ForgeType,
  type ForgeUser,
  type HostFake,
  type Namespace,
  type NamespaceOptions,
  type RecordedGitRequest,
  type RecordedRequest,
  type RefUpdate,
  type RepoOptions,
  type RepoRecord,
  type Role,
} from './types.js';

export interface ForgeOptions {
  type: ForgeType;
  /** Maximum page size the API answers (default 2, so that pagination is always exercised). */
  pageSize?: number;
  /** Delay before every HTTP answer, in ms (default 0). */
  latencyMs?: number;
  /** Directory for bare repos (default: a fresh temp dir, removed by `stop()`). */
  root?: string;
  users?: { username: string; token: string; admin?: boolean; appId?: number }[];
  /** Check requests/answers against the API description (default true). */
  contract?: boolean;
  /** Serve HTTPS with a certificate from a private CA made for this forge (`forge.caFile`); URLs are https. */
  tls?: boolean;
}

/** Host fake factories; Bitbucket modules register here. */
export const HOST_FAKES: Partial<Record<ForgeType, (state: ForgeState) => HostFake>> = {
  github: createGitHubFake,
  gitlab: createGitLabFake,
  'bitbucket-cloud': createBitbucketCloudFake,
  'bitbucket-server': createBitbucketServerFake,
  gitea: createGiteaFake,
};

interface ActiveFault {
  matcher: FaultMatcher;
  fault: ForgeFault;
  remaining: number;
}

export class Forge implements ForgeState {
  readonly users = new Map<string, ForgeUser>();
  readonly namespaces = new Map<string, Namespace>();
  readonly repos = new Map<string, RepoRecord>();
  /** Every API request, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every git smart-HTTP request, in order. */
  readonly gitRequests: RecordedGitRequest[] = [];
  /** Contract violations (requests the real host would not accept, answers that do not match the description). */
  readonly violations: string[] = [];
  /** Git LFS Batch API and object storage at `<clone url>/info/lfs/...` (lfs.ts). */
  readonly lfs: LfsServer = new LfsServer(this);
  readonly pageSize: number;
  latencyMs: number;
  url = '';
  apiUrl = '';
  readonly host: HostFake;
  /** Certificate material when serving HTTPS (startForge({ tls: true })). */
  tls?: ForgeTls;
  /** `ssh://git@127.0.0.1:<port>` when an SSH server (ssh-server.ts) serves this forge's repositories. */
  sshBase?: string;
  private server?: http.Server;
  private lastId = 1000;
  private readonly reposDir: string;
  private readonly hooksDir: string;
  private readonly templateDir: string;
  private readonly ownsRoot: boolean;
  private readonly faults: ActiveFault[] = [];
  private readonly sockets = new Set<import('node:net').Socket>();
  private readonly contract: boolean;

  constructor(
    readonly type: ForgeType,
    readonly root: string,
    options: ForgeOptions,
    ownsRoot: boolean,
  ) {
    const factory = HOST_FAKES[type];
    if (!factory) throw new Error(`forge: no fake for host type ${type}`);
    this.pageSize = options.pageSize ?? 2;
    this.latencyMs = options.latencyMs ?? 0;
    this.contract = options.contract ?? true;
    this.ownsRoot = ownsRoot;
    this.reposDir = path.join(root, 'repos');
    this.hooksDir = path.join(root, 'hooks');
    this.templateDir = path.join(root, 'template-empty.git');
    fs.mkdirSync(this.reposDir, { recursive: true });
    installHooks(this.hooksDir);
    execFileSync('git', ['init', '--bare', '--quiet', this.templateDir], {
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    // Per-repo hooks would shadow nothing (core.hooksPath wins) but keep the copies small.
    fs.rmSync(path.join(this.templateDir, 'hooks'), { recursive: true, force: true });
    this.host = factory(this);
    for (const user of options.users ?? []) this.addUser(user);
  }

  // ---- state shared with host modules --------------------------------------------------------------------------

  nextId(): number {
    return ++this.lastId;
  }

  now(): string {
    return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Tokens that expire (GitHub App installation tokens): whose they are and until when (ms since the epoch). */
  private readonly expiringTokens = new Map<string, { user: ForgeUser; expiresAt: number }>();

  issueToken(user: ForgeUser, token: string, expiresAt: number): void {
    this.expiringTokens.set(token, { user, expiresAt });
  }

  userByToken(token: string): ForgeUser | undefined {
    const issued = this.expiringTokens.get(token);
    // An expired token is refused like an unknown one (401), by the API and by git.
    if (issued) return Date.now() < issued.expiresAt ? issued.user : undefined;
    for (const user of this.users.values()) if (user.token === token) return user;
    return undefined;
  }

  accessLevel(user: ForgeUser | undefined, target: Namespace | RepoRecord): number {
    if (!user) return ACCESS.none;
    if (user.admin) return ACCESS.owner;
    let ns: Namespace | undefined = 'fullPath' in target ? this.namespaces.get(target.owner.toLowerCase()) : target;
    let level = 0;
    while (ns) {
      if (ns.kind === 'user' && ns.path.toLowerCase() === user.username.toLowerCase())
        level = Math.max(level, ACCESS.owner);
      const role = [...ns.members].find(([name]) => name.toLowerCase() === user.username.toLowerCase())?.[1];
      if (role) level = Math.max(level, ACCESS[role]);
      ns = ns.parent ? this.namespaces.get(ns.parent.toLowerCase()) : undefined;
    }
    return level;
  }

  canRead(user: ForgeUser | undefined, repo: RepoRecord): boolean {
    if (repo.visibility === 'public') return true;
    if (repo.visibility === 'internal' && user) return true;
    return this.accessLevel(user, repo) >= ACCESS.read;
  }

  findRepo(fullPath: string): RepoRecord | undefined {
    return this.repos.get(fullPath.replace(/\.git$/, '').toLowerCase());
  }

  addNamespace(nsPath: string, options: NamespaceOptions = {}): Namespace {
    const existing = this.namespaces.get(nsPath.toLowerCase());
    if (existing) return existing;
    const parent = nsPath.includes('/') ? nsPath.slice(0, nsPath.lastIndexOf('/')) : undefined;
    if (parent) this.addNamespace(parent, { kind: 'org' });
    const ns: Namespace = {
      id: this.nextId(),
      path: nsPath,
      kind: options.kind ?? 'org',
      parent,
      name: options.name ?? nsPath.split('/').pop()!,
      description: options.description ?? '',
      visibility: options.visibility ?? 'public',
      members: new Map(Object.entries(options.members ?? {}) as [string, Role][]),
      createdAt: this.now(),
      host: {},
    };
    this.namespaces.set(nsPath.toLowerCase(), ns);
    return ns;
  }

  /** `init` writes the bare repo into its (not yet existing) directory; default: a copy of the empty template. */
  createRepo(
    owner: string,
    name: string,
    options: RepoOptions = {},
    init: (dir: string) => void = (dir) => fs.cpSync(this.templateDir, dir, { recursive: true }),
  ): RepoRecord {
    const fullPath = `${owner}/${name}`;
    if (this.findRepo(fullPath)) throw new Error(`forge: repo ${fullPath} exists`);
    if (!this.namespaces.has(owner.toLowerCase())) throw new Error(`forge: no namespace ${owner}`);
    const dir = path.join(this.reposDir, `${fullPath}.git`);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    init(dir);
    const now = this.now();
    const repo: RepoRecord = {
      id: this.nextId(),
      owner,
      name,
      fullPath,
      description: options.description ?? '',
      visibility: options.visibility ?? 'private',
      fork: options.fork ?? false,
      forkedFrom: options.forkedFrom,
      archived: options.archived ?? false,
      defaultBranch: options.defaultBranch ?? 'main',
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
      dir,
      hasWiki: options.wiki ?? true,
      wikiDir: path.join(this.reposDir, `${fullPath}.wiki.git`),
      host: {},
    };
    this.setHead(repo, repo.defaultBranch);
    this.repos.set(fullPath.toLowerCase(), repo);
    this.host.newRepo(repo);
    return repo;
  }

  ensureWiki(repo: RepoRecord): void {
    if (!this.wikiExists(repo)) fs.cpSync(this.templateDir, repo.wikiDir, { recursive: true });
  }

  wikiExists(repo: RepoRecord): boolean {
    return fs.existsSync(path.join(repo.wikiDir, 'HEAD'));
  }

  /** The SSH clone URL the API answers carry, when an SSH server is attached (else the host fake's placeholder). */
  sshUrlOf(repo: RepoRecord): string | undefined {
    return this.sshBase ? `${this.sshBase}/${repo.fullPath}.git` : undefined;
  }

  setHead(repo: RepoRecord, branch: string): void {
    repo.defaultBranch = branch;
    fs.writeFileSync(path.join(repo.dir, 'HEAD'), `ref: refs/heads/${branch}\n`);
  }

  isEmpty(repo: RepoRecord): boolean {
    const heads = path.join(repo.dir, 'refs/heads');
    if (fs.existsSync(heads) && fs.readdirSync(heads).length) return false;
    const packed = path.join(repo.dir, 'packed-refs');
    return !(fs.existsSync(packed) && fs.readFileSync(packed, 'utf8').includes(' refs/heads/'));
  }

  hasBranch(repo: RepoRecord, branch: string): boolean {
    if (fs.existsSync(path.join(repo.dir, 'refs/heads', branch))) return true;
    const packed = path.join(repo.dir, 'packed-refs');
    return fs.existsSync(packed) && fs.readFileSync(packed, 'utf8').includes(` refs/heads/${branch}\n`);
  }

  refs(repo: RepoRecord): Map<string, string> {
    return new Map(Object.entries(listRefs(repo.dir)));
  }

  protectionChanged(repo: RepoRecord): void {
    const rules = this.host.protectionRules(repo);
    const file = path.join(repo.dir, RULES_FILE);
    if (rules.length) fs.writeFileSync(file, rulesFileText(rules));
    else fs.rmSync(file, { force: true });
  }

  // ---- API for tests -----------------------------------------------------------------------------------------------

  addUser(user: { username: string; token: string; admin?: boolean; appId?: number }): ForgeUser {
    const record: ForgeUser = {
      id: this.nextId(),
      username: user.username,
      token: user.token,
      admin: user.admin ?? false,
      appId: user.appId,
      createdAt: this.now(),
    };
    this.users.set(user.username.toLowerCase(), record);
    this.addNamespace(user.username, { kind: 'user' });
    return record;
  }

  /** GitHub organization / GitLab group (nested `parent/child` creates the parents). */
  addOrg(
    name: string,
    options: { members?: Record<string, Role>; visibility?: Namespace['visibility']; description?: string } = {},
  ): Namespace {
    const ns = this.addNamespace(name, { kind: 'org', ...options });
    for (const [user, role] of Object.entries(options.members ?? {})) ns.members.set(user, role);
    return ns;
  }

  /** Creates an empty bare repo under an existing namespace (org, group path or username). */
  addRepo(owner: string, repoPath: string, options: RepoOptions = {}): RepoRecord {
    const parts = repoPath.split('/');
    const name = parts.pop()!;
    const ownerPath = [owner, ...parts].join('/');
    if (parts.length) this.addNamespace(ownerPath, { kind: 'org' });
    return this.createRepo(ownerPath, name, options);
  }

  repo(owner: string, repoPath: string): RepoRecord {
    const repo = this.findRepo(`${owner}/${repoPath}`);
    if (!repo) throw new Error(`forge: no repo ${owner}/${repoPath}`);
    return repo;
  }

  repoDir(owner: string, repoPath: string): string {
    return this.repo(owner, repoPath).dir;
  }

  /** Adds real commits and tags (see SeedSpec); counts as a push (pushed_at, host after-push behaviour). */
  seed(owner: string, repoPath: string, spec: SeedSpec): SeedResult {
    const repo = this.repo(owner, repoPath);
    const before = listRefs(repo.dir);
    const result = seedRepo(repo.dir, spec);
    const updates: RefUpdate[] = Object.entries(result.refs)
      .filter(([ref, sha]) => before[ref] !== sha)
      .map(([ref, sha]) => ({ ref, oldSha: before[ref] ?? '0'.repeat(40), newSha: sha }));
    this.afterPush(repo, updates, undefined);
    return result;
  }

  /**
   * Creates `count` repos `${prefix}-0001`… under `owner`, each with branches, tags and one unique commit, by copying
   * a seeded template (no git process per repo).
   */
  seedMany(
    owner: string,
    count: number,
    options: { prefix?: string; visibility?: RepoRecord['visibility'] } = {},
  ): RepoRecord[] {
    const prefix = options.prefix ?? 'repo';
    const template = path.join(this.root, 'template-seeded.git');
    if (!fs.existsSync(template)) {
      fs.cpSync(this.templateDir, template, { recursive: true });
      seedRepo(template, {
        branches: {
          main: ['README.md', 'src.txt', 'CHANGELOG.md'],
          develop: ['dev.txt'],
          'feature/x': ['feature.txt'],
        },
        tags: ['v1.0.0', { name: 'v1.1.0', message: 'Release 1.1.0' }],
      });
      git(template, ['repack', '-a', '-d', '-q']);
      git(template, ['prune-packed']);
      for (const unused of ['description', 'info', 'logs'])
        fs.rmSync(path.join(template, unused), { recursive: true, force: true });
      git(template, ['pack-refs', '--all']);
    }
    const mainSha = listRefs(template)['refs/heads/main'];
    const treeEntries = rawTreeEntries(template, mainSha);
    const objects = path.join(template, 'objects');
    const config = fs.readFileSync(path.join(template, 'config'));
    const packedRefs = fs.readFileSync(path.join(template, 'packed-refs'), 'utf8');
    const made: RepoRecord[] = [];
    for (let i = 1; i <= count; i++) {
      const name = `${prefix}-${String(i).padStart(4, '0')}`;
      // One unique commit per repo, stored in the template's object store, which every generated repo borrows
      // through `objects/info/alternates` (as GitHub does for forks): a handful of file writes per repo.
      // `zz-` sorts after the template's file names, as git's tree order requires.
      const head = writeLooseCommit(template, {
        parent: mainSha,
        parentTreeEntries: treeEntries,
        fileName: 'zz-id.txt',
        content: `${owner}/${name}\n`,
        message: `Identify ${name}`,
      });
      const repo = this.createRepo(owner, name, { visibility: options.visibility, defaultBranch: 'main' }, (dir) => {
        fs.mkdirSync(path.join(dir, 'objects', 'info'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'objects', 'info', 'alternates'), objects + '\n');
        fs.mkdirSync(path.join(dir, 'refs'));
        fs.writeFileSync(path.join(dir, 'config'), config);
        fs.writeFileSync(
          path.join(dir, 'packed-refs'),
          packedRefs.replace(`${mainSha} refs/heads/main`, `${head} refs/heads/main`),
        );
      });
      repo.pushedAt = this.now();
      this.host.onPush(repo, [], undefined);
      made.push(repo);
    }
    return made;
  }

  /**
   * Creates the repository's wiki with pages, as its first page in the web interface does (GitHub creates the wiki's
   * repository only then), or adds pages to it. The wiki's default branch is `master`, as GitHub's.
   */
  seedWiki(owner: string, repoPath: string, spec: SeedSpec): SeedResult {
    const repo = this.repo(owner, repoPath);
    if (!this.wikiExists(repo)) {
      this.ensureWiki(repo);
      fs.writeFileSync(path.join(repo.wikiDir, 'HEAD'), 'ref: refs/heads/master\n');
    }
    return seedRepo(repo.wikiDir, spec);
  }

  /** The wiki's branches and tags (empty when it has no repository). */
  wikiRefs(owner: string, repoPath: string): Record<string, string> {
    const repo = this.repo(owner, repoPath);
    return this.wikiExists(repo) ? listRefs(repo.wikiDir) : {};
  }

  /** Oids of the LFS objects stored for a repo (`owner/name`), sorted. */
  lfsObjects(fullPath: string): string[] {
    return this.lfs.objects(this.repo(...splitFullPath(fullPath)));
  }

  /** Removes a stored LFS object, to simulate one missing on the server. */
  deleteLfsObject(fullPath: string, oid: string): void {
    this.lfs.deleteObject(this.repo(...splitFullPath(fullPath)), oid);
  }

  get lfsRequests(): RecordedLfsRequest[] {
    return this.lfs.requests;
  }

  /** Makes the next matching request(s) fail (status, Retry-After, delay, connection reset). */
  injectFault(matcher: FaultMatcher, fault: ForgeFault): void {
    this.faults.push({ matcher, fault, remaining: matcher.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** API writes (anything but GET/HEAD), e.g. to assert that preview/check modes changed nothing. */
  get writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  get pushes(): RecordedGitRequest[] {
    return this.gitRequests.filter((r) => r.service === 'git-receive-pack' && r.phase === 'exchange');
  }

  async start(): Promise<this> {
    this.server = createForgeServer(this.tls, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(
          `forge internal error on ${req.method} ${req.url}: ${String((error as Error)?.stack ?? error)}`,
        );
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal Server Error' }));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    this.apiUrl = `${this.url}${this.host.apiPrefix}`;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) {
      const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
      for (const socket of this.sockets) socket.destroy();
      await closed;
      this.server = undefined;
    }
    if (this.ownsRoot) fs.rmSync(this.root, { recursive: true, force: true });
  }

  // ---- HTTP -------------------------------------------------------------------------------------------------------

  /** PEM file of the private CA that signed the forge's certificate (HTTPS forges only). */
  get caFile(): string | undefined {
    return this.tls?.caFile;
  }

  private takeFault(
    kind: 'api' | 'git',
    method: string,
    rawPath: string,
    bodyText: string | undefined,
  ): ForgeFault | undefined {
    const matches = (pattern: string | RegExp, text: string) =>
      typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    for (const active of this.faults) {
      const m = active.matcher;
      if (active.remaining <= 0) continue;
      if (m.kind && m.kind !== kind) continue;
      if (m.method && m.method.toUpperCase() !== method) continue;
      if (m.path && !matches(m.path, rawPath)) continue;
      if (m.body && !(bodyText !== undefined && matches(m.body, bodyText))) continue;
      active.remaining--;
      return active.fault;
    }
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = url.pathname;
    if (this.latencyMs) await sleep(this.latencyMs);
    const isApi = rawPath === this.host.apiPrefix || rawPath.startsWith(this.host.apiPrefix + '/');
    // A fault chosen by the request's body needs the body first (the API handler is then given it).
    const bodyFirst = isApi && this.faults.some((active) => active.remaining > 0 && active.matcher.body);
    const bodyText = bodyFirst ? await readBody(req) : undefined;
    const fault = this.takeFault(isApi ? 'api' : 'git', method, rawPath, bodyText);
    if (fault?.pass) {
      if (fault.delayMs) await sleep(fault.delayMs);
    } else if (fault?.alter) {
      alterAnswer(res, fault.alter, new URL(req.url ?? '/', this.url));
    } else if (fault) {
      if (isApi)
        this.requests.push({
          method,
          path: rawPath,
          query: Object.fromEntries(url.searchParams),
          status: fault.status ?? 0,
        });
      return applyFault(fault, req, res);
    }
    if (isApi) return this.handleApi(req, res, url, method, bodyText);
    if (LfsServer.matches(rawPath)) return this.lfs.handle(req, res, url, method, this.gitUser(req));
    return this.handleGit(req, res, url, method);
  }

  private async handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    bodyRead?: string,
  ): Promise<void> {
    const bodyText = bodyRead ?? (await readBody(req));
    let body: unknown;
    const contentType = req.headers['content-type'] ?? '';
    if (bodyText.length) {
      if (contentType.includes('json')) {
        try {
          body = JSON.parse(bodyText);
        } catch {
          body = bodyText;
        }
      } else if (contentType.includes('x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(bodyText));
      } else body = bodyText;
    }
    const query = Object.fromEntries(url.searchParams);
    const apiReq: ApiRequest = {
      method,
      path: url.pathname,
      subPath: url.pathname.slice(this.host.apiPrefix.length) || '/',
      query,
      headers: req.headers,
      body,
    };
    let operation: string | undefined;
    const contractHost = this.type as ContractHost;
    const undocumented = this.host.undocumentedApi?.some((pattern) => pattern.test(url.pathname)) ?? false;
    if (this.contract && !undocumented) {
      const check = await validateRequest(contractHost, {
        method,
        path: url.pathname,
        query,
        headers: req.headers,
        body,
      });
      operation = check.operation;
      this.violations.push(...check.violations);
    }
    const auth = this.host.authenticateApi(req.headers);
    let answer: ApiResponse;
    try {
      answer = await this.host.handleApi({ req: apiReq, auth, forge: this });
    } catch (error) {
      this.violations.push(
        `forge ${this.type} handler crashed on ${method} ${url.pathname}: ${(error as Error).stack}`,
      );
      answer = { status: 500, body: { message: 'Internal Server Error' } };
    }
    if (this.contract && operation && answer.status < 300) {
      this.violations.push(...(await validateResponse(contractHost, operation, answer.status, answer.body)));
    }
    this.requests.push({
      method,
      path: url.pathname,
      query,
      status: answer.status,
      user: auth && auth !== 'invalid' ? auth.username : undefined,
      operation,
    });
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body !== undefined) headers['content-type'] ??= 'application/json; charset=utf-8';
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  private gitUser(req: IncomingMessage): ForgeUser | undefined | 'invalid' {
    if (this.host.authenticateGit) return this.host.authenticateGit(req.headers);
    const header = req.headers.authorization;
    if (!header) return undefined;
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match) return 'invalid';
    const decoded = Buffer.from(match[1], 'base64').toString();
    const colon = decoded.indexOf(':');
    const password = colon >= 0 ? decoded.slice(colon + 1) : '';
    return this.userByToken(password) ?? 'invalid';
  }

  private async handleGit(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const target = this.host.gitRepo(decodeURIComponent(url.pathname));
    const service =
      url.pathname.endsWith('/git-receive-pack') || url.searchParams.get('service') === 'git-receive-pack'
        ? 'git-receive-pack'
        : 'git-upload-pack';
    const phase = url.pathname.endsWith('/info/refs') ? 'advertise' : 'exchange';
    const user = this.gitUser(req);
    const record = (status: number): void => {
      this.gitRequests.push({
        service,
        phase,
        repo: target ? `${target.repo.fullPath}${target.wiki ? '.wiki' : ''}` : url.pathname,
        user: user && user !== 'invalid' ? user.username : undefined,
        status,
      });
    };
    const deny = (status: number, message: string, authenticate = false): void => {
      record(status);
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (authenticate) headers['www-authenticate'] = `Basic realm="${this.host.gitRealm}"`;
      res.writeHead(status, headers);
      res.end(message + '\n');
    };
    if (!target || !['info/refs', 'git-upload-pack', 'git-receive-pack'].includes(target.rest)) {
      return deny(404, 'Not Found');
    }
    if (method !== 'GET' && method !== 'POST') return deny(405, 'Method Not Allowed');
    const { repo } = target;
    if (user === 'invalid') return deny(401, 'Invalid username or token.', true);
    const write = service === 'git-receive-pack';
    // Pushing always needs credentials; reading a non-public repo too (the hosts ask for them before saying 404).
    if (!user && (write || !this.canRead(undefined, repo))) return deny(401, 'Authentication required', true);
    if (!this.canRead(user, repo)) return deny(404, 'Repository not found.');
    const level = this.accessLevel(user, repo);
    if (write && level < ACCESS.write) return deny(403, this.host.pushDeniedMessage(repo, user!));
    if (write && repo.archived) return deny(403, 'This repository was archived so it is read-only.');

    // A wiki is a repository of its own, without protection rules; pushes to it are no pushes to the code.
    const dir = target.wiki ? repo.wikiDir : repo.dir;
    if (target.wiki && !this.wikiExists(repo)) return deny(404, 'Repository not found.');
    if (write && phase === 'exchange') fs.rmSync(path.join(dir, LAST_PUSH_FILE), { force: true });
    const config = this.gitServiceConfig();
    const status = await runHttpBackend(req, res, {
      projectRoot: this.reposDir,
      pathInfo: `/${repo.fullPath}${target.wiki ? '.wiki' : ''}.git/${target.rest}`,
      queryString: url.search.slice(1),
      remoteUser: user?.username,
      config,
      env: { FORGE_ACCESS_LEVEL: String(level) },
    });
    record(status);
    if (write && phase === 'exchange' && target.wiki) fs.rmSync(path.join(dir, LAST_PUSH_FILE), { force: true });
    else if (write && phase === 'exchange') this.finishPush(repo, user);
  }

  /**
   * Config of every git service process (HTTP and SSH): the shared hooks (protection), hidden refs. No `git gc --auto`
   * after a push (hosts collect garbage on their own schedule; here it would only add processes).
   */
  gitServiceConfig(): [string, string][] {
    return [
      ['receive.autogc', 'false'],
      ['http.receivepack', 'true'],
      ['http.uploadpack', 'true'],
      ['core.hooksPath', this.hooksDir],
      ['uploadpack.allowFilter', 'true'],
      ...this.host.hiddenRefs.map((ref): [string, string] => ['receive.hideRefs', ref]),
    ];
  }

  /** After a receive-pack (HTTP or SSH): the refs the post-receive hook recorded count as a push. */
  finishPush(repo: RepoRecord, user: ForgeUser | undefined): void {
    const file = path.join(repo.dir, LAST_PUSH_FILE);
    if (!fs.existsSync(file)) return;
    const updates = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [oldSha, newSha, ref] = line.split(' ');
        return { ref, oldSha, newSha };
      });
    fs.rmSync(file, { force: true });
    this.afterPush(repo, updates, user);
  }

  private afterPush(repo: RepoRecord, updates: RefUpdate[], user: ForgeUser | undefined): void {
    if (!updates.length) return;
    repo.pushedAt = this.now();
    repo.updatedAt = repo.pushedAt;
    this.host.onPush(repo, updates, user);
  }
}

function splitFullPath(fullPath: string): [string, string] {
  const slash = fullPath.indexOf('/');
  return [fullPath.slice(0, slash), fullPath.slice(slash + 1)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts a forge for one host type on 127.0.0.1 (random port). */
export async function startForge(options: ForgeOptions): Promise<Forge> {
  const ownsRoot = !options.root;
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), `forge-${options.type}-`));
  fs.mkdirSync(root, { recursive: true });
  const forge = new Forge(options.type, root, options, ownsRoot);
  if (options.tls) forge.tls = createForgeTls(root);
  return forge.start();
}

export type { SeedSpec, SeedResult } from './seed.js';
export type * from './types.js';
