import { describe, expect, it } from 'vitest';
import { type FlowPair, dominantDirection, pairsOf, rankFlows, readableFlows } from './flow-pairs.ts';

const pair = (key: string, count: number, crossBorder = true, ab: number | null = count, ba: number | null = 0): FlowPair => {
  const [a, b] = key.split('|') as [string, string];
  return { key, a, b, aName: a, bName: b, ab, ba, count, crossBorder };
};

describe('pairsOf', () => {
  it('adds both directions of a pair, keeps links within a place and outside the places apart', () => {
    const { pairs, within, outside } = pairsOf([
      { from: 'fr', to: 'it', links: 30, crossBorder: true },
      { from: 'it', to: 'fr', links: 11, crossBorder: true },
      { from: 'it', to: 'it', links: 79, crossBorder: false },
      { from: 'fr', to: null, links: 4, crossBorder: false },
      { from: 'ch', to: 'fr', links: 5, crossBorder: true },
    ], (id) => id.toUpperCase());
    expect(pairs).toEqual([
      { key: 'fr|it', a: 'fr', b: 'it', aName: 'FR', bName: 'IT', ab: 30, ba: 11, count: 41, crossBorder: true },
      { key: 'ch|fr', a: 'ch', b: 'fr', aName: 'CH', bName: 'FR', ab: 5, ba: 0, count: 5, crossBorder: true },
    ]);
    expect(within).toEqual(new Map([['it', 79]]));
    expect(outside).toBe(4);
  });
});

describe('rankFlows', () => {
  it('puts the heaviest first, cross-border before domestic at equal counts, then by key', () => {
    const ranked = rankFlows([pair('a|b', 5, false), pair('c|d', 9), pair('b|c', 5, true), pair('a|c', 5, true)]);
    expect(ranked.map((p) => p.key)).toEqual(['c|d', 'a|c', 'b|c', 'a|b']);
  });
});

describe('readableFlows', () => {
  const ranked = rankFlows([40, 30, 20, 11, 11, 11, 3, 2].map((n, i) => pair(`p${i}|q${i}`, n)));
  it.each([
    { name: 'cuts at max', max: 3, minShare: 0, shown: 3, folded: { flows: 5, links: 38 } },
    { name: 'keeps a tie with the last one drawn', max: 4, minShare: 0, shown: 6, folded: { flows: 2, links: 5 } },
    { name: 'leaves out what is lighter than a share of the heaviest', max: 10, minShare: 0.1, shown: 6, folded: { flows: 2, links: 5 } },
    { name: 'shows everything when it can', max: 10, minShare: 0, shown: 8, folded: { flows: 0, links: 0 } },
  ])('$name', ({ max, minShare, shown, folded }) => {
    const readable = readableFlows(ranked, max, minShare);
    expect(readable.shown).toHaveLength(shown);
    expect(readable.folded).toEqual(folded);
    expect(readable.shown.reduce((s, p) => s + p.count, 0) + readable.folded.links).toBe(128);
  });
  it('has nothing to show for no flow', () => {
    expect(readableFlows([], 5)).toEqual({ shown: [], folded: { flows: 0, links: 0 } });
  });
});

describe('dominantDirection', () => {
  it.each([
    { ab: 30, ba: 11, way: 'ab' },
    { ab: 4, ba: 8, way: 'ba' },
    { ab: 6, ba: 5, way: null },
    { ab: 4, ba: 1, way: null },
    { ab: null, ba: null, way: null },
  ])('$ab → and $ba ← gives $way', ({ ab, ba, way }) => {
    expect(dominantDirection(pair('a|b', (ab ?? 3) + (ba ?? 3), true, ab, ba))).toBe(way);
  });
});
