import { round } from './tables.ts';

export type ShiftShareParts = { change: number; areaGrowth: number; industryMix: number };

/**
 * A shift-share line's components to `digits` decimals, the local one taking what rounding leaves,
 * so that the three still add up exactly to the change (a table, its CSV and a profile agree).
 */
export function roundedComponents(r: ShiftShareParts, digits: number): { area: number; mix: number; local: number } {
  const area = round(r.areaGrowth, digits);
  const mix = round(r.industryMix, digits);
  return { area, mix, local: round(r.change - area - mix, digits) };
}
