import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { getCompany } from '../../db/queries/companies.ts';
import { nearbyCompanies } from '../../db/queries/nearby.ts';
import type { Config } from '../config.ts';
import { countriesAt } from '../geo/countries.ts';
import { seesPrivate } from '../http/auth.ts';
import { limitParam, numberParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, problems } from '../http/router.ts';
import { companyFeature } from '../schemas/features.ts';
import { companyFilterParams } from '../schemas/filters.ts';
import { NearbyResult } from '../schemas/nearby.ts';

export const MAX_RADIUS_M = 100_000;
const DEFAULT_RADIUS_M = 10_000;

/** The radius of a search around a point or a firm, in metres. */
export const radiusParam = (defaultM: number) =>
  numberParam(1, MAX_RADIUS_M)
    .optional()
    .openapi({ type: 'number', default: defaultM, description: `Metres (default ${defaultM}, max ${MAX_RADIUS_M})` });

/** The filters a search around a point or a firm takes. */
export const aroundFilterParams = {
  sector: companyFilterParams.sector,
  country: companyFilterParams.country,
  size: companyFilterParams.size,
};

const nearby = createRoute({
  method: 'get',
  path: '/nearby',
  tags: ['Companies'],
  summary: 'Companies near a point or a company, nearest first',
  request: {
    query: z.object({
      lon: numberParam(-180, 180).optional(),
      lat: numberParam(-90, 90).optional(),
      company: numberParam(1, 2_147_483_647, { integer: true }).optional(),
      radius: radiusParam(DEFAULT_RADIUS_M),
      ...aroundFilterParams,
      status: companyFilterParams.status,
      asOf: companyFilterParams.asOf,
      limit: limitParam(100, 1000),
    }),
  },
  responses: {
    200: { description: 'The companies within the radius', content: { 'application/json': { schema: NearbyResult } } },
    ...problems,
  },
});

/** Resolves the origin: a company (its location and country) or a point (the countries it lies in). */
async function resolveOrigin(db: Database, query: { lon?: number | undefined; lat?: number | undefined; company?: number | undefined }) {
  const hasPoint = query.lon !== undefined || query.lat !== undefined;
  if (query.company !== undefined) {
    if (hasPoint) {
      throw ApiError.invalid([{ field: 'company', message: 'give either company or lon and lat, not both' }]);
    }
    const company = await getCompany(db, query.company);
    if (!company) throw ApiError.invalid([{ field: 'company', message: `company ${query.company} does not exist` }]);
    return { point: company.location, company: company.id, countries: [company.country] };
  }
  if (query.lon === undefined || query.lat === undefined) {
    const field = query.lon === undefined ? 'lon' : 'lat';
    throw ApiError.invalid([{ field, message: 'required: give lon and lat, or company' }]);
  }
  const point: [number, number] = [query.lon, query.lat];
  return { point, company: null, countries: countriesAt(point) };
}

export function nearbyRoutes({ db }: { db: Database; config: Config }) {
  const router = createRouter();
  router.openapi(nearby, async (c) => {
    const query = c.req.valid('query');
    const origin = await resolveOrigin(db, query);
    const radius = query.radius ?? DEFAULT_RADIUS_M;
    const hits = await nearbyCompanies(db, {
      origin: origin.point,
      radiusM: radius,
      limit: query.limit ?? 100,
      filter: { sectors: query.sector, countries: query.country, sizes: query.size, status: query.status, asOf: query.asOf },
      excludeId: origin.company ?? undefined,
    });
    const withPrivate = seesPrivate(c);
    return c.json(
      {
        type: 'FeatureCollection' as const,
        origin: { type: 'Point' as const, coordinates: origin.point, company: origin.company, countries: origin.countries },
        radius,
        numberReturned: hits.length,
        features: hits.map(({ company, distanceM }) => {
          const feature = companyFeature(company, { withPrivate });
          const crossBorder = !origin.countries.includes(company.country);
          return { ...feature, properties: { ...feature.properties, distance_m: distanceM, crossBorder } };
        }),
      },
      200,
    );
  });
  return router;
}
