/** Starts the run's spawner (spawner.mjs); resolves once it listens. */
export function startSpawner(): Promise<{ socketPath: string; stop(): void }>;
