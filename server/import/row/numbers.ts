import type { ImportField } from '../../../shared/import-mapping.ts';
import type { Reject } from './fields.ts';

/** A number as spreadsheets write it: `6.8694` or, in French and Italian exports, `6,8694`; NaN otherwise. */
export const decimal = (text: string) => (/^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN);

/** The year of a creation date, as registries give the founding (2012-03-01, 01/03/2012); null for anything else. */
function yearOfDate(text: string): number | null {
  const date = /^(\d{4})-\d{2}-\d{2}|^\d{2}[/.]\d{2}[/.](\d{4})$/.exec(text);
  return date ? Number(date[1] ?? date[2]) : null;
}

/** A headcount, a band's end, a year: null for a blank cell, and for one that is not a whole number (rejected). */
export function readWholeNumber(field: ImportField, text: string | undefined, reject: Reject): number | null {
  if (text === undefined) return null;
  const n = (field === 'founded' ? yearOfDate(text) : null) ?? decimal(text);
  if (Number.isInteger(n)) return n;
  reject(field, `'${text}' is not a whole number`);
  return null;
}
