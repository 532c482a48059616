import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { launchChromium, recordProblems } from '../support/browser.ts';
import { openTestDb } from '../support/databases.ts';
import { type AtlasServer, serveAtlas } from './atlas-server.ts';

const CSV = [
  'UID;Firmenname;BFS-Nr;Gemeinde;E;N;NOGA',
  'CHE-116.281.710;Menuiserie Test SA;6136;Martigny;2571850;1105800;433200',
  'CHE-116.281.711;Broken Test SA;6136;Martigny;2571850;1105800;433200',
].join('\n');

describe('the upload page in Chromium', () => {
  let db: Database;
  let server: AtlasServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    db = await openTestDb('pglite');
    [server, browser] = await Promise.all([serveAtlas(db), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    recordProblems(page, problems);
    await page.goto(`${server.url}/?lang=en&sector=building_renovation`);
    await page.evaluate(() => window.atlas.ready);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('links the exports of the current filters', async () => {
    expect(await page.getAttribute('#export-csv', 'href')).toBe('/api/companies?sector=building_renovation&format=csv');
    expect(await page.getAttribute('#export-geojson', 'href')).toBe('/api/companies?sector=building_renovation&format=geojson');
  });

  it('checks a file, shows the mapping and the rows left out, then imports it', async () => {
    await page.click('#import');
    await page.setInputFiles('dialog.import input[type=file]', { name: 'valais.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.fill('dialog.import input[name=token]', ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Check: nothing was written.').waitFor();
    expect(await page.textContent('.import-result')).toContain('2 rows: 1 created, 0 updated, 0 unchanged, 1 left out');
    expect(await page.inputValue('select[aria-label="Firmenname"]')).toBe('name');
    expect(await page.getByRole('button', { name: 'Download the 1 rows left out (CSV)' }).count()).toBe(1);
    expect((await (await fetch(`${server.url}/api/health`)).json()).companies).toBe(0);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported.').waitFor();
    expect((await (await fetch(`${server.url}/api/health`)).json()).companies).toBe(1);
    await page.screenshot({ path: 'test-results/screenshots/import-dialog.png' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('uses a mapping corrected by hand again for the next file with the same columns', async () => {
    await page.selectOption('select[aria-label="Gemeinde"]', '');
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Check: nothing was written.').waitFor();
    await page.click('dialog.import button.close');

    await page.click('#import');
    await page.setInputFiles('dialog.import input[type=file]', { name: 'valais-2.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Check: nothing was written.').waitFor();
    expect(await page.inputValue('select[aria-label="Gemeinde"]')).toBe('');
    expect(await page.inputValue('select[aria-label="Firmenname"]')).toBe('name');
    expect(problems).toEqual([]);
  }, 60_000);
});
