import { createRoute, z } from '@hono/zod-openapi';
import { communes } from '../../geodata/index.ts';
import { COUNTRIES } from '../../shared/vocabulary.ts';
import { foldPlaceName } from '../geo/place-name.ts';
import { createRouter, jsonContent, problems } from '../http/router.ts';

const Commune = z
  .object({
    code: z.string().openapi({ description: 'INSEE code (FR), ISTAT code (IT) or BFS number (CH)' }),
    name: z.string(),
    country: z.enum(COUNTRIES),
    lon: z.number().nullable().openapi({ description: "The town's point, when geodata has one" }),
    lat: z.number().nullable(),
  })
  .openapi('Commune');

const list = createRoute({
  method: 'get',
  path: '/communes',
  tags: ['Territories'],
  summary: 'The communes of the programme, for picking a firm’s commune by name',
  request: {
    query: z.object({
      country: z.enum(COUNTRIES, { message: `expected one of ${COUNTRIES.join(', ')}` }).optional(),
      q: z.string().trim().max(100, 'at most 100 characters').optional().openapi({ description: 'Part of the name, accents and case aside' }),
    }),
  },
  responses: { 200: { description: 'By name', ...jsonContent(z.object({ communes: z.array(Commune) })) }, 400: problems[400] },
});

export function communeRoutes() {
  const router = createRouter();
  router.openapi(list, (c) => {
    const { country, q } = c.req.valid('query');
    const wanted = q ? foldPlaceName(q) : '';
    const found = communes
      .filter((commune) => (!country || commune.country === country) && (!wanted || foldPlaceName(commune.name).includes(wanted)))
      .map(({ code, name, country: of, lon, lat }) => ({ code, name, country: of, lon, lat }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return c.json({ communes: found }, 200);
  });
  return router;
}
