import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { insertCompanies } from '../../db/queries/companies.ts';
import { insertLinks } from '../../db/queries/links.ts';
import { scoreCandidate } from '../../shared/chains/score.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { testEngines, useTestDb } from '../support/databases.ts';
import { vincentyDistance } from '../support/vincenty.ts';
import { CARPENTRY_JOINERY_R, CHAIN_FIRMS, CHAIN_LINKS, HAND_CHECKED_CHAINS, HAND_CHECKED_NETWORK, chainFirmInput } from '../fixtures/chain-firms.ts';

type Reason = { term: string; points: number; text: string; evidence?: { ratio: number; links: number | null; level: string } | null };
type Suggestion = { id: number; properties: { score: number; distance_m: number; crossBorder: boolean; country: string; primarySector: string; reasons: Reason[] } };

/** The fixture's firms by key and id, loaded straight into the database. */
async function loadFixture(db: Database) {
  const ids = await insertCompanies(db.drizzle, CHAIN_FIRMS.map(chainFirmInput));
  const id = new Map(CHAIN_FIRMS.map((f, i) => [f.key, ids[i]!]));
  await insertLinks(db.drizzle, CHAIN_LINKS.map(([a, b, kind]) => ({ fromId: id.get(a)!, toId: id.get(b)!, kind, since: null, note: null })));
  return id;
}

const firm = (key: string) => CHAIN_FIRMS.find((f) => f.key === key)!;
const classAt = (nace: string, level: string) => (level === 'division' ? nace.slice(0, 2) : level === 'group' ? nace.slice(0, 4) : nace);

/** Relatedness counted here, independently: distinct firm pairs, their activities, R = F_ij·F / (F_i·F_j). */
function independentRelatedness(level: string) {
  const pairs = new Set(CHAIN_LINKS.map(([a, b]) => [a, b].sort().join('|')));
  const links = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const pair of pairs) {
    const [a, b] = pair.split('|').map((k) => classAt(firm(k).nace, level)).sort() as [string, string];
    links.set(`${a}|${b}`, (links.get(`${a}|${b}`) ?? 0) + 1);
    ends.set(a, (ends.get(a) ?? 0) + 1);
    ends.set(b, (ends.get(b) ?? 0) + 1);
  }
  const total = 2 * pairs.size;
  return new Map([...links].map(([key, n]) => {
    const [a, b] = key.split('|') as [string, string];
    const ordered = a === b ? 2 * n : n;
    return [key, { links: n, ratio: (ordered * total) / (ends.get(a)! * ends.get(b)!) }];
  }));
}

/** Adamic–Adar counted here from the fixture's links: Σ 1/ln(degree) over shared neighbours. */
function neighbours(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [a, b] of CHAIN_LINKS) {
    out.set(a, (out.get(a) ?? new Set()).add(b));
    out.set(b, (out.get(b) ?? new Set()).add(a));
  }
  return out;
}

/** Every other firm scored here (brute force), best first: what the suggestions must be. */
function bruteForce(origin: string, keep: (key: string) => boolean) {
  const adj = neighbours();
  const mine = adj.get(origin) ?? new Set();
  const levels = (['class', 'group', 'division'] as const).map((level) => ({ level, pairs: independentRelatedness(level) }));
  return CHAIN_FIRMS.filter((f) => f.key !== origin && !mine.has(f.key) && keep(f.key)).map((f) => {
    const shared = [...mine].filter((z) => adj.get(z)?.has(f.key));
    const aa = shared.reduce((s, z) => s + 1 / Math.log(adj.get(z)!.size), 0);
    // The finest level whose pair of activities has the 5 links needed.
    const found = levels
      .map(({ level, pairs }) => ({ level, pair: pairs.get([classAt(firm(origin).nace, level), classAt(f.nace, level)].sort().join('|')) }))
      .find(({ pair }) => pair && pair.links >= 5);
    const evidence = found ? { source: 'learned' as const, sourceName: null, level: found.level, from: firm(origin).nace, to: f.nace, ratio: found.pair!.ratio, links: found.pair!.links, expected: null } : null;
    const distanceM = Math.round(vincentyDistance(firm(origin).at, f.at) * 1000) / 1000;
    return { key: f.key, distanceM, ...scoreCandidate({ fromClass: firm(origin).nace, toClass: f.nace, evidence, sharedPartners: shared.length, adamicAdar: aa, distanceM }) };
  }).sort((a, b) => b.score - a.score || a.distanceM - b.distanceM);
}

describe.each(testEngines())('cross-border chains on %s', (engine) => {
  const holder = useTestDb(engine);
  let api: TestClient;
  let id: Map<string, number>;
  const keyOf = (value: number) => [...id].find(([, v]) => v === value)![0];

  beforeAll(async () => {
    id = await loadFixture(holder.db);
    api = testClient(holder.db);
  });

  describe('relatedness', () => {
    it.each(['class', 'group', 'division'])('matches an independent count of the fixture at the %s level', async (level) => {
      const res = await api.get(`/api/relatedness?level=${level}&minLinks=5`);
      expect(res.status).toBe(200);
      const expected = independentRelatedness(level);
      expect(expected.size).toBeGreaterThan(3);
      expect(res.body.links).toBe(11);
      expect(res.body.pairs).toHaveLength(expected.size);
      for (const pair of res.body.pairs as { a: string; b: string; links: number; ratio: number; supported: boolean }[]) {
        const mine = expected.get([pair.a, pair.b].sort().join('|'));
        expect(mine, `${pair.a}–${pair.b}`).toBeDefined();
        expect(pair.links).toBe(mine!.links);
        expect(pair.ratio).toBeCloseTo(mine!.ratio, 12);
        expect(pair.supported).toBe(mine!.links >= 5);
      }
      const ratios = res.body.pairs.map((p: { ratio: number }) => p.ratio);
      expect(ratios).toEqual([...ratios].sort((a, b) => b - a));
    });

    it('gives the pairs of one activity, oriented from it; the hand count of 16.23–43.32 is R = 5·22 / (7·9)', async () => {
      const res = await api.get('/api/relatedness?level=class&nace=43.32');
      expect(res.body.nace).toBe('43.32');
      expect(res.body.pairs.every((p: { a: string }) => p.a === '43.32')).toBe(true);
      const joinery = res.body.pairs.find((p: { b: string }) => p.b === '16.23');
      expect(joinery).toMatchObject({ links: 5, supported: true });
      expect(joinery.ratio).toBeCloseTo(CARPENTRY_JOINERY_R.class, 12);
      expect((await api.get('/api/relatedness?level=division&nace=43.32')).body.nace).toBe('43');
    });

    it.each([
      ['level=sector', 'level'],
      ['level=division&nace=4', 'nace'],
      ['level=class&nace=43', 'nace'],
      ['minLinks=0', 'minLinks'],
    ])('refuses %s naming %s', async (query, field) => {
      const res = await api.get(`/api/relatedness?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('suggestions', () => {
    it.each([
      ['F1', 'crossBorder=true', (k: string) => firm(k).country !== 'FR'],
      ['I2', '', () => true],
      ['C2', 'crossBorder=false', (k: string) => firm(k).country === 'CH'],
      ['F2', 'crossBorder=true&sector=phyto_wellbeing', (k: string) => firm(k).country !== 'FR' && firm(k).sector === 'phyto_wellbeing'],
      ['I1', 'country=CH', (k: string) => firm(k).country === 'CH'],
      ['F1', 'crossBorder=true&radius=20000', (k: string) => firm(k).country !== 'FR' && vincentyDistance(firm('F1').at, firm(k).at) <= 20000],
    ])('for %s with %s: the brute-force best, never itself or a partner, ordered by score, reasons adding up', async (origin, query, keep) => {
      const res = await api.get(`/api/companies/${id.get(origin)}/partners?limit=100&${query}`);
      expect(res.status).toBe(200);
      const features = res.body.features as Suggestion[];
      const expected = bruteForce(origin, keep);
      expect(expected.length).toBeGreaterThan(0);
      expect(features.map((f) => keyOf(f.id))).toEqual(expected.map((e) => e.key));
      const partners = neighbours().get(origin)!;
      for (const f of features) {
        const mine = expected.find((e) => e.key === keyOf(f.id))!;
        expect(keyOf(f.id)).not.toBe(origin);
        expect(partners.has(keyOf(f.id))).toBe(false);
        expect(f.properties.score).toBeCloseTo(mine.score, 4);
        expect(f.properties.distance_m).toBeCloseTo(mine.distanceM, 0);
        expect(f.properties.crossBorder).toBe(f.properties.country !== firm(origin).country);
        const sum = f.properties.reasons.reduce((s, r) => s + r.points, 0);
        expect(Math.round(sum * 1e4) / 1e4).toBe(f.properties.score);
        expect(f.properties.reasons.map((r) => r.term)).toEqual(['relatedness', 'sharedPartners', 'distance']);
        expect(f.properties.reasons.every((r) => r.text.length > 0)).toBe(true);
      }
      const scores = features.map((f) => f.properties.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('says why, in words: relatedness with its links, shared partners, distance; in the language asked for', async () => {
      const res = await api.get(`/api/companies/${id.get('F1')}/partners?crossBorder=true&lang=fr`);
      const c2 = (res.body.features as Suggestion[]).find((f) => keyOf(f.id) === 'C2')!;
      const [relatedness, shared, distance] = c2.properties.reasons;
      expect(relatedness!.evidence).toMatchObject({ level: 'class', links: 5 });
      expect(relatedness!.text).toBe('Les entreprises de 43.32 sont liées à celles de 16.23 1,7 fois plus que le hasard (5 liens, niveau classe)');
      expect(shared!.text).toMatch(/^1 partenaire en commun \(Adamic–Adar 1,44\)$/);
      expect(distance!.text).toMatch(/^À \d+,\d\skm/);
      expect(res.body.sampleData).toBe(false);
    });

    it('limits the answer to the best `limit`', async () => {
      const all = await api.get(`/api/companies/${id.get('F1')}/partners?limit=100`);
      const top = await api.get(`/api/companies/${id.get('F1')}/partners?limit=3`);
      expect(all.body.features.length).toBeGreaterThan(3);
      expect(top.body.features.map((f: Suggestion) => f.id)).toEqual(all.body.features.slice(0, 3).map((f: Suggestion) => f.id));
    });

    it('from a place and an activity, for a firm not in the registry: no partner to leave out, the country of the place', async () => {
      const [lon, lat] = firm('F1').at;
      const res = await api.get(`/api/partners?lon=${lon}&lat=${lat}&nace=43.32A&crossBorder=true&limit=100`);
      expect(res.status).toBe(200);
      expect(res.body.origin).toMatchObject({ company: null, countries: ['FR'], nace: '43.32' });
      const keys = (res.body.features as Suggestion[]).map((f) => keyOf(f.id));
      expect(keys.sort()).toEqual(CHAIN_FIRMS.filter((f) => f.country !== 'FR').map((f) => f.key).sort());
      const i2 = (res.body.features as Suggestion[]).find((f) => keyOf(f.id) === 'I2')!;
      expect(i2.properties.reasons[0]!.points).toBeGreaterThan(0);
    });

    it.each([
      ['/api/partners?lat=45.9&nace=43.32', 'lon'],
      ['/api/partners?lon=6.8&lat=45.9&nace=building', 'nace'],
      ['/api/partners?lon=6.8&lat=45.9', 'nace'],
      ['/api/partners?lon=6.8&lat=45.9&nace=43.32&radius=200000', 'radius'],
      ['/api/partners?lon=6.8&lat=45.9&nace=43.32&crossBorder=yes', 'crossBorder'],
      ['/api/partners?lon=6.8&lat=45.9&nace=43.32&relatedness=loaded', 'relatedness'],
      ['/api/partners?lon=6.8&lat=45.9&nace=43.32&lang=de', 'lang'],
    ])('refuses %s naming %s', async (path, field) => {
      const res = await api.get(path);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('says a missing place or activity is required', async () => {
      const noPlace = await api.get('/api/partners?nace=43.32');
      expect(noPlace.body.errors).toEqual([{ field: 'lon', message: 'required' }, { field: 'lat', message: 'required' }]);
      const noActivity = await api.get('/api/partners?lon=6.8&lat=45.9');
      expect(noActivity.body.errors[0]).toMatchObject({ field: 'nace', message: expect.stringMatching(/^required/) });
    });

    it('answers 404 for a firm that does not exist', async () => {
      expect((await api.get('/api/companies/999999/partners')).status).toBe(404);
    });
  });

  describe('a loaded relatedness matrix', () => {
    const file = 'nace_a;nace_b;ratio\n96.04;43.32;4\n16.2;71.1;2,5\n';

    it('is refused without an admin token, and a malformed file names its line', async () => {
      const anonymous = await api.app.request('http://localhost/api/relatedness/matrix?source=Test', { method: 'PUT', body: file, headers: { 'Content-Type': 'text/csv' } });
      expect(anonymous.status).toBe(401);
      const bad = await api.app.request('http://localhost/api/relatedness/matrix?source=Test', {
        method: 'PUT', body: 'nace_a,nace_b,ratio\n43.32,16.2,2\n43.32,16.23,-1\n', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(bad.status).toBe(400);
      const fields = ((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields).toEqual(['line 2: nace_b', 'line 3: ratio']);
      expect((await api.get('/api/relatedness')).body.loaded).toBeNull();
    });

    it('is shown with its source, used by the suggestions when asked, and removed', async () => {
      const put = await api.app.request('http://localhost/api/relatedness/matrix?source=Hand-made%20test%20matrix&licence=CC0', {
        method: 'PUT', body: file, headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(put.status).toBe(200);
      expect(await put.json()).toEqual({ source: 'Hand-made test matrix', pairs: 2, levels: { class: 1, group: 1, division: 0 } });
      const shown = await api.get('/api/relatedness?level=class&nace=43.32');
      expect(shown.body.loaded).toMatchObject({ source: 'Hand-made test matrix', licence: 'CC0', pairs: [{ a: '43.32', b: '96.04', ratio: 4 }] });
      const res = await api.get(`/api/companies/${id.get('F1')}/partners?relatedness=loaded&limit=100`);
      expect(res.body.relatedness).toMatchObject({ source: 'loaded', sourceName: 'Hand-made test matrix' });
      const c3 = (res.body.features as Suggestion[]).find((f) => keyOf(f.id) === 'C3')!;
      expect(c3.properties.reasons[0]).toMatchObject({ points: 0.6, evidence: { source: 'loaded', ratio: 4, links: null } });
      expect(c3.properties.reasons[0]!.text).toContain('Hand-made test matrix');
      expect((await api.delete('/api/relatedness/matrix')).status).toBe(204);
      expect((await api.delete('/api/relatedness/matrix')).status).toBe(404);
    });
  });

  describe('network indicators', () => {
    it('match the hand count per territory: links, cross-border share, E–I index, brokers', async () => {
      const res = await api.get('/api/stats/network?level=partner');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ links: 12, crossBorder: 4 });
      for (const [territory, expected] of Object.entries(HAND_CHECKED_NETWORK)) {
        const row = res.body.rows.find((r: { territory: string }) => r.territory === territory);
        expect(row, territory).toMatchObject({ links: expected.links, internal: expected.internal, external: expected.external, crossBorder: expected.crossBorder });
        expect(row.eiIndex).toBeCloseTo(expected.eiIndex, 12);
        expect(row.crossBorderShare).toBeCloseTo(expected.crossBorder / expected.links, 12);
        expect(row.brokers.map((b: { id: number; paths: number }) => [keyOf(b.id), b.paths])).toEqual(expected.brokers);
      }
    });

    it('lists the missing chains counted by hand, and no chain once a link closes it', async () => {
      const res = await api.get('/api/stats/network?level=partner&activityLevel=division&minRatio=1.5');
      for (const [territory, expected] of Object.entries(HAND_CHECKED_CHAINS)) {
        const row = res.body.rows.find((r: { territory: string }) => r.territory === territory);
        expect(row.missingChains.map(({ ratio: _r, ...chain }: { ratio: number }) => chain), territory).toEqual(expected);
        expect(row.missingChains[0].ratio).toBeCloseTo(CARPENTRY_JOINERY_R.division, 12);
      }
      const stricter = await api.get('/api/stats/network?level=partner&minRatio=2');
      expect(stricter.body.rows.every((r: { missingChainsTotal: number }) => r.missingChainsTotal === 0)).toBe(true);
    });
  });
});
