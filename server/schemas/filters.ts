import { type CompanyFilter } from '../../db/filters.ts';
import { COUNTRIES, SECTORS, SIZE_BANDS } from '../../shared/vocabulary.ts';
import { bboxParam, communeParam, csvEnumParam, qParam, withinParam } from '../http/params.ts';

/** Query parameters that select companies, shared by every read endpoint. */
export const companyFilterParams = {
  bbox: bboxParam,
  sector: csvEnumParam(SECTORS, 'outdoor,phyto_wellbeing'),
  country: csvEnumParam(COUNTRIES, 'FR,IT'),
  q: qParam,
  commune: communeParam,
  size: csvEnumParam(SIZE_BANDS, 'small,medium').openapi({
    description: 'Headcount bands, any of: micro (0-9), small (10-49), medium (50-249), large (250+)',
  }),
  within: withinParam,
};

export function toCompanyFilter(query: {
  bbox?: CompanyFilter['bbox'];
  sector?: CompanyFilter['sectors'];
  country?: CompanyFilter['countries'];
  q?: string | undefined;
  commune?: string | undefined;
  size?: CompanyFilter['sizes'];
  within?: string | undefined;
}): CompanyFilter {
  const { bbox, sector, country, q, commune, size, within } = query;
  return { bbox, sectors: sector, countries: country, q, commune, sizes: size, within };
}

/** The URL of the next page: the same request with the cursor moved on. */
export function nextPageUrl(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl);
  url.searchParams.set('cursor', cursor);
  return url.toString();
}
