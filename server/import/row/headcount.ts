import type { FieldValues, Reject } from './fields.ts';
import { readWholeNumber } from './numbers.ts';

/** A headcount: an exact figure (a band of one), or a band with `max` null when open; and its year. */
export type Headcount = { employees: number | null; employeesRange: { min: number; max: number | null } | null; employeesYear: number | null };

/**
 * The firm's headcount from its exact figure, or from the ends of a band (a profile turns a
 * register's size codes into these, never into a figure); a blank `employeesMax` is an open band.
 */
export function readHeadcount(values: FieldValues, reject: Reject): Headcount {
  const exact = readWholeNumber('employees', values.employees, reject);
  const min = readWholeNumber('employeesMin', values.employeesMin, reject);
  const max = readWholeNumber('employeesMax', values.employeesMax, reject);
  const year = readWholeNumber('employeesYear', values.employeesYear, reject);
  if (max !== null && min === null) reject('employeesMin', 'missing while employeesMax is given');
  if (min !== null && max !== null && max < min) reject('employeesMax', `${max} is below employeesMin ${min}`);
  if (exact !== null && min !== null && (exact < min || (max !== null && exact > max))) {
    reject('employees', `${exact} is outside the band ${min}–${max ?? ''}`);
  }
  const range = exact !== null ? { min: exact, max: exact } : min !== null ? { min, max } : null;
  return { employees: exact, employeesRange: range, employeesYear: range ? year : null };
}
