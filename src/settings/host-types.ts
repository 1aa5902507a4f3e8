/**
 * The names settings and hosts share: which host types exist, a repository's visibility, which side a host is on.
 * Here rather than in hosts/ so that settings/ imports nothing from hosts/ (data flows settings → hosts).
 */

export const HOST_TYPES = ['github', 'gitlab', 'bitbucket-cloud', 'bitbucket-server', 'gitea'] as const;
export type HostType = (typeof HOST_TYPES)[number];

export type Visibility = 'private' | 'internal' | 'public';

/** Which side of the mirror a host is: read from (`source`) or written to (`target`). */
export type HostRole = 'source' | 'target';
