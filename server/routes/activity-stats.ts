import { createRoute } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { activityStats } from '../../db/queries/activity-stats.ts';
import type { DataVersion } from '../../db/queries/data-version.ts';
import { lastChange } from '../../db/queries/stats.ts';
import { requestVersion } from '../http/data-version.ts';
import { createRouter, jsonContent, problems } from '../http/router.ts';
import { ActivityStatsSchema, activityStatsQuery } from '../schemas/activity-stats.ts';
import { toCompanyFilter } from '../schemas/filters.ts';

const activities = createRoute({
  method: 'get',
  path: '/stats/activities',
  tags: ['Statistics'],
  summary: 'The most common activities (NACE classes) of the firms, e.g. of one territory (`within`)',
  description: 'With the filters of `/api/companies`; also the extent of the firms counted, for a map of them.',
  request: { query: activityStatsQuery },
  responses: { 200: { description: 'The classes, most common first', ...jsonContent(ActivityStatsSchema) }, 400: problems[400] },
});

export function activityStatsRoutes({ db, versions }: { db: Database; versions: DataVersion }) {
  const router = createRouter();
  router.openapi(activities, async (c) => {
    const { limit = 10, ...filterQuery } = c.req.valid('query');
    const [stats, dataVersion, changed] = await Promise.all([activityStats(db, toCompanyFilter(filterQuery), limit), requestVersion(c, versions), lastChange(db)]);
    return c.json({ ...stats, dataVersion, lastChange: changed }, 200);
  });
  return router;
}
