import type { Database } from '../../db/database.ts';
import type { Author } from '../../db/queries/history.ts';
import type { BBox } from '../../shared/bbox.ts';
import { type ImportField, type Mapping, resolveMapping } from '../../shared/import-mapping.ts';
import type { SectorRule } from './activity.ts';
import { BATCH, batches } from './batches.ts';
import { type Prepared, checkBody } from './check-body.ts';
import { firstOfEach, matchWithRegistry } from './match.ts';
import { type ReadRow, type RowContext, readRow } from './read-row.ts';
import type { SourceFile } from './read-file.ts';
import type { ImportProgress, ImportReport } from './report.ts';
import { reproject } from './reproject.ts';
import type { Srid } from './srid.ts';
import { writeImport } from './write.ts';

export type { ImportProgress, ImportReport, Rejection } from './report.ts';
export { SRIDS, type Srid } from './srid.ts';

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

// Lets the event loop run between batches: the checks are synchronous, and a streamed progress
// line or another request would otherwise wait for the whole file.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The report before any row is checked: the file's lines that are no record already rejected. */
function emptyReport(file: SourceFile, mapping: Mapping, dryRun: boolean): ImportReport {
  return {
    dryRun,
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
}

/** Puts the WGS84 positions of the rows with coordinates in their bodies, in one round of PostGIS queries. */
async function placeRows(db: Database, rows: ReadRow[]): Promise<void> {
  const projected = rows.filter((row) => row.projected);
  const positions = await reproject(db, projected.map((row) => row.projected!));
  projected.forEach((row, i) => {
    (row.body.location as { coordinates: [number, number] }).coordinates = positions[i]!;
  });
}

/** One batch of rows read, placed and checked: the firms they are, their problems added to the report. */
async function checkBatch(db: Database, rows: SourceFile['rows'], mapping: Mapping, context: RowContext & { serviceArea: BBox }, report: ImportReport): Promise<Prepared[]> {
  const read: ReadRow[] = [];
  for (const row of rows) {
    const result = readRow(row, mapping, context);
    if (Array.isArray(result)) report.rejected.push(...result);
    else read.push(result);
  }
  await placeRows(db, read);
  const prepared: Prepared[] = [];
  for (const row of read) {
    const result = checkBody(row, context.serviceArea);
    if (Array.isArray(result)) report.rejected.push(...result);
    else prepared.push(result);
  }
  return prepared;
}

/** Every row of the file checked, a batch at a time with its progress; the firms they are. */
async function checkRows(db: Database, file: SourceFile, mapping: Mapping, options: ImportOptions, report: ImportReport): Promise<Prepared[]> {
  const context = { sectorRules: options.sectorRules, source: options.source, srid: options.srid, fileSrid: file.srid, serviceArea: options.serviceArea };
  const total = file.rows.length;
  const prepared: Prepared[] = [];
  for (const [i, rows] of batches(file.rows).entries()) {
    prepared.push(...(await checkBatch(db, rows, mapping, context, report)));
    // The last batch is reported once the rows are matched with the registry.
    if ((i + 1) * BATCH < total) options.onProgress?.({ phase: 'checking', done: (i + 1) * BATCH, total });
    await nextTurn();
  }
  return prepared;
}

/**
 * Imports a read file: checks every row (nothing is written on a dry run), then writes every
 * valid one in a single transaction, so that an import is either wholly in or not at all. Rows
 * are matched on their official identifier (or, lacking one, name and commune): a row equal to
 * the registry changes nothing, so re-importing a file is a no-op.
 */
export async function importCompanies(db: Database, file: SourceFile, options: ImportOptions): Promise<ImportReport> {
  const mapping = resolveMapping(file.columns, options.mapping);
  const report = emptyReport(file, mapping, options.dryRun);
  const progress = options.onProgress ?? (() => {});
  const { unique, duplicates } = firstOfEach(await checkRows(db, file, mapping, options, report));
  const mapped = new Set(Object.values(mapping).filter((field): field is ImportField => field !== null));
  const plan = await matchWithRegistry(db, unique, mapped);
  report.duplicates.push(...duplicates, ...plan.duplicates);
  report.created = plan.creates.length;
  report.updated = plan.updates.length;
  report.unchanged = plan.unchanged;
  report.approximate = [...plan.creates, ...plan.updates.map((u) => u.input)].filter((input) => input.locationApproximate).length;
  report.rejected.sort((a, b) => a.line - b.line);
  report.skipped = new Set(report.rejected.map((r) => r.line)).size + report.duplicates.length;
  progress({ phase: 'checking', done: file.rows.length, total: file.rows.length });
  if (!options.dryRun && (plan.creates.length || plan.updates.length)) await writeImport(db, plan.creates, plan.updates, options.author, progress);
  return report;
}
