// Jest global setup, run once before any test file (its environment reaches every worker):
// - the system tools the tests run must be there (scripts/check-tools.mjs; `npm test` already installed what it could),
//   else the suite stops with the check's one line instead of failing test by test;
// - git gets an identity and no configuration of this machine's user: tests pass on a machine where nobody ran
//   `git config --global user.*`, and a developer's own settings (signing, hooks, default branch) change nothing.
//   The product under test scrubs these variables from its own git processes (src/git/git.ts) and the CLI runs in a
//   clean environment (test/support/cli.ts).
// - dist/ is rebuilt when a source file is newer (build-dist.mjs).
// - the run's spawner starts (start-helpers.mjs): the test processes start their busiest children through it
//   (light-spawn.ts); the global teardown stops it.
// - the run's contract checker starts (start-helpers.mjs, test/forge/contract-server.mjs), while dist/ builds: the
//   fake hosts of every test process check their API traffic there (test/forge/contract.ts), so the schemas compile
//   once per run; the global teardown stops it.
import { checkTools } from '../../scripts/check-tools.mjs';
import buildDist from './build-dist.mjs';
import { startContractChecker, startSpawner } from './start-helpers.mjs';

export const TEST_GIT_ENV = {
  GIT_AUTHOR_NAME: 'org-mirror tests',
  GIT_AUTHOR_EMAIL: 'tests@org-mirror.invalid',
  GIT_COMMITTER_NAME: 'org-mirror tests',
  GIT_COMMITTER_EMAIL: 'tests@org-mirror.invalid',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

export default async function globalSetup() {
  const tools = checkTools({ install: false });
  if (!tools.ok) throw new Error(tools.line);
  Object.assign(process.env, TEST_GIT_ENV);
  const contract = startContractChecker();
  // Not awaited if the build throws: its failure must not be an unhandled rejection then (it exits with the run).
  contract.catch(() => undefined);
  buildDist();
  // Read by the global teardown (jest runs both in its main process).
  globalThis.orgMirrorSpawner = await startSpawner();
  process.env.ORG_MIRROR_TEST_SPAWNER = globalThis.orgMirrorSpawner.socketPath;
  globalThis.orgMirrorContract = await contract;
  process.env.ORG_MIRROR_TEST_CONTRACT = globalThis.orgMirrorContract.socketPath;
}
