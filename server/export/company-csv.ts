import { stringify } from 'csv-stringify/sync';
import type { Company } from '../../db/queries/companies.ts';

/**
 * The CSV columns of a company, in order: the export writes them and the import reads them back
 * (its header mapping knows these names), so that a full export re-imported gives the same registry.
 */
const PUBLIC_COLUMNS: [string, (c: Company) => string | number | null][] = [
  ['id', (c) => c.id],
  ['official_id', (c) => c.officialId],
  ['name', (c) => c.name],
  ['sectors', (c) => c.sectors.join(';')],
  ['primary_sector', (c) => c.primarySector],
  ['country', (c) => c.country],
  ['commune_code', (c) => c.commune.code],
  ['commune_name', (c) => c.commune.name],
  ['address', (c) => c.address],
  ['longitude', (c) => c.location[0]],
  ['latitude', (c) => c.location[1]],
  ['location_approximate', (c) => (c.locationApproximate ? 'true' : 'false')],
  ['nace', (c) => c.activity.nace],
  ['national_code', (c) => c.activity.national],
  ['employees', (c) => c.employees],
  ['employees_min', (c) => c.employeesRange?.min ?? null],
  ['employees_max', (c) => c.employeesRange?.max ?? null],
  ['employees_year', (c) => c.employeesYear],
  ['founded', (c) => c.founded],
  ['opened_on', (c) => c.openedOn],
  ['closed_on', (c) => c.closedOn],
  ['status', (c) => c.status],
  ['website', (c) => c.website],
  ['description_fr', (c) => c.description.fr],
  ['description_it', (c) => c.description.it],
  ['description_en', (c) => c.description.en],
  ['source_profile', (c) => c.provenance?.profile ?? null],
  ['source_file', (c) => c.provenance?.file ?? null],
  ['source_extract_date', (c) => c.provenance?.extractDate ?? null],
  ['source', (c) => c.source],
  ['created_at', (c) => c.createdAt],
  ['updated_at', (c) => c.updatedAt],
];

/** Only for members and above, like the same fields in the JSON answers. */
const PRIVATE_COLUMNS: [string, (c: Company) => string | number | null][] = [
  ['contact_email', (c) => c.contact.email],
  ['contact_phone', (c) => c.contact.phone],
  ['note', (c) => c.note],
];

// A cell starting with = + - or @ is run as a formula by spreadsheet programs (CSV injection):
// a leading apostrophe makes it text; the import takes it off again. Negative numbers stay numbers.
const FORMULA = /^[=+\-@]/;
const defuse = (value: string | number | null) =>
  typeof value === 'string' && FORMULA.test(value) && !/^-\d/.test(value) ? `'${value}` : value;

/**
 * A company as one flat record (column name → value), the shape of the CSV rows and of the OGC
 * API's features: desktop GIS reads flat attributes, not nested objects.
 */
export function companyRecord(company: Company, options: { withPrivate: boolean }): Record<string, string | number | null> {
  return Object.fromEntries(columnsFor(options).map(([name, value]) => [name, value(company)]));
}

function columnsFor(options: { withPrivate: boolean }) {
  return options.withPrivate ? [...PUBLIC_COLUMNS.slice(0, -3), ...PRIVATE_COLUMNS, ...PUBLIC_COLUMNS.slice(-3)] : PUBLIC_COLUMNS;
}

/** Turns companies into CSV (RFC 4180: CRLF, quotes doubled), a header first, with or without the private columns. */
export function companyCsv(options: { withPrivate: boolean }) {
  const columns = columnsFor(options);
  return {
    // The BOM makes Excel read UTF-8 (accents, ß, à) instead of the system code page.
    header: `\uFEFF${stringify([columns.map(([name]) => name)], { record_delimiter: 'windows' })}`,
    rows: (companies: Company[]) =>
      stringify(
        companies.map((c) => columns.map(([, value]) => defuse(value(c)))),
        { record_delimiter: 'windows', cast: { number: (n) => String(n) } },
      ),
  };
}
