import { z } from '@hono/zod-openapi';
import type { Company, CompanyInput } from '../../db/queries/companies.ts';
import { COMPANY_STATUSES, COUNTRIES, type Country, SECTORS } from '../../shared/vocabulary.ts';
import { type BBox, inBBox } from '../../shared/bbox.ts';
import { distanceToCountry } from '../geo/countries.ts';
import type { FieldError } from '../http/problem.ts';
import { officialIdentifier } from '../import/identifiers.ts';

const COMMUNE_CODE: Record<Country, { pattern: RegExp; scheme: string }> = {
  FR: { pattern: /^(\d{5}|2[AB]\d{3})$/, scheme: 'INSEE code (5 characters, e.g. 74056)' },
  IT: { pattern: /^\d{6}$/, scheme: 'ISTAT code (6 digits, e.g. 007022)' },
  CH: { pattern: /^\d{1,4}$/, scheme: 'BFS number (1 to 4 digits, e.g. 6136)' },
};

export const NATIONAL_SCHEME: Record<Country, { name: 'NAF' | 'ATECO' | 'NOGA'; pattern: RegExp; example: string }> = {
  FR: { name: 'NAF', pattern: /^\d{2}\.\d{2}[A-Z]$/, example: '32.30Z' },
  IT: { name: 'ATECO', pattern: /^\d{2}\.\d{2}(\.\d{1,2})?$/, example: '32.30 or 32.30.00' },
  CH: { name: 'NOGA', pattern: /^\d{2}\.?\d{2}(\d{2})?$/, example: '32.30 or 323000' },
};

/** The farthest a firm may lie outside its declared country: the open borders are accurate to some tens of metres. */
const BORDER_TOLERANCE_M = 100;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const optionalText = (max: number) => text(max).nullish();
export const year = new Date().getUTCFullYear();

/** A calendar date as YYYY-MM-DD, checked to exist (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d) && d >= '1800-01-01';
  }, 'not a calendar date (from 1800)');

const headcount = z.number().int('must be a whole number').min(0).max(1_000_000);

const location = z
  .object({
    type: z.literal('Point', { message: "expected 'Point'" }),
    coordinates: z.tuple([
      z.number({ message: 'longitude must be a number' }).min(-180).max(180),
      z.number({ message: 'latitude must be a number' }).min(-90).max(90),
    ]),
  })
  .strict()
  .openapi({ example: { type: 'Point', coordinates: [6.8694, 45.9237] } });

const companyFields = {
  name: text(200).min(1, 'must not be empty').openapi({ example: 'Exemple Glavane Glisse SAS' }),
  sectors: z
    .array(z.enum(SECTORS, { message: `expected one of ${SECTORS.join(', ')}` }))
    .min(1, 'at least one sector')
    .max(SECTORS.length)
    .refine((s) => new Set(s).size === s.length, 'each sector once'),
  primarySector: z.enum(SECTORS, { message: `expected one of ${SECTORS.join(', ')}` }),
  country: z.enum(COUNTRIES, { message: `expected one of ${COUNTRIES.join(', ')}` }),
  commune: z
    .object({ code: z.string().trim(), name: text(100).min(1, 'must not be empty') })
    .strict()
    .openapi({ example: { code: '74056', name: 'Chamonix-Mont-Blanc' } }),
  address: optionalText(300),
  location,
  activity: z
    .object({
      nace: z.string().regex(/^\d{2}\.\d{2}$/, 'expected a NACE Rev. 2 class such as 32.30').nullish(),
      national: z.string().trim().nullish().openapi({ description: 'NAF (FR), ATECO (IT) or NOGA (CH) code' }),
    })
    .strict()
    .nullish(),
  employees: headcount.nullish().openapi({ description: 'The exact headcount' }),
  employeesRange: z
    .object({ min: headcount, max: headcount.nullable() })
    .strict()
    .nullish()
    .openapi({ description: 'The headcount as a band when no exact figure is known; `max` null for an open band', example: { min: 10, max: 19 } }),
  employeesYear: z.number().int('must be a whole number').min(1900).max(year, `must not be after ${year}`).nullish(),
  openedOn: isoDate.nullish().openapi({ description: 'Opening date, YYYY-MM-DD', example: '2012-03-01' }),
  closedOn: isoDate.nullish().openapi({ description: 'Closing date, YYYY-MM-DD: the firm is then closed' }),
  status: z
    .enum(COMPANY_STATUSES, { message: `expected one of ${COMPANY_STATUSES.join(', ')}` })
    .nullish()
    .openapi({ description: 'Derived from `closedOn` when omitted; `closed` without `closedOn`: closed on an unknown date. Reopen with `{"status": "active", "closedOn": null}`' }),
  founded: z.number().int('must be a whole number').min(1800).max(year, `must not be after ${year}`).nullish(),
  website: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).max(300).nullish(),
  description: z.object({ fr: optionalText(2000), it: optionalText(2000), en: optionalText(2000) }).strict().nullish(),
  contact: z
    .object({
      email: z.email({ message: 'expected an e-mail address' }).max(200).nullish(),
      phone: z.string().regex(/^\+?[0-9 ().-]{6,25}$/, 'expected a phone number such as +33 4 50 00 00 00').nullish(),
    })
    .strict()
    .nullish(),
  note: optionalText(2000).openapi({ description: 'Internal note: private, for members and editors only' }),
  officialId: optionalText(40).openapi({
    description: 'SIRET (FR), partita IVA, codice fiscale or REA (IT), UID (CH); checked with its check digits and normalised',
    example: '73282932000074',
  }),
};

/** Rules that tie fields together; `path` names the field to blame. */
function crossFieldRules(body: z.infer<z.ZodObject<typeof companyFields>>, ctx: z.RefinementCtx) {
  if (!body.sectors.includes(body.primarySector)) {
    ctx.addIssue({ code: 'custom', path: ['primarySector'], message: 'must be one of the sectors' });
  }
  const commune = COMMUNE_CODE[body.country];
  if (!commune.pattern.test(body.commune.code)) {
    ctx.addIssue({ code: 'custom', path: ['commune', 'code'], message: `expected an ${commune.scheme} for ${body.country}` });
  }
  if (body.officialId) {
    const id = officialIdentifier(body.country, body.officialId);
    if (!id.ok) ctx.addIssue({ code: 'custom', path: ['officialId'], message: id.message });
  }
  headcountRules(body, ctx);
  dateRules(body, ctx);
  const national = body.activity?.national;
  if (national) {
    const scheme = NATIONAL_SCHEME[body.country];
    if (!scheme.pattern.test(national)) {
      ctx.addIssue({ code: 'custom', path: ['activity', 'national'], message: `expected a ${scheme.name} code such as ${scheme.example} for ${body.country}` });
    } else if (body.activity?.nace && national.replace('.', '').slice(0, 4) !== body.activity.nace.replace('.', '')) {
      ctx.addIssue({ code: 'custom', path: ['activity', 'national'], message: `${scheme.name} ${national} is not in NACE class ${body.activity.nace}` });
    }
  }
}

/** An exact headcount lies in the band given with it; a band's ends are in order. */
function headcountRules(body: z.infer<z.ZodObject<typeof companyFields>>, ctx: z.RefinementCtx) {
  const range = body.employeesRange;
  if (range && range.max !== null && range.max < range.min) {
    ctx.addIssue({ code: 'custom', path: ['employeesRange', 'max'], message: `must not be below min (${range.min})` });
  }
  const exact = body.employees;
  if (range && exact !== null && exact !== undefined && (exact < range.min || (range.max !== null && exact > range.max))) {
    ctx.addIssue({ code: 'custom', path: ['employees'], message: `${exact} is outside employeesRange ${range.min}–${range.max ?? ''}: give both or neither` });
  }
}

/** A firm closes after it opens; an active firm has no closing date. */
function dateRules(body: z.infer<z.ZodObject<typeof companyFields>>, ctx: z.RefinementCtx) {
  if (body.openedOn && body.closedOn && body.closedOn < body.openedOn) {
    ctx.addIssue({ code: 'custom', path: ['closedOn'], message: `${body.closedOn} is before the opening date ${body.openedOn}` });
  }
  if (body.status === 'active' && body.closedOn) {
    ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'an active firm has no closing date: send "closedOn": null to reopen it' });
  }
}

export const CompanyBody = z.object(companyFields).strict().superRefine(crossFieldRules).openapi('CompanyInput');
export const CompanyPatch = z.object(companyFields).partial().strict().openapi('CompanyPatch');

export type CompanyBodyValue = z.infer<typeof CompanyBody>;

/** Checks a location against the service area and the declared country (which needs the borders). */
export function locationErrors(body: CompanyBodyValue, serviceArea: BBox): FieldError[] {
  const point = body.location.coordinates;
  if (!inBBox(point, serviceArea)) {
    return [{ field: 'location', message: `outside the service area (${serviceArea.join(',')})` }];
  }
  const distance = distanceToCountry(point, body.country);
  if (distance > BORDER_TOLERANCE_M) {
    return [{ field: 'location', message: `lies ${(distance / 1000).toFixed(1)} km outside ${body.country}, the company's country` }];
  }
  return [];
}

/** The company a valid body describes; `locationApproximate` for a firm placed at its commune. */
export function toInput(body: CompanyBodyValue, source: string, locationApproximate = false): CompanyInput {
  const id = body.officialId ? officialIdentifier(body.country, body.officialId) : null;
  return {
    name: body.name,
    sectors: body.sectors,
    primarySector: body.primarySector,
    country: body.country,
    commune: body.commune,
    address: body.address ?? null,
    location: body.location.coordinates,
    activity: { nace: body.activity?.nace ?? null, national: body.activity?.national ?? null },
    ...headcountOf(body),
    founded: body.founded ?? null,
    openedOn: body.openedOn ?? null,
    closedOn: body.closedOn ?? null,
    status: body.closedOn || body.status === 'closed' ? 'closed' : 'active',
    website: body.website ?? null,
    description: { fr: body.description?.fr ?? null, it: body.description?.it ?? null, en: body.description?.en ?? null },
    contact: { email: body.contact?.email ?? null, phone: body.contact?.phone ?? null },
    note: body.note ?? null,
    officialId: id?.ok ? id.value : null,
    locationApproximate,
    source,
    provenance: null,
  };
}

/** The headcount a body gives: an exact figure is the band of one figure; a band keeps no exact figure. */
function headcountOf(body: CompanyBodyValue): Pick<CompanyInput, 'employees' | 'employeesRange' | 'employeesYear'> {
  const exact = body.employees ?? null;
  const range = exact !== null ? { min: exact, max: exact } : (body.employeesRange ?? null);
  return { employees: exact, employeesRange: range, employeesYear: range ? (body.employeesYear ?? null) : null };
}

/** A stored company in the body's shape, so that a PATCH can be merged and checked like a POST. */
export function toBody(company: Company): Record<string, unknown> {
  return {
    name: company.name,
    sectors: company.sectors,
    primarySector: company.primarySector,
    country: company.country,
    commune: company.commune,
    address: company.address,
    location: { type: 'Point', coordinates: company.location },
    activity: company.activity,
    employees: company.employees,
    // A band only when there is no exact figure, so that a patch of `employees` alone replaces it.
    ...(company.employees === null && company.employeesRange ? { employeesRange: company.employeesRange } : {}),
    employeesYear: company.employeesYear,
    founded: company.founded,
    openedOn: company.openedOn,
    closedOn: company.closedOn,
    // Derived from closedOn but for a firm closed on an unknown date, so that a patch of closedOn alone closes it.
    ...(company.status === 'closed' && company.closedOn === null ? { status: 'closed' } : {}),
    website: company.website,
    description: company.description,
    contact: company.contact,
    note: company.note,
    officialId: company.officialId,
  };
}
