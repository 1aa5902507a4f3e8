import { scaled } from './test/support/time-scale.mjs';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Types are checked once by `npm run typecheck`; tests only transpile.
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', isolatedModules: true }] },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Scaled to the machine (test/support/time-scale.mjs): a busy 2-core machine is slower, not wrong.
  testTimeout: scaled(60000),
  maxWorkers: 2,
  verbose: false,
};
