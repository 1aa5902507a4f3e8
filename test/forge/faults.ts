/**
 * Fault injection for the test forge: the ways real hosts, load balancers and proxies misbehave, on demand.
 *
 * `forge.injectFault(matcher, fault)` takes any `ForgeFault`; the builders in `faults` give the common ones with the
 * hosts' documented headers and wording. A fault either REPLACES the answer (status, headers, body, hang, reset) or,
 * with `alter`, lets the host answer and then spoils that answer on its way out (truncated JSON, wrong content type,
 * a next link that points back to the same page). Deliberate faults are never contract violations: replaced answers
 * never reach the contract checker, and altered answers are checked before they are spoiled.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Fault } from './types.js';

/** An answer as the forge was about to send it, body as text. */
export interface ForgeAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** Drop the connection (TCP reset) instead of sending this answer: the host did the work, the client never hears. */
  reset?: boolean;
}

export interface ForgeFault extends Fault {
  /** Never answer: the request stays open until the client gives up or the forge stops (which closes it). */
  hang?: boolean;
  /** Answer 200 with headers (`contentType`), then send nothing more until the client gives up: a stalled transfer. */
  stall?: boolean;
  /** Body sent as is instead of `body` serialised as JSON (HTML pages, plain text). */
  text?: string;
  /** Content type of a replaced answer (default `application/json; charset=utf-8`). */
  contentType?: string;
  /** Body built from the request (e.g. a server echoing the request's Authorization header back). */
  bodyFrom?: (req: IncomingMessage) => unknown;
  /** Only slow the request down by `delayMs`, then let the host answer as usual (a slow network or backend). */
  pass?: boolean;
  /** Let the host answer, then change the answer. `url` is the absolute request URL. */
  alter?: (answer: ForgeAnswer, url: URL) => ForgeAnswer;
}

/** What nginx answers when the upstream is down: an HTML page, as a proxy or load balancer in front of a host gives. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const epochSeconds = (inSeconds: number): string => String(Math.floor(Date.now() / 1000) + inSeconds);

/** Builders for the faults issue 6 lists. */
export const faults = {
  /** A plain error status with a JSON `message`. */
  status(status: number, message?: string): ForgeFault {
    return { status, body: { message: message ?? http.STATUS_CODES[status] ?? 'Error' } };
  },

  /** `status` with `Retry-After: <seconds>` (429 from any host, 503 during maintenance). */
  retryAfter(status: number, seconds: number): ForgeFault {
    return {
      status,
      headers: { 'retry-after': String(seconds) },
      body: { message: status === 429 ? 'Retry later' : (http.STATUS_CODES[status] ?? 'Error') },
    };
  },

  /** The host's own answer, `delayMs` late (e.g. every git request of a slow server, with `times: Infinity`). */
  slow(delayMs: number): ForgeFault {
    return { pass: true, delayMs };
  },

  /** No answer at all until the client gives up. */
  hang(): ForgeFault {
    return { hang: true };
  },

  /**
   * A server that starts its answer and then goes silent (a stuck backend behind a proxy that already sent the
   * headers): status 200 and `contentType`, then nothing, until the client gives up.
   */
  stall(contentType = 'application/x-git-upload-pack-result'): ForgeFault {
    return { stall: true, contentType };
  },

  /** TCP reset (RST) instead of an answer, after `delayMs`. */
  reset(delayMs = 0): ForgeFault {
    return { reset: true, delayMs };
  },

  /** An HTML error page (`text/html`), as a reverse proxy gives: 502 by default, or e.g. 200 for a login portal. */
  htmlPage(status = 502): ForgeFault {
    return { status, contentType: 'text/html', text: htmlErrorPage(status) };
  },

  /**
   * The backend carries on, the gateway fails: the host handles the request (a repository really gets created), then
   * the client gets a 502 page from the proxy, or the connection is reset, instead of the host's answer.
   */
  lostAnswer(how: 'bad-gateway' | 'reset'): ForgeFault {
    return {
      alter: (answer) =>
        how === 'reset'
          ? { ...answer, reset: true }
          : { status: 502, headers: { 'content-type': 'text/html' }, body: htmlErrorPage(502) },
    };
  },

  /** The host's real answer cut in the middle (a dropped connection behind a buffering proxy). */
  truncatedJson(): ForgeFault {
    return {
      alter: (answer) => ({
        ...answer,
        headers: withoutLength(answer.headers),
        body: answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))),
      }),
    };
  },

  /** The host's real answer with another content type (valid JSON labelled `text/plain`, say). */
  wrongContentType(contentType = 'text/plain; charset=utf-8'): ForgeFault {
    return { alter: (answer) => ({ ...answer, headers: { ...answer.headers, 'content-type': contentType } }) };
  },

  /**
   * The host's real page whose `Link: rel="next"` points back to the page itself (and, for GitLab, `X-Next-Page` to
   * the current page): a client that trusts it never ends.
   */
  selfNext(): ForgeFault {
    return {
      alter: (answer, url) => {
        const headers: Record<string, string> = { ...answer.headers, link: `<${url.toString()}>; rel="next"` };
        if (headers['x-page'] !== undefined) headers['x-next-page'] = headers['x-page'];
        return { ...answer, headers };
      },
    };
  },

  /**
   * GitHub's primary rate limit: 403 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds).
   * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
   */
  githubRateLimit(resetInSeconds: number, status = 403): ForgeFault {
    return {
      status,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': epochSeconds(resetInSeconds),
        'x-ratelimit-resource': 'core',
      },
      body: {
        message: 'API rate limit exceeded for user ID 1.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
    };
  },

  /** GitHub's secondary rate limit: 403 with the documented message and `retry-after`. */
  githubSecondaryRateLimit(retryAfterSeconds: number, status = 403): ForgeFault {
    return {
      status,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
        documentation_url:
          'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      },
    };
  },

  /**
   * GitLab's rate limit: 429 `Retry later` with the `RateLimit-*` headers (`RateLimit-Reset` in epoch seconds);
   * `Retry-After` only when `withRetryAfter`. https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/
   */
  gitlabRateLimit(resetInSeconds: number, withRetryAfter = false): ForgeFault {
    const reset = epochSeconds(resetInSeconds);
    return {
      status: 429,
      contentType: 'text/plain',
      text: 'Retry later\n',
      headers: {
        'ratelimit-name': 'throttle_authenticated_api',
        'ratelimit-limit': '60',
        'ratelimit-observed': '61',
        'ratelimit-remaining': '0',
        'ratelimit-reset': reset,
        'ratelimit-resettime': new Date(Number(reset) * 1000).toUTCString(),
        ...(withRetryAfter ? { 'retry-after': String(resetInSeconds) } : {}),
      },
    };
  },

  /**
   * A server that puts the request's credentials (`Authorization`, GitLab's `PRIVATE-TOKEN`) into its error body, in
   * the fields clients like to show (it happens with debug pages and misconfigured gateways).
   */
  echoAuthorization(status: number): ForgeFault {
    return {
      status,
      bodyFrom: (req) => {
        const credential = String(req.headers.authorization ?? req.headers['private-token'] ?? 'none');
        return {
          message: `Bad credentials (received ${credential})`,
          error: `header was ${credential}`,
          errors: [{ message: `header was ${credential}` }],
        };
      },
    };
  },
};

function withoutLength(headers: Record<string, string>): Record<string, string> {
  const copy = { ...headers };
  delete copy['content-length'];
  return copy;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Answers a request with a replacing fault. Resolves when the request is done (for a hang: when it is closed). */
export async function applyFault(fault: ForgeFault, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The request body is not needed; drain it so that the client is not stalled by back-pressure.
  req.resume();
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.stall) {
    res.writeHead(200, {
      'content-type': fault.contentType ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.flushHeaders();
  }
  if (fault.hang || fault.stall) {
    if (!res.destroyed) await new Promise<void>((resolve) => res.once('close', resolve));
    return;
  }
  if (fault.reset) {
    const socket = req.socket as Socket & { resetAndDestroy?: () => void };
    if (socket.resetAndDestroy) socket.resetAndDestroy();
    else socket.destroy();
    return;
  }
  const status = fault.status ?? 500;
  let text: string;
  if (fault.text !== undefined) text = fault.text;
  else if (fault.bodyFrom) text = JSON.stringify(fault.bodyFrom(req));
  else text = JSON.stringify(fault.body ?? { message: http.STATUS_CODES[status] ?? 'Error' });
  res.writeHead(status, { 'content-type': fault.contentType ?? 'application/json; charset=utf-8', ...fault.headers });
  res.end(text);
}

/**
 * Lets the host answer `res` as usual and passes the answer through `alter` on its way out. Works for answers given
 * with one `writeHead(status, headers)` and one `end(body)`, as the forge's API handler does.
 */
export function alterAnswer(res: ServerResponse, alter: NonNullable<ForgeFault['alter']>, url: URL): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let status = 200;
  let headers: Record<string, string> = {};
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const given = rest.find((x) => typeof x === 'object' && x !== null) as Record<string, unknown> | undefined;
    headers = Object.fromEntries(Object.entries(given ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return res;
  }) as typeof res.writeHead;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    const altered = alter({ status, headers, body }, url);
    if (altered.reset) {
      const socket = res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
      if (socket?.resetAndDestroy) socket.resetAndDestroy();
      else socket?.destroy();
      return res;
    }
    writeHead(altered.status, altered.headers);
    const callback = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
    return end(altered.body, callback);
  }) as typeof res.end;
}
