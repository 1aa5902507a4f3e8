/** Platform services: `detectRuntime(process.env)` gives the Runtime for GitHub Actions, GitLab CI or the CLI. */
export type { Runtime } from './runtime.js';
export type { MirrorRuntime } from './buffered-runtime.js';
export { detectRuntime, detectPlatform, type RuntimeOptions } from './detect-runtime.js';
export { TextRuntime, type TextRuntimeOptions } from './text-runtime.js';
export { SecretMasker, secretForms, MASK } from './secret-masker.js';
