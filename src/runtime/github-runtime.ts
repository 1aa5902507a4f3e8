import * as core from '@actions/core';
import { BufferedRuntime, isGroup, type LogGroup, type LogLine } from './buffered-runtime.js';

/**
 * GitHub Actions: workflow commands through @actions/core. Warnings and errors become annotations, groups become
 * `::group::` blocks (flat: the runner does not nest them), secrets are registered with `::add-mask::` AND scrubbed here
 * before printing, in case a form was printed before the runner learnt it.
 */
export class GitHubRuntime extends BufferedRuntime {
  readonly platform = 'github' as const;

  setOutput(name: string, value: string): void {
    core.setOutput(name, this.redact(value));
  }

  async writeSummary(markdown: string): Promise<void> {
    try {
      await core.summary.addRaw(this.redact(markdown), true).write();
    } catch (error) {
      // A failed write leaves the text in core's buffer, where the next write would repeat it.
      core.summary.emptyBuffer();
      // No GITHUB_STEP_SUMMARY (e.g. an old runner): the run still succeeds without a summary.
      this.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  protected override registerSecretForm(form: string): void {
    core.setSecret(form);
  }

  protected writeLine(line: LogLine): void {
    const text = this.redact(line.text);
    switch (line.kind) {
      case 'info':
        core.info(neutraliseCommands(text));
        break;
      case 'warning':
        core.warning(text);
        break;
      case 'error':
        core.error(text);
        break;
      case 'debug':
        core.debug(text);
        break;
    }
  }

  protected writeGroup(group: LogGroup): void {
    core.startGroup(neutraliseCommands(this.redact(group.title)));
    try {
      this.writeEntries(group.entries);
    } finally {
      core.endGroup();
    }
  }

  private writeEntries(entries: LogGroup['entries']): void {
    for (const entry of entries) {
      if (isGroup(entry)) {
        // Groups do not nest on GitHub: a nested group prints as a title line and its lines.
        this.writeLine({ kind: 'info', text: `▸ ${entry.title}` });
        this.writeEntries(entry.entries);
      } else {
        this.writeLine(entry);
      }
    }
  }
}

/**
 * Text from hosts and git (error bodies, ref names) must not be read by the runner as a workflow command: a line that
 * starts with `::` gets a zero-width space between the colons. (Annotations are safe: @actions/core escapes their data.)
 */
export function neutraliseCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1:\u200b');
}
