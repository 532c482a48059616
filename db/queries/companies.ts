import { eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../database.ts';
import { type CompanyFilter, companyConditions } from '../filters.ts';
import { companies, links } from '../schema.ts';
import { linkState } from './link-state.ts';
import type { WriteOutcome } from './write-outcome.ts';
import { type CompanyStatus, type Country, type Sector } from '../../shared/vocabulary.ts';
import { type Author, type FieldChange, type HistoryAction, companyChanges, recordHistory } from './history.ts';

/** A company as the Atlas reads and writes it (camelCase, location as [lon, lat]). */
export type Company = {
  id: number;
  name: string;
  sectors: Sector[];
  primarySector: Sector;
  country: Country;
  commune: { code: string; name: string };
  address: string | null;
  location: [number, number];
  activity: { nace: string | null; national: string | null };
  /** An exact headcount; null when the registry gives a band, or nothing. */
  employees: number | null;
  /** The headcount as a band (min = max for an exact figure; max null for an open band such as 10,000+); null when unknown. */
  employeesRange: { min: number; max: number | null } | null;
  /** The year the headcount refers to, when the registry says. */
  employeesYear: number | null;
  founded: number | null;
  /** Opening and closing dates (YYYY-MM-DD), either unknown as null. */
  openedOn: string | null;
  closedOn: string | null;
  /** `closed` once it has a closing date, or is known closed on a date the registry does not give. */
  status: CompanyStatus;
  website: string | null;
  description: { fr: string | null; it: string | null; en: string | null };
  contact: { email: string | null; phone: string | null };
  /** Internal note: private, like the contact. */
  note: string | null;
  /** SIRET (FR), codice fiscale / partita IVA / REA (IT) or UID (CH), normalised; what imports match on. */
  officialId: string | null;
  /** Placed at its commune's centre, for want of coordinates. */
  locationApproximate: boolean;
  source: string;
  /** Where an import took the firm from (the import that last created or changed it); null for firms entered by hand. */
  provenance: Provenance | null;
  /** Raised by one on every change (db/sql/record-versions.sql): the ETag of the firm's reads. */
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type CompanyInput = Omit<Company, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

/** The source profile an import used, the file's name and the date of its extract (each may be unknown). */
export type Provenance = { profile: string | null; file: string | null; extractDate: string | null };

const provenanceOf = (profile: string | null, file: string | null, extractDate: string | null): Provenance | null =>
  profile === null && file === null && extractDate === null ? null : { profile, file, extractDate };

// The columns the database keeps for itself (search text, tile keys) stay out of reads.
const { search: _search, mx: _mx, my: _my, sizeBand: _sizeBand, sectorsMask: _sectorsMask, ...recordColumns } = getTableColumns(companies);

/** The columns a Company is read from. */
export const companyColumns = recordColumns;

type CompanyRecord = Pick<typeof companies.$inferSelect, keyof typeof recordColumns>;

export function fromRecord(r: CompanyRecord): Company {
  return {
    id: r.id,
    name: r.name,
    sectors: r.sectors,
    primarySector: r.primarySector,
    country: r.country,
    commune: { code: r.communeCode, name: r.communeName },
    address: r.address,
    location: [r.location.x, r.location.y],
    activity: { nace: r.naceCode, national: r.nationalCode },
    employees: r.employees,
    employeesRange: r.employeesMin === null ? null : { min: r.employeesMin, max: r.employeesMax },
    employeesYear: r.employeesYear,
    founded: r.founded,
    openedOn: r.openedOn,
    closedOn: r.closedOn,
    status: r.status,
    website: r.website,
    description: { fr: r.descriptionFr, it: r.descriptionIt, en: r.descriptionEn },
    contact: { email: r.contactEmail, phone: r.contactPhone },
    note: r.note,
    officialId: r.officialId,
    locationApproximate: r.locationApproximate,
    source: r.source,
    provenance: provenanceOf(r.sourceProfile, r.sourceFile, r.sourceExtractDate),
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

export function toRecord(c: CompanyInput) {
  return {
    name: c.name,
    sectors: c.sectors,
    primarySector: c.primarySector,
    country: c.country,
    communeCode: c.commune.code,
    communeName: c.commune.name,
    address: c.address,
    location: { x: c.location[0], y: c.location[1] },
    naceCode: c.activity.nace,
    nationalCode: c.activity.national,
    employees: c.employees,
    employeesMin: c.employeesRange?.min ?? null,
    employeesMax: c.employeesRange?.max ?? null,
    employeesYear: c.employeesYear,
    founded: c.founded,
    openedOn: c.openedOn,
    closedOn: c.closedOn,
    status: c.status,
    website: c.website,
    descriptionFr: c.description.fr,
    descriptionIt: c.description.it,
    descriptionEn: c.description.en,
    contactEmail: c.contact.email,
    contactPhone: c.contact.phone,
    note: c.note,
    officialId: c.officialId,
    locationApproximate: c.locationApproximate,
    source: c.source,
    sourceProfile: c.provenance?.profile ?? null,
    sourceFile: c.provenance?.file ?? null,
    sourceExtractDate: c.provenance?.extractDate ?? null,
  };
}

/** A keyset page; without `limit`, every match at once. */
export type Page = { limit?: number | undefined; afterId?: number | undefined };

/** Companies matching `filter`, in id order, one keyset page at a time, with the total count. */
export async function listCompanies(
  db: Database,
  filter: CompanyFilter,
  page: Page,
): Promise<{ companies: Company[]; numberMatched: number }> {
  const where = companyConditions(filter, 'companies');
  const after = page.afterId === undefined ? sql`TRUE` : sql`${companies.id} > ${page.afterId}`;
  const query = db.drizzle.select(companyColumns).from(companies).where(sql`${where} AND ${after}`).orderBy(companies.id);
  const [records, [count]] = await Promise.all([
    page.limit === undefined ? query : query.limit(page.limit),
    db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM companies WHERE ${where}`),
  ]);
  return { companies: records.map(fromRecord), numberMatched: count?.n ?? 0 };
}

export async function getCompany(db: Database | Drizzle, id: number): Promise<Company | undefined> {
  const drizzle = 'drizzle' in db ? db.drizzle : db;
  const [record] = await drizzle.select(companyColumns).from(companies).where(eq(companies.id, id));
  return record && fromRecord(record);
}

/** Several companies by id, in one query. */
export async function companiesByIds(db: Database, ids: number[]): Promise<Map<number, Company>> {
  if (ids.length === 0) return new Map();
  const records = await db.drizzle.select(companyColumns).from(companies).where(inArray(companies.id, ids));
  return new Map(records.map((r) => [r.id, fromRecord(r)]));
}

/** Adds a company and records who did, in one transaction. */
export async function createCompany(db: Database, input: CompanyInput, author: Author): Promise<Company> {
  return db.drizzle.transaction(async (tx) => {
    const [record] = await tx.insert(companies).values(toRecord(input)).returning();
    const company = fromRecord(record!);
    await recordHistory(tx, author, [{ companyId: company.id, action: 'create', changes: companyChanges(null, company) }]);
    return company;
  });
}

/** Bulk insert for the seed and imports; returns the new ids in input order. */
export async function insertCompanies(db: Drizzle, inputs: CompanyInput[]): Promise<number[]> {
  if (inputs.length === 0) return [];
  const rows = await db.insert(companies).values(inputs.map(toRecord)).returning({ id: companies.id });
  return rows.map((r) => r.id);
}

/** A firm to write in bulk: its id (new or existing), the record, and the history entry of the write. */
export type BulkWrite = { id: number; input: CompanyInput; changes: Record<string, FieldChange> };

// The shape jsonb_to_recordset reads a batch of firms in: one JSON parameter per batch, so that
// a batch of thousands of firms is one statement (statement-level triggers then run once for it)
// without the 65,535-parameter limit of a multi-row VALUES.
const BULK_COLUMNS = sql.raw(`id integer, name text, sectors sector[], primary_sector sector, country country,
  commune_code text, commune_name text, address text, lon float8, lat float8, nace_code text, national_code text,
  employees integer, employees_min integer, employees_max integer, employees_year smallint, founded integer,
  opened_on date, closed_on date, status company_status, website text, description_fr text, description_it text,
  description_en text, contact_email text, contact_phone text, note text, official_id text, location_approximate boolean,
  source text, source_profile text, source_file text, source_extract_date date, changes jsonb`);

function bulkJson(writes: BulkWrite[]): string {
  return JSON.stringify(
    writes.map(({ id, input, changes }) => {
      const { location, ...record } = toRecord(input);
      return { id, ...Object.fromEntries(Object.entries(record).map(([key, value]) => [toSnake(key), value])), lon: location.x, lat: location.y, changes };
    }),
  );
}

// Memoised: the same twenty-odd keys, for every one of a hundred thousand firms.
const snakeKeys = new Map<string, string>();
const toSnake = (key: string) => {
  let snake = snakeKeys.get(key);
  if (snake === undefined) snakeKeys.set(key, (snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
  return snake;
};

/** `count` new ids from the companies' identity sequence, in ascending order, for firms written in bulk. */
export async function reserveCompanyIds(tx: Drizzle, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = (await tx.execute(
    sql`SELECT nextval(pg_get_serial_sequence('companies', 'id'))::int AS id FROM generate_series(1, ${count}::int)`,
  )) as unknown as { id: number }[] | { rows: { id: number }[] };
  return (Array.isArray(rows) ? rows : rows.rows).map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Inserts (`insert`) or overwrites (`update`) a batch of firms and records each write in the
 * history, in one statement whatever the size of the batch. The caller's transaction holds it all.
 */
export async function writeCompanies(tx: Drizzle, mode: 'insert' | 'update', writes: BulkWrite[], author: Author & { action: HistoryAction }): Promise<void> {
  if (writes.length === 0) return;
  const location = sql`ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326)`;
  const write =
    mode === 'insert'
      ? sql`INSERT INTO companies (id, name, sectors, primary_sector, country, commune_code, commune_name, address, location,
              nace_code, national_code, employees, employees_min, employees_max, employees_year, founded, opened_on, closed_on,
              status, website, description_fr, description_it, description_en, contact_email, contact_phone, note, official_id,
              location_approximate, source, source_profile, source_file, source_extract_date)
            OVERRIDING SYSTEM VALUE
            SELECT i.id, i.name, i.sectors, i.primary_sector, i.country, i.commune_code, i.commune_name, i.address, ${location},
              i.nace_code, i.national_code, i.employees, i.employees_min, i.employees_max, i.employees_year, i.founded,
              i.opened_on, i.closed_on, i.status, i.website, i.description_fr, i.description_it, i.description_en,
              i.contact_email, i.contact_phone, i.note, i.official_id, i.location_approximate, i.source,
              i.source_profile, i.source_file, i.source_extract_date
            FROM i ORDER BY i.id`
      : sql`UPDATE companies c SET name = i.name, sectors = i.sectors, primary_sector = i.primary_sector, country = i.country,
              commune_code = i.commune_code, commune_name = i.commune_name, address = i.address, location = ${location},
              nace_code = i.nace_code, national_code = i.national_code, employees = i.employees,
              employees_min = i.employees_min, employees_max = i.employees_max, employees_year = i.employees_year,
              founded = i.founded, opened_on = i.opened_on, closed_on = i.closed_on, status = i.status, website = i.website, description_fr = i.description_fr, description_it = i.description_it,
              description_en = i.description_en, contact_email = i.contact_email, contact_phone = i.contact_phone, note = i.note,
              official_id = i.official_id, location_approximate = i.location_approximate, source = i.source,
              source_profile = i.source_profile, source_file = i.source_file, source_extract_date = i.source_extract_date,
              updated_at = now()
            FROM i WHERE c.id = i.id`;
  await tx.execute(sql`
    WITH i AS MATERIALIZED (SELECT * FROM jsonb_to_recordset(${bulkJson(writes)}::jsonb) AS r(${BULK_COLUMNS})),
    written AS (${write})
    INSERT INTO company_history (company_id, token_id, token_label, action, changes)
    SELECT i.id, ${author.tokenId}::int, ${author.label}, ${author.action}, i.changes FROM i ORDER BY i.id`);
}

/**
 * Reads, changes and writes one company in a single transaction, with the row locked so that two
 * concurrent edits cannot overwrite each other. `change` may throw to refuse the edit: nothing
 * is then written. Returns undefined when there is no such company.
 */
export async function updateCompany(
  db: Database,
  id: number,
  change: (current: Company) => CompanyInput,
  author: Author,
): Promise<Company | undefined> {
  return db.drizzle.transaction(async (tx) => {
    const [current] = await tx.select(companyColumns).from(companies).where(eq(companies.id, id)).for('update');
    if (!current) return undefined;
    const before = fromRecord(current);
    const next = change(before);
    const changes = companyChanges(before, { ...before, ...next });
    // Nothing changed: no write, so neither the update time nor the data version moves.
    if (Object.keys(changes).length === 0) return before;
    const [record] = await tx
      .update(companies)
      .set({ ...toRecord(next), updatedAt: sql`now()` })
      .where(eq(companies.id, id))
      .returning();
    await recordHistory(tx, author, [{ companyId: id, action: 'update', changes }]);
    return fromRecord(record!);
  });
}

/**
 * Deletes a company and its links, recording both in its history (the links, so that an undo
 * can put them back), in one transaction with the row locked. With `matches`, deletes only if it
 * accepts the current version.
 */
export async function deleteCompany(
  db: Database,
  id: number,
  author: Author,
  { matches }: { matches?: (version: number) => boolean } = {},
): Promise<WriteOutcome> {
  return db.drizzle.transaction(async (tx) => {
    const [current] = await tx.select(companyColumns).from(companies).where(eq(companies.id, id)).for('update');
    if (!current) return 'missing';
    if (matches && !matches(current.version)) return 'stale';
    const gone = await tx
      .select()
      .from(links)
      .where(or(eq(links.fromId, id), eq(links.toId, id)))
      .orderBy(links.id);
    await tx.delete(companies).where(eq(companies.id, id));
    const changes = companyChanges(fromRecord(current), null);
    if (gone.length > 0) changes.links = { before: gone.map(linkState), after: null };
    await recordHistory(tx, author, [{ companyId: id, action: 'delete', changes }]);
    return 'done';
  });
}

export type CompanyCounts = { total: number; active: number; closed: number; sample: number };

/** The registry's size: every firm, the active and the closed ones, and the fictitious sample firms. */
export async function countCompanies(db: Database): Promise<CompanyCounts> {
  const [row] = await db.rows<CompanyCounts>(
    sql`SELECT count(*)::int AS total,
               (count(*) FILTER (WHERE status = 'active'))::int AS active,
               (count(*) FILTER (WHERE status = 'closed'))::int AS closed,
               (count(*) FILTER (WHERE source = 'sample'))::int AS sample
        FROM companies`,
  );
  return row ?? { total: 0, active: 0, closed: 0, sample: 0 };
}

/**
 * Every company matching `filter`, in id order, a keyset batch at a time: an export of the whole
 * registry streams in constant memory instead of loading it at once.
 */
export async function* companyBatches(db: Database, filter: CompanyFilter, size = 2000): AsyncGenerator<Company[]> {
  const where = companyConditions(filter, 'companies');
  let afterId = 0;
  for (;;) {
    const records = await db.drizzle
      .select(companyColumns)
      .from(companies)
      .where(sql`${where} AND ${companies.id} > ${afterId}`)
      .orderBy(companies.id)
      .limit(size);
    if (records.length === 0) return;
    yield records.map(fromRecord);
    if (records.length < size) return;
    afterId = records.at(-1)!.id;
  }
}
