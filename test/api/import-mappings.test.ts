import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';

/** A Swiss export whose firm-name column ("Bezeichnung") no built-in name suggests. */
const CSV = ['UID;Bezeichnung;BFS-Nr;E;N;NOGA', 'CHE-116.281.710;Menuiserie Test SA;6136;2571850;1105800;433200'].join('\n');
const SWISS = { UID: 'officialId', Bezeichnung: 'name', 'BFS-Nr': 'communeCode', E: 'x', N: 'y', NOGA: 'nationalCode' };

describe.each(testEngines())('saved import mappings on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let editor: string;
  let otherEditor: string;
  let member: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    editor = (await client.post('/api/tokens', { label: 'CCI import', role: 'editor' })).body.token;
    otherEditor = (await client.post('/api/tokens', { label: 'CimArk import', role: 'editor' })).body.token;
    member = (await client.post('/api/tokens', { label: 'reader', role: 'member' })).body.token;
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.rows(sql`DELETE FROM import_mappings`);
  });

  const put = (name: string, body: unknown, token: string | null = editor) => client.put(`/api/import-mappings/${encodeURIComponent(name)}`, body, token);
  const saved = async () => (await client.get('/api/import-mappings', member)).body.mappings as { name: string; mapping: object; savedBy: { label: string } }[];

  it('saves a mapping under a name, and lists it to members with who saved it', async () => {
    const response = await put('Registre suisse (UID)', { mapping: SWISS });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/import-mappings/Registre%20suisse%20(UID)');
    expect(await saved()).toEqual([
      { name: 'Registre suisse (UID)', mapping: SWISS, savedBy: { tokenId: expect.any(Number), label: 'CCI import' }, savedAt: expect.any(String) },
    ]);
  });

  it('replaces a mapping saved again under its name, and records who saved it last', async () => {
    await put('Swiss', { mapping: SWISS });
    const again = await put('Swiss', { mapping: { ...SWISS, NOGA: null } }, otherEditor);
    expect(again.status).toBe(200);
    expect(await saved()).toMatchObject([{ name: 'Swiss', mapping: { NOGA: null }, savedBy: { label: 'CimArk import' } }]);
  });

  it('deletes a saved mapping, and answers 404 for one that is not there', async () => {
    await put('Swiss', { mapping: SWISS });
    expect((await client.delete('/api/import-mappings/Swiss', editor)).status).toBe(204);
    expect(await saved()).toEqual([]);
    const missing = await client.delete('/api/import-mappings/Swiss', editor);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([
    ['name', 'x'.repeat(81), { mapping: SWISS }],
    ['mapping.E', 'Swiss', { mapping: { E: 'easting' } }],
    ['mapping.N', 'Swiss', { mapping: { E: 'x', N: 'x' } }],
    ['mapping', 'Swiss', { mapping: {} }],
    ['mapping', 'Swiss', { mapping: ['name'] }],
    ['mapping', 'Swiss', {}],
    ['colour', 'Swiss', { mapping: SWISS, colour: 'red' }],
    ['body', 'Swiss', 'not json'],
  ])('refuses a bad %s with a 400 naming it, and saves nothing', async (field, name, body) => {
    const response = await put(name, body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await saved()).toEqual([]);
  });

  it('lets members list the mappings but not save or delete them, and anonymous callers do neither', async () => {
    await put('Swiss', { mapping: SWISS });
    expect((await client.get('/api/import-mappings', member)).status).toBe(200);
    expect((await put('Swiss', { mapping: SWISS }, member)).status).toBe(403);
    expect((await client.delete('/api/import-mappings/Swiss', member)).status).toBe(403);
    expect((await client.get('/api/import-mappings', null)).status).toBe(401);
    expect((await put('Other', { mapping: SWISS }, null)).status).toBe(401);
  });

  describe('used by an import', () => {
    const upload = async (query: string) => {
      const response = await client.app.request(`http://localhost/api/imports${query}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${editor}`, 'Content-Type': 'text/csv' },
        body: CSV,
      });
      return { status: response.status, body: await response.json() };
    };

    beforeEach(() => emptyRegistry(db));

    it('reads the columns as the mapping named by savedMapping says', async () => {
      await put('Swiss', { mapping: { ...SWISS, 'Not in this file': 'note' } });
      const { status, body } = await upload('?dryRun=false&savedMapping=Swiss');
      expect(status).toBe(200);
      expect(body.mapping).toEqual(SWISS);
      expect(body).toMatchObject({ created: 1, rejected: [] });
    });

    it('lets a mapping given with the request override the saved one', async () => {
      await put('Swiss', { mapping: SWISS });
      const { body } = await upload(`?savedMapping=Swiss&mapping=${encodeURIComponent(JSON.stringify({ Bezeichnung: null, UID: 'name' }))}`);
      expect(body.mapping).toMatchObject({ Bezeichnung: null, UID: 'name', E: 'x' });
      // The identifier is now read as the name: no field gives the official id.
      expect(Object.values(body.mapping)).not.toContain('officialId');
    });

    it('reads a field only from the column a mapping gives it to, no longer from the column whose name suggested it', async () => {
      const csv = ['UID;Firmenname;Bezeichnung;BFS-Nr;E;N;NOGA', 'CHE-116.281.710;Alter Name AG;Menuiserie Test SA;6136;2571850;1105800;433200'].join('\n');
      await put('Swiss', { mapping: { Bezeichnung: 'name' } });
      const response = await client.app.request('http://localhost/api/imports?dryRun=false&savedMapping=Swiss', {
        method: 'POST',
        headers: { Authorization: `Bearer ${editor}`, 'Content-Type': 'text/csv' },
        body: csv,
      });
      expect((await response.json()).mapping).toMatchObject({ Firmenname: null, Bezeichnung: 'name' });
      expect(await db.rows(sql`SELECT name FROM companies`)).toEqual([{ name: 'Menuiserie Test SA' }]);
    });

    it('refuses an unknown savedMapping with a 400 naming it', async () => {
      const { status, body } = await upload('?savedMapping=Nowhere');
      expect(status).toBe(400);
      expect(body.errors).toEqual([{ field: 'savedMapping', message: "no saved mapping named 'Nowhere'" }]);
    });
  });
});
