/**
 * Fake Gitea (1.23+; Forgejo answers the same calls): API under `/api/v1`, git at `/<owner>/<repo>.git` and wikis at
 * `/<owner>/<repo>.wiki.git`. Docs: https://docs.gitea.com/development/api-usage (official description:
 * test/contract/gitea.openapi.json); protected branches https://docs.gitea.com/usage/access-control/protected-branches,
 * protected tags https://docs.gitea.com/usage/access-control/protected-tags.
 *
 * Model: forge namespaces are organizations or users; roles map onto access levels (write = team with write access,
 * owner/admin = organization owner, who administers every repository). As on Gitea:
 * - the API takes `Authorization: token <t>` (or `Bearer <t>`, or Basic with the token as password) and answers 401
 *   for an unknown token; git takes Basic auth with the token as password, whatever the user name;
 * - lists are paged with `page`/`limit` and carry `X-Total-Count` and a `Link` header;
 * - a branch rule matches branch names with `/` as separator (`*` misses `a/b`, `**` does not); a protected branch
 *   cannot be deleted by anyone; push and force-push allow-lists name users; tag protection patterns match the whole
 *   tag name (`*` covers `a/b`) and only allow-listed users may create, move or delete a protected tag;
 * - the first push into an empty repository makes a pushed branch the default when the default does not exist;
 * - a webhook's secret is never shown, and editing a hook does not change it.
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
import { linkHeader, pageUrl, Router, type Params } from './common.js';

type Json = Record<string, unknown>;

export interface GiteaBranchRule {
  rule_name: string;
  enable_push: boolean;
  enable_push_whitelist: boolean;
  push_whitelist_usernames: string[];
  enable_force_push: boolean;
  enable_force_push_allowlist: boolean;
  force_push_allowlist_usernames: string[];
  enable_merge_whitelist: boolean;
  merge_whitelist_usernames: string[];
  require_signed_commits: boolean;
  protected_file_patterns: string;
  priority: number;
  created_at: string;
  updated_at: string;
}

export interface GiteaTagRule {
  id: number;
  name_pattern: string;
  whitelist_usernames: string[];
  whitelist_teams: string[];
  created_at: string;
  updated_at: string;
}

export interface GiteaHook {
  id: number;
  type: string;
  url: string;
  contentType: string;
  /** Kept for the tests; never answered. */
  secret: string;
  events: string[];
  active: boolean;
  branchFilter: string;
  createdAt: string;
  updatedAt: string;
}

export interface GiteaRepoState {
  branchRules: GiteaBranchRule[];
  tagRules: GiteaTagRule[];
  hooks: GiteaHook[];
}

const repoState = (repo: RepoRecord): GiteaRepoState => repo.host as unknown as GiteaRepoState;

/** Organization webhooks of a namespace. */
export function giteaOrgHooks(ns: Namespace): GiteaHook[] {
  ns.host.giteaHooks ??= [];
  return ns.host.giteaHooks as GiteaHook[];
}

/** The webhooks of a repository (for tests). */
export function giteaRepoHooks(repo: RepoRecord): GiteaHook[] {
  return repoState(repo).hooks;
}

const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const RESERVED = /\.(git|wiki|rss|atom)$/i;

function message(status: number, text: string): ApiResponse {
  return { status, body: { message: text, url: 'https://docs.gitea.com/api' } };
}
const notFound = (): ApiResponse => message(404, "The target couldn't be found.");
const forbidden = (text = 'You do not have permission to perform this action.'): ApiResponse => message(403, text);

/** Gitea's branch-rule glob (gobwas/glob with '/' as separator) as a hook glob on the full ref. */
function branchGlob(rule: string): string {
  return `refs/heads/${rule}`;
}

/** Tag patterns have no separator: each `*` crosses `/`. */
function tagGlob(pattern: string): string {
  return `refs/tags/${pattern.replace(/\*+/g, '**')}`;
}

export function createGiteaFake(forge: ForgeState): HostFake {
  const user = (ctx: ApiContext): ForgeUser | undefined => (ctx.auth === 'invalid' ? undefined : ctx.auth);
  const body = (ctx: ApiContext): Json =>
    ctx.req.body && typeof ctx.req.body === 'object' && !Array.isArray(ctx.req.body) ? (ctx.req.body as Json) : {};
  const ssh = (repo: RepoRecord): string =>
    forge.sshUrlOf(repo) ?? `git@${new URL(forge.url).hostname}:${repo.fullPath}.git`;
  const cloneUrl = (repo: RepoRecord): string => `${forge.url}/${repo.fullPath}.git`;
  const webUrl = (repo: RepoRecord): string => `${forge.url}/${repo.fullPath}`;

  const userJson = (u: ForgeUser): Json => ({
    id: u.id,
    login: u.username,
    login_name: '',
    username: u.username,
    full_name: u.username,
    email: `${u.username.toLowerCase()}@forge.test`,
    avatar_url: `${forge.url}/avatars/${u.id}`,
    html_url: `${forge.url}/${u.username}`,
    language: 'en-US',
    is_admin: u.admin,
    last_login: u.createdAt,
    created: u.createdAt,
    restricted: false,
    active: true,
    prohibit_login: false,
    location: '',
    website: '',
    description: '',
    visibility: 'public',
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
  });

  const ownerJson = (ns: Namespace): Json => ({
    id: ns.id,
    login: ns.path,
    username: ns.path,
    full_name: ns.name,
    avatar_url: `${forge.url}/avatars/${ns.id}`,
    html_url: `${forge.url}/${ns.path}`,
    visibility: ns.visibility === 'internal' ? 'limited' : ns.visibility,
    created: ns.createdAt,
  });

  const repoJson = (repo: RepoRecord, viewer: ForgeUser | undefined): Json => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
    const level = forge.accessLevel(viewer, repo);
    return {
      id: repo.id,
      owner: ownerJson(ns),
      name: repo.name,
      full_name: repo.fullPath,
      description: repo.description,
      empty: forge.isEmpty(repo),
      private: repo.visibility === 'private',
      internal: repo.visibility === 'internal',
      fork: repo.fork,
      template: false,
      mirror: false,
      size: 0,
      html_url: webUrl(repo),
      url: `${forge.apiUrl}/repos/${repo.fullPath}`,
      link: '',
      ssh_url: ssh(repo),
      clone_url: cloneUrl(repo),
      original_url: '',
      website: '',
      stars_count: 0,
      forks_count: 0,
      watchers_count: 0,
      open_issues_count: 0,
      default_branch: repo.defaultBranch,
      archived: repo.archived,
      created_at: repo.createdAt,
      updated_at: repo.updatedAt,
      archived_at: repo.archived ? repo.updatedAt : '1970-01-01T00:00:00Z',
      permissions: { admin: level >= ACCESS.admin, push: level >= ACCESS.write, pull: forge.canRead(viewer, repo) },
      has_code: true,
      has_issues: true,
      has_wiki: repo.hasWiki,
      has_pull_requests: true,
      has_projects: false,
      has_releases: true,
      has_packages: false,
      has_actions: false,
      object_format_name: 'sha1',
    };
  };

  /** `page` (1-based) and `limit`, capped at the forge's page size; `X-Total-Count` and `Link` as Gitea sends them. */
  const paged = (ctx: ApiContext, items: unknown[]): ApiResponse => {
    const q = ctx.req.query;
    const requested = Number.parseInt(q.limit ?? '', 10);
    const limit = Math.max(1, Math.min(Number.isFinite(requested) && requested > 0 ? requested : 30, forge.pageSize));
    const pageRequested = Number.parseInt(q.page ?? '', 10);
    const page = Number.isFinite(pageRequested) && pageRequested > 0 ? pageRequested : 1;
    const last = Math.max(1, Math.ceil(items.length / limit));
    const base = `${forge.url}${ctx.req.path}`;
    const at = (n: number) => pageUrl(base, q, { page: String(n), limit: String(limit) });
    const headers: Record<string, string> = { 'x-total-count': String(items.length) };
    const link = linkHeader({
      next: page < last ? at(page + 1) : undefined,
      last: page < last ? at(last) : undefined,
      first: page > 1 ? at(1) : undefined,
      prev: page > 1 ? at(page - 1) : undefined,
    });
    if (link) headers.link = link;
    return { status: 200, body: items.slice((page - 1) * limit, page * limit), headers };
  };

  const reposOf = (ns: Namespace, viewer: ForgeUser | undefined): RepoRecord[] =>
    [...forge.repos.values()]
      .filter((r) => r.owner.toLowerCase() === ns.path.toLowerCase() && forge.canRead(viewer, r))
      .sort((a, b) => a.id - b.id);

  /** The repository of `:owner/:repo` the caller may see, or the answer to give instead. */
  const findRepo = (ctx: ApiContext, p: Params, level: number = ACCESS.read): RepoRecord | ApiResponse => {
    const repo = forge.findRepo(`${p.owner}/${p.repo}`);
    const viewer = user(ctx);
    if (!repo || !forge.canRead(viewer, repo)) return notFound();
    if (forge.accessLevel(viewer, repo) < level) return forbidden();
    return repo;
  };
  const isAnswer = (x: RepoRecord | ApiResponse): x is ApiResponse => 'status' in x && !('fullPath' in x);

  const ruleJson = (rule: GiteaBranchRule): Json => ({
    ...rule,
    branch_name: rule.rule_name,
    push_whitelist_teams: [],
    push_whitelist_deploy_keys: false,
    force_push_allowlist_teams: [],
    force_push_allowlist_deploy_keys: false,
    merge_whitelist_teams: [],
    enable_status_check: false,
    status_check_contexts: [],
    required_approvals: 0,
    enable_approvals_whitelist: false,
    approvals_whitelist_username: [],
    approvals_whitelist_teams: [],
    block_on_rejected_reviews: false,
    block_on_official_review_requests: false,
    block_on_outdated_branch: false,
    dismiss_stale_approvals: false,
    ignore_stale_approvals: false,
    unprotected_file_patterns: '',
    block_admin_merge_override: false,
  });

  const knownUsers = (names: unknown): string[] | ApiResponse => {
    const list = Array.isArray(names) ? names.map(String) : [];
    for (const name of list) {
      if (!forge.users.has(name.toLowerCase())) return message(422, `user '${name}' does not exist`);
    }
    return list;
  };

  const applyRule = (rule: GiteaBranchRule, b: Json): ApiResponse | undefined => {
    for (const key of [
      'enable_push',
      'enable_push_whitelist',
      'enable_force_push',
      'enable_force_push_allowlist',
      'enable_merge_whitelist',
      'require_signed_commits',
    ] as const) {
      if (typeof b[key] === 'boolean') rule[key] = b[key];
    }
    if (typeof b.protected_file_patterns === 'string') rule.protected_file_patterns = b.protected_file_patterns;
    if (typeof b.priority === 'number') rule.priority = b.priority;
    for (const key of [
      'push_whitelist_usernames',
      'force_push_allowlist_usernames',
      'merge_whitelist_usernames',
    ] as const) {
      if (b[key] === undefined) continue;
      const names = knownUsers(b[key]);
      if (!Array.isArray(names)) return names;
      rule[key] = names;
    }
    rule.updated_at = forge.now();
    return undefined;
  };

  const hookJson = (hook: GiteaHook): Json => ({
    id: hook.id,
    type: hook.type,
    branch_filter: hook.branchFilter,
    config: { url: hook.url, content_type: hook.contentType },
    events: hook.events,
    authorization_header: '',
    active: hook.active,
    updated_at: hook.updatedAt,
    created_at: hook.createdAt,
  });

  const newHook = (b: Json): GiteaHook | ApiResponse => {
    const config = (b.config ?? {}) as Record<string, unknown>;
    if (typeof config.url !== 'string' || typeof config.content_type !== 'string') {
      return message(422, 'Invalid content type or URL: config.url and config.content_type are required');
    }
    const now = forge.now();
    return {
      id: forge.nextId(),
      type: String(b.type),
      url: config.url,
      contentType: config.content_type,
      secret: typeof config.secret === 'string' ? config.secret : '',
      events: Array.isArray(b.events) ? b.events.map(String) : ['push'],
      active: b.active === true,
      branchFilter: typeof b.branch_filter === 'string' ? b.branch_filter : '*',
      createdAt: now,
      updatedAt: now,
    };
  };

  /** The organization `:org` whose hooks the caller (an owner) may manage. */
  const orgForHooks = (ctx: ApiContext, p: Params): Namespace | ApiResponse => {
    const ns = forge.namespaces.get(p.org.toLowerCase());
    if (!ns || ns.kind !== 'org') return notFound();
    if (!user(ctx)) return message(401, 'token is required');
    if (forge.accessLevel(user(ctx), ns) < ACCESS.owner) return forbidden('Must be an organization owner');
    return ns;
  };

  const router = new Router()
    .on('GET', '/user', (ctx) =>
      user(ctx) ? { status: 200, body: userJson(user(ctx)!) } : message(401, 'token is required'),
    )
    .on('GET', '/orgs/:org/repos', (ctx, p) => {
      const ns = forge.namespaces.get(p.org.toLowerCase());
      if (!ns || ns.kind !== 'org') return notFound();
      return paged(
        ctx,
        reposOf(ns, user(ctx)).map((r) => repoJson(r, user(ctx))),
      );
    })
    // Organizations are users too on Gitea: `/users/{org}/repos` lists an organization's repositories as well.
    .on('GET', '/users/:username/repos', (ctx, p) => {
      const ns = forge.namespaces.get(p.username.toLowerCase());
      if (!ns) return notFound();
      return paged(
        ctx,
        reposOf(ns, user(ctx)).map((r) => repoJson(r, user(ctx))),
      );
    })
    .on('POST', '/orgs/:org/repos', (ctx, p) => {
      const ns = forge.namespaces.get(p.org.toLowerCase());
      if (!ns || ns.kind !== 'org') return notFound();
      if (!user(ctx)) return message(401, 'token is required');
      if (forge.accessLevel(user(ctx), ns) < ACCESS.owner)
        return forbidden('Given user is not allowed to create repository in organization.');
      const b = body(ctx);
      const name = String(b.name ?? '');
      if (!NAME.test(name) || name === '.' || name === '..' || name === '-' || RESERVED.test(name)) {
        return message(422, `name is invalid [${name}]: must be valid alpha or numeric or dash(-_) or dot characters`);
      }
      if (forge.findRepo(`${ns.path}/${name}`))
        return message(409, 'The repository with the same name already exists.');
      const repo = forge.createRepo(ns.path, name, {
        description: typeof b.description === 'string' ? b.description : '',
        visibility: b.private === false ? 'public' : 'private',
        defaultBranch: typeof b.default_branch === 'string' && b.default_branch ? b.default_branch : 'main',
        wiki: true,
      });
      return { status: 201, body: repoJson(repo, user(ctx)) };
    })
    .on('GET', '/repos/:owner/:repo', (ctx, p) => {
      const repo = findRepo(ctx, p);
      return isAnswer(repo) ? repo : { status: 200, body: repoJson(repo, user(ctx)) };
    })
    .on('PATCH', '/repos/:owner/:repo', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const b = body(ctx);
      if (typeof b.default_branch === 'string' && b.default_branch !== repo.defaultBranch) {
        if (!forge.isEmpty(repo) && !forge.hasBranch(repo, b.default_branch)) return notFound();
        forge.setHead(repo, b.default_branch);
      }
      if (typeof b.description === 'string') repo.description = b.description;
      if (typeof b.private === 'boolean') repo.visibility = b.private ? 'private' : 'public';
      if (typeof b.has_wiki === 'boolean') repo.hasWiki = b.has_wiki;
      if (typeof b.archived === 'boolean') repo.archived = b.archived;
      repo.updatedAt = forge.now();
      return { status: 200, body: repoJson(repo, user(ctx)) };
    })
    .on('GET', '/repos/:owner/:repo/branch_protections', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      return isAnswer(repo) ? repo : { status: 200, body: repoState(repo).branchRules.map(ruleJson) };
    })
    .on('POST', '/repos/:owner/:repo/branch_protections', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const b = body(ctx);
      const name = String(b.rule_name ?? b.branch_name ?? '');
      if (!name) return message(422, 'rule_name is required');
      const rules = repoState(repo).branchRules;
      if (rules.some((rule) => rule.rule_name === name)) return message(403, 'Branch protection already exist');
      const now = forge.now();
      const rule: GiteaBranchRule = {
        rule_name: name,
        enable_push: false,
        enable_push_whitelist: false,
        push_whitelist_usernames: [],
        enable_force_push: false,
        enable_force_push_allowlist: false,
        force_push_allowlist_usernames: [],
        enable_merge_whitelist: false,
        merge_whitelist_usernames: [],
        require_signed_commits: false,
        protected_file_patterns: '',
        priority: rules.length + 1,
        created_at: now,
        updated_at: now,
      };
      const refused = applyRule(rule, b);
      if (refused) return refused;
      rules.push(rule);
      forge.protectionChanged(repo);
      return { status: 201, body: ruleJson(rule) };
    })
    .on('PATCH', '/repos/:owner/:repo/branch_protections/:name', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const rule = repoState(repo).branchRules.find((r) => r.rule_name === p.name);
      if (!rule) return notFound();
      const refused = applyRule(rule, body(ctx));
      if (refused) return refused;
      forge.protectionChanged(repo);
      return { status: 200, body: ruleJson(rule) };
    })
    .on('DELETE', '/repos/:owner/:repo/branch_protections/:name', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const s = repoState(repo);
      const before = s.branchRules.length;
      s.branchRules = s.branchRules.filter((r) => r.rule_name !== p.name);
      if (s.branchRules.length === before) return notFound();
      forge.protectionChanged(repo);
      return { status: 204 };
    })
    .on('GET', '/repos/:owner/:repo/tag_protections', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      return isAnswer(repo) ? repo : { status: 200, body: repoState(repo).tagRules };
    })
    .on('POST', '/repos/:owner/:repo/tag_protections', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const b = body(ctx);
      const pattern = typeof b.name_pattern === 'string' ? b.name_pattern.trim() : '';
      if (!pattern) return message(422, 'name_pattern is required');
      const users = knownUsers(b.whitelist_usernames);
      if (!Array.isArray(users)) return users;
      const rules = repoState(repo).tagRules;
      if (rules.some((rule) => rule.name_pattern === pattern)) return message(403, 'Tag protection already exist');
      const now = forge.now();
      const rule: GiteaTagRule = {
        id: forge.nextId(),
        name_pattern: pattern,
        whitelist_usernames: users,
        whitelist_teams: [],
        created_at: now,
        updated_at: now,
      };
      rules.push(rule);
      forge.protectionChanged(repo);
      return { status: 201, body: rule };
    })
    .on('PATCH', '/repos/:owner/:repo/tag_protections/:id', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const rule = repoState(repo).tagRules.find((r) => String(r.id) === p.id);
      if (!rule) return notFound();
      const b = body(ctx);
      if (typeof b.name_pattern === 'string') rule.name_pattern = b.name_pattern;
      if (b.whitelist_usernames !== undefined) {
        const users = knownUsers(b.whitelist_usernames);
        if (!Array.isArray(users)) return users;
        rule.whitelist_usernames = users;
      }
      rule.updated_at = forge.now();
      forge.protectionChanged(repo);
      return { status: 200, body: rule };
    })
    .on('DELETE', '/repos/:owner/:repo/tag_protections/:id', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const s = repoState(repo);
      const before = s.tagRules.length;
      s.tagRules = s.tagRules.filter((r) => String(r.id) !== p.id);
      if (s.tagRules.length === before) return notFound();
      forge.protectionChanged(repo);
      return { status: 204 };
    })
    .on('GET', '/orgs/:org/hooks', (ctx, p) => {
      const ns = orgForHooks(ctx, p);
      return 'status' in ns ? ns : paged(ctx, giteaOrgHooks(ns).map(hookJson));
    })
    .on('POST', '/orgs/:org/hooks', (ctx, p) => {
      const ns = orgForHooks(ctx, p);
      if ('status' in ns) return ns;
      const hook = newHook(body(ctx));
      if ('status' in hook) return hook;
      giteaOrgHooks(ns).push(hook);
      return { status: 201, body: hookJson(hook) };
    })
    .on('DELETE', '/orgs/:org/hooks/:id', (ctx, p) => {
      const ns = orgForHooks(ctx, p);
      if ('status' in ns) return ns;
      const hooks = giteaOrgHooks(ns);
      const index = hooks.findIndex((h) => String(h.id) === p.id);
      if (index < 0) return notFound();
      hooks.splice(index, 1);
      return { status: 204 };
    })
    .on('GET', '/repos/:owner/:repo/hooks', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      return isAnswer(repo) ? repo : paged(ctx, repoState(repo).hooks.map(hookJson));
    })
    .on('POST', '/repos/:owner/:repo/hooks', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const hook = newHook(body(ctx));
      if ('status' in hook) return hook;
      repoState(repo).hooks.push(hook);
      return { status: 201, body: hookJson(hook) };
    })
    .on('DELETE', '/repos/:owner/:repo/hooks/:id', (ctx, p) => {
      const repo = findRepo(ctx, p, ACCESS.admin);
      if (isAnswer(repo)) return repo;
      const hooks = repoState(repo).hooks;
      const index = hooks.findIndex((h) => String(h.id) === p.id);
      if (index < 0) return notFound();
      hooks.splice(index, 1);
      return { status: 204 };
    });

  const usersPermission = (names: string[]): Permission => ({ level: null, users: names });
  const protectionRules = (repo: RepoRecord): ProtectionRule[] => {
    const s = repoState(repo);
    const rules: ProtectionRule[] = s.branchRules.map((rule) => {
      const push: Permission = !rule.enable_push
        ? { level: null }
        : rule.enable_push_whitelist
          ? usersPermission(rule.push_whitelist_usernames)
          : { level: ACCESS.write };
      const force: Permission = !rule.enable_force_push
        ? { level: null }
        : rule.enable_force_push_allowlist
          ? usersPermission(
              rule.force_push_allowlist_usernames.filter(
                (name) => push.level !== null || (push.users ?? []).includes(name),
              ),
            )
          : push;
      return {
        ref: branchGlob(rule.rule_name),
        create: push,
        update: push,
        force,
        delete: { level: null },
        messages: {
          create: 'Not allowed to push to protected branch {ref}',
          update: 'Not allowed to push to protected branch {ref}',
          force: 'branch {ref} is protected from force push',
          delete: 'branch {ref} is protected from deletion',
        },
      };
    });
    for (const tag of s.tagRules) {
      const allowed = usersPermission(tag.whitelist_usernames);
      rules.push({
        ref: tagGlob(tag.name_pattern),
        create: allowed,
        update: allowed,
        force: allowed,
        delete: allowed,
        messages: {
          create: 'Tag {ref} is protected',
          update: 'Tag {ref} is protected',
          force: 'Tag {ref} is protected',
          delete: 'Tag {ref} is protected',
        },
      });
    }
    return rules;
  };

  /** Bearer/token header, or Basic with the token as password (any user name), as Gitea's API takes them. */
  const authenticate = (headers: IncomingHttpHeaders): ForgeUser | undefined | 'invalid' => {
    const header = headers.authorization;
    if (!header) return undefined;
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
    if (token) return forge.userByToken(token[1]) ?? 'invalid';
    const basic = /^basic\s+(\S+)$/i.exec(header);
    if (!basic) return 'invalid';
    const decoded = Buffer.from(basic[1], 'base64').toString();
    const colon = decoded.indexOf(':');
    const password = colon >= 0 ? decoded.slice(colon + 1) : '';
    // An empty password (or `x-oauth-basic`) means the user name is the token.
    const secret = password === '' || password === 'x-oauth-basic' ? decoded.slice(0, Math.max(0, colon)) : password;
    return forge.userByToken(secret) ?? 'invalid';
  };

  return {
    type: 'gitea',
    apiPrefix: '/api/v1',
    gitRealm: 'Gitea',
    // Pull request heads; Gitea refuses pushes to them (except AGit flow, which the mirror does not use).
    hiddenRefs: ['refs/pull'],
    authenticateApi: authenticate,
    authenticateGit: authenticate,
    handleApi(ctx) {
      if (ctx.auth === 'invalid') return message(401, 'invalid username, password or token');
      const found = router.match(ctx.req.method, ctx.req.subPath);
      return found ? found.handler(ctx, found.params) : notFound();
    },
    gitRepo(urlPath) {
      const match = /^\/([^/]+\/[^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(urlPath);
      if (!match) return undefined;
      const repo = forge.findRepo(match[1]);
      if (repo) return { repo, rest: match[2] };
      // `<repo>.wiki.git`, while the wiki unit is on; Gitea creates the wiki's repository when it is first written.
      const wikiOf = /\.wiki$/.test(match[1]) ? forge.findRepo(match[1].slice(0, -5)) : undefined;
      if (!wikiOf?.hasWiki) return undefined;
      forge.ensureWiki(wikiOf);
      return { repo: wikiOf, rest: match[2], wiki: true };
    },
    pushDeniedMessage(repo, pusher) {
      return `User permission denied for writing: ${pusher.username} cannot push to ${repo.fullPath}`;
    },
    protectionRules,
    onPush(repo, updates) {
      // Into an empty repository, Gitea makes a pushed branch the default when the configured one was not pushed.
      const branches = updates.filter((u) => u.ref.startsWith('refs/heads/') && !/^0+$/.test(u.newSha));
      if (branches.length && !forge.hasBranch(repo, repo.defaultBranch)) {
        forge.setHead(repo, branches[0].ref.slice('refs/heads/'.length));
      }
    },
    newRepo(repo) {
      const s: GiteaRepoState = { branchRules: [], tagRules: [], hooks: [] };
      Object.assign(repo.host, s);
    },
    cloneUrl,
    webUrl,
  };
}
