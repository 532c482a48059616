import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { INTRODUCTION_STAGES, type IntroductionStage } from '../../shared/prospecting/vocabulary.ts';

/** What the observatory learns from the introductions, overall and per group (issue 27). */

export type IntroductionStatsBy = 'territory' | 'country' | 'sector';

export type IntroductionFigures = {
  introductions: number;
  stages: Record<IntroductionStage, number>;
  /** Introductions that reached `cooperating` (even if they moved on since). */
  cooperations: number;
  /** cooperations / introductions; null without introductions. */
  conversion: number | null;
  /** Median days from `proposed` (creation) to the first `cooperating`; null without any. */
  medianDaysToCooperation: number | null;
  /** Share of the introductions whose two ends are in different countries. */
  crossBorderShare: number | null;
};

/** `from`/`to`: the pair of territories or countries; `sector`: the filière (either end has it). */
export type IntroductionGroup = IntroductionFigures & { from?: string | null; to?: string | null; sector?: string };

const BASE = sql`SELECT i.id, i.stage, i.created_at, i.cooperating_at, i.from_id, i.to_company_id, i.to_actor_id,
    f.country AS from_country, coalesce(tc.country, ta.country) AS to_country, f.sectors AS from_sectors, coalesce(tc.sectors, ta.sectors) AS to_sectors,
    ta.territories AS actor_territories
  FROM introductions i JOIN companies f ON f.id = i.from_id
  LEFT JOIN companies tc ON tc.id = i.to_company_id LEFT JOIN actors ta ON ta.id = i.to_actor_id`;

const FIGURES = sql.raw(
  `count(*)::int AS introductions,
  ${INTRODUCTION_STAGES.map((s) => `count(*) FILTER (WHERE b.stage = '${s}')::int AS "stage_${s}"`).join(',\n  ')},
  count(*) FILTER (WHERE b.cooperating_at IS NOT NULL)::int AS cooperations,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.cooperating_at - b.created_at) / 86400) AS median_days,
  avg(CASE WHEN b.from_country <> b.to_country THEN 1.0 ELSE 0.0 END)::float8 AS cross_border`,
);

/**
 * Each introduction once per group key (a firm may lie in several territories, have several
 * filières): a firm is in a territory once, and the UNIONs drop what both ends share.
 */
const GROUPED: Record<IntroductionStatsBy, { keys: string; from: SQL }> = {
  country: { keys: 'b.from_country::text AS k1, b.to_country::text AS k2', from: sql`base b` },
  territory: {
    keys: 'ft.territory_id AS k1, tt.territory_id AS k2',
    from: sql`base b
      LEFT JOIN LATERAL (SELECT territory_id FROM company_territories WHERE company_id = b.from_id) ft ON TRUE
      LEFT JOIN LATERAL (SELECT territory_id FROM company_territories WHERE company_id = b.to_company_id
                          UNION SELECT unnest(b.actor_territories)) tt ON TRUE`,
  },
  sector: {
    keys: 's.sector::text AS k1, NULL::text AS k2',
    from: sql`base b CROSS JOIN LATERAL (SELECT unnest(b.from_sectors) AS sector UNION SELECT unnest(b.to_sectors)) s`,
  },
};

type FigureRow = Record<string, unknown> & { introductions: number; cooperations: number; median_days: number | string | null; cross_border: number | null };

function figuresOf(r: FigureRow): IntroductionFigures {
  const stages = Object.fromEntries(INTRODUCTION_STAGES.map((s) => [s, Number(r[`stage_${s}`])])) as Record<IntroductionStage, number>;
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return {
    introductions: r.introductions,
    stages,
    cooperations: r.cooperations,
    conversion: r.introductions ? round(r.cooperations / r.introductions) : null,
    medianDaysToCooperation: r.median_days === null ? null : round(Number(r.median_days)),
    crossBorderShare: r.cross_border === null ? null : round(Number(r.cross_border)),
  };
}

export async function introductionStats(db: Database, by: IntroductionStatsBy): Promise<{ overall: IntroductionFigures; groups: IntroductionGroup[] }> {
  const { keys, from } = GROUPED[by];
  const [overall] = await db.rows<FigureRow>(sql`WITH base AS (${BASE}) SELECT ${FIGURES} FROM base b`);
  const rows = await db.rows<FigureRow & { k1: string | null; k2: string | null }>(sql`WITH base AS (${BASE}),
    keyed AS (SELECT ${sql.raw(keys)}, b.stage, b.created_at, b.cooperating_at, b.from_country, b.to_country FROM ${from})
    SELECT k1, k2, ${FIGURES} FROM keyed b GROUP BY k1, k2 ORDER BY count(*) DESC, k1 NULLS LAST, k2 NULLS LAST`);
  const groups = rows.map((r) => (by === 'sector' ? { sector: r.k1!, ...figuresOf(r) } : { from: r.k1, to: r.k2, ...figuresOf(r) }));
  return { overall: figuresOf(overall!), groups };
}

/**
 * What the figures are computed from, as one key that changes with any write to them: the
 * registry's data version (the firms, their territories, the organisations), and the
 * introductions' count and the sum of their rows' `xmin` (the transaction that wrote each row: an
 * insert, an update or a delete, through the Atlas or not, changes one or the other). A scan of
 * the narrow introductions table, against an aggregation over them and their ends' territories.
 */
export async function introductionStatsState(db: Database): Promise<string> {
  const [row] = await db.rows<{ data: string | number; rows: string }>(sql`SELECT
    (SELECT version FROM data_version) AS data,
    (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM introductions) AS rows`);
  return `${row!.data}:${row!.rows}`;
}
