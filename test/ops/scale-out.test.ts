import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chamonixGuides } from '../fixtures/companies.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { processStore, testEngines } from '../support/databases.ts';
import { postFirm } from '../support/http.ts';
import { type AtlasProcess, spawnAtlas } from '../support/process.ts';

/** Several API processes behind a proxy share one PostGIS server and keep no state of their own. */
describe.skipIf(!testEngines().includes('postgres'))('two API processes over one PostGIS database', () => {
  let a: string;
  let b: string;
  const running: AtlasProcess[] = [];
  let remove: () => Promise<void>;

  beforeAll(async () => {
    const store = await processStore('postgres');
    remove = store.remove;
    // Started together: one migrates while the other waits.
    running.push(...[0, 1].map(() => spawnAtlas({ ...store.env, ATLAS_SEED: 'never', ATLAS_ADMIN_TOKEN: ADMIN_TOKEN })));
    const urls = await Promise.all(running.map((atlas) => atlas.ready));
    [a, b] = [urls[0]!, urls[1]!];
  }, 120_000);

  afterAll(async () => {
    for (const atlas of running) {
      atlas.child.kill('SIGKILL');
      await atlas.exited;
    }
    await remove?.();
  });

  it('serves a write through one at once through the other, with a new ETag and no stale 304', async () => {
    const path = '/api/companies?commune=74056';
    const before = await fetch(b + path);
    expect((await before.json()).numberMatched).toBe(0);
    const tag = before.headers.get('ETag')!;
    expect((await fetch(b + path, { headers: { 'If-None-Match': tag } })).status).toBe(304);

    const created = await postFirm(a, chamonixGuides);
    expect(created.status).toBe(201);
    const { id } = await created.json();

    const after = await fetch(b + path, { headers: { 'If-None-Match': tag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(tag);
    expect((await after.json()).features.map((f: { id: number }) => f.id)).toEqual([id]);
  });

  it('moves the other process’s tile URLs to the new data version after each write', async () => {
    const tileUrl = async (base: string) => ((await (await fetch(`${base}/api/tiles/companies.json`)).json()).tiles[0] as string).replace(base, '');
    const before = await tileUrl(b);
    const { id } = await (await postFirm(a, { ...chamonixGuides, name: 'Test firm of the tiles' })).json();
    const created = await tileUrl(b);
    expect(created).not.toBe(before);
    expect(await tileUrl(a)).toBe(created);

    const deleted = await fetch(`${a}/api/companies/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(deleted.status).toBe(204);
    expect(await tileUrl(b)).not.toBe(created);
    expect((await fetch(`${b}/api/companies/${id}`)).status).toBe(404);
  });
});
