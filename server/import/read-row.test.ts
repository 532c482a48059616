import { fixtureTable } from '../../test/support/fixture-table.ts';
import type { Mapping } from '../../shared/import-mapping.ts';
import { readSectorRules } from './activity.ts';
import { readProfiles } from './profile.ts';
import type { SourceRow } from './read-file.ts';
import { type RowContext, readFields, readRow } from './read-row.ts';
import { planProfile, translateRow } from './translate.ts';

/**
 * One row of a file, and how it is read: the mapping of its columns, or a register's profile (by
 * id, with the legal names of its second file); and what the importer is told (by default nothing).
 */
type Case = {
  about: string;
  row: SourceRow;
  mapping?: Mapping;
  profile?: string;
  legalNames?: Record<string, string>;
  options?: Partial<Omit<RowContext, 'sectorRules'>>;
};

const sectorRules = readSectorRules();
const profiles = readProfiles();

fixtureTable<Case>('reading a row (server/import/test/read-row)', new URL('./test/read-row/', import.meta.url), ({ row, mapping, profile, legalNames, options }) => {
  const context = { sectorRules, source: 'import:test', fileSrid: null, ...options };
  if (!profile) return readRow(row, mapping ?? {}, context);
  const found = profiles.find((p) => p.id === profile);
  if (!found) throw new Error(`no profile ${profile}`);
  const plan = planProfile(found, Object.keys(row.values));
  const fields = translateRow(row, plan, { sectorRules, legalNames: legalNames && new Map(Object.entries(legalNames)) });
  return 'outside' in fields ? fields : readFields(row, fields, { ...context, naceScheme: found.activity?.scheme });
});
