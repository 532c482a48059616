import { type CompanyFilter } from '../../db/filters.ts';
import { linkFilterOf } from '../../db/queries/links.ts';
import { z } from '@hono/zod-openapi';
import { COUNTRIES, SECTORS, SIZE_BANDS, STATUS_FILTERS } from '../../shared/vocabulary.ts';
import { bboxParam, communeParam, csvEnumParam, qParam, withinParam } from '../http/params.ts';
import { isoDate } from './company.ts';

/** Query parameters that select companies, shared by every read endpoint. */
export const companyFilterParams = {
  bbox: bboxParam,
  sector: csvEnumParam(SECTORS, 'outdoor,phyto_wellbeing'),
  country: csvEnumParam(COUNTRIES, 'FR,IT'),
  q: qParam,
  commune: communeParam,
  size: csvEnumParam(SIZE_BANDS, 'small,medium').openapi({
    description:
      'Headcount bands, any of: micro (0-9), small (10-49), medium (50-249), large (250+). A firm whose headcount is a band ' +
      '(e.g. 20-49) is in the size band that holds the whole of it; one of unknown headcount, or whose band straddles two, is in none',
  }),
  status: z
    .enum(STATUS_FILTERS, { message: `expected one of ${STATUS_FILTERS.join(', ')}` })
    .optional()
    .openapi({ description: '`active` (default): firms that have not closed; `closed`; `all`. With `asOf`, their status on that date' }),
  asOf: isoDate.optional().openapi({
    description:
      'The registry as it stood on this date (YYYY-MM-DD): firms opened on or before it (or on an unknown date) and not closed on ' +
      'or before it (a firm closed on an unknown date counts as closed); with `status=closed`, those closed by then; with ' +
      '`status=all`, those opened by then. Links: `since` not later than its year, and both firms open. Without it, today',
    example: '2010-12-31',
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
  status?: CompanyFilter['status'];
  asOf?: string | undefined;
  within?: string | undefined;
}): CompanyFilter {
  const { bbox, sector, country, q, commune, size, status, asOf, within } = query;
  return { bbox, sectors: sector, countries: country, q, commune, sizes: size, status, asOf, within };
}

/** A link filter from the companies' query parameters (see linkFilterOf). */
export const toLinkFilter = (query: Parameters<typeof toCompanyFilter>[0]) => linkFilterOf(toCompanyFilter(query));

/** The URL of the next page: the same request with the cursor moved on. */
export function nextPageUrl(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl);
  url.searchParams.set('cursor', cursor);
  return url.toString();
}
