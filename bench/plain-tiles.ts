import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Database } from '../db/database.ts';
import { type Timing, timeHttp } from './timing.ts';

const EXTENT = 4096;

/**
 * What Martin or pg_tileserv serve for a table of points: every row in the tile, as it is, with
 * its attribute columns, no clustering, no filter: `ST_AsMVT` on a PostGIS server; embedded
 * PostGIS lacks protobuf, so there the same points are encoded in Node, as the Atlas does.
 */
async function plainTile(db: Database, z: number, x: number, y: number): Promise<Uint8Array> {
  const inTile = sql`
    FROM companies c, (SELECT ST_TileEnvelope(${z}, ${x}, ${y}) AS mercator) b
    WHERE c.location && ST_Transform(b.mercator, 4326)`;
  if (db.engine === 'postgres') {
    const [row] = await db.rows<{ mvt: Uint8Array | null }>(sql`
      SELECT ST_AsMVT(t, 'companies') AS mvt FROM (
        SELECT c.id, c.name, c.primary_sector::text AS sector, ST_AsMVTGeom(ST_Transform(c.location, 3857), b.mercator) AS geom ${inTile}
      ) t`);
    return row?.mvt ? new Uint8Array(row.mvt) : new Uint8Array();
  }
  const rows = await db.rows<{ id: number; name: string; sector: string; px: number; py: number }>(sql`
    SELECT c.id, c.name, c.primary_sector::text AS sector,
           round((ST_X(ST_Transform(c.location, 3857)) - ST_XMin(b.mercator)) / (ST_XMax(b.mercator) - ST_XMin(b.mercator)) * ${EXTENT})::int AS px,
           round((ST_YMax(b.mercator) - ST_Y(ST_Transform(c.location, 3857))) / (ST_YMax(b.mercator) - ST_YMin(b.mercator)) * ${EXTENT})::int AS py
    ${inTile}`);
  if (rows.length === 0) return new Uint8Array();
  const features = rows.map((row) => ({ type: 1 as const, geometry: [[row.px, row.py]], tags: { id: row.id, name: row.name, sector: row.sector } }));
  return fromGeojsonVt({ companies: { features } } as never, { version: 2, extent: EXTENT });
}

/** The plain tile server, on the same HTTP stack as the Atlas (Hono on Node's server). */
function plainTileApp(db: Database): Hono {
  const app = new Hono();
  app.get('/tiles/:z/:x/:y{[0-9]+\\.mvt}', async (c) => {
    const [z, x, y] = [c.req.param('z'), c.req.param('x'), c.req.param('y')].map((n) => Number.parseInt(n, 10)) as [number, number, number];
    const body = await plainTile(db, z, x, y);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/vnd.mapbox-vector-tile' });
  });
  return app;
}

export type PlainTiles = { timing: Timing; meanBytes: number };

/** Mean body size of `paths` (tile paths as the Atlas names them) on `base`. */
export async function meanBytes(base: string, paths: string[]): Promise<number> {
  let total = 0;
  for (const path of paths) total += (await (await fetch(base + path)).arrayBuffer()).byteLength;
  return total / paths.length;
}

/**
 * The plain tile server on `db`, timed on the Atlas's tile paths (one client, as ratio (a)), and
 * the mean size of its tiles.
 */
export async function timePlainTiles(db: Database, atlasPaths: string[], rounds: number): Promise<PlainTiles | null> {
  const paths = atlasPaths.map((path) => path.replace(/^\/api\/tiles\/companies/, '/tiles'));
  let listening!: (info: AddressInfo) => void;
  const address = new Promise<AddressInfo>((resolve) => (listening = resolve));
  const server = serve({ fetch: plainTileApp(db).fetch, port: 0, hostname: '127.0.0.1' }, listening);
  const base = `http://127.0.0.1:${(await address).port}`;
  try {
    await timeHttp(base, paths, Math.min(rounds, paths.length));
    const timing = await timeHttp(base, paths, rounds);
    return timing && { timing, meanBytes: await meanBytes(base, paths) };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
