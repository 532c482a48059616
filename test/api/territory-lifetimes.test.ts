import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CompanyFilter, keyedFilter } from '../../db/filters.ts';
import { firmLifetimes, groupedLifetimesQuery, keptLifetimesQuery } from '../../db/queries/lifetimes.ts';
import type { FirmDimension } from '../../db/queries/stats.ts';
import { testClient } from '../support/app.ts';
import { emptyRegistry, testEngines, useSampleDb } from '../support/databases.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';

/** territory_lifetimes recomputed from every firm and membership, for comparison with what the triggers keep. */
const RECOMPUTED_LIFETIMES = sql`
  SELECT place.territory_id, firm.primary_sector::text, firm.sectors_mask, firm.country::text, firm.size_band,
         coalesce(extract(year FROM firm.opened_on)::int, 0) AS opened,
         CASE WHEN firm.closed_on IS NOT NULL THEN extract(year FROM firm.closed_on)::int WHEN firm.status = 'closed' THEN -1 ELSE 0 END AS closed,
         firm.source = 'sample' AS sample, count(*)::int AS n
  FROM companies AS firm
  JOIN (SELECT '' AS territory_id, id AS company_id FROM companies UNION ALL SELECT territory_id, company_id FROM company_territories) AS place
    ON place.company_id = firm.id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
const KEPT_LIFETIMES = sql`
  SELECT territory_id, primary_sector::text, sectors_mask, country::text, size_band, opened::int, closed::int, sample, n
  FROM territory_lifetimes ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
const RECOMPUTED_OVERLAPS = sql`
  SELECT one.territory_id AS a, two.territory_id AS b, count(*)::int AS firms
  FROM company_territories AS one JOIN company_territories AS two ON two.company_id = one.company_id AND two.territory_id > one.territory_id
  GROUP BY 1, 2 ORDER BY 1, 2`;
const KEPT_OVERLAPS = sql`SELECT a, b, firms FROM territory_overlaps ORDER BY 1, 2`;

const PARTNERS = ['fr-cc-chamonix', 'fr-cc-pays-mont-blanc', 'it-valle-aosta', 'ch-martigny', 'ch-entremont', 'ch-saint-maurice'];

/** Sets of territories no firm is in two of, and groupings, that the kept rows must answer as grouping the firms does. */
const DISJOINT_SETS: Record<string, string[]> = {
  'partner territories': PARTNERS,
  countries: ['FR', 'IT', 'CH'],
  'regions, in another order': ['CH-VS', 'IT-AO', 'FR-74', 'FR-73'],
  'two partners (most firms in neither)': ['it-valle-aosta', 'ch-martigny'],
  'no territory': [],
};
const DIMENSIONS: FirmDimension[][] = [['territory', 'sector'], ['territory'], ['territory', 'country', 'sector'], ['country', 'sector'], ['sector'], []];
const KEYED_FILTERS: Record<string, CompanyFilter> = {
  none: {},
  'a sector': { sectors: ['phyto_wellbeing'] },
  'two sectors, a country': { sectors: ['outdoor', 'building_renovation'], countries: ['IT'] },
  sizes: { sizes: ['micro', 'medium'] },
  // Trends ignore today's status and date: both paths must.
  'closed firms as of a date': { status: 'closed', asOf: '2010-06-30' },
  'a blank search': { q: '  ' },
};

const sorted = (rows: object[]) => rows.map((row) => JSON.stringify({ ...row })).sort();

describe.each(testEngines())('territory lifetimes on %s', (engine) => {
  const holder = useSampleDb(engine);
  const plain = (rows: object[]) => rows.map((row) => ({ ...row }));
  const expectInStep = async () => {
    expect(plain(await holder.db.rows(KEPT_LIFETIMES))).toEqual(plain(await holder.db.rows(RECOMPUTED_LIFETIMES)));
    expect(plain(await holder.db.rows(KEPT_OVERLAPS))).toEqual(plain(await holder.db.rows(RECOMPUTED_OVERLAPS)));
  };

  beforeAll(async () => {
    // Closed firms on a date the register does not give, as well as the sample's dated closings.
    await holder.db.drizzle.execute(sql`UPDATE companies SET status = 'closed', closed_on = NULL WHERE id % 13 = 0`);
  });

  it('matches the firms and memberships after the seed', async () => {
    expect((await holder.db.rows(KEPT_LIFETIMES)).length).toBeGreaterThan(1000);
    // The built-in countries and the regions and partners inside them overlap: the test sees pairs.
    expect((await holder.db.rows(KEPT_OVERLAPS)).length).toBeGreaterThan(5);
    await expectInStep();
  });

  describe.each(Object.keys(DISJOINT_SETS))('a set: %s', (setName) => {
    const ids = DISJOINT_SETS[setName]!;
    it.each(Object.keys(KEYED_FILTERS))('adds up to the rows of grouping the firms, filter: %s', async (filterName) => {
      const filter = KEYED_FILTERS[filterName]!;
      expect(keyedFilter(filter)).toBe(true);
      for (const dims of DIMENSIONS) {
        const grouped = await holder.db.rows(groupedLifetimesQuery(filter, dims, ids));
        expect(grouped.length, dims.join()).toBeGreaterThan(10);
        expect(sorted(await holder.db.rows(keptLifetimesQuery(filter, dims, ids))), dims.join()).toEqual(sorted(grouped));
      }
    });
  });

  it('groups the firms for a set that holds a firm twice, and says how many', async () => {
    const ids = ['FR-74', 'fr-cc-chamonix', 'IT'];
    const lifetimes = await firmLifetimes(holder.db, {}, ['territory', 'sector'], ids);
    const grouped = await holder.db.rows<{ territory: string | null; firms: number; several: number; lost: boolean }>(groupedLifetimesQuery({}, ['territory', 'sector'], ids));
    expect(lifetimes.inSeveralTerritories).toBeGreaterThan(0);
    expect(lifetimes.inSeveralTerritories).toBe(grouped.filter((r) => !r.lost).reduce((s, r) => s + r.several, 0));
    const chamonix = (rows: { territory: string | null; firms: number }[]) => rows.filter((r) => r.territory === 'fr-cc-chamonix').reduce((s, r) => s + r.firms, 0);
    // Chamonix's firms are all in Haute-Savoie, first in the set: none is left to Chamonix.
    expect(chamonix(lifetimes.lifetimes)).toBe(0);
    expect(chamonix(grouped.filter((r) => !r.lost))).toBe(0);
  });

  it('leaves searches, communes, boxes and territories to the firms themselves', () => {
    expect(keyedFilter({ q: 'megeve' })).toBe(false);
    expect(keyedFilter({ commune: '74056' })).toBe(false);
    expect(keyedFilter({ bbox: [6.8, 45.8, 7, 46] })).toBe(false);
    expect(keyedFilter({ within: 'fr-cc-chamonix' })).toBe(false);
  });

  // Each check recomputes both tables from every firm: slow on the embedded engine when the machine is busy.
  it('follows every kind of write to a firm: create, move across a border, re-sector, band, open, close, reopen, delete', async () => {
    const client = testClient(holder.db);
    const a = (await client.post('/api/companies', chamonixGuides)).body;
    const b = (await client.post('/api/companies', courmayeurSpa)).body;
    await expectInStep();
    const moved = await client.patch(`/api/companies/${a.id}`, { country: 'IT', commune: { code: '007022', name: 'Courmayeur' }, location: { type: 'Point', coordinates: [6.97, 45.79] }, activity: { nace: '93.19', national: '93.19' }, openedOn: '1998-03-01' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await client.patch(`/api/companies/${b.id}`, { sectors: ['building_renovation'], primarySector: 'building_renovation', employeesRange: { min: 20, max: 49 } });
    await expectInStep();
    await client.patch(`/api/companies/${b.id}`, { openedOn: '2003-05-01', closedOn: '2011-02-28' });
    await client.patch(`/api/companies/${a.id}`, { status: 'closed', closedOn: null });
    await expectInStep();
    await client.patch(`/api/companies/${a.id}`, { status: 'active', closedOn: null, openedOn: null });
    await client.delete(`/api/companies/${b.id}`);
    await expectInStep();
  }, 120_000);

  it('follows territories loaded, redrawn and deleted', async () => {
    const client = testClient(holder.db);
    const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
    const loaded = await client.post('/api/territories', {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: box(6.76, 45.88, 6.99, 45.99), properties: { id: 'test-upper-arve', name: 'Test upper Arve' } },
        { type: 'Feature', geometry: box(6.88, 45.9, 7.05, 46.0), properties: { id: 'test-argentiere', name: 'Test Argentière' } },
      ],
    });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(201);
    const [pair] = await holder.db.rows<{ firms: number }>(sql`SELECT firms FROM territory_overlaps WHERE a = 'test-argentiere' AND b = 'test-upper-arve'`);
    expect(pair!.firms).toBeGreaterThan(0);
    await expectInStep();
    await holder.db.drizzle.execute(sql`UPDATE territories SET geometry = ST_Multi(ST_MakeEnvelope(6.9, 45.9, 7.0, 46.0, 4326)) WHERE id = 'test-argentiere'`);
    await expectInStep();
    expect((await client.delete('/api/territories/test-argentiere')).status).toBe(204);
    await expectInStep();
  }, 120_000);

  it('follows a bulk update and delete of many firms in one statement', async () => {
    await holder.db.drizzle.execute(sql`UPDATE companies SET employees = NULL, employees_min = 50, employees_max = 249 WHERE id % 3 = 0`);
    await holder.db.drizzle.execute(sql`UPDATE companies SET status = 'closed', closed_on = greatest(opened_on, '2020-01-31') WHERE id % 5 = 0 AND status = 'active'`);
    await holder.db.drizzle.execute(sql`DELETE FROM companies WHERE id % 7 = 0`);
    await expectInStep();
  });

  it('keeps no empty row behind', async () => {
    const [row] = await holder.db.rows<{ empty: number }>(sql`SELECT (SELECT count(*) FROM territory_lifetimes WHERE n <= 0) + (SELECT count(*) FROM territory_overlaps WHERE firms <= 0) AS empty`);
    expect(Number(row!.empty)).toBe(0);
  });

  it('is emptied with the registry', async () => {
    await emptyRegistry(holder.db);
    const [row] = await holder.db.rows<{ kept: number }>(sql`SELECT (SELECT count(*) FROM territory_lifetimes) + (SELECT count(*) FROM territory_overlaps) AS kept`);
    expect(Number(row!.kept)).toBe(0);
  });
});
