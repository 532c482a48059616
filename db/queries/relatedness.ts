import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { relatednessMatrix, relatednessValues } from '../schema.ts';
import { type RelatednessLevel, naceLevel } from '../../shared/chains/nace.ts';
import { type ClassPairCount, type ExternalMatrix, type LearnedRelatedness, learnRelatedness, pairKey } from '../../shared/chains/relatedness.ts';
import type { DataVersion } from './data-version.ts';

/**
 * Links per pair of NACE classes: the counts relatedness is learned from. A pair of linked firms
 * counts once, whatever the number, kinds and directions of the links between them; firms
 * without a known class are left out. Every link counts, whatever its firms' state: a link that
 * existed says the two activities work together.
 */
export async function classPairCounts(db: Database): Promise<ClassPairCount[]> {
  const rows = await db.rows<{ a: string; b: string; links: number }>(sql`
    WITH pairs AS (SELECT DISTINCT least(from_id, to_id) AS x, greatest(from_id, to_id) AS y FROM links)
    SELECT least(cx.nace_code, cy.nace_code) AS a, greatest(cx.nace_code, cy.nace_code) AS b, count(*)::int AS links
    FROM pairs p JOIN companies cx ON cx.id = p.x JOIN companies cy ON cy.id = p.y
    WHERE cx.nace_code ~ '^[0-9]{2}[.][0-9]{2}$' AND cy.nace_code ~ '^[0-9]{2}[.][0-9]{2}$'
    GROUP BY 1, 2
    ORDER BY 1, 2`);
  return rows;
}

/** The NACE classes of the registry's firms: the activities a suggestion may be of. */
export async function registryClasses(db: Database): Promise<string[]> {
  const rows = await db.rows<{ code: string }>(sql`
    SELECT DISTINCT nace_code AS code FROM companies WHERE nace_code ~ '^[0-9]{2}[.][0-9]{2}$' ORDER BY 1`);
  return rows.map((r) => r.code);
}

async function holdsSampleFirms(db: Database): Promise<boolean> {
  const [row] = await db.rows<{ sample: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM companies WHERE source = 'sample') AS sample`);
  return row?.sample === true;
}

export type MatrixSource = { source: string; url: string | null; licence: string | null; loadedBy: string; loadedAt: string };
export type LoadedMatrix = ExternalMatrix & { about: MatrixSource };
export type MatrixValue = { a: string; b: string; ratio: number };

/** The relatedness matrix an administrator loaded, with its source; null when none is. */
export async function readLoadedMatrix(db: Database): Promise<LoadedMatrix | null> {
  const [about] = await db.drizzle.select().from(relatednessMatrix);
  if (!about) return null;
  const rows = await db.drizzle.select().from(relatednessValues);
  const values = new Map(rows.map((r) => [pairKey(r.a, r.b), { level: naceLevel(r.a) as RelatednessLevel, a: r.a, b: r.b, ratio: r.ratio }]));
  return {
    name: about.source,
    values,
    about: { source: about.source, url: about.url, licence: about.licence, loadedBy: about.loadedBy, loadedAt: about.loadedAt.toISOString() },
  };
}

/** Replaces the loaded matrix (source and values) in one transaction. */
export async function replaceLoadedMatrix(db: Database, about: Omit<MatrixSource, 'loadedAt'>, values: MatrixValue[]): Promise<void> {
  await db.drizzle.transaction(async (tx) => {
    await tx.delete(relatednessValues);
    await tx.delete(relatednessMatrix);
    await tx.insert(relatednessMatrix).values(about);
    for (let i = 0; i < values.length; i += 5000) {
      await tx.insert(relatednessValues).values(values.slice(i, i + 5000).map((v) => (v.a <= v.b ? v : { a: v.b, b: v.a, ratio: v.ratio })));
    }
  });
}

/** Removes the loaded matrix; false when there was none. */
export async function deleteLoadedMatrix(db: Database): Promise<boolean> {
  return db.drizzle.transaction(async (tx) => {
    await tx.delete(relatednessValues);
    const deleted = await tx.delete(relatednessMatrix).returning();
    return deleted.length > 0;
  });
}

/** What the suggestions and the indicators read, as of one data version. */
export type RelatednessSnapshot = {
  dataVersion: number;
  learned: LearnedRelatedness;
  classes: string[];
  loaded: LoadedMatrix | null;
  /** The registry holds sample firms, whose links are synthetic. */
  sampleData: boolean;
};

export type RelatednessStore = { current(): Promise<RelatednessSnapshot> };

/**
 * Learned relatedness, the registry's classes and the loaded matrix, computed once per data
 * version and kept until the next write: a request for suggestions then reads a few small maps
 * instead of grouping every link. Requests that arrive while it is computed share the computation.
 */
export function createRelatednessStore(db: Database, versions: DataVersion): RelatednessStore {
  let cached: { version: number; snapshot: Promise<RelatednessSnapshot> } | undefined;
  const compute = async (version: number): Promise<RelatednessSnapshot> => {
    const [counts, classes, loaded, sampleData] = await Promise.all([classPairCounts(db), registryClasses(db), readLoadedMatrix(db), holdsSampleFirms(db)]);
    return { dataVersion: version, learned: learnRelatedness(counts), classes, loaded, sampleData };
  };
  return {
    async current() {
      const version = await versions.current();
      if (cached?.version !== version) {
        const snapshot = compute(version);
        cached = { version, snapshot };
        snapshot.catch(() => {
          if (cached?.snapshot === snapshot) cached = undefined;
        });
      }
      return cached.snapshot;
    },
  };
}
