import { z } from '@hono/zod-openapi';
import { RELATEDNESS_LEVELS } from '../../shared/chains/nace.ts';
import { CompanyFeature, CompanyProperties } from './features.ts';
import { SearchOrigin } from './nearby.ts';

/** The answer of the partner suggestions: firms ranked by a score whose reasons add up to it. */

const EvidenceSchema = z
  .object({
    source: z.enum(['learned', 'loaded']),
    sourceName: z.string().nullable().openapi({ description: 'The loaded matrix’s source; null when learned from the registry’s links' }),
    level: z.enum(RELATEDNESS_LEVELS).openapi({ description: 'The finest level with enough links (class, else group, else division)' }),
    from: z.string().openapi({ description: 'The origin’s activity at that level' }),
    to: z.string().openapi({ description: 'The candidate’s activity at that level' }),
    ratio: z.number(),
    links: z.number().int().nullable(),
    expected: z.number().nullable(),
  })
  .openapi('RelatednessEvidence');

const points = z.number().openapi({ description: 'This term’s share of the score; the points of the three reasons add up to `score`' });
const text = z.string().openapi({ description: 'The reason in words, in the language of `lang`' });

export const ReasonSchema = z
  .discriminatedUnion('term', [
    z.object({ term: z.literal('relatedness'), points, text, fromClass: z.string().nullable(), toClass: z.string().nullable(), evidence: EvidenceSchema.nullable() }),
    z.object({ term: z.literal('sharedPartners'), points, text, partners: z.number().int(), adamicAdar: z.number() }),
    z.object({ term: z.literal('distance'), points, text, distanceM: z.number(), halfDistanceM: z.number() }),
  ])
  .openapi('SuggestionReason');

export const PartnerFeature = CompanyFeature.extend({
  properties: CompanyProperties.extend({
    score: z.number().openapi({ description: 'The sum of the reasons’ points (from 0 to 3)' }),
    distance_m: z.number().openapi({ description: 'Ellipsoidal (WGS84) distance from the origin, metres' }),
    crossBorder: z.boolean().openapi({ description: "True when the firm's country is not the origin's" }),
    reasons: z.array(ReasonSchema),
  }),
}).openapi('PartnerFeature');

export const PartnersResult = z
  .object({
    type: z.literal('FeatureCollection'),
    origin: SearchOrigin.extend({
      nace: z.string().nullable().openapi({ description: 'The NACE class suggestions are related to; null when the firm’s activity is unknown' }),
    }),
    radius: z.number(),
    crossBorder: z.boolean().nullable(),
    relatedness: z.object({
      source: z.enum(['learned', 'loaded']),
      sourceName: z.string().nullable(),
      minLinks: z.number().int(),
      links: z.number().int().openapi({ description: 'Pairs of linked firms the relatedness is learned from' }),
    }),
    scoring: z.object({
      weights: z.object({ relatedness: z.number(), sharedPartners: z.number(), distance: z.number() }),
      halfDistanceM: z.number(),
      formula: z.string(),
    }),
    sampleData: z.boolean().openapi({ description: 'True while the registry holds sample firms: their links, and so the relatedness learned from them, are synthetic' }),
    dataVersion: z.number().int(),
    numberReturned: z.number().int(),
    features: z.array(PartnerFeature),
  })
  .openapi('PartnersResult');

export type PartnersResultValue = z.infer<typeof PartnersResult>;
export type PartnerFeatureValue = z.infer<typeof PartnerFeature>;
