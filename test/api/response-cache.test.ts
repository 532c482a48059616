import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';
import { ADMIN_TOKEN, type TestClient, testClient } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { eventually } from '../support/http.ts';

const dialect = new PgDialect();

/** The database, counting the tile queries run on it (the routes' queries are left as they are). */
function countingTiles(db: Database) {
  const counted = { tiles: 0 };
  const rows: Database['rows'] = (query) => {
    if (dialect.sqlToQuery(query).sql.includes('company_cells')) counted.tiles += 1;
    return db.rows(query);
  };
  return { db: { ...db, rows }, counted };
}

const TILE = '/api/tiles/companies/9/265/182.mvt';

describe.each(testEngines())('the response cache on %s', (engine) => {
  let db: Database;
  let client: TestClient;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    for (const firm of [chamonixGuides, courmayeurSpa, martignyJoinery]) expect((await client.post('/api/companies', firm)).status).toBe(201);
  });
  afterAll(() => db?.close());

  it('never answers with data older than a write that completed before the request', async () => {
    const reads = ['/api/companies/1', '/api/companies?limit=5', '/api/nearby?company=2&radius=50000'];
    // Each path answered once before: the cache holds an answer for it when the loop starts.
    for (const path of reads) expect((await client.get(path)).status).toBe(200);
    let completed = 0;
    let writing = true;
    const writer = (async () => {
      for (let employees = 1; employees <= 25; employees++) {
        expect((await client.patch('/api/companies/1', { employees })).status).toBe(200);
        completed = employees;
      }
    })().finally(() => (writing = false));
    const seen = (body: { id?: number; properties?: { employees: number | null }; features?: { id: number; properties: { employees: number | null } }[] }) =>
      body.features ? body.features.find((f) => f.id === 1)!.properties.employees : body.properties!.employees;
    let checked = 0;
    const readers = reads.map(async (path) => {
      // Until the writer is done, or has failed (then Promise.all fails with its error).
      while (writing) {
        // An answer from memory never waits for I/O: without a turn of the event loop here, the
        // readers would keep the writer's answers from ever being read.
        await new Promise((resolve) => setImmediate(resolve));
        const floor = completed;
        const response = await client.get(path);
        expect(response.status).toBe(200);
        expect(seen(response.body) ?? 0, `${path} after write ${floor}`).toBeGreaterThanOrEqual(floor);
        checked += 1;
      }
    });
    await Promise.all([writer, ...readers]);
    // The loop checked reads made between writes, not only before the first.
    expect(checked).toBeGreaterThan(25);
    for (const path of reads) expect(seen((await client.get(path)).body)).toBe(25);
  });

  it('computes identical requests that come together once', async () => {
    const run = async (env: Record<string, string>) => {
      const { db: counting, counted } = countingTiles(db);
      const app = testClient(counting, env).app;
      // The data version known first (a server engine reads it until it listens).
      await app.request('http://localhost/api/health');
      const responses = await Promise.all(Array.from({ length: 12 }, () => app.request(`http://localhost${TILE}`)));
      const bodies = await Promise.all(responses.map(async (r) => Buffer.from(await r.arrayBuffer()).toString('base64')));
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(new Set(bodies).size).toBe(1);
      return counted.tiles;
    };
    expect(await run({})).toBe(1);
    // Without the cache each request computes its own: the count above is the cache's doing.
    expect(await run({ ATLAS_CACHE_MB: '0' })).toBe(12);
  });

  it('keeps its answers within ATLAS_CACHE_MB', async () => {
    const small = testClient(db, { ATLAS_CACHE_MB: '0.05' });
    const paths = Array.from({ length: 40 }, (_, i) => `/api/companies?limit=${i + 1}`);
    for (const path of paths) expect((await small.get(path)).status).toBe(200);
    const { cache } = (await small.get('/api/health')).body;
    expect(cache.maxBytes).toBe(Math.floor(0.05 * 1024 * 1024));
    // Enough was kept that the bound had to drop some.
    expect(cache.evictions).toBeGreaterThan(0);
    expect(cache.bytes).toBeGreaterThan(cache.maxBytes / 2);
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
  });

  it('answers from memory the second time, and says so in /api/health', async () => {
    const fresh = testClient(db);
    const first = await fresh.app.request(`http://localhost${TILE}`, { headers: { 'Accept-Encoding': 'gzip' } });
    const second = await fresh.app.request(`http://localhost${TILE}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect([first.status, second.status]).toEqual([200, 200]);
    // Kept compressed: the answer from memory costs no compression again.
    expect(second.headers.get('content-encoding')).toBe('gzip');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(Buffer.from(await second.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()));
    expect((await fresh.get('/api/health')).body.cache).toMatchObject({ hits: 1, misses: 1 });
    // The process listens by now: the version comes from the database's notices, not a query.
    expect(await eventually(async () => (await fresh.get('/api/health')).body.dataVersionSource === 'notifications', 5000)).toBe(true);
  });

  it("never gives the public an answer computed for a member's private fields", async () => {
    const path = '/api/companies/1';
    const member = await client.get(path, ADMIN_TOKEN);
    expect(member.body.properties.contact).toBeDefined();
    const anonymous = await client.get(path);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.properties.contact).toBeUndefined();
  });

  it('tells apart requests whose query parameters differ, in any order', async () => {
    const [a, b, c] = await Promise.all(
      ['/api/companies?country=FR&limit=5', '/api/companies?limit=5&country=FR', '/api/companies?country=IT&limit=5'].map((path) => client.get(path)),
    );
    expect(a!.body.features.map((f: { id: number }) => f.id)).toEqual([1]);
    expect(b!.body).toEqual(a!.body);
    expect(c!.body.features.map((f: { id: number }) => f.id)).toEqual([2]);
  });
});
