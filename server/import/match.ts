import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { type BulkWrite, type Company, type CompanyInput, companyColumns, fromRecord } from '../../db/queries/companies.ts';
import { companyChanges } from '../../db/queries/history.ts';
import { companies } from '../../db/schema.ts';
import type { ImportField } from '../../shared/import-mapping.ts';
import { batches } from './batches.ts';
import type { Prepared } from './check-body.ts';
import type { Duplicate } from './report.ts';

/**
 * The fields an import compares and writes: the record, not the bookkeeping (a newer extract that
 * changes nothing of a firm leaves it unchanged, its provenance too).
 */
const comparable = ({ id: _id, version: _v, createdAt: _c, updatedAt: _u, source: _s, provenance: _p, ...rest }: Company | (CompanyInput & { id?: number; version?: number; createdAt?: string; updatedAt?: string })) => rest;

/** Every field of a record, whatever the order its object was built in. */
const fingerprint = (company: Company | CompanyInput) => {
  const fields = comparable(company) as Record<string, unknown>;
  return JSON.stringify(Object.keys(fields).sort().map((key) => [key, fields[key]]));
};

/**
 * The optional fields a file may have no column for, and how to take one from another record
 * (or blank it, with none). A firm the file updates keeps its own value of those (an export
 * without the members-only fields, re-imported, erases no contact), and the file is compared with
 * the registry without them.
 */
const KEPT_WHEN_ABSENT: Partial<Record<ImportField, (to: CompanyInput, from: CompanyInput | null) => void>> = {
  address: (to, from) => void (to.address = from?.address ?? null),
  employees: (to, from) => void Object.assign(to, headcountOf(from)),
  founded: (to, from) => void (to.founded = from?.founded ?? null),
  openedOn: (to, from) => void (to.openedOn = from?.openedOn ?? null),
  status: (to, from) => void Object.assign(to, { status: from?.status ?? 'active', closedOn: from?.closedOn ?? null }),
  website: (to, from) => void (to.website = from?.website ?? null),
  descriptionFr: (to, from) => void (to.description = { ...to.description, fr: from?.description.fr ?? null }),
  descriptionIt: (to, from) => void (to.description = { ...to.description, it: from?.description.it ?? null }),
  descriptionEn: (to, from) => void (to.description = { ...to.description, en: from?.description.en ?? null }),
  contactEmail: (to, from) => void (to.contact = { ...to.contact, email: from?.contact.email ?? null }),
  contactPhone: (to, from) => void (to.contact = { ...to.contact, phone: from?.contact.phone ?? null }),
  note: (to, from) => void (to.note = from?.note ?? null),
};

const headcountOf = (from: CompanyInput | null) => ({
  employees: from?.employees ?? null,
  employeesRange: from?.employeesRange ?? null,
  employeesYear: from?.employeesYear ?? null,
});

/** The fields that stand for one in KEPT_WHEN_ABSENT: a file that has any of them has that one. */
const ALIASES: Partial<Record<ImportField, ImportField>> = { employeesMin: 'employees', employeesMax: 'employees', employeesYear: 'employees', closedOn: 'status' };

/** `input` with the optional fields the file has no column for taken from `from`, or blank. */
function withAbsentFrom(input: CompanyInput, from: CompanyInput | null, mapped: ReadonlySet<ImportField>): CompanyInput {
  const has = new Set([...mapped].map((field) => ALIASES[field] ?? field));
  const filled = { ...input };
  for (const [field, take] of Object.entries(KEPT_WHEN_ABSENT)) if (!has.has(field as ImportField)) take!(filled, from);
  return filled;
}

/**
 * The rows of the file less those repeating an earlier one: the first row of an identifier wins;
 * without one, only a row equal in every field is a duplicate (two firms may share a name in a town).
 */
export function firstOfEach(prepared: Prepared[]): { unique: Prepared[]; duplicates: Duplicate[] } {
  const first = new Map<string, number>();
  const unique: Prepared[] = [];
  const duplicates: Duplicate[] = [];
  for (const p of prepared) {
    const key = p.input.officialId ?? fingerprint(p.input);
    const earlier = first.get(key);
    if (earlier !== undefined) duplicates.push({ line: p.line, officialId: p.input.officialId, of: `line ${earlier}` });
    else {
      first.set(key, p.line);
      unique.push(p);
    }
  }
  return { unique, duplicates };
}

/** The keys of one query as a single JSON parameter: thousands of bound parameters cost more to build than the query takes to run. */
const among = (keys: string[]) => sql`(SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`;

/** The registry's firms that rows may be: by official identifier, else by every field (in the rows' communes). */
async function findExisting(db: Database, inputs: CompanyInput[], fingerprintOf: (company: CompanyInput) => string) {
  const byOfficialId = new Map<string, Company>();
  const byFingerprint = new Map<string, Company>();
  const ids = inputs.map((i) => i.officialId).filter((id): id is string => id !== null);
  for (const batch of batches(ids)) {
    const records = await db.drizzle.select(companyColumns).from(companies).where(sql`${companies.officialId} IN ${among(batch)}`);
    for (const r of records) byOfficialId.set(r.officialId!, fromRecord(r));
  }
  const communeCodes = [...new Set(inputs.filter((i) => !i.officialId).map((i) => i.commune.code))];
  if (communeCodes.length) {
    const records = await db.drizzle.select(companyColumns).from(companies).where(sql`${companies.communeCode} IN ${among(communeCodes)}`);
    for (const r of records) {
      const company = fromRecord(r);
      byFingerprint.set(fingerprintOf(company), company);
    }
  }
  return { byOfficialId, byFingerprint };
}

/** What the file does to the registry: the firms it creates and updates, those it leaves as they are, and the rows that are firms already there. */
export type ImportPlan = { creates: CompanyInput[]; updates: BulkWrite[]; unchanged: number; duplicates: Duplicate[] };

/**
 * The rows matched with the registry, on their official identifier or, lacking one, every field
 * the file has: a row equal to its firm changes nothing, so re-importing a file is a no-op, and a
 * row without an identifier equal to a firm is that firm again.
 */
export async function matchWithRegistry(db: Database, rows: Prepared[], mapped: ReadonlySet<ImportField>): Promise<ImportPlan> {
  const seen = (input: CompanyInput) => fingerprint(withAbsentFrom(input, null, mapped));
  const existing = await findExisting(db, rows.map((p) => p.input), seen);
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, duplicates: [] };
  for (const { line, input } of rows) {
    const match = input.officialId ? existing.byOfficialId.get(input.officialId) : existing.byFingerprint.get(seen(input));
    if (!match) plan.creates.push(input);
    else if (!input.officialId) plan.duplicates.push({ line, officialId: null, of: `company ${match.id} of the registry` });
    else {
      const filled = withAbsentFrom(input, match, mapped);
      const changes = companyChanges(comparable(match) as Company, comparable(filled) as Company);
      if (Object.keys(changes).length === 0) plan.unchanged++;
      else plan.updates.push({ id: match.id, input: { ...filled, source: match.source }, changes });
    }
  }
  return plan;
}
