import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { BBox } from '../../shared/bbox.ts';
import { type BulkWrite, type Company, type CompanyInput, companyColumns, fromRecord, reserveCompanyIds, writeCompanies } from '../../db/queries/companies.ts';
import { type Author, companyChanges } from '../../db/queries/history.ts';
import { companies } from '../../db/schema.ts';
import { COUNTRIES, type Country, SECTORS, type Sector } from '../../shared/vocabulary.ts';
import { type Commune, communes } from '../../geodata/index.ts';
import { fieldErrors } from '../http/router.ts';
import { CompanyBody, locationErrors, toInput } from '../schemas/company.ts';
import { type SectorRule, normaliseActivity, suggestSector } from './activity.ts';
import { type ImportField, type Mapping, resolveMapping } from '../../shared/import-mapping.ts';
import { type SourceFile, type SourceRow } from './read-file.ts';

/** The coordinate systems of the registries: WGS84, Lambert-93 (France), Swiss LV95 and LV03. */
export const SRIDS = [4326, 2154, 2056, 21781] as const;
export type Srid = (typeof SRIDS)[number];

export type Rejection = { line: number; field: string; reason: string };

export type ImportReport = {
  dryRun: boolean;
  file: { format: SourceFile['format']; encoding: SourceFile['encoding']; separator: string | null; rows: number };
  mapping: Mapping;
  /** Firms that are (or would be) created, updated, or left as they are because nothing changed. */
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left out: rejected (see `rejected`) or duplicates (see `duplicates`). */
  skipped: number;
  /** Firms placed at their commune's centre for want of coordinates. */
  approximate: number;
  /** Every problem, one line per row and field. */
  rejected: Rejection[];
  duplicates: { line: number; officialId: string | null; of: string }[];
};

/** How far an import is: `done` of `total` rows checked, then `done` of `total` firms written. */
export type ImportProgress = { phase: 'checking' | 'writing'; done: number; total: number };

export type ImportOptions = {
  dryRun: boolean;
  author: Author;
  serviceArea: BBox;
  sectorRules: SectorRule[];
  /** `import:<name>` for the rows that do not name their source. */
  source: string;
  /** Overrides the suggested mapping, column by column (see `resolveMapping`). */
  mapping?: Mapping | undefined;
  /** The coordinate system of x/y; by default recognised row by row from the magnitude of the numbers. */
  srid?: Srid | undefined;
  /** Called after each batch of rows checked or firms written, with the counts so far. */
  onProgress?: ((progress: ImportProgress) => void) | undefined;
};

const COUNTRY_NAMES: Record<string, Country> = Object.fromEntries(
  [
    ['FR', ['fr', 'f', 'fra', 'france', 'francia', 'frankreich']],
    ['IT', ['it', 'i', 'ita', 'italy', 'italie', 'italia', 'italien']],
    ['CH', ['ch', 'che', 'switzerland', 'suisse', 'svizzera', 'schweiz']],
  ].flatMap(([country, names]) => (names as string[]).map((n) => [n, country as Country])),
);

/** SIRET: 14 digits; UID: CHE; partita IVA, codice fiscale: 11 digits or 16 characters. */
function countryOfIdentifier(text: string | undefined): Country | null {
  const compact = (text ?? '').toUpperCase().replace(/[\s.\-/]/g, '');
  if (/^\d{14}$/.test(compact)) return 'FR';
  if (/^CHE\d{9}/.test(compact)) return 'CH';
  if (/^(IT)?\d{11}$/.test(compact) || /^[A-Z0-9]{16}$/.test(compact)) return 'IT';
  return null;
}

/** Projected coordinates recognised by their range over the Alps, where the four systems never overlap. */
function guessSrid(x: number, y: number): Srid | null {
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return 4326;
  if (x > 2_400_000 && x < 2_900_000 && y > 1_000_000 && y < 1_350_000) return 2056;
  if (x > 400_000 && x < 900_000 && y > 50_000 && y < 350_000) return 21781;
  if (x > 100_000 && x < 1_300_000 && y > 6_000_000 && y < 7_200_000) return 2154;
  return null;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const communeByCode = new Map(communes.map((c) => [`${c.country}:${c.code}`, c]));
const communesByName = new Map<string, Commune[]>();
const communesByPostcode = new Map<string, Commune[]>();
for (const c of communes) {
  communesByName.set(`${c.country}:${fold(c.name)}`, [...(communesByName.get(`${c.country}:${fold(c.name)}`) ?? []), c]);
  for (const postcode of (c as Commune & { postcodes?: string[] }).postcodes ?? []) {
    communesByPostcode.set(`${c.country}:${postcode}`, [...(communesByPostcode.get(`${c.country}:${postcode}`) ?? []), c]);
  }
}

/** A number as spreadsheets write it: `6.8694` or, in French and Italian exports, `6,8694`. */
const number = (text: string) => (/^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN);

// The export turns a formula-like cell into text with a leading apostrophe: take it off again.
const undefuse = (text: string) => text.trim().replace(/^'(?=[=+\-@])/, '');

type Prepared = {
  line: number;
  input: CompanyInput;
  /** Which file column each field came from, to name it in a rejection. */
  columns: Partial<Record<ImportField, string>>;
};

type Pending = {
  line: number;
  body: Record<string, unknown>;
  columns: Partial<Record<ImportField, string>>;
  xy: [number, number] | null;
  srid: Srid | null;
  approximate: boolean;
  country: Country | null;
  source: string;
};

/** Reads one row into a company body, or the reasons it cannot be one. */
function readRow(row: SourceRow, mapping: Mapping, options: ImportOptions, fileSrid: number | null): Pending | Rejection[] {
  const columns: Partial<Record<ImportField, string>> = {};
  const value: Partial<Record<ImportField, string>> = {};
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    const text = undefuse(row.values[column] ?? '');
    columns[field] = column;
    if (text !== '') value[field] = text;
  }
  const errors: Rejection[] = [];
  const reject = (field: ImportField, reason: string) => errors.push({ line: row.line, field: columns[field] ?? field, reason });

  // A national registry's export has no country column: its identifiers say which country it is.
  const country: Country | null = value.country ? (COUNTRY_NAMES[fold(value.country)] ?? null) : countryOfIdentifier(value.officialId);
  if (value.country && !country) reject('country', `'${value.country}' is not one of ${COUNTRIES.join(', ')}`);
  if (!value.country && !country) reject('country', 'missing, and no official identifier to tell it from');

  let commune: { code: string; name: string } | null = null;
  let centre: [number, number] | null = null;
  if (country) {
    const byCode = value.communeCode ? communeByCode.get(`${country}:${value.communeCode}`) : undefined;
    const byName = !value.communeCode && value.communeName ? communesByName.get(`${country}:${fold(value.communeName)}`) : undefined;
    const byPostcode = !value.communeCode && !byName && value.postcode ? communesByPostcode.get(`${country}:${value.postcode}`) : undefined;
    const found = byCode ?? byName?.[0] ?? (byPostcode?.length === 1 ? byPostcode[0] : undefined);
    if (byPostcode && byPostcode.length > 1) {
      reject('postcode', `${value.postcode} is shared by ${byPostcode.map((c) => c.name).join(', ')}: give the commune code`);
    }
    if (value.communeCode) commune = { code: value.communeCode, name: value.communeName ?? found?.name ?? '' };
    else if (found) commune = { code: found.code, name: found.name };
    else if (!byPostcode || byPostcode.length <= 1) reject('communeCode', 'missing, and no known commune of that name or postcode');
    if (found && found.lon !== null && found.lat !== null) centre = [found.lon, found.lat];
  }

  let xy: [number, number] | null = row.point ?? null;
  if (!xy && (value.x !== undefined || value.y !== undefined)) {
    const x = number(value.x ?? '');
    const y = number(value.y ?? '');
    if (Number.isNaN(x)) reject('x', value.x === undefined ? 'missing while the other coordinate is given' : `'${value.x}' is not a number`);
    if (Number.isNaN(y)) reject('y', value.y === undefined ? 'missing while the other coordinate is given' : `'${value.y}' is not a number`);
    if (!Number.isNaN(x) && !Number.isNaN(y)) xy = [x, y];
  }
  let srid: Srid | null = null;
  if (xy) {
    srid = options.srid ?? (fileSrid as Srid | null) ?? guessSrid(xy[0], xy[1]);
    if (!srid || !SRIDS.includes(srid)) {
      reject('x', `${xy[0]}, ${xy[1]} is not in WGS84, Lambert-93, LV95 or LV03 around the Alps`);
      xy = null;
    }
  } else if (!centre && commune) {
    reject('x', 'no coordinates, and the commune has no known centre to place the firm at');
  }

  let activity: { nace: string | null; national: string | null } | null = null;
  if (country && value.nationalCode) {
    const normalised = normaliseActivity(country, value.nationalCode);
    if ('error' in normalised) reject('nationalCode', normalised.error);
    else activity = normalised;
  }
  if (value.nace) {
    if (!/^\d{2}\.?\d{2}$/.test(value.nace)) reject('nace', `expected a NACE Rev. 2 class such as 32.30, not '${value.nace}'`);
    else activity = { nace: `${value.nace.slice(0, 2)}.${value.nace.replace('.', '').slice(2)}`, national: activity?.national ?? null };
  }

  let sectors: Sector[] = [];
  if (value.sectors) {
    const items = value.sectors.split(/[;,|]/).map((s) => s.trim()).filter(Boolean);
    const unknown = items.filter((s) => !SECTORS.includes(s as Sector));
    if (unknown.length) reject('sectors', `unknown ${unknown.map((u) => `'${u}'`).join(', ')}; expected ${SECTORS.join(', ')}`);
    sectors = [...new Set(items)] as Sector[];
  } else if (activity?.nace) {
    const suggested = suggestSector(options.sectorRules, activity.nace);
    if (suggested) sectors = [suggested];
    else reject('sectors', `missing, and the sector table suggests none for NACE ${activity.nace}`);
  } else if (!value.nationalCode && !value.nace) {
    // A bad activity code is reported as such, not again as a missing sector.
    reject('sectors', 'missing, and no activity code to suggest one from');
  }

  const integer = (field: 'employees' | 'founded', text: string | undefined) => {
    if (text === undefined) return null;
    // A creation date (2012-03-01, 01/03/2012) gives its year.
    const year = field === 'founded' ? /^(\d{4})-\d{2}-\d{2}|^\d{2}[/.]\d{2}[/.](\d{4})$/.exec(text) : null;
    const n = year ? Number(year[1] ?? year[2]) : number(text);
    if (!Number.isInteger(n)) reject(field, `'${text}' is not a whole number`);
    return Number.isInteger(n) ? n : null;
  };

  const body: Record<string, unknown> = {
    name: value.name ?? '',
    sectors,
    primarySector: value.primarySector ?? sectors[0],
    country,
    commune,
    address: value.address ?? null,
    // Checked against the service area once reprojected; a placeholder until then.
    location: { type: 'Point', coordinates: centre ?? [0, 0] },
    activity,
    employees: integer('employees', value.employees),
    founded: integer('founded', value.founded),
    website: value.website ?? null,
    description: { fr: value.descriptionFr ?? null, it: value.descriptionIt ?? null, en: value.descriptionEn ?? null },
    contact: { email: value.contactEmail ?? null, phone: value.contactPhone ?? null },
    note: value.note ?? null,
    officialId: value.officialId ?? null,
  };
  const source = value.source && /^(sample|manual|import:.+)$/.test(value.source) ? value.source : options.source;
  if (errors.length) return errors;
  return { line: row.line, body, columns, xy, srid, approximate: !xy || value.locationApproximate === 'true', country, source };
}

/** WGS84 positions of projected points, computed by PostGIS, a few thousand per query. */
async function reproject(db: Database, points: { xy: [number, number]; srid: Srid }[]): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i += 5000) {
    const chunk = points.slice(i, i + 5000);
    const rows = await db.rows<{ lon: number; lat: number }>(sql`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
        SELECT ST_Transform(ST_SetSRID(ST_MakePoint(x, y), srid), 4326) AS p, n
        FROM unnest(${`{${chunk.map((p) => p.xy[0]).join(',')}}`}::float8[], ${`{${chunk.map((p) => p.xy[1]).join(',')}}`}::float8[],
                    ${`{${chunk.map((p) => p.srid).join(',')}}`}::int[]) WITH ORDINALITY AS t(x, y, srid, n)
      ) q ORDER BY n`);
    // Seven decimals: about a centimetre, what a registry's coordinates carry.
    out.push(...rows.map((r) => [Math.round(r.lon * 1e7) / 1e7, Math.round(r.lat * 1e7) / 1e7] as [number, number]));
  }
  return out;
}

const fieldOf = (path: string, columns: Prepared['columns']) => {
  const key = path.split('.')[0]!;
  const byPath: Record<string, ImportField> = {
    commune: path.endsWith('name') ? 'communeName' : 'communeCode',
    location: 'x',
    activity: path.endsWith('nace') ? 'nace' : 'nationalCode',
    contact: path.endsWith('phone') ? 'contactPhone' : 'contactEmail',
    description: path.endsWith('it') ? 'descriptionIt' : path.endsWith('en') ? 'descriptionEn' : 'descriptionFr',
  };
  const field = byPath[key] ?? (key as ImportField);
  return columns[field] ?? field;
};

/** The fields an import compares and writes: the record, not the bookkeeping. */
const comparable = ({ id: _id, createdAt: _c, updatedAt: _u, source: _s, ...rest }: Company | (CompanyInput & { id?: number; createdAt?: string; updatedAt?: string })) => rest;

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
  employees: (to, from) => void (to.employees = from?.employees ?? null),
  founded: (to, from) => void (to.founded = from?.founded ?? null),
  website: (to, from) => void (to.website = from?.website ?? null),
  descriptionFr: (to, from) => void (to.description = { ...to.description, fr: from?.description.fr ?? null }),
  descriptionIt: (to, from) => void (to.description = { ...to.description, it: from?.description.it ?? null }),
  descriptionEn: (to, from) => void (to.description = { ...to.description, en: from?.description.en ?? null }),
  contactEmail: (to, from) => void (to.contact = { ...to.contact, email: from?.contact.email ?? null }),
  contactPhone: (to, from) => void (to.contact = { ...to.contact, phone: from?.contact.phone ?? null }),
  note: (to, from) => void (to.note = from?.note ?? null),
};

/** `input` with the optional fields the file has no column for taken from `from`, or blank. */
function withAbsentFrom(input: CompanyInput, from: CompanyInput | null, mapped: ReadonlySet<ImportField>): CompanyInput {
  const filled = { ...input };
  for (const [field, take] of Object.entries(KEPT_WHEN_ABSENT)) if (!mapped.has(field as ImportField)) take!(filled, from);
  return filled;
}

/**
 * Rows are checked, and firms written, this many at a time: each batch of writes is one statement
 * (the statement-level triggers keeping the tile cells, territories and data version run once per
 * batch), and progress is reported after each batch.
 */
const BATCH = 5000;

// Lets the event loop run between batches: the checks are synchronous, and a streamed progress
// line or another request would otherwise wait for the whole file.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports a read file: checks every row (nothing is written on a dry run), then writes every
 * valid one in a single transaction, so that an import is either wholly in or not at all. Rows
 * are matched on their official identifier (or, lacking one, name and commune): a row equal to
 * the registry changes nothing, so re-importing a file is a no-op.
 */
export async function importCompanies(db: Database, file: SourceFile, options: ImportOptions): Promise<ImportReport> {
  const mapping = resolveMapping(file.columns, options.mapping);
  const report: ImportReport = {
    dryRun: options.dryRun,
    file: { format: file.format, encoding: file.encoding, separator: file.separator, rows: file.rows.length + file.broken.length },
    mapping,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    approximate: 0,
    rejected: file.broken.map((b) => ({ line: b.line, field: 'line', reason: b.reason })),
    duplicates: [],
  };
  const progress = options.onProgress ?? (() => {});
  const total = file.rows.length;

  const prepared: Prepared[] = [];
  for (let start = 0; start < total; start += BATCH) {
    const pending: Pending[] = [];
    for (const row of file.rows.slice(start, start + BATCH)) {
      const read = readRow(row, mapping, options, file.srid);
      if (Array.isArray(read)) report.rejected.push(...read);
      else pending.push(read);
    }
    const projected = pending.filter((p) => p.xy);
    const positions = await reproject(db, projected.map((p) => ({ xy: p.xy!, srid: p.srid! })));
    projected.forEach((p, i) => {
      (p.body.location as { coordinates: [number, number] }).coordinates = positions[i]!;
    });
    for (const p of pending) {
      const result = CompanyBody.safeParse(p.body);
      const errors = result.success ? locationErrors(result.data, options.serviceArea) : fieldErrors(result.error, 'json');
      if (!result.success || errors.length) {
        for (const e of errors) report.rejected.push({ line: p.line, field: fieldOf(e.field, p.columns), reason: e.message });
        continue;
      }
      prepared.push({ line: p.line, input: toInput(result.data, p.source, p.approximate), columns: p.columns });
    }
    // The last batch is reported once the rows are matched with the registry, below.
    if (start + BATCH < total) progress({ phase: 'checking', done: start + BATCH, total });
    await nextTurn();
  }

  // Duplicates inside the file: the first row of an identifier wins; without one, only a row
  // equal in every field is a duplicate (two firms may share a name in a town).
  const keyOf = (input: CompanyInput) => input.officialId ?? fingerprint(input);
  const first = new Map<string, number>();
  const unique: Prepared[] = [];
  for (const p of prepared) {
    const key = keyOf(p.input);
    const earlier = first.get(key);
    if (earlier !== undefined) report.duplicates.push({ line: p.line, officialId: p.input.officialId, of: `line ${earlier}` });
    else {
      first.set(key, p.line);
      unique.push(p);
    }
  }

  const mapped = new Set(Object.values(mapping).filter((field): field is ImportField => field !== null));
  // Compared with the registry on the fields the file has.
  const seen = (input: CompanyInput) => fingerprint(withAbsentFrom(input, null, mapped));
  const existing = await findExisting(db, unique.map((p) => p.input), seen);
  const creates: Prepared[] = [];
  const updates: BulkWrite[] = [];
  for (const p of unique) {
    const match = p.input.officialId ? existing.byOfficialId.get(p.input.officialId) : existing.byFingerprint.get(seen(p.input));
    if (!match) {
      creates.push(p);
      continue;
    }
    if (!p.input.officialId) {
      report.duplicates.push({ line: p.line, officialId: null, of: `company ${match.id} of the registry` });
      continue;
    }
    const input = withAbsentFrom(p.input, match, mapped);
    const changes = companyChanges(comparable(match) as Company, comparable(input) as Company);
    if (Object.keys(changes).length === 0) report.unchanged++;
    else updates.push({ id: match.id, input: { ...input, source: match.source }, changes });
  }
  report.created = creates.length;
  report.updated = updates.length;
  report.approximate = [...creates.map((p) => p.input), ...updates.map((u) => u.input)].filter((i) => i.locationApproximate).length;
  report.rejected.sort((a, b) => a.line - b.line);
  report.skipped = new Set(report.rejected.map((r) => r.line)).size + report.duplicates.length;
  progress({ phase: 'checking', done: total, total });

  if (!options.dryRun && (creates.length || updates.length)) {
    const steps = creates.length + updates.length;
    const author = { ...options.author, action: 'import' as const };
    progress({ phase: 'writing', done: 0, total: steps });
    await db.drizzle.transaction(async (tx) => {
      const ids = await reserveCompanyIds(tx, creates.length);
      const inserts = creates.map((p, i): BulkWrite => {
        const company = { id: ids[i]!, ...p.input } as Company;
        return { id: company.id, input: p.input, changes: companyChanges(null, company) };
      });
      const batches = [
        ...chunks(inserts).map((batch) => ['insert', batch] as const),
        ...chunks(updates).map((batch) => ['update', batch] as const),
      ];
      let done = 0;
      for (const [mode, batch] of batches) {
        await writeCompanies(tx, mode, batch, author);
        done += batch.length;
        progress({ phase: 'writing', done, total: steps });
      }
    });
  }
  return report;
}

const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));

/**
 * The registry's firms that rows may be: by official identifier, else by every field (in the rows'
 * communes). The keys go as one JSON parameter per query: thousands of bound parameters cost more
 * to build than the query takes to run.
 */
async function findExisting(db: Database, inputs: CompanyInput[], fingerprintOf: (company: CompanyInput) => string) {
  const byOfficialId = new Map<string, Company>();
  const byFingerprint = new Map<string, Company>();
  const among = (keys: string[]) => sql`(SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`;
  const ids = inputs.map((i) => i.officialId).filter((id): id is string => id !== null);
  for (let i = 0; i < ids.length; i += BATCH) {
    const records = await db.drizzle.select(companyColumns).from(companies).where(sql`${companies.officialId} IN ${among(ids.slice(i, i + BATCH))}`);
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
