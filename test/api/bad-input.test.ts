import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { chamonixGuides } from '../fixtures/companies.ts';

/** [request, the parameter the 400 must name] */
const BAD_READS: [string, string][] = [
  ['/api/companies?bbox=6,45,7', 'bbox'],
  ['/api/companies?bbox=7,45,6,46', 'bbox'],
  ['/api/companies?bbox=a,b,c,d', 'bbox'],
  ['/api/companies?bbox=6,45,7,91', 'bbox'],
  ['/api/companies?bbox=', 'bbox'],
  ['/api/companies?bbox=6,45,7,46,8', 'bbox'],
  ['/api/companies?sector=mining', 'sector'],
  ['/api/companies?sector=', 'sector'],
  ['/api/companies?sector=outdoor;DROP TABLE companies', 'sector'],
  ['/api/companies?country=DE', 'country'],
  ['/api/companies?country=fr', 'country'],
  ['/api/companies?limit=0', 'limit'],
  ['/api/companies?limit=1001', 'limit'],
  ['/api/companies?limit=ten', 'limit'],
  ['/api/companies?limit=1.5', 'limit'],
  ['/api/companies?cursor=%27%20OR%201=1', 'cursor'],
  ['/api/companies?cursor=MTIz', 'cursor'],
  [`/api/companies?q=${'x'.repeat(201)}`, 'q'],
  ['/api/companies?commune=', 'commune'],
  ['/api/companies/0', 'id'],
  ['/api/companies/-1', 'id'],
  ['/api/companies/1.5', 'id'],
  ['/api/companies/99999999999', 'id'],
  ['/api/nearby', 'lon'],
  ['/api/nearby?lon=6.8', 'lat'],
  ['/api/nearby?lat=45.9', 'lon'],
  ['/api/nearby?lon=181&lat=45', 'lon'],
  ['/api/nearby?lon=6.8&lat=-91', 'lat'],
  ['/api/nearby?lon=abc&lat=45', 'lon'],
  ['/api/nearby?lon=6.8&lat=45.9&radius=0', 'radius'],
  ['/api/nearby?lon=6.8&lat=45.9&radius=100001', 'radius'],
  ['/api/nearby?lon=6.8&lat=45.9&radius=NaN', 'radius'],
  ['/api/nearby?lon=6.8&lat=45.9&radius=Infinity', 'radius'],
  ['/api/nearby?lon=6.8&lat=45.9&sector=ski', 'sector'],
  ['/api/nearby?lon=6.8&lat=45.9&country=XX', 'country'],
  ['/api/nearby?lon=6.8&lat=45.9&limit=5000', 'limit'],
  ['/api/nearby?company=abc', 'company'],
  ['/api/nearby?company=999999', 'company'],
  ['/api/nearby?company=1&lon=6.8&lat=45.9', 'company'],
  ['/api/links?crossBorder=yes', 'crossBorder'],
  ['/api/links?kind=friend', 'kind'],
  ['/api/links?limit=5001', 'limit'],
  ['/api/links?bbox=1,2,3', 'bbox'],
  ['/api/links?company=x', 'company'],
  ['/api/links/abc', 'id'],
];

describe.each(testEngines())('bad input on %s', (engine) => {
  let db: Database;
  let client: TestClient;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    await client.post('/api/companies', chamonixGuides);
  });
  afterAll(() => db?.close());

  it.each(BAD_READS)('GET %s answers 400 naming %s', async (path, field) => {
    const response = await client.get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, title: 'Invalid request' });
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    "'; DROP TABLE companies; --",
    '%',
    '_',
    '\\',
    '" OR ""="',
    '<script>alert(1)</script>',
    'Москва',
    '😀',
  ])('treats search text %j as plain text', async (q) => {
    const response = await client.get(`/api/companies?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    expect(response.body.numberMatched).toBe(0);
  });

  it('treats a commune filter with SQL in it as a value', async () => {
    const response = await client.get(`/api/companies?commune=${encodeURIComponent("74056' OR '1'='1")}`);
    expect(response.status).toBe(200);
    expect(response.body.numberMatched).toBe(0);
    const [row] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM companies`);
    expect(row!.n).toBe(1);
  });

  it('reads a parameter given twice as a list', async () => {
    const response = await client.get('/api/companies?country=IT&country=FR');
    expect(response.body.numberMatched).toBe(1);
  });

  it('answers unknown routes and methods with a problem, never a 500', async () => {
    expect((await client.get('/api/nothing-here')).status).toBe(404);
    const response = await client.get('/api/companies/1/extra');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  /** [write, the field the 400 must name]: `\ud800` alone is no character (JSON allows the escape). */
  const LONE_SURROGATE = 'Guides \ud800 du Mont-Blanc';
  const SURROGATE_WRITES: Array<[string, 'post' | 'patch', string, Record<string, unknown>, string]> = [
    ['a new firm\'s name', 'post', '/api/companies', { ...chamonixGuides, name: LONE_SURROGATE }, 'name'],
    ['a new firm\'s description', 'post', '/api/companies', { ...chamonixGuides, name: 'Other', description: { fr: LONE_SURROGATE } }, 'description.fr'],
    ['a changed name', 'patch', '/api/companies/1', { name: LONE_SURROGATE }, 'name'],
    ['a changed note', 'patch', '/api/companies/1', { note: LONE_SURROGATE }, 'note'],
    ['a new account\'s name', 'post', '/api/accounts', { email: 'someone@example.org', name: LONE_SURROGATE, role: 'member' }, 'name'],
  ];
  it.each(SURROGATE_WRITES)('refuses a lone surrogate in %s with a 400 naming it, writing nothing', async (_what, method, path, body, field) => {
    const before = await db.rows<{ digest: string }>(sql`SELECT md5(string_agg(c::text, '|' ORDER BY c.id)) || (SELECT count(*) FROM accounts) AS digest FROM companies c`);
    const response = await client[method](path, body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field, message: 'must be well-formed Unicode (no lone surrogate)' });
    expect(await db.rows(sql`SELECT md5(string_agg(c::text, '|' ORDER BY c.id)) || (SELECT count(*) FROM accounts) AS digest FROM companies c`)).toEqual(before);
  });

  it('never leaks SQL or stack traces in an error', async () => {
    for (const [path] of BAD_READS) {
      const text = JSON.stringify((await client.get(path)).body);
      expect(text).not.toMatch(/SELECT|at .*\.ts|PostgresError|drizzle/i);
    }
  });
});
