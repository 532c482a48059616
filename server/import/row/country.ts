import { COUNTRIES, type Country } from '../../../shared/vocabulary.ts';
import { foldPlaceName } from '../../geo/place-name.ts';
import { countryOfIdentifier } from '../identifiers.ts';
import type { FieldValues, Reject } from './fields.ts';

/** The ways registries and spreadsheets write the three countries (folded, see `foldPlaceName`). */
const COUNTRY_NAMES: Record<string, Country> = Object.fromEntries(
  [
    ['FR', ['fr', 'f', 'fra', 'france', 'francia', 'frankreich']],
    ['IT', ['it', 'i', 'ita', 'italy', 'italie', 'italia', 'italien']],
    ['CH', ['ch', 'che', 'switzerland', 'suisse', 'svizzera', 'schweiz']],
  ].flatMap(([country, names]) => (names as string[]).map((n) => [n, country as Country])),
);

/**
 * The firm's country, from its column; a national registry's export has no country column, and
 * then its official identifier says which country it is.
 */
export function readCountry(values: FieldValues, reject: Reject): Country | null {
  if (values.country) {
    const country = COUNTRY_NAMES[foldPlaceName(values.country)] ?? null;
    if (!country) reject('country', `'${values.country}' is not one of ${COUNTRIES.join(', ')}`);
    return country;
  }
  const country = values.officialId ? countryOfIdentifier(values.officialId) : null;
  if (!country) reject('country', 'missing, and no official identifier to tell it from');
  return country;
}
