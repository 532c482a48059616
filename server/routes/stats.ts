import { createRoute } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import type { DataVersion } from '../../db/queries/data-version.ts';
import { requestVersion } from '../http/data-version.ts';
import { countFirms, firmTable, lastChange, linkStats } from '../../db/queries/stats.ts';
import { type Territory, listTerritories } from '../../db/queries/territories.ts';
import type { TerritoryKind } from '../../shared/vocabulary.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, problems } from '../http/router.ts';
import { toCompanyFilter, toLinkFilter } from '../schemas/filters.ts';
import {
  COUNTING_RULE, FirmStatsSchema, LinkStatsSchema, OPENING_UNKNOWN_RULE, ShiftShareSchema, TrendsSchema,
  firmStatsQuery, linkStatsQuery, shiftShareQuery, trendsQuery,
} from '../schemas/stats.ts';
import { firmLifetimes } from '../../db/queries/lifetimes.ts';
import { shiftShareTable } from '../../db/queries/shift-share.ts';
import { trendTable } from '../../db/queries/trends.ts';

const firms = createRoute({
  method: 'get',
  path: '/stats',
  tags: ['Statistics'],
  summary: 'Firms, employees, shares and location quotients by territory, country and sector',
  description:
    `Computed live from the registry, with the same filters as \`/api/companies\`. ${COUNTING_RULE} ` +
    'Every territory of the set (or every country) has a row for every sector, zeros included.',
  request: { query: firmStatsQuery },
  responses: { 200: { description: 'One row per group', ...jsonContent(FirmStatsSchema) }, 400: problems[400] },
});

const links = createRoute({
  method: 'get',
  path: '/stats/links',
  tags: ['Statistics'],
  summary: 'Links within and between territories or countries, by sector and kind',
  description:
    'Counts of the links `/api/links` finds with the same filters (a link matches when at least one of its two firms does), ' +
    'grouped by the places of its two firms, kept in the link’s direction (`from` → `to`): `from = to` are the links within a place. ' +
    'Each firm is placed as in `/api/stats` (one territory of the set at most, its primary sector). Every row says whether its links cross a border; ' +
    'only groups with links are listed.',
  request: { query: linkStatsQuery },
  responses: { 200: { description: 'One row per group', ...jsonContent(LinkStatsSchema) }, 400: problems[400] },
});

const trends = createRoute({
  method: 'get',
  path: '/stats/trends',
  tags: ['Statistics'],
  summary: 'Firms year by year by territory, country and sector: at the start and end of each year, openings, closings, growth',
  description: `Computed live from the registry's opening and closing dates, with the filters of \`/api/companies\` (but \`status\` and \`asOf\`). ${OPENING_UNKNOWN_RULE} The firms are placed as in \`/api/stats\`: ${COUNTING_RULE}`,
  request: { query: trendsQuery },
  responses: { 200: { description: 'One row per group and year', ...jsonContent(TrendsSchema) }, 400: problems[400] },
});

const shiftShare = createRoute({
  method: 'get',
  path: '/stats/shift-share',
  tags: ['Statistics'],
  summary: 'Shift-share of the change in firms of each sector in each place between two years',
  description: `The change in firms of each sector in each place between 31 December of \`from\` and of \`to\`, split into the whole area's growth, the sector's growth in the area (industry mix) and the place's own component, which sum to the change. ${OPENING_UNKNOWN_RULE}`,
  request: { query: shiftShareQuery },
  responses: { 200: { description: 'One row per place and sector', ...jsonContent(ShiftShareSchema) }, 400: problems[400] },
});

/** The years of a table over time, checked: `from` before `to`, a century at most. */
function yearSpan(query: { from?: number | undefined; to?: number | undefined }, defaults: { to: number; span: number }) {
  const to = query.to ?? defaults.to;
  const from = query.from ?? to - defaults.span;
  if (from > to) throw ApiError.invalid([{ field: 'from', message: `must not be after to (${to})` }]);
  if (to - from > 100) throw ApiError.invalid([{ field: 'from', message: 'at most 100 years before to' }]);
  return { from, to };
}

type SetQuery = { level?: TerritoryKind | undefined; territory?: string[] | undefined };

/** The territories rows are grouped by: the ones named (in that order), or every one of a kind. */
export async function territorySet(db: Database, grouped: boolean, query: SetQuery): Promise<Territory[]> {
  if (!grouped) {
    const stray = (['level', 'territory'] as const).filter((field) => query[field] !== undefined);
    if (stray.length) throw ApiError.invalid(stray.map((field) => ({ field, message: 'only with by=territory' })));
    return [];
  }
  if (query.territory && query.level) throw ApiError.invalid([{ field: 'territory', message: 'give territory or level, not both' }]);
  if (!query.territory) return listTerritories(db, { kinds: [query.level ?? 'partner'] });
  const found = new Map((await listTerritories(db, { ids: query.territory })).map((t) => [t.id, t]));
  const unknown = query.territory.filter((id) => !found.has(id));
  if (unknown.length) throw ApiError.invalid([{ field: 'territory', message: `unknown territory ${unknown.map((id) => `'${id}'`).join(', ')} (see /api/territories)` }]);
  return query.territory.map((id) => found.get(id)!);
}

const labels = (set: Territory[]) =>
  set.map(({ id, kind, name, names, shortNames, country }) => ({ id, kind, name, names, shortNames, country }));

/** Leaves out of a row the dimensions it is not grouped by (optional fields of its schema). */
function only<T extends object>(row: T, keep: Record<string, boolean>): T {
  return Object.fromEntries(Object.entries(row).filter(([key]) => keep[key] ?? true)) as T;
}

export function statsRoutes({ db, versions }: { db: Database; versions: DataVersion }) {
  const router = createRouter();

  router.openapi(firms, async (c) => {
    const { by = ['territory', 'sector'], level, territory, ...filterQuery } = c.req.valid('query');
    const set = await territorySet(db, by.includes('territory'), { level, territory });
    const ids = set.map((t) => t.id);
    const [counts, dataVersion, changed] = await Promise.all([
      countFirms(db, toCompanyFilter(filterQuery), by, ids),
      requestVersion(c, versions),
      lastChange(db),
    ]);
    const table = firmTable(counts, by, ids);
    return c.json(
      { by, ...table, rows: table.rows.map((row) => only(row, keepOf(by))), territories: labels(set), dataVersion, lastChange: changed },
      200,
    );
  });

  router.openapi(links, async (c) => {
    const { by = ['territory'], level, territory, crossBorder, kind, ...filterQuery } = c.req.valid('query');
    if (by.includes('territory') && by.includes('country')) {
      throw ApiError.invalid([{ field: 'by', message: 'group the links by territory or by country, not both' }]);
    }
    const set = await territorySet(db, by.includes('territory'), { level, territory });
    const [stats, dataVersion, changed] = await Promise.all([
      linkStats(db, { ...toLinkFilter(filterQuery), crossBorder, kinds: kind }, by, set.map((t) => t.id)),
      requestVersion(c, versions),
      lastChange(db),
    ]);
    const placed = by.includes('territory') || by.includes('country');
    const keep = { from: placed, to: placed, fromSector: by.includes('sector'), toSector: by.includes('sector'), kind: by.includes('kind') };
    return c.json(
      { by, ...stats, rows: stats.rows.map((row) => only(row, keep)), territories: labels(set), dataVersion, lastChange: changed },
      200,
    );
  });

  router.openapi(trends, async (c) => {
    const { by = ['territory', 'sector'], level, territory, from: fromYear, to: toYear, ...filterQuery } = c.req.valid('query');
    const { from, to } = yearSpan({ from: fromYear, to: toYear }, { to: new Date().getUTCFullYear(), span: 19 });
    const set = await territorySet(db, by.includes('territory'), { level, territory });
    const ids = set.map((t) => t.id);
    const [data, dataVersion, changed] = await Promise.all([firmLifetimes(db, toCompanyFilter(filterQuery), by, ids), requestVersion(c, versions), lastChange(db)]);
    const table = trendTable(data, by, ids, from, to);
    const { lifetimes: _, ...counts } = data;
    return c.json({ by, from, to, rows: table.rows.map((row) => only(row, keepOf(by))), totals: table.totals, ...counts, territories: labels(set), dataVersion, lastChange: changed }, 200);
  });

  router.openapi(shiftShare, async (c) => {
    const { by = ['territory', 'sector'], level, territory, from: fromYear, to: toYear, ...filterQuery } = c.req.valid('query');
    if (!by.includes('sector') || !(by.includes('territory') || by.includes('country'))) {
      throw ApiError.invalid([{ field: 'by', message: 'a shift-share needs a place (territory or country) and sector' }]);
    }
    const { from, to } = yearSpan({ from: fromYear, to: toYear }, { to: new Date().getUTCFullYear() - 1, span: 10 });
    const set = await territorySet(db, by.includes('territory'), { level, territory });
    const ids = set.map((t) => t.id);
    const [data, dataVersion, changed] = await Promise.all([firmLifetimes(db, toCompanyFilter(filterQuery), by, ids), requestVersion(c, versions), lastChange(db)]);
    const table = shiftShareTable(data, by, ids, from, to);
    const { lifetimes: _, ...counts } = data;
    return c.json({ by, from, to, ...table, rows: table.rows.map((row) => only(row, keepOf(by))), ...counts, territories: labels(set), dataVersion, lastChange: changed }, 200);
  });

  return router;
}

const keepOf = (by: string[]) => ({ territory: by.includes('territory'), country: by.includes('country'), sector: by.includes('sector') });
