/**
 * `npm run bench:partners`: how well the partner suggestions find links they were not shown.
 *
 * For each registry (the sample generator, seeded: the sample registry of 3,000 firms and 400
 * links, and the benchmark's 10,000 firms with 1,300 links; `EVAL_SIZES`), a fifth of the links,
 * drawn at random, is held out (deleted); relatedness is learned from the rest. For every firm
 * with a held-out cross-border partner, the cross-border suggestions (radius 100 km) are compared
 * with its held-out cross-border partners: precision@10 (share of the first 10 that are held-out
 * partners) and recall@50 (share of its held-out partners among the first 50), averaged over the
 * firms; against two baselines, the nearest firms across the border whatever their activity, and
 * random firms across the border; and the suggestions without the relatedness term (what it adds).
 * Writes bench/partners-evaluation.json and rewrites bench/report.md.
 *
 * Then the suggestions judged on outcomes: of the introductions recorded as made from a
 * suggestion, per band of its score then, how many reached `met` and `cooperating`
 * (db/queries/suggestion-outcomes.ts). The synthetic registries have none (their introductions'
 * stages are drawn at random), so this reads the Atlas's own database: `EVAL_OUTCOMES_DATABASE_URL`
 * (a PostGIS server), or `EVAL_OUTCOMES_DATA_DIR` (default ./data, the embedded engine's; the
 * Atlas must not be running on it, or give a restored backup). Writes bench/partners-outcomes.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDb } from '../db/create-db.ts';
import { createPgliteDb } from '../db/engines/pglite.ts';
import type { Database } from '../db/database.ts';
import { getCompany } from '../db/queries/companies.ts';
import { nearbyCompanies } from '../db/queries/nearby.ts';
import { suggestPartners, targetCountries } from '../db/queries/partners.ts';
import { classPairCounts, registryClasses } from '../db/queries/relatedness.ts';
import { suggestionOutcomes } from '../db/queries/suggestion-outcomes.ts';
import { seedRegistry } from '../db/seed/seed.ts';
import { createRandom } from '../db/seed/random.ts';
import { learnRelatedness, learnedEvidence } from '../shared/chains/relatedness.ts';
import type { Country } from '../shared/vocabulary.ts';

const sizes = (process.env.EVAL_SIZES ?? '3000,10000').split(',').filter(Boolean).map(Number);
const RADIUS_M = 100_000;
const HOLD_OUT = 0.2;

type Method = 'suggestions' | 'suggestionsWithoutRelatedness' | 'nearestAcrossBorder' | 'randomAcrossBorder';
/** The averages, and the hits behind them: held-out partners among the first 10 and the first 50, over all the firms. */
type Scores = { precisionAt10: number; recallAt50: number; hitsAt10?: number; hitsAt50?: number };
export type Evaluation = {
  at: string;
  size: number;
  links: number;
  heldOut: number;
  firmsEvaluated: number;
  /** Pairs of activities with enough links to be used, at each level, learned from the kept links. */
  supportedPairs: { class: number; group: number; division: number };
  methods: Record<Method, Scores>;
};

type LinkRow = { id: number; from_id: number; to_id: number; cross: boolean };

async function holdOut(db: Database, seed: number): Promise<LinkRow[]> {
  const links = await db.rows<LinkRow>(sql`
    SELECT l.id, l.from_id, l.to_id, a.country <> b.country AS cross
    FROM links l JOIN companies a ON a.id = l.from_id JOIN companies b ON b.id = l.to_id ORDER BY l.id`);
  const random = createRandom(seed);
  const shuffled = links.map((l) => ({ l, key: random.next() })).sort((x, y) => x.key - y.key).map((x) => x.l);
  const held = shuffled.slice(0, Math.round(links.length * HOLD_OUT));
  await db.drizzle.execute(sql`DELETE FROM links WHERE id IN (${sql.join(held.map((l) => sql`${l.id}`), sql`, `)})`);
  return held;
}

function addPartner(map: Map<number, Set<number>>, a: number, b: number) {
  const set = map.get(a) ?? new Set<number>();
  set.add(b);
  map.set(a, set);
}

async function foreignFirms(db: Database): Promise<Map<Country, number[]>> {
  const rows = await db.rows<{ id: number; country: Country }>(sql`SELECT id, country::text AS country FROM companies ORDER BY id`);
  const byCountry = new Map<Country, number[]>();
  for (const r of rows) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r.id]);
  return byCountry;
}

async function evaluate(size: number): Promise<Evaluation> {
  const db = await createPgliteDb();
  try {
    const links = size === 3000 ? 400 : Math.round(size * 0.13);
    await seedRegistry(db, { companies: size, links, seed: 20261123 });
    const held = await holdOut(db, 7);
    const heldCross = new Map<number, Set<number>>();
    for (const l of held.filter((x) => x.cross)) {
      addPartner(heldCross, l.from_id, l.to_id);
      addPartner(heldCross, l.to_id, l.from_id);
    }
    const kept = await db.rows<{ from_id: number; to_id: number }>(sql`SELECT from_id, to_id FROM links`);
    const keptPartners = new Map<number, Set<number>>();
    for (const l of kept) {
      addPartner(keptPartners, l.from_id, l.to_id);
      addPartner(keptPartners, l.to_id, l.from_id);
    }
    const learned = learnRelatedness(await classPairCounts(db));
    const classes = await registryClasses(db);
    const byCountry = await foreignFirms(db);
    const random = createRandom(11);
    const zero = () => ({ p: 0, r: 0, hits10: 0, hits50: 0 });
    const sums: Record<Method, ReturnType<typeof zero>> = {
      suggestions: zero(), suggestionsWithoutRelatedness: zero(), nearestAcrossBorder: zero(), randomAcrossBorder: zero(),
    };
    const firms = [...heldCross.keys()].sort((a, b) => a - b);
    for (const id of firms) {
      const firm = (await getCompany(db, id))!;
      const truth = heldCross.get(id)!;
      const known = keptPartners.get(id) ?? new Set<number>();
      const origin = { point: firm.location, countries: [firm.country], companyId: id, naceClass: firm.activity.nace };
      const suggest = async (withRelatedness: boolean) =>
        (await suggestPartners(db, {
          origin, crossBorder: true, radiusM: RADIUS_M, limit: 50, filter: {}, classes,
          relatedness: (to) => (withRelatedness && firm.activity.nace ? learnedEvidence(learned, firm.activity.nace, to) : null),
        })).map((hit) => hit.company.id);
      const abroad = targetCountries(origin, true, undefined);
      const nearest = (await nearbyCompanies(db, { origin: firm.location, radiusM: RADIUS_M, limit: 50 + known.size, filter: { countries: abroad }, excludeId: id }))
        .map((hit) => hit.company.id).filter((other) => !known.has(other)).slice(0, 50);
      const pool = abroad.flatMap((c) => byCountry.get(c) ?? []).filter((other) => !known.has(other));
      const randomPick: number[] = [];
      while (randomPick.length < Math.min(50, pool.length)) {
        const pick = random.pick(pool);
        if (!randomPick.includes(pick)) randomPick.push(pick);
      }
      const ranked: Record<Method, number[]> = {
        suggestions: await suggest(true), suggestionsWithoutRelatedness: await suggest(false), nearestAcrossBorder: nearest, randomAcrossBorder: randomPick,
      };
      for (const method of Object.keys(ranked) as Method[]) {
        const hits10 = ranked[method].slice(0, 10).filter((x) => truth.has(x)).length;
        const hits50 = ranked[method].slice(0, 50).filter((x) => truth.has(x)).length;
        sums[method].p += hits10 / 10;
        sums[method].r += hits50 / truth.size;
        sums[method].hits10 += hits10;
        sums[method].hits50 += hits50;
      }
    }
    const methods = Object.fromEntries(
      (Object.keys(sums) as Method[]).map((m) => [m, { precisionAt10: sums[m].p / firms.length, recallAt50: sums[m].r / firms.length, hitsAt10: sums[m].hits10, hitsAt50: sums[m].hits50 }]),
    ) as Record<Method, Scores>;
    const supported = (level: 'class' | 'group' | 'division') => [...learned.levels[level].pairs.values()].filter((p) => p.links >= 5).length;
    return {
      at: new Date().toISOString(), size, links, heldOut: held.length, firmsEvaluated: firms.length,
      supportedPairs: { class: supported('class'), group: supported('group'), division: supported('division') }, methods,
    };
  } finally {
    await db.close();
  }
}

/** The recorded introductions' outcomes, from the database the environment names; null without one. */
async function recordedOutcomes() {
  const url = process.env.EVAL_OUTCOMES_DATABASE_URL;
  const dataDir = process.env.EVAL_OUTCOMES_DATA_DIR ?? 'data';
  if (!url && !existsSync(`${dataDir}/pglite`)) {
    console.log(`[partners] no database for the outcomes: set EVAL_OUTCOMES_DATABASE_URL, or EVAL_OUTCOMES_DATA_DIR (${dataDir} holds none)`);
    return null;
  }
  const source = url ? `PostGIS server ${new URL(url).pathname.slice(1)}` : `embedded database in ${dataDir}`;
  const db = await createDb(url ? { url } : { dataDir });
  try {
    return { at: new Date().toISOString(), source, bands: await suggestionOutcomes(db) };
  } finally {
    await db.close();
  }
}

const results: Evaluation[] = [];
for (const size of sizes) {
  console.log(`[partners] evaluating on ${size} firms…`);
  const result = await evaluate(size);
  console.log(JSON.stringify(result.methods));
  results.push(result);
}
if (results.length > 0) writeFileSync(new URL('./partners-evaluation.json', import.meta.url), `${JSON.stringify(results, null, 1)}\n`);
const outcomes = await recordedOutcomes();
if (outcomes) {
  console.log(`[partners] outcomes of the introductions made from a suggestion (${outcomes.source}): ${JSON.stringify(outcomes.bands)}`);
  writeFileSync(new URL('./partners-outcomes.json', import.meta.url), `${JSON.stringify(outcomes, null, 1)}\n`);
}
// An empty BENCH_SIZES rewrites the report from the saved results, this evaluation included.
execFileSync('npx', ['tsx', 'bench/run.ts'], { stdio: 'inherit', env: { ...process.env, BENCH_SIZES: '' } });
