import { z } from '@hono/zod-openapi';
import { COUNTRIES } from '../../shared/vocabulary.ts';
import { CompanyFeature, CompanyProperties } from './features.ts';

/** The answer of /api/nearby: the firms nearest a point or a firm, with their distances. */

export const NearbyFeature = CompanyFeature.extend({
  properties: CompanyProperties.extend({
    distance_m: z.number().openapi({ description: 'Ellipsoidal (WGS84) distance from the origin, metres' }),
    crossBorder: z.boolean().openapi({ description: "True when the firm's country is not the origin's" }),
  }),
}).openapi('NearbyFeature');

/** Where a search starts: a point, and the firm it is, if any. */
export const SearchOrigin = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number(), z.number()]),
  company: z.number().int().nullable(),
  countries: z.array(z.enum(COUNTRIES)).openapi({
    description: "The origin's country; two in the disputed summit area, none outside FR, IT, CH",
  }),
});

export const NearbyResult = z
  .object({
    type: z.literal('FeatureCollection'),
    origin: SearchOrigin,
    radius: z.number(),
    numberReturned: z.number().int(),
    features: z.array(NearbyFeature),
  })
  .openapi('NearbyResult');

export type NearbyResultValue = z.infer<typeof NearbyResult>;
