import type { Database } from '../../db/database.ts';
import { type IntroductionStatsBy, introductionStats, introductionStatsState } from '../../db/queries/introduction-stats.ts';

type Figures = Awaited<ReturnType<typeof introductionStats>>;

/**
 * The introductions statistics, computed again only when what they are computed from has changed
 * (introductionStatsState, which sees any write): the observatory reads them far more often than advisers write, and the
 * aggregation reads every introduction with its two ends' territories. The last figures of each
 * grouping are kept, in this process; a failed computation is not kept.
 */
export function rememberedIntroductionStats(db: Database): (by: IntroductionStatsBy) => Promise<Figures> {
  const last = new Map<IntroductionStatsBy, { state: string; figures: Promise<Figures> }>();
  return async (by) => {
    // Read before computing: figures that include a later write are kept under the older key,
    // which the next caller finds changed.
    const state = await introductionStatsState(db);
    const kept = last.get(by);
    if (kept?.state === state) return kept.figures;
    const entry = { state, figures: introductionStats(db, by) };
    last.set(by, entry);
    entry.figures.catch(() => {
      if (last.get(by) === entry) last.delete(by);
    });
    return entry.figures;
  };
}
