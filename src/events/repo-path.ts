/**
 * Checks on repository names and paths taken from event payloads. A payload is written by whoever can reach the
 * webhook or dispatch endpoint, so every name is treated as hostile until it passes these checks: names end up in log
 * lines, API paths and cache directory names.
 */

/** GitLab allows 20 levels of subgroups; nothing legitimate is deeper. */
const MAX_DEPTH = 21;
/** GitHub allows 100 characters, GitLab 255, Bitbucket 62: 255 is the most any host accepts for one segment. */
const MAX_SEGMENT = 255;
/** More names than this in one event is not a push, it is an attempt to make the log unreadable. */
export const MAX_NAMES = 1000;

/**
 * One path segment: ASCII letters, digits, `_`, `.` and `-`, never starting with `-` (it would read as an option to
 * git) and never `.`/`..`. Every host's repository names and slugs fit (`.github` included).
 */
const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;

export interface RepoRef {
  /** Last path segment: what `filter`, `exclude` and `repositories` match. */
  name: string;
  /** Path relative to the source owner (`sub/project` for a GitLab subgroup project; equals `name` elsewhere). */
  path: string;
}

/**
 * Quote an untrusted value for a log line: anything but printable ASCII is escaped (no newline can start a workflow
 * command such as `::add-mask::`, no terminal escape reaches the log) and long values are cut.
 */
export function quote(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  const escaped = cut.replace(/[^\x20-\x7e…]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

/** Why `value` is not an acceptable `/`-separated repository path, or undefined when it is. */
export function repoPathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `expected a string, got ${value === null ? 'null' : typeof value}`;
  if (value.length === 0) return 'empty name';
  if (value.length > MAX_DEPTH * (MAX_SEGMENT + 1)) return `name of ${value.length} characters is too long`;
  const segments = value.split('/');
  if (segments.length > MAX_DEPTH) return `path of ${segments.length} segments is too deep`;
  for (const segment of segments) {
    if (segment.length === 0) return `empty path segment in ${quote(value)}`;
    if (segment.length > MAX_SEGMENT) return `path segment of ${segment.length} characters is too long`;
    if (/^\.+$/.test(segment)) return `${quote(value)} contains a '.' or '..' segment`;
    if (segment.startsWith('-')) return `${quote(value)} starts with '-'`;
    if (!SEGMENT.test(segment)) {
      return `${quote(value)} has characters other than letters, digits, '_', '.', '-' and '/'`;
    }
  }
  return undefined;
}

/**
 * Place a full path (`owner/…/repo` as a payload gives it) under the source owner. Host namespaces are matched
 * case-insensitively (GitHub logins, GitLab paths and Bitbucket keys all are). Returns a problem string when the path
 * is not inside the owner.
 */
export function underOwner(fullPath: string, sourceOwner: string): RepoRef | string {
  if (fullPath.length > MAX_DEPTH * (MAX_SEGMENT + 1)) return `name of ${fullPath.length} characters is too long`;
  const ownerSegments = sourceOwner.split('/').filter((s) => s.length > 0);
  const segments = fullPath.split('/');
  const head = segments.slice(0, ownerSegments.length).join('/');
  const rest = segments.slice(ownerSegments.length).join('/');
  const inOwner =
    segments.length > ownerSegments.length && head.toLowerCase() === ownerSegments.join('/').toLowerCase();
  // Under the owner, only the rest follows the name rules: owners have their own (`~user` on Bitbucket Server) and the
  // owner part equals the configured one. Elsewhere the whole path is checked, so a hostile value is named as such.
  const problem = repoPathProblem(inOwner ? rest : fullPath);
  if (problem) return problem;
  if (!inOwner) return `${quote(fullPath)} is not a repository of the source owner ${quote(sourceOwner)}`;
  const restSegments = rest.split('/');
  return { name: restSegments[restSegments.length - 1], path: rest };
}

/** A bare name (no `/`) as a repo of the source owner. */
export function bareName(value: unknown): RepoRef | string {
  const problem = repoPathProblem(value);
  if (problem) return problem;
  const name = value as string;
  if (name.includes('/')) return `${quote(name)} is a path, expected a repository name`;
  return { name, path: name };
}
