/**
 * The declared structure of the sample links: which activities (NACE classes of db/seed/activities.ts)
 * work together. It is a plausible picture of the three filières' chains, written by hand for the
 * synthetic registry, not learned from any data: the sample links follow it, so that the partner
 * suggestions, which learn relatedness from the links, have something real to recover.
 */
export const WORKING_TOGETHER: ReadonlyArray<readonly [string, string]> = [
  // Outdoor: mountain textiles → sports-goods makers → outdoor retail, rental, schools and guiding.
  ['14.19', '32.30'],
  ['32.30', '47.64'],
  ['32.30', '93.19'],
  ['47.64', '77.21'],
  ['77.21', '85.51'],
  ['85.51', '93.19'],
  ['93.19', '79.90'],
  ['79.90', '93.29'],
  // Phyto-industry and wellbeing: plant growers → essential oils → cosmetics → spas; teas and herbalists.
  ['01.28', '20.53'],
  ['01.28', '10.83'],
  ['20.53', '20.42'],
  ['20.53', '21.20'],
  ['20.42', '96.04'],
  ['20.42', '47.75'],
  ['10.83', '47.75'],
  ['96.04', '86.90'],
  // Building renovation: carpentry ↔ architects ↔ insulation; engineering, heating and electricity.
  ['16.23', '71.11'],
  ['71.11', '43.29'],
  ['16.23', '43.91'],
  ['43.32', '71.11'],
  ['43.32', '43.39'],
  ['71.11', '71.12'],
  ['71.12', '43.22'],
  ['43.22', '43.21'],
  // Across filières: spas and mountain huts are renovated; guides send clients to spas.
  ['96.04', '43.22'],
  ['93.19', '96.04'],
];

/** The classes each class works with, under the declared structure. */
export function workingPartners(pairs: ReadonlyArray<readonly [string, string]> = WORKING_TOGETHER): Map<string, Set<string>> {
  const partners = new Map<string, Set<string>>();
  const add = (a: string, b: string) => partners.set(a, (partners.get(a) ?? new Set()).add(b));
  for (const [a, b] of pairs) {
    add(a, b);
    add(b, a);
  }
  return partners;
}
