import { z } from '@hono/zod-openapi';
import { COUNTRIES, LINK_KINDS, SECTORS, TERRITORY_KINDS } from '../../shared/vocabulary.ts';
import { booleanParam, csvEnumParam, numberParam } from '../http/params.ts';
import { companyFilterParams } from './filters.ts';
import { TerritorySchema } from './territories.ts';

export const FIRM_DIMENSIONS = ['territory', 'country', 'sector'] as const;
export const LINK_DIMENSIONS = ['territory', 'country', 'sector', 'kind'] as const;

export const COUNTING_RULE =
  'Counting rule: every firm counts once, in its **primary sector** only, so the rows of a table add up to `total` ' +
  '(the number of firms `/api/companies` finds with the same filters). The `sector` filter keeps firms active in any of the ' +
  'given sectors, as everywhere in the API; a kept firm whose primary sector is another one is counted under that one. ' +
  'A firm counts in at most one territory of the set: the first, in the set’s order, that holds it ' +
  '(`inSeveralTerritories` says how many firms more than one held); firms in none are the row whose `territory` is null.';

const oneString = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);

const level = z
  .enum(TERRITORY_KINDS, { message: `expected one of ${TERRITORY_KINDS.join(', ')}` })
  .optional()
  .openapi({ description: 'With `by=territory`: which territories, every one of this kind (default `partner`, the programme’s partner territories)', default: 'partner' });

const territoryIds = z
  .preprocess(oneString, z.string())
  .transform((text, ctx) => {
    const ids = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
    if (ids.length === 0 || ids.length > 200 || ids.some((id) => !/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(id))) {
      ctx.addIssue({ code: 'custom', message: 'expected a comma-separated list of 1 to 200 territory ids (see /api/territories)' });
      return z.NEVER;
    }
    return ids;
  })
  .optional()
  .openapi({ type: 'string', example: 'fr-cc-chamonix,it-valle-aosta', description: 'With `by=territory`: these territories, in this order of preference (instead of `level`)' });

/** The territory set of a grouping: a kind, or a list of ids. */
export const territorySetParams = { level, territory: territoryIds };

export const firmStatsQuery = z.object({
  by: csvEnumParam(FIRM_DIMENSIONS, 'territory,sector').openapi({
    description: 'What to group by, any of: territory, country, sector (default `territory,sector`)',
    default: 'territory,sector',
  }),
  ...territorySetParams,
  ...companyFilterParams,
});

export const linkStatsQuery = z.object({
  by: csvEnumParam(LINK_DIMENSIONS, 'territory,kind').openapi({
    description: 'What to group by, any of: territory or country (the places of the two firms), sector (their primary sectors), kind (default `territory`)',
    default: 'territory',
  }),
  ...territorySetParams,
  ...companyFilterParams,
  crossBorder: booleanParam,
  kind: csvEnumParam(LINK_KINDS, 'supplier,partner'),
});

const TerritoryLabel = TerritorySchema.pick({ id: true, kind: true, name: true, names: true, shortNames: true, country: true }).openapi('TerritoryLabel');

const common = {
  territories: z.array(TerritoryLabel).openapi({ description: 'The territory set, in its order, when grouped by territory (labels for the rows’ ids); otherwise empty' }),
  dataVersion: z.number().int().openapi({ description: 'The registry’s data version the figures were computed at (also in `X-Data-Version`)' }),
  lastChange: z.string().nullable().openapi({ description: 'When a firm, link or territory still in the registry last changed (ISO 8601)' }),
};

export const FirmStatsSchema = z
  .object({
    by: z.array(z.enum(FIRM_DIMENSIONS)),
    rows: z.array(
      z.object({
        territory: z.string().nullable().optional().openapi({ description: 'Territory id; null for the firms in none of the set. Only with `by=territory`' }),
        country: z.enum(COUNTRIES).nullable().optional().openapi({ description: 'Only with `by=country`' }),
        sector: z.enum(SECTORS).nullable().optional().openapi({ description: 'Primary sector. Only with `by=sector`' }),
        firms: z.number().int(),
        employees: z.number().openapi({ description: 'Sum of the known headcounts, a band counted at its lower end: the same as `employeesMin`' }),
        employeesMin: z.number().openapi({ description: 'The known headcounts as a range: the sum of the lower ends of their bands (an exact headcount is its own band)' }),
        employeesMax: z.number().nullable().openapi({ description: 'The sum of the upper ends; null when a band has none (e.g. SIRENE 53, 10,000 and more)' }),
        employeesUnknown: z.number().int().openapi({ description: 'Firms whose headcount is unknown, left out of the employees rather than guessed' }),
        share: z.number().nullable().openapi({
          description: 'A fraction (0.25 = 25 %). Grouped by place and sector: the sector’s share of the place’s firms. Otherwise: the row’s share of `total`. Null when the place has no firm',
        }),
        lq: z.number().nullable().openapi({
          description: 'Location quotient, grouped by place and sector only: (firms of the sector in the place / firms in the place) / (firms of the sector / all firms), over the filtered firms. Above 1: the sector is over-represented there. Null when undefined',
        }),
      }),
    ),
    total: z.number().int().openapi({ description: 'Firms matching the filters: the sum of `firms` over the rows' }),
    employees: z.number().openapi({ description: 'Sum of the known headcounts of all of them (lower ends of bands): `employeesMin`' }),
    employeesMin: z.number(),
    employeesMax: z.number().nullable(),
    employeesUnknown: z.number().int(),
    inSeveralTerritories: z.number().int().openapi({ description: 'Firms more than one territory of the set held (each counted once, in the first)' }),
    sampleFirms: z.number().int().openapi({ description: 'How many of the counted firms are fictitious sample data' }),
    ...common,
  })
  .openapi('FirmStats');

export type FirmStatsValue = z.infer<typeof FirmStatsSchema>;

export const LinkStatsSchema = z
  .object({
    by: z.array(z.enum(LINK_DIMENSIONS)),
    rows: z.array(
      z.object({
        from: z.string().nullable().optional().openapi({ description: 'Territory id or country of the link’s first firm (`from`); with `by=territory` or `by=country`' }),
        to: z.string().nullable().optional().openapi({ description: 'The same for its second firm (`to`)' }),
        fromSector: z.enum(SECTORS).nullable().optional().openapi({ description: 'Primary sector of the first firm; with `by=sector`' }),
        toSector: z.enum(SECTORS).nullable().optional(),
        kind: z.enum(LINK_KINDS).nullable().optional().openapi({ description: 'With `by=kind`' }),
        crossBorder: z.boolean().openapi({ description: 'The two firms are in different countries' }),
        links: z.number().int(),
      }),
    ),
    total: z.number().int().openapi({ description: 'Links matching the filters (the sum of `links`)' }),
    crossBorder: z.number().int().openapi({ description: 'Of which between firms of two countries' }),
    ...common,
  })
  .openapi('LinkStats');

export type LinkStatsValue = z.infer<typeof LinkStatsSchema>;

/** The filters of a table over time: those of `/api/companies` but the status and date, which the years decide. */
const { status: _status, asOf: _asOf, ...timeFilterParams } = companyFilterParams;

const yearParam = (description: string) => numberParam(1800, 2200, { integer: true }).optional().openapi({ type: 'integer', description });

export const OPENING_UNKNOWN_RULE =
  'Every firm that ever was counts (closed ones too, in the years they were open). A firm whose opening date is unknown counts as present ' +
  'from the first year on and never as an opening (`openingUnknown` says how many); one closed on an unknown date is in no figure (`closingUnknown`).';

/** A table over the years: grouped like /api/stats, between two years, with the filters but status and date. */
const timeQuery = (by: string, from: string, to: string) =>
  z.object({
    by: csvEnumParam(FIRM_DIMENSIONS, 'territory,sector').openapi({ description: `${by} (default \`territory,sector\`)`, default: 'territory,sector' }),
    from: yearParam(from),
    to: yearParam(to),
    ...territorySetParams,
    ...timeFilterParams,
  });

export const trendsQuery = timeQuery('What to group by, any of: territory, country, sector', 'First year (default: 19 years before `to`)', 'Last year (default: this year)');

export const shiftShareQuery = timeQuery(
  'A place (territory or country) and sector',
  'The first date is 31 December of this year (default: 10 years before `to`)',
  'The second date is 31 December of this year (default: last year)',
);

const groupColumns = {
  territory: z.string().nullable().optional().openapi({ description: 'Territory id; null for the firms in none of the set. Only with `by=territory`' }),
  country: z.enum(COUNTRIES).nullable().optional().openapi({ description: 'Only with `by=country`' }),
  sector: z.enum(SECTORS).nullable().optional().openapi({ description: 'Primary sector. Only with `by=sector`' }),
};

const YearFigures = z.object({
  year: z.number().int(),
  firmsStart: z.number().int().openapi({ description: 'Firms open at the start of 1 January (those of 31 December of the year before)' }),
  opened: z.number().int().openapi({ description: 'Firms that opened during the year (known dates only)' }),
  closed: z.number().int().openapi({ description: 'Firms that closed during the year' }),
  firmsEnd: z.number().int().openapi({ description: 'Firms open on 31 December: firmsStart + opened − closed' }),
  net: z.number().int().openapi({ description: 'firmsEnd − firmsStart' }),
  growth: z.number().nullable().openapi({ description: 'net / firmsStart (0.05 = 5 %); null when the year starts with no firm' }),
  openingUnknown: z.number().int().openapi({ description: 'Of firmsEnd, the firms whose opening date is unknown (counted as present since the first year)' }),
});

const timeCommon = {
  from: z.number().int(),
  to: z.number().int(),
  closingUnknown: z.number().int().openapi({ description: 'Firms closed on an unknown date, left out of every figure' }),
  inSeveralTerritories: z.number().int(),
  sampleFirms: z.number().int().openapi({ description: 'How many of the firms counted are fictitious sample data' }),
};

export const TrendsSchema = z
  .object({
    by: z.array(z.enum(FIRM_DIMENSIONS)),
    rows: z.array(z.object({ ...groupColumns, ...YearFigures.shape })),
    totals: z.array(YearFigures).openapi({ description: 'The whole filtered registry, year by year' }),
    ...timeCommon,
    ...common,
  })
  .openapi('Trends');

export type TrendsValue = z.infer<typeof TrendsSchema>;

const growthOf = z.number().nullable().openapi({ description: '(firmsTo − firmsFrom) / firmsFrom; null when firmsFrom is 0' });

export const ShiftShareSchema = z
  .object({
    by: z.array(z.enum(FIRM_DIMENSIONS)),
    rows: z.array(
      z.object({
        ...groupColumns,
        firmsFrom: z.number().int().openapi({ description: 'Firms on 31 December of `from`' }),
        firmsTo: z.number().int().openapi({ description: 'Firms on 31 December of `to`' }),
        change: z.number().int().openapi({ description: 'firmsTo − firmsFrom = areaGrowth + industryMix + local' }),
        areaGrowth: z.number().openapi({ description: 'National share: firmsFrom × the whole area’s growth rate' }),
        industryMix: z.number().openapi({ description: 'firmsFrom × (the sector’s growth rate in the whole area − the area’s)' }),
        local: z.number().openapi({ description: 'Regional shift: change − areaGrowth − industryMix = firmsFrom × (the place’s growth rate of the sector − the sector’s in the area); all of the change when firmsFrom is 0' }),
        growth: growthOf,
      }),
    ),
    area: z.object({ firmsFrom: z.number().int(), firmsTo: z.number().int(), growth: growthOf }),
    sectors: z.array(z.object({ sector: z.enum(SECTORS).nullable(), firmsFrom: z.number().int(), firmsTo: z.number().int(), growth: growthOf })),
    ...timeCommon,
    ...common,
  })
  .openapi('ShiftShare');

export type ShiftShareValue = z.infer<typeof ShiftShareSchema>;
