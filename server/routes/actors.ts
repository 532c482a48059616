import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { listActors } from '../../db/queries/actors.ts';
import { createRouter } from '../http/router.ts';
import { ActorFeature, actorFeature } from '../schemas/features.ts';

const list = createRoute({
  method: 'get',
  path: '/actors',
  tags: ['Actors'],
  summary: 'Support organisations (accelerators, chambers, clusters, public bodies)',
  responses: {
    200: {
      description: 'All actors',
      content: {
        'application/json': {
          schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(ActorFeature) }).openapi('ActorCollection'),
        },
      },
    },
  },
});

export function actorRoutes({ db }: { db: Database }) {
  const router = createRouter();
  router.openapi(list, async (c) => {
    const actors = await listActors(db);
    return c.json({ type: 'FeatureCollection' as const, features: actors.map(actorFeature) }, 200);
  });
  return router;
}
