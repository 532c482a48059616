import type { Database } from '../db/database.ts';
import { listCompanies } from '../db/queries/companies.ts';
import { nearbyCompanies } from '../db/queries/nearby.ts';
import type { Sector } from '../db/schema.ts';
import { renderTile } from '../db/tiles/encode.ts';
import { TILE_LAYERS } from '../db/tiles/layers.ts';

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
  const tile = /^\/api\/tiles\/(companies|density|links)\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(url.pathname);
  if (tile) {
    const [z, x, y] = tile.slice(2).map(Number) as [number, number, number];
    const layer = TILE_LAYERS[tile[1] as keyof typeof TILE_LAYERS];
    return renderTile(db, { layer, tile: { z, x, y }, filter: {}, limit: 20_000 });
  }
  return null;
}

/** Median and 95th percentile, in ms, of calling each path in turn `rounds` times. */
export async function timeDirect(db: Database, paths: string[], rounds: number) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const call = directCall(db, paths[i % paths.length]!);
    if (!call) return null;
    await call;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}
