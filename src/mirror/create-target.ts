/**
 * Creating a target repository when the answer may be lost. Gateways answer 502/503 or drop the connection while the
 * backend carries on, and the retry policy never repeats such a POST (it may have had effects): the HTTP client marks
 * the error `outcomeUnknown` (src/hosts/retry-policy.ts). So after such an answer, or an "already exists" refusal, the
 * repository is looked up by path: a repository that is empty or says it mirrors this source is adopted; a missing
 * one is created again (bounded, with backoff); anything else is a name collision and is never written to.
 */
import { HostError, type CreateRepoRequest, type Host, type RepoInfo } from '../hosts/host.js';
import { backoffMs, sleepScaled } from '../hosts/retry-policy.js';

/** Statuses hosts give for a name that is taken (GitHub 422, GitLab 400, Bitbucket Cloud 400, Bitbucket Server 409). */
const TAKEN_STATUSES = [400, 409, 422];

export interface CreateTargetOptions {
  target: Host;
  request: CreateRepoRequest;
  /** Web URL of the source repository (the `Mirror of …` description names it). */
  sourceWebUrl: string;
  /** Whether a repository found at the path has no refs, for hosts whose answer does not say. */
  isEmpty(repo: RepoInfo): Promise<boolean>;
  /** Create attempts in all (default 3). */
  attempts?: number;
  /** First backoff, doubled per attempt (default 1 s). */
  minWaitMs?: number;
  onRetry?(message: string): void;
}

export interface CreatedTarget {
  repo: RepoInfo;
  /** Found at the path after a lost answer rather than returned by the create request. */
  adopted: boolean;
}

export async function createTarget(options: CreateTargetOptions): Promise<CreatedTarget> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      return { repo: await options.target.createRepo(options.request), adopted: false };
    } catch (error) {
      failure = error;
    }
    const lost = answerLost(failure);
    if (!lost && !nameTaken(failure)) throw failure;
    const found = await options.target.getRepo(options.request.name);
    if (found) return { repo: await adopt(options, found), adopted: true };
    // A refusal for a name nobody holds (invalid name, say) is final; only a lost answer is worth another try.
    if (!lost || attempt >= attempts) throw failure;
    options.onRetry?.(
      `creating ${options.request.name}: ${messageOf(failure)}; no repository at that path, trying again (${attempt + 1}/${attempts})`,
    );
    await sleepScaled(backoffMs(options.minWaitMs ?? 1000, attempt));
  }
}

async function adopt(options: CreateTargetOptions, found: RepoInfo): Promise<RepoInfo> {
  const description = (found.description ?? '').trim();
  if (description.toLowerCase() === `Mirror of ${options.sourceWebUrl}`.toLowerCase()) return found;
  if (found.empty ?? (await options.isEmpty(found))) return found;
  throw new HostError(
    `name collision: ${found.webUrl} already exists on the target, is not empty and is not a mirror of ` +
      `${options.sourceWebUrl}; left untouched (rename or remove it, or exclude the source repository)`,
    { kind: 'conflict' },
  );
}

/** The client's verdict: the create may have been carried out although no success came back. */
function answerLost(error: unknown): boolean {
  return error instanceof HostError && error.outcomeUnknown;
}

function nameTaken(error: unknown): boolean {
  return error instanceof HostError && error.status !== undefined && TAKEN_STATUSES.includes(error.status);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
