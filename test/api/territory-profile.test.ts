import { beforeAll, describe, expect, it } from 'vitest';
import { territories } from '../../geodata/index.ts';
import type { TestClient } from '../support/app.ts';
import { testEngines } from '../support/databases.ts';
import { type CompanyFeature, expectRefused, fetchAll, useSampleRegistry } from '../support/registry.ts';

/** What a territory profile reads besides /api/stats: the `within` filter and /api/stats/activities. */
describe.each(testEngines())('a territory’s firms and activities on %s', (engine) => {
  const registry = useSampleRegistry(engine);
  let client: TestClient;
  let all: CompanyFeature[];
  beforeAll(() => ({ client, all } = registry));

  /** A partner territory's firms, found here by their commune codes, independently of the database. */
  const membersOf = (id: string, firms = all) => {
    const codes = territories.find((t) => t.id === id)!.members;
    return firms.filter((f) => codes.includes(f.properties.commune.code));
  };

  it.each(['fr-cc-chamonix', 'it-valle-aosta', 'ch-saint-maurice'])('keeps the firms of %s with within=', async (id) => {
    const expected = membersOf(id).map((f) => f.id).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(10);
    const found = (await fetchAll(client, `within=${id}`)).map((f) => f.id).sort((a, b) => a - b);
    expect(found).toEqual(expected);
    // The statistics count the same firms for that territory.
    const stats = (await client.get(`/api/stats?by=territory&territory=${id}`)).body;
    expect(stats.rows.find((r: { territory: string | null }) => r.territory === id).firms).toBe(expected.length);
  });

  it('combines within= with the other filters, in lists, tiles and link statistics', async () => {
    const expected = membersOf('fr-cc-chamonix').filter((f) => f.properties.sectors.includes('outdoor'));
    expect(expected.length).toBeGreaterThan(5);
    expect((await client.get('/api/companies?within=fr-cc-chamonix&sector=outdoor&limit=1')).body.numberMatched).toBe(expected.length);
    const tile = await client.app.request('http://localhost/api/tiles/companies/6/33/22.mvt?within=fr-cc-chamonix');
    expect(tile.status).toBe(200);
    const links = (await client.get('/api/stats/links?by=country&within=ch-martigny')).body;
    expect(links.total).toBeGreaterThan(0);
    expect(links.total).toBeLessThan((await client.get('/api/stats/links?by=country')).body.total);
  });

  it('lists the most common activities of a territory, with their titles, and its firms’ extent', async () => {
    const firms = membersOf('fr-cc-chamonix');
    const body = (await client.get('/api/stats/activities?within=fr-cc-chamonix&limit=5')).body;
    expect(body.firms).toBe(firms.length);
    expect(body.rows).toHaveLength(5);
    const counts = new Map<string, number>();
    for (const f of firms) if (f.properties.activity.nace) counts.set(f.properties.activity.nace, (counts.get(f.properties.activity.nace) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    expect(body.rows.map((r: { nace: string; firms: number }) => [r.nace, r.firms])).toEqual(top);
    expect(body.rows[0].share).toBeCloseTo(top[0]![1] / firms.length, 10);
    expect(body.rows[0].title.en.length).toBeGreaterThan(5);
    const lons = firms.map((f) => f.geometry.coordinates[0]!);
    const lats = firms.map((f) => f.geometry.coordinates[1]!);
    expect(body.extent[0]).toBeCloseTo(Math.min(...lons), 6);
    expect(body.extent[3]).toBeCloseTo(Math.max(...lats), 6);
  });

  it('gives a profile as of a date: its activities, firms and the last year of its trends agree with /api/stats?asOf', async () => {
    const asOf = '2010-12-31';
    // Independently: the territory's firms, whatever their status, open on that date (an unknown opening counts as open).
    const ever = membersOf('fr-cc-chamonix', await fetchAll(client, 'within=fr-cc-chamonix&status=all'));
    const openedBy = (p: CompanyFeature['properties']) => p.openedOn === null || p.openedOn <= asOf;
    const closedBy = (p: CompanyFeature['properties']) => p.status === 'closed' && (p.closedOn === null || p.closedOn <= asOf);
    const open = ever.filter(({ properties: p }) => openedBy(p) && !closedBy(p));
    expect(open.length).toBeGreaterThan(10);
    expect(open.length).toBeLessThan(membersOf('fr-cc-chamonix').length);
    const stats = (await client.get(`/api/stats?by=territory,sector&territory=fr-cc-chamonix&asOf=${asOf}`)).body;
    const own = stats.rows.filter((r: { territory: string | null }) => r.territory === 'fr-cc-chamonix');
    expect(own.reduce((s: number, r: { firms: number }) => s + r.firms, 0)).toBe(open.length);
    const activities = (await client.get(`/api/stats/activities?within=fr-cc-chamonix&asOf=${asOf}&limit=50`)).body;
    expect(activities.firms).toBe(open.length);
    // What the profile's trends end on, for a date that is a 31 December: the same firms, sector by sector.
    const trends = (await client.get('/api/stats/trends?by=territory,sector&territory=fr-cc-chamonix&from=2001&to=2010')).body;
    for (const row of own) {
      const last = trends.rows.find((r: { territory: string; sector: string; year: number }) => r.territory === 'fr-cc-chamonix' && r.sector === row.sector && r.year === 2010);
      expect(last.firmsEnd, row.sector).toBe(row.firms);
    }
  });

  it('answers a territory without firms with no rows and no extent', async () => {
    const body = (await client.get('/api/stats/activities?within=no-such-territory')).body;
    expect(body).toMatchObject({ rows: [], firms: 0, withoutActivity: 0, extent: null });
  });

  it('refuses a malformed territory id or limit, naming the field', async () => {
    await expectRefused(client, [
      ['/api/companies?within=%27%3B%20drop', 'within'],
      ['/api/stats/activities?within=a%20b', 'within'],
      ['/api/stats/activities?limit=0', 'limit'],
      ['/api/stats/activities?limit=51', 'limit'],
    ]);
  });
});
