import type { CompanyInput } from '../../db/queries/companies.ts';
import { type BBox, inBBox } from '../../shared/bbox.ts';
import type { ImportField } from '../../shared/import-mapping.ts';
import { fieldErrors } from '../http/router.ts';
import { CompanyBody, locationErrors, toInput } from '../schemas/company.ts';
import type { ReadRow } from './read-row.ts';
import type { Rejection } from './report.ts';

/** A row that passed every check, as the firm to create or update. */
export type Prepared = { line: number; input: CompanyInput };

/** The import field behind a path of the body's schema, for the nested ones that several fields fill. */
function fieldOfPath(path: string): ImportField {
  const key = path.split('.')[0]!;
  const byPath: Record<string, ImportField> = {
    commune: path.endsWith('name') ? 'communeName' : 'communeCode',
    location: 'x',
    activity: path.endsWith('nace') ? 'nace' : 'nationalCode',
    contact: path.endsWith('phone') ? 'contactPhone' : 'contactEmail',
    description: path.endsWith('it') ? 'descriptionIt' : path.endsWith('en') ? 'descriptionEn' : 'descriptionFr',
  };
  return byPath[key] ?? (key as ImportField);
}

/**
 * A read row, its coordinates now WGS84, checked as the API checks a company body (schema, then
 * place: country): the firm to write, or its problems named by the file's columns; or a firm
 * outside the service area.
 */
export function checkBody(row: ReadRow, serviceArea: BBox): Prepared | Rejection[] | { line: number; outside: 'area' } {
  const result = CompanyBody.safeParse(row.body);
  // A firm beyond the service area is outside the Atlas, not a mistake of the file.
  if (result.success && !inBBox(result.data.location.coordinates, serviceArea)) return { line: row.line, outside: 'area' };
  const errors = result.success ? locationErrors(result.data, serviceArea) : fieldErrors(result.error, 'json');
  if (result.success && !errors.length) return { line: row.line, input: toInput(result.data, row.source, row.approximate) };
  return errors.map((e) => {
    const field = fieldOfPath(e.field);
    return { line: row.line, field: row.columns[field] ?? field, reason: e.message };
  });
}
