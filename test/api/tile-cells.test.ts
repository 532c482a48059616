import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanyFilter } from '../../db/filters.ts';
import { CELL_LEVELS, groupedFirmsQuery, keyedOnCells, summedCellsQuery } from '../../db/tiles/grid-query.ts';
import { testClient } from '../support/app.ts';
import { emptyRegistry, testEngines, useSampleDb } from '../support/databases.ts';
import { tilesCovering } from '../support/mvt.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';

/** Every sample firm lies in this box. */
const AREA = [6.3, 45.4, 7.95, 46.5];
/** Around Mont Blanc, across the three borders, where high-zoom tiles are checked. */
const MONT_BLANC = [6.8, 45.8, 7.1, 45.97];

/** Filters the precomputed cells are keyed on, alone and together. */
const KEYED_FILTERS: Record<string, CompanyFilter> = {
  none: {},
  sector: { sectors: ['phyto_wellbeing'] },
  'two sectors': { sectors: ['outdoor', 'building_renovation'] },
  'country and size': { countries: ['IT', 'CH'], sizes: ['micro', 'medium'] },
  'closed firms': { status: 'closed' },
  'all firms, a sector': { status: 'all', sectors: ['outdoor'] },
  'as of the end of 2010': { asOf: '2010-12-31' },
  'as of the end of 1999, a sector and countries': { asOf: '1999-12-31', sectors: ['outdoor'], countries: ['FR', 'IT'] },
  'as of the end of 2025, sizes': { asOf: '2025-12-31', sizes: ['micro'] },
};

/** company_cells recomputed from scratch out of companies, for comparison with what the triggers keep. */
const RECOMPUTED_CELLS = sql`
  SELECT level, mx >> (31 - level) AS gx, my >> (31 - level) AS gy, primary_sector::text, sectors_mask, country::text, size_band,
         status::text, count(*)::int AS n, sum(mx::bigint)::text AS sx, sum(my::bigint)::text AS sy
  FROM companies CROSS JOIN generate_series(${CELL_LEVELS.min}::int, ${CELL_LEVELS.max}::int) AS level
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
const KEPT_CELLS = sql`
  SELECT level, gx, gy, primary_sector::text, sectors_mask, country::text, size_band, status::text, n, sx::text, sy::text
  FROM company_cells ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;

/** company_cell_years recomputed from each firm's opening and closing year (none for a firm closed on an unknown date). */
const RECOMPUTED_YEARS = sql`
  WITH events AS (
    SELECT mx, my, primary_sector, sectors_mask, country, size_band, coalesce(extract(year FROM opened_on)::int, 0) AS year, 1 AS delta
    FROM companies WHERE status = 'active' OR closed_on IS NOT NULL
    UNION ALL
    SELECT mx, my, primary_sector, sectors_mask, country, size_band, extract(year FROM closed_on)::int, -1 FROM companies WHERE closed_on IS NOT NULL)
  SELECT level, mx >> (31 - level) AS gx, my >> (31 - level) AS gy, primary_sector::text, sectors_mask, country::text, size_band,
         year, sum(delta)::int AS n, sum(delta * mx::bigint)::text AS sx, sum(delta * my::bigint)::text AS sy
  FROM events CROSS JOIN generate_series(${CELL_LEVELS.min}::int, ${CELL_LEVELS.max}::int) AS level
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(delta) <> 0 OR sum(delta * mx::bigint) <> 0 OR sum(delta * my::bigint) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
const KEPT_YEARS = sql`
  SELECT level, gx, gy, primary_sector::text, sectors_mask, country::text, size_band, year, n, sx::text, sy::text
  FROM company_cell_years ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;

describe.each(testEngines())('precomputed tile cells on %s', (engine) => {
  const holder = useSampleDb(engine);
  const plain = (rows: object[]) => rows.map((row) => ({ ...row }));
  const expectCellsInStep = async () => {
    expect(plain(await holder.db.rows(KEPT_CELLS))).toEqual(plain(await holder.db.rows(RECOMPUTED_CELLS)));
    expect(plain(await holder.db.rows(KEPT_YEARS))).toEqual(plain(await holder.db.rows(RECOMPUTED_YEARS)));
  };

  beforeAll(async () => {
    // More closed firms than the sample's, some on a date the register does not give.
    await holder.db.drizzle.execute(sql`UPDATE companies SET status = 'closed', closed_on = greatest(opened_on, '2024-06-30') WHERE id % 11 = 0`);
    await holder.db.drizzle.execute(sql`UPDATE companies SET status = 'closed', closed_on = NULL WHERE id % 13 = 0`);
  });

  it.each(Object.keys(KEYED_FILTERS))('adds up to the same cells as grouping the firms, filter: %s', async (name) => {
    const filter = KEYED_FILTERS[name]!;
    expect(keyedOnCells(filter)).toBe(true);
    let cells = 0;
    for (const [z, size] of [[3, 8], [6, 8], [8, 16], [10, 8], [12, 16], [13, 8]] as const) {
      for (const tile of tilesCovering(z < 12 ? AREA : MONT_BLANC, z)) {
        const summed = await holder.db.rows(summedCellsQuery(tile, size, filter, 10_000));
        const grouped = await holder.db.rows(groupedFirmsQuery(tile, size, filter, 10_000));
        expect(plain(summed)).toEqual(plain(grouped));
        cells += summed.length;
      }
    }
    expect(cells).toBeGreaterThan(100);
  });

  it('leaves searches, communes and boxes to the firms themselves', () => {
    expect(keyedOnCells({ q: 'megeve' })).toBe(false);
    expect(keyedOnCells({ commune: '74056' })).toBe(false);
    expect(keyedOnCells({ bbox: [6.8, 45.8, 7, 46] })).toBe(false);
    expect(keyedOnCells({ q: '  ' })).toBe(true);
  });

  it('leaves the firms of dates other than a year\'s end, and the closed firms of a date, to the firms themselves', () => {
    expect(keyedOnCells({ asOf: '2010-06-30' })).toBe(false);
    expect(keyedOnCells({ asOf: '2010-12-31', status: 'closed' })).toBe(false);
    expect(keyedOnCells({ asOf: '2010-12-31', status: 'all' })).toBe(false);
  });

  it('matches the firms after the seed', async () => {
    expect((await holder.db.rows(KEPT_YEARS)).length).toBeGreaterThan(1000);
    await expectCellsInStep();
  });

  // Each check recomputes both tables from every firm: slow on the embedded engine when the machine is busy.
  it('follows every kind of write through the API: create, move, re-sector, resize, band, close, reopen, delete', async () => {
    const client = testClient(holder.db);
    const a = (await client.post('/api/companies', chamonixGuides)).body;
    const b = (await client.post('/api/companies', courmayeurSpa)).body;
    await client.patch(`/api/companies/${a.id}`, { location: { type: 'Point', coordinates: [6.95, 46.05] } });
    await client.patch(`/api/companies/${b.id}`, { sectors: ['building_renovation'], primarySector: 'building_renovation' });
    await client.patch(`/api/companies/${b.id}`, { employees: 300 });
    await client.patch(`/api/companies/${b.id}`, { employees: null, employeesRange: { min: 20, max: 49 } });
    await client.patch(`/api/companies/${b.id}`, { closedOn: '2026-01-31' });
    await expectCellsInStep();
    await client.patch(`/api/companies/${b.id}`, { openedOn: '2003-05-01', closedOn: '2011-02-28' });
    await client.patch(`/api/companies/${a.id}`, { openedOn: null });
    await expectCellsInStep();
    await client.patch(`/api/companies/${b.id}`, { status: 'closed', closedOn: null });
    await expectCellsInStep();
    await client.patch(`/api/companies/${b.id}`, { status: 'active', closedOn: null });
    await client.delete(`/api/companies/${a.id}`);
    await expectCellsInStep();
  }, 120_000);

  it('follows a bulk update and delete of many firms in one statement', async () => {
    await holder.db.drizzle.execute(sql`UPDATE companies SET employees = coalesce(employees, 0) + 40, employees_min = coalesce(employees, 0) + 40, employees_max = coalesce(employees, 0) + 40 WHERE id % 3 = 0`);
    await holder.db.drizzle.execute(sql`UPDATE companies SET status = 'closed' WHERE id % 5 = 0`);
    await holder.db.drizzle.execute(sql`DELETE FROM companies WHERE id % 7 = 0`);
    await expectCellsInStep();
  });

  it('keeps no empty cell behind', async () => {
    const [row] = await holder.db.rows<{ empty: number }>(sql`SELECT count(*)::int AS empty FROM company_cells WHERE n <= 0`);
    expect(row!.empty).toBe(0);
    const [years] = await holder.db.rows<{ empty: number }>(sql`SELECT count(*)::int AS empty FROM company_cell_years WHERE n = 0 AND sx = 0 AND sy = 0`);
    expect(years!.empty).toBe(0);
  });

  it('is emptied with the registry', async () => {
    await emptyRegistry(holder.db);
    const [row] = await holder.db.rows<{ cells: number }>(sql`SELECT (SELECT count(*) FROM company_cells) + (SELECT count(*) FROM company_cell_years) AS cells`);
    expect(Number(row!.cells)).toBe(0);
  });
});

/** link_flows recomputed from scratch out of links, rounded where sums of floats may differ in the last digits. */
const RECOMPUTED_FLOWS = sql`
  SELECT least(from_commune, to_commune) AS commune1, greatest(from_commune, to_commune) AS commune2, from_country <> to_country AS cross_border,
         count(*)::int AS n,
         round(sum(ST_X(CASE WHEN from_commune <= to_commune THEN from_point ELSE to_point END))::numeric, 3)::text AS sx1,
         round(sum(ST_Y(CASE WHEN from_commune <= to_commune THEN to_point ELSE from_point END))::numeric, 3)::text AS sy2
  FROM links WHERE from_commune <> to_commune AND ends_active GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
const KEPT_FLOWS = sql`
  SELECT commune1, commune2, cross_border, n, round(sx1::numeric, 3)::text AS sx1, round(sy2::numeric, 3)::text AS sy2
  FROM link_flows ORDER BY 1, 2, 3`;

describe.each(testEngines())('precomputed link flows on %s', (engine) => {
  const holder = useSampleDb(engine);
  const plain = (rows: object[]) => rows.map((row) => ({ ...row }));
  const expectInStep = async () => expect(plain(await holder.db.rows(KEPT_FLOWS))).toEqual(plain(await holder.db.rows(RECOMPUTED_FLOWS)));


  it('matches the links after the seed', async () => {
    expect((await holder.db.rows(KEPT_FLOWS)).length).toBeGreaterThan(50);
    await expectInStep();
  });

  it('follows links made and removed, and firms that move to another commune', async () => {
    const client = testClient(holder.db);
    const a = (await client.post('/api/companies', chamonixGuides)).body.id;
    const b = (await client.post('/api/companies', courmayeurSpa)).body.id;
    const link = (await client.post('/api/links', { from: a, to: b, kind: 'partner' })).body;
    await expectInStep();
    const moved = await client.patch(`/api/companies/${b}`, { commune: { code: '007025', name: 'Emarèse' }, location: { type: 'Point', coordinates: [7.6898, 45.7249] } });
    expect(moved.status).toBe(200);
    await expectInStep();
    // A closed firm's links leave the flows, and come back when it reopens.
    await client.patch(`/api/companies/${a}`, { closedOn: '2026-01-31' });
    const [ends] = await holder.db.rows<{ ends_active: boolean }>(sql`SELECT ends_active FROM links WHERE id = ${link.id}`);
    expect(ends!.ends_active).toBe(false);
    await expectInStep();
    await client.patch(`/api/companies/${a}`, { status: 'active', closedOn: null });
    await expectInStep();
    await client.delete(`/api/links/${link.id}`);
    await client.delete(`/api/companies/${a}`);
    await expectInStep();
  });

  it('is emptied with the registry', async () => {
    await emptyRegistry(holder.db);
    expect(await holder.db.rows(sql`SELECT 1 FROM link_flows`)).toHaveLength(0);
  });
});
