import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { browserOn } from '../support/browser-session.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';

const PASSWORD = 'a long enough passphrase';
const NOTE = 'Internal: met at the Aosta fair';

describe.each(testEngines())('sessions as an attacker tries them, on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  const firms = {} as Record<'FR' | 'IT' | 'CH', number>;

  const account = async (email: string, role: string, countries?: string[]) => {
    const created = await client.post('/api/accounts', { email, name: email.split('@')[0], role, countries, password: PASSWORD });
    expect(created.status).toBe(201);
    return created.body.account.id as number;
  };
  const signedIn = async (email: string, app = client.app) => {
    const browser = browserOn(app);
    expect((await browser.signIn(email, PASSWORD)).status).toBe(200);
    return browser;
  };
  const employeesOf = async (id: number) => (await client.get(`/api/companies/${id}`, ADMIN_TOKEN)).body.properties.employees;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    firms.FR = (await client.post('/api/companies', { ...chamonixGuides, note: NOTE })).body.id;
    firms.IT = (await client.post('/api/companies', { ...courmayeurSpa, employees: 5 })).body.id;
    firms.CH = (await client.post('/api/companies', martignyJoinery)).body.id;
    await account('editor@example.org', 'editor');
    await account('member@example.org', 'member');
    await account('it-adviser@example.org', 'editor', ['IT']);
  });
  afterAll(() => db?.close());

  describe('the cookie', () => {
    it('is HttpOnly, SameSite=Lax, for the whole site, and not Secure over plain HTTP', async () => {
      const answer = await browserOn(client.app).signIn('editor@example.org', PASSWORD);
      const cookie = answer.headers.get('Set-Cookie')!;
      expect(cookie).toMatch(/^atlas_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Secure/);
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
    });

    it('is Secure when the Atlas is reached over HTTPS', async () => {
      const answer = await client.app.request('https://atlas.example.org/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
        body: JSON.stringify({ email: 'editor@example.org', password: PASSWORD }),
      });
      expect(answer.headers.get('Set-Cookie')).toMatch(/; Secure/);
    });

    it.each([
      ['behind a trusted proxy', '1', true],
      ['from an untrusted client claiming it', '0', false],
    ])('follows X-Forwarded-Proto: https %s', async (_, trust, secure) => {
      const app = testClient(db, { ATLAS_TRUST_PROXY: trust }).app;
      const answer = await app.request('http://localhost/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' },
        body: JSON.stringify({ email: 'editor@example.org', password: PASSWORD }),
      });
      expect(answer.status).toBe(200);
      expect(/; Secure/.test(answer.headers.get('Set-Cookie')!)).toBe(secure);
    });

    it('keeps only the hash of the secret: the stored id opens no session', async () => {
      const browser = await signedIn('editor@example.org');
      const secret = browser.cookie!.split('=')[1]!;
      const stored = await db.rows<{ id: string }>(sql`SELECT id FROM sessions`);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.map((row) => row.id)).not.toContain(secret);
      const thief = browserOn(client.app);
      thief.cookie = `atlas_session=${stored[0]!.id}`;
      expect((await thief.get('/api/me')).status).toBe(401);
    });
  });

  describe('ending a session', () => {
    it('a sign-out ends it at once: the old cookie replayed reads as anonymous, and writes get 401', async () => {
      const browser = await signedIn('editor@example.org');
      const stolen = browser.cookie;
      expect((await browser.delete('/api/session')).status).toBe(204);
      expect(browser.cookie).toBeUndefined();
      const replay = browserOn(client.app);
      replay.cookie = stolen;
      expect((await replay.get('/api/me')).status).toBe(401);
      replay.cookie = stolen;
      const read = await replay.get(`/api/companies/${firms.FR}`);
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain(NOTE);
      expect(read.headers.get('Set-Cookie')).toMatch(/^atlas_session=; Max-Age=0/);
      replay.cookie = stolen;
      const write = await replay.patch(`/api/companies/${firms.IT}`, { employees: 99 });
      expect(write.status).toBe(401);
      expect(write.body.detail).toMatch(/session has ended/);
      expect(await employeesOf(firms.IT)).toBe(5);
    });

    it('ends after the idle lifetime without a request, and after the absolute one whatever', async () => {
      const idle = await signedIn('editor@example.org');
      await db.drizzle.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '7 hours'`);
      expect((await idle.get('/api/me')).status).toBe(200);
      await db.drizzle.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '9 hours'`);
      expect((await idle.get('/api/me')).status).toBe(401);
      const old = await signedIn('editor@example.org');
      await db.drizzle.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second'`);
      expect((await old.get('/api/me')).status).toBe(401);
    });
  });

  describe('cross-site writes', () => {
    it.each([
      ['another Origin', { origin: 'https://evil.example', site: null }],
      ['Sec-Fetch-Site: cross-site', { origin: 'http://localhost', site: 'cross-site' }],
      ['Sec-Fetch-Site: same-site', { origin: 'http://localhost', site: 'same-site' }],
    ])('refuses a JSON write with the cookie from %s (403) and changes nothing', async (_, from) => {
      const own = await signedIn('editor@example.org');
      const forged = browserOn(client.app, from);
      forged.cookie = own.cookie;
      const answer = await forged.patch(`/api/companies/${firms.IT}`, { employees: 42 });
      expect(answer.status).toBe(403);
      expect(await employeesOf(firms.IT)).toBe(5);
    });

    it('refuses a form post of another site, and a cookie write with neither header', async () => {
      const own = await signedIn('editor@example.org');
      const form = await client.app.request(`http://localhost/api/companies/${firms.IT}`, {
        method: 'DELETE',
        headers: { Cookie: own.cookie!, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(403);
      const bare = await client.app.request(`http://localhost/api/companies/${firms.IT}`, {
        method: 'PATCH',
        headers: { Cookie: own.cookie!, 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ employees: 43 }),
      });
      expect(bare.status).toBe(403);
      expect(await employeesOf(firms.IT)).toBe(5);
    });

    it('refuses signing in from another site (no login forgery)', async () => {
      const answer = await browserOn(client.app, { origin: 'https://evil.example', site: 'cross-site' }).signIn('editor@example.org', PASSWORD);
      expect(answer.status).toBe(403);
      expect(answer.headers.get('Set-Cookie')).toBeNull();
    });

    it('accepts the same write from the Atlas’s own page, and bearer tokens as before', async () => {
      const own = await signedIn('editor@example.org');
      expect((await own.patch(`/api/companies/${firms.IT}`, { employees: 6 })).status).toBe(200);
      expect((await client.patch(`/api/companies/${firms.IT}`, { employees: 5 }, ADMIN_TOKEN)).status).toBe(200);
    });
  });

  describe('guessing', () => {
    it('gives an unknown email the answer a wrong password gets, in about the same time', async () => {
      const timed = async (email: string) => {
        const started = performance.now();
        const answer = await browserOn(client.app).signIn(email, 'not the password');
        return { answer, ms: performance.now() - started };
      };
      const wrong = await timed('member@example.org');
      const unknown = await timed('nobody@example.org');
      expect(unknown.answer.status).toBe(401);
      expect(unknown.answer.body).toEqual(wrong.answer.body);
      // Both check an argon2id hash; without the decoy an unknown email answers in about 1 ms.
      expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
    });

    it('after 10 wrong passwords locks the email (429, Retry-After) even for the right one, longer each time', async () => {
      await account('target@example.org', 'member');
      const attacker = browserOn(client.app);
      for (let i = 0; i < 9; i++) expect((await attacker.signIn('target@example.org', `guess ${i}`)).status).toBe(401);
      const tenth = await attacker.signIn('target@example.org', 'guess 9');
      expect(tenth.status).toBe(429);
      const first = Number(tenth.headers.get('Retry-After'));
      expect(first).toBeGreaterThan(14 * 60);
      expect(first).toBeLessThanOrEqual(15 * 60);
      const right = await browserOn(client.app).signIn('target@example.org', PASSWORD);
      expect(right.status).toBe(429);
      expect(right.headers.get('Set-Cookie')).toBeNull();
      // The lock runs out; ten more wrong passwords lock it twice as long.
      await db.drizzle.execute(sql`UPDATE sign_in_failures SET locked_until = now() - interval '1 second'`);
      for (let i = 0; i < 9; i++) expect((await attacker.signIn('target@example.org', `again ${i}`)).status).toBe(401);
      const second = Number((await attacker.signIn('target@example.org', 'again 9')).headers.get('Retry-After'));
      expect(second).toBeGreaterThan(29 * 60);
      expect(second).toBeLessThanOrEqual(30 * 60);
    });

    it('locks an unknown email just as a known one', async () => {
      let last;
      for (let i = 0; i < 10; i++) last = await browserOn(client.app).signIn('ghost@example.org', `guess ${i}`);
      expect(last!.status).toBe(429);
    });

    it('limits the attempts from one address, whatever the emails', async () => {
      const limited = testClient(db, { ATLAS_SIGN_IN_RATE: '5' }).app;
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await browserOn(limited).signIn(`spray${i}@example.org`, 'Summer2026!')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    });
  });

  describe('country scope', () => {
    it('lets an adviser for Italy change an Italian firm', async () => {
      const adviser = await signedIn('it-adviser@example.org');
      expect((await adviser.patch(`/api/companies/${firms.IT}`, { website: 'https://terme.example' })).status).toBe(200);
    });

    it.each([
      ['change a French firm', (b: ReturnType<typeof browserOn>) => b.patch(`/api/companies/${firms.FR}`, { employees: 3 })],
      ['move an Italian firm to France', (b: ReturnType<typeof browserOn>) => b.patch(`/api/companies/${firms.IT}`, { country: 'FR', commune: chamonixGuides.commune, location: chamonixGuides.location })],
      ['create a Swiss firm', (b: ReturnType<typeof browserOn>) => b.post('/api/companies', { ...martignyJoinery, name: 'Test scoped' })],
      ['delete a French firm', (b: ReturnType<typeof browserOn>) => b.delete(`/api/companies/${firms.FR}`)],
      ['link a French and a Swiss firm', (b: ReturnType<typeof browserOn>) => b.post('/api/links', { from: firms.FR, to: firms.CH, kind: 'supplier' })],
    ])('refuses an adviser for Italy to %s (403 naming why)', async (_, write) => {
      const adviser = await signedIn('it-adviser@example.org');
      const before = (await client.get('/api/companies?status=all&limit=100', ADMIN_TOKEN)).body;
      const answer = await write(adviser);
      expect(answer.status).toBe(403);
      expect(answer.body.detail).toMatch(/writes firms of IT only/);
      expect((await client.get('/api/companies?status=all&limit=100', ADMIN_TOKEN)).body).toEqual(before);
    });

    it('lets the adviser link an Italian firm across the border, and read every country', async () => {
      const adviser = await signedIn('it-adviser@example.org');
      const link = await adviser.post('/api/links', { from: firms.IT, to: firms.FR, kind: 'partner' });
      expect(link.status).toBe(201);
      expect((await adviser.get(`/api/companies/${firms.CH}`)).status).toBe(200);
      expect((await adviser.delete(`/api/links/${link.body.id}`)).status).toBe(204);
    });

    it('rejects the rows of other countries in an adviser’s import, naming the field', async () => {
      const adviser = await signedIn('it-adviser@example.org');
      const csv = 'name,sectors,country,commune_code,commune_name,lon,lat\nTest Import Chamonix,outdoor,FR,74056,Chamonix-Mont-Blanc,6.87,45.92\nTest Import Aosta,outdoor,IT,007003,Aosta,7.32,45.74\n';
      const answer = await client.app.request('http://localhost/api/imports?dryRun=true', {
        method: 'POST',
        headers: { Cookie: adviser.cookie!, 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost', 'Content-Type': 'text/csv' },
        body: csv,
      });
      const report = await answer.json();
      expect(answer.status).toBe(200);
      expect(report.rejected).toEqual([{ line: 2, field: 'country', reason: 'FR: your account imports firms of IT only' }]);
      expect(report.created).toBe(1);
    });
  });

  describe('private fields', () => {
    it('a signed-in member sees the note and contact; the same read without the session does not', async () => {
      const member = await signedIn('member@example.org');
      for (const path of [`/api/companies/${firms.FR}`, '/api/companies?format=csv', '/api/companies?format=geojson']) {
        const seen = await member.get(path);
        const raw = typeof seen.body === 'string' ? seen.body : JSON.stringify(seen.body);
        expect(raw, path).toContain(NOTE);
        const anonymous = await client.app.request(`http://localhost${path}`);
        expect(anonymous.status).toBe(200);
        expect(await anonymous.text(), path).not.toContain(NOTE);
      }
    });
  });
});
