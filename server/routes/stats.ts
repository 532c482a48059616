import { createRoute } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import type { DataVersion } from '../../db/queries/data-version.ts';
import { countFirms, firmTable, lastChange, linkStats } from '../../db/queries/stats.ts';
import { type Territory, listTerritories } from '../../db/queries/territories.ts';
import type { TerritoryKind } from '../../shared/vocabulary.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, problems } from '../http/router.ts';
import { toCompanyFilter, toLinkFilter } from '../schemas/filters.ts';
import { COUNTING_RULE, FirmStatsSchema, LinkStatsSchema, firmStatsQuery, linkStatsQuery } from '../schemas/stats.ts';

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

type SetQuery = { level?: TerritoryKind | undefined; territory?: string[] | undefined };

/** The territories rows are grouped by: the ones named (in that order), or every one of a kind. */
async function territorySet(db: Database, grouped: boolean, query: SetQuery): Promise<Territory[]> {
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
      versions.current(),
      lastChange(db),
    ]);
    const table = firmTable(counts, by, ids);
    const keep = { territory: by.includes('territory'), country: by.includes('country'), sector: by.includes('sector') };
    return c.json(
      { by, ...table, rows: table.rows.map((row) => only(row, keep)), territories: labels(set), dataVersion, lastChange: changed },
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
      versions.current(),
      lastChange(db),
    ]);
    const placed = by.includes('territory') || by.includes('country');
    const keep = { from: placed, to: placed, fromSector: by.includes('sector'), toSector: by.includes('sector'), kind: by.includes('kind') };
    return c.json(
      { by, ...stats, rows: stats.rows.map((row) => only(row, keep)), territories: labels(set), dataVersion, lastChange: changed },
      200,
    );
  });

  return router;
}
