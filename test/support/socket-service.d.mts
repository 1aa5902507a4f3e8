/** The main of the run's helper processes (socket-service.mjs). */
export function serveWhenMain(moduleUrl: string, serve: (socket: import('node:net').Socket) => void): void;
/** Calls `onLine` for each complete, non-empty line of a UTF-8 text stream. */
export function lineReader(onLine: (line: string) => void): (chunk: string) => void;
