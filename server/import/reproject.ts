import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Projected } from './row/position.ts';

/** As many points as one query takes. */
const CHUNK = 5000;

/** A coordinate array as a Postgres array literal, one parameter however long. */
const arrayLiteral = (numbers: number[]) => `{${numbers.join(',')}}`;

/** WGS84 positions of projected points, computed by PostGIS, a few thousand per query. */
export async function reproject(db: Database, points: Projected[]): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i += CHUNK) {
    const chunk = points.slice(i, i + CHUNK);
    const rows = await db.rows<{ lon: number; lat: number }>(sql`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
        SELECT ST_Transform(ST_SetSRID(ST_MakePoint(x, y), srid), 4326) AS p, n
        FROM unnest(${arrayLiteral(chunk.map((p) => p.xy[0]))}::float8[], ${arrayLiteral(chunk.map((p) => p.xy[1]))}::float8[],
                    ${arrayLiteral(chunk.map((p) => p.srid))}::int[]) WITH ORDINALITY AS t(x, y, srid, n)
      ) q ORDER BY n`);
    // Seven decimals: about a centimetre, what a registry's coordinates carry.
    out.push(...rows.map((r) => [Math.round(r.lon * 1e7) / 1e7, Math.round(r.lat * 1e7) / 1e7] as [number, number]));
  }
  return out;
}
