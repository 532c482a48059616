import * as turf from '@turf/turf';
import type { Country } from '../../shared/vocabulary.ts';
import { countries } from '../../geodata/index.ts';

/**
 * The countries a point lies in: usually one; two in the disputed area around the Mont Blanc
 * summit, where the French and Italian claims overlap; none outside France, Italy and Switzerland.
 */
export function countriesAt(point: [number, number]): Country[] {
  return countries.features
    .filter((feature) => turf.booleanPointInPolygon(point, feature))
    .map((feature) => feature.properties.country);
}

/** Distance in metres from a point to a country's territory (0 inside it). */
export function distanceToCountry(point: [number, number], country: Country): number {
  const feature = countries.features.find((f) => f.properties.country === country)!;
  if (turf.booleanPointInPolygon(point, feature)) return 0;
  return turf.pointToPolygonDistance(point, feature, { units: 'meters' });
}
