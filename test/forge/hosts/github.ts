/**
 * Fake GitHub Enterprise Server: REST API under `/api/v3`, git at `/<owner>/<repo>.git`.
 * Docs: https://docs.github.com/en/rest (repos, rulesets, webhooks). Field names and status codes follow the official
 * OpenAPI description; the forge checks every answer against it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  ACCESS,
  type ApiContext,
  type ApiResponse,
  type ForgeState,
  type ForgeUser,
  type HostFake,
  type Namespace,
  type Permission,
  type ProtectionRule,
  type RepoRecord,
} from '../types.js';
import { linkHeader, pageUrl, Router, slicePage, type Params } from './common.js';
import { createGitHubApps } from './github-apps.js';

const DOCS = 'https://docs.github.com/rest';

interface BypassActor {
  actor_id?: number | null;
  actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey' | 'User';
  bypass_mode?: 'always' | 'pull_request' | 'exempt';
}

interface Ruleset {
  id: number;
  name: string;
  target: 'branch' | 'tag' | 'push';
  enforcement: 'disabled' | 'active' | 'evaluate';
  bypass_actors: BypassActor[];
  conditions: { ref_name?: { include?: string[]; exclude?: string[] } } | null;
  rules: { type: string; parameters?: unknown }[];
  created_at: string;
  updated_at: string;
}

interface Hook {
  id: number;
  name: string;
  active: boolean;
  events: string[];
  config: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  author: ForgeUser;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

interface GitHubRepoState {
  rulesets: Ruleset[];
  hooks: Hook[];
  /** https://docs.github.com/rest/issues/issues */
  issues: Issue[];
}

/** RepositoryRole actor ids (https://docs.github.com/rest/repos/rules#create-a-repository-ruleset). */
const ROLE_LEVEL: Record<number, number> = {
  1: ACCESS.read,
  2: ACCESS.maintain,
  3: ACCESS.triage,
  4: ACCESS.write,
  5: ACCESS.admin,
};

const error = (status: number, message: string, extra: Record<string, unknown> = {}): ApiResponse => ({
  status,
  body: { message, documentation_url: DOCS, status: String(status), ...extra },
});
const notFound = (): ApiResponse => error(404, 'Not Found');
const validationFailed = (errors: Record<string, unknown>[], message = 'Validation Failed'): ApiResponse =>
  error(422, message, { errors });

function repoState(repo: RepoRecord): GitHubRepoState {
  return repo.host as unknown as GitHubRepoState;
}

export function createGitHubFake(forge: ForgeState): HostFake {
  const api = () => forge.apiUrl;
  const nodeId = (kind: string, id: number) => Buffer.from(`0:${kind}${id}`).toString('base64');

  const userObject = (login: string, id: number, type: 'User' | 'Organization', siteAdmin = false) => {
    const base = `${api()}/users/${login}`;
    return {
      login,
      id,
      node_id: nodeId(type === 'User' ? 'User' : 'Organization', id),
      avatar_url: `${forge.url}/avatars/u/${id}`,
      gravatar_id: '',
      url: base,
      html_url: `${forge.url}/${login}`,
      followers_url: `${base}/followers`,
      following_url: `${base}/following{/other_user}`,
      gists_url: `${base}/gists{/gist_id}`,
      starred_url: `${base}/starred{/owner}{/repo}`,
      subscriptions_url: `${base}/subscriptions`,
      organizations_url: `${base}/orgs`,
      repos_url: `${base}/repos`,
      events_url: `${base}/events{/privacy}`,
      received_events_url: `${base}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: siteAdmin,
    };
  };

  const ownerObject = (ns: Namespace) => {
    const user = forge.users.get(ns.path.toLowerCase());
    return ns.kind === 'user' && user
      ? userObject(user.username, user.id, 'User', user.admin)
      : userObject(ns.path, ns.id, 'Organization');
  };

  const publicUser = (ns: Namespace) => {
    const owned = [...forge.repos.values()].filter((r) => r.owner.toLowerCase() === ns.path.toLowerCase());
    return {
      ...ownerObject(ns),
      name: ns.name,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: owned.filter((r) => r.visibility === 'public').length,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: ns.createdAt,
      updated_at: ns.createdAt,
    };
  };

  const repoUrls = (repo: RepoRecord) => {
    const u = `${api()}/repos/${encodePath(repo.fullPath)}`;
    return {
      url: u,
      archive_url: `${u}/{archive_format}{/ref}`,
      assignees_url: `${u}/assignees{/user}`,
      blobs_url: `${u}/git/blobs{/sha}`,
      branches_url: `${u}/branches{/branch}`,
      collaborators_url: `${u}/collaborators{/collaborator}`,
      comments_url: `${u}/comments{/number}`,
      commits_url: `${u}/commits{/sha}`,
      compare_url: `${u}/compare/{base}...{head}`,
      contents_url: `${u}/contents/{+path}`,
      contributors_url: `${u}/contributors`,
      deployments_url: `${u}/deployments`,
      downloads_url: `${u}/downloads`,
      events_url: `${u}/events`,
      forks_url: `${u}/forks`,
      git_commits_url: `${u}/git/commits{/sha}`,
      git_refs_url: `${u}/git/refs{/sha}`,
      git_tags_url: `${u}/git/tags{/sha}`,
      hooks_url: `${u}/hooks`,
      issue_comment_url: `${u}/issues/comments{/number}`,
      issue_events_url: `${u}/issues/events{/number}`,
      issues_url: `${u}/issues{/number}`,
      keys_url: `${u}/keys{/key_id}`,
      labels_url: `${u}/labels{/name}`,
      languages_url: `${u}/languages`,
      merges_url: `${u}/merges`,
      milestones_url: `${u}/milestones{/number}`,
      notifications_url: `${u}/notifications{?since,all,participating}`,
      pulls_url: `${u}/pulls{/number}`,
      releases_url: `${u}/releases{/id}`,
      stargazers_url: `${u}/stargazers`,
      statuses_url: `${u}/statuses/{sha}`,
      subscribers_url: `${u}/subscribers`,
      subscription_url: `${u}/subscription`,
      tags_url: `${u}/tags`,
      teams_url: `${u}/teams`,
      trees_url: `${u}/git/trees{/sha}`,
    };
  };

  const permissions = (user: ForgeUser | undefined, repo: RepoRecord) => {
    const level = forge.accessLevel(user, repo);
    const read = forge.canRead(user, repo);
    return {
      admin: level >= ACCESS.admin,
      maintain: level >= ACCESS.maintain,
      push: level >= ACCESS.write,
      triage: level >= ACCESS.triage,
      pull: read,
    };
  };

  /** The full repository object (a superset of minimal-repository and repository). */
  const repoObject = (repo: RepoRecord, user: ForgeUser | undefined) => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
    const empty = forge.isEmpty(repo);
    const parent = repo.forkedFrom ? forge.findRepo(repo.forkedFrom) : undefined;
    const host = new URL(forge.url).host;
    return {
      id: repo.id,
      node_id: nodeId('Repository', repo.id),
      name: repo.name,
      full_name: repo.fullPath,
      private: repo.visibility !== 'public',
      visibility: repo.visibility,
      owner: ownerObject(ns),
      // Encoded as a URL: a seeded name may be hostile (a newline, `=`), which a listing still has to carry.
      html_url: `${forge.url}/${encodePath(repo.fullPath)}`,
      description: repo.description || null,
      fork: repo.fork,
      ...repoUrls(repo),
      created_at: repo.createdAt,
      updated_at: repo.updatedAt,
      pushed_at: repo.pushedAt,
      git_url: `git://${host}/${repo.fullPath}.git`,
      ssh_url: forge.sshUrlOf(repo) ?? `git@${host}:${repo.fullPath}.git`,
      clone_url: `${forge.url}/${encodePath(repo.fullPath)}.git`,
      svn_url: `${forge.url}/${encodePath(repo.fullPath)}`,
      mirror_url: null,
      homepage: null,
      language: null,
      size: empty ? 0 : 1,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      open_issues: 0,
      open_issues_count: 0,
      default_branch: repo.defaultBranch,
      has_issues: true,
      has_projects: true,
      has_wiki: repo.hasWiki,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: repo.archived,
      disabled: false,
      license: null,
      allow_forking: true,
      is_template: false,
      web_commit_signoff_required: false,
      topics: [],
      network_count: 0,
      subscribers_count: 0,
      ...(user ? { permissions: permissions(user, repo) } : {}),
      ...(parent ? { parent: repoObjectShallow(parent), source: repoObjectShallow(parent) } : {}),
    };
  };
  const repoObjectShallow = (repo: RepoRecord) => {
    const full = repoObject({ ...repo, forkedFrom: undefined }, undefined) as Record<string, unknown>;
    delete full.network_count;
    delete full.subscribers_count;
    return full;
  };

  const paginate = (ctx: ApiContext, items: unknown[]): ApiResponse => {
    const page = slicePage(items, ctx.req.query, forge.pageSize, 30);
    const base = `${forge.url}${ctx.req.path}`;
    const q = ctx.req.query;
    const link = linkHeader({
      prev: page.page > 1 ? pageUrl(base, q, { page: String(page.page - 1) }) : undefined,
      next: page.page < page.totalPages ? pageUrl(base, q, { page: String(page.page + 1) }) : undefined,
      last: page.page < page.totalPages ? pageUrl(base, q, { page: String(page.totalPages) }) : undefined,
      first: page.page > 1 ? pageUrl(base, q, { page: '1' }) : undefined,
    });
    return { status: 200, body: page.items, headers: link ? { link } : {} };
  };

  /** GitHub's listing order: `sort` created (default, newest first for orgs)/updated/pushed/full_name. */
  const sortRepos = (repos: RepoRecord[], query: Record<string, string>, defaultSort: string): RepoRecord[] => {
    const sort = query.sort ?? defaultSort;
    const direction = query.direction ?? (sort === 'full_name' ? 'asc' : 'desc');
    const key = (r: RepoRecord): string | number =>
      sort === 'full_name'
        ? r.fullPath.toLowerCase()
        : sort === 'updated'
          ? r.updatedAt
          : sort === 'pushed'
            ? r.pushedAt
            : r.id;
    const sorted = [...repos].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
    return direction === 'desc' ? sorted.reverse() : sorted;
  };

  const currentUser = (ctx: ApiContext): ForgeUser | undefined => (ctx.auth === 'invalid' ? undefined : ctx.auth);

  const getRepo = (ctx: ApiContext, params: Params): RepoRecord | undefined => {
    const repo = forge.findRepo(`${params.owner}/${params.repo}`);
    return repo && forge.canRead(currentUser(ctx), repo) ? repo : undefined;
  };

  const rulesetObject = (repo: RepoRecord, ruleset: Ruleset, full: boolean) => {
    const summary = {
      id: ruleset.id,
      name: ruleset.name,
      target: ruleset.target,
      source_type: 'Repository',
      source: repo.fullPath,
      enforcement: ruleset.enforcement,
      node_id: nodeId('RepositoryRuleset', ruleset.id),
      _links: {
        self: { href: `${api()}/repos/${repo.fullPath}/rulesets/${ruleset.id}` },
        html: { href: `${forge.url}/${repo.fullPath}/rules/${ruleset.id}` },
      },
      created_at: ruleset.created_at,
      updated_at: ruleset.updated_at,
    };
    // The list endpoint answers summaries only; rules, conditions and bypass actors come from GET …/rulesets/{id}.
    if (!full) return summary;
    return {
      ...summary,
      bypass_actors: ruleset.bypass_actors,
      current_user_can_bypass: 'never',
      conditions: ruleset.conditions,
      rules: ruleset.rules,
    };
  };

  const hookObject = (repo: RepoRecord | undefined, ns: Namespace | undefined, hook: Hook) => {
    const base = repo
      ? `${api()}/repos/${repo.fullPath}/hooks/${hook.id}`
      : `${api()}/orgs/${ns!.path}/hooks/${hook.id}`;
    const config = { ...hook.config };
    if (config.secret) config.secret = '********';
    return {
      type: repo ? 'Repository' : 'Organization',
      id: hook.id,
      name: hook.name,
      active: hook.active,
      events: hook.events,
      config,
      updated_at: hook.updated_at,
      created_at: hook.created_at,
      url: base,
      ping_url: `${base}/pings`,
      deliveries_url: `${base}/deliveries`,
      ...(repo ? { test_url: `${base}/test`, last_response: { code: null, status: 'unused', message: null } } : {}),
    };
  };

  const newHook = (body: Record<string, unknown>): Hook | ApiResponse => {
    const config = (body.config ?? {}) as Record<string, unknown>;
    if (typeof config.url !== 'string' || !config.url) {
      return validationFailed([{ resource: 'Hook', code: 'custom', message: 'Config must contain URL for webhooks' }]);
    }
    const now = forge.now();
    return {
      id: forge.nextId(),
      name: 'web',
      active: body.active === undefined ? true : Boolean(body.active),
      events: (body.events as string[] | undefined) ?? ['push'],
      config: { content_type: 'form', insecure_ssl: '0', ...config },
      created_at: now,
      updated_at: now,
    };
  };

  const patchHook = (hook: Hook, body: Record<string, unknown>): void => {
    if (body.config) {
      hook.config = { ...(body.config as Record<string, unknown>) };
    }
    if (body.events) hook.events = body.events as string[];
    if (body.active !== undefined) hook.active = Boolean(body.active);
    hook.updated_at = forge.now();
  };

  const createRepoIn = (ctx: ApiContext, owner: string): ApiResponse => {
    const body = (ctx.req.body ?? {}) as Record<string, unknown>;
    const name = body.name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name)) {
      return validationFailed(
        [{ resource: 'Repository', code: 'missing_field', field: 'name' }],
        'Repository creation failed.',
      );
    }
    if (forge.findRepo(`${owner}/${name}`)) {
      return validationFailed(
        [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }],
        'Repository creation failed.',
      );
    }
    const visibility =
      (body.visibility as RepoRecord['visibility'] | undefined) ?? (body.private === false ? 'public' : 'private');
    const repo = forge.createRepo(owner, name, {
      wiki: body.has_wiki !== false,
      visibility,
      description: typeof body.description === 'string' ? body.description : '',
    });
    return {
      status: 201,
      body: repoObject(repo, currentUser(ctx)),
      headers: { location: `${api()}/repos/${repo.fullPath}` },
    };
  };

  const requireAuth = (ctx: ApiContext): ApiResponse | undefined =>
    currentUser(ctx) ? undefined : error(401, 'Requires authentication');

  const issueObject = (repo: RepoRecord, issue: Issue) => {
    const u = `${api()}/repos/${encodePath(repo.fullPath)}/issues/${issue.number}`;
    return {
      id: issue.id,
      node_id: nodeId('Issue', issue.id),
      url: u,
      repository_url: `${api()}/repos/${encodePath(repo.fullPath)}`,
      labels_url: `${u}/labels{/name}`,
      comments_url: `${u}/comments`,
      events_url: `${u}/events`,
      html_url: `${forge.url}/${repo.fullPath}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      // null until first closed: left out then (the description's enum has no null).
      ...(issue.state_reason ? { state_reason: issue.state_reason } : {}),
      title: issue.title,
      body: issue.body,
      user: userObject(issue.author.username, issue.author.id, 'User'),
      labels: [],
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: 0,
      closed_at: issue.closed_at,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      author_association: 'MEMBER',
    };
  };

  /** Issues of a repository the caller can read (an unknown repository or a hidden one: 404). */
  const issuesOf = (ctx: ApiContext, p: Params): { repo: RepoRecord; issues: Issue[] } | undefined => {
    const repo = getRepo(ctx, p);
    if (!repo) return undefined;
    const state = repoState(repo);
    state.issues ??= [];
    return { repo, issues: state.issues };
  };

  const setIssueState = (issue: Issue, state: unknown, reason: unknown): ApiResponse | undefined => {
    if (state === undefined) return undefined;
    if (state !== 'open' && state !== 'closed') {
      return validationFailed([{ resource: 'Issue', code: 'invalid', field: 'state' }]);
    }
    if (state === issue.state) return undefined;
    issue.state = state;
    issue.closed_at = state === 'closed' ? forge.now() : null;
    issue.state_reason = state === 'closed' ? ((reason as Issue['state_reason']) ?? 'completed') : 'reopened';
    return undefined;
  };

  const router = new Router()
    .on('GET', '/repos/:owner/:repo/issues', (ctx, p) => {
      const found = issuesOf(ctx, p);
      if (!found) return notFound();
      const state = ctx.req.query.state ?? 'open';
      const list = found.issues.filter((issue) => state === 'all' || issue.state === state);
      const ascending = ctx.req.query.direction === 'asc';
      const sorted = [...list].sort((a, b) => (ascending ? a.number - b.number : b.number - a.number));
      return paginate(
        ctx,
        sorted.map((issue) => issueObject(found.repo, issue)),
      );
    })
    .on('GET', '/repos/:owner/:repo/issues/:issue_number', (ctx, p) => {
      const found = issuesOf(ctx, p);
      const issue = found?.issues.find((i) => String(i.number) === p.issue_number);
      return found && issue ? { status: 200, body: issueObject(found.repo, issue) } : notFound();
    })
    .on('POST', '/repos/:owner/:repo/issues', (ctx, p) => {
      const denied = requireAuth(ctx);
      if (denied) return denied;
      const found = issuesOf(ctx, p);
      if (!found) return notFound();
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.title !== 'string' || !body.title) {
        return validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
      }
      if (typeof body.body === 'string' && body.body.length > 65_536) {
        return validationFailed([
          {
            resource: 'Issue',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ]);
      }
      const now = forge.now();
      const issue: Issue = {
        id: forge.nextId(),
        number: found.issues.length + 1,
        title: body.title,
        body: typeof body.body === 'string' ? body.body : null,
        state: 'open',
        state_reason: null,
        author: currentUser(ctx)!,
        created_at: now,
        updated_at: now,
        closed_at: null,
      };
      found.issues.push(issue);
      return {
        status: 201,
        body: issueObject(found.repo, issue),
        headers: { location: `${api()}/repos/${found.repo.fullPath}/issues/${issue.number}` },
      };
    })
    .on('PATCH', '/repos/:owner/:repo/issues/:issue_number', (ctx, p) => {
      const denied = requireAuth(ctx);
      if (denied) return denied;
      const found = issuesOf(ctx, p);
      const issue = found?.issues.find((i) => String(i.number) === p.issue_number);
      if (!found || !issue) return notFound();
      // The author, or anyone with triage access: https://docs.github.com/rest/issues/issues#update-an-issue
      const user = currentUser(ctx)!;
      if (issue.author.id !== user.id && forge.accessLevel(user, found.repo) < ACCESS.triage) {
        return error(403, 'Must have triage access to update this issue.');
      }
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.body === 'string' && body.body.length > 65_536) {
        return validationFailed([
          {
            resource: 'Issue',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ]);
      }
      const invalid = setIssueState(issue, body.state, body.state_reason);
      if (invalid) return invalid;
      if (typeof body.title === 'string') issue.title = body.title;
      if (typeof body.body === 'string' || body.body === null) issue.body = body.body;
      issue.updated_at = forge.now();
      return { status: 200, body: issueObject(found.repo, issue) };
    })
    .on('GET', '/user', (ctx) => {
      const user = currentUser(ctx);
      if (!user) return error(401, 'Requires authentication');
      // An installation token has no user behind it.
      if (user.appId !== undefined) return error(403, 'Resource not accessible by integration');
      const ns = forge.namespaces.get(user.username.toLowerCase())!;
      const owned = [...forge.repos.values()].filter((r) => r.owner.toLowerCase() === ns.path.toLowerCase());
      return {
        status: 200,
        body: {
          ...publicUser(ns),
          user_view_type: 'private',
          private_gists: 0,
          total_private_repos: owned.filter((r) => r.visibility !== 'public').length,
          owned_private_repos: owned.filter((r) => r.visibility !== 'public').length,
          disk_usage: 0,
          collaborators: 0,
          two_factor_authentication: false,
        },
        headers: { 'x-oauth-scopes': 'repo, admin:org, admin:repo_hook, admin:org_hook' },
      };
    })
    .on('GET', '/users/:username', (_ctx, p) => {
      const ns = forge.namespaces.get(p.username.toLowerCase());
      if (!ns || ns.path.includes('/')) return notFound();
      return { status: 200, body: publicUser(ns) };
    })
    .on('GET', '/orgs/:org', (_ctx, p) => {
      const ns = forge.namespaces.get(p.org.toLowerCase());
      if (!ns || ns.kind !== 'org') return notFound();
      const base = `${api()}/orgs/${ns.path}`;
      return {
        status: 200,
        body: {
          login: ns.path,
          id: ns.id,
          node_id: nodeId('Organization', ns.id),
          url: base,
          repos_url: `${base}/repos`,
          events_url: `${base}/events`,
          hooks_url: `${base}/hooks`,
          issues_url: `${base}/issues`,
          members_url: `${base}/members{/member}`,
          public_members_url: `${base}/public_members{/member}`,
          avatar_url: `${forge.url}/avatars/u/${ns.id}`,
          description: ns.description || null,
          name: ns.name,
          html_url: `${forge.url}/${ns.path}`,
          has_organization_projects: true,
          has_repository_projects: true,
          public_repos: [...forge.repos.values()].filter((r) => r.owner === ns.path && r.visibility === 'public')
            .length,
          public_gists: 0,
          followers: 0,
          following: 0,
          type: 'Organization',
          created_at: ns.createdAt,
          updated_at: ns.createdAt,
          archived_at: null,
        },
      };
    })
    .on('GET', '/orgs/:org/repos', (ctx, p) => {
      const ns = forge.namespaces.get(p.org.toLowerCase());
      if (!ns || ns.kind !== 'org') return notFound();
      const user = currentUser(ctx);
      const type = ctx.req.query.type ?? 'all';
      let repos = [...forge.repos.values()].filter((r) => r.owner.toLowerCase() === ns.path.toLowerCase());
      repos = repos.filter((r) => forge.canRead(user, r));
      if (type === 'public') repos = repos.filter((r) => r.visibility === 'public');
      if (type === 'private') repos = repos.filter((r) => r.visibility !== 'public');
      if (type === 'forks') repos = repos.filter((r) => r.fork);
      if (type === 'sources') repos = repos.filter((r) => !r.fork);
      return paginate(
        ctx,
        sortRepos(repos, ctx.req.query, 'created').map((r) => repoObject(r, user)),
      );
    })
    .on('GET', '/users/:username/repos', (ctx, p) => {
      const ns = forge.namespaces.get(p.username.toLowerCase());
      if (!ns || ns.path.includes('/')) return notFound();
      const user = currentUser(ctx);
      // This endpoint lists public repositories only, even for their owner (GitHub docs: "Lists public repositories").
      const repos = [...forge.repos.values()].filter(
        (r) => r.owner.toLowerCase() === ns.path.toLowerCase() && r.visibility === 'public',
      );
      return paginate(
        ctx,
        sortRepos(repos, ctx.req.query, 'full_name').map((r) => repoObject(r, user)),
      );
    })
    .on('GET', '/installation/repositories', (ctx) => {
      // https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation
      const inst = apps.installationForToken(ctx.req.headers.authorization);
      if (!inst) return error(403, 'You must authenticate with an installation access token.');
      const repos = [...forge.repos.values()].filter((r) => r.owner.toLowerCase() === inst.account.path.toLowerCase());
      const page = paginate(
        ctx,
        sortRepos(repos, ctx.req.query, 'full_name').map((r) => repoObject(r, currentUser(ctx))),
      );
      return { ...page, body: { total_count: repos.length, repository_selection: 'all', repositories: page.body } };
    })
    .on('GET', '/user/repos', (ctx) => {
      const denied = requireAuth(ctx);
      if (denied) return denied;
      const user = currentUser(ctx)!;
      const q = ctx.req.query;
      if (q.type && (q.visibility || q.affiliation)) {
        return validationFailed([], 'If you specify visibility or affiliation, you cannot specify type.');
      }
      const affiliation = (q.affiliation ?? 'owner,collaborator,organization_member').split(',');
      let repos = [...forge.repos.values()].filter((r) => {
        const ownerMatch = r.owner.toLowerCase() === user.username.toLowerCase();
        const memberMatch = !ownerMatch && forge.accessLevel(user, r) >= ACCESS.read;
        return (
          (ownerMatch && affiliation.includes('owner')) || (memberMatch && affiliation.includes('organization_member'))
        );
      });
      if (q.visibility === 'public') repos = repos.filter((r) => r.visibility === 'public');
      if (q.visibility === 'private') repos = repos.filter((r) => r.visibility !== 'public');
      return paginate(
        ctx,
        sortRepos(repos, q, 'full_name').map((r) => repoObject(r, user)),
      );
    })
    .on('GET', '/repos/:owner/:repo', (ctx, p) => {
      const repo = getRepo(ctx, p);
      return repo ? { status: 200, body: repoObject(repo, currentUser(ctx)) } : notFound();
    })
    .on('POST', '/orgs/:org/repos', (ctx, p) => {
      const denied = requireAuth(ctx);
      if (denied) return denied;
      const ns = forge.namespaces.get(p.org.toLowerCase());
      if (!ns || ns.kind !== 'org') return notFound();
      if (forge.accessLevel(currentUser(ctx), ns) < ACCESS.write) {
        return error(403, 'You need admin access to the organization before adding a repository to it.');
      }
      return createRepoIn(ctx, ns.path);
    })
    .on('POST', '/user/repos', (ctx) => {
      const denied = requireAuth(ctx);
      if (denied) return denied;
      return createRepoIn(ctx, currentUser(ctx)!.username);
    })
    .on('PATCH', '/repos/:owner/:repo', (ctx, p) => {
      const repo = getRepo(ctx, p);
      if (!repo) return notFound();
      if (forge.accessLevel(currentUser(ctx), repo) < ACCESS.admin)
        return error(403, 'Must have admin rights to Repository.');
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      // An archived repository is read-only: the only change it takes is being unarchived.
      if (repo.archived && body.archived !== false) return error(403, 'Repository was archived so is read-only.');
      if (typeof body.default_branch === 'string' && body.default_branch !== repo.defaultBranch) {
        if (!forge.hasBranch(repo, body.default_branch)) {
          return validationFailed([{ resource: 'Repository', code: 'invalid', field: 'default_branch' }]);
        }
        forge.setHead(repo, body.default_branch);
      }
      if (typeof body.description === 'string') repo.description = body.description;
      if (typeof body.archived === 'boolean') repo.archived = body.archived;
      if (typeof body.has_wiki === 'boolean') repo.hasWiki = body.has_wiki;
      if (typeof body.visibility === 'string') repo.visibility = body.visibility as RepoRecord['visibility'];
      if (typeof body.private === 'boolean' && !body.visibility) repo.visibility = body.private ? 'private' : 'public';
      repo.updatedAt = forge.now();
      return { status: 200, body: repoObject(repo, currentUser(ctx)) };
    })
    .on('GET', '/repos/:owner/:repo/rulesets', (ctx, p) => {
      const repo = getRepo(ctx, p);
      if (!repo) return notFound();
      const targets = ctx.req.query.targets?.split(',');
      const rulesets = repoState(repo).rulesets.filter((r) => !targets || targets.includes(r.target));
      return paginate(
        ctx,
        rulesets.map((r) => rulesetObject(repo, r, false)),
      );
    })
    .on('POST', '/repos/:owner/:repo/rulesets', (ctx, p) => {
      const repo = getRepo(ctx, p);
      if (!repo) return notFound();
      if (forge.accessLevel(currentUser(ctx), repo) < ACCESS.admin) return notFound();
      const parsed = parseRuleset(ctx.req.body, undefined);
      if ('status' in parsed) return parsed;
      if (repoState(repo).rulesets.some((r) => r.name === parsed.name)) {
        return validationFailed([], 'Validation Failed: Name must be unique');
      }
      repoState(repo).rulesets.push(parsed);
      forge.protectionChanged(repo);
      return { status: 201, body: rulesetObject(repo, parsed, true) };
    })
    .on('GET', '/repos/:owner/:repo/rulesets/:ruleset_id', (ctx, p) => {
      const repo = getRepo(ctx, p);
      const ruleset = repo && repoState(repo).rulesets.find((r) => String(r.id) === p.ruleset_id);
      return repo && ruleset ? { status: 200, body: rulesetObject(repo, ruleset, true) } : notFound();
    })
    .on('PUT', '/repos/:owner/:repo/rulesets/:ruleset_id', (ctx, p) => {
      const repo = getRepo(ctx, p);
      const state = repo && repoState(repo);
      const index = state ? state.rulesets.findIndex((r) => String(r.id) === p.ruleset_id) : -1;
      if (!repo || !state || index < 0) return notFound();
      if (forge.accessLevel(currentUser(ctx), repo) < ACCESS.admin) return notFound();
      const parsed = parseRuleset(ctx.req.body, state.rulesets[index]);
      if ('status' in parsed) return parsed;
      state.rulesets[index] = parsed;
      forge.protectionChanged(repo);
      return { status: 200, body: rulesetObject(repo, parsed, true) };
    })
    .on('DELETE', '/repos/:owner/:repo/rulesets/:ruleset_id', (ctx, p) => {
      const repo = getRepo(ctx, p);
      const state = repo && repoState(repo);
      const index = state ? state.rulesets.findIndex((r) => String(r.id) === p.ruleset_id) : -1;
      if (!repo || !state || index < 0) return notFound();
      if (forge.accessLevel(currentUser(ctx), repo) < ACCESS.admin) return notFound();
      state.rulesets.splice(index, 1);
      forge.protectionChanged(repo);
      return { status: 204 };
    })
    .on('GET', '/repos/:owner/:repo/hooks', (ctx, p) => {
      const repo = getRepo(ctx, p);
      if (!repo || forge.accessLevel(currentUser(ctx), repo) < ACCESS.admin) return notFound();
      return paginate(
        ctx,
        repoState(repo).hooks.map((h) => hookObject(repo, undefined, h)),
      );
    })
    .on('POST', '/repos/:owner/:repo/hooks', (ctx, p) => {
      const repo = getRepo(ctx, p);
      if (!repo || forge.accessLevel(currentUser(ctx), repo) < ACCESS.admin) return notFound();
      const hook = newHook((ctx.req.body ?? {}) as Record<string, unknown>);
      if ('status' in hook) return hook;
      repoState(repo).hooks.push(hook);
      return { status: 201, body: hookObject(repo, undefined, hook) };
    })
    .on('PATCH', '/repos/:owner/:repo/hooks/:hook_id', (ctx, p) => {
      const repo = getRepo(ctx, p);
      if (!repo || forge.accessLevel(currentUser(ctx), repo) < ACCESS.admin) return notFound();
      const hook = repoState(repo).hooks.find((h) => String(h.id) === p.hook_id);
      if (!hook) return notFound();
      patchHook(hook, (ctx.req.body ?? {}) as Record<string, unknown>);
      return { status: 200, body: hookObject(repo, undefined, hook) };
    })
    .on('GET', '/orgs/:org/hooks', (ctx, p) => {
      const ns = orgAdmin(ctx, p.org);
      if (!ns) return notFound();
      return paginate(
        ctx,
        orgHooks(ns).map((h) => hookObject(undefined, ns, h)),
      );
    })
    .on('POST', '/orgs/:org/hooks', (ctx, p) => {
      const ns = orgAdmin(ctx, p.org);
      if (!ns) return notFound();
      const hook = newHook((ctx.req.body ?? {}) as Record<string, unknown>);
      if ('status' in hook) return hook;
      orgHooks(ns).push(hook);
      return { status: 201, body: hookObject(undefined, ns, hook) };
    })
    .on('PATCH', '/orgs/:org/hooks/:hook_id', (ctx, p) => {
      const ns = orgAdmin(ctx, p.org);
      const hook = ns && orgHooks(ns).find((h) => String(h.id) === p.hook_id);
      if (!ns || !hook) return notFound();
      patchHook(hook, (ctx.req.body ?? {}) as Record<string, unknown>);
      return { status: 200, body: hookObject(undefined, ns, hook) };
    });

  const apps = createGitHubApps(forge, (ns) => ownerObject(ns));

  /** Org webhooks need an organization owner (admin:org_hook scope); others get 404, as on GitHub. */
  const orgAdmin = (ctx: ApiContext, org: string): Namespace | undefined => {
    const ns = forge.namespaces.get(org.toLowerCase());
    if (!ns || ns.kind !== 'org') return undefined;
    return forge.accessLevel(currentUser(ctx), ns) >= ACCESS.admin ? ns : undefined;
  };
  const orgHooks = (ns: Namespace): Hook[] => (ns.host.hooks as Hook[] | undefined) ?? (ns.host.hooks = []);

  const parseRuleset = (raw: unknown, previous: Ruleset | undefined): Ruleset | ApiResponse => {
    const body = (raw ?? {}) as Partial<Ruleset>;
    const name = body.name ?? previous?.name;
    const enforcement = body.enforcement ?? previous?.enforcement;
    if (!name || !enforcement)
      return validationFailed([], 'Invalid request.\n\n"name", "enforcement" weren\'t supplied.');
    const now = forge.now();
    return {
      id: previous?.id ?? forge.nextId(),
      name,
      target: body.target ?? previous?.target ?? 'branch',
      enforcement,
      bypass_actors: (body.bypass_actors ?? previous?.bypass_actors ?? []).map((a) => ({
        actor_id: a.actor_type === 'OrganizationAdmin' ? (a.actor_id ?? 1) : (a.actor_id ?? null),
        actor_type: a.actor_type,
        bypass_mode: a.bypass_mode ?? 'always',
      })),
      conditions: body.conditions ?? previous?.conditions ?? null,
      rules: body.rules ?? previous?.rules ?? [],
      created_at: previous?.created_at ?? now,
      updated_at: now,
    };
  };

  /** Rulesets → rules for the pre-receive hook (https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets). */
  const protectionRules = (repo: RepoRecord): ProtectionRule[] => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase());
    const rules: ProtectionRule[] = [];
    for (const ruleset of repoState(repo).rulesets) {
      if (ruleset.enforcement !== 'active' || ruleset.target === 'push') continue;
      const prefix = ruleset.target === 'tag' ? 'refs/tags/' : 'refs/heads/';
      const toGlob = (pattern: string): string =>
        pattern === '~ALL'
          ? `${prefix}**`
          : pattern === '~DEFAULT_BRANCH'
            ? `refs/heads/${repo.defaultBranch}`
            : pattern.startsWith('refs/')
              ? pattern
              : `${prefix}${pattern}`;
      const include = ruleset.conditions?.ref_name?.include ?? [];
      const exclude = (ruleset.conditions?.ref_name?.exclude ?? []).map(toGlob);
      const bypass = bypassPermission(ruleset.bypass_actors, ns);
      const types = new Set(ruleset.rules.map((r) => r.type));
      const deny = (type: string, also?: string): Permission =>
        types.has(type) || (also && types.has(also)) ? bypass : open;
      const kind = ruleset.target === 'tag' ? 'tag' : 'branch';
      for (const pattern of include) {
        const ref = toGlob(pattern);
        rules.push({
          ref,
          exclude,
          create: deny('creation'),
          update: deny('update'),
          force: deny('non_fast_forward', 'update'),
          delete: deny('deletion'),
          messages: {
            create: `error: GH013: Repository rule violations found for {ref}.\n- Cannot create ref due to creations being restricted.`,
            update: `error: GH013: Repository rule violations found for {ref}.\n- Cannot update this protected ref.`,
            force: `error: GH013: Repository rule violations found for {ref}.\n- Cannot force-push to this ${kind}.`,
            delete: `error: GH013: Repository rule violations found for {ref}.\n- Cannot delete this protected ${kind}.`,
          },
        });
      }
    }
    return rules;
  };

  const open: Permission = { level: ACCESS.none };

  const bypassPermission = (actors: BypassActor[], ns: Namespace | undefined): Permission => {
    let level: number | null = null;
    const users: string[] = [];
    for (const actor of actors) {
      if (actor.bypass_mode === 'pull_request') continue;
      if (actor.actor_type === 'RepositoryRole' && actor.actor_id != null) {
        const roleLevel = ROLE_LEVEL[actor.actor_id];
        if (roleLevel !== undefined) level = level === null ? roleLevel : Math.min(level, roleLevel);
      } else if (actor.actor_type === 'OrganizationAdmin' && ns?.kind === 'org') {
        level = level === null ? ACCESS.admin : Math.min(level, ACCESS.admin);
      } else if (actor.actor_type === 'Integration') {
        for (const user of forge.users.values())
          if (user.appId !== undefined && user.appId === actor.actor_id) users.push(user.username);
      } else if (actor.actor_type === 'User') {
        for (const user of forge.users.values()) if (user.id === actor.actor_id) users.push(user.username);
      }
    }
    return { level, users };
  };

  return {
    type: 'github',
    apiPrefix: '/api/v3',
    gitRealm: 'GitHub',
    hiddenRefs: ['refs/pull'],
    authenticateApi(headers: IncomingHttpHeaders) {
      const header = headers.authorization;
      if (!header) return undefined;
      const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
      if (!match) return 'invalid';
      return forge.userByToken(match[1]) ?? 'invalid';
    },
    async handleApi(ctx) {
      const appAnswer = apps.handle(ctx);
      if (appAnswer) return appAnswer;
      if (ctx.auth === 'invalid') return error(401, 'Bad credentials');
      await apps.hold(ctx);
      const found = router.match(ctx.req.method, ctx.req.subPath);
      return found ? found.handler(ctx, found.params) : notFound();
    },
    gitRepo(urlPath) {
      const match = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(urlPath);
      if (!match) return undefined;
      const repo = forge.findRepo(`${match[1]}/${match[2]}`);
      if (repo) return { repo, rest: match[3] };
      // `<repo>.wiki.git`: there only while the wiki is switched on and its first page exists.
      const wikiOf = /\.wiki$/.test(match[2]) ? forge.findRepo(`${match[1]}/${match[2].slice(0, -5)}`) : undefined;
      return wikiOf?.hasWiki ? { repo: wikiOf, rest: match[3], wiki: true } : undefined;
    },
    pushDeniedMessage(repo, user) {
      return `Permission to ${repo.fullPath}.git denied to ${user.username}.`;
    },
    protectionRules,
    onPush() {
      // GitHub keeps HEAD as set at creation (the default branch name) even when another branch is pushed first.
    },
    newRepo(repo) {
      const state: GitHubRepoState = { rulesets: [], hooks: [], issues: [] };
      Object.assign(repo.host, state);
    },
    cloneUrl: (repo) => `${forge.url}/${repo.fullPath}.git`,
    webUrl: (repo) => `${forge.url}/${repo.fullPath}`,
  };
}

function encodePath(fullPath: string): string {
  return fullPath.split('/').map(encodeURIComponent).join('/');
}
