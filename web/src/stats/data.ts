import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { FirmStatsValue, LinkStatsValue, ShiftShareValue, TrendsValue, TerritoryValue } from '../../../shared/api/wire.ts';
import { ApiFailure } from '../api.ts';
import type { NetworkStats } from './network.ts';
import type { YearSpan } from './figures.ts';

/** What /api/stats, /api/stats/links and /api/territories answer (see their OpenAPI schemas). */

export const STAT_LEVELS = ['partner', 'region', 'country', 'custom'] as const;
export type StatLevel = (typeof STAT_LEVELS)[number];

export type TerritoryInfo = TerritoryValue;
export type FirmStats = FirmStatsValue;
export type FirmRow = FirmStats['rows'][number];
export type LinkStats = LinkStatsValue;
export type LinkRow = LinkStats['rows'][number];
export type Trends = TrendsValue;
export type TrendRow = Trends['rows'][number];
export type ShiftShare = ShiftShareValue;

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
  /** Network indicators per territory: cross-border share, E–I index, brokers, missing chains. */
  network: NetworkStats;
  /** Firms per territory and sector, year by year. */
  trends: Trends;
  shiftShare: ShiftShare;
};

async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiFailure(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Every figure of the panel for a territory level and the map's filters, in parallel. */
export async function loadStats(level: StatLevel, filters: URLSearchParams, years: YearSpan, signal: AbortSignal): Promise<StatsData> {
  const query = (base: Record<string, string>) => new URLSearchParams([...Object.entries(base), ...filters]).toString();
  // Over time, the years decide which firms count: the slider's date and the status are not theirs.
  const overTime = new URLSearchParams([...filters].filter(([name]) => name !== 'asOf' && name !== 'status'));
  const span = { by: 'territory,sector', level, from: String(years.from), to: String(years.to) };
  const [{ territories }, firms, matrix, kinds, sectors, network, trends, shiftShare] = await Promise.all([
    getJson<{ territories: TerritoryInfo[] }>(`/api/territories?kind=${level}`, signal),
    getJson<FirmStats>(`/api/stats?${query({ by: 'territory,sector', level })}`, signal),
    getJson<LinkStats>(`/api/stats/links?${query({ by: 'territory', level })}`, signal),
    getJson<LinkStats>(`/api/stats/links?${query({ by: 'territory,kind', level })}`, signal),
    getJson<LinkStats>(`/api/stats/links?${query({ by: 'sector' })}`, signal),
    getJson<NetworkStats>(`/api/stats/network?${query({ level })}`, signal),
    getJson<Trends>(`/api/stats/trends?${new URLSearchParams([...Object.entries(span), ...overTime])}`, signal),
    getJson<ShiftShare>(`/api/stats/shift-share?${new URLSearchParams([...Object.entries(span), ...overTime])}`, signal),
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
    network,
    trends,
    shiftShare,
  };
}
