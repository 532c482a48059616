import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ADMIN_TOKEN } from './support/app.ts';
import { type AtlasProcess, spawnAtlas } from './support/process.ts';
import { builtWebDir } from './support/web-build.ts';
import { chamonixGuides } from './fixtures/companies.ts';

/** The real server process on the embedded engine: start-up, seeding, locking, stopping. */
describe('the Atlas process on the embedded engine', { timeout: 120_000 }, () => {
  let dataDir: string;
  const running: AtlasProcess[] = [];
  const start = (env: Record<string, string> = {}) => {
    const atlas = spawnAtlas({ ATLAS_DATA_DIR: dataDir, ATLAS_ADMIN_TOKEN: ADMIN_TOKEN, ...env });
    running.push(atlas);
    return atlas;
  };
  const stop = async (atlas: AtlasProcess, signal: NodeJS.Signals = 'SIGTERM') => {
    atlas.child.kill(signal);
    return atlas.exited;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'atlas-process-'));
    cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((atlas) => (atlas.child.exitCode === null ? stop(atlas, 'SIGKILL') : null)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds an empty registry, and keeps a created firm across a clean restart', async () => {
    const first = start();
    const url = await first.ready;
    expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ engine: 'pglite', companies: 3450, sampleCompanies: 3450 });
    const created = await fetch(`${url}/api/companies`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(chamonixGuides),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();

    expect(await stop(first)).toBe(0);
    expect(first.output()).toMatch(/SIGTERM: closing/);
    expect(existsSync(join(dataDir, 'atlas.lock'))).toBe(false);

    const second = start();
    const again = await second.ready;
    const health = await (await fetch(`${again}/api/health`)).json();
    expect(health).toMatchObject({ companies: 3451, sampleCompanies: 3450 });
    const firm = await (await fetch(`${again}/api/companies/${id}`)).json();
    expect(firm.properties.name).toBe(chamonixGuides.name);
    // Two cold starts of a real process, the first creating the database: slow on a busy machine.
  }, 120_000);

  it('refuses, at once and clearly, a second process on the same data directory', async () => {
    const first = start({ ATLAS_SEED: 'never' });
    await first.ready;
    const second = start({ ATLAS_SEED: 'never' });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already in use by another Atlas process \(pid \d+\)/);
    const url = await first.ready;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('starts again after being killed, taking over the dead process’s lock', async () => {
    const first = start({ ATLAS_SEED: 'never' });
    await first.ready;
    await stop(first, 'SIGKILL');
    expect(existsSync(join(dataDir, 'atlas.lock'))).toBe(true);
    const second = start({ ATLAS_SEED: 'never' });
    const url = await second.ready;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('serves, compiled, the files it reads as it runs: the built app, its fonts, the geodata and the API docs', async () => {
    const url = await start({ ATLAS_SEED: 'never' }).ready;
    const page = await fetch(`${url}/`);
    expect(await page.text()).toBe(readFileSync(join(builtWebDir(), 'index.html'), 'utf8'));
    const font = await fetch(`${url}/fonts/Noto%20Sans%20Regular/0-255.pbf`);
    expect([font.status, font.headers.get('content-type')]).toEqual([200, 'application/x-protobuf']);
    const countries = await (await fetch(`${url}/geodata/countries.geojson`)).json();
    expect(countries.features.map((f: { properties: { country: string } }) => f.properties.country).sort()).toEqual(['CH', 'FR', 'IT']);
    expect((await fetch(`${url}/api/docs/swagger-ui.css`)).status).toBe(200);
    expect(await (await fetch(`${url}/api/ready`)).json()).toEqual({ status: 'ready' });
  });

  it('fails fast on bad configuration, naming the variable', async () => {
    const atlas = start({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await atlas.exited).toBe(1);
    expect(atlas.output()).toMatch(/PORT:/);
    expect(atlas.output()).toMatch(/DATABASE_URL: must be a postgres/);
  });
});
