import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreCandidate } from '../../shared/chains/score.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { testEngines, useSampleDb } from '../support/databases.ts';
import { vincentyDistance } from '../support/vincenty.ts';

type Firm = { id: number; country: string; nace: string | null; at: [number, number]; sectors: string[]; active: boolean };
type Pair = { a: string; b: string; links: number; ratio: number };
type Suggestion = { id: number; properties: { score: number } };

const LEVELS = ['class', 'group', 'division'] as const;
const codeAt = (nace: string, level: (typeof LEVELS)[number]) => (level === 'division' ? nace.slice(0, 2) : level === 'group' ? nace.slice(0, 4) : nace);

/**
 * The suggestions on the sample registry (3,000 firms) against every firm scored here: the walks
 * read a few firms of each class, and must still find the same best ones as scoring all of them.
 */
describe.each(testEngines())('partner suggestions equal a brute-force scoring of the sample registry on %s', (engine) => {
  const holder = useSampleDb(engine);
  let api: TestClient;
  let firms: Firm[];
  const adj = new Map<number, Set<number>>();
  const pairs = new Map<string, Pair>();

  beforeAll(async () => {
    api = testClient(holder.db);
    firms = (await holder.db.rows<{ id: number; country: string; nace: string | null; lon: number; lat: number; sectors: string; active: boolean }>(sql`
      SELECT id, country::text AS country, nace_code AS nace, ST_X(location) AS lon, ST_Y(location) AS lat, sectors::text AS sectors, status = 'active' AS active FROM companies`))
      .map((r) => ({ id: r.id, country: r.country, nace: r.nace, at: [r.lon, r.lat], sectors: r.sectors.replace(/[{}]/g, '').split(','), active: r.active }));
    for (const l of await holder.db.rows<{ from_id: number; to_id: number }>(sql`SELECT from_id, to_id FROM links`)) {
      adj.set(l.from_id, (adj.get(l.from_id) ?? new Set()).add(l.to_id));
      adj.set(l.to_id, (adj.get(l.to_id) ?? new Set()).add(l.from_id));
    }
    for (const level of LEVELS) {
      for (const p of (await api.get(`/api/relatedness?level=${level}`)).body.pairs as Pair[]) pairs.set(`${level}|${[p.a, p.b].sort().join('|')}`, p);
    }
  }, 120_000);

  function evidence(from: string | null, to: string | null) {
    if (!from || !to) return null;
    for (const level of LEVELS) {
      const pair = pairs.get(`${level}|${[codeAt(from, level), codeAt(to, level)].sort().join('|')}`);
      if (pair && pair.links >= 5) return { source: 'learned' as const, sourceName: null, level, from, to, ratio: pair.ratio, links: pair.links, expected: null };
    }
    return null;
  }

  function bruteForce(origin: Firm, keep: (f: Firm) => boolean, radius: number) {
    const mine = adj.get(origin.id) ?? new Set<number>();
    // Closed firms are never suggested; their links still count as the registry's history.
    return firms.filter((f) => f.active && f.id !== origin.id && !mine.has(f.id) && keep(f)).flatMap((f) => {
      const distanceM = Math.round(vincentyDistance(origin.at, f.at) * 1000) / 1000;
      if (distanceM > radius) return [];
      const shared = [...mine].filter((z) => adj.get(z)!.has(f.id));
      const aa = shared.reduce((s, z) => s + 1 / Math.log(adj.get(z)!.size), 0);
      const { score } = scoreCandidate({ fromClass: origin.nace, toClass: f.nace, evidence: evidence(origin.nace, f.nace), sharedPartners: shared.length, adamicAdar: aa, distanceM });
      return [{ id: f.id, score, distanceM }];
    }).sort((a, b) => b.score - a.score || a.distanceM - b.distanceM);
  }

  const ORIGINS = [1, 137, 512, 999, 1500, 2048, 2600, 2999];
  it.each([
    ['crossBorder=true&limit=10', (o: Firm, f: Firm) => f.country !== o.country, 50_000],
    ['limit=25&radius=30000', () => true, 30_000],
    ['crossBorder=true&sector=phyto_wellbeing&limit=10&radius=100000', (o: Firm, f: Firm) => f.country !== o.country && f.sectors.includes('phyto_wellbeing'), 100_000],
  ] as const)('with %s, for eight firms', async (query, keep, radius) => {
    let found = 0;
    for (const id of ORIGINS) {
      const origin = firms.find((f) => f.id === id)!;
      const res = await api.get(`/api/companies/${id}/partners?${query}`);
      expect(res.status).toBe(200);
      const got = res.body.features as Suggestion[];
      const expected = bruteForce(origin, (f) => keep(origin, f), radius).slice(0, got.length);
      expect(got.length).toBe(Math.min(Number(/limit=(\d+)/.exec(query)![1]), bruteForce(origin, (f) => keep(origin, f), radius).length));
      found += got.length;
      if (got.length === 0) continue;
      // Scores agree to the last decimal but for a rounding at the 4th (PostGIS's distances and Vincenty's differ by less than a millimetre).
      got.forEach((g, i) => expect(Math.abs(g.properties.score - expected[i]!.score), `${id} #${i}`).toBeLessThanOrEqual(0.00015));
      const kth = expected.at(-1)!.score;
      const sure = expected.filter((e) => e.score > kth + 0.00015).map((e) => e.id);
      expect(got.map((g) => g.id)).toEqual(expect.arrayContaining(sure));
    }
    expect(found).toBeGreaterThan(ORIGINS.length);
  }, 120_000);
});
