import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { openSampleDb, testEngines } from '../support/databases.ts';
import { FLOW_MAX_ZOOM } from '../../db/tiles/links-query.ts';
import { decodeLayer, tilesCovering } from '../support/mvt.ts';

/**
 * The registry as of a date, trends and shift-share, each checked against an independent count
 * over the exported CSV (its opening and closing dates), written here without the app's code.
 */

type Row = Record<string, string>;

/** Open on `date` by the documented rule: opened by then or on an unknown date; not closed by then (an unknown closing: closed). */
const openOn = (r: Row, date: string) =>
  (r.opened_on === '' || r.opened_on! <= date) && !(r.status === 'closed' && (r.closed_on === '' || r.closed_on! <= date));
const closedUnknown = (r: Row) => r.status === 'closed' && r.closed_on === '';
const yearOf = (date: string) => (date === '' ? null : Number(date.slice(0, 4)));

/** Every sample firm lies in this box. */
const AREA = [6.3, 45.4, 7.95, 46.5];

describe.each(testEngines())('the registry over time on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let registry: Row[];

  beforeAll(async () => {
    db = await openSampleDb(engine);
    client = testClient(db);
    const response = await client.app.request('http://localhost/api/companies?format=csv&status=all');
    registry = parse(await response.text(), { bom: true, columns: true }) as Row[];
  });
  afterAll(() => db?.close());

  it('exports dates to count from: known and unknown openings, closings on a date and on none', () => {
    expect(registry.length).toBe(3450);
    expect(registry.filter((r) => r.opened_on === '').length).toBeGreaterThan(100);
    expect(registry.filter((r) => r.closed_on !== '').length).toBeGreaterThan(100);
  });

  describe.each(['2010-12-31', '2003-06-15', '2026-10-31', '1990-01-01'])('as of %s', (date) => {
    const expected = () => registry.filter((r) => openOn(r, date));

    it('lists, counts and exports the firms open on that date', async () => {
      expect(expected().length).toBeGreaterThan(100);
      const page = await client.get(`/api/companies?asOf=${date}&limit=1`);
      expect(page.status).toBe(200);
      expect(page.body.numberMatched).toBe(expected().length);
      const all = await client.get(`/api/companies?asOf=${date}&format=geojson`);
      expect(all.body.features.map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b))
        .toEqual(expected().map((r) => Number(r.id)).sort((a, b) => a - b));
      const stats = await client.get(`/api/stats?asOf=${date}&by=sector`);
      expect(stats.body.total).toBe(expected().length);
      const outdoor = expected().filter((r) => r.primary_sector === 'outdoor').length;
      expect(stats.body.rows.find((row: { sector: string }) => row.sector === 'outdoor').firms).toBe(outdoor);
    });

    it('gives the closed and the opened firms of that date with status', async () => {
      const closed = registry.filter((r) => (r.opened_on === '' || r.opened_on! <= date) && !openOn(r, date));
      expect((await client.get(`/api/companies?asOf=${date}&status=closed&limit=1`)).body.numberMatched).toBe(closed.length);
      const opened = registry.filter((r) => r.opened_on === '' || r.opened_on! <= date);
      expect((await client.get(`/api/companies?asOf=${date}&status=all&limit=1`)).body.numberMatched).toBe(opened.length);
    });

    it('adds up the same count over the tiles of the area, at cluster and density zooms', async () => {
      for (const [layer, z] of [['companies', 6], ['companies', 9], ['density', 8]] as const) {
        let sum = 0;
        for (const t of tilesCovering(AREA, z)) {
          const response = await client.app.request(`http://localhost/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt?asOf=${date}`);
          if (response.status === 204) continue;
          for (const f of decodeLayer(await response.arrayBuffer(), layer)) sum += f.properties.count as number;
        }
        expect(sum, `${layer} z${z}`).toBe(expected().length);
      }
    });

    it('finds the nearby firms open on that date', async () => {
      const near = '/api/nearby?lon=6.87&lat=45.92&radius=8000&limit=1000';
      const answer = await client.get(`${near}&asOf=${date}`);
      expect(answer.status).toBe(200);
      // Every firm within the radius, whatever its status, kept when it was open on that date.
      const open = new Set(expected().map((r) => Number(r.id)));
      const all = (await client.get(`${near}&status=all`)).body.features as { id: number }[];
      expect(all.length).toBeLessThan(1000);
      expect(all.length).toBeGreaterThan(50);
      const ids = (features: { id: number }[]) => features.map((f) => f.id).sort((a, b) => a - b);
      expect(ids(answer.body.features)).toEqual(ids(all.filter((f) => open.has(f.id))));
    });

    it('shows the links made by then between firms both open then', async () => {
      const links = (await client.get('/api/links?status=all&limit=1000')).body.features as { properties: { from: { id: number }; to: { id: number }; since: number | null } }[];
      const byId = new Map(registry.map((r) => [Number(r.id), r]));
      const year = Number(date.slice(0, 4));
      const open = links.filter(({ properties: p }) =>
        (p.since === null || p.since <= year) && openOn(byId.get(p.from.id)!, date) && openOn(byId.get(p.to.id)!, date));
      // The sample's links were made from 2000 on: none stood in 1990.
      if (year >= 2000) expect(open.length).toBeGreaterThan(0);
      expect((await client.get(`/api/links?asOf=${date}&limit=1`)).body.numberMatched).toBe(open.length);
      const flows = await client.get(`/api/stats/links?asOf=${date}`);
      expect(flows.body.total).toBe(open.length);
    });
  });

  it.each(['2010-12-31', '2012-06-30'])('draws, as of %s, the links standing then: each at high zoom, their flows between communes at low zoom', async (date) => {
    type Link = { id: number; properties: { from: { id: number; commune: { code: string } }; to: { id: number; commune: { code: string } }; since: number | null } };
    const all = (await client.get('/api/links?status=all&limit=5000')).body.features as Link[];
    const byId = new Map(registry.map((r) => [Number(r.id), r]));
    const year = Number(date.slice(0, 4));
    const standing = all.filter(({ properties: p }) => (p.since === null || p.since <= year) && openOn(byId.get(p.from.id)!, date) && openOn(byId.get(p.to.id)!, date));
    expect(standing.length).toBeGreaterThan(10);
    expect(standing.length).toBeLessThan(all.length);
    const tile = async (t: { z: number; x: number; y: number }) => {
      const response = await client.app.request(`http://localhost/api/tiles/links/${t.z}/${t.x}/${t.y}.mvt?asOf=${date}`);
      return response.status === 204 ? [] : decodeLayer(await response.arrayBuffer(), 'links');
    };
    const drawn = new Set<number>();
    for (const t of tilesCovering(AREA, FLOW_MAX_ZOOM + 1)) for (const line of await tile(t)) drawn.add(line.id!);
    expect([...drawn].sort((a, b) => a - b)).toEqual(standing.map((l) => l.id).sort((a, b) => a - b));
    let flows = 0;
    for (const t of tilesCovering(AREA, 5)) for (const flow of await tile(t)) flows += flow.properties.count as number;
    expect(flows).toBe(standing.filter((l) => l.properties.from.commune.code !== l.properties.to.commune.code).length);
  }, 120_000);

  it('counts, per country and sector and year, the firms at both ends of the year, openings and closings', async () => {
    const trends = await client.get('/api/stats/trends?by=country,sector&from=2000&to=2025');
    expect(trends.status).toBe(200);
    expect(trends.body.rows).toHaveLength(3 * 3 * 26);
    const kept = registry.filter((r) => !closedUnknown(r));
    expect(trends.body.closingUnknown).toBe(registry.length - kept.length);
    let openings = 0;
    for (const row of trends.body.rows) {
      const group = kept.filter((r) => r.country === row.country && r.primary_sector === row.sector);
      const y = row.year as number;
      const end = group.filter((r) => openOn(r, `${y}-12-31`));
      expect(row.firmsEnd).toBe(end.length);
      expect(row.firmsStart).toBe(group.filter((r) => openOn(r, `${y - 1}-12-31`)).length);
      expect(row.opened).toBe(group.filter((r) => yearOf(r.opened_on!) === y).length);
      expect(row.closed).toBe(group.filter((r) => yearOf(r.closed_on!) === y).length);
      expect(row.openingUnknown).toBe(end.filter((r) => r.opened_on === '').length);
      expect(row.firmsEnd).toBe(row.firmsStart + row.opened - row.closed);
      openings += row.opened;
    }
    expect(openings).toBeGreaterThan(500);
    const total2010 = trends.body.totals.find((t: { year: number }) => t.year === 2010);
    expect(total2010.firmsEnd).toBe(kept.filter((r) => openOn(r, '2010-12-31')).length);
  });

  it('gives the partner territories every year, zeros included, adding up to the firms of the stats as of each year\'s end', async () => {
    const trends = await client.get('/api/stats/trends?from=2015&to=2016&sector=outdoor');
    const sumOf = (year: number) => trends.body.rows.filter((r: { year: number }) => r.year === year).reduce((s: number, r: { firmsEnd: number }) => s + r.firmsEnd, 0);
    const stats = await client.get('/api/stats?asOf=2016-12-31&sector=outdoor');
    expect(sumOf(2016)).toBe(stats.body.total);
    expect(trends.body.rows.filter((r: { territory: string | null }) => r.territory !== null)).toHaveLength(6 * 3 * 2);
  });

  it('splits each change between two years into the area\'s growth, the industry mix and the local component, summing to it', async () => {
    const answer = await client.get('/api/stats/shift-share?by=country,sector&from=2005&to=2020');
    expect(answer.status).toBe(200);
    const kept = registry.filter((r) => !closedUnknown(r));
    const count = (rows: Row[], year: number) => rows.filter((r) => openOn(r, `${year}-12-31`)).length;
    const [t0, t1] = [count(kept, 2005), count(kept, 2020)];
    expect(answer.body.area).toMatchObject({ firmsFrom: t0, firmsTo: t1 });
    expect(answer.body.rows).toHaveLength(9);
    for (const row of answer.body.rows) {
      const group = kept.filter((r) => r.country === row.country && r.primary_sector === row.sector);
      const sector = kept.filter((r) => r.primary_sector === row.sector);
      const [e0, e1] = [count(group, 2005), count(group, 2020)];
      const [s0, s1] = [count(sector, 2005), count(sector, 2020)];
      expect(e0).toBeGreaterThan(0);
      expect(row).toMatchObject({ firmsFrom: e0, firmsTo: e1, change: e1 - e0 });
      expect(row.areaGrowth).toBeCloseTo((e0 * (t1 - t0)) / t0, 9);
      expect(row.industryMix).toBeCloseTo(e0 * ((s1 - s0) / s0 - (t1 - t0) / t0), 9);
      expect(row.local).toBeCloseTo(e0 * ((e1 - e0) / e0 - (s1 - s0) / s0), 9);
      expect(row.areaGrowth + row.industryMix + row.local).toBeCloseTo(row.change, 9);
    }
  });

  it.each([
    ['/api/companies?asOf=2010-13-01', 'asOf'],
    ['/api/companies?asOf=yesterday&format=csv', 'asOf'],
    ['/api/nearby?lon=6.87&lat=45.92&asOf=2010-02-30', 'asOf'],
    ['/api/links?asOf=10-12-31', 'asOf'],
    ['/api/stats?asOf=2010', 'asOf'],
    ['/api/stats/links?asOf=2010-1-1', 'asOf'],
    ['/api/tiles/companies/6/33/22.mvt?asOf=2010-12-32', 'asOf'],
    ['/api/tiles/companies.json?asOf=x', 'asOf'],
    ['/api/stats/trends?from=2020&to=2010', 'from'],
    ['/api/stats/trends?from=1700', 'from'],
    ['/api/stats/shift-share?by=sector', 'by'],
  ])('refuses %s naming %s', async (path, field) => {
    const response = await client.get(path);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('puts the date in the TileJSON\'s tile URLs and in the ETags', async () => {
    const tilejson = await client.get('/api/tiles/companies.json?asOf=2010-12-31');
    expect(tilejson.body.tiles[0]).toContain('asOf=2010-12-31');
    expect(tilejson.body.tiles[0]).toMatch(/[?&]v=\d+/);
    const [a, b] = await Promise.all([client.get('/api/stats?asOf=2010-12-31'), client.get('/api/stats?asOf=2011-12-31')]);
    expect(a.headers.get('ETag')).not.toBe(b.headers.get('ETag'));
    expect(a.body.total).not.toBe(b.body.total);
  });
});
