/** Creating a GitLab project (and its subgroups) and the settings the mirror keeps on it. */
import { HostError, type CreateRepoRequest, type RepoInfo, type Visibility } from '../host.js';
import { statusOf, type GitLabClient, type GitLabGroup, type Namespace } from './client.js';
import { getRepo, toRepoInfo, type GitLabProject } from './listing.js';

/** The id of the group `<owner>/<segments…>`, creating missing subgroups on the way (`POST /groups` with parent_id). */
async function ensureSubgroups(
  client: GitLabClient,
  namespace: Namespace,
  segments: string[],
  visibility: Visibility,
): Promise<number> {
  let parentId = namespace.id;
  let fullPath = namespace.fullPath;
  for (const segment of segments) {
    fullPath = `${fullPath}/${segment}`;
    try {
      const group = (await client.api.Groups.show(fullPath)) as unknown as GitLabGroup;
      parentId = group.id;
      continue;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    const created = (await client.api.Groups.create(segment, segment, {
      parentId,
      visibility,
    })) as unknown as GitLabGroup;
    parentId = created.id;
  }
  return parentId;
}

export async function createRepo(client: GitLabClient, request: CreateRepoRequest): Promise<RepoInfo> {
  try {
    const namespace = await client.namespace();
    const segments = request.name.split('/').filter(Boolean);
    const leaf = segments.pop();
    if (!leaf)
      throw new HostError(`gitlab ${client.role}: cannot create a project with an empty name`, { kind: 'config' });
    if (namespace.kind === 'user' && segments.length > 0) {
      throw new HostError(`gitlab ${client.role}: cannot create ${request.name}: users have no subgroups`, {
        kind: 'config',
      });
    }
    const namespaceId =
      namespace.kind === 'group' ? await ensureSubgroups(client, namespace, segments, request.visibility) : undefined;
    const project = (await client.api.Projects.create({
      name: leaf,
      path: leaf,
      ...(namespaceId !== undefined ? { namespaceId } : {}),
      description: request.description,
      visibility: request.visibility,
      ...(request.defaultBranch ? { defaultBranch: request.defaultBranch } : {}),
      // A mirror collects no issues or wiki pages it could not keep; no README (the first push brings history).
      issuesAccessLevel: 'disabled',
      wikiAccessLevel: 'disabled',
      initializeWithReadme: false,
    })) as unknown as GitLabProject;
    return toRepoInfo(namespace, project);
  } catch (error) {
    throw client.fail('creating', request.name, error);
  }
}

/**
 * POST /projects/:id/archive makes the project read-only (pushes refused); POST /projects/:id/unarchive undoes it.
 * https://docs.gitlab.com/api/projects/#archive-a-project
 */
export async function setArchived(client: GitLabClient, repo: RepoInfo, archived: boolean): Promise<boolean> {
  if (repo.archived === archived) return false;
  try {
    if (archived) await client.api.Projects.archive(repo.id);
    else await client.api.Projects.unarchive(repo.id);
    repo.archived = archived;
    return true;
  } catch (error) {
    throw client.fail(archived ? 'archiving' : 'unarchiving', repo.path, error);
  }
}

/**
 * A project's wiki takes pushes only while enabled. `enabled` gives it the project's own visibility; editing it
 * needs the Developer role whatever the level (a wiki has no protected branches).
 * https://docs.gitlab.com/api/projects/#edit-a-project
 */
export async function enableWiki(client: GitLabClient, repo: RepoInfo): Promise<boolean> {
  if (repo.wikiEnabled) return false;
  try {
    await client.api.Projects.edit(repo.id, { wikiAccessLevel: 'enabled' });
    return true;
  } catch (error) {
    throw client.fail('enabling the wiki of', repo.path, error);
  }
}

export async function setDefaultBranch(client: GitLabClient, repo: RepoInfo, branch: string): Promise<boolean> {
  try {
    const current = repo.defaultBranch ?? (await getRepo(client, repo.path))?.defaultBranch;
    if (current === branch) return false;
    await client.api.Projects.edit(repo.id, { defaultBranch: branch });
    return true;
  } catch (error) {
    throw client.fail('setting the default branch of', repo.path, error);
  }
}

export async function setVisibility(client: GitLabClient, repo: RepoInfo, visibility: Visibility): Promise<boolean> {
  if (repo.visibility === visibility) return false;
  try {
    await client.api.Projects.edit(repo.id, { visibility });
    repo.visibility = visibility;
    return true;
  } catch (error) {
    throw client.fail('setting the visibility of', repo.path, error);
  }
}
