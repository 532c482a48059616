import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { SAME_NAME_WITHIN_M, findLookAlikes } from '../../db/queries/look-alikes.ts';
import { COUNTRIES } from '../../shared/vocabulary.ts';
import { requireRole } from '../http/auth.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, writeProblems } from '../http/router.ts';
import { officialIdentifier } from '../import/identifiers.ts';

const LookAlike = z
  .object({
    id: z.number().int(),
    name: z.string(),
    reason: z.enum(['officialId', 'nameNearby']).openapi({ description: '`officialId`: holds the same official identifier; `nameNearby`: the same name within 200 m' }),
    distanceM: z.number().nullable(),
    status: z.string(),
  })
  .openapi('LookAlike');

const check = createRoute({
  method: 'get',
  path: '/look-alikes',
  tags: ['Companies'],
  summary: `Firms a new firm may duplicate: the same official identifier, or the same name within ${SAME_NAME_WITHIN_M} m (editors, before adding one)`,
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      name: z.string().trim().max(200, 'at most 200 characters').optional(),
      lon: z.coerce.number({ message: 'longitude must be a number' }).min(-180).max(180).optional(),
      lat: z.coerce.number({ message: 'latitude must be a number' }).min(-90).max(90).optional(),
      country: z.enum(COUNTRIES, { message: `expected one of ${COUNTRIES.join(', ')}` }).optional(),
      officialId: z.string().trim().max(40, 'at most 40 characters').optional(),
    }),
  },
  responses: { 200: { description: 'The look-alikes, the official identifier first', ...jsonContent(z.object({ lookAlikes: z.array(LookAlike) })) }, ...writeProblems },
});

export function lookAlikeRoutes({ db }: { db: Database }) {
  const router = createRouter();
  router.use('/look-alikes', requireRole('editor'));
  router.openapi(check, async (c) => {
    const { name, lon, lat, country, officialId } = c.req.valid('query');
    if ((lon === undefined) !== (lat === undefined)) throw ApiError.invalid([{ field: lon === undefined ? 'lon' : 'lat', message: 'give both lon and lat, or neither' }]);
    let normalised: string | null = null;
    if (officialId) {
      if (!country) throw ApiError.invalid([{ field: 'country', message: 'needed to read officialId' }]);
      const id = officialIdentifier(country, officialId);
      // An identifier that does not check out can belong to no firm: the save will say why.
      normalised = id.ok ? id.value : null;
    }
    const lookAlikes = await findLookAlikes(db, { name: name ?? '', location: lon === undefined ? null : [lon, lat!], officialId: normalised });
    return c.json({ lookAlikes }, 200);
  });
  return router;
}
