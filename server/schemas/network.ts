import { z } from '@hono/zod-openapi';
import { RELATEDNESS_LEVELS } from '../../shared/chains/nace.ts';
import { COUNTRIES } from '../../shared/vocabulary.ts';
import { numberParam } from '../http/params.ts';
import { companyFilterParams } from './filters.ts';
import { territorySetParams } from './stats.ts';

const oneString = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);

export const networkQuery = z.object({
  ...territorySetParams,
  ...companyFilterParams,
  activityLevel: z
    .preprocess(oneString, z.enum(RELATEDNESS_LEVELS, { message: `expected one of ${RELATEDNESS_LEVELS.join(', ')}` }))
    .optional()
    .openapi({ default: 'division', description: 'The NACE level of the missing chains’ activities' }),
  minRatio: numberParam(1, 1000).optional().openapi({ type: 'number', default: 1.5, description: 'How related a pair must be to count as a chain: R at least this (and the minimum support in links)' }),
});

const BrokerSchema = z.object({ id: z.number().int(), name: z.string(), country: z.enum(COUNTRIES), paths: z.number().int() }).openapi('Broker');

const MissingChainSchema = z
  .object({
    from: z.string().openapi({ description: 'Activity present in the territory' }),
    to: z.string().openapi({ description: 'Related activity present across a border' }),
    ratio: z.number(),
    links: z.number().int().openapi({ description: 'Links between the two activities in the whole registry, behind the ratio' }),
    firmsHere: z.number().int(),
    firmsAcross: z.number().int(),
    territoriesAcross: z.array(z.string()),
  })
  .openapi('MissingChain');

export const NetworkSchema = z
  .object({
    rows: z.array(
      z.object({
        territory: z.string(),
        links: z.number().int().openapi({ description: 'Links with at least one firm in the territory' }),
        internal: z.number().int().openapi({ description: 'Of which with both firms in it' }),
        external: z.number().int().openapi({ description: 'Of which with the other firm elsewhere (another territory, or none of the set)' }),
        crossBorder: z.number().int().openapi({ description: 'Of which between firms of two countries' }),
        crossBorderShare: z.number().nullable().openapi({ description: 'crossBorder / links; null without links' }),
        eiIndex: z.number().nullable().openapi({ description: 'E–I index (external − internal) / (external + internal), from −1 (inward) to 1 (outward); null without links' }),
        brokers: z.array(BrokerSchema).openapi({ description: 'Its firms on the most two-step paths between firms of two countries not linked directly (up to 5)' }),
        missingChains: z.array(MissingChainSchema).openapi({ description: 'The strongest missing chains from the territory (up to 10)' }),
        missingChainsTotal: z.number().int(),
      }),
    ),
    links: z.number().int().openapi({ description: 'Links matching the filters' }),
    crossBorder: z.number().int(),
    crossBorderShare: z.number().nullable(),
    activityLevel: z.enum(RELATEDNESS_LEVELS),
    minRatio: z.number(),
    minLinks: z.number().int(),
    territories: z.array(z.object({ id: z.string(), name: z.string(), names: z.object({ fr: z.string(), it: z.string(), en: z.string() }), shortNames: z.object({ fr: z.string(), it: z.string(), en: z.string() }), country: z.enum(COUNTRIES).nullable() })),
    sampleData: z.boolean().openapi({ description: 'True while the registry holds sample firms: their links are synthetic' }),
    dataVersion: z.number().int(),
  })
  .openapi('NetworkIndicators');

export type NetworkValue = z.infer<typeof NetworkSchema>;
