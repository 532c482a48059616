import type { Lifetime, Lifetimes } from './lifetimes.ts';
import { type GroupKey, groupBy, groupKey, tableGroups } from './table-groups.ts';
import type { FirmDimension } from './stats.ts';
import { firmsAtYearEnd } from './trends.ts';

/**
 * Shift-share of the change in firms of each sector in each place between the 31 December of two
 * years. With E0, E1 the place's firms of the sector, S0, S1 the sector's in the whole filtered
 * area, T0, T1 all firms of the area:
 * - `areaGrowth` (national share) = E0 × (T1 − T0) / T0, the change had the place's sector grown as the whole area;
 * - `industryMix` = E0 × ((S1 − S0) / S0 − (T1 − T0) / T0), what the sector's own growth in the area adds;
 * - `local` (regional shift) = the rest, E1 − E0 − areaGrowth − industryMix = E0 × (g − (S1 − S0) / S0) with
 *   g the place's own growth of the sector: what the place does better or worse than the sector elsewhere.
 * The three sum to `change` (to the last bits of a float). A place with no firm of the sector at the
 * first date has no growth rate to split: all its change is `local`.
 */
export type ShiftShareRow = Partial<GroupKey> & {
  firmsFrom: number;
  firmsTo: number;
  change: number;
  areaGrowth: number;
  industryMix: number;
  local: number;
  /** change / firmsFrom; null when there was no firm at the first date. */
  growth: number | null;
};

export type ShiftShare = {
  rows: ShiftShareRow[];
  /** The whole area's firms at both dates and its growth rate. */
  area: { firmsFrom: number; firmsTo: number; growth: number | null };
  /** Per sector in the whole area. */
  sectors: { sector: GroupKey['sector']; firmsFrom: number; firmsTo: number; growth: number | null }[];
};

const rate = (from: number, to: number) => (from === 0 ? null : (to - from) / from);

export function shiftShareTable(data: Lifetimes, dims: FirmDimension[], territoryIds: string[], from: number, to: number): ShiftShare {
  const at = (lifetimes: Lifetime[]) => [firmsAtYearEnd(lifetimes, from), firmsAtYearEnd(lifetimes, to)] as const;
  const [areaFrom, areaTo] = at(data.lifetimes);
  const areaGrowth = rate(areaFrom, areaTo);
  const bySector = groupBy(data.lifetimes, (l) => l.sector);
  const byGroup = groupBy(data.lifetimes, groupKey);
  const sectors = [...new Set(tableGroups(data.lifetimes, dims, territoryIds).map((g) => g.sector))].map((sector) => {
    const [firmsFrom, firmsTo] = at(bySector.get(sector) ?? []);
    return { sector, firmsFrom, firmsTo, growth: rate(firmsFrom, firmsTo) };
  });
  const sectorGrowth = new Map(sectors.map((s) => [s.sector, s.growth]));
  const rows = tableGroups(data.lifetimes, dims, territoryIds).map((g): ShiftShareRow => {
    const [firmsFrom, firmsTo] = at(byGroup.get(groupKey(g)) ?? []);
    const change = firmsTo - firmsFrom;
    // firmsFrom > 0 means the sector and the area had firms too, so both rates are defined.
    const national = firmsFrom === 0 ? 0 : firmsFrom * areaGrowth!;
    const mix = firmsFrom === 0 ? 0 : firmsFrom * (sectorGrowth.get(g.sector)! - areaGrowth!);
    return { ...g, firmsFrom, firmsTo, change, areaGrowth: national, industryMix: mix, local: change - national - mix, growth: rate(firmsFrom, firmsTo) };
  });
  return { rows, area: { firmsFrom: areaFrom, firmsTo: areaTo, growth: areaGrowth }, sectors };
}
