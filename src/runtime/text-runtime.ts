import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BufferedRuntime, isGroup, type LogGroup, type LogLine } from './buffered-runtime.js';

export interface TextRuntimeOptions {
  platform: 'gitlab' | 'cli';
  /** Print debug lines. */
  debug?: boolean;
  /** Where the Markdown summary is written (next to the report); it is printed to the log as well. */
  summaryFile?: string;
  /** Sinks, for tests; default process.stdout / process.stderr. Each call receives whole lines ending in '\n'. */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  now?: () => number;
}

const ESC = '\u001b';
const YELLOW = `${ESC}[33m`;
const RED = `${ESC}[31m`;
const RESET = `${ESC}[0m`;

/**
 * GitLab CI and the plain CLI: lines on stdout, secrets replaced by `***` in every line. On GitLab, groups are
 * collapsible sections (https://docs.gitlab.com/ci/jobs/job_logs/#custom-collapsible-sections) and warnings / errors
 * are coloured; on the CLI, groups are a title and indented lines, and warnings / errors go to stderr with a
 * `warning:` / `error:` prefix. Outputs are kept in `outputs` (there is no step-output mechanism) and shown in debug.
 */
export class TextRuntime extends BufferedRuntime {
  readonly platform: 'gitlab' | 'cli';
  readonly outputs = new Map<string, string>();
  private readonly stdout: (text: string) => void;
  private readonly stderr: (text: string) => void;
  private sections = 0;
  private summaryWritten = false;

  constructor(private readonly options: TextRuntimeOptions) {
    super(options.now);
    this.platform = options.platform;
    this.stdout = options.stdout ?? ((text) => process.stdout.write(text));
    this.stderr = options.stderr ?? ((text) => process.stderr.write(text));
  }

  setOutput(name: string, value: string): void {
    this.outputs.set(name, value);
    this.debug(`output ${name}=${value}`);
  }

  /** Prints the Markdown, and writes it to `summaryFile` (the first call of the run replaces the file, later ones append). */
  async writeSummary(markdown: string): Promise<void> {
    const text = this.redact(markdown);
    const file = this.options.summaryFile;
    if (file) {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      if (this.summaryWritten) appendFileSync(file, `\n${text}`);
      else writeFileSync(file, text);
      this.summaryWritten = true;
    }
    this.info(text);
  }

  protected writeLine(line: LogLine): void {
    if (line.kind === 'debug' && !this.options.debug) return;
    const text = this.format(line);
    if (this.platform === 'cli' && (line.kind === 'warning' || line.kind === 'error')) this.stderr(text);
    else this.stdout(text);
  }

  protected writeGroup(group: LogGroup): void {
    if (this.platform === 'gitlab') this.writeSection(group);
    else this.writeIndented(group, '');
  }

  private writeSection(group: LogGroup): void {
    // Section names: letters, digits, '_', '.', '-' only; unique so that nested and later sections never collide.
    const title = this.redact(group.title).replace(/\r?\n/g, ' ');
    const slug = title.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40);
    const name = `org_mirror_${++this.sections}_${slug}`;
    this.stdout(`${ESC}[0Ksection_start:${group.startedAt}:${name}[collapsed=true]\r${ESC}[0K${title}\n`);
    for (const entry of group.entries) {
      if (isGroup(entry)) this.writeSection(entry);
      else this.writeLine(entry);
    }
    this.stdout(`${ESC}[0Ksection_end:${group.endedAt}:${name}\r${ESC}[0K\n`);
  }

  private writeIndented(group: LogGroup, indent: string): void {
    this.stdout(`${indent}${this.redact(group.title)}\n`);
    for (const entry of group.entries) {
      if (isGroup(entry)) this.writeIndented(entry, `${indent}  `);
      else if (entry.kind !== 'debug' || this.options.debug) {
        const text = this.format(entry)
          .split('\n')
          .map((line) => (line ? `${indent}  ${line}` : line))
          .join('\n');
        if (entry.kind === 'warning' || entry.kind === 'error') this.stderr(text);
        else this.stdout(text);
      }
    }
  }

  /** One message as printed lines, redacted, ending in '\n'. */
  private format(line: LogLine): string {
    const text = this.redact(line.text);
    const colour = this.platform === 'gitlab';
    switch (line.kind) {
      case 'warning':
        return colour ? `${YELLOW}warning: ${text}${RESET}\n` : `warning: ${text}\n`;
      case 'error':
        return colour ? `${RED}error: ${text}${RESET}\n` : `error: ${text}\n`;
      case 'debug':
        return `debug: ${text}\n`;
      default:
        return `${text}\n`;
    }
  }
}
