export const id = 60;
export const ids = [60];
export const modules = {

/***/ 8060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describeEventHint: () => (/* binding */ describeEventHint),
  readEventHint: () => (/* binding */ readEventHint)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/events/repo-path.ts
/**
 * Checks on repository names and paths taken from event payloads. A payload is written by whoever can reach the
 * webhook or dispatch endpoint, so every name is treated as hostile until it passes these checks: names end up in log
 * lines, API paths and cache directory names.
 */
/** GitLab allows 20 levels of subgroups; nothing legitimate is deeper. */
const MAX_DEPTH = 21;
/** GitHub allows 100 characters, GitLab 255, Bitbucket 62: 255 is the most any host accepts for one segment. */
const MAX_SEGMENT = 255;
/** More names than this in one event is not a push, it is an attempt to make the log unreadable. */
const MAX_NAMES = 1000;
/**
 * One path segment: ASCII letters, digits, `_`, `.` and `-`, never starting with `-` (it would read as an option to
 * git) and never `.`/`..`. Every host's repository names and slugs fit (`.github` included).
 */
const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
/**
 * Quote an untrusted value for a log line: anything but printable ASCII is escaped (no newline can start a workflow
 * command such as `::add-mask::`, no terminal escape reaches the log) and long values are cut.
 */
function quote(value, max = 80) {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    const cut = text.length > max ? `${text.slice(0, max)}…` : text;
    const escaped = cut.replace(/[^\x20-\x7e…]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `'${escaped.replace(/'/g, "\\'")}'`;
}
/** Why `value` is not an acceptable `/`-separated repository path, or undefined when it is. */
function repoPathProblem(value) {
    if (typeof value !== 'string')
        return `expected a string, got ${value === null ? 'null' : typeof value}`;
    if (value.length === 0)
        return 'empty name';
    if (value.length > MAX_DEPTH * (MAX_SEGMENT + 1))
        return `name of ${value.length} characters is too long`;
    const segments = value.split('/');
    if (segments.length > MAX_DEPTH)
        return `path of ${segments.length} segments is too deep`;
    for (const segment of segments) {
        if (segment.length === 0)
            return `empty path segment in ${quote(value)}`;
        if (segment.length > MAX_SEGMENT)
            return `path segment of ${segment.length} characters is too long`;
        if (/^\.+$/.test(segment))
            return `${quote(value)} contains a '.' or '..' segment`;
        if (segment.startsWith('-'))
            return `${quote(value)} starts with '-'`;
        if (!SEGMENT.test(segment)) {
            return `${quote(value)} has characters other than letters, digits, '_', '.', '-' and '/'`;
        }
    }
    return undefined;
}
/**
 * Place a full path (`owner/…/repo` as a payload gives it) under the source owner. Host namespaces are matched
 * case-insensitively (GitHub logins, GitLab paths and Bitbucket keys all are). Returns a problem string when the path
 * is not inside the owner.
 */
function underOwner(fullPath, sourceOwner) {
    if (fullPath.length > MAX_DEPTH * (MAX_SEGMENT + 1))
        return `name of ${fullPath.length} characters is too long`;
    const ownerSegments = sourceOwner.split('/').filter((s) => s.length > 0);
    const segments = fullPath.split('/');
    const head = segments.slice(0, ownerSegments.length).join('/');
    const rest = segments.slice(ownerSegments.length).join('/');
    const inOwner = segments.length > ownerSegments.length && head.toLowerCase() === ownerSegments.join('/').toLowerCase();
    // Under the owner, only the rest follows the name rules: owners have their own (`~user` on Bitbucket Server) and the
    // owner part equals the configured one. Elsewhere the whole path is checked, so a hostile value is named as such.
    const problem = repoPathProblem(inOwner ? rest : fullPath);
    if (problem)
        return problem;
    if (!inOwner)
        return `${quote(fullPath)} is not a repository of the source owner ${quote(sourceOwner)}`;
    const restSegments = rest.split('/');
    return { name: restSegments[restSegments.length - 1], path: rest };
}
/** A bare name (no `/`) as a repo of the source owner. */
function bareName(value) {
    const problem = repoPathProblem(value);
    if (problem)
        return problem;
    const name = value;
    if (name.includes('/'))
        return `${quote(name)} is a path, expected a repository name`;
    return { name, path: name };
}

;// CONCATENATED MODULE: ./src/events/webhook-payload.ts
/**
 * Recognise the push webhook of each source host by the shape of its body. GitLab hands the body of the request that
 * triggered a pipeline to the job in `TRIGGER_PAYLOAD`
 * (https://docs.gitlab.com/ci/triggers/#access-webhook-payload), without the request headers, so the
 * `X-GitHub-Event` / `X-Gitlab-Event` / `X-Event-Key` / `X-Gitea-Event` headers that would name the event are not available: the body
 * alone must tell which host sent it.
 */

function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function str(value) {
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
function gitlab(body) {
    const kind = str(body.object_kind) ?? str(body.event_name);
    if (kind === undefined || !('project' in body || 'project_id' in body))
        return undefined;
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
function bitbucketServer(body) {
    const eventKey = str(body.eventKey);
    if (eventKey === undefined)
        return undefined;
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
    if (key.includes('/'))
        return { kind: 'malformed', reason: `Bitbucket Server project key ${quote(key)} is invalid` };
    return { kind: 'push', host: 'Bitbucket Server', fullPath: `${key}/${slug}` };
}
/**
 * Bitbucket Cloud `repo:push`: a `push.changes` list and `repository.full_name` `workspace/slug`
 * (https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Push). The event key is only in a header, so the
 * `push` object is what identifies it. `repository.name` is the display name and may differ from the slug.
 */
function bitbucketCloud(body) {
    const push = body.push;
    if (!isObject(push) || !Array.isArray(push.changes))
        return undefined;
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
function gitea(body) {
    if (!('compare_url' in body) && !('total_commits' in body))
        return undefined;
    const repository = body.repository;
    if (!isObject(repository))
        return undefined;
    if (typeof body.ref !== 'string' || typeof body.after !== 'string') {
        return { kind: 'not-push', reason: 'Gitea payload is not a push (no ref/after)' };
    }
    const fullName = str(repository.full_name);
    if (fullName === undefined)
        return { kind: 'malformed', reason: 'Gitea push payload has no repository.full_name' };
    return { kind: 'push', host: 'Gitea', fullPath: fullName };
}
/**
 * GitHub `push`: `ref`, `before`/`after` and `repository.full_name` `owner/name`
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads#push). A `ping` (sent when the hook is created) has
 * `zen` and `hook_id` instead.
 */
function github(body) {
    if ('zen' in body && 'hook_id' in body)
        return { kind: 'not-push', reason: 'GitHub ping event is not a push' };
    const repository = body.repository;
    if (!isObject(repository) || !('full_name' in repository))
        return undefined;
    if (typeof body.ref !== 'string' || typeof body.after !== 'string') {
        return { kind: 'not-push', reason: 'GitHub payload is not a push (no ref/after)' };
    }
    const fullName = str(repository.full_name);
    if (fullName === undefined)
        return { kind: 'malformed', reason: 'GitHub push payload has no repository.full_name' };
    return { kind: 'push', host: 'GitHub', fullPath: fullName };
}
/** Identify a parsed webhook body. */
function matchPayload(body) {
    if (!isObject(body))
        return { kind: 'malformed', reason: 'payload is not a JSON object' };
    // A GitHub hook set to `application/x-www-form-urlencoded` posts `payload=<json>`; GitLab turns the form field into a
    // string property.
    if (typeof body.payload === 'string') {
        try {
            return matchPayload(JSON.parse(body.payload));
        }
        catch {
            return { kind: 'malformed', reason: 'form field payload is not JSON' };
        }
    }
    const match = gitlab(body) ?? bitbucketServer(body) ?? bitbucketCloud(body) ?? gitea(body) ?? github(body);
    if (match)
        return match;
    if (Object.keys(body).every((key) => TRIGGER_API_FIELDS.has(key)))
        return { kind: 'plain-trigger' };
    if ('repository' in body || 'project' in body) {
        return { kind: 'malformed', reason: 'payload names a repository but is no known push webhook' };
    }
    return { kind: 'malformed', reason: 'payload is no known push webhook and names no repository' };
}

;// CONCATENATED MODULE: ./src/events/event-hint.ts
/**
 * Which repositories a run is about, from the CI event that started it (SPEC "Events"). The result is a hint, never an
 * authority: the engine looks every name up in the source listing and applies the filters; a name that is not there
 * makes the run do nothing and say why.
 *
 * Decisions (documented in docs/operations.md, "Events"):
 * - GitHub `schedule`, `workflow_dispatch`: all. Any other event without its own rule (`release`, `pull_request`, …):
 *   all, with a note naming the event; the workflow author chose to run on it.
 * - GitHub `repository_dispatch`: `client_payload.repository` is a name, a comma/newline list of names, or a JSON list.
 *   A full name `owner/name` (`group/sub/project` for GitLab) is accepted only inside the source owner; a name outside
 *   it refuses the whole event (a caller asking for the wrong organization should hear so). No
 *   `client_payload.repository` at all: all.
 * - GitHub `push`: the pushed repository. When the source owner is known and the pushed repository is not in it (the
 *   workflow lives in a separate config repository), all: the push changed the mirror's own configuration.
 * - GitHub `repository_dispatch` whose `client_payload` is a relayed push webhook (`client_payload.repository` an object,
 *   e.g. a Gitea or Forgejo push): the pushed repository, placed under the source owner like a trigger payload.
 * - GitLab `trigger` with `TRIGGER_PAYLOAD`: the pushed repository of a GitHub, GitLab, Bitbucket Cloud, Bitbucket
 *   Server or Gitea/Forgejo push payload; a body of the plain trigger API (no webhook) or no payload at all: all. Other GitLab pipeline
 *   sources (`schedule`, `web`, `api`, `push`, `pipeline`, …): all.
 * - Anything malformed or hostile (not JSON, no repository, a name with `/`, `..`, control characters, a leading `-`,
 *   absurd length, a repository outside the source owner, a non-push webhook): refuse. URLs in payloads are never read.
 */



/** Webhook bodies are capped at 25 MB by GitHub; anything larger is not a webhook. */
const MAX_PAYLOAD_CHARS = 32 * 1024 * 1024;
const defaultReadFile = (path) => (0,external_node_fs_.readFileSync)(path, 'utf8');
function readEventHint(env, readFile = defaultReadFile, options = {}) {
    if (env.GITHUB_ACTIONS === 'true')
        return githubActionsHint(env, readFile, options);
    if (env.GITLAB_CI === 'true')
        return gitlabCiHint(env, readFile, options);
    return { kind: 'all', reason: 'not started by a CI event: all selected repositories' };
}
/** One line for the log, whatever the hint. */
function describeEventHint(hint) {
    switch (hint.kind) {
        case 'all':
            return hint.reason;
        case 'repos':
            return `${hint.source}: only ${hint.paths.join(', ')}`;
        case 'refuse':
            return `Ignoring the event: ${hint.reason}`;
    }
}
function refuse(reason) {
    return { kind: 'refuse', reason };
}
function repos(refs, source) {
    const unique = new Map(refs.map((ref) => [ref.path.toLowerCase(), ref]));
    const list = [...unique.values()];
    return { kind: 'repos', names: list.map((r) => r.name), paths: list.map((r) => r.path), source };
}
/** Parse JSON text, or explain in one line why not. */
function parseJson(text, what) {
    if (text.length > MAX_PAYLOAD_CHARS)
        return { problem: `${what} is larger than ${MAX_PAYLOAD_CHARS} characters` };
    try {
        return { value: JSON.parse(text) };
    }
    catch (error) {
        const detail = error instanceof SyntaxError ? error.message : String(error);
        return { problem: `${what} is not JSON (${quote(detail, 60).slice(1, -1)})` };
    }
}
function event_hint_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
// ---------------------------------------------------------------------------------------------------------------------
// GitHub Actions: the event name in GITHUB_EVENT_NAME, the webhook body in the file at GITHUB_EVENT_PATH.
// https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
function githubActionsHint(env, readFile, options) {
    const event = env.GITHUB_EVENT_NAME ?? '';
    if (event === 'schedule' || event === 'workflow_dispatch') {
        return { kind: 'all', reason: `GitHub ${event}: all selected repositories` };
    }
    if (event !== 'repository_dispatch' && event !== 'push') {
        return { kind: 'all', reason: `GitHub ${quote(event)} event names no repository: all selected repositories` };
    }
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return refuse(`GitHub ${event} event without GITHUB_EVENT_PATH`);
    let text;
    try {
        text = readFile(path);
    }
    catch {
        return refuse(`GitHub ${event} event payload ${quote(path)} cannot be read`);
    }
    const parsed = parseJson(text, `GitHub ${event} event payload`);
    if ('problem' in parsed)
        return refuse(parsed.problem);
    if (!event_hint_isObject(parsed.value))
        return refuse(`GitHub ${event} event payload is not a JSON object`);
    return event === 'push' ? githubPush(parsed.value, options) : repositoryDispatch(parsed.value, options);
}
function githubPush(payload, options) {
    const repository = payload.repository;
    if (!event_hint_isObject(repository))
        return refuse('GitHub push event payload has no repository');
    const fullName = repository.full_name;
    if (options.sourceOwner !== undefined && typeof fullName === 'string') {
        const problem = repoPathProblem(fullName);
        if (problem)
            return refuse(`GitHub push event: repository.full_name: ${problem}`);
        const placed = underOwner(fullName, options.sourceOwner);
        if (typeof placed === 'string') {
            // Not a source repository: the workflow lives elsewhere and this push changed its configuration.
            return {
                kind: 'all',
                reason: `GitHub push to ${quote(fullName)}, outside the source owner: all selected repositories`,
            };
        }
        return repos([placed], `GitHub push to ${fullName}`);
    }
    const ref = bareName(repository.name);
    if (typeof ref === 'string')
        return refuse(`GitHub push event: repository.name: ${ref}`);
    return repos([ref], `GitHub push to ${ref.name}`);
}
function repositoryDispatch(payload, options) {
    const action = typeof payload.action === 'string' ? ` ${quote(payload.action, 40)}` : '';
    const clientPayload = payload.client_payload;
    if (!event_hint_isObject(clientPayload) || clientPayload.repository === undefined || clientPayload.repository === null) {
        return { kind: 'all', reason: `GitHub repository_dispatch${action} without client_payload.repository: all` };
    }
    const requested = clientPayload.repository;
    // A source host's push webhook relayed as the client payload (e.g. a Gitea or Forgejo push): its repository.
    if (event_hint_isObject(requested))
        return relayedPush(clientPayload, options, `GitHub repository_dispatch${action}`);
    let values;
    if (typeof requested === 'string') {
        values = requested
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter((s) => s.length > 0);
    }
    else if (Array.isArray(requested)) {
        values = requested;
    }
    else {
        return refuse('client_payload.repository must be a repository name or a list of names');
    }
    if (values.length === 0)
        return refuse('client_payload.repository is empty');
    if (values.length > MAX_NAMES)
        return refuse(`client_payload.repository lists more than ${MAX_NAMES} names`);
    const refs = [];
    for (const value of values) {
        const ref = dispatchedRepo(value, options.sourceOwner);
        if (typeof ref === 'string')
            return refuse(`client_payload.repository: ${ref}`);
        refs.push(ref);
    }
    return repos(refs, `GitHub repository_dispatch${action}`);
}
function relayedPush(body, options, via) {
    const match = matchPayload(body);
    if (match.kind !== 'push') {
        const why = match.kind === 'plain-trigger' ? 'it names no repository' : match.reason;
        return refuse(`client_payload.repository must be a repository name or a list of names, or client_payload a relayed push ` +
            `webhook (${why})`);
    }
    if (options.sourceOwner === undefined) {
        return refuse(`${match.host} push to ${quote(match.fullPath)}: the source owner is unknown`);
    }
    const placed = underOwner(match.fullPath, options.sourceOwner);
    if (typeof placed === 'string')
        return refuse(`${match.host} push: ${placed}`);
    return repos([placed], `${via}: ${match.host} push to ${match.fullPath}`);
}
function dispatchedRepo(value, sourceOwner) {
    if (typeof value !== 'string' || !value.includes('/'))
        return bareName(value);
    if (sourceOwner === undefined)
        return `full name ${quote(value)} given but the source owner is unknown`;
    return underOwner(value, sourceOwner);
}
// ---------------------------------------------------------------------------------------------------------------------
// GitLab CI: CI_PIPELINE_SOURCE; for `trigger`, the request body in TRIGGER_PAYLOAD (a file variable: the value is a
// path; read as JSON text too, for runners or wrappers that pass the body itself).
// https://docs.gitlab.com/ci/jobs/job_rules/#ci_pipeline_source-predefined-variable
function gitlabCiHint(env, readFile, options) {
    const source = env.CI_PIPELINE_SOURCE ?? '';
    if (source !== 'trigger') {
        return { kind: 'all', reason: `GitLab ${quote(source)} pipeline: all selected repositories` };
    }
    const raw = env.TRIGGER_PAYLOAD;
    if (raw === undefined || raw.trim() === '') {
        return { kind: 'all', reason: 'GitLab trigger pipeline without TRIGGER_PAYLOAD: all selected repositories' };
    }
    const text = triggerPayloadText(raw, readFile);
    if (typeof text !== 'string')
        return refuse(text.problem);
    const parsed = parseJson(text, 'TRIGGER_PAYLOAD');
    if ('problem' in parsed)
        return refuse(parsed.problem);
    const match = matchPayload(parsed.value);
    switch (match.kind) {
        case 'plain-trigger':
            return { kind: 'all', reason: 'GitLab trigger pipeline without a webhook payload: all selected repositories' };
        case 'not-push':
        case 'malformed':
            return refuse(`TRIGGER_PAYLOAD: ${match.reason}`);
        case 'push': {
            if (options.sourceOwner === undefined) {
                return refuse(`${match.host} push to ${quote(match.fullPath)}: the source owner is unknown`);
            }
            const placed = underOwner(match.fullPath, options.sourceOwner);
            if (typeof placed === 'string')
                return refuse(`${match.host} push: ${placed}`);
            return repos([placed], `${match.host} push to ${match.fullPath}`);
        }
    }
}
/** The payload text: the value itself when it is JSON, else the content of the file it names. */
function triggerPayloadText(raw, readFile) {
    const trimmed = raw.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('['))
        return raw;
    try {
        return readFile(raw);
    }
    catch {
        return { problem: `TRIGGER_PAYLOAD is neither JSON nor a readable file (${quote(raw, 60)})` };
    }
}


/***/ })

};
