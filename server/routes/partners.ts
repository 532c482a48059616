import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import { getCompany } from '../../db/queries/companies.ts';
import { type PartnerHit, type PartnerOrigin, suggestPartners } from '../../db/queries/partners.ts';
import type { RelatednessSnapshot, RelatednessStore } from '../../db/queries/relatedness.ts';
import { naceLevel, parseNaceClass } from '../../shared/chains/nace.ts';
import { REASON_LANGUAGES, type ReasonLang, reasonText } from '../../shared/chains/reason-text.ts';
import { MIN_LINKS, externalEvidence, learnedEvidence } from '../../shared/chains/relatedness.ts';
import { HALF_DISTANCE_M, SCORE_WEIGHTS } from '../../shared/chains/score.ts';
import { countriesAt } from '../geo/countries.ts';
import { seesPrivate } from '../http/auth.ts';
import { booleanParam, idParam, limitParam, numberParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, problems } from '../http/router.ts';
import { companyFeature } from '../schemas/features.ts';
import { PartnersResult, type PartnersResultValue } from '../schemas/partners.ts';
import { aroundFilterParams, radiusParam } from './nearby.ts';

const DEFAULT_RADIUS_M = 50_000;
const DEFAULT_LIMIT = 10;

const oneString = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);

const options = {
  crossBorder: booleanParam.openapi({ description: '`true`: only firms of another country than the origin’s; `false`: only of its own; absent: any' }),
  radius: radiusParam(DEFAULT_RADIUS_M),
  ...aroundFilterParams,
  limit: limitParam(DEFAULT_LIMIT, 100),
  relatedness: z
    .preprocess(oneString, z.enum(['learned', 'loaded'], { message: "expected 'learned' or 'loaded'" }))
    .optional()
    .openapi({ description: '`learned` from the registry’s links (default), or `loaded`: the matrix an administrator loaded (see /api/relatedness)', default: 'learned' }),
  lang: z
    .preprocess(oneString, z.enum(REASON_LANGUAGES, { message: `expected one of ${REASON_LANGUAGES.join(', ')}` }))
    .optional()
    .openapi({ description: 'Language of the reasons’ `text`', default: 'en' }),
};

const FORMULA =
  'score = relatedness + sharedPartners + distance, each from 0 to its weight: (R − 1)/(R + 1) for R > 1 (0 otherwise), ' +
  'AA/(1 + AA) with AA the Adamic–Adar index over shared partners, 2^(−distance/halfDistance); each rounded to 4 decimals';

const description =
  `Ranked by a score of three terms: ${FORMULA}. The firm itself and its partners (a link of any kind, either way) are never suggested. ` +
  'R is learned from the registry’s links at the finest NACE level with enough links (see /api/relatedness). Public, as links are.';

const forCompany = createRoute({
  method: 'get',
  path: '/companies/{id}/partners',
  tags: ['Chains'],
  summary: 'Suggested partners for a firm, best first, with the reasons of their scores',
  description,
  request: { params: idParam, query: z.object(options) },
  responses: { 200: { description: 'The suggestions', ...jsonContent(PartnersResult) }, ...problems },
});

const forPlace = createRoute({
  method: 'get',
  path: '/partners',
  tags: ['Chains'],
  summary: 'Suggested partners for a firm not in the registry: from a place and an activity',
  description,
  request: {
    query: z.object({
      lon: numberParam(-180, 180),
      lat: numberParam(-90, 90),
      nace: z
        .preprocess(oneString, z.string({ error: 'required: the newcomer’s activity, a NACE Rev. 2 class' }))
        .transform((text, ctx) => {
          const code = parseNaceClass(text);
          if (!code) {
            ctx.addIssue({ code: 'custom', message: 'expected a NACE Rev. 2 class (43.21, 4321, or a NAF/ATECO/NOGA code starting with it)' });
            return z.NEVER;
          }
          return code;
        })
        .openapi({ type: 'string', example: '43.32', description: 'The newcomer’s activity: a NACE Rev. 2 class' }),
      ...options,
    }),
  },
  responses: { 200: { description: 'The suggestions', ...jsonContent(PartnersResult) }, ...problems },
});

type Options = { crossBorder?: boolean | undefined; radius?: number | undefined; sector?: PartnerFilter['sectors']; country?: PartnerFilter['countries']; size?: PartnerFilter['sizes']; limit?: number | undefined; relatedness?: 'learned' | 'loaded' | undefined; lang?: ReasonLang | undefined };
type PartnerFilter = Parameters<typeof suggestPartners>[1]['filter'];

function relatednessOf(snapshot: RelatednessSnapshot, source: 'learned' | 'loaded', fromClass: string | null) {
  const loaded = snapshot.loaded;
  if (source === 'loaded' && !loaded) throw ApiError.invalid([{ field: 'relatedness', message: 'no relatedness matrix is loaded (see PUT /api/relatedness/matrix)' }]);
  return (toClass: string) => {
    if (!fromClass || naceLevel(toClass) !== 'class') return null;
    return source === 'loaded' ? externalEvidence(loaded!, fromClass, toClass) : learnedEvidence(snapshot.learned, fromClass, toClass);
  };
}

async function answer(c: Context, db: Database, store: RelatednessStore, origin: PartnerOrigin, query: Options): Promise<PartnersResultValue> {
  const snapshot = await store.current();
  const source = query.relatedness ?? 'learned';
  const radius = query.radius ?? DEFAULT_RADIUS_M;
  const lang = query.lang ?? 'en';
  const hits = await suggestPartners(db, {
    origin,
    crossBorder: query.crossBorder,
    radiusM: radius,
    limit: query.limit ?? DEFAULT_LIMIT,
    filter: { sectors: query.sector, countries: query.country, sizes: query.size },
    relatedness: relatednessOf(snapshot, source, origin.naceClass),
    classes: snapshot.classes,
  });
  const withPrivate = seesPrivate(c);
  const feature = (hit: PartnerHit) => {
    const base = companyFeature(hit.company, { withPrivate });
    const reasons = hit.reasons.map((reason) => ({ ...reason, text: reasonText(reason, lang, MIN_LINKS) }));
    return { ...base, properties: { ...base.properties, score: hit.score, distance_m: hit.distanceM, crossBorder: hit.crossBorder, reasons } };
  };
  return {
    type: 'FeatureCollection',
    origin: { type: 'Point', coordinates: origin.point, company: origin.companyId, countries: origin.countries, nace: origin.naceClass },
    radius,
    crossBorder: query.crossBorder ?? null,
    relatedness: { source, sourceName: source === 'loaded' ? snapshot.loaded!.name : null, minLinks: MIN_LINKS, links: snapshot.learned.links },
    scoring: { weights: { ...SCORE_WEIGHTS }, halfDistanceM: HALF_DISTANCE_M, formula: FORMULA },
    sampleData: snapshot.sampleData,
    dataVersion: snapshot.dataVersion,
    numberReturned: hits.length,
    features: hits.map(feature),
  };
}

export function partnerRoutes({ db, store }: { db: Database; store: RelatednessStore }) {
  const router = createRouter();

  router.openapi(forCompany, async (c) => {
    const { id } = c.req.valid('param');
    const company = await getCompany(db, id);
    if (!company) throw ApiError.notFound(`Company ${id}`);
    const nace = company.activity.nace ? parseNaceClass(company.activity.nace) : null;
    const origin = { point: company.location, countries: [company.country], companyId: company.id, naceClass: nace };
    return c.json(await answer(c, db, store, origin, c.req.valid('query')), 200);
  });

  router.openapi(forPlace, async (c) => {
    const { lon, lat, nace, ...query } = c.req.valid('query');
    const point: [number, number] = [lon, lat];
    const origin = { point, countries: countriesAt(point), companyId: null, naceClass: nace };
    return c.json(await answer(c, db, store, origin, query), 200);
  });

  return router;
}

/**
 * A firm's suggestion for another firm as the partners route scores it now (default options,
 * the 100 best; among the cross-border ones for a firm across the border), or undefined when it is not among them: what an introduction made from a
 * suggestion keeps.
 */
export async function currentSuggestion(db: Database, store: RelatednessStore, fromId: number, toId: number) {
  const [company, target] = await Promise.all([getCompany(db, fromId), getCompany(db, toId)]);
  if (!company || !target) return undefined;
  // A firm across the border is ranked among the cross-border suggestions, as the panel shows them.
  const crossBorder = target.country !== company.country ? true : undefined;
  const snapshot = await store.current();
  const nace = company.activity.nace ? parseNaceClass(company.activity.nace) : null;
  const hits = await suggestPartners(db, {
    origin: { point: company.location, countries: [company.country], companyId: company.id, naceClass: nace },
    crossBorder,
    radiusM: DEFAULT_RADIUS_M,
    limit: 100,
    filter: {},
    relatedness: relatednessOf(snapshot, 'learned', nace),
    classes: snapshot.classes,
  });
  const rank = hits.findIndex((hit) => hit.company.id === toId);
  if (rank < 0) return undefined;
  const hit = hits[rank]!;
  return { score: hit.score, rank: rank + 1, crossBorderOnly: crossBorder === true, reasons: hit.reasons, distanceM: hit.distanceM, dataVersion: snapshot.dataVersion, at: new Date().toISOString() };
}
