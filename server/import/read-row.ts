import type { Mapping } from '../../shared/import-mapping.ts';
import type { Country, Sector } from '../../shared/vocabulary.ts';
import type { SectorRule } from './activity.ts';
import type { SourceRow } from './read-file.ts';
import type { Rejection } from './report.ts';
import type { Srid } from './srid.ts';
import { type ActivityCodes, readActivity } from './row/activity.ts';
import { type Place, readCommune } from './row/commune.ts';
import { readCountry } from './row/country.ts';
import { type FieldColumns, type FieldValues, type MappedFields, type Reject, mappedFields } from './row/fields.ts';
import { readWholeNumber } from './row/numbers.ts';
import { type Projected, readPosition } from './row/position.ts';
import { readSectors } from './row/sectors.ts';
import { type Headcount, readHeadcount } from './row/headcount.ts';
import { type Lifetime, readLifetime } from './row/status.ts';
import type { NaceScheme } from './activity.ts';

/** What reading a row needs besides the row: all of it known before the database is asked anything. */
export type RowContext = {
  sectorRules: SectorRule[];
  /** `import:<name>` for the rows that do not name their source. */
  source: string;
  /** The coordinate system the importer is told; by default recognised row by row. */
  srid?: Srid | undefined;
  /** The one the file declares, if any. */
  fileSrid: number | null;
  /** The NACE revision the national codes refine: Rev. 2 (NAF, ATECO 2007, NOGA 2008) unless a profile says Rev. 2.1 (ATECO 2025). */
  naceScheme?: NaceScheme | undefined;
  /** The sector of the rows that give neither a sector nor an activity code, when the importer is told one. */
  sector?: Sector | undefined;
};

/** A row whose activity is in none of the filières (by the sector table): counted, neither written nor rejected. */
export type OutsideScope = { line: number; outside: 'scope' };

/** A row read into a company body, still to check against the schema once its coordinates are reprojected. */
export type ReadRow = {
  line: number;
  body: Record<string, unknown>;
  columns: FieldColumns;
  /** Null for a firm placed at its commune's centre, which the body already holds. */
  projected: Projected | null;
  approximate: boolean;
  source: string;
};

// A source column is kept when it names one of the Atlas's own (its export has one), else the import names the source.
const SOURCE = /^(sample|manual|import:.+)$/;

/** What the row readers made of the fields that are not plain text. */
type ReadParts = {
  country: Country | null;
  place: Place;
  activity: ActivityCodes | null;
  sectors: Sector[];
  headcount: Headcount;
  founded: number | null;
  lifetime: Lifetime;
};

/** The company body (the API's, to check with its schema); the location is the commune's centre until reprojected. */
function companyBody(values: FieldValues, { country, place, activity, sectors, headcount, founded, lifetime }: ReadParts): Record<string, unknown> {
  return {
    name: values.name ?? '',
    sectors,
    primarySector: values.primarySector ?? sectors[0],
    country,
    commune: place.commune,
    address: values.address ?? null,
    // Checked against the service area once reprojected; a placeholder until then.
    location: { type: 'Point', coordinates: place.centre ?? [0, 0] },
    activity: activity && { nace: activity.nace, national: activity.national },
    ...headcount,
    founded,
    ...lifetime,
    website: values.website ?? null,
    description: { fr: values.descriptionFr ?? null, it: values.descriptionIt ?? null, en: values.descriptionEn ?? null },
    contact: { email: values.contactEmail ?? null, phone: values.contactPhone ?? null },
    note: values.note ?? null,
    officialId: values.officialId ?? null,
  };
}

/**
 * A row's fields read into a company body, or the reasons it cannot be one. The fields are text by
 * import field, whatever the file's columns: whatever turns another source's cells into that form
 * comes before this, and the checks stay the same.
 */
export function readFields(row: Pick<SourceRow, 'line' | 'point'>, { values, columns, problems }: MappedFields, context: RowContext): ReadRow | Rejection[] | OutsideScope {
  const rejections: Rejection[] = [];
  const reject: Reject = (field, reason) => rejections.push({ line: row.line, field: columns[field] ?? field, reason });
  const country = readCountry(values, reject);
  const activity = readActivity(values, country, reject, context.naceScheme);
  const sectors = readSectors(values, activity, context.sectorRules, reject, context.sector);
  // Scope first: a row of another trade is not judged on the rest.
  if (sectors === 'outside') return { line: row.line, outside: 'scope' };
  for (const problem of problems ?? []) reject(problem.field, problem.reason);
  const place = readCommune(values, country, reject);
  const projected = readPosition({ point: row.point, srid: context.srid, fileSrid: context.fileSrid }, values, place, reject);
  const headcount = readHeadcount(values, reject);
  const founded = readWholeNumber('founded', values.founded, reject);
  const lifetime = readLifetime(values, reject);
  if (rejections.length) return rejections;
  return {
    line: row.line,
    body: companyBody(values, { country, place, activity, sectors, headcount, founded, lifetime }),
    columns,
    projected,
    approximate: !projected || values.locationApproximate === 'true',
    source: values.source && SOURCE.test(values.source) ? values.source : context.source,
  };
}

/** One row of a file read into a company body, or the reasons it cannot be one. Needs no database. */
export function readRow(row: SourceRow, mapping: Mapping, context: RowContext): ReadRow | Rejection[] | OutsideScope {
  return readFields(row, mappedFields(row, mapping), context);
}
