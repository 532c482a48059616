import type { Company } from '../api.ts';

/**
 * A firm as the write API takes it (`CompanyInput`): what the edit form shows and sends. The
 * headcount is kept as the registry gives it — an exact figure or a band, never one made into the
 * other — and the national activity code without its scheme, which the country implies.
 */
export type CompanyDraft = {
  name: string;
  sectors: string[];
  primarySector: string;
  country: string;
  commune: { code: string; name: string };
  address: string | null;
  location: { type: 'Point'; coordinates: [number, number] };
  activity: { nace: string | null; national: string | null };
  employees: number | null;
  employeesRange: { min: number; max: number | null } | null;
  employeesYear: number | null;
  openedOn: string | null;
  closedOn: string | null;
  status: 'active' | 'closed';
  founded: number | null;
  website: string | null;
  description: { fr: string | null; it: string | null; en: string | null };
  contact?: { email: string | null; phone: string | null };
  note?: string | null;
  officialId: string | null;
};

/** The draft of a firm as the read API gave it; the private fields only when the answer had them. */
export function draftOf(company: Company): CompanyDraft {
  const p = company.properties;
  const exact = p.employees !== null;
  const draft: CompanyDraft = {
    name: p.name,
    sectors: [...p.sectors],
    primarySector: p.primarySector,
    country: p.country,
    commune: { code: p.commune.code, name: p.commune.name },
    address: p.address,
    location: { type: 'Point', coordinates: [company.geometry.coordinates[0]!, company.geometry.coordinates[1]!] },
    activity: { nace: p.activity.nace, national: p.activity.national?.code ?? null },
    employees: p.employees,
    // An exact figure comes back as a band of one; the form shows it as the figure it is.
    employeesRange: exact ? null : p.employeesRange,
    employeesYear: p.employeesYear,
    openedOn: p.openedOn,
    closedOn: p.closedOn,
    status: p.status,
    founded: p.founded,
    website: p.website,
    description: { ...p.description },
    officialId: p.officialId,
  };
  if (p.contact !== undefined) draft.contact = { email: p.contact.email, phone: p.contact.phone };
  if (p.note !== undefined) draft.note = p.note;
  return draft;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The merge-patch (RFC 7396) from `before` to `after`: only the top-level fields that differ, each
 * sent whole, so a save never rewrites what this person did not touch.
 */
export function draftPatch(before: CompanyDraft, after: CompanyDraft): Partial<CompanyDraft> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CompanyDraft)[]) {
    if (!same(before[key], after[key])) patch[key] = after[key];
  }
  return patch as Partial<CompanyDraft>;
}

/** The fields a patch changes, for the conflict view and the history's "changed since". */
export const changedFields = (patch: Partial<CompanyDraft>) => Object.keys(patch) as (keyof CompanyDraft)[];
