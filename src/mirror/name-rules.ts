/**
 * The naming rules of each target host, checked on the mapped target path before any request for that repository.
 * A source host (compromised, misconfigured, or a lenient self-hosted one) may list names such as `..`, `-x`,
 * `--upload-pack=...` or names with control characters; such a repository is refused with the rule it breaks, so
 * that no name a target cannot hold reaches a URL, a request or a message unchecked.
 *
 * Sources of the rules:
 * - GitHub: ASCII letters, digits, `.`, `-`, `_`, at most 100 characters (GitHub's "new repository" form and REST
 *   `POST /orgs/{org}/repos` answer 422 otherwise); `.` and `..` are refused.
 * - GitLab project and group paths (https://docs.gitlab.com/user/reserved_names/, GitLab's path validation message
 *   "Path can only include non-accented letters, digits, '_', '-' and '.'. It must not start with '-', end in '.',
 *   '.git', or '.atom'."), each `/`-separated segment (subgroups are paths too), at most 255 characters.
 * - Bitbucket Cloud and Bitbucket Server slugs (https://support.atlassian.com/bitbucket-cloud/docs/what-is-a-slug/):
 *   ASCII letters, digits, `_`, `-`, `.`. Cloud: lower case, at most 62 characters, no leading, trailing or doubled
 *   `-` unless the slug is dashes only. Server: starts with a letter or digit.
 * - Gitea/Forgejo: ASCII letters, digits, `.`, `-`, `_` ("alpha-dash-dot"), at most 100 characters, not `-`, not
 *   ending in the reserved `.git`, `.wiki`, `.rss`, `.atom` (models/repo `reservedRepoPatterns`).
 */
import type { HostType } from '../hosts/host.js';

interface Rule {
  /** True when the name breaks the rule. */
  breaks: (name: string) => boolean;
  /** The rule, as said in a reason: "<host> names <rule>". */
  says: string;
}

const onlyDashes = (name: string): boolean => /^-+$/.test(name);

/** Any host: no path tricks and no control characters (a newline would forge a log line or a report row). */
const COMMON: Rule[] = [
  { breaks: (name) => name === '', says: 'must not be empty' },
  { breaks: (name) => name === '.' || name === '..', says: 'must not be "." or ".."' },
  // eslint-disable-next-line no-control-regex
  { breaks: (name) => /[\x00-\x1f\x7f]/.test(name), says: 'must not contain control characters (such as a newline)' },
];

const RULES: Record<HostType, { label: string; segments: boolean; rules: Rule[] }> = {
  github: {
    label: 'GitHub repository names',
    segments: false,
    rules: [
      {
        breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
        says: 'may contain only ASCII letters, digits, ".", "-" and "_"',
      },
      { breaks: (name) => name.length > 100, says: 'are at most 100 characters long' },
    ],
  },
  gitlab: {
    label: 'GitLab paths',
    segments: true,
    rules: [
      {
        breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
        says: 'may contain only non-accented letters, digits, "_", "-" and "."',
      },
      { breaks: (name) => name.startsWith('-'), says: 'must not start with "-"' },
      { breaks: (name) => /(\.|\.git|\.atom)$/i.test(name), says: 'must not end in ".", ".git" or ".atom"' },
      { breaks: (name) => name.length > 255, says: 'are at most 255 characters long' },
    ],
  },
  'bitbucket-cloud': {
    label: 'Bitbucket Cloud slugs',
    segments: false,
    rules: [
      {
        breaks: (name) => /[^a-z0-9._-]/.test(name),
        says: 'may contain only lower-case ASCII letters, digits, "_", "-" and "."',
      },
      {
        breaks: (name) => !onlyDashes(name) && (name.startsWith('-') || name.endsWith('-') || name.includes('--')),
        says: 'must not start or end with "-" or contain "--" (unless made of dashes only)',
      },
      { breaks: (name) => name.length > 62, says: 'are at most 62 characters long' },
    ],
  },
  gitea: {
    label: 'Gitea repository names',
    segments: false,
    rules: [
      {
        breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
        says: 'may contain only ASCII letters, digits, ".", "-" and "_"',
      },
      { breaks: (name) => name === '-', says: 'must not be "-"' },
      {
        breaks: (name) => /\.(git|wiki|rss|atom)$/i.test(name),
        says: 'must not end in ".git", ".wiki", ".rss" or ".atom"',
      },
      { breaks: (name) => name.length > 100, says: 'are at most 100 characters long' },
    ],
  },
  'bitbucket-server': {
    label: 'Bitbucket Server slugs',
    segments: false,
    rules: [
      {
        breaks: (name) => /[^A-Za-z0-9._-]/.test(name),
        says: 'may contain only ASCII letters, digits, "_", "-" and "."',
      },
      { breaks: (name) => !/^[A-Za-z0-9]/.test(name), says: 'must start with a letter or a digit' },
      { breaks: (name) => name.length > 128, says: 'are at most 128 characters long' },
    ],
  },
};

/**
 * Why a source path is hostile whatever the target (empty, `.`/`..` or control characters in any segment), or
 * undefined. Checked before the filters: such a name is refused even where a filter would not have matched it.
 */
export function sourceNameProblem(sourcePath: string): string | undefined {
  for (const segment of [sourcePath, ...sourcePath.split('/')]) {
    const rule = COMMON.find((candidate) => candidate.breaks(segment));
    if (rule) return `${JSON.stringify(sourcePath)}: repository names ${rule.says}`;
  }
  return undefined;
}

/**
 * Why `targetPath` cannot be a repository on a `targetType` target, or undefined when it can. `sourcePath` is checked
 * against the common rules too: a control character in a source name is refused even where the mapping replaced it.
 */
export function targetNameProblem(sourcePath: string, targetPath: string, targetType: HostType): string | undefined {
  const quoted = JSON.stringify(targetPath);
  for (const rule of COMMON) {
    if (rule.breaks(sourcePath) || rule.breaks(targetPath)) return `${quoted}: repository names ${rule.says}`;
  }
  const { label, segments, rules } = RULES[targetType];
  for (const segment of segments ? targetPath.split('/') : [targetPath]) {
    for (const rule of [...COMMON, ...rules]) {
      if (rule.breaks(segment)) {
        const part = segment === targetPath ? '' : ` (segment ${JSON.stringify(segment)})`;
        return `${quoted}${part}: ${label} ${rule.says}`;
      }
    }
  }
  return undefined;
}
