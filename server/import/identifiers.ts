import type { Country } from '../../shared/vocabulary.ts';

/**
 * Official company identifiers, checked with their check digits and normalised so that the same
 * firm written `732 829 320 00074` or `73282932000074` is one firm:
 * - France: SIRET, 14 digits, Luhn (La Poste's establishments, SIREN 356000000, use the digit sum mod 5);
 * - Italy: partita IVA (11 digits, Luhn), codice fiscale (16 characters, its check letter), or a
 *   REA number (`AO-123456`: province and number, which have no check digit);
 * - Switzerland: UID `CHE-123.456.789`, mod 11 with weights 5 4 3 2 7 6 5 4.
 */
export type IdentifierResult = { ok: true; value: string } | { ok: false; message: string };

// Each format once: the country of an identifier and its check both read these.
const SIRET = /^\d{14}$/;
const PARTITA_IVA = /^\d{11}$/;
const CODICE_FISCALE = /^[A-Z0-9]{16}$/;
const REA = /^([A-Z]{2})-?(\d{1,7})$/;
/** The firm's number in a UID, whatever follows it; as a VAT number it ends in MWST, TVA or IVA. */
const UID_NUMBER = /^CHE(\d{9})/;
const UID = new RegExp(`${UID_NUMBER.source}(MWST|TVA|IVA)?$`);
/** The EU VAT prefix a French or Italian number may be written with (FR 73282932000074, IT 00743110157). */
const VAT_PREFIX = /^(IT|FR)(?=\d{11,14}$)/;

/** An identifier as written without its spaces, dots, dashes and slashes, in capitals. */
const compactIdentifier = (text: string) => text.toUpperCase().replace(/[\s.\-/]/g, '');

const digits = (text: string) => text.split('').map(Number);

function luhn(number: string): boolean {
  const sum = digits(number)
    .reverse()
    .reduce((total, d, i) => total + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return sum % 10 === 0;
}

function siret(compact: string): IdentifierResult {
  if (!SIRET.test(compact)) return { ok: false, message: 'a SIRET has 14 digits' };
  const laPoste = compact.startsWith('356000000') && digits(compact).reduce((a, b) => a + b, 0) % 5 === 0;
  return luhn(compact) || laPoste ? { ok: true, value: compact } : { ok: false, message: `SIRET ${compact}: wrong check digit` };
}

const CF_ODD: Record<string, number> = Object.fromEntries(
  [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((ch, i) => {
    const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    const index = i < 10 ? i : i - 10;
    return [ch, odd[index]!];
  }),
);
const cfEven = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65);

function italian(compact: string): IdentifierResult {
  if (PARTITA_IVA.test(compact)) {
    return luhn(compact) ? { ok: true, value: compact } : { ok: false, message: `partita IVA ${compact}: wrong check digit` };
  }
  if (CODICE_FISCALE.test(compact)) {
    const sum = [...compact.slice(0, 15)].reduce((total, ch, i) => total + (i % 2 === 0 ? CF_ODD[ch]! : cfEven(ch)), 0);
    const check = String.fromCharCode(65 + (sum % 26));
    return check === compact[15] ? { ok: true, value: compact } : { ok: false, message: `codice fiscale ${compact}: wrong check character` };
  }
  const rea = REA.exec(compact.replace(/^REA/, ''));
  if (rea) return { ok: true, value: `${rea[1]}-${rea[2]}` };
  return { ok: false, message: 'expected a partita IVA (11 digits), a codice fiscale (16 characters) or a REA number (AO-123456)' };
}

function uid(compact: string): IdentifierResult {
  const match = UID.exec(compact);
  if (!match) return { ok: false, message: 'a UID is CHE-123.456.789' };
  const d = digits(match[1]!);
  const sum = [5, 4, 3, 2, 7, 6, 5, 4].reduce((total, w, i) => total + w * d[i]!, 0);
  const check = (11 - (sum % 11)) % 11;
  if (check === 10 || check !== d[8]) return { ok: false, message: `UID CHE-${match[1]}: wrong check digit` };
  const n = match[1]!;
  return { ok: true, value: `CHE-${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}` };
}

/** Checks and normalises the official identifier of a firm of `country`. */
export function officialIdentifier(country: Country, text: string): IdentifierResult {
  const compact = compactIdentifier(text).replace(VAT_PREFIX, '');
  if (country === 'FR') return siret(compact);
  if (country === 'IT') return italian(compact);
  return uid(compact);
}

/**
 * The country an identifier's format says: a national registry's export has no country column.
 * A SIRET is French, a UID Swiss, a partita IVA (with or without IT) or codice fiscale Italian; a
 * REA number, or anything else, says none. The check digits are left to `officialIdentifier`.
 */
export function countryOfIdentifier(text: string): Country | null {
  const compact = compactIdentifier(text);
  if (SIRET.test(compact)) return 'FR';
  if (UID_NUMBER.test(compact)) return 'CH';
  if (PARTITA_IVA.test(compact.replace(/^IT/, '')) || CODICE_FISCALE.test(compact)) return 'IT';
  return null;
}
