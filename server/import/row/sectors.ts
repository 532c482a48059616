import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';
import { type SectorRule, suggestSector } from '../activity.ts';
import type { ActivityCodes } from './activity.ts';
import type { FieldValues, Reject } from './fields.ts';

/** The sectors a cell lists, separated by `;`, `,` or `|`, each once; an unknown one is rejected. */
function listedSectors(text: string, reject: Reject): Sector[] {
  const items = text.split(/[;,|]/).map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((s) => !SECTORS.includes(s as Sector));
  if (unknown.length) reject('sectors', `unknown ${unknown.map((u) => `'${u}'`).join(', ')}; expected ${SECTORS.join(', ')}`);
  return [...new Set(items)] as Sector[];
}

/**
 * The firm's sectors: listed by the file, else suggested by the sector table from its NACE class;
 * `outside` when the table has no filière for that class (the row is outside the Atlas's scope).
 */
export function readSectors(values: FieldValues, activity: ActivityCodes | null, rules: SectorRule[], reject: Reject, told?: Sector): Sector[] | 'outside' {
  if (values.sectors) return listedSectors(values.sectors, reject);
  // A list whose rows carry no activity (a Zefix search) may be said to be of one sector.
  if (told && !values.nationalCode && !values.nace) return [told];
  if (activity?.class) {
    const suggested = suggestSector(rules, activity.class, activity.scheme);
    return suggested ? [suggested] : 'outside';
  }
  // A bad activity code is reported as such, not again as a missing sector.
  if (!values.nationalCode && !values.nace) reject('sectors', 'missing, and no activity code to suggest one from');
  return [];
}
