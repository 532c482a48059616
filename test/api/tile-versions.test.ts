import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createPostgresDb } from '../../db/engines/postgres.ts';
import { createApp } from '../../server/app.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';
import { ADMIN_TOKEN, testConfig } from '../support/app.ts';
import { openTestDb, testEngines, urlOf } from '../support/databases.ts';
import { eventually } from '../support/http.ts';
import { decodeLayer } from '../support/mvt.ts';
import { type Point, type Tile, tileOf } from '../support/tile-of.ts';

const nameOf = (layer: string, { z, x, y }: Tile) => `${layer}/${z}/${x}/${y}`;
/** Whether a tile lies in the zoom-8 region (or, at zoom 8 and less, is the tile) over a point. */
const over = (tile: Tile, point: Point) => {
  const region = tileOf(point, Math.min(tile.z, 8));
  const depth = Math.max(0, tile.z - 8);
  return tile.x >> depth === region.x && tile.y >> depth === region.y;
};

const CHAMONIX = chamonixGuides.location.coordinates as Point;
const COURMAYEUR = courmayeurSpa.location.coordinates as Point;
const MARTIGNY = martignyJoinery.location.coordinates as Point;
// In France, as Chamonix, but another zoom-8 region than the three firms'.
const THONON: Point = [6.479, 46.371];
// Far from every firm and link: its tiles (empty) never change.
const LUGANO: Point = [8.95, 46.0];
const ZOOMS = [4, 6, 8, 10, 12];

/** The app over `db`, recording the tiles it computes (those not answered from its cache). */
function countingApp(db: Database) {
  const rendered: string[] = [];
  const app = createApp({ db, config: testConfig(), onTileRendered: (layer, tile) => rendered.push(nameOf(layer, tile)) });
  const request = (path: string, init: RequestInit = {}) => app.request(`http://localhost${path}`, init);
  const write = async (method: string, path: string, body: unknown) => {
    const response = await request(path, { method, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return response.json();
  };
  return { rendered, request, write };
}

const warmed = (layer: string) => {
  const tiles = new Map<string, Tile>();
  for (const point of [CHAMONIX, COURMAYEUR, MARTIGNY, THONON, LUGANO]) for (const z of ZOOMS) tiles.set(nameOf(layer, tileOf(point, z)), tileOf(point, z));
  return [...tiles].map(([name, tile]) => ({ layer, name, tile, path: `/api/tiles/${name}.mvt` }));
};
const TILES = [...warmed('companies'), ...warmed('links')];

describe.each(testEngines())('tiles keyed by their region on %s', (engine) => {
  let db: Database;
  let second: Database;
  let a: ReturnType<typeof countingApp>;
  let b: ReturnType<typeof countingApp>;
  const ids: Record<string, number> = {};
  let link: number;

  /** Gets every warmed tile through `app`; returns what it computed and the ETags. */
  const getAll = async (app: ReturnType<typeof countingApp>) => {
    app.rendered.length = 0;
    const tags = new Map<string, string | null>();
    for (const { name, path } of TILES) {
      const response = await app.request(path);
      expect(response.status, path).toBeLessThan(300);
      tags.set(name, response.headers.get('ETag'));
      await response.arrayBuffer();
    }
    return { rendered: [...app.rendered].sort(), tags };
  };
  const names = async (app: ReturnType<typeof countingApp>, layer: string, tile: Tile) => {
    const response = await app.request(`/api/tiles/${nameOf(layer, tile)}.mvt`);
    return response.status === 204 ? [] : decodeLayer(await response.arrayBuffer(), layer).map((f) => f.properties.name);
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    // A second process on the same server: its own connections, its own notifications.
    // (The embedded engine belongs to one process: there, the same app stands for both.)
    second = engine === 'postgres' ? await createPostgresDb(urlOf(db), 2) : db;
    a = countingApp(db);
    b = second === db ? a : countingApp(second);
    for (const [key, firm] of Object.entries({ chamonix: chamonixGuides, courmayeur: courmayeurSpa, martigny: martignyJoinery })) ids[key] = (await a.write('POST', '/api/companies', firm)).id;
    link = (await a.write('POST', '/api/links', { from: ids.courmayeur, to: ids.martigny, kind: 'partner' })).id;
  });
  afterAll(async () => {
    if (second !== db) await second?.close();
    await db?.close();
  });

  it('recomputes no tile for a change the tiles do not draw, and keeps their ETags', async () => {
    const before = await getAll(a);
    expect(before.rendered.length).toBe(TILES.length);
    expect((await getAll(a)).rendered).toEqual([]);
    await a.write('PATCH', `/api/companies/${ids.chamonix}`, { website: 'https://guides.example', note: 'Seen at the fair' });
    await a.write('PATCH', `/api/links/${link}`, { note: 'Since the fair' });
    const after = await getAll(a);
    expect(after.rendered).toEqual([]);
    expect(after.tags).toEqual(before.tags);
    const { path, name } = TILES[0]!;
    expect((await a.request(path, { headers: { 'If-None-Match': before.tags.get(name)! } })).status).toBe(304);
  });

  it('recomputes only the tiles over both positions of a moved firm, in this process and another', async () => {
    await getAll(b);
    const before = await getAll(a);
    expect(await names(b, 'companies', tileOf(CHAMONIX, 12))).toContain(chamonixGuides.name);
    await a.write('PATCH', `/api/companies/${ids.chamonix}`, { location: { type: 'Point', coordinates: THONON } });
    const after = await getAll(a);
    const expected = TILES.filter(({ layer, tile }) => layer === 'companies' && (over(tile, CHAMONIX) || over(tile, THONON))).map(({ name }) => name).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(TILES.length / 2);
    expect(after.rendered).toEqual(expected);
    for (const name of expected) expect(after.tags.get(name), name).not.toBe(before.tags.get(name));
    expect(await names(a, 'companies', tileOf(THONON, 12))).toContain(chamonixGuides.name);
    expect(await names(a, 'companies', tileOf(CHAMONIX, 12))).not.toContain(chamonixGuides.name);
    // The other process hears the write and recomputes the same tiles, no others.
    expect(await eventually(async () => (await names(b, 'companies', tileOf(THONON, 12))).includes(chamonixGuides.name), 5_000)).toBe(true);
    expect(await names(b, 'companies', tileOf(CHAMONIX, 12))).not.toContain(chamonixGuides.name);
    if (b !== a) {
      const other = await getAll(b);
      expect(other.rendered.every((name) => expected.includes(name)), other.rendered.join()).toBe(true);
    }
  });

  it('recomputes the tiles over a firm whose sector changes, and the links over its links', async () => {
    await getAll(a);
    await a.write('PATCH', `/api/companies/${ids.courmayeur}`, { sectors: ['building_renovation'], primarySector: 'building_renovation' });
    const { rendered } = await getAll(a);
    const companies = TILES.filter(({ layer, tile }) => layer === 'companies' && over(tile, COURMAYEUR)).map(({ name }) => name);
    expect(rendered.filter((name) => name.startsWith('companies/'))).toEqual(companies.sort());
    const links = rendered.filter((name) => name.startsWith('links/'));
    for (const point of [COURMAYEUR, MARTIGNY]) expect(links).toContain(nameOf('links', tileOf(point, 12)));
    // The zoom-8 regions the link's box covers, not beyond.
    for (const z of ZOOMS.filter((zoom) => zoom >= 8)) expect(links).not.toContain(nameOf('links', tileOf(LUGANO, z)));
  });

  it('recomputes the link tiles over a changed link’s arc, no firm tile', async () => {
    await getAll(a);
    await a.write('PATCH', `/api/links/${link}`, { kind: 'supplier' });
    const { rendered } = await getAll(a);
    expect(rendered.filter((name) => name.startsWith('companies/'))).toEqual([]);
    for (const point of [COURMAYEUR, MARTIGNY]) expect(rendered).toContain(nameOf('links', tileOf(point, 12)));
    for (const z of ZOOMS.filter((zoom) => zoom >= 8)) expect(rendered).not.toContain(nameOf('links', tileOf(LUGANO, z)));
    const kinds = decodeLayer(await (await a.request(`/api/tiles/${nameOf('links', tileOf(MARTIGNY, 12))}.mvt`)).arrayBuffer(), 'links').map((f) => f.properties.kind);
    expect(kinds).toEqual(['supplier']);
  });
});
