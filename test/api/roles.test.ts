import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { decodeLayer, tilesCovering } from '../support/mvt.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';

const SECRET_NOTE = 'Internal: renewal of the CCI membership pending';
const privateFirm = { ...chamonixGuides, note: SECRET_NOTE };

/** Whether any private value (the contact's e-mail, phone or the internal note) appears in a text. */
const leaksPrivate = (text: string) =>
  [privateFirm.contact.email, privateFirm.contact.phone, SECRET_NOTE].some((secret) => text.includes(secret));

describe.each(testEngines())('roles, tokens and private fields on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  const tokens = {} as Record<'member' | 'editor' | 'admin' | 'revoked', string>;
  let firmId: number;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    for (const role of ['member', 'editor', 'admin'] as const) {
      tokens[role] = (await client.post('/api/tokens', { label: `test ${role}`, role })).body.token;
    }
    const revoked = (await client.post('/api/tokens', { label: 'former editor', role: 'editor' })).body;
    await client.delete(`/api/tokens/${revoked.id}`);
    tokens.revoked = revoked.token;
    firmId = (await client.post('/api/companies', privateFirm)).body.id;
  });
  afterAll(() => db?.close());

  const as = (who: keyof typeof tokens | 'anonymous') => (who === 'anonymous' ? null : tokens[who]);

  describe('the role matrix', () => {
    it.each([
      ['anonymous', 200, false],
      ['member', 200, true],
      ['editor', 200, true],
      ['admin', 200, true],
      ['revoked', 401, false],
    ] as const)('%s reads a company: %i, private fields %s', async (who, status, seesPrivate) => {
      const response = await client.get(`/api/companies/${firmId}`, as(who));
      expect(response.status).toBe(status);
      if (status !== 200) return;
      expect(response.body.properties.contact === undefined).toBe(!seesPrivate);
      expect(response.body.properties.note === undefined).toBe(!seesPrivate);
      if (seesPrivate) expect(response.body.properties).toMatchObject({ contact: privateFirm.contact, note: SECRET_NOTE });
    });

    it.each([
      ['anonymous', 401],
      ['member', 403],
      ['editor', 201],
      ['admin', 201],
      ['revoked', 401],
    ] as const)('%s creates a company: %i', async (who, status) => {
      const response = await client.post('/api/companies', { ...courmayeurSpa, name: `Test ${who}` }, as(who));
      expect(response.status).toBe(status);
      if (status !== 201) expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    it.each([
      ['anonymous', 401],
      ['member', 403],
      ['editor', 200],
      ['admin', 200],
    ] as const)('%s changes a company: %i', async (who, status) => {
      expect((await client.patch(`/api/companies/${firmId}`, { employees: 5 }, as(who))).status).toBe(status);
    });

    it.each([
      ['anonymous', 401],
      ['member', 403],
      ['editor', 201],
      ['admin', 201],
    ] as const)('%s creates a link: %i', async (who, status) => {
      const other = (await client.post('/api/companies', { ...courmayeurSpa, name: `Test partner for ${who}` })).body.id;
      expect((await client.post('/api/links', { from: firmId, to: other, kind: 'partner' }, as(who))).status).toBe(status);
    });

    it.each([
      ['anonymous', 401],
      ['member', 403],
      ['editor', 200],
      ['admin', 200],
    ] as const)("%s reads a company's history: %i", async (who, status) => {
      expect((await client.get(`/api/companies/${firmId}/history`, as(who))).status).toBe(status);
    });

    it.each([
      ['anonymous', 401],
      ['member', 403],
      ['editor', 403],
      ['admin', 200],
      ['revoked', 401],
    ] as const)('%s lists the tokens: %i', async (who, status) => {
      expect((await client.get('/api/tokens', as(who))).status).toBe(status);
    });

    it.each([
      ['member', 403],
      ['editor', 403],
      ['admin', 201],
    ] as const)('%s creates a token: %i', async (who, status) => {
      expect((await client.post('/api/tokens', { label: `made by ${who}`, role: 'member' }, as(who))).status).toBe(status);
    });
  });

  describe('tokens', () => {
    it('shows a new token once and keeps only its hash', async () => {
      const created = await client.post('/api/tokens', { label: 'Chambre valdôtaine', role: 'editor' });
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^atlas_[A-Za-z0-9_-]{43}$/);
      const listed = (await client.get('/api/tokens', ADMIN_TOKEN)).body.tokens;
      expect(JSON.stringify(listed)).not.toContain(created.body.token);
      const [stored] = await db.rows<{ hash: string }>(sql`SELECT hash FROM api_tokens WHERE id = ${created.body.id}`);
      expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored!.hash).not.toContain(created.body.token);
    });

    it('lists every token with its label, role and last use', async () => {
      const created = (await client.post('/api/tokens', { label: 'analyst', role: 'member' })).body;
      const before = (await client.get('/api/tokens', ADMIN_TOKEN)).body.tokens.find((t: { id: number }) => t.id === created.id);
      expect(before).toMatchObject({ label: 'analyst', role: 'member', lastUsedAt: null, revokedAt: null });
      await client.get('/api/companies?limit=1', created.token);
      const after = (await client.get('/api/tokens', ADMIN_TOKEN)).body.tokens.find((t: { id: number }) => t.id === created.id);
      expect(after.lastUsedAt).not.toBeNull();
    });

    it('refuses a revoked token from the very next request, and keeps it listed', async () => {
      const created = (await client.post('/api/tokens', { label: 'leaving editor', role: 'editor' })).body;
      expect((await client.patch(`/api/companies/${firmId}`, { employees: 6 }, created.token)).status).toBe(200);
      const revoked = await client.delete(`/api/tokens/${created.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).not.toBeNull();
      const refused = await client.patch(`/api/companies/${firmId}`, { employees: 7 }, created.token);
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toMatch(/revoked/);
      const listed = (await client.get('/api/tokens', ADMIN_TOKEN)).body.tokens.map((t: { id: number }) => t.id);
      expect(listed).toContain(created.id);
    });

    it.each([
      ['label', { role: 'member' }],
      ['label', { label: '  ', role: 'member' }],
      ['role', { label: 'x', role: 'superuser' }],
      ['extra', { label: 'x', role: 'member', extra: 1 }],
    ])('rejects a token with a bad %s with a 400 naming it', async (field, body) => {
      const response = await client.post('/api/tokens', body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers 404 for revoking a token that does not exist', async () => {
      expect((await client.delete('/api/tokens/999999')).status).toBe(404);
    });

    it('refuses a malformed Authorization header with a 401 rather than reading anonymously', async () => {
      const response = await client.app.request('http://localhost/api/companies', { headers: { Authorization: 'Basic abc' } });
      expect(response.status).toBe(401);
    });
  });

  describe('history', () => {
    it('records who created, changed and deleted a company, with each field before and after', async () => {
      const editor = (await client.post('/api/tokens', { label: 'Martigny editor', role: 'editor' })).body;
      const id = (await client.post('/api/companies', { ...courmayeurSpa, name: 'Test history' }, editor.token)).body.id;
      await client.patch(`/api/companies/${id}`, { employees: 12, name: 'Test history renamed' }, editor.token);
      await client.delete(`/api/companies/${id}`, ADMIN_TOKEN);
      const history = await client.get(`/api/companies/${id}/history`, editor.token);
      expect(history.status).toBe(200);
      const entries = history.body.entries;
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
      expect(entries[2].by).toEqual({ tokenId: editor.id, accountId: null, label: 'Martigny editor' });
      expect(entries[1].changes).toEqual({
        name: { before: 'Test history', after: 'Test history renamed' },
        employees: { before: null, after: 12 },
        employeesRange: { before: null, after: { min: 12, max: 12 } },
      });
      expect(entries[0].by).toEqual({ tokenId: null, accountId: null, label: 'ATLAS_ADMIN_TOKEN' });
      expect(entries[0].changes.name).toEqual({ before: 'Test history renamed', after: null });
    });

    it('records nothing and keeps the update time when a change changes nothing', async () => {
      const before = (await client.get(`/api/companies/${firmId}/history`, ADMIN_TOKEN)).body.entries.length;
      const current = (await client.get(`/api/companies/${firmId}`, ADMIN_TOKEN)).body.properties;
      const response = await client.patch(`/api/companies/${firmId}`, { name: current.name });
      expect(response.body.properties.updatedAt).toBe(current.updatedAt);
      expect((await client.get(`/api/companies/${firmId}/history`, ADMIN_TOKEN)).body.entries).toHaveLength(before);
    });

    it("records a link's creation, change and deletion in the history of both its firms", async () => {
      const a = (await client.post('/api/companies', { ...courmayeurSpa, name: 'Test link end A' })).body.id;
      const b = (await client.post('/api/companies', { ...courmayeurSpa, name: 'Test link end B' })).body.id;
      const link = (await client.post('/api/links', { from: a, to: b, kind: 'supplier' }, tokens.editor)).body.id;
      await client.patch(`/api/links/${link}`, { since: 2020 }, tokens.editor);
      await client.delete(`/api/links/${link}`, tokens.editor);
      for (const firm of [a, b]) {
        const entries = (await client.get(`/api/companies/${firm}/history`, tokens.editor)).body.entries.filter((e: { action: string }) => e.action === 'link');
        expect(entries.map((e: { changes: { link: { before: unknown; after: unknown } } }) => [e.changes.link.before !== null, e.changes.link.after !== null]))
          .toEqual([[true, false], [true, true], [false, true]]);
        expect(entries[1].changes.link.after).toMatchObject({ from: a, to: b, kind: 'supplier', since: 2020 });
        expect(entries[0].by.label).toBe('test editor');
      }
    });

    it('answers 404 for the history of a company that never existed', async () => {
      expect((await client.get('/api/companies/999999/history', ADMIN_TOKEN)).status).toBe(404);
    });
  });

  describe('private fields never reach anonymous callers', () => {
    // `shows` says whether the firm itself is in the answer (a member then sees its private fields).
    it.each([
      ['the list', () => '/api/companies', true],
      ['one company', () => `/api/companies/${firmId}`, true],
      ['nearby', () => '/api/nearby?lon=6.8694&lat=45.9237&radius=5000', true],
      ['nearby a company', () => `/api/nearby?company=${firmId}`, false],
      ['the GeoJSON export', () => '/api/companies?format=geojson', true],
      ['links', () => '/api/links', false],
    ])('%s', async (_, path, shows) => {
      const anonymous = await client.app.request(`http://localhost${path()}`);
      expect(anonymous.status).toBe(200);
      expect(leaksPrivate(await anonymous.text())).toBe(false);
      const member = await client.app.request(`http://localhost${path()}`, { headers: { Authorization: `Bearer ${tokens.member}` } });
      expect(leaksPrivate(await member.text())).toBe(shows);
    });

    it('the tiles, clustered and single', async () => {
      for (const z of [8, 14]) {
        const [tile] = tilesCovering([6.8694, 45.9237, 6.8694, 45.9237], z);
        const response = await client.app.request(`http://localhost/api/tiles/companies/${z}/${tile!.x}/${tile!.y}.mvt`);
        expect(response.status).toBe(200);
        const features = decodeLayer(await response.arrayBuffer(), 'companies');
        expect(features.length).toBeGreaterThan(0);
        for (const feature of features) expect(leaksPrivate(JSON.stringify(feature.properties))).toBe(false);
      }
    });
  });
});
