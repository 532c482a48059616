import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { isCancelledQuery } from '../../db/errors.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';
import { type AtlasServer, serveApp, testClient } from '../support/app.ts';
import { openTestDb } from '../support/databases.ts';

/** Milliseconds `work` takes. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('the embedded engine, in a thread of its own', () => {
  let db: Database;
  let server: AtlasServer;
  const TILE = '/api/tiles/companies/9/265/182.mvt';

  beforeAll(async () => {
    db = await openTestDb('pglite');
    expect((await testClient(db).post('/api/companies', chamonixGuides)).status).toBe(201);
    server = await serveApp(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('answers liveness, cached answers and static files while a slow query runs', async () => {
    expect((await fetch(server.url + TILE)).status).toBe(200);
    let slowDone = false;
    const slow = db.rows(sql`SELECT pg_sleep(3)`).then(() => (slowDone = true));
    // The slow query has the database: it started before the probes below.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const path of ['/api/live', TILE, '/']) {
      const { value: response, ms } = await timed(() => fetch(server.url + path));
      expect(response.status, path).toBe(200);
      expect(ms, `${path} waited for the query`).toBeLessThan(1000);
    }
    expect(slowDone).toBe(false);
    await slow;
  });
});

describe('a statement past ATLAS_STATEMENT_TIMEOUT on the embedded engine', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDb('pglite', { statementTimeoutMs: 2000 });
    const client = testClient(db);
    for (const firm of [chamonixGuides, courmayeurSpa]) expect((await client.post('/api/companies', firm)).status).toBe(201);
  });
  afterAll(() => db?.close());

  it('is stopped on time, as the server stops it (57014), and the database serves the next query', async () => {
    const { value: error, ms } = await timed(() => db.rows(sql`SELECT pg_sleep(10)`).catch((e: unknown) => e));
    expect(isCancelledQuery(error)).toBe(true);
    expect(ms).toBeLessThan(4000);
    const [row] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM companies`);
    expect(row!.n).toBe(2);
  });

  it('answers the request with a 503 problem and Retry-After, and keeps every committed write', async () => {
    const client = testClient(db);
    // A commune filter folds the commune asked for and every firm's: made slow (3 s a call), the
    // query runs past the limit.
    await db.rows(sql`ALTER FUNCTION atlas_fold(text) RENAME TO atlas_fold_fast`);
    await db.rows(sql`CREATE FUNCTION atlas_fold(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT atlas_fold_fast($1) FROM pg_sleep(3) $$`);
    try {
      const { value: response, ms } = await timed(() => client.get('/api/companies?commune=nowhere'));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
      expect(response.body.detail).toMatch(/took too long/);
      expect(ms).toBeLessThan(4500);
    } finally {
      await db.rows(sql`DROP FUNCTION atlas_fold(text)`);
      await db.rows(sql`ALTER FUNCTION atlas_fold_fast(text) RENAME TO atlas_fold`);
    }
    const after = await client.get('/api/companies?commune=Courmayeur');
    expect(after.status).toBe(200);
    expect(after.body.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([courmayeurSpa.name]);
    // The stopped thread's replacement opens PostGIS again: tens of seconds on a loaded CI machine.
  }, 90_000);
});
