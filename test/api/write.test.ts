import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';
import {
  chamonixGuides,
  courmayeurSpa,
  martignyJoinery,
  outsideServiceArea,
  wrongSideOfTheBorder,
} from '../fixtures/companies.ts';

describe.each(testEngines())('writing the registry on %s', (engine) => {
  let db: Database;
  let client: TestClient;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
  });
  beforeEach(() => emptyRegistry(db));
  afterAll(() => db?.close());

  const count = async () => (await client.get('/api/health')).body.companies as number;

  /** Expects a 400 problem that names `field`, and that nothing was written. */
  async function expectRejected(response: { status: number; body: { errors?: { field: string }[] } }, field: string, before: number) {
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.field)).toContain(field);
    expect(await count()).toBe(before);
  }

  describe('POST /api/companies', () => {
    it('creates a firm and returns it with its id, as manual data', async () => {
      const response = await client.post('/api/companies', chamonixGuides);
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/api/companies/${response.body.id}`);
      expect(response.body.properties).toMatchObject({
        name: chamonixGuides.name,
        source: 'manual',
        activity: { nace: '93.19', national: { scheme: 'NAF', code: '93.19Z' } },
        contact: chamonixGuides.contact,
      });
      const read = await client.get(`/api/companies/${response.body.id}`);
      expect(read.body.geometry.coordinates).toEqual([6.8694, 45.9237]);
    });

    it('accepts firms of each country with their national codes', async () => {
      for (const body of [courmayeurSpa, martignyJoinery]) {
        expect((await client.post('/api/companies', body)).status).toBe(201);
      }
      expect(await count()).toBe(2);
    });

    it.each([
      ['name', { name: undefined }],
      ['name', { name: '   ' }],
      ['sectors.0', { sectors: ['mining'] }],
      ['sectors', { sectors: [] }],
      ['primarySector', { primarySector: 'phyto_wellbeing' }],
      ['country', { country: 'DE' }],
      ['commune.code', { commune: { code: '7405', name: 'Chamonix' } }],
      ['commune.code', { commune: { code: "74056' OR 1=1 --", name: 'Chamonix' } }],
      ['location', { location: undefined }],
      ['location.coordinates.0', { location: { type: 'Point', coordinates: ['6.8', 45.9] } }],
      ['location.coordinates.1', { location: { type: 'Point', coordinates: [6.8, 95] } }],
      ['location.type', { location: { type: 'LineString', coordinates: [6.8, 45.9] } }],
      ['activity.nace', { activity: { nace: '9319' } }],
      ['activity.national', { activity: { nace: '93.19', national: '32.30Z' } }],
      ['activity.national', { activity: { nace: '93.19', national: '93.19.00' } }],
      ['employees', { employees: -1 }],
      ['employees', { employees: 2.5 }],
      ['founded', { founded: 3000 }],
      ['website', { website: 'javascript:alert(1)' }],
      ['contact.email', { contact: { email: 'not-an-email' } }],
      ['unexpected', { unexpected: true }],
    ])('rejects a bad %s with a 400 naming it, and writes nothing', async (field, change) => {
      await expectRejected(await client.post('/api/companies', { ...chamonixGuides, ...change }), field, 0);
    });

    it('rejects a location outside the service area', async () => {
      const response = await client.post('/api/companies', outsideServiceArea);
      await expectRejected(response, 'location', 0);
      expect(response.body.detail).toMatch(/service area/);
    });

    it('rejects a location in another country than the firm’s', async () => {
      const response = await client.post('/api/companies', wrongSideOfTheBorder);
      await expectRejected(response, 'location', 0);
      expect(response.body.detail).toMatch(/outside FR/);
    });

    it('honours a configured service area', async () => {
      const narrow = testClient(db, { ATLAS_SERVICE_AREA: '7.0,46.0,7.2,46.2' });
      await expectRejected(await narrow.post('/api/companies', chamonixGuides), 'location', 0);
      expect((await narrow.post('/api/companies', martignyJoinery)).status).toBe(201);
    });

    it('rejects a body that is not JSON', async () => {
      await expectRejected(await client.post('/api/companies', '{"name": "Broken'), 'body', 0);
    });

    it('requires the admin token', async () => {
      expect((await client.post('/api/companies', chamonixGuides, null)).status).toBe(401);
      expect((await client.post('/api/companies', chamonixGuides, 'wrong-token-0123456789')).status).toBe(401);
      expect(await count()).toBe(0);
    });

    it('refuses the former admin token once the server runs without ATLAS_ADMIN_TOKEN', async () => {
      const locked = testClient(db, { ATLAS_ADMIN_TOKEN: '' });
      const response = await locked.post('/api/companies', chamonixGuides);
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/not valid/);
    });
  });

  describe('PATCH /api/companies/{id}', () => {
    let id: number;
    beforeEach(async () => {
      id = (await client.post('/api/companies', chamonixGuides)).body.id;
    });

    it('changes only the fields sent, merging nested objects', async () => {
      const response = await client.patch(`/api/companies/${id}`, { employees: 9, description: { it: 'Guide alpine' } });
      expect(response.status).toBe(200);
      expect(response.body.properties).toMatchObject({
        name: chamonixGuides.name,
        employees: 9,
        description: { fr: 'Guides de haute montagne', it: 'Guide alpine', en: 'Mountain guides' },
      });
      expect(response.body.properties.updatedAt > response.body.properties.createdAt).toBe(true);
    });

    it('checks the merged firm like a new one and leaves it unchanged when refused', async () => {
      const before = (await client.get(`/api/companies/${id}`)).body;
      const moved = await client.patch(`/api/companies/${id}`, { country: 'IT' });
      expect(moved.status).toBe(400);
      expect(moved.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['commune.code', 'activity.national']),
      );
      const dropped = await client.patch(`/api/companies/${id}`, { sectors: ['building_renovation'] });
      expect(dropped.body.errors[0].field).toBe('primarySector');
      expect((await client.get(`/api/companies/${id}`)).body).toEqual(before);
    });

    it('answers 404 for an unknown firm', async () => {
      expect((await client.patch('/api/companies/999999', { employees: 1 })).status).toBe(404);
    });
  });

  describe('DELETE /api/companies/{id}', () => {
    it('deletes the firm and its links', async () => {
      const a = (await client.post('/api/companies', chamonixGuides)).body.id;
      const b = (await client.post('/api/companies', courmayeurSpa)).body.id;
      expect((await client.post('/api/links', { from: a, to: b, kind: 'partner' })).status).toBe(201);
      expect((await client.delete(`/api/companies/${a}`)).status).toBe(204);
      expect((await client.get(`/api/companies/${a}`)).status).toBe(404);
      expect((await client.get('/api/links')).body.numberMatched).toBe(0);
      expect((await client.delete(`/api/companies/${a}`)).status).toBe(404);
    });
  });

  describe('links', () => {
    let a: number;
    let b: number;
    let c: number;
    beforeEach(async () => {
      a = (await client.post('/api/companies', chamonixGuides)).body.id;
      b = (await client.post('/api/companies', courmayeurSpa)).body.id;
      c = (await client.post('/api/companies', martignyJoinery)).body.id;
    });

    it('creates a cross-border link and derives crossBorder from the countries', async () => {
      const response = await client.post('/api/links', { from: a, to: b, kind: 'supplier', since: 2019, note: 'Tunnel du Mont-Blanc' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        geometry: { type: 'LineString', coordinates: [[6.8694, 45.9237], [6.9689, 45.7966]] },
        properties: { kind: 'supplier', since: 2019, crossBorder: true, from: { id: a, country: 'FR' }, to: { id: b, country: 'IT' } },
      });
    });

    it('recomputes crossBorder when a firm moves country', async () => {
      const link = (await client.post('/api/links', { from: a, to: c, kind: 'partner' })).body;
      expect(link.properties.crossBorder).toBe(true);
      await client.patch(`/api/companies/${a}`, {
        country: 'CH', commune: { code: '6136', name: 'Martigny' }, location: { type: 'Point', coordinates: [7.07, 46.1] }, activity: { nace: '93.19', national: '9319' },
      });
      expect((await client.get(`/api/links/${link.id}`)).body.properties.crossBorder).toBe(false);
    });

    it('refuses a duplicate link with 409, a self-link and unknown firms with 400', async () => {
      expect((await client.post('/api/links', { from: a, to: b, kind: 'rnd' })).status).toBe(201);
      expect((await client.post('/api/links', { from: a, to: b, kind: 'rnd' })).status).toBe(409);
      const self = await client.post('/api/links', { from: a, to: a, kind: 'rnd' });
      expect(self.body.errors[0].field).toBe('to');
      const unknown = await client.post('/api/links', { from: a, to: 999999, kind: 'rnd' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].field).toBe('to');
      const badKind = await client.post('/api/links', { from: a, to: b, kind: 'friend' });
      expect(badKind.body.errors[0].field).toBe('kind');
      expect((await client.get('/api/links')).body.numberMatched).toBe(1);
    });

    it('patches and deletes a link', async () => {
      const id = (await client.post('/api/links', { from: a, to: b, kind: 'partner' })).body.id;
      const patched = await client.patch(`/api/links/${id}`, { kind: 'joint_project', note: 'Interreg' });
      expect(patched.body.properties).toMatchObject({ kind: 'joint_project', note: 'Interreg', from: { id: a } });
      expect((await client.patch(`/api/links/${id}`, { since: 1500 })).body.errors[0].field).toBe('since');
      expect((await client.delete(`/api/links/${id}`, null)).status).toBe(401);
      expect((await client.delete(`/api/links/${id}`)).status).toBe(204);
      expect((await client.get(`/api/links/${id}`)).status).toBe(404);
    });
  });
});
