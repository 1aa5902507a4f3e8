/** Environment every test process gets: a git identity and no user or system git configuration. */
export const TEST_GIT_ENV: Record<string, string>;
/** Jest global setup (see global-setup.mjs). */
export default function globalSetup(): Promise<void>;
