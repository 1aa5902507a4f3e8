/**
 * The two administrative modes (SPEC "Modes"): `remove` lifts the protection of the selected mirrors so people can
 * push to them again, `install-hooks` puts a push webhook on the source so that every push triggers a sync. The
 * engine selects the repositories (filters, shard, event hint); these functions only act on what they are given.
 */
import pLimit from 'p-limit';
import type { Host, HookRequest, HookResult, RepoInfo } from '../hosts/host.js';
import type { RepoResult, RepoStatus } from '../report/model.js';
import type { Runtime } from '../runtime/runtime.js';
import { redactUrl } from '../settings/urls.js';
import type { Settings } from '../settings/settings.js';

export interface AdminContext {
  settings: Settings;
  source: Host;
  target: Host;
  runtime: Runtime;
}

export interface RemovePair {
  source: RepoInfo;
  /** The existing target repository; undefined when there is none. */
  target?: RepoInfo;
  /** Where the mirror of `source` lives (or would live) under the target owner. */
  targetPath: string;
}

/**
 * mode remove: lift protection on each existing target repo (status 'unprotected'; 'skipped' with a reason when the
 * target repo does not exist), delete nothing, log that they should be added to `exclude`.
 */
export async function removeMirrors(ctx: AdminContext, pairs: RemovePair[]): Promise<RepoResult[]> {
  const { runtime, target, settings } = ctx;
  const limit = pLimit(settings.concurrency);
  const counter = progressCounter(pairs.length);
  const results = await Promise.all(
    pairs.map((pair) =>
      limit(async (): Promise<RepoResult> => {
        const started = Date.now();
        const base = { name: pair.source.path, target: pair.targetPath, refs: [] };
        let result: RepoResult;
        if (!pair.target) {
          result = {
            ...base,
            status: 'skipped',
            reason: `no target repository ${target.owner}/${pair.targetPath}: nothing to unprotect`,
            durationMs: Date.now() - started,
          };
        } else {
          try {
            const lifted = await target.unprotect(pair.target);
            result = {
              ...base,
              status: 'unprotected',
              reason: lifted ? 'protection lifted' : 'it had no protection to lift',
              durationMs: Date.now() - started,
            };
          } catch (error) {
            result = { ...base, status: 'failed', reason: describe(error), durationMs: Date.now() - started };
          }
        }
        logResult(runtime, counter(), result);
        return result;
      }),
    ),
  );

  const released = pairs.filter((_pair, i) => results[i].status === 'unprotected').map((pair) => pair.source.name);
  if (released.length > 0) {
    runtime.warning(
      `Mirroring stopped for ${released.length} ${plural(released.length, 'repository', 'repositories')}: their ` +
        `target repositories on ${target.owner} are no longer protected and nothing was deleted. Add them to ` +
        `\`exclude\` (for example exclude: '${excludePattern(released, settings.exclude)}'), or the next sync will ` +
        'protect and update them again.',
    );
  }
  return results;
}

/**
 * mode install-hooks: one namespace hook when source.supportsNamespaceHook(), else one per repo; statuses
 * hook-created / hook-updated / hook-unchanged; failures 'failed' with a reason; one repo failing never stops the
 * others; bounded by settings.concurrency (p-limit).
 *
 * With a namespace hook the report holds one row, named `<owner>/*`, since one hook covers every repository: rows per
 * repository would count the same hook hundreds of times.
 */
export async function installHooks(ctx: AdminContext, repos: RepoInfo[]): Promise<RepoResult[]> {
  const { runtime, source, settings } = ctx;
  const hook = hookRequest(settings);
  const shownUrl = redactUrl(hook.url);
  if (repos.length === 0) {
    runtime.info('No repository selected: no webhook installed.');
    return [];
  }

  let namespaceHook: boolean;
  const checkStarted = Date.now();
  try {
    namespaceHook = await source.supportsNamespaceHook();
  } catch (error) {
    // Without knowing whether one hook covers them all, installing per repository could duplicate an org hook.
    const reason = `could not tell whether ${source.owner} takes an organization webhook: ${describe(error)}`;
    runtime.error(reason);
    return repos.map((repo) => ({
      name: repo.path,
      status: 'failed' as const,
      reason,
      refs: [],
      durationMs: Date.now() - checkStarted,
    }));
  }

  if (namespaceHook) {
    runtime.info(`Installing one push webhook on ${source.owner} to ${shownUrl} (it covers every repository).`);
    const result = await installOne(ctx, undefined, `${source.owner}/*`, hook);
    logResult(runtime, '[1/1]', result);
    return [result];
  }

  runtime.info(`Installing a push webhook to ${shownUrl} on ${repos.length} ${plural(repos.length, 'repository')}.`);
  const limit = pLimit(settings.concurrency);
  const counter = progressCounter(repos.length);
  return Promise.all(
    repos.map((repo) =>
      limit(async () => {
        const result = await installOne(ctx, repo, repo.path, hook);
        logResult(runtime, counter(), result);
        return result;
      }),
    ),
  );
}

const HOOK_STATUS: Record<HookResult, RepoStatus> = {
  created: 'hook-created',
  updated: 'hook-updated',
  unchanged: 'hook-unchanged',
};

async function installOne(
  ctx: AdminContext,
  repo: RepoInfo | undefined,
  name: string,
  hook: HookRequest,
): Promise<RepoResult> {
  const started = Date.now();
  try {
    const outcome = await ctx.source.installHook(repo, hook);
    return { name, status: HOOK_STATUS[outcome], refs: [], durationMs: Date.now() - started };
  } catch (error) {
    return { name, status: 'failed', reason: describe(error), refs: [], durationMs: Date.now() - started };
  }
}

function hookRequest(settings: Settings): HookRequest {
  // Settings validation requires both for this mode (read-settings.ts requireForMode); this guards direct callers.
  if (!settings.hookUrl || !settings.hookSecret) {
    throw new Error('mode install-hooks needs hook-url and hook-secret.');
  }
  return { url: settings.hookUrl, secret: settings.hookSecret };
}

function logResult(runtime: Runtime, position: string, result: RepoResult): void {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const line = `${position} ${result.name}: ${result.status}${result.reason ? ` (${result.reason})` : ''} in ${seconds} s`;
  if (result.status === 'failed') runtime.warning(line);
  else runtime.info(line);
}

function progressCounter(total: number): () => string {
  let done = 0;
  return () => `[${++done}/${total}]`;
}

/** An `exclude` value that keeps the current one and adds `names` (whole-name regex, special characters escaped). */
export function excludePattern(names: string[], current: RegExp | undefined): string {
  const escaped = [...new Set(names)].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // `current` is compiled anchored as ^(?:…)$ (read-settings.ts): recover what the user wrote.
  const previous = current ? /^\^\(\?:([\s\S]*)\)\$$/.exec(current.source)?.[1] : undefined;
  return [...(previous ? [previous] : []), ...escaped].join('|');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
