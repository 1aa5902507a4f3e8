/**
 * A test forge (test/forge/serve.ts) in its own process, so that its CPU is not charged to the measured process, and
 * the client of its control port (request counters, recorded requests, refs, one-commit pushes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { ForgeType, RecordedGitRequest, RecordedRequest } from '../test/forge/types.js';

export interface ForgeInfo {
  type: ForgeType;
  url: string;
  apiUrl: string;
  owner: string;
  users: { username: string; token: string }[];
  repos: number;
  seedMs: number;
  root: string;
  controlUrl: string;
}

export interface ForgeStats {
  api: number;
  git: number;
  violations: number;
}

export interface ForgeOptions {
  type: ForgeType;
  owner: string;
  repos: number;
  latencyMs: number;
  root: string;
  cwd: string;
  /** Check every API request and answer against the host's API description (forge CPU the real host does not add). */
  contract: boolean;
}

export class ForgeProcess {
  private constructor(
    readonly info: ForgeInfo,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: ForgeOptions): Promise<ForgeProcess> {
    const args = [
      '--import',
      'tsx',
      path.join(options.cwd, 'test/forge/serve.ts'),
      ...['--type', options.type, '--owner', options.owner, '--repos', String(options.repos)],
      ...['--latency-ms', String(options.latencyMs), '--page-size', '100', '--root', options.root],
      '--control',
      '--stdin-lifetime',
      ...(options.contract ? [] : ['--no-contract']),
    ];
    const child = spawn(process.execPath, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const line = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once('line', resolve);
      child.once('exit', (code) =>
        reject(new Error(`forge ${options.type} exited (${code}) before starting: ${stderr}`)),
      );
    });
    return new ForgeProcess(JSON.parse(line) as ForgeInfo, child);
  }

  get mirrorToken(): string {
    return this.info.users.find((u) => u.username === 'mirror-bot')!.token;
  }

  async call<T>(method: 'GET' | 'POST', route: string, query: Record<string, string | number> = {}): Promise<T> {
    const url = new URL(route, this.info.controlUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    const response = await fetch(url, { method });
    const text = await response.text();
    if (!response.ok) throw new Error(`forge control ${method} ${route}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  stats(): Promise<ForgeStats> {
    return this.call('GET', '/stats');
  }

  requestsSince(stats: ForgeStats): Promise<{ api: RecordedRequest[]; git: RecordedGitRequest[] }> {
    return this.call('GET', '/requests', { api: stats.api, git: stats.git });
  }

  /** `refs/heads/*` and `refs/tags/*` of every repo of a namespace, by repo path relative to it. */
  async refs(owner: string): Promise<Map<string, Record<string, string>>> {
    const byFullPath = await this.call<Record<string, Record<string, string>>>('GET', '/refs', { owner });
    return new Map(Object.entries(byFullPath).map(([fullPath, refs]) => [fullPath.slice(owner.length + 1), refs]));
  }

  async addOrg(name: string): Promise<void> {
    await this.call('POST', '/org', { name });
  }

  async commit(owner: string, repo: string): Promise<void> {
    await this.call('POST', '/commit', { owner, repo });
  }

  /** SIGTERM (the forge stops its servers), then waits for the exit; SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
