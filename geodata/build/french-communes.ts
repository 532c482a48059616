import type { Territory } from '../types.ts';
import type { Member } from './member.ts';

/** Entry of @etalab/decoupage-administratif data/communes.json (fields used here). */
export type EtalabCommune = {
  code: string;
  nom: string;
  type: string;
  population?: number;
  codesPostaux?: string[];
};

/** Entry of @etalab/decoupage-administratif data/epci.json (fields used here). */
export type EtalabEpci = { code: string; nom: string; membres: { code: string }[] };

// The EPCIs are named by SIREN, which survives renamings; their members come from epci.json.
const INTERCOMMUNALITIES = [
  {
    id: 'fr-cc-chamonix',
    siren: '200023372',
    names: {
      fr: 'Communauté de communes de la Vallée de Chamonix-Mont-Blanc',
      it: 'Comunità di comuni della Valle di Chamonix-Mont-Blanc',
      en: 'Chamonix-Mont-Blanc Valley Community of Communes',
    },
  },
  {
    id: 'fr-cc-pays-mont-blanc',
    siren: '200034882',
    names: {
      fr: 'Communauté de communes Pays du Mont-Blanc',
      it: 'Comunità di comuni del Pays du Mont-Blanc',
      en: 'Pays du Mont-Blanc Community of Communes',
    },
  },
];

export function frenchTerritories(
  communes: EtalabCommune[],
  epcis: EtalabEpci[],
): { territories: Territory[]; members: Member[] } {
  // Only current communes: delegated and associated communes share codes with them.
  const byCode = new Map(
    communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]),
  );
  const territories: Territory[] = [];
  const members: Member[] = [];
  for (const { id, siren, names } of INTERCOMMUNALITIES) {
    const epci = epcis.find((e) => e.code === siren);
    if (!epci) throw new Error(`EPCI ${siren} (${id}) missing from epci.json`);
    const codes = epci.membres.map((m) => m.code).sort();
    for (const code of codes) {
      const commune = byCode.get(code);
      if (!commune) throw new Error(`Commune ${code} of EPCI ${siren} missing from communes.json`);
      members.push({
        code,
        name: commune.nom,
        country: 'FR',
        territory: id,
        population: commune.population ?? null,
        postcodes: [...(commune.codesPostaux ?? [])].sort(),
      });
    }
    territories.push({
      id,
      name: epci.nom,
      names,
      country: 'FR',
      kind: 'intercommunality',
      officialCode: siren,
      members: codes,
    });
  }
  return { territories, members };
}
