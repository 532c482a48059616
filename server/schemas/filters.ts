import type { CompanyFilter } from '../../db/filters.ts';
import { COUNTRIES, SECTORS } from '../../db/schema.ts';
import { bboxParam, communeParam, csvEnumParam, qParam } from '../http/params.ts';

/** Query parameters that select companies, shared by every read endpoint. */
export const companyFilterParams = {
  bbox: bboxParam,
  sector: csvEnumParam(SECTORS, 'outdoor,phyto_wellbeing'),
  country: csvEnumParam(COUNTRIES, 'FR,IT'),
  q: qParam,
  commune: communeParam,
};

export function toCompanyFilter(query: {
  bbox?: CompanyFilter['bbox'];
  sector?: CompanyFilter['sectors'];
  country?: CompanyFilter['countries'];
  q?: string | undefined;
  commune?: string | undefined;
}): CompanyFilter {
  return { bbox: query.bbox, sectors: query.sector, countries: query.country, q: query.q, commune: query.commune };
}

/** The URL of the next page: the same request with the cursor moved on. */
export function nextPageUrl(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl);
  url.searchParams.set('cursor', cursor);
  return url.toString();
}
