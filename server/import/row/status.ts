import { foldPlaceName } from '../../geo/place-name.ts';
import type { CompanyStatus } from '../../../shared/vocabulary.ts';
import type { FieldValues, Reject } from './fields.ts';
import { readDate } from './dates.ts';

/** How spreadsheets say a firm is active or closed (folded); a profile turns a register's own codes into these. */
const STATUS_WORDS: Record<string, CompanyStatus> = Object.fromEntries(
  [
    ['active', ['active', 'actif', 'active', 'attiva', 'attivo', 'aktiv', 'open', 'ouvert']],
    ['closed', ['closed', 'ferme', 'fermee', 'cessata', 'cessato', 'chiusa', 'chiuso', 'geloescht', 'radie', 'radiee']],
  ].flatMap(([status, words]) => (words as string[]).map((w) => [w, status as CompanyStatus])),
);

/** The firm's dates and status; a closing date closes it, and must not come before the opening. */
export type Lifetime = { openedOn: string | null; closedOn: string | null; status: CompanyStatus | null };

export function readLifetime(values: FieldValues, reject: Reject): Lifetime {
  const openedOn = readDate('openedOn', values.openedOn, reject);
  const closedOn = readDate('closedOn', values.closedOn, reject);
  let status: CompanyStatus | null = null;
  if (values.status !== undefined) {
    status = STATUS_WORDS[foldPlaceName(values.status)] ?? null;
    if (!status) reject('status', `'${values.status}' is not a status: expected active or closed`);
  }
  if (openedOn && closedOn && closedOn < openedOn) reject('closedOn', `${closedOn} is before the opening date ${openedOn}`);
  if (status === 'active' && closedOn) reject('closedOn', `the firm is active (${values.status}) but has a closing date`);
  return { openedOn, closedOn, status: closedOn ? 'closed' : status };
}
