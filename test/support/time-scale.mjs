/**
 * One factor for every time limit of the test suite (jest's testTimeout, per-test limits, "it ended well before the
 * bad behaviour would have" bounds), so that a slow or busy machine makes tests slower, not red:
 * `ORG_MIRROR_TEST_TIME_SCALE` when set (e.g. 3 on a loaded CI runner), otherwise 4 / CPU count, at least 1
 * (2 cores: × 2, 1 core: × 4). Plain JavaScript, so that jest.config.js can use it too.
 */
import os from 'node:os';

export function timeScale(env = process.env) {
  const given = Number(env.ORG_MIRROR_TEST_TIME_SCALE);
  if (env.ORG_MIRROR_TEST_TIME_SCALE && Number.isFinite(given) && given > 0) return given;
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, 4 / Math.max(1, cpus));
}

/** `ms` scaled to the machine. */
export function scaled(ms) {
  return Math.round(ms * timeScale());
}
