import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { eventually } from '../support/http.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';

describe.each(testEngines())('HTTP caching of reads on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  const get = (path: string, headers: Record<string, string> = {}) =>
    client.app.request(`http://localhost${path}`, { headers });

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    await client.post('/api/companies', chamonixGuides);
  });
  afterAll(() => db?.close());

  it.each(['/api/companies?country=FR', '/api/companies/1', '/api/nearby?company=1', '/api/links', '/api/actors'])(
    'answers %s with an ETag and 304 when it has not changed',
    async (path) => {
      const first = await get(path);
      expect(first.status).toBe(200);
      const tag = first.headers.get('etag')!;
      // A single record is tagged with its own version (If-Match compares it), the rest with the data version.
      expect(tag).toMatch(path === '/api/companies/1' ? /^"r\d+\./ : /^"v\d+-/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
      const again = await get(path, { 'If-None-Match': tag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    },
  );

  it('gives a new answer after any write, never the cached one', async () => {
    const path = '/api/companies?limit=10';
    const before = await get(path);
    const tag = before.headers.get('etag')!;
    expect((await before.json()).numberMatched).toBe(1);
    expect((await client.post('/api/companies', courmayeurSpa)).status).toBe(201);
    const after = await get(path, { 'If-None-Match': tag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(tag);
    expect((await after.json()).numberMatched).toBe(2);
  });

  it('names on a write’s answer the data version that includes it, as a read made after it gets', async () => {
    const before = Number((await get('/api/companies?limit=1')).headers.get('X-Data-Version'));
    const written = await client.patch('/api/companies/1', { employees: 9 });
    expect(written.status).toBe(200);
    const version = Number(written.headers.get('X-Data-Version'));
    expect(version).toBeGreaterThan(before);
    expect(Number((await get('/api/companies?limit=1')).headers.get('X-Data-Version'))).toBe(version);
  });

  it('gives a new answer after a write made outside the API, in a transaction', async () => {
    const path = '/api/companies?limit=10';
    const tag = (await get(path)).headers.get('etag')!;
    await db.drizzle.transaction(async (tx) => {
      await tx.execute(sql`UPDATE companies SET name = 'Test renamed in SQL' WHERE id = 1`);
    });
    // Embedded, the notice comes before the write returns; a server sends it to the process's
    // listening connection a moment after the commit, as it would a write of another process.
    const fresh = async () => (await get(path, { 'If-None-Match': tag })).status === 200;
    expect(engine === 'pglite' ? await fresh() : await eventually(fresh, 5000)).toBe(true);
    const after = await get(path);
    expect((await after.json()).features[0].properties.name).toBe('Test renamed in SQL');
  });

  it('does not move the version for a transaction that rolls back', async () => {
    const path = '/api/companies?limit=10';
    const tag = (await get(path)).headers.get('etag')!;
    await expect(db.drizzle.transaction(async (tx) => {
      await tx.execute(sql`UPDATE companies SET name = 'Test never committed' WHERE id = 1`);
      tx.rollback();
    })).rejects.toThrow();
    expect((await get(path, { 'If-None-Match': tag })).status).toBe(304);
  });

  it('keeps answers with private fields out of shared caches', async () => {
    const response = await get('/api/companies/1', { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('vary')).toMatch(/Authorization/);
    const anonymous = await get('/api/companies/1');
    expect(response.headers.get('etag')).not.toBe(anonymous.headers.get('etag'));
  });

  it('does not tag errors', async () => {
    const response = await get('/api/companies?limit=0');
    expect(response.status).toBe(400);
    expect(response.headers.get('etag')).toBeNull();
  });
});
