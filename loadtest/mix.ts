import { createRandom } from '../db/seed/random.ts';
import { chamonixGuides } from '../test/fixtures/companies.ts';
import type { LoadFlow } from '../bench/paced-load.ts';
import { scenarios } from '../bench/scenarios.ts';
import { type EditorSession, pageReadHeaders, pageWriteHeaders } from './editor-session.ts';

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

/**
 * Writes as an editor's page makes them, signed in (web/src/edit/edit-api.ts): firms created, and
 * headcounts of existing firms changed by reading the firm's version, then a PATCH with If-Match.
 */
export function writeFlows(firms: number, session: EditorSession, size = 200): LoadFlow[] {
  const random = createRandom(9);
  const write = pageWriteHeaders(session);
  return Array.from({ length: size }, (_, i): LoadFlow => {
    if (random.next() < WRITE_MIX.create) {
      const body = JSON.stringify({ ...chamonixGuides, name: `Loadtest ${i} SARL` });
      return async (send) => (await send({ path: '/api/companies', method: 'POST', headers: write, body })).status;
    }
    const path = `/api/companies/${random.int(1, firms)}`;
    const body = JSON.stringify({ employees: random.int(1, 200) });
    return async (send) => {
      const read = await send({ path, method: 'GET', headers: pageReadHeaders(session) });
      const etag = read.headers.etag;
      if (read.status !== 200) return read.status;
      if (typeof etag !== 'string') throw new Error(`${path}: no ETag to send as If-Match`);
      return (await send({ path, method: 'PATCH', headers: { ...write, 'if-match': etag }, body })).status;
    };
  });
}
