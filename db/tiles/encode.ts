import { sql } from 'drizzle-orm';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Database } from '../database.ts';
import { EXTENT, gridCellsQuery } from './grid-query.ts';
import { type CellRow, type LineRow, type TileRequest, cellProperties, lineProperties } from './layers.ts';
import { linkLinesQuery } from './links-query.ts';
import { linkFilterOf } from '../queries/links.ts';

/**
 * A Mapbox Vector Tile for the request, or an empty buffer for an empty tile. On a PostGIS server
 * the database encodes it (ST_AsMVT); embedded PostGIS is built without protobuf support, so
 * there the same rows are encoded in Node. Both give the same decoded tile.
 */
export async function renderTile(db: Database, request: TileRequest): Promise<Uint8Array> {
  if (request.layer.name === 'links') return renderLinks(db, request);
  const { layer, tile, filter, limit } = request;
  const cells = gridCellsQuery(tile, layer.cells(tile.z), filter, limit);
  if (db.engine === 'postgres') {
    const single = layer.name === 'companies';
    const encode = single ? sql`ST_AsMVT(t, ${layer.name}, ${EXTENT}, 'geom', 'fid')` : sql`ST_AsMVT(t, ${layer.name}, ${EXTENT}, 'geom')`;
    const [row] = await db.rows<{ mvt: Uint8Array | null }>(sql`
      SELECT ${encode} AS mvt FROM (
        SELECT count, outdoor, phyto_wellbeing, building_renovation,
               ${single ? sql`name, sector, country, id AS fid,` : sql``}
               ST_MakePoint(px, py) AS geom
        FROM (${cells}) g
      ) t`);
    return row?.mvt ? new Uint8Array(row.mvt) : new Uint8Array();
  }
  const rows = await db.rows<CellRow>(cells);
  if (rows.length === 0) return new Uint8Array();
  const features = rows.map((row) => ({
    type: 1 as const,
    geometry: [[row.px, row.py]],
    tags: cellProperties(layer, row),
    ...(layer.name === 'companies' && row.id !== null ? { id: row.id } : {}),
  }));
  return fromGeojsonVt({ [layer.name]: { features } } as never, { version: 2, extent: EXTENT });
}

/** Clipped link lines (already in tile coordinates), encoded by the database or in Node. */
async function renderLinks(db: Database, request: TileRequest): Promise<Uint8Array> {
  const { tile, filter, limit, crossBorder } = request;
  // A box is the tile's own: the links crossing it, not those of firms in a box.
  const { bbox: _, ...links } = linkFilterOf(filter);
  const lines = linkLinesQuery(tile, { ...links, crossBorder }, limit);
  if (db.engine === 'postgres') {
    const [row] = await db.rows<{ mvt: Uint8Array | null }>(sql`
      SELECT ST_AsMVT(t, 'links', ${EXTENT}, 'geom', 'fid') AS mvt
      FROM (SELECT count, cross_border AS "crossBorder", kind, id AS fid, a, b, coalesce(a_name, a) AS "aName", coalesce(b_name, b) AS "bName", geom
            FROM (${lines}) l) t`);
    return row?.mvt ? new Uint8Array(row.mvt) : new Uint8Array();
  }
  const rows = await db.rows<LineRow>(lines);
  if (rows.length === 0) return new Uint8Array();
  const features = rows.map((row) => {
    const geometry = JSON.parse(row.geojson) as { type: string; coordinates: number[][] | number[][][] };
    const parts = geometry.type === 'LineString' ? [geometry.coordinates as number[][]] : (geometry.coordinates as number[][][]);
    return { type: 2 as const, geometry: parts, tags: lineProperties(row), ...(row.id === null ? {} : { id: row.id }) };
  });
  return fromGeojsonVt({ links: { features } } as never, { version: 2, extent: EXTENT });
}
