import type { ImportField, Mapping } from '../../../shared/import-mapping.ts';
import type { SourceRow } from '../read-file.ts';

/** A row's text for each field it fills, blank cells left out. */
export type FieldValues = Partial<Record<ImportField, string>>;

/** The file column each field is read from, to name it in a rejection. */
export type FieldColumns = Partial<Record<ImportField, string>>;

/**
 * A row's text by field, and where each field came from; and what a profile could not read in it
 * (judged with the rest, once the row is known to be in scope).
 */
export type MappedFields = { values: FieldValues; columns: FieldColumns; problems?: { field: ImportField; reason: string }[] | undefined };

/** Records a problem with a field of the row being read. */
export type Reject = (field: ImportField, reason: string) => void;

// The export turns a formula-like cell into text with a leading apostrophe: take it off again.
const undefuse = (text: string) => text.trim().replace(/^'(?=[=+\-@])/, '');

/** The row's cells by the field they are mapped to, and the column each field comes from. */
export function mappedFields(row: SourceRow, mapping: Mapping): MappedFields {
  const values: FieldValues = {};
  const columns: FieldColumns = {};
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    const text = undefuse(row.values[column] ?? '');
    columns[field] = column;
    if (text !== '') values[field] = text;
  }
  return { values, columns };
}
