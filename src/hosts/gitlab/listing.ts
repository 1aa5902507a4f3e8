/** Listing and reading the projects of a GitLab group (with all subgroups) or user. */
import { ListingError, type RepoInfo, type Visibility } from '../host.js';
import { stripUserInfo } from '../http-client.js';
import { wikiCloneUrlOf } from '../wiki-url.js';
import { statusOf, type GitLabClient, type Namespace } from './client.js';

/** The fields of GitLab's project entity that the mirror reads. */
export interface GitLabProject {
  id: number;
  path: string;
  path_with_namespace: string;
  http_url_to_repo: string;
  ssh_url_to_repo?: string;
  web_url: string;
  default_branch?: string | null;
  description?: string | null;
  visibility?: string;
  archived?: boolean;
  empty_repo?: boolean;
  /** `disabled`, `private` or `enabled`; `wiki_enabled` is its deprecated boolean form. */
  wiki_access_level?: string;
  wiki_enabled?: boolean;
  forked_from_project?: unknown;
}

function toVisibility(value: string | undefined): Visibility {
  return value === 'public' || value === 'internal' ? value : 'private';
}

function relativePath(namespace: Namespace, project: GitLabProject): string {
  const prefix = `${namespace.fullPath}/`;
  if (!project.path_with_namespace.toLowerCase().startsWith(prefix.toLowerCase())) {
    throw new Error(`project ${project.path_with_namespace} is outside ${namespace.fullPath}`);
  }
  return project.path_with_namespace.slice(prefix.length);
}

export function toRepoInfo(namespace: Namespace, project: GitLabProject): RepoInfo {
  if (typeof project.id !== 'number' || !project.path || !project.http_url_to_repo || !project.web_url) {
    throw new Error(`malformed project entry ${JSON.stringify(project.path_with_namespace ?? project.id ?? null)}`);
  }
  const cloneUrl = stripUserInfo(project.http_url_to_repo);
  return {
    id: String(project.id),
    name: project.path,
    path: relativePath(namespace, project),
    cloneUrl,
    sshUrl: project.ssh_url_to_repo || undefined,
    webUrl: project.web_url,
    wikiEnabled:
      typeof project.wiki_access_level === 'string' ? project.wiki_access_level !== 'disabled' : project.wiki_enabled,
    wikiCloneUrl: wikiCloneUrlOf(cloneUrl),
    defaultBranch: project.default_branch || undefined,
    description: project.description ?? undefined,
    visibility: toVisibility(project.visibility),
    fork: Boolean(project.forked_from_project),
    archived: project.archived ?? false,
    empty: project.empty_repo,
    // `last_activity_at` is updated lazily (at most about once an hour), so it cannot tell whether a push happened
    // since the last run: https://docs.gitlab.com/api/projects/ ("last_activity_at"). No pushedAt on GitLab.
    pushedAt: undefined,
  };
}

async function fetchProjects(client: GitLabClient, namespace: Namespace): Promise<GitLabProject[]> {
  if (namespace.kind === 'group') {
    return (await client.api.Groups.allProjects(namespace.id, {
      includeSubgroups: true,
      // Projects shared into the group from elsewhere are not the group's own repositories.
      withShared: false,
      perPage: 100,
    })) as unknown as GitLabProject[];
  }
  return (await client.api.Users.allProjects(namespace.id, { perPage: 100 })) as unknown as GitLabProject[];
}

export async function listRepos(client: GitLabClient): Promise<RepoInfo[]> {
  let namespace: Namespace;
  let projects: GitLabProject[];
  try {
    namespace = await client.namespace();
    projects = await fetchProjects(client, namespace);
  } catch (error) {
    throw client.fail('listing projects of', undefined, error, true);
  }
  const seen = new Set<string>();
  const result: RepoInfo[] = [];
  for (const project of projects) {
    let info: RepoInfo;
    try {
      info = toRepoInfo(namespace, project);
    } catch (error) {
      throw client.fail('listing projects of', undefined, error, true);
    }
    // A repeated id means pages overlapped or looped: the listing cannot be trusted.
    if (seen.has(info.id)) {
      throw new ListingError(`gitlab ${client.role}: listing projects of ${client.owner} returned ${info.path} twice`);
    }
    seen.add(info.id);
    result.push(info);
  }
  return result;
}

export async function getRepo(client: GitLabClient, path: string): Promise<RepoInfo | undefined> {
  try {
    const namespace = await client.namespace();
    const project = (await client.api.Projects.show(`${namespace.fullPath}/${path}`)) as unknown as GitLabProject;
    return toRepoInfo(namespace, project);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw client.fail('reading', path, error);
  }
}
