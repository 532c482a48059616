import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chamonixGuides } from '../fixtures/companies.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { eventually, postFirm } from '../support/http.ts';
import { type AtlasProcess, spawnAtlas } from '../support/process.ts';
import { type ThrowawayPostgres, createThrowawayPostgres, throwawayPostgresAvailable } from '../support/throwaway-postgres.ts';

/** The PostGIS server restarting under a running Atlas: its own PostgreSQL, never the shared one. */
describe.skipIf(!throwawayPostgresAvailable)('the database going away and coming back', () => {
  let database: ThrowawayPostgres;
  let atlas: AtlasProcess;
  let url: string;
  let id: number;

  beforeAll(async () => {
    database = await createThrowawayPostgres();
    atlas = spawnAtlas({ DATABASE_URL: database.url, ATLAS_SEED: 'never', ATLAS_ADMIN_TOKEN: ADMIN_TOKEN });
    url = await atlas.ready;
    const created = await postFirm(url, chamonixGuides);
    expect(created.status).toBe(201);
    id = (await created.json()).id;
  }, 120_000);

  afterAll(async () => {
    atlas?.child.kill('SIGKILL');
    await atlas?.exited;
    await database?.destroy();
  });

  it('answers 503 with Retry-After while the database is down, then recovers by itself', async () => {
    expect((await fetch(`${url}/api/ready`)).status).toBe(200);
    await database.stop();

    const read = await fetch(`${url}/api/companies/${id}`);
    expect(read.status).toBe(503);
    expect(read.headers.get('Content-Type')).toBe('application/problem+json');
    expect(read.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(await read.json()).toMatchObject({ status: 503, title: 'Service unavailable' });
    const write = await postFirm(url, { ...chamonixGuides, name: 'Test written while the database is down' });
    expect(write.status).toBe(503);
    const ready = await fetch(`${url}/api/ready`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).detail).toBe('The database cannot be reached');
    expect((await fetch(`${url}/api/live`)).status).toBe(200);

    await database.start();
    expect(await eventually(async () => (await fetch(`${url}/api/companies/${id}`)).status === 200, 30_000)).toBe(true);
    expect((await fetch(`${url}/api/ready`)).status).toBe(200);
    const firm = await (await fetch(`${url}/api/companies/${id}`)).json();
    expect(firm.properties.name).toBe(chamonixGuides.name);
    expect(atlas.child.exitCode).toBeNull();
    expect(atlas.output()).not.toMatch(/Unhandled|uncaught/i);
  }, 90_000);
});
