import { fixtureTable } from '../../test/support/fixture-table.ts';
import type { Mapping } from '../../shared/import-mapping.ts';
import { readSectorRules } from './activity.ts';
import type { SourceRow } from './read-file.ts';
import { type RowContext, readRow } from './read-row.ts';

/** One row of a file, the mapping of its columns, and what the importer is told (by default nothing). */
type Case = { about: string; row: SourceRow; mapping: Mapping; options?: Partial<Omit<RowContext, 'sectorRules'>> };

const sectorRules = readSectorRules();

fixtureTable<Case>('reading a row (server/import/test/read-row)', new URL('./test/read-row/', import.meta.url), ({ row, mapping, options }) =>
  readRow(row, mapping, { sectorRules, source: 'import:test', fileSrid: null, ...options }),
);
