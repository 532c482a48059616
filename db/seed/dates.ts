import type { Sector } from '../../shared/vocabulary.ts';
import type { Random } from './random.ts';

/**
 * The sample registry's dates: when each fictitious firm opened and, for some, closed. They come
 * from a PRNG of their own, so that the firms keep the places, names and links they had before the
 * registry had dates.
 */

/** The sample registry's extract date: nothing in it happens later. */
export const SAMPLE_EXTRACT_DATE = '2026-10-31';

/** Share of the sample firms whose opening date the registry does not know (they stay unknown). */
export const OPENING_UNKNOWN_RATE = 0.12;

/** Closed sample firms, beside the active ones, per active firm. */
export const CLOSED_PER_ACTIVE = 0.15;

/**
 * Typical age in years per sector and territory: younger firms where a filière grows faster
 * (wellbeing around Martigny, outdoor in Chamonix), older where it is settled (renovation).
 */
const SECTOR_AGE: Record<Sector, number> = { outdoor: 20, phyto_wellbeing: 13, building_renovation: 27 };
const TERRITORY_AGE: Record<string, number> = {
  'fr-cc-chamonix': 0.8,
  'fr-cc-pays-mont-blanc': 1,
  'it-valle-aosta': 1.15,
  'ch-martigny': 0.75,
  'ch-entremont': 0.95,
  'ch-saint-maurice': 1.1,
};

const LAST_YEAR = Number(SAMPLE_EXTRACT_DATE.slice(0, 4));

/** A founding year: most firms of a registry are young, a few are old family businesses. */
export function foundingYear(random: Random, sector: Sector, territory: string): number {
  const age = SECTOR_AGE[sector] * (TERRITORY_AGE[territory] ?? 1);
  return LAST_YEAR - Math.min(120, Math.floor(Math.abs(random.normal()) * age));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;

/** A day of the year, never after the extract date. */
export function dayIn(random: Random, year: number): string {
  const start = Date.UTC(year, 0, 1);
  const end = Math.min(Date.UTC(year, 11, 31), Date.parse(SAMPLE_EXTRACT_DATE));
  return iso(new Date(start + Math.floor(random.next() * ((end - start) / DAY + 1)) * DAY));
}

/** A closing date after the opening (or after 1995 when the opening is unknown), before the extract. */
export function closingDate(random: Random, openedOn: string | null): string {
  const from = Math.max(Date.parse(openedOn ?? '1995-01-01'), Date.parse('1995-01-01'));
  const to = Date.parse(SAMPLE_EXTRACT_DATE);
  // Young firms close more often than old ones: the closing comes early in the span more often.
  const at = from + Math.floor(Math.pow(random.next(), 1.6) * ((to - from) / DAY)) * DAY;
  return iso(new Date(at));
}
