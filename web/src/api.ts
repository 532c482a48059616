import type { CompanyFeatureValue, LinkFeatureValue, NearbyResultValue, PartnersResultValue } from '../../shared/api/wire.ts';

// The API's own types, generated from its OpenAPI document (shared/api/): the web app imports nothing of the server.
export type Company = CompanyFeatureValue;
export type NearbyResult = NearbyResultValue;
export type NearbyCompany = NearbyResult['features'][number];
export type Link = LinkFeatureValue;
export type PartnersResult = PartnersResultValue;
export type PartnerSuggestion = PartnersResult['features'][number];

export class ApiFailure extends Error {}

async function getJson<T>(url: string, signal?: AbortSignal, credentials: RequestCredentials = 'same-origin'): Promise<T> {
  const response = await fetch(url, { signal, credentials, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiFailure(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

const withQuery = (path: string, query: URLSearchParams) => (query.size ? `${path}?${query}` : path);

/**
 * The read API of the Atlas at `origin` ('' for the page's own; an embed gives the Atlas host).
 * `credentials: 'omit'` for the embed: a partner's page never reads a firm as a signed-in person
 * (private fields), even on the Atlas's own site. Its tiles and style hold nothing private.
 */
export function createApi(origin = '', credentials: RequestCredentials = 'same-origin') {
  const get = <T>(path: string, signal?: AbortSignal) => getJson<T>(`${origin}${path}`, signal, credentials);
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
    /** Suggested partners of a firm (`company`), or of a newcomer at `lon`, `lat` with `nace`. */
    partners(params: URLSearchParams, signal?: AbortSignal) {
      const company = params.get('company');
      const query = new URLSearchParams(params);
      query.delete('company');
      return get<PartnersResult>(withQuery(company ? `/api/companies/${company}/partners` : '/api/partners', query), signal);
    },
    /** The registry's NACE classes and the loaded relatedness matrix's source, if any. */
    relatedness: () => get<{ classes: string[]; loaded: { source: string } | null }>('/api/relatedness?level=division'),
  };
}

export const api = createApi();
