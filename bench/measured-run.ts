/**
 * Runs one measured command: wall time, git processes (a counting `git` wrapper first on PATH appends one line per
 * invocation, then execs the real git) and peak memory of the whole process tree (polling /proc).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface MeasuredRun {
  wallMs: number;
  exitCode: number | null;
  /** One entry per git invocation: its arguments. */
  gitCalls: string[];
  /** Peak of the sum of VmRSS over the tree at one sample, or the root's VmHWM when higher. */
  peakBytes: number;
  /** VmHWM of the measured process itself (without its children). */
  rootPeakBytes: number;
  timedOut: boolean;
  output: string;
}

export interface RunRequest {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin?: string;
  timeoutMs: number;
}

/** Writes `<dir>/git`, a wrapper that logs its arguments to $BENCH_GIT_LOG and execs the real git. */
export function installGitCounter(dir: string): string {
  const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  fs.mkdirSync(dir, { recursive: true });
  const wrapper = path.join(dir, 'git');
  fs.writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> "$BENCH_GIT_LOG"\nexec ${realGit} "$@"\n`, {
    mode: 0o755,
  });
  return dir;
}

export async function measure(request: RunRequest, gitCounterDir: string, logFile: string): Promise<MeasuredRun> {
  fs.writeFileSync(logFile, '');
  const env = {
    ...request.env,
    PATH: `${gitCounterDir}${path.delimiter}${request.env.PATH ?? process.env.PATH ?? ''}`,
    BENCH_GIT_LOG: logFile,
  };
  const started = performance.now();
  // Own process group, so that a timeout or an interrupted bench can end the whole tree.
  const child = spawn(request.command, request.args, {
    cwd: request.cwd,
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  activeGroups.add(child.pid!);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.stdin!.end(request.stdin ?? '');
  const sampler = new TreeMemory(child.pid!);
  const poll = setInterval(() => sampler.sample(), 40);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid!);
  }, request.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const wallMs = performance.now() - started;
  clearInterval(poll);
  clearTimeout(timer);
  activeGroups.delete(child.pid!);
  killGroup(child.pid!); // stray descendants, if any
  const gitCalls = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  return {
    wallMs,
    exitCode,
    gitCalls,
    peakBytes: sampler.peakBytes,
    rootPeakBytes: sampler.rootPeakBytes,
    timedOut,
    output,
  };
}

const activeGroups = new Set<number>();

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Ends every measured process group still running (on interrupt or error). */
export function killActiveRuns(): void {
  for (const pid of activeGroups) killGroup(pid);
  activeGroups.clear();
}

/** Samples the memory of a process and all its descendants from /proc. */
class TreeMemory {
  peakBytes = 0;
  rootPeakBytes = 0;

  constructor(private readonly rootPid: number) {}

  sample(): void {
    const children = new Map<number, number[]>();
    for (const entry of readDirSafe('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readSafe(`/proc/${entry}/stat`);
      if (!stat) continue;
      // Fields after the command name (which may contain spaces and parentheses): state ppid ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    }
    let total = 0;
    const queue = [this.rootPid];
    while (queue.length) {
      const pid = queue.pop()!;
      const status = readSafe(`/proc/${pid}/status`);
      if (status) {
        total += kib(status, 'VmRSS');
        if (pid === this.rootPid) this.rootPeakBytes = Math.max(this.rootPeakBytes, kib(status, 'VmHWM'));
      }
      queue.push(...(children.get(pid) ?? []));
    }
    this.peakBytes = Math.max(this.peakBytes, total, this.rootPeakBytes);
  }
}

function kib(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

function readSafe(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readDirSafe(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
