// Jest global teardown: stops the helper processes the global setup started (the spawner, the contract checker).
export default function globalTeardown() {
  globalThis.orgMirrorSpawner?.stop();
  delete process.env.ORG_MIRROR_TEST_SPAWNER;
  globalThis.orgMirrorContract?.stop();
  delete process.env.ORG_MIRROR_TEST_CONTRACT;
}
