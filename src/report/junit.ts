import { XMLBuilder } from 'fast-xml-parser';
import { writeFileAtomic } from './atomic-write.js';
import { isFailing, refCountsOf } from './counts.js';
import type { RepoResult, RunReport } from './model.js';
import { reportParts } from './sections.js';

/**
 * XML 1.0 cannot carry control characters (git and hosts print ANSI colour codes) nor lone surrogates, however
 * escaped: they are replaced by U+FFFD. This is sanitising content, not escaping; the builder escapes.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

/** Attribute values: one line (parsers turn newlines in attributes into spaces anyway). */
function xmlAttribute(text: string): string {
  return xmlText(text.split(/\r?\n/)[0]);
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** The ref actions of a repository, one per line, for `<system-out>` and failure details. */
function refLines(repo: RepoResult): string {
  return repo.refs
    .map(
      (ref) =>
        `${ref.kind} ${ref.ref}${ref.from || ref.to ? ` ${ref.from ?? '0'.repeat(7)}..${ref.to ?? ''}` : ''}${ref.error ? `: ${ref.error}` : ''}`,
    )
    .join('\n');
}

type XmlNode = Record<string, unknown>;

function testcase(repo: RepoResult, report: RunReport, onDivergence: 'fail' | 'overwrite'): XmlNode {
  const node: XmlNode = {
    '@_name': repo.name,
    '@_classname': `org-mirror.${report.mode}`,
    '@_time': seconds(repo.durationMs),
  };
  const refs = refCountsOf(repo);
  const details = [repo.reason, refLines(repo)].filter(Boolean).join('\n');
  if (isFailing(repo.status, onDivergence) || repo.status === 'diverged') {
    const message =
      repo.reason ?? (repo.status === 'diverged' ? `${refs.diverged} diverged ref(s) left untouched` : repo.status);
    node.failure = { '@_message': xmlAttribute(message), '@_type': repo.status, '#text': xmlText(details || message) };
  } else if (repo.status === 'skipped') {
    node.skipped = { '@_message': xmlAttribute(repo.reason ?? 'skipped') };
  }
  node['system-out'] = xmlText(
    [`${repo.status}: ${refs.created} created, ${refs.updated} updated, ${refs.deleted} deleted`, refLines(repo)]
      .filter(Boolean)
      .join('\n'),
  );
  return node;
}

/**
 * JUnit XML: one `<testcase>` per repository (classname `org-mirror.<mode>`, name the repository); `failed`,
 * `unavailable` and `diverged` → `<failure type="<status>">`, `skipped` → `<skipped/>`; the run's own error (e.g. a
 * failed listing) → a testcase `(run)` with `<error>`. Escaping is fast-xml-parser's builder's.
 */
export function renderJUnit(report: RunReport, onDivergence: 'fail' | 'overwrite' = 'fail'): string {
  // With a configuration file, one test suite per mirror.
  const suites = reportParts(report).map(({ id, report: part }) => suiteOf(part, onDivergence, id));
  const total = (key: '@_tests' | '@_failures' | '@_errors' | '@_skipped') =>
    String(suites.reduce((sum, suite) => sum + Number(suite[key]), 0));
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
    processEntities: true,
  });
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'org-mirror',
      '@_tests': total('@_tests'),
      '@_failures': total('@_failures'),
      '@_errors': total('@_errors'),
      '@_skipped': total('@_skipped'),
      '@_time': seconds(report.durationMs),
      testsuite: suites.length === 1 ? suites[0] : suites,
    },
  };
  return builder.build(document) as string;
}

function suiteOf(report: RunReport, onDivergence: 'fail' | 'overwrite', mirrorId?: string) {
  const cases = report.repos.map((repo) => testcase(repo, report, onDivergence));
  if (report.error) {
    cases.push({
      '@_name': '(run)',
      '@_classname': `org-mirror.${report.mode}`,
      '@_time': seconds(report.durationMs),
      error: { '@_message': xmlAttribute(report.error), '@_type': 'run', '#text': xmlText(report.error) },
    });
  }
  const failures = cases.filter((node) => 'failure' in node).length;
  const errors = cases.filter((node) => 'error' in node).length;
  const skipped = cases.filter((node) => 'skipped' in node).length;
  return {
    '@_name': `org-mirror ${report.mode} ${mirrorId ? `${mirrorId} ` : ''}${report.source.type}:${report.source.owner} → ${report.target.type}:${report.target.owner}`,
    '@_tests': String(cases.length),
    '@_failures': String(failures),
    '@_errors': String(errors),
    '@_skipped': String(skipped),
    '@_time': seconds(report.durationMs),
    '@_timestamp': report.startedAt,
    testcase: cases,
  };
}

/** Write the JUnit XML atomically. Pass a report already through `redactReport`. */
export async function writeJUnitReport(
  report: RunReport,
  file: string,
  onDivergence: 'fail' | 'overwrite' = 'fail',
): Promise<void> {
  await writeFileAtomic(file, renderJUnit(report, onDivergence));
}
