import type { Database } from '../../db/database.ts';
import type { Author } from '../../db/queries/history.ts';
import type { BBox } from '../../shared/bbox.ts';
import type { Country, Sector } from '../../shared/vocabulary.ts';
import { type ImportField, type Mapping, resolveMapping } from '../../shared/import-mapping.ts';
import type { SectorRule } from './activity.ts';
import { type Prepared, checkBody } from './check-body.ts';
import { firstOfEach, matchWithRegistry } from './match.ts';
import type { ImportProfile } from './profile.ts';
import { type OutsideScope, type ReadRow, type RowContext, readFields } from './read-row.ts';
import type { SourceRow, StreamedFile } from './read-file.ts';
import type { ImportProgress, ImportReport } from './report.ts';
import { type MappedFields, mappedFields } from './row/fields.ts';
import { type LegalNames, planFields, planMapping, planProfile, translateRow } from './translate.ts';
import { reproject } from './reproject.ts';
import type { Srid } from './srid.ts';
import { writeImport } from './write.ts';

export type { ImportProgress, ImportReport, Rejection } from './report.ts';
export { SRIDS, type Srid } from './srid.ts';

export type ImportOptions = {
  dryRun: boolean;
  author: Author;
  serviceArea: BBox;
  /** A scoped account's countries: rows of other countries are rejected. Null: any country. */
  countries?: Country[] | null | undefined;
  sectorRules: SectorRule[];
  /** `import:<name>` for the rows that do not name their source. */
  source: string;
  /** Overrides the suggested mapping, or the profile's, column by column (see `resolveMapping`). */
  mapping?: Mapping | undefined;
  /** The register's layout the file is read with (see profile.ts); null: the generic mapping. */
  profile?: ImportProfile | null | undefined;
  /** The legal names of the profile's second file (SIRENE's StockUniteLegale), by key. */
  legalNames?: LegalNames | undefined;
  /** The file's name and the date of its extract, kept with every firm written (with the profile). */
  fileName?: string | null | undefined;
  extractDate?: string | null | undefined;
  /** The coordinate system of x/y; by default recognised row by row from the magnitude of the numbers. */
  srid?: Srid | undefined;
  /** The sector of the rows that give neither a sector nor an activity code. */
  sector?: Sector | undefined;
  /** The size of the file in bytes, for the progress of the checking. */
  totalBytes?: number | undefined;
  /** Called after each batch of rows checked or firms written, with the counts so far. */
  onProgress?: ((progress: ImportProgress) => void) | undefined;
};

// Lets the event loop run between batches: the checks are synchronous, and a streamed progress
// line or another request would otherwise wait for the whole file.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The report before any row is checked. */
function emptyReport(file: StreamedFile, mapping: Mapping, options: ImportOptions): ImportReport {
  return {
    dryRun: options.dryRun,
    file: { format: file.format, encoding: file.encoding, separator: file.separator, rows: 0, name: options.fileName ?? null, extractDate: options.extractDate ?? null },
    profile: options.profile?.id ?? null,
    mapping,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    approximate: 0,
    outsideScope: 0,
    outsideArea: 0,
    rejected: [],
    duplicates: [],
  };
}

/** Puts the WGS84 positions of the rows with coordinates in their bodies, in one round of PostGIS queries. */
async function placeRows(db: Database, rows: ReadRow[]): Promise<void> {
  const projected = rows.filter((row) => row.projected);
  const positions = await reproject(db, projected.map((row) => row.projected!));
  projected.forEach((row, i) => {
    (row.body.location as { coordinates: [number, number] }).coordinates = positions[i]!;
  });
}

/** How each row of the file becomes import fields: a profile's translation, or the mapping of its columns. */
type Reading = { mapping: Mapping; fields: (row: SourceRow) => MappedFields | OutsideScope; mapped: Set<ImportField> };

function readingOf(file: StreamedFile, options: ImportOptions): Reading {
  if (!options.profile) {
    const mapping = resolveMapping(file.columns, options.mapping);
    return { mapping, fields: (row) => mappedFields(row, mapping), mapped: new Set(Object.values(mapping).filter((f): f is ImportField => f !== null)) };
  }
  const plan = planProfile(options.profile, file.columns);
  const context = { sectorRules: options.sectorRules, legalNames: options.legalNames, overrides: options.mapping };
  const mapping = { ...planMapping(plan, file.columns), ...options.mapping };
  return { mapping, fields: (row) => translateRow(row, plan, context), mapped: planFields(plan, options.mapping) };
}

/** One batch of rows read, placed and checked: the firms they are; their problems, and the rows out of scope or area, counted in the report. */
async function checkBatch(db: Database, rows: SourceRow[], reading: Reading, context: RowContext & { serviceArea: BBox; countries: Country[] | null }, report: ImportReport): Promise<Prepared[]> {
  const read: ReadRow[] = [];
  for (const row of rows) {
    const fields = reading.fields(row);
    const result = 'outside' in fields ? fields : readFields(row, fields, context);
    if (Array.isArray(result)) report.rejected.push(...result);
    else if ('outside' in result) report.outsideScope++;
    else read.push(result);
  }
  await placeRows(db, read);
  const prepared: Prepared[] = [];
  for (const row of read) {
    const result = checkBody(row, context.serviceArea);
    if (Array.isArray(result)) report.rejected.push(...result);
    else if ('outside' in result) report.outsideArea++;
    else if (context.countries && !context.countries.includes(result.input.country)) {
      report.rejected.push({ line: result.line, field: 'country', reason: `${result.input.country}: your account imports firms of ${context.countries.join(', ')} only` });
    } else prepared.push(result);
  }
  return prepared;
}

/** Every row of the file checked as it is read, a batch at a time with its progress; the firms they are. */
async function checkRows(db: Database, file: StreamedFile, reading: Reading, options: ImportOptions, report: ImportReport): Promise<Prepared[]> {
  const context = {
    sectorRules: options.sectorRules,
    source: options.source,
    srid: options.srid,
    fileSrid: file.srid,
    serviceArea: options.serviceArea,
    countries: options.countries ?? null,
    naceScheme: options.profile?.activity?.scheme,
    sector: options.sector,
  };
  const prepared: Prepared[] = [];
  for await (const rows of file.batches()) {
    report.file.rows += rows.length;
    prepared.push(...(await checkBatch(db, rows, reading, context, report)));
    // The end of the file is reported once its rows are matched with the registry.
    const total = Math.max(options.totalBytes ?? 0, file.bytesRead());
    if (file.bytesRead() < total) options.onProgress?.({ phase: 'checking', done: file.bytesRead(), total, rows: report.file.rows });
    await nextTurn();
  }
  report.file.rows += file.broken.length;
  report.rejected.push(...file.broken.map((b) => ({ line: b.line, field: 'line', reason: b.reason })));
  return prepared;
}

/**
 * Imports a file as it is read: checks every row (nothing is written on a dry run), then writes
 * every valid one in a single transaction, so that an import is either wholly in or not at all.
 * Rows are matched on their official identifier (or, lacking one, name and commune): a row equal
 * to the registry changes nothing, so re-importing a file is a no-op. Rows of other trades, and
 * rows outside the service area, are counted, not written.
 */
export async function importCompanies(db: Database, file: StreamedFile, options: ImportOptions): Promise<ImportReport> {
  const reading = readingOf(file, options);
  const report = emptyReport(file, reading.mapping, options);
  const progress = options.onProgress ?? (() => {});
  const provenance = options.profile || options.fileName || options.extractDate
    ? { profile: options.profile?.id ?? null, file: options.fileName ?? null, extractDate: options.extractDate ?? null }
    : null;
  const checked = (await checkRows(db, file, reading, options, report)).map((p) => ({ ...p, input: { ...p.input, provenance } }));
  const { unique, duplicates } = firstOfEach(checked);
  const plan = await matchWithRegistry(db, unique, reading.mapped);
  report.duplicates.push(...duplicates, ...plan.duplicates);
  report.created = plan.creates.length;
  report.updated = plan.updates.length;
  report.unchanged = plan.unchanged;
  report.approximate = [...plan.creates, ...plan.updates.map((u) => u.input)].filter((input) => input.locationApproximate).length;
  report.rejected.sort((a, b) => a.line - b.line);
  report.skipped = new Set(report.rejected.map((r) => r.line)).size + report.duplicates.length;
  const bytes = Math.max(options.totalBytes ?? 0, file.bytesRead());
  progress({ phase: 'checking', done: bytes, total: bytes, rows: report.file.rows });
  if (!options.dryRun && (plan.creates.length || plan.updates.length)) await writeImport(db, plan.creates, plan.updates, options.author, progress);
  return report;
}
