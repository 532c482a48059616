import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import type { Tile } from '../tiles/tile.ts';
import { coalescedReads } from './data-version.ts';

/** The deepest zoom tile_versions keeps; a deeper tile takes its ancestor's version (db/sql/tile-versions.sql). */
export const REGION_ZOOM = 8;

/** The tile_versions layer a tile layer follows: the density grid draws the same firms as the companies layer. */
export const regionLayerOf = (layer: string) => (layer === 'links' ? 'links' : 'companies');

type Snapshot = { dataVersion: number; versions: Map<string, number> };

const regionKey = (layer: string, z: number, x: number, y: number) => `${layer}/${z}/${x}/${y}`;

/** tile_versions read whole with the data version of the same snapshot. */
async function readSnapshot(db: Database): Promise<Snapshot> {
  const rows = await db.rows<{ dv: number | string; layer: string | null; z: number; x: number; y: number; version: number | string }>(sql`
    SELECT d.version AS dv, t.layer, t.z, t.x, t.y, t.version FROM data_version d LEFT JOIN tile_versions t ON true`);
  const versions = new Map<string, number>();
  for (const row of rows) if (row.layer !== null) versions.set(regionKey(row.layer, row.z, row.x, row.y), Number(row.version));
  return { dataVersion: Number(rows[0]?.dv ?? 0), versions };
}

export type TileVersions = {
  /**
   * The version of a tile of `layer` at data version `dataVersion` (that of the request): it
   * changes whenever the tile's content may have, and only then. Undefined when the versions
   * could not be read at that data version (the caller then falls back to the data version).
   */
  of(dataVersion: number, layer: string, tile: Tile): Promise<number | undefined>;
};

/**
 * The tile versions in memory: read again only once a request names a newer data version than the
 * copy (every write raises it, and the process hears it by notification, db/queries/data-version.ts),
 * so that a tile request costs no query while nothing is written. The table is small: a few rows
 * per zoom-8 region that ever changed.
 */
export function createTileVersions(db: Database): TileVersions {
  const read = coalescedReads(() => readSnapshot(db));
  let snapshot: Snapshot = { dataVersion: -1, versions: new Map() };
  const at = async (dataVersion: number) => {
    if (snapshot.dataVersion >= dataVersion) return snapshot;
    const fresh = await read();
    if (fresh.dataVersion > snapshot.dataVersion) snapshot = fresh;
    return snapshot.dataVersion >= dataVersion ? snapshot : undefined;
  };
  return {
    async of(dataVersion, layer, { z, x, y }) {
      const known = await at(dataVersion);
      if (!known) return undefined;
      const depth = Math.max(0, z - REGION_ZOOM);
      const region = known.versions.get(regionKey(regionLayerOf(layer), Math.min(z, REGION_ZOOM), x >> depth, y >> depth)) ?? 0;
      return Math.max(region, known.versions.get(regionKey('*', 0, 0, 0)) ?? 0);
    },
  };
}
