import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

export type CountryCode = 'FR' | 'IT' | 'CH';

export type CountryProperties = { country: CountryCode; name: string };

export type Countries = FeatureCollection<Polygon | MultiPolygon, CountryProperties>;

/** Label priority of a town: 1 for 20,000 inhabitants or more, 2 from 5,000, 3 from 1,000, 4 below or unknown. */
export type TownRank = 1 | 2 | 3 | 4;

/** A GeoNames town shown on the map and used to place the support organisations. */
export type TownProperties = {
  name: string;
  country: CountryCode;
  /** GeoNames population; null when the town has no unambiguous GeoNames population entry. */
  population: number | null;
  rank: TownRank;
};

export type Towns = FeatureCollection<Point, TownProperties>;

export type Commune = {
  /** INSEE code (FR), ISTAT code (IT) or BFS number (CH). */
  code: string;
  name: string;
  country: CountryCode;
  /** Id of the partner territory the commune belongs to. */
  territory: string;
  /** Town centre from GeoNames; both null when GeoNames has no point for the commune. */
  lon: number | null;
  lat: number | null;
  population: number | null;
  postcodes: string[];
};

export type TerritoryKind = 'intercommunality' | 'region' | 'district';

export type Territory = {
  id: string;
  /** Official name as written by the source. */
  name: string;
  names: { fr: string; it: string; en: string };
  country: CountryCode;
  kind: TerritoryKind;
  /** SIREN of the EPCI (FR), ISTAT region code (IT) or BFS district number (CH). */
  officialCode: string;
  /** Commune codes, sorted. */
  members: string[];
};

export type RegionId = 'FR-74' | 'FR-73' | 'IT-AO' | 'CH-VS';

export type Names = { fr: string; it: string; en: string };

/** An admin-1/admin-2 unit (department, region, canton) drawn from Natural Earth. */
export type RegionProperties = {
  /** ISO 3166-2 code. */
  id: RegionId;
  /** Official name, bilingual where the unit is. */
  name: string;
  names: Names;
  country: CountryCode;
};

export type Regions = FeatureCollection<Polygon | MultiPolygon, RegionProperties>;

/**
 * A lake is a Point (`label`: where its name goes, well inside it) and one Polygon per piece of its
 * outline, with the piece's `vertices` and the zoom (`maxzoom`) from which its outline is too
 * coarse to show. `area_km2` is the whole lake's.
 */
export type LakeProperties = { name: string; names: Names; area_km2: number; label?: true; vertices?: number; maxzoom?: number };

export type Lakes = FeatureCollection<Polygon | Point, LakeProperties>;

export type PeakKind = 'peak' | 'pass' | 'tunnel';

/** A summit, pass or tunnel portal, each with the public page its position and height come from. */
export type PeakProperties = {
  name: string;
  names?: { fr: string; it: string };
  kind: PeakKind;
  elevation_m: number;
  /** URL of the page the coordinates and elevation were taken from, and the values it gives. */
  source: string;
};

export type Peaks = FeatureCollection<Point, PeakProperties>;
