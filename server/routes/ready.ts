import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { missingMigrations } from '../../db/queries/migrations.ts';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { unavailableResponse } from '../http/problem.ts';
import { createRouter, problem } from '../http/router.ts';

// A probe must answer fast even when the database host drops packets (a connection attempt
// would wait for its own, much longer, timeout).
const CHECK_TIMEOUT_MS = 2000;

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['Service'],
  summary: 'Readiness: whether this process should get traffic (database reachable, schema up to date, not shutting down)',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } } },
    503: problem('Not ready: `detail` says why (database out of reach, migrations missing, shutting down)'),
  },
});

class CheckTimedOut extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimedOut()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Why this process should get no traffic now, or null when it may. */
async function notReadyBecause(db: Database, draining: () => boolean): Promise<string | null> {
  if (draining()) return 'The server is shutting down';
  try {
    const missing = await withTimeout(missingMigrations(db), CHECK_TIMEOUT_MS);
    if (missing.length === 0) return null;
    return `The database lacks ${missing.length} migration(s) of this release (${missing.join(', ')}): run \`npm run db:migrate\` or restart a process`;
  } catch (error) {
    if (error instanceof CheckTimedOut || isDatabaseUnavailable(error)) return 'The database cannot be reached';
    throw error;
  }
}

/** `/api/ready` for load balancers and orchestrators; `/api/live` (health.ts) stays the liveness probe. */
export function readyRoutes({ db, draining }: { db: Database; draining: () => boolean }) {
  const router = createRouter();
  router.openapi(ready, async (c) => {
    c.header('Cache-Control', 'no-store');
    const reason = await notReadyBecause(db, draining);
    if (reason === null) return c.json({ status: 'ready' as const }, 200);
    return unavailableResponse(c, reason) as never;
  });
  return router;
}
