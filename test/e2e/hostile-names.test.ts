import { stringify } from 'csv-stringify/sync';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, launchChromium, recordProblems } from '../support/browser.ts';
import { openTestDb } from '../support/databases.ts';
import { chamonixGuides } from '../fixtures/companies.ts';
import { type AtlasServer, serveAtlas } from './atlas-server.ts';
import { type HostPage, embeddingPage, serveHostPage } from './host-page.ts';
import type { AtlasElement } from './rendered.ts';

/** Markup that runs a script wherever it is parsed as HTML, each marking which field it came from. */
const markup = (field: string) => `<img src=x onerror="window.__xss='${field}'">"><script>window.__xss='${field}'</script>`;
const NAME = `Exemple ${markup('name')} SARL`;
const DESCRIPTION = `Fictive ${markup('description')} <b>bold</b>`;
const TERRITORY = `Pays ${markup('territory')}`;
const COLUMN = `Raison ${markup('column')}`;
const CHAMONIX = '#map=13/45.924/6.87';

let db: Database;
let atlas: AtlasServer;
let host: HostPage;
let browser: Browser;
let hostileId: number;
let partnerId: number;
let page: Page;
let problems: string[];

async function post(path: string, body: unknown): Promise<{ id: number }> {
  const response = await fetch(`${atlas.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number };
}

/** What ran or was added from the hostile text in a page or frame, shadow roots included. */
function injected(target: Page | Frame) {
  return target.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (const element of document.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    const selector = 'img[src="x"], [onerror], [onload], script:not([src]), b';
    return { ran: (window as { __xss?: string }).__xss ?? null, elements: roots.reduce((n, root) => n + root.querySelectorAll(selector).length, 0) };
  });
}

async function open(path: string): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  recordProblems(page, problems);
  await page.goto(`${atlas.url}${path}`);
  await page.evaluate(() => window.atlas.settled());
}

const texts = (selector: string) => page.locator(selector).allTextContents();

beforeAll(async () => {
  db = await openTestDb('pglite');
  [atlas, browser] = await Promise.all([serveAtlas(db), launchChromium()]);
  ({ id: partnerId } = await post('/api/companies', chamonixGuides));
  ({ id: hostileId } = await post('/api/companies', {
    ...chamonixGuides,
    name: NAME,
    location: { type: 'Point', coordinates: [6.871, 45.925] },
    description: { en: DESCRIPTION, fr: DESCRIPTION },
  }));
  await post('/api/links', { from: hostileId, to: partnerId, kind: 'partner', note: markup('note') });
  host = await serveHostPage(embeddingPage('Host', '<mont-blanc-atlas id="w" lang="en" list bbox="6.8,45.88,6.95,45.96" height="300"></mont-blanc-atlas>', atlas.url));
  await post('/api/territories', {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[[6.8, 45.88], [6.95, 45.88], [6.95, 45.96], [6.8, 45.96], [6.8, 45.88]]] },
    properties: { name: TERRITORY },
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await atlas?.close();
  await db?.close();
});

describe('a firm named with HTML and script, in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  beforeAll(() => {
    problems = [];
  });
  afterEach(async () => {
    const seen = problems;
    problems = [];
    expect(await injected(page)).toEqual({ ran: null, elements: 0 });
    await page.close();
    expect(seen).toEqual([]);
  });

  it('shows its name and description as text in its panel', async () => {
    await open(`/?lang=en&firm=${hostileId}${CHAMONIX}`);
    await page.locator('#company-name').waitFor();
    expect(await page.locator('#company-name').textContent()).toBe(NAME);
    expect(await page.locator('#panel .description').textContent()).toBe(DESCRIPTION);
  });

  it('shows its name as text among the links of its partner', async () => {
    await open(`/?lang=en&firm=${partnerId}${CHAMONIX}`);
    await page.locator('#panel .links .row-name').first().waitFor();
    expect(await texts('#panel .links .row-name')).toEqual([NAME]);
  });

  it('shows its name as text in the list of the firms in view', async () => {
    await open(`/?lang=en${CHAMONIX}`);
    await page.evaluate(() => window.atlas.settled());
    await expect.poll(() => texts('.visible-rows .row-name')).toContain(NAME);
  });

  it('shows its name as text among the search results', async () => {
    await open(`/?lang=en${CHAMONIX}`);
    await page.locator('.search input').fill('onerror');
    await expect.poll(() => texts('.search-results .row-name')).toEqual([NAME]);
  });

  it('shows its name as text in the nearby search', async () => {
    await open(`/?lang=en&near=6.87,45.924&radius=5000${CHAMONIX}`);
    await expect.poll(() => texts('.nearby-results .row-name')).toContain(NAME);
  });

  it('shows a territory named with HTML as text in the statistics', async () => {
    await open(`/?lang=en&stats=custom&figure=firms${CHAMONIX}`);
    await expect.poll(() => page.locator('#stats').textContent(), { timeout: 20_000 }).toContain(TERRITORY);
  });

  it('shows the columns and rows of an imported file as text in its report', async () => {
    await open(`/?lang=en${CHAMONIX}`);
    const csv = stringify([['Raison sociale', COLUMN, 'Code INSEE', 'Longitude', 'Latitude'], [NAME, markup('cell'), '74056', '6.87', '45.92'], [markup('row'), 'x', '99999', '200', '95']], { delimiter: ';' });
    await page.click('#import');
    await page.setInputFiles('dialog.import input[type=file]', { name: `${markup('file')}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.fill('dialog.import input[name=token]', ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
    await page.getByText('Check: nothing was written.').waitFor();
    expect(await page.locator(`select[aria-label="${COLUMN.replace(/"/g, '\\"')}"]`).count()).toBe(1);
    expect(await page.locator('.import-result').textContent()).toContain('left out');
  });

  it('puts a search with HTML into the embed snippet escaped, and its preview as text', async () => {
    await open(`/?lang=en&q=${encodeURIComponent(markup('q'))}${CHAMONIX}`);
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    expect(await page.locator('#share-script').inputValue()).toContain(`q="&lt;img src=x onerror=&quot;window.__xss=&#39;q&#39;&quot;&gt;`);
    const preview = page.frameLocator('.share-preview');
    await preview.locator('mont-blanc-atlas').waitFor({ state: 'attached' });
    const frame = page.frames().find((f) => f.url().includes('/embed?'))!;
    await frame.evaluate(() => document.querySelector<AtlasElement>('mont-blanc-atlas')!.ready);
    expect(await injected(frame)).toEqual({ ran: null, elements: 0 });
    await page.keyboard.press('Escape');
  });
});

describe('the embed widget on another site, with a firm named with HTML', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('lists it and opens it in a popup as text', async () => {
    problems = [];
    page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    recordProblems(page, problems);
    await page.goto(`${host.url}/`);
    await page.evaluate(() => document.querySelector<AtlasElement>('#w')!.ready);
    await expect.poll(() => page.locator('#w button.row .row-name').allTextContents()).toContain(NAME);
    await page.locator(`#w button.row[data-id="${hostileId}"]`).click();
    await page.locator('#w .maplibregl-popup .popup-name').waitFor();
    expect(await page.locator('#w .popup-name').textContent()).toBe(NAME);
    expect(await injected(page)).toEqual({ ran: null, elements: 0 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps a search with HTML in the iframe form an attribute value', async () => {
    problems = [];
    const src = `${atlas.url}/embed?lang=en&list&q=${encodeURIComponent(markup('embed-q'))}`;
    const framing = await serveHostPage(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body><iframe src="${src.replace(/&/g, '&amp;')}" title="Atlas" style="width:800px;height:500px;border:0"></iframe></body></html>`);
    page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    recordProblems(page, problems);
    await page.goto(`${framing.url}/`);
    await expect.poll(() => page.frames().some((f) => f.url().includes('/embed?'))).toBe(true);
    const frame = page.frames().find((f) => f.url().includes('/embed?'))!;
    await frame.waitForFunction(() => document.querySelector('mont-blanc-atlas')?.shadowRoot);
    await frame.evaluate(() => document.querySelector<AtlasElement>('mont-blanc-atlas')!.ready);
    expect(await frame.locator('mont-blanc-atlas').getAttribute('q')).toBe(markup('embed-q'));
    expect(await injected(frame)).toEqual({ ran: null, elements: 0 });
    expect(problems).toEqual([]);
    await page.close();
    await framing.close();
  });
});
