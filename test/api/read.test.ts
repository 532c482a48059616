import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { openSampleDb, testEngines } from '../support/databases.ts';
import { type CompanyFeature, fetchAll, fold, ids, searchableText } from '../support/registry.ts';
import { vincentyDistance } from '../support/vincenty.ts';

const CHAMONIX: [number, number] = [6.8694, 45.9237];
const COURMAYEUR: [number, number] = [6.9689, 45.7966];

describe.each(testEngines())('reading the sample registry on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let all: CompanyFeature[];

  beforeAll(async () => {
    db = await openSampleDb(engine);
    client = testClient(db);
    all = await fetchAll(client);
  });
  afterAll(() => db?.close());

  describe('GET /api/companies', () => {
    it('pages through every firm exactly once by following next links', async () => {
      expect(all).toHaveLength(3000);
      expect(new Set(all.map((c) => c.id)).size).toBe(3000);
    });

    it('returns exactly the firms inside a bbox', async () => {
      const [minLon, minLat, maxLon, maxLat] = [6.8, 45.85, 7.0, 45.95];
      const page = await client.get(`/api/companies?bbox=${minLon},${minLat},${maxLon},${maxLat}&limit=1000`);
      const expected = all.filter(({ geometry: { coordinates: [lon, lat] } }) =>
        lon! >= minLon && lon! <= maxLon && lat! >= minLat && lat! <= maxLat);
      expect(expected.length).toBeGreaterThan(50);
      expect(ids(page.body.features)).toEqual(ids(expected));
      expect(page.body.numberMatched).toBe(expected.length);
    });

    it('keeps firms having any of the sectors and any of the countries', async () => {
      const page = await fetchAll(client, 'sector=phyto_wellbeing,building_renovation&country=IT,CH');
      const expected = all.filter((c) =>
        c.properties.sectors.some((s) => s === 'phyto_wellbeing' || s === 'building_renovation') &&
        ['IT', 'CH'].includes(c.properties.country));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(page)).toEqual(ids(expected));
    });

    it('counts every match in numberMatched while returning one page', async () => {
      const page = await client.get('/api/companies?country=FR&limit=10');
      expect(page.body.numberReturned).toBe(10);
      expect(page.body.numberMatched).toBe(all.filter((c) => c.properties.country === 'FR').length);
    });

    it('searches name, commune and description ignoring case and accents', async () => {
      const expected = all.filter((c) => searchableText(c).includes('megeve'));
      expect(expected.length).toBeGreaterThan(0);
      for (const q of ['Megève', 'MEGEVE', 'megeve']) {
        expect(ids(await fetchAll(client, `q=${encodeURIComponent(q)}`))).toEqual(ids(expected));
      }
    });

    it('matches hyphenated names written with spaces (Pré-Saint-Didier = pre saint didier)', async () => {
      const expected = all.filter((c) => ['pre', 'saint', 'didier'].every((w) => searchableText(c).includes(w)));
      expect(expected.some((c) => c.properties.commune.name === 'Pré-Saint-Didier')).toBe(true);
      expect(ids(await fetchAll(client, 'q=pre%20saint%20didier'))).toEqual(ids(expected));
      expect(ids(await fetchAll(client, `q=${encodeURIComponent('Pré-Saint-Didier')}`))).toEqual(ids(expected));
    });

    it('filters by commune code or commune name', async () => {
      const expected = all.filter((c) => c.properties.commune.code === '74056');
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(await fetchAll(client, 'commune=74056'))).toEqual(ids(expected));
      expect(ids(await fetchAll(client, 'commune=chamonix%20mont%20blanc'))).toEqual(ids(expected));
    });

    it('labels every sample firm as sample data with a fictitious name', () => {
      expect(all).toHaveLength(3000);
      for (const c of all) {
        expect(c.properties).toMatchObject({ source: 'sample' });
        expect(c.properties.name).toMatch(/^(Exemple|Esempio) /);
      }
    });
  });

  describe('GET /api/companies/{id}', () => {
    it('returns one firm as a GeoJSON Feature', async () => {
      const one = all[42]!;
      const response = await client.get(`/api/companies/${one.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ type: 'Feature', id: one.id, geometry: one.geometry });
    });

    it('hides contact details from anonymous callers and shows them to the admin', async () => {
      const anonymous = await client.get(`/api/companies/${all[0]!.id}`);
      expect(anonymous.body.properties.contact).toBeUndefined();
      expect(all.every((c) => c.properties.contact === undefined)).toBe(true);
      const admin = await client.get(`/api/companies/${all[0]!.id}`, 'test-admin-token-0123456789');
      expect(admin.body.properties.contact.email).toMatch(/@.+\.example$/);
    });

    it('answers 404 with a problem for an unknown id', async () => {
      const response = await client.get('/api/companies/999999');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });
  });

  describe('GET /api/nearby', () => {
    const withinRadius = (origin: [number, number], radius: number, keep = (_: CompanyFeature) => true) =>
      all
        .filter(keep)
        .map((c) => ({ id: c.id, d: vincentyDistance(origin, c.geometry.coordinates as [number, number]) }))
        .filter((x) => x.d <= radius)
        .sort((x, y) => x.d - y.d);

    it('finds every firm within the radius, nearest first, with Vincenty-exact distances', async () => {
      const expected = withinRadius(CHAMONIX, 5000);
      expect(expected.length).toBeGreaterThan(100);
      const response = await client.get(`/api/nearby?lon=${CHAMONIX[0]}&lat=${CHAMONIX[1]}&radius=5000&limit=1000`);
      expect(response.status).toBe(200);
      const features = response.body.features;
      expect(features.map((f: { id: number }) => f.id)).toEqual(expected.map((x) => x.id));
      features.forEach((f: { properties: { distance_m: number } }, i: number) => {
        expect(Math.abs(f.properties.distance_m - expected[i]!.d)).toBeLessThan(0.001);
      });
    });

    it('keeps the N nearest by ellipsoidal distance when limited', async () => {
      const expected = withinRadius(CHAMONIX, 100_000).slice(0, 20);
      expect(expected).toHaveLength(20);
      const response = await client.get(`/api/nearby?lon=${CHAMONIX[0]}&lat=${CHAMONIX[1]}&radius=100000&limit=20`);
      expect(response.body.features.map((f: { id: number }) => f.id)).toEqual(expected.map((x) => x.id));
    });

    it('applies the sector and country filters', async () => {
      const keep = (c: CompanyFeature) => c.properties.sectors.includes('outdoor') && c.properties.country === 'IT';
      const expected = withinRadius(COURMAYEUR, 20_000, keep);
      expect(expected.length).toBeGreaterThan(0);
      const response = await client.get(`/api/nearby?lon=${COURMAYEUR[0]}&lat=${COURMAYEUR[1]}&radius=20000&sector=outdoor&country=IT&limit=1000`);
      expect(response.body.features.map((f: { id: number }) => f.id)).toEqual(expected.map((x) => x.id));
    });

    it('marks firms across the border from the country the point lies in', async () => {
      const response = await client.get(`/api/nearby?lon=${COURMAYEUR[0]}&lat=${COURMAYEUR[1]}&radius=25000&limit=1000`);
      expect(response.body.origin.countries).toEqual(['IT']);
      const features = response.body.features as { properties: { country: string; crossBorder: boolean } }[];
      expect(features.some((f) => f.properties.country === 'FR')).toBe(true);
      for (const f of features) expect(f.properties.crossBorder).toBe(f.properties.country !== 'IT');
    });

    it('starts from a firm: leaves it out and compares countries with its own', async () => {
      const origin = all.find((c) => c.properties.commune.code === '74056')!;
      const response = await client.get(`/api/nearby?company=${origin.id}&radius=8000&limit=1000`);
      const expected = withinRadius(origin.geometry.coordinates as [number, number], 8000, (c) => c.id !== origin.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(1000);
      expect(response.body.features.map((f: { id: number }) => f.id)).toEqual(expected.map((x) => x.id));
      expect(response.body.origin).toMatchObject({ company: origin.id, countries: ['FR'] });
      for (const f of response.body.features) {
        expect(f.properties.crossBorder).toBe(f.properties.country !== 'FR');
      }
    });

    it('orders by the geography GiST index (KNN), not by scanning the table', async () => {
      const plan = await db.rows<Record<string, string>>(sql`EXPLAIN SELECT id FROM companies c
        ORDER BY c.location::geography <-> ST_SetSRID(ST_MakePoint(6.87, 45.92), 4326)::geography LIMIT 20`);
      expect(plan.map((row) => Object.values(row)[0]).join('\n')).toMatch(/Index Scan using companies_geography_idx/);
    });
  });

  describe('GET /api/links', () => {
    let links: { id: number; properties: { from: { id: number; country: string }; to: { id: number; country: string }; crossBorder: boolean } }[];
    beforeAll(async () => {
      links = (await client.get('/api/links?limit=5000')).body.features;
    });

    it('derives crossBorder from the two firms’ countries', () => {
      const country = new Map(all.map((c) => [c.id, c.properties.country]));
      expect(links).toHaveLength(400);
      for (const link of links) {
        expect(link.properties.from.country).toBe(country.get(link.properties.from.id));
        expect(link.properties.crossBorder).toBe(country.get(link.properties.from.id) !== country.get(link.properties.to.id));
      }
      const share = links.filter((l) => l.properties.crossBorder).length / links.length;
      expect(share).toBeGreaterThan(0.2);
    });

    it('filters cross-border links', async () => {
      const expected = links.filter((l) => l.properties.crossBorder);
      expect(expected.length).toBeGreaterThan(0);
      const response = await client.get('/api/links?crossBorder=true&limit=5000');
      expect(ids(response.body.features)).toEqual(ids(expected));
    });

    it('keeps links where either firm matches the sector filter', async () => {
      const sectors = new Map(all.map((c) => [c.id, c.properties.sectors]));
      const expected = links.filter((l) =>
        [l.properties.from.id, l.properties.to.id].some((id) => sectors.get(id)!.includes('phyto_wellbeing')));
      expect(expected.length).toBeGreaterThan(0);
      const response = await client.get('/api/links?sector=phyto_wellbeing&limit=5000');
      expect(ids(response.body.features)).toEqual(ids(expected));
    });

    it('lists the links of one firm', async () => {
      const firm = links[0]!.properties.from.id;
      const expected = links.filter((l) => l.properties.from.id === firm || l.properties.to.id === firm);
      const response = await client.get(`/api/links?company=${firm}`);
      expect(ids(response.body.features)).toEqual(ids(expected));
    });

    it('draws each link as a line between the two firms', async () => {
      const location = new Map(all.map((c) => [c.id, c.geometry.coordinates]));
      const response = await client.get('/api/links?limit=5');
      expect(response.body.features).toHaveLength(5);
      for (const f of response.body.features) {
        expect(f.geometry.coordinates).toEqual([location.get(f.properties.from.id), location.get(f.properties.to.id)]);
      }
    });
  });

  it('lists the programme’s support organisations', async () => {
    const response = await client.get('/api/actors');
    const names = response.body.features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(names).toEqual(expect.arrayContaining(['CimArk', 'Outdoor Sports Valley', 'Communauté de communes Pays du Mont-Blanc']));
  });

  it('reports the engine and the size of the registry in /api/health', async () => {
    const response = await client.get('/api/health');
    expect(response.body).toMatchObject({ status: 'ok', engine, companies: 3450, sampleCompanies: 3450 });
    expect(response.body.dataVersion).toBeGreaterThan(1);
  });

  it('splits the registry into active and closed firms in /api/health, the active ones being those the map counts', async () => {
    const health = (await client.get('/api/health')).body;
    const shown = (await client.get('/api/companies?limit=1')).body.numberMatched;
    const closed = (await client.get('/api/companies?limit=1&status=closed')).body.numberMatched;
    expect(closed).toBeGreaterThan(0);
    expect(health).toMatchObject({ activeCompanies: shown, closedCompanies: closed });
    expect(health.activeCompanies + health.closedCompanies).toBe(health.companies);
  });

  it('matches the folding used by the tests for every firm (sanity of the search column)', async () => {
    const rows = await db.rows<{ id: number; search: string }>(sql`SELECT id, search FROM companies ORDER BY id LIMIT 200`);
    const byId = new Map(all.map((c) => [c.id, c]));
    expect(rows).toHaveLength(200);
    for (const row of rows) expect(row.search.replace(/\s+/g, ' ')).toBe(searchableText(byId.get(row.id)!));
    expect(fold('Œuvre')).toBe('oeuvre');
  });
});
