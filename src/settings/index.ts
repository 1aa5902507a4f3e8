/** The settings module: `readSettings` is the one reader of inputs. */
export * from './settings.js';
export { readSettings, DEFAULT_REPORT_FILE, DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './read-settings.js';
export { CliInfoRequested, type SettingsSources, envNameOf, actionEnvNameOf, inputReader } from './input-sources.js';
export { FEATURES } from './features.js';
export { secretsOf } from './secrets.js';
export { helpText } from './help.js';
export { VERSION } from './version.js';
export { DEFAULT_URLS, deriveApiUrl } from './urls.js';
