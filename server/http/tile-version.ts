import type { MiddlewareHandler } from 'hono';
import type { DataVersion } from '../../db/queries/data-version.ts';
import type { TileVersions } from '../../db/queries/tile-versions.ts';
import { TILE_LAYERS } from '../../db/tiles/layers.ts';
import { isValidTile } from '../../db/tiles/tile.ts';
import { requestVersion } from './data-version.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** A tile's own version (db/queries/tile-versions.ts): its ETag and cache key follow it, not the data version. */
    tileVersion: number;
  }
}

const TILE_PATH = /\/tiles\/([a-z]+)\/(\d{1,8})\/(\d{1,8})\/(\d{1,8})(?:\.(?:mvt|pbf))?$/;

/**
 * Sets the version of the tile a request asks for, before the ETags and the response cache, so
 * that a write elsewhere on the map leaves this tile's tag and cached answer as they are. A path
 * that is no tile is left to the route, which answers it 400.
 */
export function tileVersion(versions: DataVersion, tiles: TileVersions): MiddlewareHandler {
  return async function tileVersion(c, next) {
    const match = TILE_PATH.exec(c.req.path);
    if (c.req.method === 'GET' && match && Object.hasOwn(TILE_LAYERS, match[1]!)) {
      const tile = { z: Number(match[2]), x: Number(match[3]), y: Number(match[4]) };
      if (isValidTile(tile)) {
        const version = await tiles.of(await requestVersion(c, versions), match[1]!, tile);
        if (version !== undefined) c.set('tileVersion', version);
      }
    }
    return next();
  };
}
