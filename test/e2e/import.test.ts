import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, launchChromium, recordProblems } from '../support/browser.ts';
import { openTestDb } from '../support/databases.ts';
import { type AtlasServer, serveAtlas } from './atlas-server.ts';
import { lambert93, registryCsv, registryRows } from '../fixtures/registry-csv.ts';
import { readFileSync } from 'node:fs';

const register = (path: string) => readFileSync(new URL(`../fixtures/registers/${path}`, import.meta.url));

const CSV = [
  'UID;Firmenname;BFS-Nr;Gemeinde;E;N;NOGA',
  'CHE-116.281.710;Menuiserie Test SA;6136;Martigny;2571850;1105800;433200',
  'CHE-116.281.711;Broken Test SA;6136;Martigny;2571850;1105800;433200',
].join('\n');

describe('the upload page in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
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
    await page.evaluate(() => window.atlas.settled());
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
    await page.setInputFiles('dialog.import input[name=file]', { name: 'valais.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
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

  it('saves a mapping corrected by hand on the server, and uses it again for the next file with the same columns', async () => {
    await page.selectOption('select[aria-label="Gemeinde"]', '');
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Check: nothing was written.').waitFor();
    await page.fill('dialog.import input[name=mapping-name]', 'Valais NOGA');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Mapping saved as “Valais NOGA”.').waitFor();
    const saved = await (await fetch(`${server.url}/api/import-mappings`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    expect(saved.mappings).toMatchObject([{ name: 'Valais NOGA', mapping: { Gemeinde: null, Firmenname: 'name' }, savedBy: { label: 'ATLAS_ADMIN_TOKEN' } }]);
    await page.click('dialog.import button.close');

    await page.click('#import');
    await page.waitForSelector('select[name=saved-mapping] option[value="Valais NOGA"]', { state: 'attached' });
    await page.setInputFiles('dialog.import input[name=file]', { name: 'valais-2.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Using the saved mapping “Valais NOGA” (same columns).').waitFor();
    expect(await page.inputValue('select[name=saved-mapping]')).toBe('Valais NOGA');
    expect(await page.inputValue('select[aria-label="Gemeinde"]')).toBe('');
    expect(await page.inputValue('select[aria-label="Firmenname"]')).toBe('name');
    expect(problems).toEqual([]);
  }, 60_000);

  it('recognises a SIRENE stock, reads it with the legal units file, says what is outside the scope and area, and imports it', async () => {
    await page.click('dialog.import button.close');
    await page.click('#import');
    await page.waitForSelector('select[name=profile] option[value="sirene-etablissement"]', { state: 'attached' });
    await page.setInputFiles('dialog.import input[name=file]', { name: 'StockEtablissement_74.csv', mimeType: 'text/csv', buffer: register('sirene/StockEtablissement_74.csv') });
    await page.setInputFiles('dialog.import input[name=legal-units]', { name: 'StockUniteLegale_74.csv', mimeType: 'text/csv', buffer: register('sirene/StockUniteLegale_74.csv') });
    await page.fill('dialog.import input[name=extract-date]', '2026-11-01');
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Check: nothing was written.').waitFor();
    const result = (await page.textContent('.import-result'))!;
    expect(result).toContain('Read with the profile “INSEE SIRENE – StockEtablissement”.');
    expect(result).toContain('12 rows: 6 created, 0 updated, 0 unchanged, 3 left out');
    expect(result).toContain('2 rows of other trades (outside the filières) and 1 outside the area covered');
    expect(await page.inputValue('select[aria-label="trancheEffectifsEtablissement"]')).toBe('employeesMin');
    await page.click('dialog.import details.import-notes summary');
    expect(await page.textContent('dialog.import details.import-notes')).toContain('trancheEffectifsEtablissement is a code, never a number');
    await page.screenshot({ path: 'test-results/screenshots/import-sirene.png' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported.').waitFor();
    const closed = await (await fetch(`${server.url}/api/companies?status=closed&limit=1000`)).json();
    const imported = closed.features.filter((f: { properties: { source: string } }) => f.properties.source !== 'sample');
    expect(imported.map((f: { properties: { officialId: string } }) => f.properties.officialId)).toEqual(['91234567500025']);
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows a closed firm, its dates, its headcount band and where it comes from, with the status filter', async () => {
    const closed = (await (await fetch(`${server.url}/api/companies?status=closed&limit=1000`)).json()).features
      .find((f: { properties: { source: string } }) => f.properties.source !== 'sample');
    const guides = (await (await fetch(`${server.url}/api/companies?q=guides%20du%20mont`)).json()).features[0];
    await page.goto(`${server.url}/?lang=en&status=all&firm=${guides.id}`);
    await page.evaluate(() => window.atlas.settled());
    await page.waitForSelector(`article.company[data-company="${guides.id}"]`);
    const panel = (await page.textContent('article.company'))!;
    expect(panel).toContain('20 to 49 (2023)');
    expect(panel).toContain('1 March 2012');
    expect(panel).toContain('sirene-etablissement · StockEtablissement_74.csv · extract of 1 November 2026');
    await page.goto(`${server.url}/?lang=en&status=closed&firm=${closed.id}`);
    await page.evaluate(() => window.atlas.settled());
    await page.waitForSelector(`article.company[data-company="${closed.id}"]`);
    expect(await page.textContent('article.company .closed-tag')).toBe('Closed on 30 June 2021');
    expect(await page.inputValue('select[name=status]')).toBe('closed');
    await page.screenshot({ path: 'test-results/screenshots/closed-firm.png' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows how far the server is in checking a large file, as a percentage', async () => {
    await page.goto(`${server.url}/?lang=en`);
    await page.evaluate(() => window.atlas.settled());
    await page.click('#import');
    const rows = registryRows(20_000, 6);
    const file = registryCsv(rows, await lambert93(db, rows));
    await page.setInputFiles('dialog.import input[name=file]', { name: 'sirene.csv', mimeType: 'text/csv', buffer: file });
    // Every text the status takes, however quickly the next replaces it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statusTexts: string[] }).statusTexts = seen;
      const status = document.querySelector('dialog.import .import-status')!;
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) seen.push(node.textContent ?? '');
      }).observe(status, { childList: true });
    });
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Check: nothing was written.').waitFor({ timeout: 120_000 });
    const texts = await page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
    expect(texts).toContain('Reading the file…');
    const checked = texts.flatMap((text) => /^Checking the rows… ([\d.]+)\s?%$/.exec(text)?.[1] ?? []).map(Number);
    expect(checked.at(-1)).toBe(100);
    expect(checked.some((percent) => percent > 0 && percent < 100)).toBe(true);
    expect(checked).toEqual([...checked].sort((a, b) => a - b));
    expect(problems).toEqual([]);
  }, 180_000);

  it('imports a Zefix list with the sector chosen for its rows, the profile explained in the page’s language', async () => {
    await page.goto(`${server.url}/?lang=fr`);
    await page.evaluate(() => window.atlas.settled());
    await page.click('#import');
    await page.waitForSelector('select[name=profile] option[value="zefix-uid"]', { state: 'attached' });
    await page.setInputFiles('dialog.import input[name=file]', { name: 'zefix_valais.json', mimeType: 'application/json', buffer: register('zefix/zefix_valais.json') });
    await page.getByRole('button', { name: 'Vérifier (rien n’est écrit)' }).click();
    await page.getByText('Vérification : rien n’a été écrit.').waitFor();
    // Zefix gives no activity code: without a sector every row is left out.
    expect(await page.textContent('.import-result')).toContain('3 lignes : 0 créées, 0 mises à jour, 0 inchangées, 3 écartées');
    await page.selectOption('dialog.import select[name=sector]', 'outdoor');
    await page.getByText('3 lignes : 3 créées').waitFor();
    await page.click('dialog.import details.import-notes summary');
    expect(await page.textContent('dialog.import details.import-notes')).toContain('Aucune des deux sources ne donne de coordonnées');
    await page.screenshot({ path: 'test-results/screenshots/import-zefix-fr.png' });
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Importé.').waitFor();
    const imported = await (await fetch(`${server.url}/api/companies?status=all&q=exemple`)).json();
    const zefix = imported.features.filter((f: { properties: { provenance: { profile: string } | null } }) => f.properties.provenance?.profile === 'zefix-uid');
    expect(zefix.map((f: { properties: { status: string } }) => f.properties.status).sort()).toEqual(['active', 'active', 'closed']);
    expect(problems).toEqual([]);
  }, 60_000);
});
