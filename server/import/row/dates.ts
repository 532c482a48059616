import type { ImportField } from '../../../shared/import-mapping.ts';
import type { Reject } from './fields.ts';

/** ISO (2012-03-01), and the day-first dates of French, Italian and Swiss exports (01/03/2012, 01.03.2012). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})[/.](\d{2})[/.](\d{4})$/;

/** A date as YYYY-MM-DD when the text is one that exists; null otherwise. */
export function isoDateOf(text: string): string | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match[1] ? [match[1], match[2]!, match[3]!] : [match[6]!, match[5]!, match[4]!];
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}

/** A date field: null for a blank cell, and for one that is not a date (rejected, naming its column). */
export function readDate(field: ImportField, text: string | undefined, reject: Reject): string | null {
  if (text === undefined) return null;
  const iso = isoDateOf(text);
  if (!iso) reject(field, `'${text}' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)`);
  return iso;
}
