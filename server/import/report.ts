import type { Mapping } from '../../shared/import-mapping.ts';
import type { SourceFile } from './read-file.ts';

/** A problem with one field of one row (`field` names the file's column when it has one). */
export type Rejection = { line: number; field: string; reason: string };

/** A row left out as the same firm as an earlier line of the file, or as a firm of the registry. */
export type Duplicate = { line: number; officialId: string | null; of: string };

/** What an import did, or on a dry run would do: the API's answer, the command line's summary and the page's table. */
export type ImportReport = {
  dryRun: boolean;
  /** The file as read, its name and the date of its extract when told. */
  file: { format: SourceFile['format']; encoding: SourceFile['encoding']; separator: string | null; rows: number; name: string | null; extractDate: string | null };
  /** The source profile the file was read with (see `/api/import-profiles`); null: the generic mapping. */
  profile: string | null;
  mapping: Mapping;
  /** Firms that are (or would be) created, updated, or left as they are because nothing changed. */
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left out: rejected (see `rejected`) or duplicates (see `duplicates`). */
  skipped: number;
  /** Firms placed at their commune's centre for want of coordinates. */
  approximate: number;
  /** Rows of another trade (the sector table places their activity in no filière): counted, neither written nor rejected. */
  outsideScope: number;
  /** Rows whose firm lies outside the service area: counted, neither written nor rejected. */
  outsideArea: number;
  /** Every problem, one line per row and field. */
  rejected: Rejection[];
  duplicates: Duplicate[];
};

/**
 * How far an import is: `done` of `total` bytes of the file read and checked (`rows` so far), then
 * `done` of `total` firms written.
 */
export type ImportProgress = { phase: 'checking'; done: number; total: number; rows: number } | { phase: 'writing'; done: number; total: number };
