import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AtlasProcess, spawnAtlas } from './support/process.ts';

const run = promisify(execFile);

/**
 * A real OGC API – Features client (GDAL's OAPIF driver, the one QGIS uses) reads every
 * collection from the real server, following the paging links itself.
 */
describe('GDAL reads the OGC API', () => {
  let dataDir: string;
  let atlas: AtlasProcess;
  let source: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'atlas-gdal-'));
    cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
    atlas = spawnAtlas({ ATLAS_DATA_DIR: dataDir });
    source = `OAPIF:${await atlas.ready}/ogc`;
  }, 120_000);
  afterAll(async () => {
    if (atlas?.child.exitCode === null) {
      atlas.child.kill('SIGTERM');
      await atlas.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the four collections with their geometry types', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-q', source]);
    expect(stdout).toContain('companies (title: Companies) (Point)');
    expect(stdout).toContain('links (title: Links) (Line String)');
    expect(stdout).toContain('actors (title: Support organisations) (Point)');
    // Outlines (multipolygons) and, for territories of communes, their towns (multipoints): one layer of any geometry.
    expect(stdout).toMatch(/territories \(title: Territories\)$/m);
  });

  it.each([
    ['companies', 3000, 'commune_code'],
    ['links', 400, 'cross_border'],
    ['actors', 7, 'kind'],
    ['territories', 13, 'official_code'],
  ])('copies every feature of %s with ogr2ogr', async (layer, count, field) => {
    const out = join(dataDir, `${layer}.geojson`);
    await run('ogr2ogr', ['-f', 'GeoJSON', out, source, layer], { timeout: 60_000 });
    const copied = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    expect(copied.features).toHaveLength(count);
    expect(copied.features[0]!.properties).toHaveProperty(field);
  }, 90_000);

  it('asks the server for a bbox only', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', source, 'companies', '-spat', '6.85', '45.9', '6.9', '45.95']);
    const count = Number(/Feature Count: (\d+)/.exec(stdout)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(3000);
  });

  it('gets no private field', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', source, 'companies']);
    expect(stdout).not.toMatch(/contact_email|contact_phone|note:/);
  });
});
