import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';

type Answer = { status: number; etag: string | null; body: any };

describe.each(testEngines())('versions and If-Match on %s', (engine) => {
  let db: Database;
  let client: TestClient;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
  });
  beforeEach(() => emptyRegistry(db));
  afterAll(() => db?.close());

  /** A call with any headers, as the admin token unless `Authorization` is given. */
  async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
    const all: Record<string, string> = { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers };
    // An empty Authorization stands for none: a visitor.
    if (!all.Authorization) delete all.Authorization;
    const response = await client.app.request(`http://localhost${path}`, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('ETag'), body: text ? JSON.parse(text) : null };
  }

  const historyLength = async (id: number) => (await client.get(`/api/companies/${id}/history`, ADMIN_TOKEN)).body.entries.length as number;

  async function firm(body: object = chamonixGuides) {
    const created = await client.post('/api/companies', body);
    expect(created.status).toBe(201);
    return created.body.id as number;
  }

  describe('companies', () => {
    it('answers a read with an ETag naming the version, which a change raises', async () => {
      const id = await firm();
      const read = await call('GET', `/api/companies/${id}`);
      expect(read.etag).toMatch(/^(W\/)?"r1\.[A-Za-z0-9_-]+"$/);
      const changed = await call('PATCH', `/api/companies/${id}`, { 'If-Match': read.etag! }, { website: 'https://changed.example' });
      expect(changed.status).toBe(200);
      expect(changed.etag).toMatch(/"r2"$/);
      expect((await call('GET', `/api/companies/${id}`)).etag).toMatch(/"r2\./);
    });

    it('refuses a change over a stale If-Match with a 412 holding the record as it is, and writes nothing', async () => {
      const id = await firm();
      const first = (await call('GET', `/api/companies/${id}`)).etag!;
      expect((await call('PATCH', `/api/companies/${id}`, { 'If-Match': first }, { name: 'Renamed by Anna' })).status).toBe(200);
      const entries = await historyLength(id);

      const late = await call('PATCH', `/api/companies/${id}`, { 'If-Match': first }, { website: 'https://bruno.example' });
      expect(late.status).toBe(412);
      expect(late.body).toMatchObject({ status: 412, title: 'Precondition failed', etag: '"r2"' });
      expect(late.body.current.properties).toMatchObject({ name: 'Renamed by Anna', website: chamonixGuides.website });
      expect(late.body.current.properties.contact).toEqual(chamonixGuides.contact);
      expect(late.etag).toBe('"r2"');

      const now = await call('GET', `/api/companies/${id}`);
      expect(now.body.properties.website).toBe(chamonixGuides.website);
      expect(await historyLength(id)).toBe(entries);
      // Reapplied over the version the 412 gave, it goes through.
      expect((await call('PATCH', `/api/companies/${id}`, { 'If-Match': late.body.etag }, { website: 'https://bruno.example' })).status).toBe(200);
    });

    it('refuses a deletion over a stale If-Match, and deletes over the current one', async () => {
      const id = await firm();
      const first = (await call('GET', `/api/companies/${id}`)).etag!;
      await call('PATCH', `/api/companies/${id}`, {}, { employees: 9 });
      const late = await call('DELETE', `/api/companies/${id}`, { 'If-Match': first });
      expect(late.status).toBe(412);
      expect(late.body.current.properties.employees).toBe(9);
      expect((await call('GET', `/api/companies/${id}`)).status).toBe(200);
      expect((await call('DELETE', `/api/companies/${id}`, { 'If-Match': late.body.etag })).status).toBe(204);
      expect((await call('GET', `/api/companies/${id}`)).status).toBe(404);
    });

    it('writes without If-Match as before, and takes * for any version', async () => {
      const id = await firm();
      await call('PATCH', `/api/companies/${id}`, {}, { employees: 5 });
      expect((await call('PATCH', `/api/companies/${id}`, {}, { employees: 6 })).status).toBe(200);
      expect((await call('PATCH', `/api/companies/${id}`, { 'If-Match': '*' }, { employees: 7 })).status).toBe(200);
      expect((await call('PATCH', `/api/companies/${id}`, { 'If-Match': '"something else"' }, { employees: 8 })).status).toBe(412);
      expect((await call('GET', `/api/companies/${id}`)).body.properties.employees).toBe(7);
    });

    it('lets exactly one of two changes made over the same version win', async () => {
      const id = await firm();
      const tag = (await call('GET', `/api/companies/${id}`)).etag!;
      const entries = await historyLength(id);
      const answers = await Promise.all(
        ['Anna', 'Bruno'].map((who) => call('PATCH', `/api/companies/${id}`, { 'If-Match': tag }, { name: `Renamed by ${who}` })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!;
      const loser = answers.find((a) => a.status === 412)!;
      expect(loser.body.current.properties.name).toBe(winner.body.properties.name);
      expect((await call('GET', `/api/companies/${id}`)).body.properties.name).toBe(winner.body.properties.name);
      expect(await historyLength(id)).toBe(entries + 1);
    });

    it('sees a change made outside the API (an import, another process) as a new version', async () => {
      const id = await firm();
      const tag = (await call('GET', `/api/companies/${id}`)).etag!;
      await db.rows(sql`UPDATE companies SET website = 'https://import.example' WHERE id = ${id}`);
      expect((await call('PATCH', `/api/companies/${id}`, { 'If-Match': tag }, { employees: 41 })).status).toBe(412);
      // An update that changes nothing is no new version.
      const now = (await call('GET', `/api/companies/${id}`)).etag!;
      await db.rows(sql`UPDATE companies SET name = name WHERE id = ${id}`);
      expect((await call('PATCH', `/api/companies/${id}`, { 'If-Match': now }, { employees: 41 })).status).toBe(200);
    });

    it('revalidates a read into a 304 only while nothing changed, and never a visitor into a member', async () => {
      const id = await firm();
      const read = await call('GET', `/api/companies/${id}`, { Authorization: '' });
      expect((await call('GET', `/api/companies/${id}`, { Authorization: '', 'If-None-Match': read.etag! })).status).toBe(304);
      const member = await call('GET', `/api/companies/${id}`, { 'If-None-Match': read.etag! });
      expect(member.status).toBe(200);
      expect(member.body.properties.contact).toEqual(chamonixGuides.contact);
      await call('PATCH', `/api/companies/${id}`, {}, { employees: 12 });
      const after = await call('GET', `/api/companies/${id}`, { Authorization: '', 'If-None-Match': read.etag! });
      expect(after.status).toBe(200);
      expect(after.body.properties.employees).toBe(12);
    });
  });

  describe('links', () => {
    async function link() {
      const [from, to] = [await firm(), await firm(courmayeurSpa)];
      const created = await client.post('/api/links', { from, to, kind: 'partner', since: 2020 });
      expect(created.status).toBe(201);
      return created.body.id as number;
    }

    it('refuses a change or a deletion over a stale If-Match, and writes nothing', async () => {
      const id = await link();
      const first = await call('GET', `/api/links/${id}`);
      expect(first.etag).toMatch(/"r1\./);
      const changed = await call('PATCH', `/api/links/${id}`, { 'If-Match': first.etag! }, { since: 2021 });
      expect(changed.status).toBe(200);
      expect(changed.etag).toBe('"r2"');

      const late = await call('PATCH', `/api/links/${id}`, { 'If-Match': first.etag! }, { note: 'late' });
      expect(late.status).toBe(412);
      expect(late.body).toMatchObject({ etag: '"r2"', current: { id, properties: { since: 2021, note: null } } });
      const gone = await call('DELETE', `/api/links/${id}`, { 'If-Match': first.etag! });
      expect(gone.status).toBe(412);
      expect((await call('GET', `/api/links/${id}`)).body.properties).toMatchObject({ since: 2021, note: null });

      expect((await call('DELETE', `/api/links/${id}`, { 'If-Match': late.body.etag })).status).toBe(204);
      expect((await call('GET', `/api/links/${id}`)).status).toBe(404);
    });

    it('lets exactly one of two changes made over the same version win', async () => {
      const id = await link();
      const tag = (await call('GET', `/api/links/${id}`)).etag!;
      const answers = await Promise.all([2001, 2002].map((since) => call('PATCH', `/api/links/${id}`, { 'If-Match': tag }, { since })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!;
      expect((await call('GET', `/api/links/${id}`)).body.properties.since).toBe(winner.body.properties.since);
    });

    it('writes without If-Match as before', async () => {
      const id = await link();
      await call('PATCH', `/api/links/${id}`, {}, { since: 2019 });
      expect((await call('PATCH', `/api/links/${id}`, {}, { since: 2018 })).status).toBe(200);
      expect((await call('DELETE', `/api/links/${id}`)).status).toBe(204);
    });
  });
});
