import type { Database } from '../db/database.ts';
import { getCompany, listCompanies } from '../db/queries/companies.ts';
import { suggestPartners } from '../db/queries/partners.ts';
import { classPairCounts, registryClasses } from '../db/queries/relatedness.ts';
import { learnRelatedness, learnedEvidence } from '../shared/chains/relatedness.ts';
import { firmLifetimes } from '../db/queries/lifetimes.ts';
import { nearbyCompanies } from '../db/queries/nearby.ts';
import { listTerritories } from '../db/queries/territories.ts';
import { trendTable } from '../db/queries/trends.ts';
import type { Sector } from '../shared/vocabulary.ts';
import { renderTile } from '../db/tiles/encode.ts';
import { TILE_LAYERS } from '../db/tiles/layers.ts';
import { type Timing, timeCalls } from './timing.ts';

/** What the server learns once per data version (see createRelatednessStore), learned once per database here. */
const learnedOnce = new WeakMap<Database, Promise<{ learned: ReturnType<typeof learnRelatedness>; classes: string[] }>>();
function learnedOf(db: Database) {
  if (!learnedOnce.has(db)) learnedOnce.set(db, Promise.all([classPairCounts(db), registryClasses(db)]).then(([counts, classes]) => ({ learned: learnRelatedness(counts), classes })));
  return learnedOnce.get(db)!;
}

async function partnersOf(db: Database, id: number) {
  const [{ learned, classes }, firm] = await Promise.all([learnedOf(db), getCompany(db, id)]);
  const nace = firm!.activity.nace;
  return suggestPartners(db, {
    origin: { point: firm!.location, countries: [firm!.country], companyId: id, naceClass: nace },
    crossBorder: true, radiusM: 50_000, limit: 10, filter: {}, classes,
    relatedness: (to) => (nace ? learnedEvidence(learned, nace, to) : null),
  });
}

/**
 * The work an endpoint asks of the database, called directly (same driver, no HTTP): the
 * denominator of the overhead ratio.
 */
export function directCall(db: Database, path: string): Promise<unknown> | null {
  const url = new URL(path, 'http://bench');
  const q = (name: string) => url.searchParams.get(name);
  if (url.pathname === '/api/nearby') {
    return nearbyCompanies(db, {
      origin: [Number(q('lon')), Number(q('lat'))],
      radiusM: Number(q('radius')),
      limit: Number(q('limit')),
      filter: { sectors: [q('sector') as Sector] },
    });
  }
  if (url.pathname === '/api/companies') {
    const bbox = q('bbox')!.split(',').map(Number) as [number, number, number, number];
    return listCompanies(db, { bbox }, { limit: Number(q('limit')) });
  }
  const partners = /^\/api\/companies\/(\d+)\/partners$/.exec(url.pathname);
  if (partners) return partnersOf(db, Number(partners[1]));
  const tile = /^\/api\/tiles\/(companies|density|links)\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(url.pathname);
  if (tile) {
    const [z, x, y] = tile.slice(2).map(Number) as [number, number, number];
    const layer = TILE_LAYERS[tile[1] as keyof typeof TILE_LAYERS];
    return renderTile(db, { layer, tile: { z, x, y }, filter: { asOf: q('asOf') ?? undefined }, limit: 20_000 });
  }
  if (url.pathname === '/api/stats/trends') return trends(db, Number(q('from')), Number(q('to')));
  return null;
}

/** A trends table of the partner territories and sectors, as /api/stats/trends computes it. */
async function trends(db: Database, from: number, to: number) {
  const ids = (await listTerritories(db, { kinds: ['partner'] })).map((t) => t.id);
  return trendTable(await firmLifetimes(db, {}, ['territory', 'sector'], ids), ['territory', 'sector'], ids, from, to);
}

/** The database side of each path (see `directCall`), timed: the denominator of ratio (a). */
export function timeDirect(db: Database, paths: string[], rounds: number): Promise<Timing | null> {
  return timeCalls((path) => directCall(db, path), paths, rounds);
}
