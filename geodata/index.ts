import { readFileSync } from 'node:fs';
import { projectPath } from '../project-root.ts';
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

// Read from the project's root so the server finds the files whatever its working directory,
// compiled or not.
function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(projectPath('geodata', file), 'utf8')) as T;
}

export const countries = readJson<Countries>('./countries.geojson');
export const communes = readJson<Commune[]>('./communes.json');
export const territories = readJson<Territory[]>('./territories.json');
export const towns = readJson<Towns>('./towns.geojson');
export const regions = readJson<Regions>('./regions.geojson');
export const lakes = readJson<Lakes>('./lakes.geojson');
export const peaks = readJson<Peaks>('./peaks.geojson');
