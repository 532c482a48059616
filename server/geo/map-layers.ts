import { existsSync, readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { communes } from '../../geodata/index.ts';
import { projectPath } from '../../project-root.ts';

const FILES = ['countries', 'regions', 'lakes', 'towns', 'peaks', 'disputed'] as const;

export const MAP_LAYERS = [...FILES, 'communes'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

/**
 * Map styles cannot read nested properties of GeoJSON features, so `names: { fr, it }`
 * becomes `name_fr`, `name_it`.
 */
function flattenNames(collection: FeatureCollection): FeatureCollection {
  return {
    ...collection,
    features: collection.features.map((feature) => {
      const { names, ...rest } = (feature.properties ?? {}) as { names?: Record<string, string> };
      const flat = Object.fromEntries(Object.entries(names ?? {}).map(([lang, name]) => [`name_${lang}`, name]));
      return { ...feature, properties: { ...rest, ...flat } };
    }),
  };
}

/** The partner territories' communes as points (no commune polygons are open on npm). */
function communePoints(): FeatureCollection {
  return turf.featureCollection(
    communes
      .filter((c) => c.lon !== null && c.lat !== null)
      .map((c) => turf.point([c.lon!, c.lat!], { code: c.code, name: c.name, country: c.country, territory: c.territory })),
  );
}

function build(name: MapLayerName): FeatureCollection | undefined {
  if (name === 'communes') return communePoints();
  const file = projectPath('geodata', `${name}.geojson`);
  return existsSync(file) ? flattenNames(JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection) : undefined;
}

/** Each layer serialised once, on first use. */
export function createMapLayers() {
  const cache = new Map<MapLayerName, string | undefined>();
  return (name: MapLayerName): string | undefined => {
    if (!cache.has(name)) {
      const collection = build(name);
      cache.set(name, collection && JSON.stringify(collection));
    }
    return cache.get(name);
  };
}
