/**
 * Flows between pairs of places, from counts kept in the links' direction: the pairs in the order
 * a reader ranks them (heaviest first), and which of them a map can show legibly.
 */

export type FlowPair = {
  /** `a|b`, the two places' ids in sorted order. */
  key: string;
  a: string;
  b: string;
  aName: string;
  bName: string;
  /** Links from a firm of `a` to one of `b`, and back; `null` where the source does not say. */
  ab: number | null;
  ba: number | null;
  count: number;
  crossBorder: boolean;
};

export type DirectedCount = { from?: string | null | undefined; to?: string | null | undefined; links: number; crossBorder: boolean };

export type PlaceFlows = {
  pairs: FlowPair[];
  /** Links within each place. */
  within: Map<string, number>;
  /** Links with an end in none of the places (firms outside the set). */
  outside: number;
};

/** Pairs of places from directed counts (`/api/stats/links?by=territory` rows), heaviest first. */
export function pairsOf(rows: DirectedCount[], name: (id: string) => string): PlaceFlows {
  const pairs = new Map<string, FlowPair>();
  const within = new Map<string, number>();
  let outside = 0;
  for (const row of rows) {
    const { from, to } = row;
    if (!from || !to) {
      outside += row.links;
      continue;
    }
    if (from === to) {
      within.set(from, (within.get(from) ?? 0) + row.links);
      continue;
    }
    const [a, b] = from < to ? [from, to] : [to, from];
    const key = `${a}|${b}`;
    const pair = pairs.get(key) ?? { key, a, b, aName: name(a), bName: name(b), ab: 0, ba: 0, count: 0, crossBorder: false };
    if (from === a) pair.ab! += row.links;
    else pair.ba! += row.links;
    pair.count += row.links;
    pair.crossBorder ||= row.crossBorder;
    pairs.set(key, pair);
  }
  return { pairs: rankFlows([...pairs.values()]), within, outside };
}

/** Heaviest first; at equal counts cross-border first, then by key, so the order is stable. */
export function rankFlows(pairs: FlowPair[]): FlowPair[] {
  return [...pairs].sort((x, y) => y.count - x.count || Number(y.crossBorder) - Number(x.crossBorder) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

export type Readable = { shown: FlowPair[]; folded: { flows: number; links: number } };

/**
 * The flows a map shows: at most `max` of the heaviest (more only to keep ties together), none
 * lighter than `minShare` of the heaviest; the others are folded into a count.
 */
export function readableFlows(ranked: FlowPair[], max: number, minShare = 0.08): Readable {
  const top = ranked[0]?.count ?? 0;
  const shown: FlowPair[] = [];
  for (const pair of ranked) {
    const tie = shown.length > 0 && pair.count === shown.at(-1)!.count;
    if ((shown.length >= max && !tie) || pair.count < minShare * top) break;
    shown.push(pair);
  }
  const rest = ranked.slice(shown.length);
  return { shown, folded: { flows: rest.length, links: rest.reduce((sum, p) => sum + p.count, 0) } };
}

/** The way most of a pair's links go, where that matters: two thirds or more of at least six links. */
export function dominantDirection(pair: FlowPair): 'ab' | 'ba' | null {
  if (pair.ab === null || pair.ba === null || pair.count < 6) return null;
  if (pair.ab * 3 >= pair.count * 2) return 'ab';
  if (pair.ba * 3 >= pair.count * 2) return 'ba';
  return null;
}

/** Line width in pixels: area-like (square root), from 2 px to 14 px for the heaviest in view. */
export const flowWidth = (count: number, max: number) => 2 + 12 * Math.sqrt(count / Math.max(max, 1));

/** Opacity: light flows recede, heavy ones stand out. */
export const flowOpacity = (count: number, max: number) => 0.45 + 0.5 * (count / Math.max(max, 1));
