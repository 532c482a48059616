import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Country, LinkKind, Sector } from '../../../shared/vocabulary.ts';
import { ApiFailure } from '../api.ts';

/** What /api/stats, /api/stats/links and /api/territories answer (see their OpenAPI schemas). */

export type Names = { fr: string; it: string; en: string };
export const STAT_LEVELS = ['partner', 'region', 'country', 'custom'] as const;
export type StatLevel = (typeof STAT_LEVELS)[number];

export type TerritoryInfo = {
  id: string;
  kind: StatLevel;
  name: string;
  names: Names;
  shortNames: Names;
  country: Country | null;
  labelPoint: [number, number];
  hasGeometry: boolean;
  source: string;
  licence: string;
};

export type FirmRow = {
  territory: string | null;
  sector: Sector;
  firms: number;
  employees: number;
  employeesUnknown: number;
  share: number | null;
  lq: number | null;
};

export type FirmStats = {
  rows: FirmRow[];
  total: number;
  employees: number;
  employeesUnknown: number;
  inSeveralTerritories: number;
  sampleFirms: number;
  dataVersion: number;
  lastChange: string | null;
};

export type LinkRow = {
  from?: string | null;
  to?: string | null;
  fromSector?: Sector;
  toSector?: Sector;
  kind?: LinkKind;
  crossBorder: boolean;
  links: number;
};

export type LinkStats = { rows: LinkRow[]; total: number; crossBorder: number };

export type StatsData = {
  level: StatLevel;
  territories: TerritoryInfo[];
  outlines: FeatureCollection<MultiPolygon, { id: string }>;
  firms: FirmStats;
  /** Links per pair of territories. */
  matrix: LinkStats;
  /** Links per pair of territories and kind. */
  kinds: LinkStats;
  /** Links per pair of primary sectors. */
  sectors: LinkStats;
};

async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiFailure(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Every figure of the panel for a territory level and the map's filters, in parallel. */
export async function loadStats(level: StatLevel, filters: URLSearchParams, signal: AbortSignal): Promise<StatsData> {
  const query = (base: Record<string, string>) => new URLSearchParams([...Object.entries(base), ...filters]).toString();
  const [{ territories }, firms, matrix, kinds, sectors] = await Promise.all([
    getJson<{ territories: TerritoryInfo[] }>(`/api/territories?kind=${level}`, signal),
    getJson<FirmStats>(`/api/stats?${query({ by: 'territory,sector', level })}`, signal),
    getJson<LinkStats>(`/api/stats/links?${query({ by: 'territory', level })}`, signal),
    getJson<LinkStats>(`/api/stats/links?${query({ by: 'territory,kind', level })}`, signal),
    getJson<LinkStats>(`/api/stats/links?${query({ by: 'sector' })}`, signal),
  ]);
  // The outlines are large but rarely change: the browser revalidates them with their ETag (a 304).
  const outlines = territories.some((t) => t.hasGeometry)
    ? await getJson<StatsData['outlines']>(`/api/territories?kind=${level}&format=geojson`, signal)
    : { type: 'FeatureCollection' as const, features: [] };
  return {
    level,
    territories,
    outlines,
    firms,
    matrix,
    kinds,
    sectors,
  };
}
