import type { RelatedPair } from './relatedness.ts';

/**
 * Missing chains: pairs of strongly related activities present on both sides of a border with no
 * link across it yet. Seen from a territory: its firms of activity `from`, firms of a related
 * activity `to` in another country's territories of the set, and no cross-border link between a
 * `from` firm of the territory and a `to` firm.
 */

export type PresenceRow = { territory: string; country: string; code: string; firms: number };
export type CrossingRow = { territory: string; code: string; otherCountry: string; otherCode: string; links: number };

export type MissingChain = {
  from: string;
  to: string;
  ratio: number;
  /** The links between the two activities anywhere in the registry, behind the ratio. */
  links: number;
  firmsHere: number;
  firmsAcross: number;
  /** The territories of the set, in other countries, that have firms of `to`. */
  territoriesAcross: string[];
};

export function missingChains(territory: string, strongPairs: RelatedPair[], presence: PresenceRow[], crossing: CrossingRow[]): MissingChain[] {
  const here = presence.filter((p) => p.territory === territory);
  const chains: MissingChain[] = [];
  for (const pair of strongPairs) {
    const orientations = pair.a === pair.b ? [[pair.a, pair.b]] : [[pair.a, pair.b], [pair.b, pair.a]];
    for (const [from, to] of orientations as [string, string][]) {
      const mine = here.filter((p) => p.code === from);
      const firmsHere = mine.reduce((sum, p) => sum + p.firms, 0);
      if (firmsHere === 0) continue;
      const homeCountries = new Set(mine.map((p) => p.country));
      const across = presence.filter((p) => p.code === to && p.territory !== territory && !homeCountries.has(p.country));
      const firmsAcross = across.reduce((sum, p) => sum + p.firms, 0);
      if (firmsAcross === 0) continue;
      const linked = crossing.some((c) => c.territory === territory && c.code === from && c.otherCode === to && !homeCountries.has(c.otherCountry) && c.links > 0);
      if (linked) continue;
      chains.push({ from, to, ratio: pair.ratio, links: pair.links, firmsHere, firmsAcross, territoriesAcross: [...new Set(across.map((p) => p.territory))].sort() });
    }
  }
  return chains.sort((x, y) => y.ratio - x.ratio || y.links - x.links || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}

/** (external − internal) / (external + internal); null without links. */
export function eiIndex(internal: number, external: number): number | null {
  return internal + external === 0 ? null : (external - internal) / (external + internal);
}
