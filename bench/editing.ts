import { TERRITORIES_BOUNDS } from '../shared/style/default-view.ts';
import { tilesCovering } from '../test/support/mvt.ts';
import { parsePrometheusText, valueOf } from '../test/support/prometheus-text.ts';
import { type SseStream, openSse } from '../test/support/sse-client.ts';

/** The editing figures of issue 26 (see measureEditing). */
export type EditingFigures = {
  /** The default view's tiles read after the write, and how the response cache answered them. */
  tiles: number;
  hits: number;
  misses: number;
  hitRatio: number;
  /** Open event streams, writes made, and the time from each write's answer to each stream's event. */
  clients: number;
  writes: number;
  eventP50: number;
  eventP99: number;
  eventMax: number;
};

/** The window the first render fits the territories into (as bench/first-render.ts opens the page). */
const VIEWPORT_WIDTH = 1280;
/** The layers the map draws from tiles by default (web/src/state.ts: firms and links). */
const DEFAULT_TILE_LAYERS = ['companies', 'links'];
const EVENT_WAIT_MS = 5_000;

/** The tiles the map asks for on its default view: the territories fitted into the window, 512-px tiles. */
function defaultViewTiles() {
  const [[west, south], [east, north]] = TERRITORIES_BOUNDS;
  const zoom = Math.floor(Math.log2((VIEWPORT_WIDTH * 360) / (512 * (east - west))));
  return tilesCovering([west, south, east, north], zoom);
}

/** The default view's tile paths as the map reads them: from each layer's TileJSON (which names the data version). */
async function defaultViewPaths(base: string): Promise<string[]> {
  const paths: string[] = [];
  for (const layer of DEFAULT_TILE_LAYERS) {
    const { tiles } = (await (await fetch(`${base}/api/tiles/${layer}.json`)).json()) as { tiles: string[] };
    // As text: a URL object would encode the braces of {z}/{x}/{y}.
    const template = tiles[0]!.replace(/^https?:\/\/[^/]+/, '');
    for (const { z, x, y } of defaultViewTiles()) paths.push(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
  }
  return paths;
}

async function getAll(base: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    const response = await fetch(base + path);
    if (response.status >= 400) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  }
}

/** The response cache's hit and miss counters (GET /api/metrics, as a scraper reads them). */
async function cacheCounters(base: string, token: string): Promise<{ hits: number; misses: number }> {
  const response = await fetch(`${base}/api/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`/api/metrics: ${response.status}`);
  const scrape = parsePrometheusText(await response.text());
  return { hits: valueOf(scrape, 'atlas_response_cache_hits_total') ?? 0, misses: valueOf(scrape, 'atlas_response_cache_misses_total') ?? 0 };
}

/** A write of a field no tile draws (a website), as an editor makes it; resolves when it is answered. */
async function writeWebsite(base: string, token: string, firm: number, n: number): Promise<void> {
  const response = await fetch(`${base}/api/companies/${firm}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ website: `https://bench-${n}.example` }),
  });
  if (!response.ok) throw new Error(`PATCH /api/companies/${firm}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/**
 * After one write of a non-spatial field, the share of the default view's tiles (at the new
 * TileJSON's URLs, as an open map reads them again) that the response cache answered. The
 * counters are process-wide: the scrape's own count is measured and taken off.
 */
export async function tileHitsAfterWebsiteWrite(base: string, token: string): Promise<Pick<EditingFigures, 'tiles' | 'hits' | 'misses' | 'hitRatio'>> {
  await getAll(base, await defaultViewPaths(base));
  await writeWebsite(base, token, 1, 0);
  const paths = await defaultViewPaths(base);
  const first = await cacheCounters(base, token);
  const before = await cacheCounters(base, token);
  await getAll(base, paths);
  const after = await cacheCounters(base, token);
  const scrape = { hits: before.hits - first.hits, misses: before.misses - first.misses };
  const hits = after.hits - before.hits - scrape.hits;
  const misses = after.misses - before.misses - scrape.misses;
  return { tiles: paths.length, hits, misses, hitRatio: hits / Math.max(hits + misses, 1) };
}

const versionOf = (data: string | undefined) => Number((JSON.parse(data ?? '{}') as { version?: number }).version ?? 0);

/**
 * `clients` event streams open on GET /api/events (each from its own address, as visitors behind
 * the proxy ATLAS_TRUST_PROXY names, since one address may hold only a few), then `writes`
 * writes one after another: for each, the time from its answer to the event reaching every
 * stream (0 when the event came first).
 */
export async function liveEventDelays(base: string, token: string, clients: number, writes: number): Promise<Pick<EditingFigures, 'clients' | 'writes' | 'eventP50' | 'eventP99' | 'eventMax'>> {
  const streams: SseStream[] = [];
  try {
    for (let i = 0; i < clients; i++) streams.push(await openSse(`${base}/api/events`, { 'X-Forwarded-For': `10.1.${i >> 8}.${i & 255}` }));
    let known = 0;
    for (const stream of streams) {
      if (stream.status !== 200) throw new Error(`/api/events: ${stream.status}`);
      known = Math.max(known, versionOf((await stream.next((e) => e.event === 'version', EVENT_WAIT_MS)).data));
    }
    const delays: number[] = [];
    for (let n = 1; n <= writes; n++) {
      const newer = (e: { event?: string; data?: string }) => e.event === 'version' && versionOf(e.data) > known;
      const received = streams.map((stream) => stream.next(newer, EVENT_WAIT_MS).then((e) => ({ at: performance.now(), version: versionOf(e.data) })));
      await writeWebsite(base, token, 1 + (n % 50), n);
      const answered = performance.now();
      for (const { at, version } of await Promise.all(received)) {
        delays.push(Math.max(0, at - answered));
        known = Math.max(known, version);
      }
    }
    delays.sort((a, b) => a - b);
    const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!;
    return { clients, writes, eventP50: at(0.5), eventP99: at(0.99), eventMax: delays.at(-1)! };
  } finally {
    for (const stream of streams) stream.close();
  }
}
