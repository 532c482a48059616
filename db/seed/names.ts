import type { Country } from '../../shared/vocabulary.ts';
import type { Random } from './random.ts';

// Invented syllables: no stem is meant to be a real brand. The prefix "Exemple" / "Esempio"
// makes every sample firm's name obviously fictitious wherever it is shown.
const ONSETS = ['Al', 'Bel', 'Cor', 'Dra', 'Fre', 'Gla', 'Lan', 'Mor', 'Nev', 'Pra', 'Ros', 'Sel', 'Tor', 'Val', 'Vio', 'Zer'];
const MIDDLES = ['ba', 'ci', 'de', 'lo', 'mi', 'na', 'ra', 'ti', 'va', 'zo'];
const ENDINGS = ['ne', 'lia', 'ron', 'tta', 'zia', 'vel', 'nay', 'sio', 'x', 'do'];

const LEGAL_FORMS: Record<Country, string[]> = {
  FR: ['SAS', 'SARL', 'EURL', 'SA'],
  IT: ['Srl', 'Snc', 'Sas', 'SpA'],
  CH: ['SA', 'Sàrl'],
};

export function sampleName(random: Random, country: Country, trade: { fr: string; it: string }): string {
  const language = country === 'IT' ? 'it' : 'fr';
  const prefix = language === 'it' ? 'Esempio' : 'Exemple';
  const stem = random.pick(ONSETS) + random.pick(MIDDLES) + random.pick(ENDINGS);
  return `${prefix} ${stem} ${trade[language]} ${random.pick(LEGAL_FORMS[country])}`;
}

/** A web slug for the reserved `.example` domain: never a real site. */
export function sampleDomain(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}.example`;
}
