/** Small helpers shared by the host fakes: a path router and page slicing. */
import type { ApiContext, ApiResponse } from '../types.js';

export type Params = Record<string, string>;
export type Handler = (ctx: ApiContext, params: Params) => ApiResponse | Promise<ApiResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * Routes `METHOD /a/:b/c` patterns. Path segments are split on the RAW path and then decoded, so a GitLab id like
 * `group%2Fsub%2Fproject` stays one parameter, as on the real host.
 */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  match(method: string, rawPath: string): { handler: Handler; params: Params } | undefined {
    const parts = rawPath.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Params = {};
      const ok = route.segments.every((segment, i) => {
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = safeDecode(parts[i]);
          return true;
        }
        return segment === parts[i];
      });
      if (ok) return { handler: route.handler, params };
    }
    return undefined;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  totalPages: number;
  total: number;
}

/** Offset pagination: `per_page` capped at the forge's page size, pages from 1. */
export function slicePage<T>(
  items: T[],
  query: Record<string, string>,
  pageSize: number,
  defaultPerPage: number,
): Page<T> {
  const requested = Number.parseInt(query.per_page ?? '', 10);
  const perPage = Math.max(
    1,
    Math.min(Number.isFinite(requested) && requested > 0 ? requested : defaultPerPage, pageSize),
  );
  const pageRequested = Number.parseInt(query.page ?? '', 10);
  const page = Number.isFinite(pageRequested) && pageRequested > 0 ? pageRequested : 1;
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  return { items: items.slice((page - 1) * perPage, page * perPage), page, perPage, totalPages, total: items.length };
}

/** RFC 8288 Link header from rel → URL. */
export function linkHeader(links: Record<string, string | undefined>): string | undefined {
  const parts = Object.entries(links)
    .filter(([, url]) => url)
    .map(([rel, url]) => `<${url}>; rel="${rel}"`);
  return parts.length ? parts.join(', ') : undefined;
}

/** The request's URL with some query parameters replaced (for Link headers). */
export function pageUrl(
  base: string,
  query: Record<string, string>,
  changes: Record<string, string | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) if (v !== undefined) params.set(k, v);
  return `${base}?${params.toString()}`;
}

export function bool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value === 'true' || value === '1';
}
