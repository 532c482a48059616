import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';

/** The score bands (a score is 0 to 3: three terms of 0 to 1), lowest first. */
export const SCORE_BANDS = [
  { label: '< 0.5', below: 0.5 },
  { label: '0.5–1', below: 1 },
  { label: '1–1.5', below: 1.5 },
  { label: '≥ 1.5', below: Number.POSITIVE_INFINITY },
] as const;

/**
 * For the introductions made from a suggestion, per band of the suggestion's score as it was
 * then: how many, how many reached `met` (or went on to cooperate), how many `cooperating`, and
 * how many are still open (proposed or contacted: their outcome is not known yet).
 */
export type BandOutcome = { band: string; followed: number; met: number; cooperating: number; open: number };

export async function suggestionOutcomes(db: Database): Promise<BandOutcome[]> {
  const rows = await db.rows<{ band: number; followed: number; met: number; cooperating: number; open: number }>(sql`
    SELECT CASE WHEN score < 0.5 THEN 0 WHEN score < 1 THEN 1 WHEN score < 1.5 THEN 2 ELSE 3 END AS band,
           count(*)::int AS followed,
           count(*) FILTER (WHERE met_at IS NOT NULL OR stage IN ('met', 'cooperating'))::int AS met,
           count(*) FILTER (WHERE cooperating_at IS NOT NULL OR stage = 'cooperating')::int AS cooperating,
           count(*) FILTER (WHERE stage IN ('proposed', 'contacted'))::int AS open
    FROM (SELECT (suggestion ->> 'score')::float8 AS score, stage, met_at, cooperating_at
          FROM introductions WHERE jsonb_typeof(suggestion -> 'score') = 'number') followed
    GROUP BY 1 ORDER BY 1`);
  const byBand = new Map(rows.map((r) => [Number(r.band), r]));
  return SCORE_BANDS.map(({ label }, i) => {
    const r = byBand.get(i);
    return { band: label, followed: r?.followed ?? 0, met: r?.met ?? 0, cooperating: r?.cooperating ?? 0, open: r?.open ?? 0 };
  });
}
