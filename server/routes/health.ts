import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { countCompanies } from '../../db/queries/companies.ts';
import type { DataVersion } from '../../db/queries/data-version.ts';
import { createRouter } from '../http/router.ts';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Service'],
  summary: 'Liveness, the database engine and the size of the registry',
  responses: {
    200: {
      description: 'The service answers',
      content: {
        'application/json': {
          schema: z
            .object({
              status: z.literal('ok'),
              engine: z.enum(['pglite', 'postgres']),
              companies: z.number().int(),
              sampleCompanies: z.number().int().openapi({ description: 'How many of them are fictitious sample firms' }),
              dataVersion: z.number().int().openapi({ description: 'Changes with every write to the registry' }),
            })
            .openapi('Health'),
        },
      },
    },
  },
});

const live = createRoute({
  method: 'get',
  path: '/live',
  tags: ['Service'],
  summary: 'Liveness only: answers without touching the database',
  responses: {
    200: { description: 'The process answers', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

export function healthRoutes({ db, versions }: { db: Database; versions: DataVersion }) {
  const router = createRouter();
  router.openapi(live, (c) => c.json({ status: 'ok' as const }, 200));
  router.openapi(health, async (c) => {
    const [counts, dataVersion] = await Promise.all([countCompanies(db), versions.current()]);
    return c.json(
      { status: 'ok' as const, engine: db.engine, companies: counts.total, sampleCompanies: counts.sample, dataVersion },
      200,
    );
  });
  return router;
}
