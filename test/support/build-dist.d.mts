/** Rebuilds `dist/` when a source file is newer than the bundle (see build-dist.mjs). */
export default function buildDist(): void;
