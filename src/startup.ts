/**
 * Process-wide settings applied before anything else is loaded (imported first by index.ts).
 *
 * undici (the HTTP client of the API calls and of the ref reads, and Node's own `fetch`) parses HTTP with llhttp
 * compiled to WebAssembly. V8 compiles that module twice by default: with its baseline compiler, then again with its
 * optimizing compiler in the background. The second compile costs about 0.4 s of CPU per process, more than a whole
 * no-op run of a small organization, and buys nothing measurable for the few megabytes of HTTP a run parses. Only the
 * baseline compiler is used. (WebAssembly flags are read when a module is compiled, and none is compiled yet here.)
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--liftoff-only');
