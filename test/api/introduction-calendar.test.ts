import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { type BrowserSession, browserOn } from '../support/browser-session.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';

const PASSWORD = 'a long enough passphrase';
// Long, with every character TEXT must escape, and multi-octet characters across the fold.
const NEXT_STEP = 'Appeler Zoë; envoyer le devis, les plans \\ les photos — ensuite réserver la salle à Courmayeur pour la réunion';

describe.each(testEngines())('introductions calendar on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let adviser: BrowserSession;
  let other: BrowserSession;
  const firms = { fr: 0, it: 0, ch: 0 };

  const signedIn = async (email: string) => {
    expect((await client.post('/api/accounts', { email, name: email.split('@')[0], role: 'editor', password: PASSWORD })).status).toBe(201);
    const session = browserOn(client.app);
    await session.signIn(email, PASSWORD);
    return session;
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    await emptyRegistry(db);
    client = testClient(db);
    firms.fr = (await client.post('/api/companies', chamonixGuides)).body.id;
    firms.it = (await client.post('/api/companies', courmayeurSpa)).body.id;
    firms.ch = (await client.post('/api/companies', martignyJoinery)).body.id;
    adviser = await signedIn('calendar@example.org');
    other = await signedIn('someone-else@example.org');
    await adviser.post('/api/introductions', { from: firms.fr, to: firms.it, nextStep: NEXT_STEP, dueOn: '2027-03-04' });
    await adviser.post('/api/introductions', { from: firms.fr, to: firms.ch, nextStep: 'No date' });
    const closed = (await adviser.post('/api/introductions', { from: firms.it, to: firms.ch, nextStep: 'Done', dueOn: '2027-01-01' })).body;
    await adviser.patch(`/api/introductions/${closed.id}`, { stage: 'declined' });
    await other.post('/api/introductions', { from: firms.ch, to: firms.fr, nextStep: 'Not mine', dueOn: '2027-02-02' });
  });
  afterAll(() => db?.close());

  const todosOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vtodo');

  it("writes the adviser's open next steps as VTODOs a real parser reads back", async () => {
    const answer = await adviser.get('/api/introductions.ics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toMatch(/^text\/calendar/);
    const text = answer.body as string;
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    // Parsers forgive an unescaped ';' or ',' in TEXT: the escaping is checked on the unfolded text too.
    expect(text.replace(/\r\n /g, '')).toContain('SUMMARY:Appeler Zoë\\; envoyer le devis\\, les plans \\\\ les photos')
    const todos = todosOf(text);
    expect(todos).toHaveLength(1);
    const todo = todos[0]!;
    expect(todo.getFirstPropertyValue('summary')).toBe(`${NEXT_STEP}: ${chamonixGuides.name} ↔ ${courmayeurSpa.name}`);
    expect(String(todo.getFirstPropertyValue('due'))).toBe('2027-03-04');
    expect(todo.getFirstPropertyValue('uid')).toMatch(/^introduction-\d+@localhost$/);
  });

  it('a private subscription URL works without a cookie until it is revoked', async () => {
    const issued = await adviser.post('/api/introductions/calendar-token');
    expect(issued.status).toBe(201);
    const url = new URL(issued.body.url);
    const token = url.searchParams.get('token')!;
    const stored = await db.rows<{ hash: string }>(sql`SELECT hash FROM calendar_tokens`);
    expect(stored.map((r) => r.hash)).not.toContain(token);
    const calendarApp = browserOn(client.app);
    const fetched = await calendarApp.get(`${url.pathname}${url.search}`);
    expect(fetched.status).toBe(200);
    expect(todosOf(fetched.body)).toHaveLength(1);
    expect((await adviser.delete('/api/introductions/calendar-token')).status).toBe(204);
    expect((await calendarApp.get(`${url.pathname}${url.search}`)).status).toBe(401);
  });

  it('refuses anonymous callers', async () => {
    const anonymous = browserOn(client.app);
    expect((await anonymous.get('/api/introductions.ics')).status).toBe(401);
    expect((await anonymous.get('/api/introductions.ics?token=guess')).status).toBe(401);
    expect((await anonymous.post('/api/introductions/calendar-token')).status).toBe(401);
  });
});
