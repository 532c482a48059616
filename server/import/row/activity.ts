import type { Country } from '../../../shared/vocabulary.ts';
import { type NaceScheme, normaliseActivity } from '../activity.ts';
import type { FieldValues, Reject } from './fields.ts';

/**
 * The firm's codes as the body takes them (`nace`: a NACE Rev. 2 class), and the class the sector
 * table reads with its revision: a code refining NACE Rev. 2.1 (ATECO 2025) has no Rev. 2 class.
 */
export type ActivityCodes = { nace: string | null; national: string | null; class: string | null; scheme: NaceScheme };

const NACE_CLASS = /^\d{2}\.?\d{2}$/;

/** A NACE class written with or without its dot (3230, 32.30), as 32.30. */
const naceClass = (text: string) => `${text.slice(0, 2)}.${text.replace('.', '').slice(2)}`;

/**
 * The firm's activity: its national code (NAF, ATECO, NOGA) normalised, which gives a NACE class,
 * and the NACE column, which overrides that class.
 */
export function readActivity(values: FieldValues, country: Country | null, reject: Reject, scheme: NaceScheme = 'nace2'): ActivityCodes | null {
  let activity: ActivityCodes | null = null;
  if (country && values.nationalCode) {
    const normalised = normaliseActivity(country, values.nationalCode);
    if ('error' in normalised) reject('nationalCode', normalised.error);
    else activity = { nace: scheme === 'nace2' ? normalised.nace : null, national: normalised.national, class: normalised.nace, scheme };
  }
  if (!values.nace) return activity;
  if (NACE_CLASS.test(values.nace)) return { nace: naceClass(values.nace), national: activity?.national ?? null, class: naceClass(values.nace), scheme: 'nace2' };
  reject('nace', `expected a NACE Rev. 2 class such as 32.30, not '${values.nace}'`);
  return activity;
}
