import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createPostgresDb } from '../../db/engines/postgres.ts';
import { parseConfig } from '../../server/config.ts';
import { testClient } from '../support/app.ts';
import { openTestDb, testEngines, urlOf } from '../support/databases.ts';
import { chamonixGuides } from '../fixtures/companies.ts';

describe.runIf(testEngines().includes('postgres'))('a query past the statement timeout of the server engine', () => {
  let db: Database;
  let limited: Database;

  beforeAll(async () => {
    db = await openTestDb('postgres');
    await testClient(db).post('/api/companies', chamonixGuides);
    // A second pool on the same database, as the server opens it with ATLAS_STATEMENT_TIMEOUT=300.
    limited = await createPostgresDb(urlOf(db), 2, { statementTimeoutMs: 300 });
  });
  afterAll(async () => {
    await limited?.close();
    await db?.close();
  });

  /** Answers `path` on the limited pool while another session holds the firms locked, so the query waits past the limit. */
  async function whileLocked(path: string) {
    return db.drizzle.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE companies IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      const response = await testClient(limited).get(path);
      return { ...response, ms: Date.now() - started };
    });
  }

  it('is answered at once with a 503 problem and Retry-After', async () => {
    const response = await whileLocked('/api/companies?limit=1');
    expect(response.ms).toBeLessThan(3000);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('60');
    expect(response.body).toMatchObject({ status: 503, title: 'Service unavailable' });
    expect(response.body.detail).toMatch(/took too long/);
  });

  it('leaves the connection serving the next request', async () => {
    await whileLocked('/api/companies?limit=1');
    const response = await testClient(limited).get('/api/companies?limit=1');
    expect(response.status).toBe(200);
    expect(response.body.numberMatched).toBe(1);
  });
});

describe('ATLAS_STATEMENT_TIMEOUT', () => {
  it('is 30 s by default, and 0 turns it off', () => {
    expect(parseConfig({}).statementTimeoutMs).toBe(30_000);
    expect(parseConfig({ ATLAS_STATEMENT_TIMEOUT: '0' }).statementTimeoutMs).toBe(0);
  });
});
