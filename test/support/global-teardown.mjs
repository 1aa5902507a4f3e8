// Jest global teardown: stops the spawner the global setup started.
export default function globalTeardown() {
  globalThis.orgMirrorSpawner?.stop();
  delete process.env.ORG_MIRROR_TEST_SPAWNER;
}
