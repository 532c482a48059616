/** The coordinate systems of the registries: WGS84, Lambert-93 (France), Swiss LV95 and LV03. */
export const SRIDS = [4326, 2154, 2056, 21781] as const;
export type Srid = (typeof SRIDS)[number];

/** Projected coordinates recognised by their range over the Alps, where the four systems never overlap. */
export function guessSrid(x: number, y: number): Srid | null {
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return 4326;
  if (x > 2_400_000 && x < 2_900_000 && y > 1_000_000 && y < 1_350_000) return 2056;
  if (x > 400_000 && x < 900_000 && y > 50_000 && y < 350_000) return 21781;
  if (x > 100_000 && x < 1_300_000 && y > 6_000_000 && y < 7_200_000) return 2154;
  return null;
}

/**
 * The coordinate system of a point: the one the importer is told, else the one its file declares,
 * else recognised from its range; null when that is none of the four.
 */
export function sridOf([x, y]: [number, number], told: Srid | undefined, declared: number | null): Srid | null {
  const srid = told ?? declared ?? guessSrid(x, y);
  return SRIDS.includes(srid as Srid) ? (srid as Srid) : null;
}
