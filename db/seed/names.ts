import type { Country, Sector } from '../schema.ts';
import type { Random } from './random.ts';

// Invented syllables: no stem is meant to be a real brand. The prefix "Exemple" / "Esempio"
// makes every sample firm's name obviously fictitious wherever it is shown.
const ONSETS = ['Al', 'Bel', 'Cor', 'Dra', 'Fre', 'Gla', 'Lan', 'Mor', 'Nev', 'Pra', 'Ros', 'Sel', 'Tor', 'Val', 'Vio', 'Zer'];
const MIDDLES = ['ba', 'ci', 'de', 'lo', 'mi', 'na', 'ra', 'ti', 'va', 'zo'];
const ENDINGS = ['ne', 'lia', 'ron', 'tta', 'zia', 'vel', 'nay', 'sio', 'x', 'do'];

const TRADES: Record<'fr' | 'it', Record<Sector, string[]>> = {
  fr: {
    outdoor: ['Sports de montagne', 'Glisse', 'Équipement alpin', 'Guides', 'Outdoor', 'Grimpe'],
    phyto_wellbeing: ['Plantes alpines', 'Herboristerie', 'Bien-être', 'Essences', 'Spa', 'Simples'],
    building_renovation: ['Rénovation', 'Menuiserie', 'Charpente', 'Isolation', 'Énergie bâtiment', 'Toitures'],
  },
  it: {
    outdoor: ['Sport di montagna', 'Attrezzatura alpina', 'Guide', 'Outdoor', 'Sci', 'Arrampicata'],
    phyto_wellbeing: ['Erbe alpine', 'Erboristeria', 'Benessere', 'Essenze', 'Terme', 'Officinali'],
    building_renovation: ['Ristrutturazioni', 'Serramenti', 'Carpenteria', 'Isolamenti', 'Impianti', 'Coperture'],
  },
};

const LEGAL_FORMS: Record<Country, string[]> = {
  FR: ['SAS', 'SARL', 'EURL', 'SA'],
  IT: ['Srl', 'Snc', 'Sas', 'SpA'],
  CH: ['SA', 'Sàrl'],
};

export function sampleName(random: Random, country: Country, sector: Sector): string {
  const language = country === 'IT' ? 'it' : 'fr';
  const prefix = language === 'it' ? 'Esempio' : 'Exemple';
  const stem = random.pick(ONSETS) + random.pick(MIDDLES) + random.pick(ENDINGS);
  return `${prefix} ${stem} ${random.pick(TRADES[language][sector])} ${random.pick(LEGAL_FORMS[country])}`;
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
