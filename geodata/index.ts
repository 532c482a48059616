import { readFileSync } from 'node:fs';
import type { Commune, Countries, Lakes, Peaks, Regions, Territory, Towns } from './types.ts';

export type {
  Commune,
  Countries,
  CountryCode,
  CountryProperties,
  LakeProperties,
  Lakes,
  Names,
  PeakKind,
  PeakProperties,
  Peaks,
  RegionId,
  RegionProperties,
  Regions,
  Territory,
  TerritoryKind,
  TownProperties,
  TownRank,
  Towns,
} from './types.ts';

// Read relative to this module so the server finds the files whatever its working directory.
function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as T;
}

export const countries = readJson<Countries>('./countries.geojson');
export const communes = readJson<Commune[]>('./communes.json');
export const territories = readJson<Territory[]>('./territories.json');
export const towns = readJson<Towns>('./towns.geojson');
export const regions = readJson<Regions>('./regions.geojson');
export const lakes = readJson<Lakes>('./lakes.geojson');
export const peaks = readJson<Peaks>('./peaks.geojson');
