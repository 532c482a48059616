/**
 * The Atlas's words, shared by the server, the database schema, the web app and the tests. Plain
 * values only: nothing here imports anything, so the browser can load it without the ORM.
 */

export const SECTORS = ['outdoor', 'phyto_wellbeing', 'building_renovation'] as const;
export const COUNTRIES = ['FR', 'IT', 'CH'] as const;
export const LINK_KINDS = ['supplier', 'customer', 'partner', 'rnd', 'joint_project'] as const;
export const ACTOR_KINDS = ['accelerator', 'chamber', 'cluster', 'public_body'] as const;
export const ROLES = ['member', 'editor', 'admin'] as const;

export type Sector = (typeof SECTORS)[number];
export type Country = (typeof COUNTRIES)[number];
export type LinkKind = (typeof LINK_KINDS)[number];
export type ActorKind = (typeof ACTOR_KINDS)[number];
export type Role = (typeof ROLES)[number];

/** Size bands by headcount, as in the EU SME definition, smallest first. */
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

/** The headcounts of each size band, both ends included; `null`: no upper bound. */
export const SIZE_BAND_HEADCOUNTS: Record<SizeBand, readonly [number, number | null]> = {
  micro: [0, 9],
  small: [10, 49],
  medium: [50, 249],
  large: [250, null],
};

/** The number of a size band in `size_band` columns (1 = micro ...; 0 = unknown headcount). */
export function sizeBandNumber(band: SizeBand): number {
  return SIZE_BANDS.indexOf(band) + 1;
}

/**
 * The size band that holds a whole headcount range (an exact figure is a range of one); null for
 * an unknown headcount, and for a band that straddles two size bands: nothing is guessed.
 */
export function sizeBandOfRange(min: number | null, max: number | null): SizeBand | null {
  if (min === null) return null;
  return (
    SIZE_BANDS.find((band) => {
      const [low, high] = SIZE_BAND_HEADCOUNTS[band];
      return min >= low && (high === null || (max !== null && max <= high));
    }) ?? null
  );
}

/** A firm is active until it closes (a closing date, or closed on a date the registry does not know). */
export const COMPANY_STATUSES = ['active', 'closed'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

/** Which firms a read shows: by default the active ones. */
export const STATUS_FILTERS = ['active', 'closed', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** One bit per sector, in the order of SECTORS. */
export function sectorsMask(sectors: readonly Sector[]): number {
  return sectors.reduce((mask, s) => mask | (1 << SECTORS.indexOf(s)), 0);
}

export const TERRITORY_KINDS = ['country', 'region', 'partner', 'custom'] as const;
/**
 * How a territory's firms are found: by the firm's registered `country`, by its commune's official
 * code among the territory's `members`, or by its location inside the territory's `geometry`.
 */
export const TERRITORY_BASES = ['country', 'communes', 'area'] as const;

export type TerritoryKind = (typeof TERRITORY_KINDS)[number];
export type TerritoryBasis = (typeof TERRITORY_BASES)[number];
export type TerritoryNames = { fr: string; it: string; en: string };
