import { RELATEDNESS_LEVELS, type RelatednessLevel, naceAt } from './nace.ts';

/**
 * Relatedness of activities learned from links: for a pair of activities (i, j), the links
 * observed between their firms over the links expected if the link ends were paired at random,
 *
 *   R_ij = F_ij · F / (F_i · F_j)
 *
 * where F_ij counts the ordered pairs of link ends (a link between an i-firm and a j-firm gives
 * (i, j) and (j, i); one within i gives (i, i) twice), F_i = Σ_j F_ij is the number of link ends of
 * activity i, and F = Σ F_ij = twice the links. In links: expected_ij = F_i·F_j / F for i ≠ j and
 * F_i² / (2F) for i = j, and R = links / expected. R > 1: the two activities link more than chance.
 */

/** Links between firms of two NACE classes, `a` ≤ `b` (a link is counted whichever way it goes). */
export type ClassPairCount = { a: string; b: string; links: number };

export type RelatedPair = {
  level: RelatednessLevel;
  a: string;
  b: string;
  links: number;
  /** The links chance alone would give the pair. */
  expected: number;
  ratio: number;
};

export type LevelTable = {
  /** Link ends per activity (F_i). */
  ends: Map<string, number>;
  /** Every pair with at least one link, by `pairKey`. */
  pairs: Map<string, RelatedPair>;
  /** Twice the links whose two firms have a known activity (F). */
  totalEnds: number;
};

export type LearnedRelatedness = { links: number; levels: Record<RelatednessLevel, LevelTable> };

/**
 * Below this many links, a pair of activities is not used: too few to tell from chance. With 5,
 * a pair that chance would give about one link reaches it by luck about once in a hundred
 * (Poisson); with 3, about once in seven.
 */
export const MIN_LINKS = 5;

export const pairKey = (a: string, b: string) => (a <= b ? `${a}|${b}` : `${b}|${a}`);

function levelTable(counts: ClassPairCount[], level: RelatednessLevel): LevelTable {
  const links = new Map<string, { a: string; b: string; links: number }>();
  const ends = new Map<string, number>();
  let totalEnds = 0;
  for (const count of counts) {
    const a = naceAt(count.a, level);
    const b = naceAt(count.b, level);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const key = pairKey(lo, hi);
    const pair = links.get(key) ?? { a: lo, b: hi, links: 0 };
    pair.links += count.links;
    links.set(key, pair);
    ends.set(a, (ends.get(a) ?? 0) + count.links);
    ends.set(b, (ends.get(b) ?? 0) + count.links);
    totalEnds += 2 * count.links;
  }
  const pairs = new Map<string, RelatedPair>();
  for (const [key, pair] of links) {
    const fa = ends.get(pair.a)!;
    const fb = ends.get(pair.b)!;
    const expected = pair.a === pair.b ? (fa * fa) / (2 * totalEnds) : (fa * fb) / totalEnds;
    pairs.set(key, { level, ...pair, expected, ratio: pair.links / expected });
  }
  return { ends, pairs, totalEnds };
}

/** The relatedness of every pair of activities at the three levels, from the class-pair counts. */
export function learnRelatedness(counts: ClassPairCount[]): LearnedRelatedness {
  const levels = Object.fromEntries(RELATEDNESS_LEVELS.map((level) => [level, levelTable(counts, level)])) as Record<RelatednessLevel, LevelTable>;
  return { links: counts.reduce((sum, c) => sum + c.links, 0), levels };
}

/**
 * The relatedness of two classes at the finest level where their pair has at least `minLinks`
 * links: the class pair, else their groups', else their divisions'. Null when none has enough.
 */
export function relatednessBetween(learned: LearnedRelatedness, classA: string, classB: string, minLinks = MIN_LINKS): RelatedPair | null {
  for (const level of RELATEDNESS_LEVELS) {
    const pair = learned.levels[level].pairs.get(pairKey(naceAt(classA, level), naceAt(classB, level)));
    if (pair && pair.links >= minLinks) return pair;
  }
  return null;
}

/** A relatedness matrix an administrator loaded from a file: ratios on R's scale, 1 = chance. */
export type ExternalMatrix = { name: string; values: Map<string, { level: RelatednessLevel; a: string; b: string; ratio: number }> };

/** What the score reads of a pair of classes, learned or loaded, oriented from the first to the second. */
export type RelatednessEvidence = {
  source: 'learned' | 'loaded';
  /** The loaded matrix's source, as its administrator named it; null when learned. */
  sourceName: string | null;
  level: RelatednessLevel;
  from: string;
  to: string;
  ratio: number;
  /** Learned only: the links behind the ratio, and what chance would give. */
  links: number | null;
  expected: number | null;
};

/** The learned evidence between two classes (see `relatednessBetween`), oriented from `from`. */
export function learnedEvidence(learned: LearnedRelatedness, from: string, to: string, minLinks = MIN_LINKS): RelatednessEvidence | null {
  const pair = relatednessBetween(learned, from, to, minLinks);
  if (!pair) return null;
  return { source: 'learned', sourceName: null, level: pair.level, from: naceAt(from, pair.level), to: naceAt(to, pair.level), ratio: pair.ratio, links: pair.links, expected: pair.expected };
}

/** The loaded matrix's value for two classes at the finest level it gives one. */
export function externalEvidence(matrix: ExternalMatrix, from: string, to: string): RelatednessEvidence | null {
  for (const level of RELATEDNESS_LEVELS) {
    const value = matrix.values.get(pairKey(naceAt(from, level), naceAt(to, level)));
    if (value && value.level === level) {
      return { source: 'loaded', sourceName: matrix.name, level, from: naceAt(from, level), to: naceAt(to, level), ratio: value.ratio, links: null, expected: null };
    }
  }
  return null;
}
