import type { Country } from '../../shared/vocabulary.ts';
import { type Commune, communes } from '../../geodata/index.ts';
import { foldPlaceName } from './place-name.ts';

// The communes of the programme by official code, by name and by postcode: an import reads
// whichever a file gives, and the territories are drawn from their member communes' codes.

/** Codes, names and postcodes are only unique within a country: every key starts with it. */
const key = (country: Country, text: string) => `${country}:${text}`;

/** The communes under each of their keys, in geodata's order. */
function groupBy(keysOf: (commune: Commune) => string[]): Map<string, Commune[]> {
  const groups = new Map<string, Commune[]>();
  for (const commune of communes) {
    for (const k of keysOf(commune)) {
      const group = groups.get(k);
      if (group) group.push(commune);
      else groups.set(k, [commune]);
    }
  }
  return groups;
}

const byCode = new Map(communes.map((c) => [key(c.country, c.code), c]));
const byName = groupBy((c) => [key(c.country, foldPlaceName(c.name))]);
const byPostcode = groupBy((c) => c.postcodes.map((postcode) => key(c.country, postcode)));

/** The commune of an INSEE code (FR), ISTAT code (IT) or BFS number (CH). */
export const communeByCode = (country: Country, code: string): Commune | undefined => byCode.get(key(country, code));

/** The communes of a name, accents, case and punctuation aside: in a country, usually one or none. */
export const communesNamed = (country: Country, name: string): Commune[] => byName.get(key(country, foldPlaceName(name))) ?? [];

/** The communes a postcode serves: a French or Italian postcode often serves several. */
export const communesWithPostcode = (country: Country, postcode: string): Commune[] => byPostcode.get(key(country, postcode)) ?? [];
