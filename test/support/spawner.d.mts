/** One frame of the spawner protocol (spawner.mjs). */
export function frame(type: string, payload: string | Buffer): Buffer;
/** A byte-stream reader calling `onFrame` for each complete frame. */
export function frameReader(onFrame: (type: string, payload: Buffer) => void): (chunk: Buffer) => void;
