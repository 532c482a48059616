import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { countCompanies } from '../../db/queries/companies.ts';
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
            })
            .openapi('Health'),
        },
      },
    },
  },
});

export function healthRoutes({ db }: { db: Database }) {
  const router = createRouter();
  router.openapi(health, async (c) => {
    const counts = await countCompanies(db);
    return c.json({ status: 'ok' as const, engine: db.engine, companies: counts.total, sampleCompanies: counts.sample }, 200);
  });
  return router;
}
