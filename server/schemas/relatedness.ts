import { z } from '@hono/zod-openapi';
import { RELATEDNESS_LEVELS } from '../../shared/chains/nace.ts';

/** Relatedness of activities: learned from the links, and a matrix an administrator loaded. */

export const RelatedPairSchema = z
  .object({
    a: z.string().openapi({ description: 'NACE code at the level asked for; with `nace`, that code' }),
    b: z.string(),
    links: z.number().int().openapi({ description: 'Pairs of linked firms between the two activities (a pair of firms counts once, whatever its links)' }),
    expected: z.number().openapi({ description: 'The links chance alone would give: F_a·F_b / F (F_a² / 2F within one activity), F_a the link ends of activity a, F twice the links' }),
    ratio: z.number().openapi({ description: 'R = links / expected = F_ab·F / (F_a·F_b). Above 1: the activities link more often than chance' }),
    supported: z.boolean().openapi({ description: 'At least `minLinks` links: used by the suggestions. Below, the suggestions fall back to the coarser level' }),
  })
  .openapi('RelatedPair');

export const LoadedPairSchema = z.object({ a: z.string(), b: z.string(), ratio: z.number() }).openapi('LoadedRelatedPair');

export const LoadedMatrixSchema = z
  .object({
    source: z.string().openapi({ description: 'Where the matrix comes from, as the administrator who loaded it named it' }),
    url: z.string().nullable(),
    licence: z.string().nullable(),
    loadedBy: z.string(),
    loadedAt: z.string(),
    pairs: z.array(LoadedPairSchema).openapi({ description: 'Its values at the level asked for (and for `nace`, if given)' }),
  })
  .openapi('LoadedRelatednessMatrix');

export const RelatednessSchema = z
  .object({
    level: z.enum(RELATEDNESS_LEVELS),
    nace: z.string().nullable(),
    minLinks: z.number().int(),
    links: z.number().int().openapi({ description: 'Pairs of linked firms whose two activities are known: what the relatedness is learned from' }),
    pairs: z.array(RelatedPairSchema).openapi({ description: 'Every pair of activities with at least one link, strongest first' }),
    classes: z.array(z.string()).openapi({ description: 'The NACE classes of the registry’s firms' }),
    loaded: LoadedMatrixSchema.nullable().openapi({ description: 'The matrix an administrator loaded from a file, with its source; null when none is' }),
    sampleData: z.boolean().openapi({ description: 'True while the registry holds sample firms: their links are synthetic' }),
    dataVersion: z.number().int(),
  })
  .openapi('Relatedness');

export type RelatednessValue = z.infer<typeof RelatednessSchema>;

export const MatrixLoadedSchema = z
  .object({
    source: z.string(),
    pairs: z.number().int(),
    levels: z.object({ class: z.number().int(), group: z.number().int(), division: z.number().int() }),
  })
  .openapi('RelatednessMatrixLoaded');
