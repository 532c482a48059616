import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { atlasStyle } from '../../shared/style/atlas-style.ts';
import type { Config } from '../config.ts';
import { MAP_LAYERS, type MapLayerName, createMapLayers } from '../geo/map-layers.ts';
import { ApiError } from '../http/problem.ts';

const LANGS = ['fr', 'it', 'en'];
const FILTERS = ['sector', 'country', 'size', 'status', 'asOf', 'q', 'within'];

const etag = (body: string) => `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;

/** The map style (offline basemap + Atlas layers) and the static geodata layers it reads. */
export function mapRoutes({ config }: { config: Config }) {
  const router = new Hono();
  const layers = createMapLayers();

  router.get('/api/style.json', (c) => {
    const lang = c.req.query('lang') ?? 'en';
    if (!LANGS.includes(lang)) throw ApiError.invalid([{ field: 'lang', message: `expected one of ${LANGS.join(', ')}` }]);
    const url = new URL(c.req.url);
    // Filters given with the style go into its tile URLs, so the first tiles are the right ones.
    const filters = new URLSearchParams([...url.searchParams].filter(([name]) => FILTERS.includes(name)));
    return c.json(atlasStyle(url.origin, lang, filters.toString()));
  });

  router.get('/api/map-config', (c) => c.json({ basemapStyle: config.basemapStyle ?? null }));

  router.get('/geodata/:file{[a-z]+\\.geojson}', (c) => {
    const name = c.req.param('file').replace(/\.geojson$/, '') as MapLayerName;
    const body = MAP_LAYERS.includes(name) ? layers(name) : undefined;
    if (body === undefined) throw ApiError.notFound(`Layer ${name}`);
    const tag = etag(body);
    const headers = { ETag: tag, 'Cache-Control': 'public, max-age=3600', 'Content-Type': 'application/geo+json' };
    if (c.req.header('If-None-Match') === tag) return c.body(null, 304, headers);
    return c.body(body, 200, headers);
  });

  return router;
}
