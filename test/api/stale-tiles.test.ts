import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { renderTile } from '../../db/tiles/encode.ts';
import { TILE_LAYERS, type TileLayer } from '../../db/tiles/layers.ts';
import { createApp } from '../../server/app.ts';
import { silentLogger } from '../../server/logging/logger.ts';
import { toCompanyFilter } from '../../server/schemas/filters.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';
import { ADMIN_TOKEN, testConfig } from '../support/app.ts';
import { type BrowserSession, browserOn } from '../support/browser-session.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { decodeLayer } from '../support/mvt.ts';
import { type Point, type Tile, tileOf } from '../support/tile-of.ts';


const CHAMONIX = chamonixGuides.location.coordinates as Point;
const COURMAYEUR = courmayeurSpa.location.coordinates as Point;
const MARTIGNY = martignyJoinery.location.coordinates as Point;
// In France, as Chamonix, each in another zoom-8 region: where the moved firm goes and comes back from.
const THONON: Point = [6.479, 46.371];
const ANNECY: Point = [6.129, 45.899];
// Far from every firm and link: its tiles at zoom 8 and beyond never change (a 304 is right there).
const LUGANO: Point = [8.95, 46.0];
const MOVES = [THONON, ANNECY, CHAMONIX];
const LAYERS = ['companies', 'density', 'links'];
const ZOOMS = [5, 8, 10, 12, 14];
const WRITES = 48;
const PASSWORD = 'a long enough passphrase';

/** The tiles over every position the writes use, at zooms on both sides of the regions' zoom 8. */
const TILES = (() => {
  const tiles = new Map<string, { layer: string; tile: Tile }>();
  for (const layer of LAYERS) {
    for (const point of [CHAMONIX, COURMAYEUR, MARTIGNY, THONON, ANNECY, LUGANO]) {
      for (const z of ZOOMS) {
        const tile = tileOf(point, z);
        tiles.set(`${layer}/${z}/${tile.x}/${tile.y}`, { layer, tile });
      }
    }
  }
  return [...tiles].map(([name, value]) => ({ name, ...value }));
})();

/** A tile's features in an order-free form. */
const featureList = (bytes: ArrayBuffer, layer: string) => decodeLayer(bytes, layer).map((f) => JSON.stringify([f.properties, f.lines])).sort();

async function featuresOf(response: Response, layer: string): Promise<string[]> {
  if (response.status === 204) return [];
  expect(response.status, response.url).toBe(200);
  return featureList(await response.arrayBuffer(), layer);
}

/** The tile computed from the database now, as the route does for a URL without filters (no cache on the way). */
async function recomputed(db: Database, layer: string, tile: Tile): Promise<string[]> {
  const bytes = await renderTile(db, { layer: TILE_LAYERS[layer as TileLayer['name']], tile, filter: toCompanyFilter({}), limit: 20_000 });
  return bytes.length === 0 ? [] : featureList(bytes.slice().buffer, layer);
}

/** The writes that change tiles, through the API as an editor's page sends them (GET the version, then If-Match). */
function editorWrites(editor: BrowserSession, ids: { moved: number; sectors: number; closed: number; partner: number }) {
  let link: number | undefined;
  const versionOf = async (path: string) => {
    const read = await editor.get(path);
    expect(read.status, path).toBe(200);
    return read.headers.get('ETag')!;
  };
  const patch = async (path: string, body: unknown) => {
    const answer = await editor.patch(path, body, { 'If-Match': await versionOf(path) });
    expect(answer.status, `PATCH ${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  };
  const kinds = [
    (i: number) => patch(`/api/companies/${ids.moved}`, { location: { type: 'Point', coordinates: MOVES[i % MOVES.length] } }),
    (i: number) => patch(`/api/companies/${ids.sectors}`, i % 2 ? { sectors: ['phyto_wellbeing', 'outdoor'], primarySector: 'phyto_wellbeing' } : { sectors: ['outdoor'], primarySector: 'outdoor' }),
    async () => {
      if (link === undefined) {
        const made = await editor.post('/api/links', { from: ids.partner, to: ids.closed, kind: 'partner' });
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        link = made.body.id as number;
      } else {
        const path = `/api/links/${link}`;
        expect((await editor.delete(path, { 'If-Match': await versionOf(path) })).status).toBe(204);
        link = undefined;
      }
    },
    (i: number) => patch(`/api/companies/${ids.closed}`, i % 2 ? { status: 'active', closedOn: null } : { status: 'closed', closedOn: '2026-11-30' }),
  ];
  return (i: number) => kinds[i % kinds.length]!(Math.floor(i / kinds.length));
}

describe.each(testEngines())('no stale tile while editors write, on %s', (engine) => {
  let db: Database;
  // The app as served, its response cache on.
  let cached: ReturnType<typeof createApp>;
  let editor: BrowserSession;
  let rendered = 0;
  const ids = { moved: 0, sectors: 0, closed: 0, partner: 0 };

  beforeAll(async () => {
    db = await openTestDb(engine);
    cached = createApp({ db, config: testConfig(), logger: silentLogger(), onTileRendered: () => rendered++ });
    const admin = async (path: string, body: unknown) => {
      const answer = await cached.request(`http://localhost${path}`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(answer.status, `${path}: ${await answer.clone().text()}`).toBeLessThan(300);
      return answer.json();
    };
    ids.moved = (await admin('/api/companies', chamonixGuides)).id;
    ids.sectors = (await admin('/api/companies', courmayeurSpa)).id;
    ids.closed = (await admin('/api/companies', martignyJoinery)).id;
    ids.partner = ids.sectors;
    await admin('/api/links', { from: ids.sectors, to: ids.moved, kind: 'supplier' });
    await admin('/api/accounts', { email: 'editor@example.org', name: 'Eda Editor', role: 'editor', password: PASSWORD });
    editor = browserOn(cached);
    expect((await editor.signIn('editor@example.org', PASSWORD)).status).toBe(200);
    // The first reads start the process listening for versions, before the loops (as a server
    // that has answered its first visitor): a LISTEN that the embedded engine's one session
    // receives while a write begins breaks that write, which is not what this test is about.
    for (let i = 0; i < 2; i++) expect((await cached.request('http://localhost/api/health')).status).toBe(200);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('serves after each write’s answer the tiles a recomputation gives, immutable URLs never change, and no old ETag gets a 304 for a changed tile', async () => {
    const writes = { started: 0, answered: 0, done: false };
    const write = editorWrites(editor, ids);
    const writer = (async () => {
      try {
        for (let i = 0; i < WRITES; i++) {
          writes.started++;
          await write(i);
          writes.answered++;
          // Pauses of varying length, so that reads land both between writes and during them.
          await new Promise((resolve) => setTimeout(resolve, 40 + ((i * 37) % 80)));
        }
      } finally {
        writes.done = true;
      }
    })();

    const seen = new Map<string, { etag: string; features: string[] }>();
    const immutable = new Map<string, string[]>();
    const nonEmptyLayers = new Set<string>();
    const counts = { reads: 0, checked: 0, nonEmpty: 0, changed: 0, notModified: 0, immutable: 0 };
    const get = (app: ReturnType<typeof createApp>, path: string, headers: Record<string, string> = {}) => app.request(`http://localhost${path}`, { headers });
    const templates = async () => {
      const urls = new Map<string, string>();
      for (const layer of LAYERS) {
        const tilejson = await (await get(cached, `/api/tiles/${layer}.json`)).json();
        urls.set(layer, (tilejson.tiles[0] as string).replace(/^https?:\/\/[^/]+/, ''));
      }
      return urls;
    };

    while (!writes.done) {
      for (const { name, layer, tile } of TILES) {
        // Only a read that no write overlapped is compared: it started after a write's answer and
        // the next write had not started when the recomputation ended.
        const quiet = writes.started === writes.answered;
        const startedBefore = writes.started;
        // The map's URL as its TileJSON gives it now (immutable while it names the current version).
        const urls = await templates();
        const path = urls.get(layer)!.replace('{z}', String(tile.z)).replace('{x}', String(tile.x)).replace('{y}', String(tile.y));
        const served = await get(cached, path);
        const control = served.headers.get('Cache-Control') ?? '';
        const features = await featuresOf(served, layer);
        // A browser's copy of the plain URL, revalidated with the ETag it was given: a 304 says it is current.
        const previous = seen.get(name);
        const plain = await get(cached, `/api/tiles/${name}.mvt`, previous ? { 'If-None-Match': previous.etag } : {});
        const copy = plain.status === 304 ? previous!.features : await featuresOf(plain, layer);
        const truth = await recomputed(db, layer, tile);
        counts.reads++;
        // As a browser does: it keeps the copy and the ETag of its last 200, whenever it came.
        seen.set(name, { etag: plain.status === 304 ? previous!.etag : plain.headers.get('ETag')!, features: copy });
        if (!quiet || writes.started !== startedBefore) continue;
        counts.checked++;
        expect(features, `${path} after ${writes.answered} writes`).toEqual(truth);
        if (features.length) {
          counts.nonEmpty++;
          nonEmptyLayers.add(layer);
        }
        if (previous && previous.features.join() !== truth.join()) {
          counts.changed++;
          // The tile changed since that ETag was given: a 304 would keep the browser's old copy.
          expect(plain.status, `${name} revalidated with ${previous.etag} after a write changed it`).not.toBe(304);
        }
        expect(copy, `${name} as revalidated`).toEqual(truth);
        if (/immutable/.test(control)) {
          counts.immutable++;
          const kept = immutable.get(path);
          if (kept) expect(features, `${path} is immutable`).toEqual(kept);
          immutable.set(path, features);
        }
        if (plain.status === 304) counts.notModified++;
      }
    }
    await writer;

    // The preconditions that make the checks above mean something.
    expect(writes.answered).toBe(WRITES);
    expect(counts.checked, JSON.stringify(counts)).toBeGreaterThan(TILES.length);
    expect(counts.nonEmpty, JSON.stringify(counts)).toBeGreaterThanOrEqual(20);
    expect([...nonEmptyLayers].sort()).toEqual([...LAYERS].sort());
    expect(counts.changed, JSON.stringify(counts)).toBeGreaterThanOrEqual(10);
    // Unchanged tiles were revalidated too (a 304 is no failure in itself).
    expect(counts.notModified).toBeGreaterThan(0);
    expect(counts.immutable).toBeGreaterThan(0);
    // The response cache answered some of the reads (else it was not under test).
    expect(rendered).toBeLessThan(counts.reads);
  }, 240_000);
});
