import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

export type CountryCode = 'FR' | 'IT' | 'CH';

export type CountryProperties = { country: CountryCode; name: string };

export type Countries = FeatureCollection<Polygon | MultiPolygon, CountryProperties>;

/** A GeoNames town shown on the map and used to place the support organisations. */
export type TownProperties = { name: string; country: CountryCode };

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
