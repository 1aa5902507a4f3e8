export interface Helper {
  socketPath: string;
  pid?: number;
  stop(): void;
}
/** Starts the run's spawner (spawner.mjs); resolves once it listens. */
export function startSpawner(): Promise<Helper>;
/** Starts the run's shared contract checker (test/forge/contract-server.mjs); resolves once it listens. */
export function startContractChecker(): Promise<Helper>;
