import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';

describe.each(testEngines())('undoing one change of a firm, on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let itEditor: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    itEditor = (await client.post('/api/accounts', { email: 'it.editor@example.org', name: 'Ivo Italia', role: 'editor', countries: ['IT'], password: 'ivo passphrase 2026' })).status === 201
      ? (await client.post('/api/tokens', { label: 'unused', role: 'editor' })).body.token
      : '';
  });
  afterAll(() => db?.close());

  const history = async (id: number) => (await client.get(`/api/companies/${id}/history`, ADMIN_TOKEN)).body.entries as { id: number; action: string; changes: Record<string, unknown> }[];
  const firm = async (id: number) => (await client.get(`/api/companies/${id}`, ADMIN_TOKEN)).body.properties;

  it('sets the fields of the change back, and records the undo as a change', async () => {
    const id = (await client.post('/api/companies', { ...chamonixGuides, name: 'Test Undo One', officialId: null })).body.id;
    await client.patch(`/api/companies/${id}`, { website: 'https://wrong.example.org', employees: 9 });
    const [change] = await history(id);
    const response = await client.post(`/api/history/${change!.id}/undo`, {});
    expect(response.body.detail ?? '').toBe('');
    expect(response.status).toBe(200);
    expect(await firm(id)).toMatchObject({ website: chamonixGuides.website, employees: chamonixGuides.employees, name: 'Test Undo One' });
    const [undo] = await history(id);
    expect(undo!.id).toBeGreaterThan(change!.id);
    expect(Object.keys(undo!.changes).sort()).toEqual(Object.keys(change!.changes).sort());
  });

  it('refuses when a field of the change was changed since, naming it and who, and writes nothing', async () => {
    const id = (await client.post('/api/companies', { ...chamonixGuides, name: 'Test Undo Two', officialId: null })).body.id;
    await client.patch(`/api/companies/${id}`, { website: 'https://first.example.org' });
    const [first] = await history(id);
    await client.patch(`/api/companies/${id}`, { website: 'https://second.example.org' });
    const before = await firm(id);
    const response = await client.post(`/api/history/${first!.id}/undo`, {});
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/website \(by /);
    expect(await firm(id)).toEqual(before);
  });

  it('undoes a change whose fields nobody touched since, even after other fields changed', async () => {
    const id = (await client.post('/api/companies', { ...chamonixGuides, name: 'Test Undo Three', officialId: null })).body.id;
    await client.patch(`/api/companies/${id}`, { founded: 1999 });
    const [change] = await history(id);
    await client.patch(`/api/companies/${id}`, { website: 'https://other.example.org' });
    expect((await client.post(`/api/history/${change!.id}/undo`, {})).status).toBe(200);
    expect(await firm(id)).toMatchObject({ founded: chamonixGuides.founded, website: 'https://other.example.org' });
  });

  it('undoes a creation by deleting the firm, only while nothing changed it', async () => {
    const untouched = (await client.post('/api/companies', { ...chamonixGuides, name: 'Test Undo Created', officialId: null })).body.id;
    const [created] = await history(untouched);
    expect((await client.post(`/api/history/${created!.id}/undo`, {})).status).toBe(200);
    expect((await client.get(`/api/companies/${untouched}`)).status).toBe(404);

    const changed = (await client.post('/api/companies', { ...chamonixGuides, name: 'Test Undo Kept', officialId: null })).body.id;
    const creation = (await history(changed)).at(-1)!;
    await client.patch(`/api/companies/${changed}`, { founded: 2001 });
    expect((await client.post(`/api/history/${creation.id}/undo`, {})).status).toBe(409);
    expect((await client.get(`/api/companies/${changed}`)).status).toBe(200);
  });

  it('answers 404 for an unknown entry, 401 for a visitor and 403 for a member, out of scope', async () => {
    const id = (await client.post('/api/companies', { ...courmayeurSpa, name: 'Test Undo Scope' })).body.id;
    await client.patch(`/api/companies/${id}`, { founded: 2005 });
    const [change] = await history(id);
    expect((await client.post('/api/history/999999/undo', {})).status).toBe(404);
    expect((await client.post(`/api/history/${change!.id}/undo`, {}, null)).status).toBe(401);
    const member = (await client.post('/api/tokens', { label: 'member', role: 'member' })).body.token;
    expect((await client.post(`/api/history/${change!.id}/undo`, {}, member)).status).toBe(403);
    expect(itEditor).not.toBe('');
    expect((await firm(id)).founded).toBe(2005);
  });
});
