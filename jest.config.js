import os from 'node:os';
import { scaled } from './test/support/time-scale.mjs';

// End-to-end files spend much of their time waiting on the git processes and fake hosts they drive: two workers more
// than the cores keep the cores busy (2 cores: 4 workers; measured on 2 cores: 419 s against 448 s with 3).
// ORG_MIRROR_TEST_WORKERS overrides it.
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const workers = Number(process.env.ORG_MIRROR_TEST_WORKERS) || Math.max(2, cores + 2);

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Types are checked once by `npm run typecheck`; tests only transpile (test/support/ts-transform.mjs).
  transform: { '^.+\\.ts$': '<rootDir>/test/support/ts-transform.mjs' },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Scaled to the machine (test/support/time-scale.mjs): a busy 2-core machine is slower, not wrong. Only a guard
  // against a hang: an end-to-end test of a dozen CLI runs takes a minute on a busy 2-core machine.
  testTimeout: scaled(150_000),
  maxWorkers: workers,
  // Slowest files first (test/support/sequencer.mjs), so that none starts last and runs alone.
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
  verbose: false,
};
