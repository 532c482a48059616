import type { Feature, FeatureCollection, LineString, Point } from 'geojson';

export type CompanyProperties = {
  name: string;
  sectors: string[];
  primarySector: string;
  country: string;
  commune: { code: string; name: string };
  address: string | null;
  activity: { nace: string | null; national: { scheme: string; code: string } | null };
  employees: number | null;
  founded: number | null;
  website: string | null;
  description: { fr: string | null; it: string | null; en: string | null };
  source: string;
};

export type Company = Feature<Point, CompanyProperties> & { id: number };
export type NearbyCompany = Feature<Point, CompanyProperties & { distance_m: number; crossBorder: boolean }> & { id: number };

type End = { id: number; name: string; country: string; commune: { code: string; name: string } };
export type Link = Feature<LineString, { from: End; to: End; kind: string; since: number | null; crossBorder: boolean }> & { id: number };

export type NearbyResult = {
  type: 'FeatureCollection';
  numberReturned: number;
  origin: { coordinates: [number, number]; company: number | null; countries: string[] };
  radius: number;
  features: NearbyCompany[];
};

export class ApiFailure extends Error {}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiFailure(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

const withQuery = (path: string, query: URLSearchParams) => (query.size ? `${path}?${query}` : path);

/** The read API of the Atlas at `origin` ('' for the page's own; an embed gives the Atlas host). */
export function createApi(origin = '') {
  const get = <T>(path: string, signal?: AbortSignal) => getJson<T>(`${origin}${path}`, signal);
  return {
    health: () => get<{ companies: number; sampleCompanies: number; dataVersion: number }>('/api/health'),
    search(query: URLSearchParams, limit: number, signal?: AbortSignal) {
      const page = new URLSearchParams(query);
      page.set('limit', String(limit));
      return get<{ features: Company[]; numberMatched: number }>(withQuery('/api/companies', page), signal);
    },
    company: (id: number, signal?: AbortSignal) => get<Company>(`/api/companies/${id}`, signal),
    linksOf: (id: number) => get<{ features: Link[] }>(`/api/links?company=${id}`),
    nearby(params: URLSearchParams, signal?: AbortSignal) {
      return get<NearbyResult>(withQuery('/api/nearby', params), signal);
    },
  };
}

export const api = createApi();
