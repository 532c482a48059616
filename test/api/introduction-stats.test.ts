import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { insertActors } from '../../db/queries/actors.ts';
import { suggestionOutcomes } from '../../db/queries/suggestion-outcomes.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { browserOn } from '../support/browser-session.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';

const PASSWORD = 'a long enough passphrase';
const stages = (counts: Partial<Record<string, number>>) => ({ proposed: 0, contacted: 0, met: 0, cooperating: 0, declined: 0, dormant: 0, ...counts });

describe.each(testEngines())('introduction statistics on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  const ids: Record<string, number> = {};
  const firms = { fr: 0, it: 0, ch: 0 };

  beforeAll(async () => {
    db = await openTestDb(engine);
    await emptyRegistry(db);
    client = testClient(db);
    firms.fr = (await client.post('/api/companies', chamonixGuides)).body.id;
    firms.it = (await client.post('/api/companies', courmayeurSpa)).body.id;
    firms.ch = (await client.post('/api/companies', martignyJoinery)).body.id;
    await insertActors(db.drizzle, [{ name: 'Test Cluster', kind: 'cluster', country: 'FR', communeName: 'Annecy', location: [6.12, 45.9], website: null, sectors: ['outdoor'], territories: [] }]);
    const [actor] = await db.rows<{ id: number }>(sql`SELECT id FROM actors`);
    const make = async (name: string, body: Record<string, unknown>, stage?: string) => {
      ids[name] = (await client.post('/api/introductions', body)).body.id;
      if (stage) expect((await client.patch(`/api/introductions/${ids[name]}`, { stage, ...(stage === 'cooperating' ? { linkKind: 'partner' } : {}) })).status).toBe(200);
    };
    // Hand count: A FR→IT cooperating after 6 days, B FR→CH after 10, C FR→IT proposed, D IT→CH declined, E FR→cluster (FR) met.
    await make('A', { from: firms.fr, to: firms.it }, 'cooperating');
    await make('B', { from: firms.fr, to: firms.ch }, 'cooperating');
    await make('C', { from: firms.fr, to: firms.it });
    await make('D', { from: firms.it, to: firms.ch }, 'declined');
    await make('E', { from: firms.fr, toActor: actor!.id }, 'met');
    await db.drizzle.execute(sql`UPDATE introductions SET created_at = now() - interval '10 days', cooperating_at = now() - interval '4 days' WHERE id = ${ids.A}`);
    await db.drizzle.execute(sql`UPDATE introductions SET created_at = now() - interval '20 days', cooperating_at = now() - interval '10 days' WHERE id = ${ids.B}`);
  });
  afterAll(() => db?.close());

  it('counts per stage, conversion, median days and cross-border share, overall and per pair of countries', async () => {
    const answer = await client.get('/api/stats/introductions?by=country', 'test-admin-token-0123456789');
    expect(answer.status).toBe(200);
    expect(answer.body.overall).toEqual({
      introductions: 5,
      stages: stages({ proposed: 1, met: 1, cooperating: 2, declined: 1 }),
      cooperations: 2,
      conversion: 0.4,
      medianDaysToCooperation: 8,
      crossBorderShare: 0.8,
    });
    const pair = (from: string, to: string) => answer.body.groups.find((g: { from: string; to: string }) => g.from === from && g.to === to);
    expect(pair('FR', 'IT')).toMatchObject({ introductions: 2, cooperations: 1, conversion: 0.5, medianDaysToCooperation: 6, crossBorderShare: 1 });
    expect(pair('FR', 'CH')).toMatchObject({ introductions: 1, cooperations: 1, medianDaysToCooperation: 10 });
    expect(pair('IT', 'CH')).toMatchObject({ introductions: 1, cooperations: 0, conversion: 0, medianDaysToCooperation: null, stages: stages({ declined: 1 }) });
    expect(pair('FR', 'FR')).toMatchObject({ introductions: 1, crossBorderShare: 0, stages: stages({ met: 1 }) });
    expect(answer.body.groups).toHaveLength(4);
  });

  it('per filière of either end', async () => {
    const groups = (await client.get('/api/stats/introductions?by=sector', 'test-admin-token-0123456789')).body.groups;
    const of = (sector: string) => groups.find((g: { sector: string }) => g.sector === sector);
    expect(of('outdoor')).toMatchObject({ introductions: 5, cooperations: 2 });
    expect(of('phyto_wellbeing')).toMatchObject({ introductions: 3, cooperations: 1 });
    expect(of('building_renovation')).toMatchObject({ introductions: 2, cooperations: 1, medianDaysToCooperation: 10 });
  });

  it('per pair of territories, as the firms lie in them', async () => {
    const [pairRow] = await db.rows<{ a: string; b: string }>(sql`SELECT a.territory_id AS a, b.territory_id AS b FROM company_territories a, company_territories b
      WHERE a.company_id = ${firms.fr} AND b.company_id = ${firms.it} ORDER BY 1, 2 LIMIT 1`);
    const groups = (await client.get('/api/stats/introductions?by=territory', 'test-admin-token-0123456789')).body.groups;
    expect(pairRow).toBeDefined();
    expect(groups.filter((g: { from: string | null }) => g.from !== null).length).toBeGreaterThan(0);
    const row = pairRow!;
    expect(groups.find((g: { from: string; to: string }) => g.from === row.a && g.to === row.b)).toMatchObject({ introductions: 2, cooperations: 1 });
  });

  it('is for members and editors: 401 anonymous, 400 naming a bad by', async () => {
    expect((await browserOn(client.app).get('/api/stats/introductions')).status).toBe(401);
    await client.post('/api/accounts', { email: 'think@example.org', name: 'Think Tank', role: 'member', password: PASSWORD });
    const member = browserOn(client.app);
    await member.signIn('think@example.org', PASSWORD);
    expect((await member.get('/api/stats/introductions?by=territory')).status).toBe(200);
    expect((await member.get('/api/stats/introductions?by=planet')).body.errors[0].field).toBe('by');
  });
  it('judges the suggestions that were followed by how far their introductions got, per score band', async () => {
    const snapshot = (score: number) => JSON.stringify({ score, rank: 1 });
    for (const [name, score] of [['A', 1.7], ['B', 0.7], ['C', 0.7], ['D', 0.2]] as const) {
      await db.drizzle.execute(sql`UPDATE introductions SET suggestion = ${snapshot(score)}::jsonb WHERE id = ${ids[name]}`);
    }
    // E (met) was made by hand, without a suggestion: it is not counted.
    expect(await suggestionOutcomes(db)).toEqual([
      { band: '< 0.5', followed: 1, met: 0, cooperating: 0, open: 0 },
      { band: '0.5–1', followed: 2, met: 1, cooperating: 1, open: 1 },
      { band: '1–1.5', followed: 0, met: 0, cooperating: 0, open: 0 },
      { band: '≥ 1.5', followed: 1, met: 1, cooperating: 1, open: 0 },
    ]);
  });

  it('gives figures that follow every write since the last answer: a stage, a row written by hand, a firm moved to another country', async () => {
    const overall = async () => (await client.get('/api/stats/introductions?by=country', 'test-admin-token-0123456789')).body.overall;
    const before = await overall();
    expect(await overall()).toEqual(before);
    expect((await client.patch(`/api/introductions/${ids.C}`, { stage: 'contacted' })).status).toBe(200);
    expect((await overall()).stages).toMatchObject({ proposed: before.stages.proposed - 1, contacted: before.stages.contacted + 1 });
    // Outside the Atlas's routes (an operator's fix): no timeline entry, only the row changes.
    await db.drizzle.execute(sql`UPDATE introductions SET stage = 'dormant' WHERE id = ${ids.C}`);
    expect((await overall()).stages).toMatchObject({ contacted: before.stages.contacted, dormant: before.stages.dormant + 1 });
    // D (IT→CH) becomes domestic when its Swiss end moves to Italy.
    const share = (await overall()).crossBorderShare;
    const moved = { country: 'IT', commune: courmayeurSpa.commune, location: courmayeurSpa.location, activity: courmayeurSpa.activity };
    expect((await client.patch(`/api/companies/${firms.ch}`, moved)).status).toBe(200);
    expect((await overall()).crossBorderShare).toBeLessThan(share);
  });
});
