/**
 * The git URL of a repository's wiki. GitHub and GitLab give no wiki URL in their APIs and document the wiki's git
 * repository as the clone URL with `.git` replaced by `.wiki.git`:
 * https://docs.github.com/en/communities/documenting-your-project-with-wikis/adding-or-editing-wiki-pages#cloning-wikis-to-your-computer
 * https://docs.gitlab.com/user/project/wiki/#create-or-edit-wiki-pages-locally
 */
export function wikiCloneUrlOf(cloneUrl: string): string | undefined {
  const url = new URL(cloneUrl);
  if (!url.pathname.endsWith('.git')) return undefined;
  url.pathname = `${url.pathname.slice(0, -'.git'.length)}.wiki.git`;
  return url.toString();
}
