import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { regions, territories } from '../../geodata/index.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, openTestDb, openSampleDb, testEngines, useTestDb } from '../support/databases.ts';
import { type CompanyFeature, fetchAll } from '../support/registry.ts';
import { handCheckedLq, handCheckedPhytoLq, lqFirms } from '../fixtures/lq-firms.ts';

const SECTORS = ['outdoor', 'phyto_wellbeing', 'building_renovation'];
const PARTNERS = ['fr-cc-chamonix', 'fr-cc-pays-mont-blanc', 'it-valle-aosta', 'ch-entremont', 'ch-martigny', 'ch-saint-maurice'];
const FILTERS = ['', 'sector=outdoor', 'country=IT,CH', 'size=small,medium', 'q=chamonix', 'sector=phyto_wellbeing,building_renovation&country=FR'];

type Row = { territory?: string | null; country?: string | null; sector?: string | null; firms: number; employees: number; employeesUnknown: number; share: number | null; lq: number | null };
type Tally = { firms: number; employees: number; unknown: number };

/** Independent placements: commune codes from geodata, point-in-polygon (borders included) with turf. */
const partnerOf = (f: CompanyFeature) => territories.find((t) => t.members.includes(f.properties.commune.code))?.id ?? null;
const regionOf = (f: CompanyFeature) =>
  regions.features.find((r) => turf.booleanPointInPolygon(f.geometry.coordinates, r))?.properties.id ?? null;

/** Firms, known employees and unknown headcounts per key, counted here from the raw registry. */
function tally(firms: CompanyFeature[], key: (f: CompanyFeature) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const f of firms) {
    const t = out.get(key(f)) ?? { firms: 0, employees: 0, unknown: 0 };
    t.firms += 1;
    if (f.properties.employees === null) t.unknown += 1;
    else t.employees += f.properties.employees;
    out.set(key(f), t);
  }
  return out;
}

/** Checks every row of a place × sector table against the independent tally, share and LQ included. */
function expectPlaceSectorTable(rows: Row[], firms: CompanyFeature[], placeOf: (f: CompanyFeature) => string | null, placeField: 'territory' | 'country') {
  const cells = tally(firms, (f) => `${placeOf(f)}|${f.properties.primarySector}`);
  const places = tally(firms, (f) => String(placeOf(f)));
  const sectors = tally(firms, (f) => f.properties.primarySector);
  for (const row of rows) {
    const cell = cells.get(`${row[placeField]}|${row.sector}`) ?? { firms: 0, employees: 0, unknown: 0 };
    const placeFirms = places.get(String(row[placeField]))?.firms ?? 0;
    const sectorShare = (sectors.get(row.sector!)?.firms ?? 0) / firms.length;
    expect(row, `${row[placeField]} ${row.sector}`).toMatchObject({ firms: cell.firms, employees: cell.employees, employeesUnknown: cell.unknown });
    if (placeFirms === 0) {
      expect(row.share).toBeNull();
      expect(row.lq).toBeNull();
    } else {
      expect(row.share).toBeCloseTo(cell.firms / placeFirms, 12);
      expect(row.lq).toBeCloseTo(cell.firms / placeFirms / sectorShare, 12);
    }
  }
  const listed = new Set(rows.map((r) => `${r[placeField]}|${r.sector}`));
  for (const key of cells.keys()) expect(listed, `row for ${key}`).toContain(key);
}

const sum = (rows: { firms: number }[]) => rows.reduce((s, r) => s + r.firms, 0);

describe.each(testEngines())('statistics of the sample registry on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let all: CompanyFeature[];
  const firmsMatching: Record<string, CompanyFeature[]> = {};

  beforeAll(async () => {
    db = await openSampleDb(engine);
    client = testClient(db);
    all = (await fetchAll(client)) as CompanyFeature[];
    for (const filter of FILTERS) firmsMatching[filter] = (await fetchAll(client, filter)) as CompanyFeature[];
  });
  afterAll(() => db?.close());

  const stats = async (query: string) => {
    const response = await client.get(`/api/stats?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { rows: Row[]; total: number; employees: number; employeesUnknown: number; sampleFirms: number; dataVersion: number; inSeveralTerritories: number; territories: { id: string }[] };
  };

  it.each(FILTERS)('adds up over territories, regions, countries and sectors to the total of /api/companies (filter "%s")', async (filter) => {
    const expected = firmsMatching[filter]!;
    expect(expected.length).toBeGreaterThan(0);
    for (const by of ['by=territory,sector', 'by=territory&level=region', 'by=territory&level=country', 'by=country,sector', 'by=sector', 'by=territory,country,sector']) {
      const body = await stats(`${by}&${filter}`);
      expect(body.total, by).toBe(expected.length);
      expect(sum(body.rows), by).toBe(body.total);
      expect(body.rows.reduce((s, r) => s + r.employees, 0), by).toBe(body.employees);
      expect(body.employees, by).toBe(expected.reduce((s, f) => s + (f.properties.employees ?? 0), 0));
    }
  });

  it.each(FILTERS)('counts firms, employees, shares and LQs per partner territory and sector like an independent count (filter "%s")', async (filter) => {
    const body = await stats(`by=territory,sector&${filter}`);
    expect(body.rows).toHaveLength(PARTNERS.length * SECTORS.length);
    expect(body.territories.map((t) => t.id)).toEqual(PARTNERS);
    expectPlaceSectorTable(body.rows, firmsMatching[filter]!, partnerOf, 'territory');
  });

  it('places firms in regions by location, borders included, like an independent point-in-polygon count', async () => {
    const body = await stats('by=territory,sector&level=region');
    expectPlaceSectorTable(body.rows, all, regionOf, 'territory');
    // Natural Earth's coarse region lines leave a few sample firms near the borders in no region.
    const outside = body.rows.filter((r) => r.territory === null);
    expect(sum(outside)).toBe(all.filter((f) => regionOf(f) === null).length);
  });

  it('counts by country and sector like an independent count', async () => {
    const body = await stats('by=country,sector');
    expect(body.rows.map((r) => r.country)).toEqual(['FR', 'FR', 'FR', 'IT', 'IT', 'IT', 'CH', 'CH', 'CH']);
    expectPlaceSectorTable(body.rows, all, (f) => f.properties.country, 'country');
  });

  it('gives each sector its share of all firms when grouped by sector alone, with no LQ', async () => {
    const body = await stats('by=sector');
    expect(body.rows.map((r) => r.sector)).toEqual(SECTORS);
    for (const row of body.rows) {
      const firms = all.filter((f) => f.properties.primarySector === row.sector).length;
      expect(row).toMatchObject({ firms, lq: null });
      expect(row.share).toBeCloseTo(firms / all.length, 12);
    }
  });

  it('says how many of the counted firms are sample data, with the data version', async () => {
    const body = await stats('by=sector&country=CH');
    expect(body.sampleFirms).toBe(firmsMatching['country=IT,CH']!.filter((f) => f.properties.country === 'CH').length);
    const health = await client.get('/api/health');
    expect(body.dataVersion).toBe(health.body.dataVersion);
  });

  describe('GET /api/stats/links', () => {
    type LinkRow = { from?: string | null; to?: string | null; fromSector?: string; toSector?: string; kind?: string; crossBorder: boolean; links: number };
    type LinkFeature = { properties: { from: { id: number; country: string; commune: { code: string } }; to: { id: number; country: string; commune: { code: string } }; kind: string; crossBorder: boolean } };
    const partnerOfCode = (code: string) => territories.find((t) => t.members.includes(code))?.id ?? null;

    async function allLinks(query = ''): Promise<LinkFeature[]> {
      const response = await client.get(`/api/links?limit=5000&${query}`);
      expect(response.body.next).toBeNull();
      // The matrices are compared with counts made from this list: both empty would prove nothing.
      expect(response.body.features.length, query).toBeGreaterThan(0);
      return response.body.features;
    }

    /** Independent counts of the links per key, from /api/links and the firms' own records. */
    function linkTally(links: LinkFeature[], key: (l: LinkFeature['properties']) => string) {
      const out = new Map<string, number>();
      for (const l of links) out.set(key(l.properties), (out.get(key(l.properties)) ?? 0) + 1);
      return out;
    }

    const asMap = (rows: LinkRow[], key: (r: LinkRow) => string) => new Map(rows.map((r) => [key(r), r.links]));

    it.each(['', 'sector=outdoor', 'country=CH&crossBorder=true', 'kind=supplier,partner'])(
      'matches the matrix between partner territories to the links /api/links lists (filter "%s")',
      async (filter) => {
        const links = await allLinks(filter);
        const response = await client.get(`/api/stats/links?by=territory&${filter}`);
        expect(response.status).toBe(200);
        expect(response.body.total).toBe(links.length);
        expect(response.body.crossBorder).toBe(links.filter((l) => l.properties.crossBorder).length);
        const key = (from: unknown, to: unknown, cross: boolean) => `${from}>${to}|${cross}`;
        expect(asMap(response.body.rows, (r) => key(r.from, r.to, r.crossBorder))).toEqual(
          linkTally(links, (l) => key(partnerOfCode(l.from.commune.code), partnerOfCode(l.to.commune.code), l.from.country !== l.to.country)),
        );
      },
    );

    it('counts links by pair of countries and kind like /api/links', async () => {
      const links = await allLinks();
      const response = await client.get('/api/stats/links?by=country,kind');
      const key = (from: unknown, to: unknown, kind: unknown) => `${from}>${to}|${kind}`;
      expect(asMap(response.body.rows, (r) => key(r.from, r.to, r.kind))).toEqual(
        linkTally(links, (l) => key(l.from.country, l.to.country, l.kind)),
      );
      for (const row of response.body.rows as LinkRow[]) expect(row.crossBorder).toBe(row.from !== row.to);
    });

    it('counts links by the primary sectors of their two firms', async () => {
      const links = await allLinks();
      const sectorOf = new Map(all.map((f) => [f.id, f.properties.primarySector]));
      const response = await client.get('/api/stats/links?by=sector');
      const key = (a: unknown, b: unknown, cross: boolean) => `${a}>${b}|${cross}`;
      expect(asMap(response.body.rows, (r) => key(r.fromSector, r.toSector, r.crossBorder))).toEqual(
        linkTally(links, (l) => key(sectorOf.get(l.from.id), sectorOf.get(l.to.id), l.crossBorder)),
      );
    });
  });

  it('documents the counting rule and the LQ in the OpenAPI description', async () => {
    const { body } = await client.get('/api/openapi.json');
    expect(body.paths['/stats'].get.description).toMatch(/primary sector\*\* only/);
    expect(body.paths['/stats/links'].get.summary).toMatch(/territories or countries/);
    expect(JSON.stringify(body.components.schemas.FirmStats)).toMatch(/Location quotient/);
    expect(body.paths['/territories'].post.security).toEqual([{ bearer: [] }]);
  });

  it('answers with an ETag and 304 while nothing changes', async () => {
    for (const path of ['/api/stats?by=territory,sector', '/api/stats/links?by=territory', '/api/territories']) {
      const first = await client.app.request(`http://localhost${path}`);
      const tag = first.headers.get('etag')!;
      expect(tag, path).toMatch(/^"v\d+-/);
      expect((await client.app.request(`http://localhost${path}`, { headers: { 'If-None-Match': tag } })).status, path).toBe(304);
    }
  });
});

describe.each(testEngines())('location quotients of a hand-checked fixture on %s', (engine) => {
  let db: Database;
  let client: TestClient;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    await emptyRegistry(db);
    for (const body of lqFirms) expect((await client.post('/api/companies', body)).status).toBe(201);
  });
  afterAll(() => db?.close());

  const row = (rows: Row[], territory: string, sector: string) => rows.find((r) => r.territory === territory && r.sector === sector)!;

  function expectHandChecked(rows: Row[], expected: [string, string, number, number | null][]) {
    for (const [territory, sector, firms, lq] of expected) {
      const r = row(rows, territory, sector);
      expect(r.firms, `${territory} ${sector}`).toBe(firms);
      if (lq === null) expect(r.lq, `${territory} ${sector}`).toBeNull();
      else expect(r.lq, `${territory} ${sector}`).toBeCloseTo(lq, 12);
    }
  }

  it('gives the LQs worked out by hand', async () => {
    const { body } = await client.get('/api/stats?by=territory,sector');
    expect(body.total).toBe(10);
    expectHandChecked(body.rows, handCheckedLq);
  });

  it('counts a firm of several sectors in its primary sector only, also when the filter names another', async () => {
    const { body } = await client.get('/api/stats?by=territory,sector&sector=phyto_wellbeing');
    expect(body.total).toBe(5);
    expectHandChecked(body.rows, handCheckedPhytoLq);
  });

  it('sums known headcounts and counts the unknown ones apart', async () => {
    const { body } = await client.get('/api/stats?by=territory,sector');
    expect(row(body.rows, 'fr-cc-chamonix', 'outdoor')).toMatchObject({ employees: 41, employeesUnknown: 0 });
    expect(row(body.rows, 'it-valle-aosta', 'building_renovation')).toMatchObject({ employees: 8, employeesUnknown: 1 });
    expect(body).toMatchObject({ employees: 107, employeesUnknown: 1, sampleFirms: 0 });
  });

  it('follows a firm that moves to another territory', async () => {
    const { body: before } = await client.get('/api/stats?by=territory');
    const id = (await client.get('/api/companies?q=Spa%20Martigny')).body.features[0].id;
    const moved = await client.patch(`/api/companies/${id}`, {
      country: 'FR', commune: { code: '74056', name: 'Chamonix-Mont-Blanc' }, location: { type: 'Point', coordinates: [6.87, 45.924] },
    });
    expect(moved.status).toBe(200);
    const { body: after } = await client.get('/api/stats?by=territory');
    const firms = (body: { rows: Row[] }, territory: string) => body.rows.find((r) => r.territory === territory)!.firms;
    expect(firms(after, 'fr-cc-chamonix')).toBe(firms(before, 'fr-cc-chamonix') + 1);
    expect(firms(after, 'ch-martigny')).toBe(firms(before, 'ch-martigny') - 1);
  });
});

describe.each(testEngines())('bad statistics requests on %s', (engine) => {
  const test = useTestDb(engine);

  it.each([
    ['/api/stats?by=commune', 'by'],
    ['/api/stats?by=', 'by'],
    ['/api/stats?by=territory,sector&level=district', 'level'],
    ['/api/stats?by=territory&territory=nowhere', 'territory'],
    ['/api/stats?by=territory&territory=bad%20id', 'territory'],
    ['/api/stats?by=territory&territory=FR&level=country', 'territory'],
    ['/api/stats?by=sector&level=region', 'level'],
    ['/api/stats?by=country&territory=FR', 'territory'],
    ['/api/stats?sector=mining', 'sector'],
    ['/api/stats/links?by=territory,country', 'by'],
    ['/api/stats/links?by=size', 'by'],
    ['/api/stats/links?kind=friend', 'kind'],
    ['/api/stats/links?crossBorder=yes', 'crossBorder'],
    ['/api/territories?kind=planet', 'kind'],
    ['/api/territories?format=kml', 'format'],
  ])('answers %s with a 400 naming %s', async (path, field) => {
    const response = await testClient(test.db).get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
