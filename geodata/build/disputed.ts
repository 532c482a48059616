import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Countries } from '../types.ts';
import { roundPolygonal } from './round.ts';

/**
 * Where the French and Italian territories of the OSM borders overlap: around the Mont Blanc
 * summit the two countries disagree about the border. The map shows this area as disputed
 * rather than drawing one country's line.
 */
export function disputedArea(countries: Countries): Feature<Polygon | MultiPolygon, { countries: string }>[] {
  const country = (code: string) => countries.features.find((f) => f.properties.country === code)!;
  const overlap = turf.intersect(turf.featureCollection([country('FR'), country('IT')]));
  if (!overlap) return [];
  // Slivers a few metres wide along the border are rounding, not a claim.
  const parts = turf.flatten(overlap).features.filter((part) => turf.area(part) > 10_000);
  if (parts.length === 0) return [];
  const merged = parts.length === 1 ? parts[0]!.geometry : { type: 'MultiPolygon' as const, coordinates: parts.map((p) => p.geometry.coordinates) };
  return [{ type: 'Feature', properties: { countries: 'FR IT' }, geometry: roundPolygonal(merged, 5) }];
}
