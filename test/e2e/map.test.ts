import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { chamonixGuides } from '../fixtures/companies.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';
import { renderedFirms as firmsOnMap } from './rendered.ts';

/** The whole sample registry in view at this camera, so every firm is rendered somewhere. */
const WHOLE_AREA = '#map=8.2/45.9/7.05';

const session = useChromiumSession();
let page: Page;

async function api(path: string) {
  return (await fetch(`${session.server.url}${path}`)).json();
}

async function open(path: string) {
  page = session.page = await session.browser.newPage({ viewport: { width: 1280, height: 860 } });
  recordProblems(page, session.problems);
  await page.goto(`${session.server.url}${path}`);
  await page.evaluate(() => window.atlas.settled());
}

const settle = () => page.evaluate(() => window.atlas.settled());
const renderedFirms = () => firmsOnMap(page);

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png` });

describe('the Atlas map in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('renders every firm, the cross-border links and the borders', async () => {
    await open(`/?lang=en${WHOLE_AREA}`);
    await settle();
    const { numberMatched } = await api('/api/companies?limit=1');
    expect(await renderedFirms()).toBe(numberMatched);
    const rendered = await page.evaluate(() => ({
      links: window.atlas.map.queryRenderedFeatures({ layers: ['flows-cross-border'] }).length,
      borders: window.atlas.map.queryRenderedFeatures({ layers: ['country-borders'] }).length,
      actors: window.atlas.map.queryRenderedFeatures({ layers: ['actors'] }).length,
    }));
    expect(rendered.links).toBeGreaterThan(3);
    expect(rendered.borders).toBeGreaterThan(0);
    expect(rendered.actors).toBeGreaterThan(3);
    expect(await page.locator('#sample-notice').isVisible()).toBe(true);
    expect(await page.locator('#sample-notice').textContent()).toBe('Sample data: the firms shown are fictitious.');
    await shot('overview-en');
  });

  it('follows a sector and country filter with the counts the API gives', async () => {
    await open(`/?lang=en${WHOLE_AREA}`);
    await page.getByLabel('Phyto-industry, wellbeing and health').check();
    await page.getByLabel('Switzerland').check();
    await settle();
    const { numberMatched } = await api('/api/companies?sector=phyto_wellbeing&country=CH&limit=1');
    expect(numberMatched).toBeGreaterThan(0);
    expect(await renderedFirms()).toBe(numberMatched);
    expect(await page.locator('#total').getAttribute('data-count')).toBe(String(numberMatched));
    expect(page.url()).toContain('sector=phyto_wellbeing');
    await shot('filtered-phyto-ch');
  });

  it('zooms into a cluster when it is clicked', async () => {
    await open(`/?lang=en${WHOLE_AREA}`);
    await settle();
    const before = await page.evaluate(() => window.atlas.map.getZoom());
    const point = await page.evaluate(() => {
      const [cluster] = window.atlas.map
        .queryRenderedFeatures({ layers: ['clusters'] })
        .sort((a, b) => (b.properties.count as number) - (a.properties.count as number));
      return window.atlas.map.project((cluster!.geometry as GeoJSON.Point).coordinates as [number, number]);
    });
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForFunction((z) => window.atlas.map.getZoom() > z + 0.5 && !window.atlas.map.isMoving(), before);
    await settle();
    expect(await page.evaluate(() => window.atlas.map.getZoom())).toBeGreaterThan(before);
  });

  it('finds a firm by search and opens its panel', async () => {
    const { features } = await api('/api/companies?q=courmayeur&limit=1');
    const target = features[0];
    await open('/?lang=en');
    await page.getByRole('searchbox', { name: 'Search' }).fill('courmayeur');
    const row = page.locator(`.search-results button[data-id="${target.id}"]`);
    await row.click();
    await settle();
    await expect(page.locator('#company-name').textContent()).resolves.toBe(target.properties.name);
    expect(page.url()).toContain(`firm=${target.id}`);
    const links = await api(`/api/links?company=${target.id}`);
    expect(await page.locator('.company .links li').count()).toBe(links.numberMatched);
    await shot('company-panel');
  });

  it('lists exactly the firms the API finds near a clicked point, nearest first', async () => {
    await open('/?lang=fr#map=11/45.92/6.87');
    await settle();
    await page.locator('#nearby-mode').click();
    // A spot near the middle where no firm or cluster is drawn (a click on one opens it instead).
    const spot = await page.evaluate(() => {
      const map = window.atlas.map;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      for (let r = 0; r < 300; r += 10) {
        for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r]]) {
          const point: [number, number] = [width / 2 + dx!, height / 2 + dy!];
          const box: [[number, number], [number, number]] = [[point[0] - 15, point[1] - 15], [point[0] + 15, point[1] + 15]];
          if (map.queryRenderedFeatures(box, { layers: ['clusters', 'companies', 'actors'] }).length === 0) return point;
        }
      }
      throw new Error('no empty spot');
    });
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + spot[0], box.y + spot[1]);
    await page.waitForSelector('.nearby-results');
    await settle();
    const nearby = await page.evaluate(() => window.atlas.state().nearby!);
    const expected = await api(`/api/nearby?lon=${nearby.lon}&lat=${nearby.lat}&radius=${nearby.radius}&limit=1000`);
    const listed = await page.locator('.nearby-results button').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    expect(expected.features.length).toBeGreaterThan(10);
    expect(listed).toEqual(expected.features.map((f: { id: number }) => f.id));
    const circle = await page.evaluate(() => window.atlas.map.queryRenderedFeatures({ layers: ['nearby-circle'] }).length);
    expect(circle).toBeGreaterThan(0);
    await shot('nearby-fr');
  });

  it('reproduces a view from its URL after a reload', async () => {
    const { features } = await api('/api/companies?country=IT&sector=outdoor&limit=1');
    const view = `/?lang=it&sector=outdoor&country=IT&firm=${features[0].id}#map=12/45.8/7.1`;
    await open(view);
    await settle();
    const url = page.url();
    await page.close();
    await open(new URL(url).pathname + new URL(url).search + new URL(url).hash);
    await settle();
    const state = await page.evaluate(() => window.atlas.state());
    expect(state).toMatchObject({ lang: 'it', sectors: ['outdoor'], countries: ['IT'], firm: features[0].id });
    expect(await page.getByLabel('Outdoor').isChecked()).toBe(true);
    expect(await page.locator('#company-name').textContent()).toBe(features[0].properties.name);
    const { numberMatched } = await api('/api/companies?country=IT&sector=outdoor&limit=1');
    expect(await page.locator('#total').getAttribute('data-count')).toBe(String(numberMatched));
  });

  it('switches the interface language', async () => {
    await open('/?lang=en');
    expect(await page.locator('#title').textContent()).toBe('Mont-Blanc Sector Atlas');
    await page.locator('#language').selectOption('it');
    await settle();
    expect(await page.locator('#title').textContent()).toBe('Atlante delle filiere del Monte Bianco');
    expect(await page.locator('#sample-notice').textContent()).toMatch(/fittizie/);
    expect(await page.getByLabel('Svizzera').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
    expect(page.url()).toContain('lang=it');
    await shot('overview-it');
  });

  it('works on a phone-sized screen', async () => {
    page = session.page = await session.browser.newPage({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
    page.on('pageerror', (error) => session.problems.push(error.message));
    await page.goto(`${session.server.url}/?lang=fr`);
    await page.evaluate(() => window.atlas.settled());
    expect(await page.locator('#sidebar').isVisible()).toBe(true);
    await page.locator('#menu-toggle').click();
    await page.getByLabel('Italie').check();
    await settle();
    await shot('phone-fr');
    expect(await page.locator('#total').getAttribute('data-count')).toBe(String((await api('/api/companies?country=IT&limit=1')).numberMatched));
  });
  it('shows a firm added elsewhere as soon as the tab comes back into view', async () => {
    await open(`/?lang=en${WHOLE_AREA}`);
    await settle();
    const before = await renderedFirms();
    const created = await fetch(`${session.server.url}/api/companies`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...chamonixGuides, name: 'Test firm added from another tab' }),
    });
    expect(created.status).toBe(201);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(async () => {
      await settle();
      return renderedFirms();
    }, { timeout: 15_000 }).toBe(before + 1);
    expect(await page.locator('#total').getAttribute('data-count')).toBe(String(before + 1));
  });
});
