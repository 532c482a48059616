import { z } from '@hono/zod-openapi';
import { limitParam } from '../http/params.ts';
import { companyFilterParams } from './filters.ts';

const names = z.object({ fr: z.string(), it: z.string(), en: z.string() });

export const activityStatsQuery = z.object({
  ...companyFilterParams,
  limit: limitParam(10, 50).openapi({ description: 'How many classes (default 10, max 50)' }),
});

export const ActivityStatsSchema = z
  .object({
    rows: z.array(z.object({
      nace: z.string().openapi({ example: '93.19', description: 'NACE Rev. 2 class' }),
      title: names.nullable().openapi({ description: 'The class’s official title, where the Atlas knows it' }),
      firms: z.number().int(),
      share: z.number().openapi({ description: 'Of the firms matching the filters (0.25 = 25 %)' }),
    })),
    firms: z.number().int().openapi({ description: 'Firms matching the filters' }),
    withoutActivity: z.number().int().openapi({ description: 'Of which the registry has no NACE class for' }),
    extent: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().openapi({ description: 'Bounding box of their locations: minLon, minLat, maxLon, maxLat' }),
    dataVersion: z.number().int(),
    lastChange: z.string().nullable(),
  })
  .openapi('ActivityStats');

export type ActivityStatsValue = z.infer<typeof ActivityStatsSchema>;
