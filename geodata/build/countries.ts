import * as turf from '@turf/turf';
import type { BBox, FeatureCollection, GeometryCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Countries, CountryCode } from '../types.ts';
import { roundPolygonal } from './round.ts';

export type Borders = FeatureCollection<GeometryCollection, { isoA2: string; isoA3: string }>;

/** The Mont-Blanc area with enough margin for Geneva, Turin and the whole of Valais. */
export const WINDOW: BBox = [5.3, 44.8, 8.8, 46.9];

const NAMES: Record<CountryCode, string> = {
  CH: 'Schweiz / Suisse / Svizzera',
  FR: 'France',
  IT: 'Italia',
};

// Sorted by code so the file is stable.
const ORDER: CountryCode[] = ['CH', 'FR', 'IT'];

// The source wraps each country in a GeometryCollection; keep only its (Multi)Polygons.
function polygonsOf(collection: GeometryCollection): Position[][][] {
  return collection.geometries.flatMap((geometry) => {
    if (geometry.type === 'Polygon') return [geometry.coordinates];
    if (geometry.type === 'MultiPolygon') return geometry.coordinates;
    return [];
  });
}

/**
 * Clips each country to WINDOW without simplifying: the OSM vertices are kept (only rounded to
 * 5 decimals, about 1 m) so the borders stay within metres of the real line. `intersect` is used
 * rather than `bboxClip` because it returns clean rings instead of empty parts.
 * FR and IT overlap by about 0.8 km2 at the Mont Blanc summit, where the border is disputed:
 * that is left as the source draws it.
 */
export function buildCountries(borders: Borders): Countries {
  const window = turf.bboxPolygon(WINDOW);
  const features = ORDER.map((country) => {
    const source = borders.features.find((feature) => feature.properties.isoA2 === country);
    if (!source) throw new Error(`No ${country} border in @osm_borders/maritime_10m`);
    const land = turf.multiPolygon(polygonsOf(source.geometry));
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([land, window]));
    if (!clipped) throw new Error(`${country} does not reach the map window`);
    return {
      type: 'Feature' as const,
      properties: { country, name: NAMES[country] },
      geometry: roundPolygonal(clipped.geometry, 5),
    };
  });
  return { type: 'FeatureCollection', features };
}
