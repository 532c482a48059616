import type { Country } from '../../../shared/vocabulary.ts';
import type { Commune } from '../../../geodata/index.ts';
import { communeByCode, communesNamed, communesWithPostcode } from '../../geo/communes.ts';
import type { FieldValues, Reject } from './fields.ts';

/** The firm's commune as the body gives it, and the commune's centre to place a firm without coordinates at. */
export type Place = { commune: { code: string; name: string } | null; centre: [number, number] | null };

/**
 * The known commune a row names: by its code, else by its name, else by its postcode when that
 * serves a single commune; `sharing` lists the communes of a postcode that serves several.
 */
function lookUp(country: Country, values: FieldValues): { found: Commune | undefined; sharing: Commune[] } {
  if (values.communeCode) return { found: communeByCode(country, values.communeCode), sharing: [] };
  const named = values.communeName ? communesNamed(country, values.communeName) : [];
  if (named.length) return { found: named[0], sharing: [] };
  const served = values.postcode ? communesWithPostcode(country, values.postcode) : [];
  return served.length > 1 ? { found: undefined, sharing: served } : { found: served[0], sharing: [] };
}

/**
 * A commune code is taken as given (the body's checks judge it), named as the Atlas knows it, else
 * as the file does (registers write names their own way: CHAMONIX-MONT-BLANC).
 */
function communeOf(values: FieldValues, found: Commune | undefined): Place['commune'] {
  if (values.communeCode) return { code: values.communeCode, name: found?.name ?? values.communeName ?? '' };
  return found ? { code: found.code, name: found.name } : null;
}

/** The row's commune: given by its code, or known by its name or postcode. */
export function readCommune(values: FieldValues, country: Country | null, reject: Reject): Place {
  if (!country) return { commune: null, centre: null };
  const { found, sharing } = lookUp(country, values);
  if (sharing.length) reject('postcode', `${values.postcode} is shared by ${sharing.map((c) => c.name).join(', ')}: give the commune code`);
  const commune = communeOf(values, found);
  if (!commune && !sharing.length) reject('communeCode', 'missing, and no known commune of that name or postcode');
  const centre: [number, number] | null = found && found.lon !== null && found.lat !== null ? [found.lon, found.lat] : null;
  return { commune, centre };
}
