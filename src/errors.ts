/**
 * The kinds of failure the mirror tells apart. The kind is decided where the failure is born (an HTTP answer, a git
 * exit, a settings check) and travels unchanged to the report; messages are for people and are never parsed to find
 * it again.
 */
export const ERROR_KINDS = [
  /** The host refused the credentials (401, or git's "Authentication failed"/publickey refusal). */
  'auth',
  /** Authenticated, but not allowed (403 without a rate-limit sign). */
  'forbidden',
  /** The repository, namespace or object does not exist (404, git's "repository not found"). */
  'not-found',
  /** The request conflicts with the host's state (409, 422 "already exists", a lease that no longer holds). */
  'conflict',
  /** The host asked the client to slow down (429, or 403 with rate-limit headers) and waiting did not help. */
  'rate-limited',
  /** No answer within the time limit, or a transfer that stalled. */
  'timeout',
  /** The connection failed or was dropped before an answer came (reset, refused, DNS, TLS). */
  'connection',
  /** The host answered with a server error (5xx) after the retries. */
  'server',
  /** The host's git server refused a pushed ref (protection, hook, non-fast-forward). */
  'push-refused',
  /** Bad configuration (exit code 2). */
  'config',
  /** Anything else: a bug or an answer the client did not understand. */
  'unexpected',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A failure that knows its kind. Every module throws this (or a subclass) for failures the report should classify. */
export class MirrorError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MirrorError';
  }
}

/** The kind of anything thrown: a MirrorError's own kind, else `unexpected`. Never looks at the message. */
export function kindOf(error: unknown): ErrorKind {
  return error instanceof MirrorError ? error.kind : 'unexpected';
}
