import { AsyncLocalStorage } from 'node:async_hooks';
import type { Runtime } from './runtime.js';
import { SecretMasker } from './secret-masker.js';

export type LineKind = 'info' | 'warning' | 'error' | 'debug';

export interface LogLine {
  kind: LineKind;
  text: string;
}

/** A group's output, held until the group ends. */
export interface LogGroup {
  title: string;
  /** Unix seconds when the group started and ended (GitLab sections show the duration). */
  startedAt: number;
  endedAt: number;
  entries: (LogLine | LogGroup)[];
}

export function isGroup(entry: LogLine | LogGroup): entry is LogGroup {
  return 'entries' in entry;
}

/** What every runtime adds to the `Runtime` contract: the scrubber the report writers use too. */
export interface MirrorRuntime extends Runtime {
  /** `text` with every registered secret (in all its forms) replaced by `***`. */
  redact(text: string): string;
}

/**
 * The part shared by every platform: secret masking of everything printed, and group buffering.
 *
 * Repositories are processed concurrently, so their log lines would interleave and no platform can show overlapping
 * groups. Each `group()` therefore collects the lines logged inside it (found through AsyncLocalStorage, so concurrent
 * groups never mix) and prints them as one block when it ends. Lines logged outside any group print at once.
 */
export abstract class BufferedRuntime implements MirrorRuntime {
  abstract readonly platform: Runtime['platform'];
  protected readonly masker = new SecretMasker();
  private readonly currentGroup = new AsyncLocalStorage<LogGroup>();

  constructor(protected readonly now: () => number = Date.now) {}

  redact(text: string): string {
    return this.masker.redact(text);
  }

  info(message: string): void {
    this.log({ kind: 'info', text: message });
  }
  warning(message: string): void {
    this.log({ kind: 'warning', text: message });
  }
  error(message: string): void {
    this.log({ kind: 'error', text: message });
  }
  debug(message: string): void {
    this.log({ kind: 'debug', text: message });
  }

  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    const group: LogGroup = { title, startedAt: this.unixNow(), endedAt: 0, entries: [] };
    const parent = this.currentGroup.getStore();
    try {
      return await this.currentGroup.run(group, fn);
    } finally {
      group.endedAt = this.unixNow();
      if (parent) parent.entries.push(group);
      else this.writeGroup(group);
    }
  }

  setSecret(value: string): void {
    for (const form of this.masker.add(value)) this.registerSecretForm(form);
  }

  abstract setOutput(name: string, value: string): void;
  abstract writeSummary(markdown: string): Promise<void>;

  /** Print one line now (outside groups). Implementations redact. */
  protected abstract writeLine(line: LogLine): void;
  /** Print a finished group with its lines and nested groups. Implementations redact. */
  protected abstract writeGroup(group: LogGroup): void;
  /** Hook for platforms that mask on their own side too (the Actions runner). */
  protected registerSecretForm(_form: string): void {}

  private log(line: LogLine): void {
    const group = this.currentGroup.getStore();
    if (group) group.entries.push(line);
    else this.writeLine(line);
  }

  private unixNow(): number {
    return Math.floor(this.now() / 1000);
  }
}
