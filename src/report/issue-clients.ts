/**
 * The issue calls of the status issue, on GitHub (https://docs.github.com/rest/issues/issues) and GitLab
 * (https://docs.gitlab.com/api/issues/), over the project's HTTP client (its retries, timeouts and token-free errors).
 */
import { HttpClient, type HttpResponse } from '../hosts/http-client.js';
import type { StatusIssueSettings } from '../settings/settings.js';
import type { Issue, IssueClient } from './status-issue.js';

/** Pages read when looking for the marker (100 issues each). */
const MAX_PAGES = 30;
const PER_PAGE = 100;

/** The `rel="next"` URL of an RFC 8288 `Link` header (GitHub and GitLab both send one). */
export function nextLink(headers: Record<string, string>): string | undefined {
  for (const part of (headers.link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

export function issueClientFor(settings: StatusIssueSettings, timeoutMs: number): IssueClient {
  return settings.host === 'github' ? new GitHubIssues(settings, timeoutMs) : new GitLabIssues(settings, timeoutMs);
}

interface GitHubIssue {
  number: number;
  state: 'open' | 'closed';
  body?: string | null;
  pull_request?: unknown;
}

class GitHubIssues implements IssueClient {
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(settings: StatusIssueSettings, timeoutMs: number) {
    this.http = new HttpClient({
      baseUrl: settings.apiUrl,
      label: 'status-issue',
      timeoutMs,
      headers: {
        authorization: `Bearer ${settings.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      },
    });
    const [owner, repo] = settings.repository.split('/');
    this.base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues`;
  }

  private static issue(data: GitHubIssue): Issue {
    return { number: data.number, open: data.state === 'open', body: data.body ?? '' };
  }

  async get(number: number): Promise<Issue | undefined> {
    const answer = await this.http.request<GitHubIssue>('GET', `${this.base}/${number}`, { allowStatus: [404, 410] });
    return answer.status === 200 && !answer.data.pull_request ? GitHubIssues.issue(answer.data) : undefined;
  }

  async find(marker: string): Promise<Issue | undefined> {
    let url: string | undefined = this.base;
    let query: Record<string, string | number> | undefined = {
      state: 'all',
      sort: 'created',
      direction: 'asc',
      per_page: PER_PAGE,
    };
    for (let page = 1; url && page <= MAX_PAGES; page++) {
      const answer: HttpResponse<GitHubIssue[]> = await this.http.request<GitHubIssue[]>('GET', url, { query });
      const found = answer.data.find((issue) => !issue.pull_request && (issue.body ?? '').includes(marker));
      if (found) return GitHubIssues.issue(found);
      url = nextLink(answer.headers);
      query = undefined;
    }
    return undefined;
  }

  async create(title: string, body: string): Promise<Issue> {
    const answer = await this.http.request<GitHubIssue>('POST', this.base, { body: { title, body } });
    return GitHubIssues.issue(answer.data);
  }

  async update(number: number, change: { title?: string; body?: string; open?: boolean }): Promise<void> {
    const body: Record<string, string> = {};
    if (change.title !== undefined) body.title = change.title;
    if (change.body !== undefined) body.body = change.body;
    if (change.open !== undefined) {
      body.state = change.open ? 'open' : 'closed';
      if (!change.open) body.state_reason = 'completed';
    }
    await this.http.request('PATCH', `${this.base}/${number}`, { body });
  }
}

interface GitLabIssue {
  iid: number;
  state: 'opened' | 'closed';
  description?: string | null;
}

class GitLabIssues implements IssueClient {
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(settings: StatusIssueSettings, timeoutMs: number) {
    this.http = new HttpClient({
      baseUrl: settings.apiUrl,
      label: 'status-issue',
      timeoutMs,
      headers: { 'private-token': settings.token },
    });
    // A project's numeric id or its URL-encoded path (https://docs.gitlab.com/api/rest/#namespaced-paths).
    this.base = `/projects/${encodeURIComponent(settings.repository)}/issues`;
  }

  private static issue(data: GitLabIssue): Issue {
    return { number: data.iid, open: data.state === 'opened', body: data.description ?? '' };
  }

  async get(number: number): Promise<Issue | undefined> {
    const answer = await this.http.request<GitLabIssue>('GET', `${this.base}/${number}`, { allowStatus: [404] });
    return answer.status === 200 ? GitLabIssues.issue(answer.data) : undefined;
  }

  async find(marker: string): Promise<Issue | undefined> {
    let url: string | undefined = this.base;
    let query: Record<string, string | number> | undefined = {
      order_by: 'created_at',
      sort: 'asc',
      per_page: PER_PAGE,
    };
    for (let page = 1; url && page <= MAX_PAGES; page++) {
      const answer: HttpResponse<GitLabIssue[]> = await this.http.request<GitLabIssue[]>('GET', url, { query });
      const found = answer.data.find((issue) => (issue.description ?? '').includes(marker));
      if (found) return GitLabIssues.issue(found);
      url = nextLink(answer.headers);
      query = undefined;
    }
    return undefined;
  }

  async create(title: string, body: string): Promise<Issue> {
    const answer = await this.http.request<GitLabIssue>('POST', this.base, { body: { title, description: body } });
    return GitLabIssues.issue(answer.data);
  }

  async update(number: number, change: { title?: string; body?: string; open?: boolean }): Promise<void> {
    const body: Record<string, string> = {};
    if (change.title !== undefined) body.title = change.title;
    if (change.body !== undefined) body.description = change.body;
    if (change.open !== undefined) body.state_event = change.open ? 'reopen' : 'close';
    await this.http.request('PUT', `${this.base}/${number}`, { body });
  }
}
