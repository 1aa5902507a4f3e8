/**
 * Fake Bitbucket Data Center (Server): REST API under `/rest` (`/rest/api/1.0/…` and `/rest/branch-permissions/2.0/…`),
 * git at `/scm/<project key>/<slug>.git` (personal projects: `/scm/~<user>/<slug>.git`).
 * Docs: https://developer.atlassian.com/server/bitbucket/rest/ (official description: test/contract/bitbucket-server.openapi.json),
 * branch permissions https://confluence.atlassian.com/bitbucketserver/using-branch-permissions-776639807.html and
 * patterns https://confluence.atlassian.com/bitbucketserver/branch-permission-patterns-776639814.html.
 *
 * Model: a forge namespace of kind `org` is a project (key = upper-cased path), a user namespace is the personal
 * project `~USERNAME`. Project roles map onto the forge's access levels: read (20) = PROJECT_READ / REPO_READ,
 * write (30) = PROJECT_WRITE / REPO_WRITE, maintain (40) = REPO_CREATE + REPO_ADMIN, admin/owner (50) = PROJECT_ADMIN.
 * Bitbucket answers authorisation failures with 401 (AuthorisationException), not 403.
 */
import type { IncomingHttpHeaders } from 'node:http';
import crypto from 'node:crypto';
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
  type RefAction,
  type RepoRecord,
} from '../types.js';
import { Router, type Params } from './common.js';

export const RESTRICTION_TYPES = ['read-only', 'no-deletes', 'fast-forward-only', 'pull-request-only'] as const;
export type RestrictionType = (typeof RESTRICTION_TYPES)[number];
const MATCHER_TYPES = {
  ANY_REF: 'Any ref',
  BRANCH: 'Branch',
  PATTERN: 'Pattern',
  MODEL_CATEGORY: 'Branching model category',
  MODEL_BRANCH: 'Branching model branch',
} as const;
type MatcherType = keyof typeof MATCHER_TYPES;
/** Branch prefixes of the default branching model (https://confluence.atlassian.com/bitbucketserver/using-branches-in-bitbucket-server-776639968.html). */
const MODEL_PREFIXES: Record<string, string> = {
  BUGFIX: 'bugfix/',
  FEATURE: 'feature/',
  HOTFIX: 'hotfix/',
  RELEASE: 'release/',
};

export interface Restriction {
  id: number;
  type: RestrictionType;
  matcher: { id: string; displayId: string; type: { id: MatcherType; name: string }; active: boolean };
  /** Exempt users, by username. */
  users: string[];
  groups: string[];
  accessKeyIds: number[];
}

interface Webhook {
  id: number;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  configuration: Record<string, string>;
  sslVerificationRequired: boolean;
  createdDate: number;
  updatedDate: number;
}

export interface BitbucketServerRepoState {
  /** The repository's display name (the slug, `RepoRecord.name`, is derived from it). */
  displayName: string;
  forkable: boolean;
  hierarchyId: string;
  restrictions: Restriction[];
  hooks: Webhook[];
}

const REF_FOOTER = 'Check your branch permissions configuration with the project administrator.';
/**
 * What the branch-permission hook prints. The pull-request-only text is Bitbucket's own; the others follow its form.
 */
const RESTRICTION_MESSAGES: Record<RestrictionType, string> = {
  'read-only': `Branch {ref} is read-only: changes to it are not permitted.\n${REF_FOOTER}`,
  'no-deletes': `Branch {ref} cannot be deleted.\n${REF_FOOTER}`,
  'fast-forward-only': `The history of branch {ref} cannot be rewritten.\n${REF_FOOTER}`,
  'pull-request-only': `Branch {ref} can only be modified through pull requests.\n${REF_FOOTER}`,
};
/** Which ref actions each restriction type stops for non-exempt users. */
const RESTRICTED_ACTIONS: Record<RestrictionType, RefAction[]> = {
  'read-only': ['create', 'update', 'force', 'delete'],
  'no-deletes': ['delete'],
  'fast-forward-only': ['force'],
  'pull-request-only': ['update', 'force'],
};

type Json = Record<string, unknown>;

function errors(status: number, message: string, exceptionName: string | null = null, context: string | null = null) {
  return { status, body: { errors: [{ context, message, exceptionName }] } };
}
const AUTHORISATION = 'com.atlassian.bitbucket.AuthorisationException';
const notPermitted = (): ApiResponse => errors(401, 'You are not permitted to access this resource', AUTHORISATION);

function state(repo: RepoRecord): BitbucketServerRepoState {
  return repo.host as unknown as BitbucketServerRepoState;
}

/** A user's slug: Bitbucket lower-cases the username and replaces characters that are unsafe in URLs. */
export function userSlug(username: string): string {
  return username.toLowerCase().replace(/[^a-z0-9._-]/g, '_');
}

/** Repository names: letters, digits, spaces, `_`, `-`, `.`; starting with a letter or digit; at most 128. */
const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,127}$/;

/** The slug Bitbucket derives from a repository name: lower case, whitespace runs become `-`. */
export function repoSlug(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

/**
 * Hook globs (`*` within a segment, `**` across) for an Ant-style branch permission pattern. Bitbucket matches a
 * pattern against a suffix (at a path boundary) of the fully qualified ref, so `*` covers every branch and tag;
 * `**` matches zero or more segments; a trailing `/` means `/**`. `?` has no counterpart in the hook: widened to `*`
 * (stricter, never weaker).
 */
export function patternGlobs(pattern: string): string[] {
  let p = pattern.trim().replace(/\?/g, '*');
  if (p.endsWith('/')) p += '**';
  const segments = p.split('/');
  let variants: string[][] = [[]];
  for (const segment of segments) {
    variants = variants.flatMap((v) => (segment === '**' ? [v, [...v, '**']] : [[...v, segment]]));
    if (variants.length > 64) variants = variants.slice(0, 64);
  }
  const globs = new Set<string>();
  for (const v of variants.map((parts) => parts.join('/')).filter(Boolean)) {
    if (v.startsWith('refs/')) globs.add(v);
    globs.add(`refs/${v}`);
    globs.add(`refs/**/${v}`);
  }
  return [...globs];
}

export function createBitbucketServerFake(forge: ForgeState): HostFake {
  const user = (ctx: ApiContext): ForgeUser | undefined => (ctx.auth === 'invalid' ? undefined : ctx.auth);
  const body = (ctx: ApiContext): Json =>
    ctx.req.body && typeof ctx.req.body === 'object' && !Array.isArray(ctx.req.body) ? (ctx.req.body as Json) : {};

  const projectKey = (ns: Namespace): string =>
    ns.kind === 'user' ? `~${ns.path.toUpperCase()}` : ns.path.toUpperCase();
  /** Project keys are case-insensitive in REST and git URLs; `~user` is the personal project of `user`. */
  const findNamespace = (key: string): Namespace | undefined => {
    const personal = key.startsWith('~');
    const ns = forge.namespaces.get((personal ? key.slice(1) : key).toLowerCase());
    return ns && (ns.kind === 'user') === personal ? ns : undefined;
  };
  const reposOf = (ns: Namespace): RepoRecord[] =>
    [...forge.repos.values()]
      .filter((r) => r.owner.toLowerCase() === ns.path.toLowerCase())
      .sort((a, b) => a.name.localeCompare(b.name));
  const findRepoIn = (ns: Namespace, slug: string): RepoRecord | undefined => forge.findRepo(`${ns.path}/${slug}`);
  const scmPath = (repo: RepoRecord): string => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
    return `/scm/${projectKey(ns).toLowerCase()}/${repo.name}.git`;
  };
  const webPath = (repo: RepoRecord): string => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
    return ns.kind === 'user'
      ? `/users/${userSlug(ns.path)}/repos/${repo.name}/browse`
      : `/projects/${projectKey(ns)}/repos/${repo.name}/browse`;
  };

  const userJson = (u: ForgeUser): Json => ({
    name: u.username,
    emailAddress: `${u.username.toLowerCase()}@forge.test`,
    active: true,
    displayName: u.username,
    id: u.id,
    slug: userSlug(u.username),
    type: 'NORMAL',
    links: { self: [{ href: `${forge.url}/users/${userSlug(u.username)}` }] },
  });
  const userByName = (name: string): ForgeUser | undefined =>
    [...forge.users.values()].find(
      (u) => u.username.toLowerCase() === name.toLowerCase() || userSlug(u.username) === name,
    );

  const projectJson = (ns: Namespace): Json => {
    const key = projectKey(ns);
    const owner = ns.kind === 'user' ? forge.users.get(ns.path.toLowerCase()) : undefined;
    return {
      key,
      id: ns.id,
      name: ns.name,
      ...(ns.description ? { description: ns.description } : {}),
      public: false,
      type: ns.kind === 'user' ? 'PERSONAL' : 'NORMAL',
      ...(owner ? { owner: userJson(owner) } : {}),
      links: {
        self: [{ href: owner ? `${forge.url}/users/${userSlug(owner.username)}` : `${forge.url}/projects/${key}` }],
      },
    };
  };

  const repoJson = (repo: RepoRecord, viewer: ForgeUser | undefined, withOrigin = true): Json => {
    const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
    const s = state(repo);
    const { host } = new URL(forge.url);
    const origin = withOrigin && repo.forkedFrom ? forge.findRepo(repo.forkedFrom) : undefined;
    // Bitbucket puts the authenticated user into the http clone link (`https://user@host/scm/…`).
    const httpBase = viewer
      ? forge.url.replace('://', `://${encodeURIComponent(userSlug(viewer.username))}@`)
      : forge.url;
    return {
      slug: repo.name,
      id: repo.id,
      name: s.displayName,
      ...(repo.description ? { description: repo.description } : {}),
      hierarchyId: s.hierarchyId,
      scmId: 'git',
      state: 'AVAILABLE',
      statusMessage: 'Available',
      forkable: s.forkable,
      ...(origin ? { origin: repoJson(origin, viewer, false) } : {}),
      project: projectJson(ns),
      public: repo.visibility === 'public',
      archived: repo.archived,
      links: {
        clone: [
          {
            href: forge.sshUrlOf(repo) ?? `ssh://git@${host.split(':')[0]}:7999${scmPath(repo).slice('/scm'.length)}`,
            name: 'ssh',
          },
          { href: `${httpBase}${scmPath(repo)}`, name: 'http' },
        ],
        self: [{ href: `${forge.url}${webPath(repo)}` }],
      },
    };
  };

  /** Bitbucket paging: `start`/`limit` in, `{size, limit, isLastPage, start, values, nextPageStart}` out. */
  const paged = (ctx: ApiContext, items: unknown[]): ApiResponse => {
    const q = ctx.req.query;
    const start = Math.max(0, Number.parseInt(q.start ?? '0', 10) || 0);
    const requested = Number.parseInt(q.limit ?? '', 10);
    const limit = Math.max(1, Math.min(Number.isFinite(requested) && requested > 0 ? requested : 25, forge.pageSize));
    const values = items.slice(start, start + limit);
    const isLastPage = start + values.length >= items.length;
    return {
      status: 200,
      body: {
        size: values.length,
        limit,
        isLastPage,
        values,
        start,
        ...(isLastPage ? {} : { nextPageStart: start + limit }),
      },
    };
  };

  // ---- lookups with Bitbucket's permission answers ----------------------------------------------------------------

  const canSeeProject = (viewer: ForgeUser | undefined, ns: Namespace): boolean =>
    forge.accessLevel(viewer, ns) >= ACCESS.read || reposOf(ns).some((r) => forge.canRead(viewer, r));

  const project = (ctx: ApiContext, key: string): Namespace | ApiResponse => {
    const ns = findNamespace(key);
    if (!ns)
      return errors(404, `Project ${key} does not exist.`, 'com.atlassian.bitbucket.project.NoSuchProjectException');
    return canSeeProject(user(ctx), ns) ? ns : notPermitted();
  };

  const readableRepo = (ctx: ApiContext, p: Params): RepoRecord | ApiResponse => {
    const ns = project(ctx, p.projectKey);
    if ('status' in ns) return ns;
    const repo = findRepoIn(ns, p.repositorySlug);
    if (!repo) {
      return errors(
        404,
        `Repository ${p.projectKey}/${p.repositorySlug} does not exist.`,
        'com.atlassian.bitbucket.repository.NoSuchRepositoryException',
      );
    }
    return forge.canRead(user(ctx), repo) ? repo : notPermitted();
  };

  /** REPO_ADMIN (and "only authenticated users may call this resource"). */
  const adminRepo = (ctx: ApiContext, p: Params): RepoRecord | ApiResponse => {
    if (!user(ctx))
      return errors(401, 'Authentication required', 'com.atlassian.bitbucket.AuthenticationRequiredException');
    const repo = readableRepo(ctx, p);
    if ('status' in repo) return repo;
    return forge.accessLevel(user(ctx), repo) >= ACCESS.maintain ? repo : notPermitted();
  };

  // ---- repositories -----------------------------------------------------------------------------------------------

  const createRepository = (ctx: ApiContext, p: Params): ApiResponse => {
    const viewer = user(ctx);
    if (!viewer)
      return errors(401, 'Authentication required', 'com.atlassian.bitbucket.AuthenticationRequiredException');
    const ns = project(ctx, p.projectKey);
    if ('status' in ns) return ns;
    if (forge.accessLevel(viewer, ns) < ACCESS.maintain) return notPermitted();
    const b = body(ctx);
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!REPO_NAME.test(name)) {
      return errors(
        400,
        'Repository name must begin with a letter or number and contain only letters, numbers, spaces, dashes, underscores and periods.',
        null,
        'name',
      );
    }
    if (b.scmId !== undefined && b.scmId !== 'git')
      return errors(400, `${String(b.scmId)} is not a supported SCM.`, null, 'scmId');
    const slug = repoSlug(name);
    if (findRepoIn(ns, slug)) return errors(409, 'This repository URL is already taken.', null, 'name');
    const repo = forge.createRepo(ns.path, slug, {
      visibility: b.public === true ? 'public' : 'private',
      defaultBranch:
        typeof b.defaultBranch === 'string' && b.defaultBranch ? b.defaultBranch.replace(/^refs\/heads\//, '') : 'main',
      description: typeof b.description === 'string' ? b.description : '',
    });
    state(repo).displayName = name;
    if (typeof b.forkable === 'boolean') state(repo).forkable = b.forkable;
    return { status: 201, body: repoJson(repo, viewer) };
  };

  const updateRepository = (ctx: ApiContext, p: Params): ApiResponse => {
    const repo = adminRepo(ctx, p);
    if ('status' in repo) return repo;
    const b = body(ctx);
    if (typeof b.name === 'string' && b.name !== state(repo).displayName) {
      if (!REPO_NAME.test(b.name)) return errors(400, 'Invalid repository name.', null, 'name');
      // Renaming changes the slug (and every URL); the forge keys repos by path and does not support that.
      if (repoSlug(b.name) !== repo.name)
        return errors(400, 'The test forge cannot change a repository slug.', null, 'name');
      state(repo).displayName = b.name;
    }
    if (typeof b.description === 'string') repo.description = b.description;
    if (typeof b.public === 'boolean') repo.visibility = b.public ? 'public' : 'private';
    if (typeof b.forkable === 'boolean') state(repo).forkable = b.forkable;
    if (typeof b.defaultBranch === 'string' && b.defaultBranch)
      forge.setHead(repo, b.defaultBranch.replace(/^refs\/heads\//, ''));
    repo.updatedAt = forge.now();
    return { status: 201, body: repoJson(repo, user(ctx)) };
  };

  // ---- branch permissions -----------------------------------------------------------------------------------------

  const restrictionJson = (repo: RepoRecord, r: Restriction): Json => ({
    id: r.id,
    scope: { type: 'REPOSITORY', resourceId: repo.id },
    type: r.type,
    matcher: r.matcher,
    users: r.users
      .map((name) => userByName(name))
      .filter((u): u is ForgeUser => Boolean(u))
      .map(userJson),
    groups: r.groups,
    accessKeys: [],
  });

  /** Validates one restriction request; a Restriction (without id) or an error answer. */
  const parseRestriction = (raw: unknown): Omit<Restriction, 'id'> | ApiResponse => {
    if (!raw || typeof raw !== 'object') return errors(400, 'A restriction must be an object.');
    const r = raw as Json;
    if (!RESTRICTION_TYPES.includes(r.type as RestrictionType)) {
      return errors(400, `Restriction type must be one of ${RESTRICTION_TYPES.join(', ')}.`, null, 'type');
    }
    const matcher = (r.matcher ?? {}) as Json;
    const typeId = ((matcher.type ?? {}) as Json).id as MatcherType;
    if (!(typeId in MATCHER_TYPES)) return errors(400, 'A matcher type is required.', null, 'matcher.type');
    let id = typeof matcher.id === 'string' ? matcher.id.trim() : '';
    if (!id && typeId !== 'ANY_REF') return errors(400, 'A matcher id is required.', null, 'matcher.id');
    if (typeId === 'BRANCH' && !id.startsWith('refs/')) id = `refs/heads/${id}`;
    if (typeId === 'MODEL_CATEGORY' && !(id in MODEL_PREFIXES)) {
      return errors(400, `${id} is not a branch type of the branching model.`, null, 'matcher.id');
    }
    if (typeId === 'MODEL_BRANCH' && !['development', 'production'].includes(id)) {
      return errors(400, `${id} is not a branch of the branching model.`, null, 'matcher.id');
    }
    // `userSlugs` (Data Center 8+) or the older `users` as names or user objects.
    const requested = [
      ...(Array.isArray(r.userSlugs) ? r.userSlugs : []),
      ...(Array.isArray(r.users)
        ? r.users.map((u) => (u && typeof u === 'object' ? ((u as Json).slug ?? (u as Json).name) : u))
        : []),
    ].map(String);
    const users: string[] = [];
    for (const name of requested) {
      const found = userByName(name);
      if (!found)
        return errors(
          400,
          `User '${name}' does not exist.`,
          'com.atlassian.bitbucket.user.NoSuchUserException',
          'users',
        );
      if (!users.includes(found.username)) users.push(found.username);
    }
    const groups = [
      ...(Array.isArray(r.groups) ? r.groups : []),
      ...(Array.isArray(r.groupNames) ? r.groupNames : []),
    ].map(String);
    const displayId =
      typeof matcher.displayId === 'string' && matcher.displayId
        ? matcher.displayId
        : typeId === 'BRANCH'
          ? id.replace(/^refs\/heads\//, '')
          : id;
    return {
      type: r.type as RestrictionType,
      matcher: { id, displayId, type: { id: typeId, name: MATCHER_TYPES[typeId] }, active: true },
      users,
      groups: [...new Set(groups)],
      accessKeyIds: Array.isArray(r.accessKeyIds) ? r.accessKeyIds.map(Number) : [],
    };
  };

  /**
   * Creating a restriction for a (type, matcher) that already has one updates that restriction in place (same id),
   * as the branch permissions screen does; otherwise a new one is added.
   */
  const upsertRestriction = (repo: RepoRecord, wanted: Omit<Restriction, 'id'>): Restriction => {
    const list = state(repo).restrictions;
    const same = list.find(
      (r) =>
        r.type === wanted.type && r.matcher.type.id === wanted.matcher.type.id && r.matcher.id === wanted.matcher.id,
    );
    if (same) {
      Object.assign(same, wanted, { id: same.id });
      return same;
    }
    const created: Restriction = { id: forge.nextId(), ...wanted };
    list.push(created);
    return created;
  };

  const refGlobs = (repo: RepoRecord, r: Restriction): string[] => {
    switch (r.matcher.type.id) {
      case 'ANY_REF':
        return ['refs/**'];
      case 'BRANCH':
        return [r.matcher.id];
      case 'PATTERN':
        return patternGlobs(r.matcher.id);
      case 'MODEL_CATEGORY':
        return [`refs/heads/${MODEL_PREFIXES[r.matcher.id]}**`];
      case 'MODEL_BRANCH':
        // The default branching model: development = the default branch, no production branch.
        return r.matcher.id === 'development' ? [`refs/heads/${repo.defaultBranch}`] : [];
    }
  };

  const protectionRules = (repo: RepoRecord): ProtectionRule[] =>
    state(repo)
      .restrictions.filter((r) => r.matcher.active)
      .flatMap((r) => {
        const exempt: Permission = { level: null, users: r.users };
        const anyone: Permission = { level: ACCESS.none };
        const perm = (action: RefAction): Permission => (RESTRICTED_ACTIONS[r.type].includes(action) ? exempt : anyone);
        const message = r.type === 'read-only' ? RESTRICTION_MESSAGES['read-only'] : RESTRICTION_MESSAGES[r.type];
        return refGlobs(repo, r).map((ref): ProtectionRule => ({
          ref,
          create: perm('create'),
          update: perm('update'),
          force: perm('force'),
          delete: perm('delete'),
          messages: {
            create: message,
            update: message,
            force: message,
            delete: r.type === 'read-only' ? RESTRICTION_MESSAGES['no-deletes'] : message,
          },
        }));
      });

  // ---- webhooks ---------------------------------------------------------------------------------------------------

  const webhookJson = (hook: Webhook, scopeType: 'repository' | 'project'): Json => ({
    id: hook.id,
    name: hook.name,
    createdDate: hook.createdDate,
    updatedDate: hook.updatedDate,
    events: hook.events,
    configuration: hook.configuration,
    url: hook.url,
    active: hook.active,
    scopeType,
    sslVerificationRequired: hook.sslVerificationRequired,
  });

  /** Applies a webhook body; an error answer when it is invalid. */
  const applyWebhook = (hook: Webhook, b: Json, creating: boolean): ApiResponse | undefined => {
    if (typeof b.name === 'string') hook.name = b.name;
    if (typeof b.url === 'string') hook.url = b.url;
    if (Array.isArray(b.events)) hook.events = [...new Set(b.events.map(String))];
    if (typeof b.active === 'boolean') hook.active = b.active;
    if (typeof b.sslVerificationRequired === 'boolean') hook.sslVerificationRequired = b.sslVerificationRequired;
    if (b.configuration && typeof b.configuration === 'object') {
      hook.configuration = Object.fromEntries(Object.entries(b.configuration as Json).map(([k, v]) => [k, String(v)]));
    }
    if (creating && !hook.name) return errors(400, 'A webhook name is required.', null, 'name');
    if (!/^https?:\/\/./.test(hook.url)) return errors(400, 'The webhook URL must be an http(s) URL.', null, 'url');
    if (!hook.events.length) return errors(400, 'At least one event is required.', null, 'events');
    const unknown = hook.events.find((e) => !/^(repo|pr|mirror|project):[a-z_]+$/.test(e));
    if (unknown) return errors(400, `${unknown} is not a valid webhook event.`, null, 'events');
    hook.updatedDate = Date.now();
    return undefined;
  };

  const newWebhook = (): Webhook => ({
    id: forge.nextId(),
    name: '',
    url: '',
    events: [],
    active: true,
    configuration: {},
    sslVerificationRequired: true,
    createdDate: Date.now(),
    updatedDate: Date.now(),
  });

  const projectHooks = (ns: Namespace): Webhook[] =>
    (ns.host.webhooks as Webhook[] | undefined) ?? (ns.host.webhooks = []);

  /** PROJECT_ADMIN, for project webhooks. Personal projects have none. */
  const adminProject = (ctx: ApiContext, key: string): Namespace | ApiResponse => {
    if (!user(ctx))
      return errors(401, 'Authentication required', 'com.atlassian.bitbucket.AuthenticationRequiredException');
    const ns = project(ctx, key);
    if ('status' in ns) return ns;
    if (ns.kind === 'user')
      return errors(404, `Project ${key} does not exist.`, 'com.atlassian.bitbucket.project.NoSuchProjectException');
    return forge.accessLevel(user(ctx), ns) >= ACCESS.admin ? ns : notPermitted();
  };

  // ---- routes -----------------------------------------------------------------------------------------------------

  const API = '/api/1.0';
  const PERMS = '/branch-permissions/2.0';
  const REPO = '/projects/:projectKey/repos/:repositorySlug';
  const router = new Router()
    .on('GET', `${API}/users`, (ctx) => {
      if (!user(ctx))
        return errors(401, 'Authentication required', 'com.atlassian.bitbucket.AuthenticationRequiredException');
      const filter = (ctx.req.query.filter ?? '').toLowerCase();
      const users = [...forge.users.values()]
        .filter(
          (u) =>
            !filter ||
            [u.username, userSlug(u.username), `${u.username}@forge.test`].some((v) =>
              v.toLowerCase().includes(filter),
            ),
        )
        .sort((a, b) => a.username.localeCompare(b.username));
      return paged(ctx, users.map(userJson));
    })
    .on('GET', `${API}/users/:userSlug`, (ctx, p) => {
      const found = [...forge.users.values()].find((u) => userSlug(u.username) === p.userSlug.toLowerCase());
      return found
        ? { status: 200, body: userJson(found) }
        : errors(404, `User ${p.userSlug} does not exist.`, 'com.atlassian.bitbucket.user.NoSuchUserException');
    })
    .on('GET', `${API}/projects/:projectKey`, (ctx, p) => {
      const ns = project(ctx, p.projectKey);
      return 'status' in ns ? ns : { status: 200, body: projectJson(ns) };
    })
    .on('GET', `${API}/projects/:projectKey/repos`, (ctx, p) => {
      const ns = project(ctx, p.projectKey);
      if ('status' in ns) return ns;
      const viewer = user(ctx);
      return paged(
        ctx,
        reposOf(ns)
          .filter((r) => forge.canRead(viewer, r))
          .map((r) => repoJson(r, viewer)),
      );
    })
    .on('POST', `${API}/projects/:projectKey/repos`, createRepository)
    .on('GET', `${API}${REPO}`, (ctx, p) => {
      const repo = readableRepo(ctx, p);
      return 'status' in repo ? repo : { status: 200, body: repoJson(repo, user(ctx)) };
    })
    .on('PUT', `${API}${REPO}`, updateRepository)
    .on('GET', `${API}${REPO}/default-branch`, (ctx, p) => {
      const repo = readableRepo(ctx, p);
      if ('status' in repo) return repo;
      // Every repository has a configured default branch, even before it exists.
      const branch = repo.defaultBranch;
      return { status: 200, body: { id: `refs/heads/${branch}`, displayId: branch, type: 'BRANCH' } };
    })
    .on('PUT', `${API}${REPO}/default-branch`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const id = body(ctx).id;
      if (typeof id !== 'string' || !id) return errors(400, 'A branch id is required.', null, 'id');
      forge.setHead(repo, id.replace(/^refs\/heads\//, ''));
      forge.protectionChanged(repo);
      return { status: 204 };
    })
    .on('GET', `${API}${REPO}/webhooks`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      return paged(
        ctx,
        state(repo).hooks.map((h) => webhookJson(h, 'repository')),
      );
    })
    .on('POST', `${API}${REPO}/webhooks`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const hook = newWebhook();
      const invalid = applyWebhook(hook, body(ctx), true);
      if (invalid) return invalid;
      state(repo).hooks.push(hook);
      return { status: 200, body: webhookJson(hook, 'repository') };
    })
    .on('GET', `${API}${REPO}/webhooks/:webhookId`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const hook = state(repo).hooks.find((h) => String(h.id) === p.webhookId);
      return hook
        ? { status: 200, body: webhookJson(hook, 'repository') }
        : errors(404, `No webhook with id ${p.webhookId} exists.`);
    })
    .on('PUT', `${API}${REPO}/webhooks/:webhookId`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const hook = state(repo).hooks.find((h) => String(h.id) === p.webhookId);
      if (!hook) return errors(404, `No webhook with id ${p.webhookId} exists.`);
      const invalid = applyWebhook(hook, body(ctx), false);
      return invalid ?? { status: 200, body: webhookJson(hook, 'repository') };
    })
    .on('GET', `${API}/projects/:projectKey/webhooks`, (ctx, p) => {
      const ns = adminProject(ctx, p.projectKey);
      if ('status' in ns) return ns;
      return paged(
        ctx,
        projectHooks(ns).map((h) => webhookJson(h, 'project')),
      );
    })
    .on('POST', `${API}/projects/:projectKey/webhooks`, (ctx, p) => {
      const ns = adminProject(ctx, p.projectKey);
      if ('status' in ns) return ns;
      const hook = newWebhook();
      const invalid = applyWebhook(hook, body(ctx), true);
      if (invalid) return invalid;
      projectHooks(ns).push(hook);
      return { status: 200, body: webhookJson(hook, 'project') };
    })
    .on('PUT', `${API}/projects/:projectKey/webhooks/:webhookId`, (ctx, p) => {
      const ns = adminProject(ctx, p.projectKey);
      if ('status' in ns) return ns;
      const hook = projectHooks(ns).find((h) => String(h.id) === p.webhookId);
      if (!hook) return errors(404, `No webhook with id ${p.webhookId} exists.`);
      const invalid = applyWebhook(hook, body(ctx), false);
      return invalid ?? { status: 200, body: webhookJson(hook, 'project') };
    })
    .on('GET', `${PERMS}${REPO}/restrictions`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const q = ctx.req.query;
      if (q.matcherId && !q.matcherType) return errors(400, 'matcherId requires matcherType.', null, 'matcherId');
      const list = state(repo).restrictions.filter(
        (r) =>
          (!q.type || r.type === q.type) &&
          (!q.matcherType || r.matcher.type.id === q.matcherType) &&
          (!q.matcherId || r.matcher.id === q.matcherId || r.matcher.displayId === q.matcherId),
      );
      return paged(
        ctx,
        list.map((r) => restrictionJson(repo, r)),
      );
    })
    .on('POST', `${PERMS}${REPO}/restrictions`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      // The bulk media type takes an array; plain JSON one restriction.
      const bulk = Array.isArray(ctx.req.body);
      const requests = bulk ? (ctx.req.body as unknown[]) : [ctx.req.body];
      const parsed: Omit<Restriction, 'id'>[] = [];
      for (const raw of requests) {
        const one = parseRestriction(raw);
        if ('status' in one) return one;
        parsed.push(one);
      }
      const saved = parsed.map((r) => upsertRestriction(repo, r));
      forge.protectionChanged(repo);
      const answers = saved.map((r) => restrictionJson(repo, r));
      return { status: 200, body: bulk ? answers : answers[0] };
    })
    .on('GET', `${PERMS}${REPO}/restrictions/:id`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const found = state(repo).restrictions.find((r) => String(r.id) === p.id);
      return found
        ? { status: 200, body: restrictionJson(repo, found) }
        : errors(404, `No restriction with id ${p.id} exists.`);
    })
    .on('DELETE', `${PERMS}${REPO}/restrictions/:id`, (ctx, p) => {
      const repo = adminRepo(ctx, p);
      if ('status' in repo) return repo;
      const list = state(repo).restrictions;
      const index = list.findIndex((r) => String(r.id) === p.id);
      if (index < 0) return errors(404, `No restriction with id ${p.id} exists.`);
      list.splice(index, 1);
      forge.protectionChanged(repo);
      return { status: 204 };
    });

  return {
    type: 'bitbucket-server',
    apiPrefix: '/rest',
    gitRealm: 'Atlassian Bitbucket',
    hiddenRefs: ['refs/pull-requests'],
    authenticateApi(headers: IncomingHttpHeaders) {
      const header = headers.authorization;
      if (!header) return undefined;
      const bearer = /^bearer\s+(\S+)$/i.exec(header);
      if (bearer) return forge.userByToken(bearer[1]) ?? 'invalid';
      const basic = /^basic\s+(\S+)$/i.exec(header);
      if (!basic) return 'invalid';
      // Basic `username:token` (or password): the token must belong to that user.
      const decoded = Buffer.from(basic[1], 'base64').toString();
      const colon = decoded.indexOf(':');
      const found = colon > 0 ? forge.userByToken(decoded.slice(colon + 1)) : undefined;
      return found && found.username.toLowerCase() === decoded.slice(0, colon).toLowerCase() ? found : 'invalid';
    },
    // git over HTTP takes the same credentials as the REST API: `Bearer <HTTP access token>`, or Basic with the
    // token's own username (https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html).
    authenticateGit(headers: IncomingHttpHeaders) {
      return this.authenticateApi(headers);
    },
    async handleApi(ctx) {
      let answer: ApiResponse;
      if (ctx.auth === 'invalid') {
        answer = errors(
          401,
          'Authentication failed. Please check your credentials and try again.',
          'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException',
        );
      } else {
        const found = router.match(ctx.req.method, ctx.req.subPath);
        answer = found ? await found.handler(ctx, found.params) : errors(404, `No resource at ${ctx.req.path}`);
      }
      const viewer = user(ctx);
      // Bitbucket names the authenticated user in every answer.
      const who: Record<string, string> = viewer
        ? { 'x-ausername': viewer.username, 'x-auserid': String(viewer.id) }
        : {};
      return { ...answer, headers: { ...answer.headers, ...who, 'x-arequestid': crypto.randomUUID() } };
    },
    gitRepo(urlPath) {
      const match = /^\/scm\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/.exec(urlPath);
      if (!match) return undefined;
      const ns = findNamespace(match[1]);
      const repo = ns ? findRepoIn(ns, match[2]) : undefined;
      return repo ? { repo, rest: match[3] } : undefined;
    },
    pushDeniedMessage(repo, pusher) {
      const ns = forge.namespaces.get(repo.owner.toLowerCase())!;
      return `You are not permitted to push to ${projectKey(ns)}/${repo.name} as ${pusher.username}.`;
    },
    protectionRules,
    onPush() {
      // Bitbucket keeps the configured default branch, whichever branch is pushed first.
    },
    newRepo(repo) {
      const s: BitbucketServerRepoState = {
        displayName: repo.name,
        forkable: true,
        hierarchyId: crypto.randomBytes(10).toString('hex'),
        restrictions: [],
        hooks: [],
      };
      Object.assign(repo.host, s);
    },
    cloneUrl: (repo) => `${forge.url}${scmPath(repo)}`,
    webUrl: (repo) => `${forge.url}${webPath(repo)}`,
  };
}
