/**
 * What the program needs from the platform it runs on: logging, grouping, annotations, secrets, outputs, summary.
 * One implementation for GitHub Actions, one for GitLab CI / plain CLI; chosen from the environment.
 */
export interface Runtime {
  readonly platform: 'github' | 'gitlab' | 'cli';
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Run `fn` inside a collapsible group (GitHub `::group::`, GitLab section). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Never print this value again (masks it in logs). Also masks its base64 forms. */
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  /** Append Markdown to the job summary (GitHub), or print/write it elsewhere. */
  writeSummary(markdown: string): Promise<void>;
}
