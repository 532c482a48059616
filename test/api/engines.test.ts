import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { openSampleDb, testEngines } from '../support/databases.ts';
import { type DecodedFeature, decodeLayer } from '../support/mvt.ts';

/** Requests whose answers must be identical on both engines (timestamps aside). */
const REQUESTS = [
  '/api/health',
  '/api/companies?limit=1000',
  '/api/companies?bbox=6.6,45.7,7.2,46.0&sector=outdoor&limit=500',
  '/api/companies?q=pre%20saint%20didier',
  '/api/companies?q=Meg%C3%A8ve&country=FR',
  '/api/companies?commune=Martigny',
  '/api/companies/1234',
  '/api/nearby?lon=6.9689&lat=45.7966&radius=30000&limit=200',
  '/api/nearby?company=17&radius=50000&sector=phyto_wellbeing',
  '/api/nearby?lon=6.8651&lat=45.8326&radius=15000',
  '/api/links?limit=5000',
  '/api/links?crossBorder=true&country=CH',
  '/api/actors',
];

// The response cache's counts are the process's, not the data's.
const withoutTimes = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v) => (['createdAt', 'updatedAt', 'engine', 'dataVersion', 'cache'].includes(key) ? undefined : v)));

describe.skipIf(testEngines().length < 2)('the embedded engine and a PostGIS server', () => {
  let dbs: Database[];
  let clients: TestClient[];

  beforeAll(async () => {
    dbs = await Promise.all(testEngines().map((engine) => openSampleDb(engine)));
    clients = dbs.map((db) => testClient(db));
  });
  afterAll(() => Promise.all(dbs?.map((db) => db.close()) ?? []));

  it.each([
    ['companies', 6, 33, 22],
    ['companies', 9, 265, 182],
    ['companies', 11, 1063, 729],
    ['companies', 15, 17009, 11668],
    ['density', 8, 132, 91],
    ['density', 10, 531, 364],
    ['links', 5, 16, 11],
    ['links', 8, 132, 91],
    ['links', 11, 1063, 729],
  ] as const)('encode the same %s tile %i/%i/%i (ST_AsMVT on the server, Node on PGlite)', async (layer, z, x, y) => {
    const path = `/api/tiles/${layer}/${z}/${x}/${y}.mvt?sector=outdoor,building_renovation`;
    const [embedded, server] = await Promise.all(clients.map((client) => client.app.request(`http://localhost${path}`)));
    // Every tile above holds firms or links: an empty answer on both engines would prove nothing.
    expect([embedded!.status, server!.status]).toEqual([200, 200]);
    const sort = (features: DecodedFeature[]) => [...features].sort((a, b) => a.y - b.y || a.x - b.x);
    const decoded = await Promise.all([embedded!, server!].map(async (r) => sort(decodeLayer(await r.arrayBuffer(), layer))));
    expect(decoded[0]!.length).toBeGreaterThan(0);
    expect(decoded[1]).toEqual(decoded[0]);
  });

  it.each(REQUESTS)('answer %s the same way', async (path) => {
    const [embedded, server] = await Promise.all(clients.map((client) => client.get(path)));
    expect(embedded!.status).toBe(200);
    // Two empty lists would be equal whatever the engines did.
    expect(embedded!.body.features ?? [embedded!.body]).not.toHaveLength(0);
    expect(withoutTimes(server!.body)).toEqual(withoutTimes(embedded!.body));
  });
});
