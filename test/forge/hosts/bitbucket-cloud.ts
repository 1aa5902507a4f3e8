/**
 * Fake Bitbucket Cloud: REST API 2.0 under `/2.0`, git at `/<workspace>/<repo_slug>.git` (also without `.git`).
 * Docs: https://developer.atlassian.com/cloud/bitbucket/rest/ (pagination: /intro/#pagination; repositories,
 * branch restrictions, webhooks, users). Field names and status codes follow the official OpenAPI description; the
 * forge checks every answer against it.
 *
 * Auth (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#authentication):
 * - API: `Authorization: Bearer <access token>` (repository/project/workspace access tokens, OAuth tokens), or Basic
 *   `username:app_password` (Basic is "available only with username and app password": `x-token-auth` is refused).
 * - git: Basic `x-token-auth:<access token>` or `username:app_password` (checked by the forge core).
 * A forge user's token plays both parts: an access token acting as that user, and that user's app password.
 *
 * Workspaces are forge namespaces; each has projects (see `addProject`); every repository belongs to one project.
 *
 * Protection model: branch restrictions (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-branch-restrictions/)
 * apply to branches only. Bitbucket Cloud has no tag protection, so the fake protects no tag. Kinds:
 * - `push`: only the listed `users` (and `groups`, not modelled) may push to matching branches at all (create,
 *   update, force, delete).
 * - `force` / `delete`: nobody may rewrite history / delete matching branches. `users` and `groups` "can only be
 *   configured in `push` and `restrict_merges` restrictions", so the fake drops them on other kinds: nobody, the
 *   mirror included, is exempt from `force` and `delete`.
 * - merge-related kinds have no effect on git pushes. `branching_model` matching is stored but not enforced.
 */
import fs from 'node:fs';
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
import { Router, type Params } from './common.js';

export interface BitbucketProject {
  uuid: string;
  key: string;
  name: string;
  isPrivate: boolean;
  createdOn: string;
}

export interface BitbucketRestriction {
  id: number;
  kind: string;
  branch_match_kind: 'glob' | 'branching_model';
  pattern: string;
  branch_type?: string;
  value?: number;
  /** Exempt usernames (push and restrict_merges only). */
  users: string[];
}

export interface BitbucketHook {
  uuid: string;
  url: string;
  description: string;
  active: boolean;
  events: string[];
  /** Kept for tests to check; never returned by the API (`secret_set` only). */
  secret?: string;
  createdAt: string;
}

interface WorkspaceState {
  uuid: string;
  projects: BitbucketProject[];
  hooks: BitbucketHook[];
  /** When true, creating a repository without `project.key` is refused with 400 instead of using the oldest project. */
  requireProject?: boolean;
}

interface RepoState {
  uuid: string;
  displayName: string;
  project: string;
  restrictions: BitbucketRestriction[];
  hooks: BitbucketHook[];
}

const RESTRICTION_KINDS = [
  'push',
  'delete',
  'force',
  'restrict_merges',
  'require_tasks_to_be_completed',
  'require_approvals_to_merge',
  'require_review_group_approvals_to_merge',
  'require_default_reviewer_approvals_to_merge',
  'require_no_changes_requested',
  'require_passing_builds_to_merge',
  'require_commits_behind',
  'reset_pullrequest_approvals_on_change',
  'smart_reset_pullrequest_approvals',
  'reset_pullrequest_changes_requested_on_change',
  'require_all_dependencies_merged',
  'enforce_merge_checks',
  'allow_auto_merge_when_builds_pass',
  'require_all_comments_resolved',
];
/** Kinds that take `users`/`groups` exemptions (POST branch-restrictions description). */
const EXEMPTABLE_KINDS = ['push', 'restrict_merges'];
const HOOK_EVENTS = new Set([
  'issue:comment_created',
  'issue:created',
  'issue:updated',
  'pipeline:span_created',
  'project:updated',
  'pullrequest:approved',
  'pullrequest:changes_request_created',
  'pullrequest:changes_request_removed',
  'pullrequest:comment_created',
  'pullrequest:comment_deleted',
  'pullrequest:comment_reopened',
  'pullrequest:comment_resolved',
  'pullrequest:comment_updated',
  'pullrequest:created',
  'pullrequest:fulfilled',
  'pullrequest:push',
  'pullrequest:rejected',
  'pullrequest:unapproved',
  'pullrequest:updated',
  'repo:commit_comment_created',
  'repo:commit_status_created',
  'repo:commit_status_updated',
  'repo:created',
  'repo:deleted',
  'repo:fork',
  'repo:imported',
  'repo:push',
  'repo:transfer',
  'repo:updated',
]);
const DEFAULT_PAGELEN = 10;
const MAX_PAGELEN = 100;

const error = (status: number, message: string, detail?: string): ApiResponse => ({
  status,
  body: { type: 'error', error: { message, ...(detail ? { detail } : {}) } },
});

/** Bitbucket-style uuid (with braces), stable for a forge id. */
export function bitbucketUuid(id: number): string {
  return `{${'0'.repeat(8)}-0000-4000-8000-${String(id).padStart(12, '0')}}`;
}

function repoState(repo: RepoRecord): RepoState {
  return repo.host as unknown as RepoState;
}

function workspaceState(ns: Namespace): WorkspaceState {
  const s = ns.host as Partial<WorkspaceState>;
  s.uuid ??= bitbucketUuid(ns.id);
  s.projects ??= [];
  s.hooks ??= [];
  return s as WorkspaceState;
}

/** Adds a project to a workspace (a forge namespace); the first project becomes the default for new repositories. */
export function addProject(forge: ForgeState, workspace: string, key: string, name = key): BitbucketProject {
  const ns = forge.namespaces.get(workspace.toLowerCase());
  if (!ns) throw new Error(`forge: no workspace ${workspace}`);
  const projects = workspaceState(ns).projects;
  const existing = projects.find((p) => p.key === key);
  if (existing) return existing;
  const project = { uuid: bitbucketUuid(forge.nextId()), key, name, isPrivate: true, createdOn: forge.now() };
  projects.push(project);
  return project;
}

/** Makes `POST /repositories/{ws}/{slug}` without a project key fail with 400 on this workspace. */
export function requireProjectKey(forge: ForgeState, workspace: string, required = true): void {
  const ns = forge.namespaces.get(workspace.toLowerCase());
  if (!ns) throw new Error(`forge: no workspace ${workspace}`);
  workspaceState(ns).requireProject = required;
}

/** Branch restrictions and hooks of a repository, for tests. */
export function bitbucketCloudState(repo: RepoRecord): {
  restrictions: BitbucketRestriction[];
  hooks: BitbucketHook[];
  project: string;
} {
  return repoState(repo);
}

/** Workspace webhooks, for tests. */
export function workspaceHooks(forge: ForgeState, workspace: string): BitbucketHook[] {
  const ns = forge.namespaces.get(workspace.toLowerCase());
  return ns ? workspaceState(ns).hooks : [];
}

/**
 * Operations the fake serves and the adapter calls that test/contract/bitbucket-cloud.openapi.json does not hold yet
 * (scripts/trim-specs.mjs OPERATIONS lacks them; the official description documents all three).
 */
const UNTRIMMED_OPERATIONS: [method: string, template: string, path: RegExp][] = [
  ['put', '/repositories/{workspace}/{repo_slug}/branch-restrictions/{id}', /\/branch-restrictions\/\d+$/],
  ['post', '/workspaces/{workspace}/hooks', /^\/2\.0\/workspaces\/[^/]+\/hooks$/],
  ['put', '/workspaces/{workspace}/hooks/{uid}', /^\/2\.0\/workspaces\/[^/]+\/hooks\/[^/]+$/],
];
/** Query parameters every paginated endpoint takes (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination). */
const PAGINATION_PARAMETERS = ['page', 'pagelen'];

type TrimmedSpec = { paths: Record<string, Record<string, { parameters?: { name?: string }[] } | undefined>> };

/**
 * `forge.violations` minus what the trimmed contract cannot yet describe: "no such operation" for the operations above,
 * and `page`/`pagelen` on paginated operations that the official file documents only in its introduction. Each excuse
 * holds only while the trimmed file lacks the operation or parameter: once scripts/trim-specs.mjs adds it, the
 * violation counts again.
 */
export function contractViolations(violations: string[]): string[] {
  const trimmed = JSON.parse(
    fs.readFileSync(new URL('../../contract/bitbucket-cloud.openapi.json', import.meta.url), 'utf8'),
  ) as TrimmedSpec;
  const missing = UNTRIMMED_OPERATIONS.filter(([method, template]) => !trimmed.paths[template]?.[method]);
  return violations.filter((v) => {
    const unknown = /^bitbucket-cloud (\w+) (\S+): no such operation/.exec(v);
    if (unknown) return !missing.some(([method, , p]) => method === unknown[1].toLowerCase() && p.test(unknown[2]));
    const extra =
      /\[(\w+) (\S+)\]: invalid request: \/query must NOT have additional properties \{"additionalProperty":"(\w+)"\}$/.exec(
        v,
      );
    if (!extra || !PAGINATION_PARAMETERS.includes(extra[3])) return true;
    const declared = trimmed.paths[extra[2]]?.[extra[1].toLowerCase()]?.parameters ?? [];
    return declared.some((parameter) => parameter.name === extra[3]);
  });
}

export function createBitbucketCloudFake(forge: ForgeState): HostFake {
  const api = () => forge.apiUrl;
  const viewer = (ctx: ApiContext): ForgeUser | undefined => (ctx.auth === 'invalid' ? undefined : ctx.auth);
  const link = (href: string) => ({ href });

  const userByUuid = (uuid: string): ForgeUser | undefined =>
    [...forge.users.values()].find((u) => bitbucketUuid(u.id) === uuid);

  const accountObject = (user: ForgeUser) => ({
    type: 'user',
    uuid: bitbucketUuid(user.id),
    account_id: `557058:${bitbucketUuid(user.id).slice(1, -1)}`,
    nickname: user.username,
    display_name: user.username,
    created_on: user.createdAt,
    links: {
      self: link(`${api()}/users/${encodeURIComponent(bitbucketUuid(user.id))}`),
      html: link(`${forge.url}/${encodeURIComponent(bitbucketUuid(user.id))}/`),
      avatar: link(`${forge.url}/avatars/${user.id}`),
    },
  });

  const workspaceObject = (ns: Namespace) => ({
    type: 'workspace',
    uuid: workspaceState(ns).uuid,
    name: ns.name,
    slug: ns.path,
    is_private: ns.visibility !== 'public',
    links: {
      self: link(`${api()}/workspaces/${ns.path}`),
      html: link(`${forge.url}/${ns.path}/`),
      avatar: link(`${forge.url}/workspaces/${ns.path}/avatar`),
    },
  });

  const ownerObject = (ns: Namespace) => ({
    type: 'team',
    uuid: workspaceState(ns).uuid,
    username: ns.path,
    display_name: ns.name,
    links: {
      self: link(`${api()}/workspaces/${ns.path}`),
      html: link(`${forge.url}/${ns.path}/`),
      avatar: link(`${forge.url}/workspaces/${ns.path}/avatar`),
    },
  });

  const projectObject = (ns: Namespace, project: BitbucketProject) => ({
    type: 'project',
    uuid: project.uuid,
    key: project.key,
    name: project.name,
    is_private: project.isPrivate,
    created_on: project.createdOn,
    links: {
      html: link(`${forge.url}/${ns.path}/workspace/projects/${project.key}`),
      avatar: link(`${forge.url}/${ns.path}/workspace/projects/${project.key}/avatar`),
    },
  });

  /** Bitbucket puts the requesting account into the https clone URL (`https://user@bitbucket.org/ws/repo.git`). */
  const cloneHref = (repo: RepoRecord, user: ForgeUser | undefined): string => {
    const url = new URL(`${forge.url}/${repo.fullPath}.git`);
    if (user) url.username = user.username;
    return url.toString();
  };

  const repoObject = (repo: RepoRecord, user: ForgeUser | undefined, withParent = true): Record<string, unknown> => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
    const s = repoState(repo);
    const project = workspaceState(ns).projects.find((p) => p.key === s.project);
    const parent = withParent && repo.forkedFrom ? forge.findRepo(repo.forkedFrom) : undefined;
    const self = `${api()}/repositories/${repo.fullPath}`;
    const host = new URL(forge.url).hostname;
    return {
      type: 'repository',
      uuid: s.uuid,
      full_name: repo.fullPath,
      name: s.displayName,
      slug: repo.name,
      description: repo.description,
      scm: 'git',
      is_private: repo.visibility !== 'public',
      owner: ownerObject(ns),
      workspace: workspaceObject(ns),
      ...(project ? { project: projectObject(ns, project) } : {}),
      // An empty repository has no main branch yet.
      ...(forge.isEmpty(repo) ? {} : { mainbranch: { type: 'branch', name: repo.defaultBranch } }),
      ...(parent ? { parent: repoObject(parent, user, false) } : {}),
      created_on: repo.createdAt,
      updated_on: repo.updatedAt,
      size: 0,
      language: '',
      has_issues: false,
      has_wiki: false,
      fork_policy: 'allow_forks',
      links: {
        self: link(self),
        html: link(`${forge.url}/${repo.fullPath}`),
        avatar: link(`${forge.url}/${repo.fullPath}/avatar`),
        pullrequests: link(`${self}/pullrequests`),
        commits: link(`${self}/commits`),
        forks: link(`${self}/forks`),
        watchers: link(`${self}/watchers`),
        downloads: link(`${self}/downloads`),
        hooks: link(`${self}/hooks`),
        clone: [
          { name: 'https', href: cloneHref(repo, user) },
          { name: 'ssh', href: forge.sshUrlOf(repo) ?? `ssh://git@${host}/${repo.fullPath}.git` },
        ],
      },
    };
  };

  const restrictionObject = (repo: RepoRecord, r: BitbucketRestriction) => ({
    type: 'branchrestriction',
    id: r.id,
    kind: r.kind,
    branch_match_kind: r.branch_match_kind,
    pattern: r.pattern,
    ...(r.branch_type ? { branch_type: r.branch_type } : {}),
    ...(r.value !== undefined ? { value: r.value } : {}),
    users: r.users.map((name) => forge.users.get(name.toLowerCase())).flatMap((u) => (u ? [accountObject(u)] : [])),
    groups: [],
    links: { self: link(`${api()}/repositories/${repo.fullPath}/branch-restrictions/${r.id}`) },
  });

  const hookObject = (hook: BitbucketHook, subject: Record<string, unknown>, subjectType: string) => ({
    type: 'webhook_subscription',
    uuid: hook.uuid,
    url: hook.url,
    description: hook.description,
    subject_type: subjectType,
    subject,
    active: hook.active,
    created_at: hook.createdAt,
    events: hook.events,
    secret_set: Boolean(hook.secret),
  });

  /**
   * Page-numbered pagination (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination): `pagelen`
   * (default 10, at most 100, and here at most forge.pageSize), `page` from 1; `next`/`previous` are full URLs.
   */
  const paginate = (ctx: ApiContext, items: unknown[]): ApiResponse => {
    const q = ctx.req.query;
    const asked = Number.parseInt(q.pagelen ?? '', 10);
    if (q.pagelen !== undefined && !(asked > 0)) return error(400, `Invalid pagelen: ${q.pagelen}`);
    const pagelen = Math.min(asked > 0 ? asked : DEFAULT_PAGELEN, MAX_PAGELEN, forge.pageSize);
    const pageAsked = Number.parseInt(q.page ?? '1', 10);
    if (!(pageAsked > 0)) return error(400, `Invalid page: ${q.page}`);
    const pages = Math.max(1, Math.ceil(items.length / pagelen));
    if (pageAsked > pages) return error(404, 'Invalid page');
    const url = (page: number): string => {
      const params = new URLSearchParams({ ...q, page: String(page) });
      return `${forge.url}${ctx.req.path}?${params.toString()}`;
    };
    return {
      status: 200,
      body: {
        pagelen,
        size: items.length,
        page: pageAsked,
        values: items.slice((pageAsked - 1) * pagelen, pageAsked * pagelen),
        ...(pageAsked < pages ? { next: url(pageAsked + 1) } : {}),
        ...(pageAsked > 1 ? { previous: url(pageAsked - 1) } : {}),
      },
    };
  };

  const findWorkspace = (slug: string): Namespace | undefined => {
    const ns = forge.namespaces.get(slug.toLowerCase());
    return ns && ns.kind === 'org' && !ns.parent ? ns : undefined;
  };
  const noRepo = (p: Params): ApiResponse => error(404, `Repository ${p.workspace}/${p.repo_slug} not found`);
  const readableRepo = (ctx: ApiContext, p: Params): RepoRecord | undefined => {
    const repo = forge.findRepo(`${p.workspace}/${p.repo_slug}`);
    return repo && forge.canRead(viewer(ctx), repo) ? repo : undefined;
  };
  /** Repository admin (branch restrictions, webhooks, settings); anonymous callers get 401 first. */
  const adminRepo = (ctx: ApiContext, p: Params): RepoRecord | ApiResponse => {
    const repo = readableRepo(ctx, p);
    if (!repo) return viewer(ctx) ? noRepo(p) : error(401, 'Authentication required');
    if (forge.accessLevel(viewer(ctx), repo) < ACCESS.admin)
      return error(403, 'Your credentials lack one or more required privilege scopes.', 'admin access required');
    return repo;
  };
  const body = (ctx: ApiContext): Record<string, unknown> =>
    ctx.req.body && typeof ctx.req.body === 'object' ? (ctx.req.body as Record<string, unknown>) : {};

  /** `users` of a restriction request: accounts by uuid, account_id or nickname; unknown accounts are a 400. */
  const restrictionUsers = (value: unknown): string[] | ApiResponse => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return error(400, 'users: expected a list');
    const names: string[] = [];
    for (const entry of value as Record<string, unknown>[]) {
      const user =
        (typeof entry?.uuid === 'string' && userByUuid(entry.uuid)) ||
        (typeof entry?.username === 'string' && forge.users.get(entry.username.toLowerCase())) ||
        [...forge.users.values()].find((u) => accountObject(u).account_id === entry?.account_id);
      if (!user) return error(400, `users: no such account ${JSON.stringify(entry)}`);
      names.push(user.username);
    }
    return names;
  };

  const applyRestriction = (
    repo: RepoRecord,
    target: Partial<BitbucketRestriction>,
    input: Record<string, unknown>,
  ): BitbucketRestriction | ApiResponse => {
    const kind = input.kind ?? target.kind;
    if (typeof kind !== 'string' || !RESTRICTION_KINDS.includes(kind)) return error(400, `kind: invalid ${kind}`);
    const matchKind = input.branch_match_kind ?? target.branch_match_kind ?? 'glob';
    if (matchKind !== 'glob' && matchKind !== 'branching_model')
      return error(400, `branch_match_kind: invalid ${String(matchKind)}`);
    const pattern = matchKind === 'glob' ? (input.pattern ?? target.pattern) : '';
    if (matchKind === 'glob' && (typeof pattern !== 'string' || !pattern)) return error(400, 'pattern: required');
    if (kind === 'push' || kind === 'restrict_merges') {
      // "push and restrict_merges require users and groups to be specified" (on creation).
      if (target.id === undefined && (!Array.isArray(input.users) || !Array.isArray(input.groups)))
        return error(400, `${kind} restrictions require users and groups`);
    }
    const users = input.users === undefined ? (target.users ?? []) : restrictionUsers(input.users);
    if (!Array.isArray(users)) return users;
    const duplicate = repoState(repo).restrictions.find(
      (r) =>
        r.id !== target.id &&
        r.kind === kind &&
        r.branch_match_kind === matchKind &&
        (matchKind === 'glob' ? r.pattern === pattern : r.branch_type === (input.branch_type ?? target.branch_type)),
    );
    if (duplicate) return error(409, `A restriction of kind ${kind} for ${String(pattern)} already exists`);
    return {
      id: target.id ?? forge.nextId(),
      kind,
      branch_match_kind: matchKind,
      pattern: pattern as string,
      branch_type:
        matchKind === 'branching_model' ? String(input.branch_type ?? target.branch_type ?? 'production') : undefined,
      value: typeof input.value === 'number' ? input.value : target.value,
      // users and groups "can only be configured in push and restrict_merges restrictions".
      users: EXEMPTABLE_KINDS.includes(kind) ? users : [],
    };
  };

  const newHook = (input: Record<string, unknown>): BitbucketHook | ApiResponse => {
    const checked = checkHook(input, true);
    if (checked) return checked;
    return {
      uuid: bitbucketUuid(forge.nextId()),
      url: input.url as string,
      description: typeof input.description === 'string' ? input.description : '',
      active: input.active !== false,
      events: input.events as string[],
      secret: typeof input.secret === 'string' && input.secret ? input.secret : undefined,
      createdAt: forge.now(),
    };
  };
  const checkHook = (input: Record<string, unknown>, creating: boolean): ApiResponse | undefined => {
    if ((creating || input.url !== undefined) && (typeof input.url !== 'string' || !/^https?:\/\//.test(input.url)))
      return error(400, 'url: a valid http(s) URL is required');
    if (creating || input.events !== undefined) {
      const events = input.events;
      if (!Array.isArray(events) || !events.length || events.some((e) => !HOOK_EVENTS.has(String(e))))
        return error(400, 'events: a non-empty list of known events is required');
    }
    return undefined;
  };
  const updateHook = (hook: BitbucketHook, input: Record<string, unknown>): ApiResponse | undefined => {
    const checked = checkHook(input, false);
    if (checked) return checked;
    if (typeof input.url === 'string') hook.url = input.url;
    if (typeof input.description === 'string') hook.description = input.description;
    if (typeof input.active === 'boolean') hook.active = input.active;
    if (Array.isArray(input.events)) hook.events = input.events as string[];
    // "Leaving out the secret field during updates will leave the secret unchanged"; null or "" removes it.
    if ('secret' in input) hook.secret = typeof input.secret === 'string' && input.secret ? input.secret : undefined;
    return undefined;
  };

  const sortRepos = (repos: RepoRecord[], sort: string | undefined): RepoRecord[] | undefined => {
    const field = (sort ?? 'created_on').replace(/^-/, '');
    const keyOf: Record<string, (r: RepoRecord) => string | number> = {
      created_on: (r) => r.id,
      updated_on: (r) => r.updatedAt,
      name: (r) => repoState(r).displayName.toLowerCase(),
      slug: (r) => r.name,
      full_name: (r) => r.fullPath.toLowerCase(),
    };
    const key = keyOf[field];
    if (!key) return undefined;
    const sorted = [...repos].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
    return sort?.startsWith('-') ? sorted.reverse() : sorted;
  };

  const ROLE_LEVEL: Record<string, number> = {
    member: ACCESS.read,
    contributor: ACCESS.write,
    admin: ACCESS.admin,
    owner: ACCESS.owner,
  };

  const router = new Router()
    .on('GET', '/user', (ctx) => {
      const user = viewer(ctx);
      return user ? { status: 200, body: accountObject(user) } : error(401, 'Authentication required');
    })
    .on('GET', '/workspaces/:workspace', (ctx, p) => {
      const ns = findWorkspace(p.workspace);
      if (!ns || forge.accessLevel(viewer(ctx), ns) < ACCESS.read) return error(404, `No workspace ${p.workspace}`);
      return { status: 200, body: workspaceObject(ns) };
    })
    .on('GET', '/repositories/:workspace', (ctx, p) => {
      const ns = findWorkspace(p.workspace);
      if (!ns) return error(404, `No workspace ${p.workspace}`);
      if (ctx.req.query.q !== undefined) return error(400, 'The fake does not implement BBQL queries (q).');
      const user = viewer(ctx);
      let repos = [...forge.repos.values()].filter(
        (r) => r.owner.toLowerCase() === ns.path.toLowerCase() && forge.canRead(user, r),
      );
      const role = ctx.req.query.role;
      if (role !== undefined) {
        if (!user) return error(401, 'role requires authentication');
        repos = repos.filter((r) => forge.accessLevel(user, r) >= (ROLE_LEVEL[role] ?? Infinity));
      }
      const sorted = sortRepos(repos, ctx.req.query.sort);
      if (!sorted) return error(400, `Invalid sort field: ${ctx.req.query.sort}`);
      return paginate(
        ctx,
        sorted.map((r) => repoObject(r, user)),
      );
    })
    .on('GET', '/repositories/:workspace/:repo_slug', (ctx, p) => {
      const repo = readableRepo(ctx, p);
      return repo ? { status: 200, body: repoObject(repo, viewer(ctx)) } : noRepo(p);
    })
    .on('POST', '/repositories/:workspace/:repo_slug', (ctx, p) => {
      const user = viewer(ctx);
      if (!user) return error(401, 'Authentication required');
      const ns = findWorkspace(p.workspace);
      if (!ns || forge.accessLevel(user, ns) < ACCESS.write)
        return error(400, `You do not have permission to create repositories in ${p.workspace}`);
      const input = body(ctx);
      const slug = p.repo_slug;
      if (!/^[a-z0-9._-]+$/.test(slug)) return error(400, `Invalid slug: ${slug}`);
      if (forge.findRepo(`${ns.path}/${slug}`))
        return error(400, 'Repository with this Slug and Owner already exists.');
      if (input.scm !== undefined && input.scm !== 'git') return error(400, 'scm: only git is supported');
      const projects = workspaceState(ns).projects;
      const key = (input.project as Record<string, unknown> | undefined)?.key;
      let project: BitbucketProject | undefined;
      if (typeof key === 'string') {
        project = projects.find((pr) => pr.key === key || pr.uuid === key);
        if (!project) return error(400, `Project ${key} not found in workspace ${ns.path}`);
      } else if (workspaceState(ns).requireProject || !projects.length) {
        return error(400, 'A project is required: pass project.key', 'project: This field is required.');
      } else {
        // "If the project is not provided, the repository is automatically assigned to the oldest project".
        project = projects[0];
      }
      const repo = forge.createRepo(ns.path, slug, {
        visibility: input.is_private === false ? 'public' : 'private',
        description: typeof input.description === 'string' ? input.description : '',
      });
      const s = repoState(repo);
      s.project = project.key;
      if (typeof input.name === 'string' && input.name) s.displayName = input.name;
      return { status: 200, body: repoObject(repo, user) };
    })
    .on('PUT', '/repositories/:workspace/:repo_slug', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const input = body(ctx);
      const main = input.mainbranch as Record<string, unknown> | undefined;
      if (main !== undefined) {
        if (typeof main?.name !== 'string' || !forge.hasBranch(repo, main.name))
          return error(400, `mainbranch: branch ${String(main?.name)} does not exist`);
        forge.setHead(repo, main.name);
      }
      if (typeof input.description === 'string') repo.description = input.description;
      if (typeof input.is_private === 'boolean') repo.visibility = input.is_private ? 'private' : 'public';
      if (typeof input.name === 'string' && input.name) repoState(repo).displayName = input.name;
      repo.updatedAt = forge.now();
      return { status: 200, body: repoObject(repo, viewer(ctx)) };
    })
    .on('GET', '/repositories/:workspace/:repo_slug/branch-restrictions', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const { kind, pattern } = ctx.req.query;
      return paginate(
        ctx,
        repoState(repo)
          .restrictions.filter((r) => (!kind || r.kind === kind) && (!pattern || r.pattern === pattern))
          .map((r) => restrictionObject(repo, r)),
      );
    })
    .on('POST', '/repositories/:workspace/:repo_slug/branch-restrictions', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const restriction = applyRestriction(repo, {}, body(ctx));
      if ('status' in restriction) return restriction;
      repoState(repo).restrictions.push(restriction);
      forge.protectionChanged(repo);
      return { status: 201, body: restrictionObject(repo, restriction) };
    })
    .on('GET', '/repositories/:workspace/:repo_slug/branch-restrictions/:id', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const found = repoState(repo).restrictions.find((r) => String(r.id) === p.id);
      return found ? { status: 200, body: restrictionObject(repo, found) } : error(404, 'No such restriction');
    })
    .on('PUT', '/repositories/:workspace/:repo_slug/branch-restrictions/:id', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const list = repoState(repo).restrictions;
      const index = list.findIndex((r) => String(r.id) === p.id);
      if (index < 0) return error(404, 'No such restriction');
      // "Fields not present in the request body are ignored."
      const updated = applyRestriction(repo, list[index], body(ctx));
      if ('status' in updated) return updated;
      list[index] = updated;
      forge.protectionChanged(repo);
      return { status: 200, body: restrictionObject(repo, updated) };
    })
    .on('DELETE', '/repositories/:workspace/:repo_slug/branch-restrictions/:id', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const list = repoState(repo).restrictions;
      const index = list.findIndex((r) => String(r.id) === p.id);
      if (index < 0) return error(404, 'No such restriction');
      list.splice(index, 1);
      forge.protectionChanged(repo);
      return { status: 204 };
    })
    .on('GET', '/repositories/:workspace/:repo_slug/hooks', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const subject = repoObject(repo, viewer(ctx), false);
      return paginate(
        ctx,
        repoState(repo).hooks.map((h) => hookObject(h, subject, 'repository')),
      );
    })
    .on('POST', '/repositories/:workspace/:repo_slug/hooks', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const hook = newHook(body(ctx));
      if ('status' in hook) return hook;
      repoState(repo).hooks.push(hook);
      const answer = hookObject(hook, repoObject(repo, viewer(ctx), false), 'repository');
      return { status: 201, body: answer, headers: { location: `${api()}/repositories/${repo.fullPath}/hooks` } };
    })
    .on('GET', '/repositories/:workspace/:repo_slug/hooks/:uid', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const hook = repoState(repo).hooks.find((h) => h.uuid === p.uid);
      if (!hook) return error(404, 'No such webhook');
      return { status: 200, body: hookObject(hook, repoObject(repo, viewer(ctx), false), 'repository') };
    })
    .on('PUT', '/repositories/:workspace/:repo_slug/hooks/:uid', (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const hook = repoState(repo).hooks.find((h) => h.uuid === p.uid);
      if (!hook) return error(404, 'No such webhook');
      const failed = updateHook(hook, body(ctx));
      if (failed) return failed;
      return { status: 200, body: hookObject(hook, repoObject(repo, viewer(ctx), false), 'repository') };
    });

  /** Workspace webhooks need a workspace admin (owner role here). */
  const adminWorkspace = (ctx: ApiContext, p: Params): Namespace | ApiResponse => {
    const user = viewer(ctx);
    if (!user) return error(401, 'Authentication required');
    const ns = findWorkspace(p.workspace);
    if (!ns || forge.accessLevel(user, ns) < ACCESS.read) return error(404, `No workspace ${p.workspace}`);
    if (forge.accessLevel(user, ns) < ACCESS.owner) return error(403, 'You must be a workspace admin.');
    return ns;
  };
  router
    .on('GET', '/workspaces/:workspace/hooks', (ctx, p) => {
      const ns = adminWorkspace(ctx, p);
      if ('status' in ns) return ns;
      return paginate(
        ctx,
        workspaceState(ns).hooks.map((h) => hookObject(h, workspaceObject(ns), 'workspace')),
      );
    })
    .on('POST', '/workspaces/:workspace/hooks', (ctx, p) => {
      const ns = adminWorkspace(ctx, p);
      if ('status' in ns) return ns;
      const hook = newHook(body(ctx));
      if ('status' in hook) return hook;
      workspaceState(ns).hooks.push(hook);
      return { status: 201, body: hookObject(hook, workspaceObject(ns), 'workspace') };
    })
    .on('PUT', '/workspaces/:workspace/hooks/:uid', (ctx, p) => {
      const ns = adminWorkspace(ctx, p);
      if ('status' in ns) return ns;
      const hook = workspaceState(ns).hooks.find((h) => h.uuid === p.uid);
      if (!hook) return error(404, 'No such webhook');
      const failed = updateHook(hook, body(ctx));
      if (failed) return failed;
      return { status: 200, body: hookObject(hook, workspaceObject(ns), 'workspace') };
    });

  const anyone: Permission = { level: ACCESS.none };
  const nobody: Permission = { level: null };
  const protectionRules = (repo: RepoRecord): ProtectionRule[] =>
    repoState(repo)
      .restrictions.filter((r) => r.branch_match_kind === 'glob' && ['push', 'force', 'delete'].includes(r.kind))
      .map((r): ProtectionRule => {
        // Bitbucket's `*` "will expand to match zero or more characters", `/` included.
        const ref = `refs/heads/${r.pattern.replace(/\*+/g, '**')}`;
        const pushers: Permission = { level: null, users: r.users };
        const push = r.kind === 'push';
        return {
          ref,
          create: push ? pushers : anyone,
          update: push ? pushers : anyone,
          force: push ? pushers : r.kind === 'force' ? nobody : anyone,
          delete: push ? pushers : r.kind === 'delete' ? nobody : anyone,
          messages: {
            create: 'You are not allowed to push to branch {ref} (branch restriction: write access).',
            update: 'You are not allowed to push to branch {ref} (branch restriction: write access).',
            force: push
              ? 'You are not allowed to push to branch {ref} (branch restriction: write access).'
              : 'You are not allowed to rewrite the history of branch {ref} (branch restriction).',
            delete: push
              ? 'You are not allowed to push to branch {ref} (branch restriction: write access).'
              : 'You are not allowed to delete branch {ref} (branch restriction).',
          },
        };
      });

  // Refs outside branches and tags: nothing in Bitbucket Cloud's documentation says its git server takes or keeps them
  // (the mirror keeps replaced tips as tags there), so the fake refuses them to everyone, as a host-level rule.
  const onlyBranchesAndTags: ProtectionRule = {
    ref: 'refs/**',
    exclude: ['refs/heads/**', 'refs/tags/**'],
    create: nobody,
    update: nobody,
    force: nobody,
    delete: nobody,
    messages: {
      create: 'You can only push branches and tags to this repository ({ref} refused).',
      update: 'You can only push branches and tags to this repository ({ref} refused).',
      force: 'You can only push branches and tags to this repository ({ref} refused).',
      delete: 'You can only push branches and tags to this repository ({ref} refused).',
    },
  };

  return {
    type: 'bitbucket-cloud',
    apiPrefix: '/2.0',
    gitRealm: 'Bitbucket.org HTTP',
    // Bitbucket Cloud does not expose pull-request refs over git.
    hiddenRefs: [],
    authenticateApi(headers: IncomingHttpHeaders) {
      const header = headers.authorization;
      if (!header) return undefined;
      const bearer = /^bearer\s+(\S+)$/i.exec(header);
      if (bearer) return forge.userByToken(bearer[1]) ?? 'invalid';
      const basic = /^basic\s+(\S+)$/i.exec(header);
      if (!basic) return 'invalid';
      const decoded = Buffer.from(basic[1], 'base64').toString();
      const colon = decoded.indexOf(':');
      if (colon < 0) return 'invalid';
      // Basic is username + app password only: an access token sent as `x-token-auth:<token>` is not accepted here.
      const user = forge.userByToken(decoded.slice(colon + 1));
      return user && user.username.toLowerCase() === decoded.slice(0, colon).toLowerCase() ? user : 'invalid';
    },
    handleApi(ctx) {
      if (ctx.auth === 'invalid') return error(401, 'Token is invalid, expired, or not supported for this endpoint.');
      const found = router.match(ctx.req.method, ctx.req.subPath);
      return found ? found.handler(ctx, found.params) : error(404, `Resource not found: ${ctx.req.subPath}`);
    },
    gitRepo(urlPath) {
      const match = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(urlPath);
      if (!match) return undefined;
      const repo = forge.findRepo(`${match[1]}/${match[2]}`);
      return repo ? { repo, rest: match[3] } : undefined;
    },
    pushDeniedMessage(repo) {
      return `You do not have write access to ${repo.fullPath}.`;
    },
    protectionRules: (repo) => [...protectionRules(repo), onlyBranchesAndTags],
    onPush(repo, updates) {
      // The first branch pushed to a repository without its main branch becomes the main branch.
      if (forge.hasBranch(repo, repo.defaultBranch)) return;
      const first = updates.find((u) => u.ref.startsWith('refs/heads/') && !/^0+$/.test(u.newSha));
      if (first) forge.setHead(repo, first.ref.slice('refs/heads/'.length));
    },
    newRepo(repo) {
      const ns = forge.namespaces.get(repo.owner.toLowerCase());
      const projects = ns ? workspaceState(ns).projects : [];
      // Every repository belongs to a project; repos made by tests directly go to the oldest (or a default) project.
      const project = projects[0] ?? (ns ? addProject(forge, ns.path, 'PROJ', 'Default project') : undefined);
      const s: RepoState = {
        uuid: bitbucketUuid(repo.id),
        displayName: repo.name,
        project: project?.key ?? 'PROJ',
        restrictions: [],
        hooks: [],
      };
      Object.assign(repo.host, s);
      // The host-level rule holds from the start, before any branch restriction.
      forge.protectionChanged(repo);
    },
    cloneUrl: (repo) => `${forge.url}/${repo.fullPath}.git`,
    webUrl: (repo) => `${forge.url}/${repo.fullPath}`,
  };
}
