/**
 * Bitbucket (Cloud and Server) cannot archive a repository through its API, so an orphaned mirror is set aside with a
 * mark at the end of its description, `(orphaned on 2026-01-31)`, its protection left on. The mark is the mirror's own:
 * written once (idempotent), recognised by the engine, removed when the source repository reappears.
 */
const MARK = /\s*\(orphaned on \d{4}-\d{2}-\d{2}\)\s*$/;

export function hasOrphanMark(description: string | undefined): boolean {
  return MARK.test(description ?? '');
}

/** The description with the mark of `date` (YYYY-MM-DD) added, or unchanged when it already has a mark. */
export function withOrphanMark(description: string | undefined, date: string): string {
  const text = (description ?? '').trimEnd();
  return hasOrphanMark(text) ? text : `${text}${text ? ' ' : ''}(orphaned on ${date})`;
}

export function withoutOrphanMark(description: string | undefined): string {
  return (description ?? '').replace(MARK, '');
}
