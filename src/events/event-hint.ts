/**
 * Which repositories a run is about, from the CI event that started it (SPEC "Events"). The result is a hint, never an
 * authority: the engine looks every name up in the source listing and applies the filters; a name that is not there
 * makes the run do nothing and say why.
 *
 * Decisions (documented in the README "Events"):
 * - GitHub `schedule`, `workflow_dispatch`: all. Any other event without its own rule (`release`, `pull_request`, …):
 *   all, with a note naming the event; the workflow author chose to run on it.
 * - GitHub `repository_dispatch`: `client_payload.repository` is a name, a comma/newline list of names, or a JSON list.
 *   A full name `owner/name` (`group/sub/project` for GitLab) is accepted only inside the source owner; a name outside
 *   it refuses the whole event (a caller asking for the wrong organization should hear so). No
 *   `client_payload.repository` at all: all.
 * - GitHub `push`: the pushed repository. When the source owner is known and the pushed repository is not in it (the
 *   workflow lives in a separate config repository), all: the push changed the mirror's own configuration.
 * - GitHub `repository_dispatch` whose `client_payload` is a relayed push webhook (`client_payload.repository` an object,
 *   e.g. a Gitea or Forgejo push): the pushed repository, placed under the source owner like a trigger payload.
 * - GitLab `trigger` with `TRIGGER_PAYLOAD`: the pushed repository of a GitHub, GitLab, Bitbucket Cloud, Bitbucket
 *   Server or Gitea/Forgejo push payload; a body of the plain trigger API (no webhook) or no payload at all: all. Other GitLab pipeline
 *   sources (`schedule`, `web`, `api`, `push`, `pipeline`, …): all.
 * - Anything malformed or hostile (not JSON, no repository, a name with `/`, `..`, control characters, a leading `-`,
 *   absurd length, a repository outside the source owner, a non-push webhook): refuse. URLs in payloads are never read.
 */
import { readFileSync } from 'node:fs';
import { MAX_NAMES, bareName, quote, repoPathProblem, underOwner, type RepoRef } from './repo-path.js';
import { matchPayload } from './webhook-payload.js';

export type EventHint =
  | { kind: 'all'; reason: string }
  /**
   * `names[i]` is the repository name (what filters match), `paths[i]` its path relative to the source owner (differs
   * from the name only for GitLab subgroup projects). `source` says which event named them, for the log.
   */
  | { kind: 'repos'; names: string[]; paths: string[]; source: string }
  | { kind: 'refuse'; reason: string };

export type EventEnv = Readonly<Record<string, string | undefined>>;
export type ReadTextFile = (path: string) => string;

export interface EventHintOptions {
  /** The source namespace (`source-owner`), to place full names (`owner/name`) under it. */
  sourceOwner?: string;
}

/** Webhook bodies are capped at 25 MB by GitHub; anything larger is not a webhook. */
const MAX_PAYLOAD_CHARS = 32 * 1024 * 1024;

const defaultReadFile: ReadTextFile = (path) => readFileSync(path, 'utf8');

export function readEventHint(
  env: EventEnv,
  readFile: ReadTextFile = defaultReadFile,
  options: EventHintOptions = {},
): EventHint {
  if (env.GITHUB_ACTIONS === 'true') return githubActionsHint(env, readFile, options);
  if (env.GITLAB_CI === 'true') return gitlabCiHint(env, readFile, options);
  return { kind: 'all', reason: 'not started by a CI event: all selected repositories' };
}

/** One line for the log, whatever the hint. */
export function describeEventHint(hint: EventHint): string {
  switch (hint.kind) {
    case 'all':
      return hint.reason;
    case 'repos':
      return `${hint.source}: only ${hint.paths.join(', ')}`;
    case 'refuse':
      return `Ignoring the event: ${hint.reason}`;
  }
}

function refuse(reason: string): EventHint {
  return { kind: 'refuse', reason };
}

function repos(refs: RepoRef[], source: string): EventHint {
  const unique = new Map(refs.map((ref) => [ref.path.toLowerCase(), ref]));
  const list = [...unique.values()];
  return { kind: 'repos', names: list.map((r) => r.name), paths: list.map((r) => r.path), source };
}

/** Parse JSON text, or explain in one line why not. */
function parseJson(text: string, what: string): { value: unknown } | { problem: string } {
  if (text.length > MAX_PAYLOAD_CHARS) return { problem: `${what} is larger than ${MAX_PAYLOAD_CHARS} characters` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : String(error);
    return { problem: `${what} is not JSON (${quote(detail, 60).slice(1, -1)})` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------------
// GitHub Actions: the event name in GITHUB_EVENT_NAME, the webhook body in the file at GITHUB_EVENT_PATH.
// https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows

function githubActionsHint(env: EventEnv, readFile: ReadTextFile, options: EventHintOptions): EventHint {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (event === 'schedule' || event === 'workflow_dispatch') {
    return { kind: 'all', reason: `GitHub ${event}: all selected repositories` };
  }
  if (event !== 'repository_dispatch' && event !== 'push') {
    return { kind: 'all', reason: `GitHub ${quote(event)} event names no repository: all selected repositories` };
  }
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return refuse(`GitHub ${event} event without GITHUB_EVENT_PATH`);
  let text: string;
  try {
    text = readFile(path);
  } catch {
    return refuse(`GitHub ${event} event payload ${quote(path)} cannot be read`);
  }
  const parsed = parseJson(text, `GitHub ${event} event payload`);
  if ('problem' in parsed) return refuse(parsed.problem);
  if (!isObject(parsed.value)) return refuse(`GitHub ${event} event payload is not a JSON object`);
  return event === 'push' ? githubPush(parsed.value, options) : repositoryDispatch(parsed.value, options);
}

function githubPush(payload: Record<string, unknown>, options: EventHintOptions): EventHint {
  const repository = payload.repository;
  if (!isObject(repository)) return refuse('GitHub push event payload has no repository');
  const fullName = repository.full_name;
  if (options.sourceOwner !== undefined && typeof fullName === 'string') {
    const problem = repoPathProblem(fullName);
    if (problem) return refuse(`GitHub push event: repository.full_name: ${problem}`);
    const placed = underOwner(fullName, options.sourceOwner);
    if (typeof placed === 'string') {
      // Not a source repository: the workflow lives elsewhere and this push changed its configuration.
      return {
        kind: 'all',
        reason: `GitHub push to ${quote(fullName)}, outside the source owner: all selected repositories`,
      };
    }
    return repos([placed], `GitHub push to ${fullName}`);
  }
  const ref = bareName(repository.name);
  if (typeof ref === 'string') return refuse(`GitHub push event: repository.name: ${ref}`);
  return repos([ref], `GitHub push to ${ref.name}`);
}

function repositoryDispatch(payload: Record<string, unknown>, options: EventHintOptions): EventHint {
  const action = typeof payload.action === 'string' ? ` ${quote(payload.action, 40)}` : '';
  const clientPayload = payload.client_payload;
  if (!isObject(clientPayload) || clientPayload.repository === undefined || clientPayload.repository === null) {
    return { kind: 'all', reason: `GitHub repository_dispatch${action} without client_payload.repository: all` };
  }
  const requested = clientPayload.repository;
  // A source host's push webhook relayed as the client payload (e.g. a Gitea or Forgejo push): its repository.
  if (isObject(requested)) return relayedPush(clientPayload, options, `GitHub repository_dispatch${action}`);
  let values: unknown[];
  if (typeof requested === 'string') {
    values = requested
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  } else if (Array.isArray(requested)) {
    values = requested;
  } else {
    return refuse('client_payload.repository must be a repository name or a list of names');
  }
  if (values.length === 0) return refuse('client_payload.repository is empty');
  if (values.length > MAX_NAMES) return refuse(`client_payload.repository lists more than ${MAX_NAMES} names`);
  const refs: RepoRef[] = [];
  for (const value of values) {
    const ref = dispatchedRepo(value, options.sourceOwner);
    if (typeof ref === 'string') return refuse(`client_payload.repository: ${ref}`);
    refs.push(ref);
  }
  return repos(refs, `GitHub repository_dispatch${action}`);
}

function relayedPush(body: Record<string, unknown>, options: EventHintOptions, via: string): EventHint {
  const match = matchPayload(body);
  if (match.kind !== 'push') {
    const why = match.kind === 'plain-trigger' ? 'it names no repository' : match.reason;
    return refuse(
      `client_payload.repository must be a repository name or a list of names, or client_payload a relayed push ` +
        `webhook (${why})`,
    );
  }
  if (options.sourceOwner === undefined) {
    return refuse(`${match.host} push to ${quote(match.fullPath)}: the source owner is unknown`);
  }
  const placed = underOwner(match.fullPath, options.sourceOwner);
  if (typeof placed === 'string') return refuse(`${match.host} push: ${placed}`);
  return repos([placed], `${via}: ${match.host} push to ${match.fullPath}`);
}

function dispatchedRepo(value: unknown, sourceOwner: string | undefined): RepoRef | string {
  if (typeof value !== 'string' || !value.includes('/')) return bareName(value);
  if (sourceOwner === undefined) return `full name ${quote(value)} given but the source owner is unknown`;
  return underOwner(value, sourceOwner);
}

// ---------------------------------------------------------------------------------------------------------------------
// GitLab CI: CI_PIPELINE_SOURCE; for `trigger`, the request body in TRIGGER_PAYLOAD (a file variable: the value is a
// path; read as JSON text too, for runners or wrappers that pass the body itself).
// https://docs.gitlab.com/ci/jobs/job_rules/#ci_pipeline_source-predefined-variable

function gitlabCiHint(env: EventEnv, readFile: ReadTextFile, options: EventHintOptions): EventHint {
  const source = env.CI_PIPELINE_SOURCE ?? '';
  if (source !== 'trigger') {
    return { kind: 'all', reason: `GitLab ${quote(source)} pipeline: all selected repositories` };
  }
  const raw = env.TRIGGER_PAYLOAD;
  if (raw === undefined || raw.trim() === '') {
    return { kind: 'all', reason: 'GitLab trigger pipeline without TRIGGER_PAYLOAD: all selected repositories' };
  }
  const text = triggerPayloadText(raw, readFile);
  if (typeof text !== 'string') return refuse(text.problem);
  const parsed = parseJson(text, 'TRIGGER_PAYLOAD');
  if ('problem' in parsed) return refuse(parsed.problem);

  const match = matchPayload(parsed.value);
  switch (match.kind) {
    case 'plain-trigger':
      return { kind: 'all', reason: 'GitLab trigger pipeline without a webhook payload: all selected repositories' };
    case 'not-push':
    case 'malformed':
      return refuse(`TRIGGER_PAYLOAD: ${match.reason}`);
    case 'push': {
      if (options.sourceOwner === undefined) {
        return refuse(`${match.host} push to ${quote(match.fullPath)}: the source owner is unknown`);
      }
      const placed = underOwner(match.fullPath, options.sourceOwner);
      if (typeof placed === 'string') return refuse(`${match.host} push: ${placed}`);
      return repos([placed], `${match.host} push to ${match.fullPath}`);
    }
  }
}

/** The payload text: the value itself when it is JSON, else the content of the file it names. */
function triggerPayloadText(raw: string, readFile: ReadTextFile): string | { problem: string } {
  const trimmed = raw.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return raw;
  try {
    return readFile(raw);
  } catch {
    return { problem: `TRIGGER_PAYLOAD is neither JSON nor a readable file (${quote(raw, 60)})` };
  }
}
