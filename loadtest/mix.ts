import { createRandom } from '../db/seed/random.ts';
import { chamonixGuides } from '../test/fixtures/companies.ts';
import type { LoadRequest } from '../bench/load.ts';
import { scenarios } from '../bench/scenarios.ts';

/** Shares of the read mix: what an open map and its users ask for. */
export const READ_MIX = { tiles: 0.5, nearby: 0.15, search: 0.15, listing: 0.1, firm: 0.1 };

/** Shares of the writes: new firms and changes to existing ones. */
export const WRITE_MIX = { create: 0.5, change: 0.5 };

// Words of the sample registry's names, communes and trades, and a few that match nothing.
const SEARCHES = ['chamonix', 'courmayeur', 'martigny', 'aosta', 'guides', 'location ski', 'essenze', 'plantes alpines', 'sport', 'exemple gla', 'esempio val', 'verbier', 'sallanches', 'zzz'];

/** A deterministic shuffle of `size` read paths drawn in the shares of READ_MIX. */
export function readPaths(firms: number, size = 4000): string[] {
  const random = createRandom(8);
  const all = scenarios(firms);
  const pool = (prefix: string) => all.filter((s) => s.name.startsWith(prefix)).flatMap((s) => s.paths);
  const tiles = [...pool('companies tiles'), ...pool('density tiles'), ...pool('links tiles')];
  const nearby = pool('nearby');
  const listing = pool('bbox listing');
  const draw: Record<keyof typeof READ_MIX, () => string> = {
    tiles: () => random.pick(tiles),
    nearby: () => random.pick(nearby),
    search: () => `/api/companies?q=${encodeURIComponent(random.pick(SEARCHES))}&limit=20`,
    listing: () => random.pick(listing),
    firm: () => `/api/companies/${random.int(1, firms)}`,
  };
  const kinds = Object.keys(READ_MIX) as (keyof typeof READ_MIX)[];
  return Array.from({ length: size }, () => draw[random.weighted(kinds, (kind) => READ_MIX[kind])]());
}

/** Writes as an editor makes them: firms created, and headcounts of existing firms changed. */
export function writeRequests(firms: number, token: string, size = 200): LoadRequest[] {
  const random = createRandom(9);
  const headers = { authorization: `Bearer ${token}` };
  return Array.from({ length: size }, (_, i) =>
    random.next() < WRITE_MIX.create
      ? { path: '/api/companies', method: 'POST' as const, headers, body: JSON.stringify({ ...chamonixGuides, name: `Loadtest ${i} SARL` }) }
      : { path: `/api/companies/${random.int(1, firms)}`, method: 'PATCH' as const, headers, body: JSON.stringify({ employees: random.int(1, 200) }) },
  );
}
