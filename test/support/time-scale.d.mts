export function timeScale(env?: NodeJS.ProcessEnv): number;
export function scaled(ms: number): number;
