import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pairsOf, rankFlows } from '../../web/src/map/flows/flow-pairs.ts';
import { pngText } from '../../web/src/map/png-text.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';

const session = useChromiumSession();
let page: Page;

/** Rendered flows and links of the links layer, whatever their level. */
const LINK_LAYERS = ['flows-domestic', 'flows-cross-border', 'links-flows-domestic', 'links-flows-cross-border', 'links-domestic', 'links-cross-border'];
/**
 * The bound on the links layer's features drawn at the default view: at most 12 flows (the 10
 * readable territory pairs and ties). MapLibre returns a line once per tile it crosses, so the
 * rendered pieces are counted per flow; a flow crosses at most 4 tiles at this zoom.
 */
const DEFAULT_VIEW_MAX_FLOWS = 12;

async function open(path: string, viewport = { width: 1280, height: 800 }) {
  page = session.page = await session.browser.newPage({ viewport });
  recordProblems(page, session.problems);
  await page.goto(`${session.server.url}${path}`);
  await page.evaluate(() => window.atlas.settled());
  await page.evaluate(() => window.atlas.settled());
}

const api = async (path: string) => (await fetch(`${session.server.url}${path}`)).json();

describe('a map to read at a glance', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('draws few flows at the default view, the widest being the top pairs of /api/stats/links', async () => {
    await open('/?lang=en');
    const rendered = await page.evaluate((layers) => {
      const seen = new Map<string, { count: number; width: number; crossBorder: boolean }>();
      const features = window.atlas.map.queryRenderedFeatures({ layers });
      for (const f of features) seen.set(f.properties.key, { count: f.properties.count, width: f.properties.width, crossBorder: f.properties.crossBorder });
      return { features: features.length, flows: [...seen.entries()].map(([key, v]) => ({ key, ...v })) };
    }, LINK_LAYERS);
    expect(rendered.flows.length).toBeGreaterThan(3);
    expect(rendered.flows.length).toBeLessThanOrEqual(DEFAULT_VIEW_MAX_FLOWS);
    expect(rendered.features).toBeLessThanOrEqual(4 * DEFAULT_VIEW_MAX_FLOWS);

    const stats = await api('/api/stats/links?by=territory&level=partner');
    const expected = rankFlows(pairsOf(stats.rows, (id) => id).pairs);
    const widest = [...rendered.flows].sort((a, b) => b.width - a.width).slice(0, 3);
    expect(widest.map((f) => f.key)).toEqual(expected.slice(0, 3).map((p) => p.key));
    expect(widest.map((f) => f.count)).toEqual(expected.slice(0, 3).map((p) => p.count));

    // The legend names the three strongest cross-border pairs first among the cross-border ones, with their counts.
    const crossBorder = expected.filter((p) => p.crossBorder).slice(0, 3);
    const listed = await page.locator('#flow-legend .flow-item.cross-border').evaluateAll((items) =>
      items.slice(0, 3).map((b) => ({ key: b.getAttribute('data-key'), count: Number(b.getAttribute('data-count')) })));
    expect(listed).toEqual(crossBorder.map((p) => ({ key: p.key, count: p.count })));
    // ...beside the map, not over it, and on the first screen: read without a scroll.
    const layout = await page.evaluate(() => ({
      mapLeft: window.atlas.map.getContainer().getBoundingClientRect().left,
      height: innerHeight,
      items: [...document.querySelectorAll('#flow-legend .flow-item.cross-border')].slice(0, 3).map((item) => {
        const { right, bottom, height } = item.getBoundingClientRect();
        return { right, bottom, height };
      }),
    }));
    expect(layout.items).toHaveLength(3);
    for (const item of layout.items) {
      expect(item.height).toBeGreaterThan(0);
      expect(item.right).toBeLessThanOrEqual(layout.mapLeft);
      expect(item.bottom).toBeLessThanOrEqual(layout.height);
    }
    const folded = expected.length - rendered.flows.length;
    if (folded > 0) expect(await page.locator('#flow-legend .flow-folded').textContent()).toContain(`+ ${folded} smaller flows`);
    await page.screenshot({ path: `${ARTIFACTS}/default-view-flows.png` });
  });

  it.each(['fr', 'en'])('writes "Martigny" once at the default view (%s), the district\'s flow end and not the town beside it', async (lang) => {
    await open(`/?lang=${lang}`);
    const named = () => page.evaluate(() => window.atlas.map.queryRenderedFeatures({ layers: ['town-labels', 'flow-node-labels'] })
      .filter((f) => String(f.properties.label ?? f.properties.name) === 'Martigny').map((f) => f.layer.id));
    expect(await named()).toEqual(['flow-node-labels']);
    await page.screenshot({ path: `${ARTIFACTS}/default-view-martigny-${lang}.png` });
    // With the links switched off the district's end is gone: the town is named again.
    await page.locator('#legend input[value="links"]').uncheck();
    await page.evaluate(() => window.atlas.settled());
    expect(await named()).toEqual(['town-labels']);
  });

  it('names a flow and its count when it is focused in the legend', async () => {
    await open('/?lang=en');
    const first = page.locator('#flow-legend .flow-item').first();
    await first.focus();
    const caption = await page.locator('.flow-popup').textContent();
    const [a, b] = (await first.getAttribute('data-key'))!.split('|');
    const { territories } = await api('/api/territories?kind=partner');
    const name = (id: string) => territories.find((x: { id: string }) => x.id === id).shortNames.en;
    expect(caption).toContain(`${name(a!)} ↔ ${name(b!)}: ${await first.getAttribute('data-count')} links`);
  });

  it('shows commune flows from zoom 10, fewer than there are, and folds the rest', async () => {
    await open('/?lang=en#map=10.4/45.86/6.95');
    const flows = await page.evaluate(() => new Set(window.atlas.map.queryRenderedFeatures({ layers: ['links-flows-domestic', 'links-flows-cross-border'] }).map((f) => `${f.properties.a}|${f.properties.b}`)).size);
    expect(flows).toBeGreaterThan(3);
    expect(flows).toBeLessThanOrEqual(25 + 5);
    expect(await page.locator('#flow-legend').getAttribute('hidden')).toBeNull();
    expect(await page.locator('#flow-legend details').getAttribute('data-level')).toBe('commune');
  });

  it('never draws a lake outline of fewer than eight vertices from zoom 9', async () => {
    const lakes = await api('/geodata/lakes.geojson');
    const vertices = new Map<string, number>();
    for (const f of lakes.features) if (f.geometry.type === 'Polygon') vertices.set(JSON.stringify(f.geometry.coordinates[0][0]), f.geometry.coordinates[0].length - 1);
    let seen = 0;
    for (const view of ['9/46.45/6.55', '9.5/46.07/6.93', '11/46.04/7.40', '11.5/46.07/6.93', '10/45.85/6.2', '12/46.41/6.7']) {
      await open(`/?lang=en&layers=territories#map=${view}`);
      const drawn = await page.evaluate(() => window.atlas.map.queryRenderedFeatures({ layers: ['lakes'] }).map((f) => f.properties.vertices as number));
      seen += drawn.length;
      for (const n of drawn) expect(n, view).toBeGreaterThanOrEqual(8);
      await page.close();
    }
    // Léman (73 vertices) is drawn at zoom 9 and 12: the check had lakes to look at.
    expect(seen).toBeGreaterThan(0);
    expect([...vertices.values()].some((n) => n < 8)).toBe(true);
  });

  it.each([360, 390, 430])('fits a %i px wide phone: no sideways scroll, every control in reach', async (width) => {
    await open('/?lang=fr&near=6.87000,45.92000&radius=15000', { width, height: 800 });
    const fit = await page.evaluate(() => {
      const controls = [...document.querySelectorAll<HTMLElement>('.topbar button, .topbar select, .topbar a.tool')];
      return {
        scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        outside: controls.filter((c) => { const r = c.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth || r.width === 0; }).map((c) => c.id),
        controls: controls.length,
      };
    });
    expect(fit.controls).toBe(8);
    expect(fit).toMatchObject({ scroll: 0, outside: [] });
    // The nearby search opened from the URL shows its radius, 15 km.
    expect(await page.locator('select[name="radius"]').inputValue()).toBe('15000');
    await page.locator('#menu-toggle').click();
    await page.getByLabel('Densité par filière').check();
    await page.evaluate(() => window.atlas.settled());
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/phone-${width}.png` });
  });

  it.each([360, 390, 430, 1280, 1440])('lets none of the map\'s controls cover another at %i px', async (width) => {
    await open('/?lang=it', { width, height: 800 });
    const boxes = await page.evaluate(() => {
      const named = { slider: '.time-slider', scale: '.maplibregl-ctrl-scale', attribution: '.maplibregl-ctrl-attrib', zoom: '.maplibregl-ctrl-group' };
      return Object.entries(named).map(([name, selector]) => {
        const r = document.querySelector(selector)!.getBoundingClientRect();
        return { name, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      });
    });
    // Every control is there and drawn: an absent one would overlap nothing.
    for (const box of boxes) expect(box.right - box.left, box.name).toBeGreaterThan(0);
    const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1)
      .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      .map((b) => `${a.name} × ${b.name}`));
    expect(overlaps).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/controls-${width}.png` });
  });

  it('downloads the view as a PNG at twice its size, with its title, date and attribution', async () => {
    await open('/?lang=en');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-png').click()]);
    const png = new Uint8Array(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));
    const text = pngText(png);
    expect(text.Copyright).toContain('OpenStreetMap contributors');
    expect(text.Copyright).toContain('GeoNames');
    expect(text.Title).toBe('Mont-Blanc Sector Atlas');
    expect(text.Description).toMatch(/Data as of .*2\d{3}/);
    expect(text.Description).toContain('Sample data');
    const view = new DataView(png.buffer, png.byteOffset);
    const mapWidth = await page.evaluate(() => window.atlas.map.getContainer().clientWidth);
    expect(view.getUint32(16)).toBe(2 * (mapWidth + 300));
  });
});
