import { z } from '@hono/zod-openapi';
import type { Actor } from '../../db/queries/actors.ts';
import type { Company } from '../../db/queries/companies.ts';
import type { Link } from '../../db/queries/links.ts';
import { ACTOR_KINDS, COMPANY_STATUSES, COUNTRIES, LINK_KINDS, SECTORS } from '../../shared/vocabulary.ts';
import { NATIONAL_SCHEME } from './company.ts';

/** GeoJSON (RFC 7946) output of the API: these schemas document it in the OpenAPI file. */

const position = z.tuple([z.number(), z.number()]).openapi({ example: [6.8694, 45.9237] });
const point = z.object({ type: z.literal('Point'), coordinates: position });
const nullableText = z.string().nullable();

export const CompanyProperties = z
  .object({
    name: z.string(),
    sectors: z.array(z.enum(SECTORS)),
    primarySector: z.enum(SECTORS),
    country: z.enum(COUNTRIES),
    commune: z.object({ code: z.string(), name: z.string() }),
    address: nullableText,
    activity: z.object({
      nace: nullableText,
      national: z.object({ scheme: z.enum(['NAF', 'ATECO', 'NOGA']), code: z.string() }).nullable(),
    }),
    employees: z.number().int().nullable().openapi({ description: 'The exact headcount; null when only a band (see `employeesRange`) or nothing is known' }),
    employeesRange: z
      .object({ min: z.number().int(), max: z.number().int().nullable() })
      .nullable()
      .openapi({
        description: 'The headcount as a band: `min` = `max` for an exact figure, `max` null for an open band (e.g. SIRENE code 53, 10,000+); null when unknown',
        example: { min: 10, max: 19 },
      }),
    employeesYear: z.number().int().nullable().openapi({ description: 'The year the headcount refers to, when the registry says' }),
    founded: z.number().int().nullable(),
    openedOn: nullableText.openapi({ description: 'Opening date (YYYY-MM-DD); null when unknown', example: '2012-03-01' }),
    closedOn: nullableText.openapi({ description: 'Closing date (YYYY-MM-DD); null for an active firm, or one closed on an unknown date' }),
    status: z.enum(COMPANY_STATUSES).openapi({ description: '`closed` once the firm has closed (with or without a known date), else `active`' }),
    website: nullableText,
    description: z.object({ fr: nullableText, it: nullableText, en: nullableText }),
    contact: z
      .object({ email: nullableText, phone: nullableText })
      .optional()
      .openapi({ description: 'Private: only for members, editors and admins' }),
    note: nullableText.optional().openapi({ description: 'Internal note. Private: only for members, editors and admins' }),
    officialId: nullableText.openapi({ description: 'SIRET (FR), partita IVA / codice fiscale / REA (IT) or UID (CH)' }),
    locationApproximate: z.boolean().openapi({ description: "True when the firm is placed at its commune's centre (its record had no coordinates)" }),
    source: z.string().openapi({ description: "`sample` (fictitious demo data), `manual` or `import:<name>`" }),
    provenance: z
      .object({ profile: nullableText, file: nullableText, extractDate: nullableText })
      .nullable()
      .openapi({
        description: "Where the import that last created or changed the firm took it from: the source profile (see `/api/import-profiles`), the file's name and the date of its extract; null for firms entered by hand",
        example: { profile: 'sirene-etablissement', file: 'StockEtablissement_74.csv', extractDate: '2026-11-01' },
      }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CompanyProperties');

export const CompanyFeature = z
  .object({ type: z.literal('Feature'), id: z.number().int(), geometry: point, properties: CompanyProperties })
  .openapi('CompanyFeature');

export type CompanyFeatureValue = z.infer<typeof CompanyFeature>;

/** A company as GeoJSON; `withPrivate` (members and above) adds the contact and the internal note. */
export function companyFeature(company: Company, options: { withPrivate: boolean }): CompanyFeatureValue {
  // The version travels as the ETag (server/http/record-etag.ts), not in the feature.
  const { id, location, activity, contact, note, version: _version, ...rest } = company;
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: location },
    properties: {
      ...rest,
      activity: {
        nace: activity.nace,
        national: activity.national ? { scheme: NATIONAL_SCHEME[company.country].name, code: activity.national } : null,
      },
      ...(options.withPrivate ? { contact, note } : {}),
    },
  };
}

const linkEnd = z.object({
  id: z.number().int(),
  name: z.string(),
  country: z.enum(COUNTRIES),
  commune: z.object({ code: z.string(), name: z.string() }),
});

export const LinkFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.number().int(),
    geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
    properties: z.object({
      from: linkEnd,
      to: linkEnd,
      kind: z.enum(LINK_KINDS),
      since: z.number().int().nullable(),
      note: nullableText,
      crossBorder: z.boolean(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  })
  .openapi('LinkFeature');

export type LinkFeatureValue = z.infer<typeof LinkFeature>;

export function linkFeature(link: Link): LinkFeatureValue {
  const end = ({ id, name, country, commune }: Link['from']) => ({ id, name, country, commune });
  return {
    type: 'Feature',
    id: link.id,
    geometry: { type: 'LineString', coordinates: [link.from.location, link.to.location] },
    properties: {
      from: end(link.from),
      to: end(link.to),
      kind: link.kind,
      since: link.since,
      note: link.note,
      crossBorder: link.crossBorder,
      createdAt: link.createdAt,
      updatedAt: link.updatedAt,
    },
  };
}

export const ActorFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.number().int(),
    geometry: point,
    properties: z.object({
      name: z.string(),
      kind: z.enum(ACTOR_KINDS),
      country: z.enum(COUNTRIES),
      commune: z.string(),
      website: nullableText,
      sectors: z.array(z.enum(SECTORS)),
      territories: z.array(z.string()),
    }),
  })
  .openapi('ActorFeature');

export function actorFeature(actor: Actor): z.infer<typeof ActorFeature> {
  const { id, location, communeName, ...rest } = actor;
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: location }, properties: { ...rest, commune: communeName } };
}

/** A FeatureCollection page, with OGC API-style counts and a link to the next page. */
export function featurePage<T extends z.ZodTypeAny>(feature: T, name: string) {
  return z
    .object({
      type: z.literal('FeatureCollection'),
      numberMatched: z.number().int(),
      numberReturned: z.number().int(),
      next: z.string().nullable().openapi({ description: 'URL of the next page; null on the last' }),
      features: z.array(feature),
    })
    .openapi(name);
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
