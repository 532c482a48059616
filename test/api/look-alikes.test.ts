import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { chamonixGuides } from '../fixtures/companies.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';

const SIRET = '73282932000074';

describe.each(testEngines())('firms a new one may duplicate, on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let twin: number;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    twin = (await client.post('/api/companies', { ...chamonixGuides, name: 'Test Guides Jumeaux', officialId: SIRET })).body.id;
    await client.post('/api/companies', { ...chamonixGuides, name: 'Test Guides Jumeaux', officialId: null, location: { type: 'Point', coordinates: [6.9, 45.92] } });
  });
  afterAll(() => db?.close());

  const [lon, lat] = chamonixGuides.location.coordinates as [number, number];

  it.each([
    ['the same name, accents and case aside, 40 m away', `name=test%20GUIDES%20jumeaux&lon=${lon + 0.0005}&lat=${lat}`, ['nameNearby']],
    ['the same official identifier, written with spaces', `officialId=732%20829%20320%2000074&country=FR`, ['officialId']],
    ['both at once: one entry', `name=Test%20Guides%20Jumeaux&lon=${lon}&lat=${lat}&officialId=${SIRET}&country=FR`, ['officialId']],
    ['the same name 2.4 km away: none', `name=Test%20Guides%20Jumeaux&lon=${lon - 0.03}&lat=${lat}`, []],
    ['another name at the same spot: none', `name=Test%20Autres&lon=${lon}&lat=${lat}`, []],
  ])('%s', async (_, query, reasons) => {
    const response = await client.get(`/api/look-alikes?${query}`, ADMIN_TOKEN);
    expect(response.status).toBe(200);
    expect(response.body.lookAlikes.map((l: { reason: string }) => l.reason)).toEqual(reasons);
    if (reasons.length) expect(response.body.lookAlikes[0].id).toBe(twin);
  });

  it('refuses half a location and an identifier without its country, naming the field', async () => {
    expect((await client.get(`/api/look-alikes?lon=${lon}`, ADMIN_TOKEN)).body.errors[0].field).toBe('lat');
    expect((await client.get(`/api/look-alikes?officialId=${SIRET}`, ADMIN_TOKEN)).body.errors[0].field).toBe('country');
  });

  it('answers editors only', async () => {
    expect((await client.get('/api/look-alikes?name=x')).status).toBe(401);
  });

  it('lists the communes of a country by part of their name', async () => {
    const response = await client.get('/api/communes?country=FR&q=chamonix');
    expect(response.status).toBe(200);
    expect(response.body.communes).toEqual([expect.objectContaining({ code: '74056', name: 'Chamonix-Mont-Blanc', country: 'FR' })]);
    expect((await client.get('/api/communes?country=XX')).body.errors[0].field).toBe('country');
  });
});
