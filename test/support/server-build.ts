import { fileURLToPath } from 'node:url';

/**
 * The server as `npm start` runs it: server/main.ts compiled into dist/node (tsconfig.build.json).
 * The global setup compiles it for a run whose test files reach this module through their
 * imports (builds-needed.ts); outside Vitest, `npm run build:server` does.
 */
export const COMPILED_SERVER = fileURLToPath(new URL('../../dist/node/server/main.js', import.meta.url));
