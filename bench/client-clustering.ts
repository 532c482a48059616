import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** The page of a uMap / kepler.gl / Datawrapper user, served beside the Atlas (same origin). */
export const PEER_PAGE = '/__bench/client-clustering.html';
const MAPLIBRE = '/__bench/maplibre/';
const MAPLIBRE_DIST = new URL('../node_modules/maplibre-gl/dist/', import.meta.url);

/**
 * The Atlas's own basemap, with the whole registry fetched once as GeoJSON and clustered in the
 * browser by MapLibre's GeoJSON clustering (supercluster), as those tools do. Marks
 * `peer-ready` at the first idle map with the clusters drawn.
 */
const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="${MAPLIBRE}maplibre-gl.css">
<style>html,body,#map{margin:0;width:100%;height:100%}</style></head>
<body><div id="map"></div>
<script type="module">
import * as maplibregl from '${MAPLIBRE}maplibre-gl.mjs';
// Set before the first await: a module script runs that far before the page's load event.
let ready;
window.peerReady = new Promise((resolve) => (ready = resolve));
maplibregl.setWorkerUrl(new URL('${MAPLIBRE}maplibre-gl-worker.mjs', location.href).href);
const style = await (await fetch('/api/style.json?lang=en')).json();
// The Atlas's data sources and layers out, the basemap kept.
const atlasSources = Object.entries(style.sources).filter(([, s]) => s.type === 'vector' && String(s.url ?? s.tiles?.[0] ?? '').includes('/api/')).map(([name]) => name);
const dropped = new Set([...atlasSources, 'territories', 'nearby', 'actors']);
for (const name of dropped) delete style.sources[name];
style.layers = style.layers.filter((layer) => !dropped.has(layer.source));
style.sources.firms = { type: 'geojson', data: '/api/companies?format=geojson', cluster: true, clusterRadius: 50 };
style.layers.push(
  { id: 'clusters', type: 'circle', source: 'firms', filter: ['has', 'point_count'],
    paint: { 'circle-color': '#2a6f97', 'circle-radius': ['step', ['get', 'point_count'], 12, 100, 18, 1000, 26] } },
  { id: 'cluster-count', type: 'symbol', source: 'firms', filter: ['has', 'point_count'],
    layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': style.layers.find((l) => l.layout?.['text-font'])?.layout['text-font'] ?? [], 'text-size': 12 } },
  { id: 'firm', type: 'circle', source: 'firms', filter: ['!', ['has', 'point_count']], paint: { 'circle-color': '#2a6f97', 'circle-radius': 5 } },
);
const map = new maplibregl.Map({ container: 'map', style });
const check = () => {
  if (map.isSourceLoaded('firms') && map.querySourceFeatures('firms').length > 0) {
    performance.mark('peer-ready');
    ready(map.querySourceFeatures('firms').length);
  } else map.once('idle', check);
};
map.once('idle', check);
</script></body></html>`;

const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** Serves the peer page and MapLibre's files to `page` from here, on the Atlas's origin. */
export async function servePeerPage(page: Page, base: string): Promise<void> {
  await page.route(`${base}${PEER_PAGE}`, (route) => route.fulfill({ body: PAGE_HTML, contentType: 'text/html' }));
  await page.route(`${base}${MAPLIBRE}**`, (route) => {
    const file = new URL(route.request().url()).pathname.slice(MAPLIBRE.length);
    if (!/^[a-z0-9.-]+$/.test(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ body: readFileSync(new URL(file, MAPLIBRE_DIST)), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
}

/** Bytes on the wire (compressed body and headers) of the page's requests to the Atlas's API. */
function countApiBytes(page: Page, base: string): () => Promise<number> {
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (!request.url().startsWith(`${base}/api/`)) return;
    // Asked as requests finish; a page closed before its answer came counts nothing more.
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0));
  });
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
}

export type PageLoad = { ms: number; apiBytes: number };

/**
 * Loads `path` three times, each in a new browser context (an empty cache, as a first visit),
 * and gives the median time from navigation to the performance mark `mark`, once `ready` (a page
 * expression) has settled, and the API bytes of the first load.
 */
export async function timePageLoads(browser: Browser, base: string, path: string, mark: string, ready: string): Promise<PageLoad> {
  const times: number[] = [];
  let apiBytes = 0;
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await servePeerPage(page, base);
    const bytes = i === 0 ? countApiBytes(page, base) : undefined;
    await page.goto(base + path);
    await page.evaluate(ready);
    times.push(await page.evaluate((name) => performance.getEntriesByName(name)[0]!.startTime, mark));
    if (bytes) apiBytes = await bytes();
    await context.close();
  }
  return { ms: times.sort((a, b) => a - b)[1]!, apiBytes };
}

/** The client-side clustering peer's page load (see PAGE_HTML). */
export const clientClusteringLoad = (browser: Browser, base: string) => timePageLoads(browser, base, PEER_PAGE, 'peer-ready', 'window.peerReady');
