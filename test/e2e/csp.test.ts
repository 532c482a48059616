import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { launchChromium, recordProblems } from '../support/browser.ts';
import { openSampleDb } from '../support/databases.ts';
import { type AtlasServer, serveAtlas } from './atlas-server.ts';
import { embeddingPage, serveHostPage } from './host-page.ts';
import { type AtlasElement, renderedFirms } from './rendered.ts';

const WHOLE_AREA = '6.4,45.45,7.85,46.35';

let db: Database;
let atlas: AtlasServer;
let browser: Browser;

/** Opens `url` in a new page recording its problems (CSP violations included) and its answers' statuses. */
async function open(url: string): Promise<{ page: Page; problems: string[]; statuses: number[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const problems: string[] = [];
  const statuses: number[] = [];
  recordProblems(page, problems);
  page.on('response', (response) => statuses.push(response.status()));
  await page.goto(url);
  return { page, problems, statuses };
}

beforeAll(async () => {
  db = await openSampleDb('pglite');
  // The production defaults of the rate limit, which the other tests turn off.
  [atlas, browser] = await Promise.all([serveAtlas(db, { ATLAS_RATE_LIMIT: '1200' }), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await atlas?.close();
  await db?.close();
});

describe('the Content-Security-Policy and the rate limit in Chromium', { timeout: 120_000 }, () => {
  it('lets the map render every firm, and move around, with no violation and no 429', async () => {
    const { page, problems, statuses } = await open(`${atlas.url}/?lang=en#map=8.2/45.9/7.05`);
    await page.evaluate(() => window.atlas.settled());
    const { numberMatched } = (await (await fetch(`${atlas.url}/api/companies?limit=1`)).json()) as { numberMatched: number };
    expect(await renderedFirms(page)).toBe(numberMatched);
    for (const [zoom, lon, lat] of [[11, 6.87, 45.92], [12, 7.07, 46.1]] as const) {
      await page.evaluate(([zoom, lon, lat]) => window.atlas.map.jumpTo({ zoom, center: [lon, lat] }), [zoom, lon, lat] as const);
      await page.evaluate(() => window.atlas.settled());
    }
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets the embed run on a site with the Content-Security-Policy the README asks of it', async () => {
    const policy = `default-src 'self'; script-src 'self' ${atlas.url}; connect-src ${atlas.url}; worker-src blob: ${atlas.url}; img-src 'self' data:`;
    const widget = `<mont-blanc-atlas id="w" sector="outdoor" bbox="${WHOLE_AREA}" height="400" list></mont-blanc-atlas>`;
    const host = await serveHostPage(embeddingPage('Strict host', widget, atlas.url), { 'Content-Security-Policy': policy });
    const { page, problems } = await open(`${host.url}/`);
    await page.evaluate(() => document.querySelector<AtlasElement>('#w')!.ready);
    await page.evaluate(() => document.querySelector<AtlasElement>('#w')!.settled());
    const { numberMatched } = (await (await fetch(`${atlas.url}/api/companies?limit=1&sector=outdoor`)).json()) as { numberMatched: number };
    expect(await renderedFirms(page, '#w')).toBe(numberMatched);
    expect(problems).toEqual([]);
    await page.close();
    await host.close();
  });

  it('lets the API documentation render with its own policy', async () => {
    const { page, problems } = await open(`${atlas.url}/api/docs`);
    await page.getByText('Mont-Blanc Sector Atlas API').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(20);
    expect(problems).toEqual([]);
    await page.close();
  });
});
