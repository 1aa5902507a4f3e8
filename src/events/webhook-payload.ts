/**
 * Recognise the push webhook of each source host by the shape of its body. GitLab hands the body of the request that
 * triggered a pipeline to the job in `TRIGGER_PAYLOAD`
 * (https://docs.gitlab.com/ci/triggers/#access-webhook-payload), without the request headers, so the
 * `X-GitHub-Event` / `X-Gitlab-Event` / `X-Event-Key` / `X-Gitea-Event` headers that would name the event are not available: the body
 * alone must tell which host sent it.
 */
import { quote } from './repo-path.js';

/** A recognised payload: which repository it is about, as a full path including the owner namespace. */
export type PayloadMatch =
  | { kind: 'push'; host: string; fullPath: string }
  /** A body without any repository: the trigger API called directly (curl with a trigger token). */
  | { kind: 'plain-trigger' }
  | { kind: 'not-push'; reason: string }
  | { kind: 'malformed'; reason: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * What the trigger API itself puts in the payload when it is called without a webhook body: the route's project `id`,
 * the `ref` and `variables`/`inputs` form fields (the trigger `token` is removed by GitLab).
 */
const TRIGGER_API_FIELDS = new Set(['id', 'ref', 'variables', 'inputs', 'token']);

/**
 * GitLab push and tag push hooks: `object_kind` `push`/`tag_push`, the project as
 * `project.path_with_namespace` (https://docs.gitlab.com/user/project/integrations/webhook_events/#push-events).
 * `repository.name` is the display name, not the path, so it is not used.
 */
function gitlab(body: Json): PayloadMatch | undefined {
  const kind = str(body.object_kind) ?? str(body.event_name);
  if (kind === undefined || !('project' in body || 'project_id' in body)) return undefined;
  if (kind !== 'push' && kind !== 'tag_push') {
    return { kind: 'not-push', reason: `GitLab ${quote(kind)} event is not a push` };
  }
  const project = body.project;
  const fullPath = isObject(project) ? str(project.path_with_namespace) : undefined;
  if (fullPath === undefined)
    return { kind: 'malformed', reason: 'GitLab push payload has no project.path_with_namespace' };
  return { kind: 'push', host: 'GitLab', fullPath };
}

/**
 * Bitbucket Data Center `repo:refs_changed`: `repository.slug` and `repository.project.key`; the body carries its
 * `eventKey` (https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html).
 */
function bitbucketServer(body: Json): PayloadMatch | undefined {
  const eventKey = str(body.eventKey);
  if (eventKey === undefined) return undefined;
  if (eventKey !== 'repo:refs_changed') {
    return { kind: 'not-push', reason: `Bitbucket Server ${quote(eventKey)} event is not a push` };
  }
  const repository = body.repository;
  const slug = isObject(repository) ? str(repository.slug) : undefined;
  const project = isObject(repository) ? repository.project : undefined;
  const key = isObject(project) ? str(project.key) : undefined;
  if (slug === undefined || key === undefined) {
    return {
      kind: 'malformed',
      reason: 'Bitbucket Server push payload has no repository.slug and repository.project.key',
    };
  }
  if (key.includes('/')) return { kind: 'malformed', reason: `Bitbucket Server project key ${quote(key)} is invalid` };
  return { kind: 'push', host: 'Bitbucket Server', fullPath: `${key}/${slug}` };
}

/**
 * Bitbucket Cloud `repo:push`: a `push.changes` list and `repository.full_name` `workspace/slug`
 * (https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Push). The event key is only in a header, so the
 * `push` object is what identifies it. `repository.name` is the display name and may differ from the slug.
 */
function bitbucketCloud(body: Json): PayloadMatch | undefined {
  const push = body.push;
  if (!isObject(push) || !Array.isArray(push.changes)) return undefined;
  const repository = body.repository;
  const fullName = isObject(repository) ? str(repository.full_name) : undefined;
  if (fullName === undefined)
    return { kind: 'malformed', reason: 'Bitbucket Cloud push payload has no repository.full_name' };
  return { kind: 'push', host: 'Bitbucket Cloud', fullPath: fullName };
}

/**
 * Gitea and Forgejo `push`: `ref`, `before`/`after`, `compare_url`, `total_commits` and `repository.full_name`
 * `owner/name` (https://docs.gitea.com/usage/webhooks#event-information, https://forgejo.org/docs/latest/user/webhooks/).
 * The body resembles GitHub's; `compare_url` and `total_commits` are Gitea's own. The event name travels only in the
 * `X-Gitea-Event` / `X-Forgejo-Event` header, which a pipeline trigger does not pass on.
 */
function gitea(body: Json): PayloadMatch | undefined {
  if (!('compare_url' in body) && !('total_commits' in body)) return undefined;
  const repository = body.repository;
  if (!isObject(repository)) return undefined;
  if (typeof body.ref !== 'string' || typeof body.after !== 'string') {
    return { kind: 'not-push', reason: 'Gitea payload is not a push (no ref/after)' };
  }
  const fullName = str(repository.full_name);
  if (fullName === undefined) return { kind: 'malformed', reason: 'Gitea push payload has no repository.full_name' };
  return { kind: 'push', host: 'Gitea', fullPath: fullName };
}

/**
 * GitHub `push`: `ref`, `before`/`after` and `repository.full_name` `owner/name`
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#push). A `ping` (sent when the hook is created) has
 * `zen` and `hook_id` instead.
 */
function github(body: Json): PayloadMatch | undefined {
  if ('zen' in body && 'hook_id' in body) return { kind: 'not-push', reason: 'GitHub ping event is not a push' };
  const repository = body.repository;
  if (!isObject(repository) || !('full_name' in repository)) return undefined;
  if (typeof body.ref !== 'string' || typeof body.after !== 'string') {
    return { kind: 'not-push', reason: 'GitHub payload is not a push (no ref/after)' };
  }
  const fullName = str(repository.full_name);
  if (fullName === undefined) return { kind: 'malformed', reason: 'GitHub push payload has no repository.full_name' };
  return { kind: 'push', host: 'GitHub', fullPath: fullName };
}

/** Identify a parsed webhook body. */
export function matchPayload(body: unknown): PayloadMatch {
  if (!isObject(body)) return { kind: 'malformed', reason: 'payload is not a JSON object' };
  // A GitHub hook set to `application/x-www-form-urlencoded` posts `payload=<json>`; GitLab turns the form field into a
  // string property.
  if (typeof body.payload === 'string') {
    try {
      return matchPayload(JSON.parse(body.payload));
    } catch {
      return { kind: 'malformed', reason: 'form field payload is not JSON' };
    }
  }
  const match = gitlab(body) ?? bitbucketServer(body) ?? bitbucketCloud(body) ?? gitea(body) ?? github(body);
  if (match) return match;
  if (Object.keys(body).every((key) => TRIGGER_API_FIELDS.has(key))) return { kind: 'plain-trigger' };
  if ('repository' in body || 'project' in body) {
    return { kind: 'malformed', reason: 'payload names a repository but is no known push webhook' };
  }
  return { kind: 'malformed', reason: 'payload is no known push webhook and names no repository' };
}
