import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { insertActors } from '../../db/queries/actors.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { type BrowserSession, browserOn } from '../support/browser-session.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';

const PASSWORD = 'a long enough passphrase';

describe.each(testEngines())('introductions on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let adviser: BrowserSession; // editor scoped to FR
  let adviserId: number;
  let colleagueId: number;
  let member: BrowserSession;
  const firms = { fr: 0, it: 0, ch: 0 };
  let actorId: number;

  const signedIn = async (email: string, role: string, countries?: string[]) => {
    const created = await client.post('/api/accounts', { email, name: email.split('@')[0], role, password: PASSWORD, ...(countries ? { countries } : {}) });
    expect(created.status).toBe(201);
    const session = browserOn(client.app);
    expect((await session.signIn(email, PASSWORD)).status).toBe(200);
    return { session, id: created.body.account.id as number };
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    await emptyRegistry(db);
    client = testClient(db);
    firms.fr = (await client.post('/api/companies', chamonixGuides)).body.id;
    firms.it = (await client.post('/api/companies', courmayeurSpa)).body.id;
    firms.ch = (await client.post('/api/companies', martignyJoinery)).body.id;
    await insertActors(db.drizzle, [{ name: 'Test Cluster Montagne', kind: 'cluster', country: 'FR', communeName: 'Annecy', location: [6.12, 45.9], website: null, sectors: ['outdoor'], territories: [] }]);
    actorId = (await db.rows<{ id: number }>(sql`SELECT id FROM actors ORDER BY id DESC LIMIT 1`))[0]!.id;
    ({ session: adviser, id: adviserId } = await signedIn('adviser@example.org', 'editor', ['FR']));
    colleagueId = (await signedIn('colleague@example.org', 'editor')).id;
    member = (await signedIn('member@example.org', 'member')).session;
  });
  afterAll(() => db?.close());

  const introduce = async (body: Record<string, unknown>, who: BrowserSession = adviser) => {
    const answer = await who.post('/api/introductions', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };

  it('creates an introduction across the border, owned by its maker, with its timeline', async () => {
    const made = await introduce({ from: firms.fr, to: firms.it, note: 'Met at the fair', nextStep: 'Call the spa', dueOn: '2099-01-15' });
    expect(made).toMatchObject({
      from: { type: 'company', id: firms.fr, country: 'FR' },
      to: { type: 'company', id: firms.it, country: 'IT' },
      crossBorder: true,
      stage: 'proposed',
      owner: { id: adviserId, name: 'adviser' },
      nextStep: 'Call the spa',
      dueOn: '2099-01-15',
      overdue: false,
      suggestion: null,
      dormantProposed: false,
    });
    expect(made.stages.map((s: { stage: string }) => s.stage)).toEqual(['proposed']);
    expect(made.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'note', 'next_step']);
    expect(made.timeline[1]).toMatchObject({ data: { text: 'Met at the fair' }, by: { accountId: adviserId, label: 'adviser' } });
  });

  it('introduces a firm to a support organisation', async () => {
    const made = await introduce({ from: firms.fr, toActor: actorId });
    expect(made.to).toEqual({ type: 'actor', id: actorId, name: 'Test Cluster Montagne', country: 'FR' });
    expect(made.crossBorder).toBe(false);
  });

  it('keeps a snapshot of the partner suggestion it was made from', async () => {
    const suggested = (await adviser.get(`/api/companies/${firms.fr}/partners`)).body.features.find((f: { id: number }) => f.id === firms.ch);
    expect(suggested).toBeDefined();
    const made = await introduce({ from: firms.fr, to: firms.ch, fromSuggestion: true });
    expect(made.suggestion.score).toBe(suggested.properties.score);
    expect(made.suggestion.reasons.map((r: { term: string }) => r.term)).toEqual(suggested.properties.reasons.map((r: { term: string }) => r.term));
    expect(made.suggestion.rank).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['from', { from: 999_999, to: -1 }],
    ['to', { from: 0, to: 999_999 }],
    ['to', { from: 0, to: 0 }],
    ['to', { from: 0 }],
    ['toActor', { from: 0, toActor: 999_999 }],
    ['dueOn', { from: 0, to: -1, dueOn: '2026-02-30' }],
    ['extra', { from: 0, to: -1, extra: true }],
  ])('refuses a bad %s (400 naming it) and writes nothing', async (field, body) => {
    const resolved = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === 0 ? firms.fr : v === -1 ? firms.it : v]));
    const before = (await adviser.get('/api/introductions')).body.introductions.length;
    const answer = await adviser.post('/api/introductions', resolved);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await adviser.get('/api/introductions')).body.introductions).toHaveLength(before);
  });

  it('refuses an unknown stage naming the field', async () => {
    const made = await introduce({ from: firms.fr, to: firms.it });
    const answer = await adviser.patch(`/api/introductions/${made.id}`, { stage: 'married' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].field).toBe('stage');
  });

  it('lets a scoped adviser introduce only firms of their countries, to any country', async () => {
    const answer = await adviser.post('/api/introductions', { from: firms.it, to: firms.fr });
    expect(answer.status).toBe(403);
  });

  it('moves through stages with the date of each, reassigns and rates the outcome', async () => {
    const made = await introduce({ from: firms.fr, to: firms.it });
    const url = `/api/introductions/${made.id}`;
    await adviser.patch(url, { stage: 'contacted' });
    const met = (await adviser.patch(url, { stage: 'met', note: 'Lunch in Courmayeur' })).body;
    expect(met.stages.map((s: { stage: string }) => s.stage)).toEqual(['proposed', 'contacted', 'met']);
    for (const s of met.stages) expect(Date.parse(s.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(met.followUpDue).toBe(true);
    const rated = (await adviser.patch(url, { outcome: 'valuable_contact', owner: colleagueId })).body;
    expect(rated).toMatchObject({ outcome: 'valuable_contact', followUpDue: false, owner: { id: colleagueId } });
    expect(rated.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'stage', 'stage', 'note', 'owner', 'outcome']);
    // Six months after `met`, the follow-up is asked again.
    await db.drizzle.execute(sql`UPDATE introductions SET met_at = now() - interval '7 months', outcome_at = now() - interval '6 months 15 days' WHERE id = ${made.id}`);
    expect((await adviser.get(url)).body.followUpDue).toBe(true);
    expect((await adviser.patch(url, { owner: 999_999 })).body.errors[0].field).toBe('owner');
  });

  it('moving to cooperating links the two firms once, in the links and both histories', async () => {
    const made = await introduce({ from: firms.fr, to: firms.ch });
    const url = `/api/introductions/${made.id}`;
    const missing = await adviser.patch(url, { stage: 'cooperating' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('linkKind');
    const cooperating = (await adviser.patch(url, { stage: 'cooperating', linkKind: 'partner' })).body;
    expect(cooperating.linkId).toEqual(expect.any(Number));
    const link = (await adviser.get(`/api/links/${cooperating.linkId}`)).body;
    expect(link.properties).toMatchObject({ kind: 'partner', note: `From introduction ${made.id}`, crossBorder: true });
    for (const firm of [firms.fr, firms.ch]) {
      const entries = (await client.get(`/api/companies/${firm}/history`, 'test-admin-token-0123456789')).body.entries;
      expect(entries.filter((e: { action: string }) => e.action === 'link')).toHaveLength(1);
      expect(entries[0].by).toMatchObject({ accountId: adviserId });
    }
    // A second introduction of the same pair reaching cooperating finds the link instead of adding one.
    const again = await introduce({ from: firms.fr, to: firms.ch });
    const second = (await adviser.patch(`/api/introductions/${again.id}`, { stage: 'cooperating', linkKind: 'partner' })).body;
    expect(second.linkId).toBe(cooperating.linkId);
    const all = (await adviser.get(`/api/links?company=${firms.ch}`)).body;
    expect(all.features).toHaveLength(1);
  });

  it('proposes as dormant what had no activity for ATLAS_DORMANT_DAYS, and revives it', async () => {
    const made = await introduce({ from: firms.fr, to: firms.it, nextStep: 'Send the brochure', dueOn: '2020-01-01' });
    await db.drizzle.execute(sql`UPDATE introductions SET last_activity_at = now() - interval '91 days' WHERE id = ${made.id}`);
    const dormant = (await adviser.get('/api/introductions?dormant=proposed')).body.introductions;
    expect(dormant.map((i: { id: number }) => i.id)).toContain(made.id);
    expect(dormant.every((i: { dormantProposed: boolean }) => i.dormantProposed)).toBe(true);
    // Overdue first in the list.
    const listed = (await adviser.get('/api/introductions')).body.introductions;
    expect(listed[0]).toMatchObject({ id: made.id, overdue: true });
    await adviser.patch(`/api/introductions/${made.id}`, { stage: 'dormant' });
    expect((await adviser.get('/api/introductions?dormant=proposed')).body.introductions.map((i: { id: number }) => i.id)).not.toContain(made.id);
    const revived = (await adviser.patch(`/api/introductions/${made.id}`, { stage: 'contacted' })).body;
    expect(revived).toMatchObject({ stage: 'contacted', dormantProposed: false });
  });

  it('filters by stage, owner, country and overdue', async () => {
    const mine = (await adviser.get('/api/introductions?owner=me')).body.introductions;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i: { owner: { id: number } }) => i.owner.id === adviserId)).toBe(true);
    const cooperating = (await adviser.get('/api/introductions?stage=cooperating')).body.introductions;
    expect(cooperating.map((i: { stage: string }) => i.stage)).toEqual(['cooperating', 'cooperating']);
    const swiss = (await adviser.get('/api/introductions?country=CH')).body.introductions;
    expect(swiss.every((i: { to: { country: string } }) => i.to.country === 'CH')).toBe(true);
    expect((await adviser.get('/api/introductions?stage=married')).body.errors[0].field).toBe('stage');
  });

  it("lists a firm's introductions, on either side", async () => {
    type Listed = { from: { id: number }; to: { type: string; id: number } };
    const all = (await adviser.get('/api/introductions')).body.introductions as Listed[];
    const hasSpa = (i: Listed) => i.from.id === firms.it || (i.to.type === 'company' && i.to.id === firms.it);
    const involving = all.filter(hasSpa);
    // The Italian spa is introduced to, never the introducing firm: the filter must look at both sides.
    expect(involving.length).toBeGreaterThan(0);
    expect(involving.length).toBeLessThan(all.length);
    const listed = (await adviser.get(`/api/introductions?company=${firms.it}`)).body.introductions as typeof all;
    expect(listed.every(hasSpa)).toBe(true);
    expect(listed).toHaveLength(involving.length);
    expect((await adviser.get('/api/introductions?company=abc')).body.errors[0].field).toBe('company');
  });

  it('pages the list, in the same order, with how many match on every page', async () => {
    type Page = { introductions: { id: number }[]; numberMatched: number };
    const whole = (await adviser.get('/api/introductions')).body as Page;
    // Precondition: enough introductions for three pages of two.
    expect(whole.introductions.length).toBeGreaterThanOrEqual(5);
    expect(whole.numberMatched).toBe(whole.introductions.length);
    const pages: Page[] = [];
    for (let offset = 0; offset < whole.numberMatched; offset += 2) pages.push((await adviser.get(`/api/introductions?limit=2&offset=${offset}`)).body as Page);
    expect(pages.flatMap((p) => p.introductions.map((i) => i.id))).toEqual(whole.introductions.map((i) => i.id));
    expect(pages.every((p) => p.numberMatched === whole.numberMatched && p.introductions.length <= 2)).toBe(true);
    const beyond = (await adviser.get(`/api/introductions?limit=2&offset=${whole.numberMatched}`)).body as Page;
    expect(beyond).toEqual({ introductions: [], numberMatched: whole.numberMatched });
    for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['offset=-1', 'offset'], ['offset=1.5', 'offset']]) {
      const refused = await adviser.get(`/api/introductions?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.errors[0].field, query).toBe(field);
    }
  });

  it('lets members read, not write; refuses anonymous callers', async () => {
    expect((await member.get('/api/introductions')).status).toBe(200);
    expect((await member.post('/api/introductions', { from: firms.fr, to: firms.it })).status).toBe(403);
    const anonymous = browserOn(client.app);
    expect((await anonymous.get('/api/introductions')).status).toBe(401);
    expect((await anonymous.get('/api/introductions/1')).status).toBe(401);
    expect((await anonymous.post('/api/introductions', { from: firms.fr, to: firms.it })).status).toBe(401);
    expect((await anonymous.patch('/api/introductions/1', { stage: 'met' })).status).toBe(401);
  });
});
