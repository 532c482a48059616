import { eq } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { refreshPlannerStatistics } from '../planner-statistics.ts';
import { insertActors } from '../queries/actors.ts';
import { insertCompanies } from '../queries/companies.ts';
import { insertLinks } from '../queries/links.ts';
import { actors, companies } from '../schema.ts';
import { sampleActors } from './actors.ts';
import { sampleCompanies } from './companies.ts';
import { insertSampleIntroductions } from './insert-introductions.ts';
import { sampleIntroductions } from './introductions.ts';
import { sampleLinks } from './links.ts';
import { createRandom } from './random.ts';

/** `introductions`: how many sample introductions (staff-only records); by default one per 25 active firms. */
export type SeedOptions = { companies: number; links: number; seed: number; introductions?: number };

export const DEFAULT_SEED: SeedOptions = { companies: 3000, links: 400, seed: 20261123 };

const FIRMS_PER_INTRODUCTION = 25;

const BATCH = 1000;

/** Mixed into the seed for the dates' PRNG (see dates.ts). */
const DATES_SEED = 0x5eed;
/** And for the introductions', so that they change nothing else of the sample. */
const INTRODUCTIONS_SEED = 0x1a7e;

/**
 * Replaces the sample registry (firms with `source = 'sample'`, their links and introductions, and the actors) with a
 * freshly generated one, in one transaction. Firms entered by hand or imported are kept.
 * `companies` is the number of active firms; the closed ones come on top (see sampleCompanies).
 */
export async function seedRegistry(db: Database, options: SeedOptions = DEFAULT_SEED) {
  const random = createRandom(options.seed);
  const firms = sampleCompanies(random, options.companies, createRandom(options.seed ^ DATES_SEED));
  const seeded = await db.drizzle.transaction(async (tx) => {
    await tx.delete(companies).where(eq(companies.source, 'sample'));
    await tx.delete(actors);
    const ids: number[] = [];
    for (let i = 0; i < firms.length; i += BATCH) {
      ids.push(...(await insertCompanies(tx, firms.slice(i, i + BATCH))));
    }
    // Links join active firms only: the closed ones came after the links were drawn.
    const linkable = firms.slice(0, options.companies).map((f, i) => ({ id: ids[i]!, country: f.country, nace: f.activity.nace, location: f.location, founded: f.founded }));
    const links = sampleLinks(random, linkable, options.links);
    const linkIds: number[] = [];
    for (let i = 0; i < links.length; i += BATCH) linkIds.push(...(await insertLinks(tx, links.slice(i, i + BATCH))));
    await insertActors(tx, sampleActors());
    const wanted = options.introductions ?? Math.round(options.companies / FIRMS_PER_INTRODUCTION);
    const introductions = sampleIntroductions(createRandom(options.seed ^ INTRODUCTIONS_SEED), linkable, links, wanted);
    await insertSampleIntroductions(tx, introductions, linkIds);
    return { companies: ids.length, links: links.length, introductions: introductions.length };
  });
  await refreshPlannerStatistics(db);
  return seeded;
}
