/**
 * Fake GitLab: REST API under `/api/v4`, git at `/<group>/<sub>/<project>.git` (also without `.git`).
 * Docs: https://docs.gitlab.com/api/rest/ (pagination), projects, groups, protected_branches, protected_tags, hooks.
 * Ids are numeric or URL-encoded full paths. New projects get their default branch protected on the first push,
 * as GitLab's default "fully protected" setting does (https://docs.gitlab.com/user/project/repository/branches/default/#protect-initial-default-branches).
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
  type RefUpdate,
  type RepoRecord,
} from '../types.js';
import { bool, linkHeader, pageUrl, Router, slicePage, type Params } from './common.js';

interface AccessEntry {
  id: number;
  access_level: number;
  user_id: number | null;
  group_id: number | null;
  deploy_key_id?: number | null;
}

interface ProtectedBranch {
  id: number;
  name: string;
  push: AccessEntry[];
  merge: AccessEntry[];
  unprotect: AccessEntry[];
  allow_force_push: boolean;
  code_owner_approval_required: boolean;
}

interface ProtectedTag {
  name: string;
  create: AccessEntry[];
}

interface Hook {
  id: number;
  url: string;
  token?: string;
  events: Record<string, boolean>;
  push_events_branch_filter: string;
  enable_ssl_verification: boolean;
  name: string;
  description: string;
  created_at: string;
}

/** https://docs.gitlab.com/api/issues/ */
interface Issue {
  id: number;
  iid: number;
  title: string;
  description: string | null;
  state: 'opened' | 'closed';
  author: ForgeUser;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: ForgeUser | null;
}

interface GitLabRepoState {
  issues?: Issue[];
  protectedBranches: ProtectedBranch[];
  protectedTags: ProtectedTag[];
  hooks: Hook[];
  /** Whether a branch was ever pushed (GitLab protects the default branch on the first push). */
  initialised: boolean;
  lastActivityAt?: string;
}

const HOOK_EVENTS = [
  'push_events',
  'tag_push_events',
  'merge_requests_events',
  'issues_events',
  'confidential_issues_events',
  'note_events',
  'confidential_note_events',
  'job_events',
  'pipeline_events',
  'wiki_page_events',
  'deployment_events',
  'releases_events',
];

const LEVEL_DESCRIPTION: Record<number, string> = {
  0: 'No one',
  30: 'Developers + Maintainers',
  40: 'Maintainers',
  60: 'Admins',
};

const message = (status: number, text: unknown): ApiResponse => ({ status, body: { message: text } });
const notFound = (what = '404 Not found'): ApiResponse => message(404, what);

function state(repo: RepoRecord): GitLabRepoState {
  return repo.host as unknown as GitLabRepoState;
}

export function createGitLabFake(forge: ForgeState): HostFake {
  const api = () => forge.apiUrl;
  const user = (ctx: ApiContext): ForgeUser | undefined => (ctx.auth === 'invalid' ? undefined : ctx.auth);

  const findNamespace = (id: string): Namespace | undefined => {
    if (/^\d+$/.test(id)) return [...forge.namespaces.values()].find((ns) => ns.id === Number(id));
    return forge.namespaces.get(id.toLowerCase());
  };
  const findGroup = (ctx: ApiContext, id: string): Namespace | undefined => {
    const ns = findNamespace(id);
    if (!ns || ns.kind !== 'org') return undefined;
    if (ns.visibility === 'public' || (ns.visibility === 'internal' && user(ctx))) return ns;
    return forge.accessLevel(user(ctx), ns) >= ACCESS.guest ? ns : undefined;
  };
  const findProject = (ctx: ApiContext, id: string): RepoRecord | undefined => {
    const repo = /^\d+$/.test(id) ? [...forge.repos.values()].find((r) => r.id === Number(id)) : forge.findRepo(id);
    return repo && forge.canRead(user(ctx), repo) ? repo : undefined;
  };

  const namespaceObject = (ns: Namespace) => {
    const parent = ns.parent ? forge.namespaces.get(ns.parent.toLowerCase()) : undefined;
    return {
      id: ns.id,
      name: ns.name,
      path: ns.path.split('/').pop(),
      kind: ns.kind === 'user' ? 'user' : 'group',
      full_path: ns.path,
      parent_id: parent?.id ?? null,
      avatar_url: null,
      web_url: ns.kind === 'user' ? `${forge.url}/${ns.path}` : `${forge.url}/groups/${ns.path}`,
    };
  };

  const groupObject = (ns: Namespace) => {
    const parent = ns.parent ? forge.namespaces.get(ns.parent.toLowerCase()) : undefined;
    return {
      id: ns.id,
      web_url: `${forge.url}/groups/${ns.path}`,
      name: ns.name,
      path: ns.path.split('/').pop(),
      description: ns.description,
      visibility: ns.visibility,
      share_with_group_lock: false,
      require_two_factor_authentication: false,
      two_factor_grace_period: 48,
      project_creation_level: 'developer',
      auto_devops_enabled: null,
      subgroup_creation_level: 'maintainer',
      emails_disabled: false,
      emails_enabled: true,
      mentions_disabled: null,
      lfs_enabled: true,
      default_branch: null,
      default_branch_protection: 2,
      avatar_url: null,
      request_access_enabled: true,
      full_name: ns.path.split('/').join(' / '),
      full_path: ns.path,
      created_at: ns.createdAt,
      parent_id: parent?.id ?? null,
      organization_id: 1,
      shared_runners_setting: 'enabled',
      ldap_cn: null,
      ldap_access: null,
      marked_for_deletion_on: null,
    };
  };

  const userObject = (u: ForgeUser) => ({
    id: u.id,
    username: u.username,
    name: u.username,
    state: 'active',
    locked: false,
    avatar_url: null,
    web_url: `${forge.url}/${u.username}`,
  });

  const projectObject = (repo: RepoRecord, viewer: ForgeUser | undefined, withAccess = false) => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
    const parent = repo.forkedFrom ? forge.findRepo(repo.forkedFrom) : undefined;
    const host = new URL(forge.url).host;
    const ownerUser = ns.kind === 'user' ? forge.users.get(ns.path.toLowerCase()) : undefined;
    const base = `${api()}/projects/${repo.id}`;
    const level = forge.accessLevel(viewer, repo);
    return {
      id: repo.id,
      description: repo.description || null,
      name: repo.name,
      name_with_namespace: [
        ...ns.path.split('/').map((s) => forge.namespaces.get(s.toLowerCase())?.name ?? s),
        repo.name,
      ].join(' / '),
      path: repo.name,
      path_with_namespace: repo.fullPath,
      created_at: repo.createdAt,
      updated_at: repo.updatedAt,
      default_branch: repo.defaultBranch,
      tag_list: [],
      topics: [],
      ssh_url_to_repo: forge.sshUrlOf(repo) ?? `git@${host}:${repo.fullPath}.git`,
      http_url_to_repo: `${forge.url}/${repo.fullPath}.git`,
      web_url: `${forge.url}/${repo.fullPath}`,
      readme_url: null,
      forks_count: 0,
      avatar_url: null,
      star_count: 0,
      last_activity_at: state(repo).lastActivityAt ?? repo.createdAt,
      namespace: namespaceObject(ns),
      ...(ownerUser ? { owner: userObject(ownerUser) } : {}),
      ...(parent
        ? {
            forked_from_project: {
              id: parent.id,
              name: parent.name,
              path: parent.name,
              path_with_namespace: parent.fullPath,
              http_url_to_repo: `${forge.url}/${parent.fullPath}.git`,
              web_url: `${forge.url}/${parent.fullPath}`,
              created_at: parent.createdAt,
              default_branch: parent.defaultBranch,
            },
          }
        : {}),
      container_registry_image_prefix: `${host}/${repo.fullPath}`,
      _links: {
        self: base,
        issues: `${base}/issues`,
        merge_requests: `${base}/merge_requests`,
        repo_branches: `${base}/repository/branches`,
        labels: `${base}/labels`,
        events: `${base}/events`,
        members: `${base}/members`,
        cluster_agents: `${base}/cluster_agents`,
      },
      empty_repo: forge.isEmpty(repo),
      archived: repo.archived,
      visibility: repo.visibility,
      resolve_outdated_diff_discussions: false,
      repository_object_format: 'sha1',
      issues_enabled: true,
      merge_requests_enabled: true,
      wiki_enabled: repo.hasWiki,
      wiki_access_level: repo.hasWiki ? 'enabled' : 'disabled',
      jobs_enabled: true,
      snippets_enabled: true,
      lfs_enabled: true,
      creator_id: ownerUser?.id ?? 1,
      import_status: 'none',
      open_issues_count: 0,
      ...(withAccess
        ? {
            permissions: {
              project_access: null,
              group_access: level > 0 ? { access_level: Math.min(level, 50), notification_level: 3 } : null,
            },
          }
        : {}),
    };
  };

  const offsetPage = (ctx: ApiContext, items: unknown[]): ApiResponse => {
    const page = slicePage(items, ctx.req.query, forge.pageSize, 20);
    const base = `${forge.url}${ctx.req.path}`;
    const q = ctx.req.query;
    const next = page.page < page.totalPages ? String(page.page + 1) : '';
    const prev = page.page > 1 ? String(page.page - 1) : '';
    const perPage = String(page.perPage);
    const link = linkHeader({
      prev: prev ? pageUrl(base, q, { page: prev, per_page: perPage }) : undefined,
      next: next ? pageUrl(base, q, { page: next, per_page: perPage }) : undefined,
      first: pageUrl(base, q, { page: '1', per_page: perPage }),
      last: pageUrl(base, q, { page: String(page.totalPages), per_page: perPage }),
    });
    return {
      status: 200,
      body: page.items,
      headers: {
        'x-next-page': next,
        'x-page': String(page.page),
        'x-per-page': perPage,
        'x-prev-page': prev,
        'x-total': String(page.total),
        'x-total-pages': String(page.totalPages),
        ...(link ? { link } : {}),
      },
    };
  };

  /** Keyset pagination (order_by=id): Link rel="next" only, no totals (https://docs.gitlab.com/api/rest/#keyset-based-pagination). */
  const keysetPage = (ctx: ApiContext, repos: RepoRecord[], viewer: ForgeUser | undefined): ApiResponse => {
    const q = ctx.req.query;
    if ((q.order_by ?? 'id') !== 'id') {
      return message(405, 'Keyset pagination is not yet available for this type of request');
    }
    const desc = (q.sort ?? 'desc') === 'desc';
    const sorted = [...repos].sort((a, b) => (desc ? b.id - a.id : a.id - b.id));
    const after = q.id_after ? Number(q.id_after) : undefined;
    const before = q.id_before ? Number(q.id_before) : undefined;
    const rest = sorted.filter((r) => (after === undefined || r.id > after) && (before === undefined || r.id < before));
    const requested = Number.parseInt(q.per_page ?? '20', 10);
    const perPage = Math.max(1, Math.min(Number.isFinite(requested) ? requested : 20, forge.pageSize));
    const page = rest.slice(0, perPage);
    const headers: Record<string, string> = { 'x-per-page': String(perPage) };
    if (rest.length > perPage) {
      const last = page[page.length - 1].id;
      const base = `${forge.url}${ctx.req.path}`;
      const changes = desc
        ? { id_before: String(last), id_after: undefined }
        : { id_after: String(last), id_before: undefined };
      headers.link = linkHeader({ next: pageUrl(base, q, { ...changes, per_page: String(perPage) }) })!;
    }
    return { status: 200, body: page.map((r) => projectObject(r, viewer)), headers };
  };

  const sortProjects = (repos: RepoRecord[], q: Record<string, string>): RepoRecord[] => {
    const orderBy = q.order_by ?? 'created_at';
    const key = (r: RepoRecord): string | number =>
      orderBy === 'name'
        ? r.name.toLowerCase()
        : orderBy === 'path'
          ? r.fullPath.toLowerCase()
          : orderBy === 'last_activity_at'
            ? (state(r).lastActivityAt ?? r.createdAt)
            : r.id;
    const sorted = [...repos].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
    return (q.sort ?? 'desc') === 'desc' ? sorted.reverse() : sorted;
  };

  const listProjects = (ctx: ApiContext, repos: RepoRecord[]): ApiResponse => {
    const viewer = user(ctx);
    const q = ctx.req.query;
    let visible = repos.filter((r) => forge.canRead(viewer, r));
    const archived = bool(q.archived);
    if (archived !== undefined) visible = visible.filter((r) => r.archived === archived);
    if (q.visibility) visible = visible.filter((r) => r.visibility === q.visibility);
    if (q.search) visible = visible.filter((r) => r.name.toLowerCase().includes(q.search.toLowerCase()));
    if (q.pagination === 'keyset') return keysetPage(ctx, visible, viewer);
    return offsetPage(
      ctx,
      sortProjects(visible, q).map((r) => projectObject(r, viewer)),
    );
  };

  const descendants = (ns: Namespace): Namespace[] =>
    [...forge.namespaces.values()].filter(
      (g) => g.kind === 'org' && g.path.toLowerCase().startsWith(ns.path.toLowerCase() + '/'),
    );

  const accessEntries = (levels: unknown, users: unknown, fallback: number): AccessEntry[] => {
    const entries: AccessEntry[] = [];
    const list = Array.isArray(users) ? (users as Record<string, unknown>[]) : [];
    const explicitLevels = list.filter((e) => typeof e.access_level === 'number');
    if (typeof levels === 'number')
      entries.push({ id: forge.nextId(), access_level: levels, user_id: null, group_id: null });
    for (const e of explicitLevels)
      entries.push({ id: forge.nextId(), access_level: e.access_level as number, user_id: null, group_id: null });
    for (const e of list.filter((x) => typeof x.user_id === 'number')) {
      entries.push({ id: forge.nextId(), access_level: 40, user_id: e.user_id as number, group_id: null });
    }
    if (!entries.length) entries.push({ id: forge.nextId(), access_level: fallback, user_id: null, group_id: null });
    return entries;
  };

  const accessJson = (entries: AccessEntry[]) =>
    entries.map((e) => ({
      id: e.id,
      access_level: e.access_level,
      access_level_description: e.user_id
        ? ([...forge.users.values()].find((u) => u.id === e.user_id)?.username ?? 'User')
        : (LEVEL_DESCRIPTION[e.access_level] ?? String(e.access_level)),
      user_id: e.user_id,
      group_id: e.group_id,
      deploy_key_id: e.deploy_key_id ?? null,
    }));

  const branchJson = (b: ProtectedBranch) => ({
    id: b.id,
    name: b.name,
    push_access_levels: accessJson(b.push),
    merge_access_levels: accessJson(b.merge),
    unprotect_access_levels: accessJson(b.unprotect),
    allow_force_push: b.allow_force_push,
    code_owner_approval_required: b.code_owner_approval_required,
    inherited: false,
  });

  const tagJson = (t: ProtectedTag) => ({ name: t.name, create_access_levels: accessJson(t.create) });

  const hookJson = (hook: Hook, owner: { project_id?: number; group_id?: number }) => ({
    id: hook.id,
    url: hook.url,
    name: hook.name,
    description: hook.description,
    ...owner,
    ...Object.fromEntries(HOOK_EVENTS.map((e) => [e, hook.events[e] ?? false])),
    push_events_branch_filter: hook.push_events_branch_filter,
    branch_filter_strategy: 'wildcard',
    enable_ssl_verification: hook.enable_ssl_verification,
    repository_update_events: false,
    alert_status: 'executable',
    disabled_until: null,
    url_variables: [],
    custom_webhook_template: '',
    custom_headers: [],
    created_at: hook.created_at,
  });

  const applyHookBody = (hook: Hook, body: Record<string, unknown>): void => {
    if (typeof body.url === 'string') hook.url = body.url;
    if (typeof body.token === 'string') hook.token = body.token;
    if (typeof body.name === 'string') hook.name = body.name;
    if (typeof body.description === 'string') hook.description = body.description;
    if (typeof body.push_events_branch_filter === 'string')
      hook.push_events_branch_filter = body.push_events_branch_filter;
    if (typeof body.enable_ssl_verification === 'boolean') hook.enable_ssl_verification = body.enable_ssl_verification;
    for (const e of HOOK_EVENTS) if (typeof body[e] === 'boolean') hook.events[e] = body[e] as boolean;
  };

  const newHook = (body: Record<string, unknown>): Hook | ApiResponse => {
    if (typeof body.url !== 'string' || !body.url) return message(400, 'url is missing');
    const hook: Hook = {
      id: forge.nextId(),
      url: body.url,
      events: { push_events: true },
      push_events_branch_filter: '',
      enable_ssl_verification: true,
      name: '',
      description: '',
      created_at: forge.now(),
    };
    applyHookBody(hook, body);
    return hook;
  };

  const maintainerProject = (ctx: ApiContext, id: string): RepoRecord | ApiResponse => {
    const viewer = user(ctx);
    const repo = findProject(ctx, id);
    if (!repo) return notFound('404 Project Not Found');
    if (forge.accessLevel(viewer, repo) < ACCESS.maintainer) return message(403, '403 Forbidden');
    return repo;
  };

  const setArchived = (ctx: ApiContext, id: string, archived: boolean): ApiResponse => {
    const repo = findProject(ctx, id);
    if (!repo) return notFound('404 Project Not Found');
    if (forge.accessLevel(user(ctx), repo) < ACCESS.admin) return message(403, '403 Forbidden');
    repo.archived = archived;
    repo.updatedAt = forge.now();
    return { status: 201, body: projectObject(repo, user(ctx)) };
  };

  const requireUser = (ctx: ApiContext): ApiResponse | undefined =>
    user(ctx) ? undefined : message(401, '401 Unauthorized');

  /** `wiki_access_level` (`disabled`, `private`, `enabled`) or its deprecated boolean `wiki_enabled`. */
  const wikiSwitch = (body: Record<string, unknown>): boolean | undefined =>
    typeof body.wiki_access_level === 'string'
      ? body.wiki_access_level !== 'disabled'
      : typeof body.wiki_enabled === 'boolean'
        ? body.wiki_enabled
        : undefined;

  const createProject = (ctx: ApiContext): ApiResponse => {
    const viewer = user(ctx)!;
    const body = (ctx.req.body ?? {}) as Record<string, unknown>;
    const name = (body.name ?? body.path) as string | undefined;
    const pathName = (body.path ??
      (typeof body.name === 'string' ? body.name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-') : undefined)) as
      string | undefined;
    if (!name || !pathName) return message(400, 'name or path is missing');
    let ns: Namespace | undefined;
    if (body.namespace_id !== undefined) {
      ns = findNamespace(String(body.namespace_id));
      if (!ns) return notFound('404 Namespace Not Found');
    } else ns = forge.namespaces.get(viewer.username.toLowerCase());
    if (!ns) return notFound('404 Namespace Not Found');
    if (forge.accessLevel(viewer, ns) < ACCESS.developer) {
      return message(403, '403 Forbidden');
    }
    if (forge.findRepo(`${ns.path}/${pathName}`)) {
      return message(400, { name: ['has already been taken'], path: ['has already been taken'] });
    }
    const repo = forge.createRepo(ns.path, pathName, {
      wiki: wikiSwitch(body) ?? true,
      visibility: (body.visibility as RepoRecord['visibility'] | undefined) ?? 'private',
      description: typeof body.description === 'string' ? body.description : '',
      defaultBranch: typeof body.default_branch === 'string' ? body.default_branch : 'main',
    });
    return { status: 201, body: projectObject(repo, viewer) };
  };

  const issueJson = (repo: RepoRecord, issue: Issue) => ({
    id: issue.id,
    iid: issue.iid,
    project_id: repo.id,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    closed_by: issue.closed_by ? userObject(issue.closed_by) : null,
    labels: [],
    milestone: null,
    assignees: [],
    assignee: null,
    author: userObject(issue.author),
    type: 'ISSUE',
    issue_type: 'issue',
    user_notes_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: null,
    confidential: false,
    discussion_locked: null,
    web_url: `${forge.url}/${repo.fullPath}/-/issues/${issue.iid}`,
    references: { short: `#${issue.iid}`, relative: `#${issue.iid}`, full: `${repo.fullPath}#${issue.iid}` },
  });

  /**
   * The project's issues (GitLab's OpenAPI description has no Issues operations: this follows
   * https://docs.gitlab.com/api/issues/). Reading needs read access; writing needs Reporter, or being the author.
   */
  const projectIssues = (ctx: ApiContext, id: string): { repo: RepoRecord; issues: Issue[] } | ApiResponse => {
    const repo = findProject(ctx, id);
    if (!repo) return notFound('404 Project Not Found');
    state(repo).issues ??= [];
    return { repo, issues: state(repo).issues! };
  };

  const DESCRIPTION_LIMIT = 1_048_576;

  const router = new Router()
    .on('GET', '/projects/:id/issues', (ctx, p) => {
      const found = projectIssues(ctx, p.id);
      if ('status' in found) return found;
      const q = ctx.req.query;
      if (q.state && !['opened', 'closed', 'all'].includes(q.state))
        return message(400, 'state does not have a valid value');
      const list = found.issues.filter((issue) => !q.state || q.state === 'all' || issue.state === q.state);
      const ascending = q.sort === 'asc';
      const sorted = [...list].sort((a, b) => (ascending ? a.iid - b.iid : b.iid - a.iid));
      return offsetPage(
        ctx,
        sorted.map((issue) => issueJson(found.repo, issue)),
      );
    })
    .on('GET', '/projects/:id/issues/:issue_iid', (ctx, p) => {
      const found = projectIssues(ctx, p.id);
      if ('status' in found) return found;
      const issue = found.issues.find((i) => String(i.iid) === p.issue_iid);
      return issue ? { status: 200, body: issueJson(found.repo, issue) } : notFound('404 Not found');
    })
    .on('POST', '/projects/:id/issues', (ctx, p) => {
      const viewer = user(ctx);
      if (!viewer) return message(401, '401 Unauthorized');
      const found = projectIssues(ctx, p.id);
      if ('status' in found) return found;
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.title !== 'string' || !body.title) return message(400, { title: ["can't be blank"] });
      if (typeof body.description === 'string' && body.description.length > DESCRIPTION_LIMIT) {
        return message(400, { description: ['is too long (maximum is 1048576 characters)'] });
      }
      const now = forge.now();
      const issue: Issue = {
        id: forge.nextId(),
        iid: found.issues.length + 1,
        title: body.title,
        description: typeof body.description === 'string' ? body.description : null,
        state: 'opened',
        author: viewer,
        created_at: now,
        updated_at: now,
        closed_at: null,
        closed_by: null,
      };
      found.issues.push(issue);
      return { status: 201, body: issueJson(found.repo, issue) };
    })
    .on('PUT', '/projects/:id/issues/:issue_iid', (ctx, p) => {
      const viewer = user(ctx);
      if (!viewer) return message(401, '401 Unauthorized');
      const found = projectIssues(ctx, p.id);
      if ('status' in found) return found;
      const issue = found.issues.find((i) => String(i.iid) === p.issue_iid);
      if (!issue) return notFound('404 Not found');
      if (issue.author.id !== viewer.id && forge.accessLevel(viewer, found.repo) < ACCESS.reporter) {
        return message(403, '403 Forbidden');
      }
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      const event = body.state_event;
      if (event !== undefined && event !== 'close' && event !== 'reopen') {
        return message(400, 'state_event does not have a valid value');
      }
      if (typeof body.description === 'string' && body.description.length > DESCRIPTION_LIMIT) {
        return message(400, { description: ['is too long (maximum is 1048576 characters)'] });
      }
      if (!['title', 'description', 'state_event'].some((key) => body[key] !== undefined)) {
        return message(400, 'title, description, state_event are missing, at least one parameter must be provided');
      }
      if (typeof body.title === 'string') issue.title = body.title;
      if (typeof body.description === 'string') issue.description = body.description;
      if (event === 'close' && issue.state === 'opened') {
        issue.state = 'closed';
        issue.closed_at = forge.now();
        issue.closed_by = viewer;
      } else if (event === 'reopen' && issue.state === 'closed') {
        issue.state = 'opened';
        issue.closed_at = null;
        issue.closed_by = null;
      }
      issue.updated_at = forge.now();
      return { status: 200, body: issueJson(found.repo, issue) };
    })
    .on('GET', '/user', (ctx) => {
      const viewer = user(ctx);
      if (!viewer) return message(401, '401 Unauthorized');
      return {
        status: 200,
        body: {
          ...userObject(viewer),
          created_at: viewer.createdAt,
          bio: '',
          location: '',
          public_email: null,
          linkedin: '',
          twitter: '',
          website_url: '',
          organization: '',
          job_title: '',
          bot: false,
          last_sign_in_at: viewer.createdAt,
          confirmed_at: viewer.createdAt,
          last_activity_on: viewer.createdAt.slice(0, 10),
          email: `${viewer.username}@forge.test`,
          theme_id: 1,
          color_scheme_id: 1,
          projects_limit: 100000,
          current_sign_in_at: viewer.createdAt,
          identities: [],
          can_create_group: true,
          can_create_project: true,
          two_factor_enabled: false,
          external: false,
          private_profile: false,
          is_admin: viewer.admin,
        },
      };
    })
    .on('GET', '/users', (ctx) => {
      const username = ctx.req.query.username?.toLowerCase();
      const users = [...forge.users.values()].filter((u) => !username || u.username.toLowerCase() === username);
      return offsetPage(ctx, users.map(userObject));
    })
    .on('GET', '/users/:user_id/projects', (ctx, p) => {
      const owner = /^\d+$/.test(p.user_id)
        ? [...forge.users.values()].find((u) => u.id === Number(p.user_id))
        : forge.users.get(p.user_id.toLowerCase());
      if (!owner) return notFound('404 User Not Found');
      return listProjects(
        ctx,
        [...forge.repos.values()].filter((r) => r.owner.toLowerCase() === owner.username.toLowerCase()),
      );
    })
    .on('GET', '/groups', (ctx) => {
      const viewer = user(ctx);
      const groups = [...forge.namespaces.values()].filter(
        (ns) => ns.kind === 'org' && (ns.visibility === 'public' || forge.accessLevel(viewer, ns) > 0),
      );
      return offsetPage(ctx, groups.map(groupObject));
    })
    .on('POST', '/groups', (ctx) => {
      const denied = requireUser(ctx);
      if (denied) return denied;
      const viewer = user(ctx)!;
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.name !== 'string' || typeof body.path !== 'string')
        return message(400, 'name is missing, path is missing');
      let parentPath: string | undefined;
      if (body.parent_id !== undefined) {
        const parent = findNamespace(String(body.parent_id));
        if (!parent || parent.kind !== 'org') return notFound('404 Group Not Found');
        if (forge.accessLevel(viewer, parent) < ACCESS.maintainer) return message(403, '403 Forbidden');
        parentPath = parent.path;
      } else if (!viewer.admin) {
        return message(403, '403 Forbidden');
      }
      const fullPath = parentPath ? `${parentPath}/${body.path}` : body.path;
      if (forge.namespaces.has(fullPath.toLowerCase()))
        return message(400, 'Failed to save group {:path=>["has already been taken"]}');
      const ns = forge.addNamespace(fullPath, {
        kind: 'org',
        name: body.name,
        visibility: (body.visibility as Namespace['visibility'] | undefined) ?? 'private',
        description: typeof body.description === 'string' ? body.description : '',
      });
      if (!parentPath) ns.members.set(viewer.username, 'owner');
      return { status: 201, body: groupObject(ns) };
    })
    .on('GET', '/groups/:id', (ctx, p) => {
      const ns = findGroup(ctx, p.id);
      if (!ns) return notFound('404 Group Not Found');
      const viewer = user(ctx);
      const projects = [...forge.repos.values()].filter(
        (r) => r.owner.toLowerCase() === ns.path.toLowerCase() && forge.canRead(viewer, r),
      );
      const withProjects = bool(ctx.req.query.with_projects) ?? true;
      return {
        status: 200,
        body: {
          ...groupObject(ns),
          ...(withProjects ? { projects: projects.map((r) => projectObject(r, viewer)), shared_projects: [] } : {}),
          shared_with_groups: [],
          runners_token: undefined,
          prevent_sharing_groups_outside_hierarchy: false,
        },
      };
    })
    .on('GET', '/groups/:id/projects', (ctx, p) => {
      const ns = findGroup(ctx, p.id);
      if (!ns) return notFound('404 Group Not Found');
      const includeSub = bool(ctx.req.query.include_subgroups) ?? false;
      const paths = new Set([
        ns.path.toLowerCase(),
        ...(includeSub ? descendants(ns).map((g) => g.path.toLowerCase()) : []),
      ]);
      return listProjects(
        ctx,
        [...forge.repos.values()].filter((r) => paths.has(r.owner.toLowerCase())),
      );
    })
    .on('GET', '/groups/:id/subgroups', (ctx, p) => {
      const ns = findGroup(ctx, p.id);
      if (!ns) return notFound('404 Group Not Found');
      const viewer = user(ctx);
      const subs = descendants(ns).filter(
        (g) =>
          g.parent?.toLowerCase() === ns.path.toLowerCase() &&
          (g.visibility === 'public' || forge.accessLevel(viewer, g) > 0),
      );
      return offsetPage(ctx, subs.map(groupObject));
    })
    .on('GET', '/groups/:id/descendant_groups', (ctx, p) => {
      const ns = findGroup(ctx, p.id);
      if (!ns) return notFound('404 Group Not Found');
      const viewer = user(ctx);
      const subs = descendants(ns).filter((g) => g.visibility === 'public' || forge.accessLevel(viewer, g) > 0);
      return offsetPage(ctx, subs.map(groupObject));
    })
    .on('GET', '/groups/:id/hooks', (ctx, p) => {
      const ns = ownerGroup(ctx, p.id);
      if ('status' in ns) return ns;
      return offsetPage(
        ctx,
        groupHooks(ns).map((h) => hookJson(h, { group_id: ns.id })),
      );
    })
    .on('POST', '/groups/:id/hooks', (ctx, p) => {
      const ns = ownerGroup(ctx, p.id);
      if ('status' in ns) return ns;
      const hook = newHook((ctx.req.body ?? {}) as Record<string, unknown>);
      if ('status' in hook) return hook;
      groupHooks(ns).push(hook);
      return { status: 201, body: hookJson(hook, { group_id: ns.id }) };
    })
    .on('PUT', '/groups/:id/hooks/:hook_id', (ctx, p) => {
      const ns = ownerGroup(ctx, p.id);
      if ('status' in ns) return ns;
      const hook = groupHooks(ns).find((h) => String(h.id) === p.hook_id);
      if (!hook) return notFound();
      applyHookBody(hook, (ctx.req.body ?? {}) as Record<string, unknown>);
      return { status: 200, body: hookJson(hook, { group_id: ns.id }) };
    })
    .on('GET', '/projects', (ctx) => {
      const viewer = user(ctx);
      const q = ctx.req.query;
      let repos = [...forge.repos.values()];
      if (bool(q.membership) || bool(q.owned))
        repos = repos.filter((r) => forge.accessLevel(viewer, r) >= ACCESS.guest);
      return listProjects(ctx, repos);
    })
    .on('POST', '/projects', (ctx) => requireUser(ctx) ?? createProject(ctx))
    .on('GET', '/projects/:id', (ctx, p) => {
      const repo = findProject(ctx, p.id);
      return repo ? { status: 200, body: projectObject(repo, user(ctx), true) } : notFound('404 Project Not Found');
    })
    .on('PUT', '/projects/:id', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.default_branch === 'string' && body.default_branch !== repo.defaultBranch) {
        // GitLab only moves HEAD to an existing branch; on an empty repo it records the name.
        if (!forge.isEmpty(repo) && !forge.hasBranch(repo, body.default_branch)) {
          return message(400, { base: [`Could not change HEAD: branch '${body.default_branch}' does not exist`] });
        }
        forge.setHead(repo, body.default_branch);
      }
      if (typeof body.description === 'string') repo.description = body.description;
      if (typeof body.visibility === 'string') repo.visibility = body.visibility as RepoRecord['visibility'];
      repo.hasWiki = wikiSwitch(body) ?? repo.hasWiki;
      repo.updatedAt = forge.now();
      return { status: 200, body: projectObject(repo, user(ctx)) };
    })
    // Archiving needs the Owner role (or an administrator); an archived project refuses pushes (forge.ts).
    // https://docs.gitlab.com/api/projects/#archive-a-project
    .on('POST', '/projects/:id/archive', (ctx, p) => setArchived(ctx, p.id, true))
    .on('POST', '/projects/:id/unarchive', (ctx, p) => setArchived(ctx, p.id, false))
    .on('GET', '/projects/:id/protected_branches', (ctx, p) => {
      const repo = findProject(ctx, p.id);
      if (!repo) return notFound('404 Project Not Found');
      const search = ctx.req.query.search;
      const list = state(repo).protectedBranches.filter((b) => !search || b.name.includes(search));
      return offsetPage(ctx, list.map(branchJson));
    })
    .on('POST', '/projects/:id/protected_branches', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.name !== 'string' || !body.name) return message(422, 'name is missing');
      if (state(repo).protectedBranches.some((b) => b.name === body.name)) {
        return message(409, `Protected branch '${body.name}' already exists`);
      }
      const branch: ProtectedBranch = {
        id: forge.nextId(),
        name: body.name,
        push: accessEntries(body.push_access_level, body.allowed_to_push, 40),
        merge: accessEntries(body.merge_access_level, body.allowed_to_merge, 40),
        unprotect: accessEntries(body.unprotect_access_level, body.allowed_to_unprotect, 40),
        allow_force_push: body.allow_force_push === true,
        code_owner_approval_required: body.code_owner_approval_required === true,
      };
      state(repo).protectedBranches.push(branch);
      forge.protectionChanged(repo);
      return { status: 201, body: branchJson(branch) };
    })
    .on('GET', '/projects/:id/protected_branches/:name', (ctx, p) => {
      const repo = findProject(ctx, p.id);
      if (!repo) return notFound('404 Project Not Found');
      const branch = state(repo).protectedBranches.find((b) => b.name === p.name);
      return branch ? { status: 200, body: branchJson(branch) } : notFound();
    })
    .on('PATCH', '/projects/:id/protected_branches/:name', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const branch = state(repo).protectedBranches.find((b) => b.name === p.name);
      if (!branch) return notFound();
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.allow_force_push === 'boolean') branch.allow_force_push = body.allow_force_push;
      if (typeof body.code_owner_approval_required === 'boolean')
        branch.code_owner_approval_required = body.code_owner_approval_required;
      const patchAccess = (entries: AccessEntry[], changes: unknown): AccessEntry[] => {
        if (!Array.isArray(changes)) return entries;
        let next = [...entries];
        for (const change of changes as Record<string, unknown>[]) {
          if (change._destroy === true && typeof change.id === 'number') next = next.filter((e) => e.id !== change.id);
          else if (typeof change.id === 'number') {
            const entry = next.find((e) => e.id === change.id);
            if (entry && typeof change.access_level === 'number') entry.access_level = change.access_level;
          } else next.push(...accessEntries(undefined, [change], 40));
        }
        return next;
      };
      branch.push = patchAccess(branch.push, body.allowed_to_push);
      branch.merge = patchAccess(branch.merge, body.allowed_to_merge);
      branch.unprotect = patchAccess(branch.unprotect, body.allowed_to_unprotect);
      forge.protectionChanged(repo);
      return { status: 200, body: branchJson(branch) };
    })
    .on('DELETE', '/projects/:id/protected_branches/:name', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const list = state(repo).protectedBranches;
      const index = list.findIndex((b) => b.name === p.name);
      if (index < 0) return notFound();
      list.splice(index, 1);
      forge.protectionChanged(repo);
      return { status: 204 };
    })
    .on('GET', '/projects/:id/protected_tags', (ctx, p) => {
      const repo = findProject(ctx, p.id);
      if (!repo) return notFound('404 Project Not Found');
      return offsetPage(ctx, state(repo).protectedTags.map(tagJson));
    })
    .on('POST', '/projects/:id/protected_tags', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      if (typeof body.name !== 'string' || !body.name) return message(422, 'name is missing');
      if (state(repo).protectedTags.some((t) => t.name === body.name)) {
        return message(422, ['Name has already been taken']);
      }
      const tag: ProtectedTag = {
        name: body.name,
        create: accessEntries(body.create_access_level, body.allowed_to_create, 40),
      };
      state(repo).protectedTags.push(tag);
      forge.protectionChanged(repo);
      return { status: 201, body: tagJson(tag) };
    })
    .on('GET', '/projects/:id/protected_tags/:name', (ctx, p) => {
      const repo = findProject(ctx, p.id);
      if (!repo) return notFound('404 Project Not Found');
      const tag = state(repo).protectedTags.find((t) => t.name === p.name);
      return tag ? { status: 200, body: tagJson(tag) } : notFound();
    })
    .on('DELETE', '/projects/:id/protected_tags/:name', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const list = state(repo).protectedTags;
      const index = list.findIndex((t) => t.name === p.name);
      if (index < 0) return notFound();
      list.splice(index, 1);
      forge.protectionChanged(repo);
      return { status: 204 };
    })
    .on('GET', '/projects/:id/hooks', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      return offsetPage(
        ctx,
        state(repo).hooks.map((h) => hookJson(h, { project_id: repo.id })),
      );
    })
    .on('POST', '/projects/:id/hooks', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const hook = newHook((ctx.req.body ?? {}) as Record<string, unknown>);
      if ('status' in hook) return hook;
      state(repo).hooks.push(hook);
      return { status: 201, body: hookJson(hook, { project_id: repo.id }) };
    })
    .on('PUT', '/projects/:id/hooks/:hook_id', (ctx, p) => {
      const repo = maintainerProject(ctx, p.id);
      if ('status' in repo) return repo;
      const hook = state(repo).hooks.find((h) => String(h.id) === p.hook_id);
      if (!hook) return notFound();
      applyHookBody(hook, (ctx.req.body ?? {}) as Record<string, unknown>);
      return { status: 200, body: hookJson(hook, { project_id: repo.id }) };
    });

  /** Group webhooks need the Owner role (https://docs.gitlab.com/api/group_webhooks/). */
  const ownerGroup = (ctx: ApiContext, id: string): Namespace | ApiResponse => {
    const ns = findGroup(ctx, id);
    if (!ns) return notFound('404 Group Not Found');
    if (forge.accessLevel(user(ctx), ns) < ACCESS.owner) return message(403, '403 Forbidden');
    return ns;
  };
  const groupHooks = (ns: Namespace): Hook[] => (ns.host.hooks as Hook[] | undefined) ?? (ns.host.hooks = []);

  const permission = (entries: AccessEntry[]): Permission => {
    const levels = entries.filter((e) => !e.user_id && !e.group_id && e.access_level > 0).map((e) => e.access_level);
    const users = entries
      .filter((e) => e.user_id)
      .map((e) => [...forge.users.values()].find((u) => u.id === e.user_id)?.username)
      .filter((u): u is string => Boolean(u));
    return { level: levels.length ? Math.min(...levels) : null, users };
  };
  const nobody: Permission = { level: null };
  // GitLab's wildcard `*` matches any characters, `/` included (https://docs.gitlab.com/user/project/repository/branches/protected/#protect-multiple-branches-with-wildcard-rules).
  const glob = (name: string): string => name.replace(/\*/g, '**');

  const protectionRules = (repo: RepoRecord): ProtectionRule[] => [
    ...state(repo).protectedBranches.map((b): ProtectionRule => {
      const push = permission(b.push);
      return {
        ref: `refs/heads/${glob(b.name)}`,
        create: push,
        update: push,
        force: b.allow_force_push ? push : nobody,
        delete: nobody,
        messages: {
          create: 'GitLab: You are not allowed to push code to protected branches on this project.',
          update: 'GitLab: You are not allowed to push code to protected branches on this project.',
          force: 'GitLab: You are not allowed to force push code to a protected branch on this project.',
          delete: 'GitLab: You can only delete protected branches using the web interface.',
        },
      };
    }),
    ...state(repo).protectedTags.map((t): ProtectionRule => ({
      ref: `refs/tags/${glob(t.name)}`,
      create: permission(t.create),
      update: nobody,
      force: nobody,
      delete: nobody,
      messages: {
        create: 'GitLab: You are not allowed to create this tag as it is protected.',
        update: 'GitLab: You cannot update protected tags.',
        force: 'GitLab: You cannot update protected tags.',
        delete:
          'GitLab: You are not allowed to delete protected tags from this project. Only a project maintainer or owner can delete a protected tag.',
      },
    })),
  ];

  const onPush = (repo: RepoRecord, updates: RefUpdate[]): void => {
    const s = state(repo);
    s.lastActivityAt = forge.now();
    if (s.initialised || forge.isEmpty(repo)) return;
    s.initialised = true;
    // First push: if the configured default branch was not pushed, GitLab makes the first pushed branch the default.
    if (!forge.hasBranch(repo, repo.defaultBranch)) {
      const first = updates.find((u) => u.ref.startsWith('refs/heads/'))?.ref.slice('refs/heads/'.length);
      if (first) forge.setHead(repo, first);
    }
    if (!s.protectedBranches.some((b) => b.name === repo.defaultBranch)) {
      s.protectedBranches.push({
        id: forge.nextId(),
        name: repo.defaultBranch,
        push: [{ id: forge.nextId(), access_level: 40, user_id: null, group_id: null }],
        merge: [{ id: forge.nextId(), access_level: 40, user_id: null, group_id: null }],
        unprotect: [{ id: forge.nextId(), access_level: 40, user_id: null, group_id: null }],
        allow_force_push: false,
        code_owner_approval_required: false,
      });
      forge.protectionChanged(repo);
    }
  };

  return {
    type: 'gitlab',
    apiPrefix: '/api/v4',
    gitRealm: 'GitLab',
    hiddenRefs: ['refs/merge-requests', 'refs/pipelines', 'refs/keep-around', 'refs/environments'],
    authenticateApi(headers: IncomingHttpHeaders) {
      const privateToken = headers['private-token'];
      if (typeof privateToken === 'string') return forge.userByToken(privateToken) ?? 'invalid';
      const header = headers.authorization;
      if (!header) return undefined;
      const match = /^bearer\s+(\S+)$/i.exec(header);
      if (!match) return 'invalid';
      return forge.userByToken(match[1]) ?? 'invalid';
    },
    // GitLab's OpenAPI description has no Issues operations; these follow https://docs.gitlab.com/api/issues/.
    undocumentedApi: [/^\/api\/v4\/projects\/[^/]+\/issues(?:\/\d+)?$/],
    handleApi(ctx) {
      if (ctx.auth === 'invalid') return message(401, '401 Unauthorized');
      const found = router.match(ctx.req.method, ctx.req.subPath);
      return found ? found.handler(ctx, found.params as Params) : notFound('404 Not Found');
    },
    gitRepo(urlPath) {
      const match = /^\/(.+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(urlPath);
      if (!match) return undefined;
      const repo = forge.findRepo(match[1]);
      if (repo) return { repo, rest: match[2] };
      // `<project>.wiki.git`: served while the wiki is enabled; GitLab creates its repository on first access.
      const wikiOf = /\.wiki$/.test(match[1]) ? forge.findRepo(match[1].slice(0, -5)) : undefined;
      if (!wikiOf?.hasWiki) return undefined;
      forge.ensureWiki(wikiOf);
      return { repo: wikiOf, rest: match[2], wiki: true };
    },
    pushDeniedMessage() {
      return 'You are not allowed to push code to this project.';
    },
    protectionRules,
    onPush: (repo, updates) => onPush(repo, updates),
    newRepo(repo) {
      const s: GitLabRepoState = { protectedBranches: [], protectedTags: [], hooks: [], initialised: false };
      Object.assign(repo.host, s);
    },
    cloneUrl: (repo) => `${forge.url}/${repo.fullPath}.git`,
    webUrl: (repo) => `${forge.url}/${repo.fullPath}`,
  };
}
