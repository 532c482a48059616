import { COUNTRIES, type Country, SECTORS, type Sector } from '../../shared/vocabulary.ts';
import type { FirmDimension } from './stats.ts';

/** A group of firms of a statistics table (the dimensions it is not grouped by are null). */
export type GroupKey = { territory: string | null; country: Country | null; sector: Sector | null };

export const groupKey = (g: GroupKey) => `${g.territory}|${g.country}|${g.sector}`;

/**
 * The groups of a table, in order: every territory of the set (or country) with every sector, so
 * that zeros show, then any other group the firms fall in (the firms in none of the territories).
 */
export function tableGroups(found: GroupKey[], dims: FirmDimension[], territoryIds: string[]): GroupKey[] {
  const has = (d: FirmDimension) => dims.includes(d);
  const territories: (string | null)[] = has('territory') ? territoryIds : [null];
  const countries = has('country') ? COUNTRIES : [null];
  const sectors = has('sector') ? SECTORS : [null];
  const all = new Map<string, GroupKey>();
  for (const territory of territories) for (const country of countries) for (const sector of sectors) {
    const g = { territory, country, sector };
    all.set(groupKey(g), g);
  }
  // With both territory and country, only the countries a territory's firms are in.
  if (has('territory') && has('country')) all.clear();
  for (const g of found) all.set(groupKey(g), { territory: g.territory, country: g.country, sector: g.sector });
  const order = <T>(values: readonly T[]) => (v: T) => (values.indexOf(v) === -1 ? values.length : values.indexOf(v));
  const [t, c, s] = [order<string | null>(territoryIds), order<string | null>(COUNTRIES), order<string | null>(SECTORS)];
  return [...all.values()].sort((a, b) => t(a.territory) - t(b.territory) || c(a.country) - c(b.country) || s(a.sector) - s(b.sector));
}

/** Items by a key of theirs. */
export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
