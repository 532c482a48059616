import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Database } from '../../db/database.ts';
import type { DataVersion } from '../../db/queries/data-version.ts';
import { requestVersion } from '../http/data-version.ts';
import { renderTile } from '../../db/tiles/encode.ts';
import { TILE_LAYERS, type TileLayer } from '../../db/tiles/layers.ts';
import { MAX_ZOOM, type Tile, isValidTile } from '../../db/tiles/tile.ts';
import { booleanParam, limitParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { assertStorableText, fieldErrors } from '../http/router.ts';
import { companyFilterParams, toCompanyFilter } from '../schemas/filters.ts';

const MAX_FEATURES = 50_000;
const DEFAULT_FEATURES = 20_000;

const tileQuery = z.object({
  ...companyFilterParams,
  crossBorder: booleanParam,
  limit: limitParam(DEFAULT_FEATURES, MAX_FEATURES),
  v: z.string().optional(),
});

function layerOf(name: string): TileLayer {
  // Own keys only: `constructor` is no layer.
  const layer = Object.hasOwn(TILE_LAYERS, name) ? TILE_LAYERS[name as TileLayer['name']] : undefined;
  if (!layer) throw ApiError.invalid([{ field: 'layer', message: `expected one of ${Object.keys(TILE_LAYERS).join(', ')}` }]);
  return layer;
}

function parseQuery(query: Record<string, string>) {
  const result = tileQuery.safeParse(query);
  if (!result.success) throw ApiError.invalid(fieldErrors(result.error, 'query'));
  assertStorableText(result.data, 'query');
  return result.data;
}

/**
 * Vector tiles of the registry (`companies`: clusters then single firms; `density`: a grid per
 * sector), honouring the same filters as /api/companies, and their TileJSON.
 */
export function tileRoutes({ db, versions, onTileRendered }: { db: Database; versions: DataVersion; onTileRendered?: ((layer: string, tile: Tile) => void) | undefined }) {
  const router = new Hono();

  router.get('/tiles/:layer{[a-z]+\\.json}', async (c) => {
    const layer = layerOf(c.req.param('layer').replace(/\.json$/, ''));
    const { v: _, ...query } = c.req.query();
    parseQuery(query);
    const params = new URLSearchParams(query);
    params.set('v', String(await requestVersion(c, versions)));
    const origin = new URL(c.req.url).origin;
    return c.json({
      tilejson: '3.0.0',
      name: `Mont-Blanc Sector Atlas: ${layer.name}`,
      description: layer.description,
      attribution: 'Mont-Blanc Sector Atlas',
      scheme: 'xyz',
      // The data version in the tile URLs: after a write, new URLs, so no cache serves old tiles.
      tiles: [`${origin}/api/tiles/${layer.name}/{z}/{x}/{y}.mvt?${params}`],
      minzoom: 0,
      maxzoom: 16,
      bounds: [5.3, 44.8, 8.8, 46.9],
      vector_layers: [{ id: layer.name, fields: layer.fields, minzoom: 0, maxzoom: 16 }],
    });
  });

  router.get('/tiles/:layer/:z/:x/:y', async (c) => {
    const layer = layerOf(c.req.param('layer'));
    const raw = { z: c.req.param('z'), x: c.req.param('x'), y: c.req.param('y').replace(/\.(mvt|pbf)$/, '') };
    const tile = { z: Number(raw.z), x: Number(raw.x), y: Number(raw.y) };
    const bad = (['z', 'x', 'y'] as const).filter((k) => !/^\d{1,8}$/.test(raw[k]));
    if (bad.length || !isValidTile(tile)) {
      const fields = bad.length ? bad : ['z', 'x', 'y'];
      throw ApiError.invalid(fields.map((field) => ({ field, message: `not a tile: z from 0 to ${MAX_ZOOM}, x and y from 0 to 2^z - 1` })));
    }
    const query = parseQuery(c.req.query());
    onTileRendered?.(layer.name, tile);
    const mvt = await renderTile(db, {
      layer,
      tile,
      filter: toCompanyFilter(query),
      limit: query.limit ?? DEFAULT_FEATURES,
      crossBorder: query.crossBorder,
    });
    if (mvt.length === 0) return c.body(null, 204);
    return c.body(new Uint8Array(mvt), 200, { 'Content-Type': 'application/vnd.mapbox-vector-tile' });
  });

  return router;
}

/** The tile endpoints in the OpenAPI document (they are plain routes: binary answers, path suffixes). */
export function documentTiles(registry: OpenAPIHono['openAPIRegistry']) {
  const layer = z.enum(Object.keys(TILE_LAYERS) as [string, ...string[]]).openapi({ param: { name: 'layer', in: 'path' } });
  const coordinate = (name: string) => z.string().openapi({ param: { name, in: 'path' }, example: '8' });
  registry.registerPath({
    method: 'get',
    path: '/tiles/{layer}.json',
    tags: ['Tiles'],
    summary: 'TileJSON of a layer; the filters given here go into its tile URLs with the data version',
    request: { params: z.object({ layer }), query: tileQuery.omit({ limit: true, v: true }) },
    responses: { 200: { description: 'TileJSON 3.0.0', content: { 'application/json': { schema: z.object({ tilejson: z.string(), tiles: z.array(z.string()) }) } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/tiles/{layer}/{z}/{x}/{y}.mvt',
    tags: ['Tiles'],
    summary: 'A Mapbox Vector Tile of companies (clusters, then firms), density (grid per sector) or links (flows, then links)',
    request: { params: z.object({ layer, z: coordinate('z'), x: coordinate('x'), y: coordinate('y') }), query: tileQuery },
    responses: {
      200: { description: 'The tile', content: { 'application/vnd.mapbox-vector-tile': { schema: z.string().openapi({ format: 'binary' }) } } },
      204: { description: 'Empty tile' },
      400: { description: 'Not a tile, or a bad filter: `errors` names the field' },
    },
  });
}
