import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { tileBounds } from '../../db/tiles/tile.ts';
import { FLOW_MAX_ZOOM } from '../../db/tiles/links-query.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { openSampleDb, testEngines } from '../support/databases.ts';
import { decodeLayer, tilesCovering } from '../support/mvt.ts';

/** Every sample firm lies in this box. */
const AREA = [6.3, 45.4, 7.95, 46.5];

describe.each(testEngines())('vector tiles on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  const raw = (path: string, headers: Record<string, string> = {}) => client.app.request(`http://localhost${path}`, { headers });

  async function tileFeatures(layer: string, t: { z: number; x: number; y: number }, query = '') {
    const response = await raw(`/api/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt${query ? `?${query}` : ''}`);
    if (response.status === 204) return [];
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    return decodeLayer(await response.arrayBuffer(), layer);
  }

  /** Sum of the counts over every tile covering the area, against the API's count in the same tiles. */
  async function expectCountsAddUp(layer: string, z: number, query: string) {
    const tiles = tilesCovering(AREA, z);
    let rendered = 0;
    let expected = 0;
    for (const tile of tiles) {
      rendered += (await tileFeatures(layer, tile, query)).reduce((sum, f) => sum + (f.properties.count as number), 0);
    }
    const [minLon, , , maxLat] = tileBounds(tiles[0]!);
    const [, minLat, maxLon] = tileBounds(tiles.at(-1)!);
    expected = (await client.get(`/api/companies?bbox=${minLon},${minLat},${maxLon},${maxLat}&limit=1${query ? `&${query}` : ''}`)).body.numberMatched;
    expect(expected).toBeGreaterThan(0);
    expect(rendered).toBe(expected);
  }

  beforeAll(async () => {
    db = await openSampleDb(engine);
    client = testClient(db);
  });
  afterAll(() => db?.close());

  it.each([6, 8, 10, 12])('counts every firm exactly once across the tiles at z%i', async (z) => {
    await expectCountsAddUp('companies', z, '');
  });

  it('makes cluster counts follow the filters', async () => {
    await expectCountsAddUp('companies', 9, 'sector=outdoor&country=IT,CH');
    await expectCountsAddUp('companies', 9, 'q=megeve');
    await expectCountsAddUp('density', 9, 'size=micro');
  });

  it('splits each cluster’s count by sector', async () => {
    const [tile] = tilesCovering([6.8694, 45.9237, 6.8694, 45.9237], 7);
    const features = await tileFeatures('companies', tile!);
    expect(features.length).toBeGreaterThan(0);
    for (const { properties: p } of features) {
      expect((p.outdoor as number) + (p.phyto_wellbeing as number) + (p.building_renovation as number)).toBe(p.count);
    }
  });

  it('shows single firms with their id and name at high zoom', async () => {
    const { features } = (await client.get('/api/companies?limit=1&commune=74056')).body;
    const [lon, lat] = features[0].geometry.coordinates;
    const z = 16;
    const [tile] = tilesCovering([lon, lat, lon, lat], z);
    const found = (await tileFeatures('companies', tile!)).find((f) => f.id === features[0].id);
    expect(found?.properties).toMatchObject({ count: 1, name: features[0].properties.name, sector: features[0].properties.primarySector, country: 'FR' });
  });

  it('draws every link at high zoom, once per tile it crosses, and only those the filters keep', async () => {
    for (const query of ['', 'sector=phyto_wellbeing&crossBorder=true']) {
      const expected = (await client.get(`/api/links?limit=5000&${query}`)).body.features.map((f: { id: number }) => f.id);
      const found = new Set<number>();
      for (const tile of tilesCovering(AREA, FLOW_MAX_ZOOM + 1)) {
        for (const line of await tileFeatures('links', tile, query)) found.add(line.id!);
      }
      expect([...found].sort((a, b) => a - b)).toEqual([...expected].sort((a: number, b: number) => a - b));
    }
  });

  it('aggregates links into flows between communes at low zoom', async () => {
    const links = (await client.get('/api/links?limit=5000')).body.features as { properties: { from: { commune: { code: string } }; to: { commune: { code: string } }; crossBorder: boolean } }[];
    const between = links.filter((l) => l.properties.from.commune.code !== l.properties.to.commune.code);
    const flows = await tileFeatures('links', { z: 5, x: 16, y: 11 });
    expect(flows.reduce((sum, f) => sum + (f.properties.count as number), 0)).toBe(between.length);
    const crossBorder = flows.filter((f) => f.properties.crossBorder).reduce((sum, f) => sum + (f.properties.count as number), 0);
    expect(crossBorder).toBe(between.filter((l) => l.properties.crossBorder).length);
  });

  it('answers 204 for an empty tile and 400 for an impossible one', async () => {
    expect((await raw('/api/tiles/companies/5/0/0.mvt')).status).toBe(204);
    for (const [path, field] of [
      ['/api/tiles/companies/3/8/0.mvt', 'z'],
      ['/api/tiles/companies/23/0/0.mvt', 'z'],
      ['/api/tiles/companies/a/0/0.mvt', 'z'],
      ['/api/tiles/companies/4/-1/0.mvt', 'x'],
      ['/api/tiles/companies/4/1/1.5.mvt', 'y'],
      ['/api/tiles/roads/4/1/1.mvt', 'layer'],
      ['/api/tiles/companies/8/133/90.mvt?sector=mines', 'sector'],
      ['/api/tiles/companies/8/133/90.mvt?limit=0', 'limit'],
    ] as const) {
      const response = await client.get(path);
      expect(response.status, path).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field), path).toContain(field);
    }
  });

  it('caps the features of a tile with limit', async () => {
    const [chamonix] = tilesCovering([6.8694, 45.9237, 6.8694, 45.9237], 12);
    const all = await tileFeatures('companies', chamonix!);
    expect(all.length).toBeGreaterThan(3);
    expect(await tileFeatures('companies', chamonix!, 'limit=3')).toHaveLength(3);
  });

  it('describes each layer in TileJSON, with the filters and the data version in the tile URL', async () => {
    const response = await client.get('/api/tiles/companies.json?sector=outdoor');
    expect(response.body).toMatchObject({ tilejson: '3.0.0', vector_layers: [{ id: 'companies' }] });
    const url = new URL(response.body.tiles[0].replace('{z}/{x}/{y}', '8/133/90'));
    expect(url.searchParams.get('sector')).toBe('outdoor');
    expect(Number(url.searchParams.get('v'))).toBeGreaterThan(0);
    const tile = await raw(url.pathname + url.search);
    expect(tile.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await raw(url.pathname + url.search, { 'If-None-Match': tile.headers.get('etag')! });
    expect(again.status).toBe(304);
  });
  it('draws a link from where its firm has moved to', async () => {
    const [link] = (await client.get('/api/links?limit=1&country=FR')).body.features;
    const firm = link.properties.from.country === 'FR' ? link.properties.from : link.properties.to;
    const annecy: [number, number] = [6.1294, 45.8992];
    expect((await client.patch(`/api/companies/${firm.id}`, { location: { type: 'Point', coordinates: annecy } })).status).toBe(200);
    const [tile] = tilesCovering([...annecy, ...annecy], 12);
    expect((await tileFeatures('links', tile!)).map((line) => line.id)).toContain(link.id);
  });
  it('keeps the ends copied onto each link in step with its firms', async () => {
    const [link] = (await client.get('/api/links?limit=1&country=IT')).body.features;
    const firm = link.properties.from.country === 'IT' ? link.properties.from : link.properties.to;
    await client.patch(`/api/companies/${firm.id}`, { commune: { code: '007022', name: 'Courmayeur' }, location: { type: 'Point', coordinates: [6.9689, 45.7966] } });
    const [stale] = await db.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM links l JOIN companies a ON a.id = l.from_id JOIN companies b ON b.id = l.to_id
      WHERE l.from_commune IS DISTINCT FROM a.commune_code OR l.to_commune IS DISTINCT FROM b.commune_code
         OR l.from_country IS DISTINCT FROM a.country OR l.to_country IS DISTINCT FROM b.country
         OR NOT ST_Equals(l.from_point, ST_Transform(a.location, 3857)) OR NOT ST_Equals(l.to_point, ST_Transform(b.location, 3857))
         OR NOT ST_Equals(l.curve, atlas_link_curve(a.location, b.location))`);
    expect(stale!.n).toBe(0);
  });
});
