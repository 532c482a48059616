import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLORS } from '../../shared/style/palette.ts';
import { STUB_LINE_LAYERS } from '../../shared/style/flows.ts';
import { MAX_LINK_FEATURES } from '../../web/src/map/flows/link-stubs.ts';
import { PNG_HEADER, PNG_SCALE } from '../../web/src/map/export-png.ts';
import { translator } from '../../web/src/i18n.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { useChromiumSession } from './chromium-session.ts';
import { embeddingPage, serveHostPage } from './host-page.ts';
import type { AtlasElement } from './rendered.ts';

const session = useChromiumSession();
let page: Page;
/** Screenshots to look at, outside the repository. */
const SHOTS = '/tmp/link-stubs';
/** No link drawn may be as long as this share of the view's diagonal: it would cross the view. */
const MAX_SPAN = 0.6;

type LinkFeature = { id: number; geometry: { coordinates: [number, number][] }; properties: { from: End; to: End } };
type End = { id: number; commune: { code: string; name: string } };
type Place = { name: string; center: [number, number] };

const api = async (path: string) => (await fetch(`${session.server.url}${path}`)).json();

async function allLinks(): Promise<LinkFeature[]> {
  const links: LinkFeature[] = [];
  let url: string | null = '/api/links?limit=5000';
  while (url) {
    const page = await api(url.replace(session.server.url, ''));
    links.push(...page.features);
    url = page.next;
  }
  return links;
}

/** The three communes with the most link ends in the sample, centred on their firms. */
function busiestPlaces(links: LinkFeature[]): Place[] {
  const ends = new Map<string, { name: string; points: [number, number][] }>();
  for (const link of links) {
    const c = link.geometry.coordinates;
    for (const [end, at] of [[link.properties.from, c[0]!], [link.properties.to, c.at(-1)!]] as const) {
      const place = ends.get(end.commune.code) ?? { name: end.commune.name, points: [] };
      place.points.push(at);
      ends.set(end.commune.code, place);
    }
  }
  return [...ends.values()].sort((a, b) => b.points.length - a.points.length).slice(0, 3).map(({ name, points }) => ({
    name,
    center: [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length],
  }));
}

async function open(path: string) {
  page = session.page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  recordProblems(page, session.problems);
  await page.goto(`${session.server.url}${path}`);
  await page.evaluate(() => window.atlas.ready);
  await page.evaluate(() => window.atlas.settled());
}

async function view(center: [number, number], zoom: number) {
  await page.evaluate(([c, z]) => window.atlas.map.jumpTo({ center: c as [number, number], zoom: z as number }), [center, zoom]);
  await page.evaluate(() => window.atlas.settled());
}

/**
 * The link lines drawn, one per feature (a line cut by tiles counts once), with its extent on
 * screen. The map is the embed widget's of the element `selector`, else the full app's.
 */
function renderedLinks(layers: readonly string[], selector: string | null = null) {
  const ids = [...layers];
  return page.evaluate(([ids, selector]) => {
    const map = selector ? document.querySelector<AtlasElement>(selector)!.map! : window.atlas.map;
    const canvas = map.getCanvas();
    const pieces = new Map<string, { id: number | null; selected: boolean; points: { x: number; y: number }[] }>();
    for (const f of map.queryRenderedFeatures({ layers: ids })) {
      const key = String(f.properties.key);
      const line = f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.type === 'MultiLineString' ? f.geometry.coordinates.flat() : [];
      const entry = pieces.get(key) ?? { id: f.properties.id ?? null, selected: f.properties.selected === true, points: [] as { x: number; y: number }[] };
      for (const p of line as [number, number][]) entry.points.push(map.project(p));
      pieces.set(key, entry);
    }
    const diagonal = Math.hypot(canvas.clientWidth, canvas.clientHeight);
    return [...pieces.values()].map(({ id, selected, points }) => {
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      return { id, selected, span: Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / diagonal };
    });
  }, [ids, selector] as const);
}

/** The stub rule over a view: some link lines, at most MAX_LINK_FEATURES, none across the view, labelled, no tile links. */
async function expectStubRule(what: string, selector: string | null = null) {
  const lines = await renderedLinks(STUB_LINE_LAYERS, selector);
  // Precondition: the view has links to draw.
  expect(lines.length, what).toBeGreaterThan(0);
  expect(lines.length, what).toBeLessThanOrEqual(MAX_LINK_FEATURES);
  for (const line of lines) expect(line.span, what).toBeLessThan(MAX_SPAN);
  const drawn = await page.evaluate((selector) => {
    const map = selector ? document.querySelector<AtlasElement>(selector)!.map! : window.atlas.map;
    return {
      labels: map.queryRenderedFeatures({ layers: ['link-stub-labels'] }).map((f) => ({ label: String(f.properties.label), text: String(f.properties.text) })),
      // The tile layer of whole links is not drawn at these zooms.
      tileLinks: map.queryRenderedFeatures({ layers: ['links-domestic', 'links-cross-border'] }).length,
    };
  }, selector);
  expect(drawn.labels.length, what).toBeGreaterThan(0);
  for (const { label, text } of drawn.labels) {
    expect(label, what).toMatch(/^→ .+ · \d+$/);
    // The map's text leaves out the arrow, which its fonts lack (an arrowhead icon points instead).
    expect(`→ ${text}`, what).toBe(label);
  }
  expect(drawn.tileLinks, what).toBe(0);
}

type Segment = { key: string; from: { x: number; y: number }; to: { x: number; y: number } };

/** The cross-border stubs drawn in the app's view, each as its segment on screen (CSS px), firm end first. */
function crossBorderStubs(): Promise<Segment[]> {
  return page.evaluate(async () => {
    const map = window.atlas.map;
    const rendered = new Set(map.queryRenderedFeatures({ layers: ['link-stubs-cross-border'] })
      .filter((f) => f.properties.stub === true).map((f) => String(f.properties.key)));
    const data = (await (map.getSource('link-stubs') as import('maplibre-gl').GeoJSONSource).getData()) as GeoJSON.FeatureCollection;
    return data.features
      .filter((f) => f.geometry.type === 'LineString' && rendered.has(String(f.properties!.key)))
      .map((f) => {
        const [from, to] = (f.geometry as GeoJSON.LineString).coordinates as [[number, number], [number, number]];
        const [a, b] = [map.project(from), map.project(to)];
        return { key: String(f.properties!.key), from: { x: a.x, y: a.y }, to: { x: b.x, y: b.y } };
      });
  });
}

/** The PNG the Download PNG button gives, as its bytes. */
async function downloadPng(): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-png').click()]);
  return Buffer.concat(await (await download.createReadStream()).toArray());
}

/**
 * Which of these stubs the PNG draws: those with a pixel of the cross-border colour along the far
 * part of their segment (the firm's end is under its cluster) where the same view exported
 * without the stubs' lines has none (so not a label, a border or anything else of that colour).
 * The image holds the map at PNG_SCALE under its title bar.
 */
function stubsInPng(png: Buffer, withoutLines: Buffer, stubs: Segment[]): Promise<string[]> {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(COLORS.links.slice(i, i + 2), 16));
  return page.evaluate(async ({ images, stubs, scale, header, colour }) => {
    const decoded = await Promise.all(images.map(async (base64) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      return context.getImageData(0, 0, bitmap.width, bitmap.height);
    }));
    // The line colour at its opacity over any light ground: within 50 of it on each channel.
    const isLink = (pixels: ImageData, x: number, y: number) => {
      const at = 4 * (Math.round(scale * (header + y)) * pixels.width + Math.round(scale * x));
      return [0, 1, 2].every((c) => Math.abs(pixels.data[at + c]! - colour[c]!) < 50);
    };
    const [drawn, control] = decoded as [ImageData, ImageData];
    return stubs.filter(({ from, to }) =>
      Array.from({ length: 13 }, (_, i) => 0.35 + i * 0.05)
        .map((f) => [from.x + f * (to.x - from.x), from.y + f * (to.y - from.y)] as const)
        .some(([x, y]) => isLink(drawn, x, y) && !isLink(control, x, y)))
      .map((s) => s.key);
  }, { images: [png.toString('base64'), withoutLines.toString('base64')], stubs, scale: PNG_SCALE, header: PNG_HEADER, colour: [r, g, b] });
}

/** Shows or hides the lines of zoom 12–14 links (their labels stay). */
const showStubLines = (visible: boolean) =>
  page.evaluate(([ids, visibility]) => {
    for (const id of ids) window.atlas.map.setLayoutProperty(id, 'visibility', visibility);
    return window.atlas.settled();
  }, [['link-stubs-selected', ...STUB_LINE_LAYERS], visible ? 'visible' : 'none'] as const);

/** Nine views, each waiting for its tiles and links: longer than one page's test on a shared machine. */
describe('links at zoom 12–14 readable in any view', { timeout: 4 * BROWSER_TEST_TIMEOUT }, () => {
  let places: Place[];
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    places = busiestPlaces(await allLinks());
  });

  it('draws at most 40 link lines over the busiest places, none across the view', async () => {
    await open('/?lang=en');
    expect(places).toHaveLength(3);
    for (const place of places) {
      for (const zoom of [12, 13, 14]) {
        await view(place.center, zoom);
        await expectStubRule(`${place.name} z${zoom}`);
        if (zoom === 13) await page.screenshot({ path: `${SHOTS}/${place.name}-z${zoom}.png` });
      }
    }
    expect(await page.locator('#flow-legend .flow-stub-key').textContent()).toContain('Aosta · 11');
  });

  it('draws the selected firm\'s links whole, all of those of /api/links?company=', async () => {
    const place = places[0]!;
    const inView = (await api(`/api/links?limit=5000&bbox=${[place.center[0] - 0.05, place.center[1] - 0.03, place.center[0] + 0.05, place.center[1] + 0.03].join(',')}`)).features as LinkFeature[];
    const degree = new Map<number, number>();
    for (const l of inView) for (const end of [l.properties.from, l.properties.to]) degree.set(end.id, (degree.get(end.id) ?? 0) + 1);
    const [firm] = [...degree].sort((a, b) => b[1] - a[1])[0]!;
    const expected = ((await api(`/api/links?company=${firm}&limit=5000`)).features as LinkFeature[]).map((l) => l.id).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(1);

    await open(`/?lang=en&firm=${firm}`);
    // The ends of the stub band; the first test covers every zoom of it.
    for (const zoom of [12, 14]) {
      await view(place.center, zoom);
      const drawn = await page.evaluate(async () => {
        const data = (await (window.atlas.map.getSource('link-stubs') as import('maplibre-gl').GeoJSONSource).getData()) as GeoJSON.FeatureCollection;
        return data.features.filter((f) => f.properties!.selected === true).map((f) => f.properties!.id as number).sort((a, b) => a - b);
      });
      expect(drawn, `z${zoom}`).toEqual(expected);
      const rendered = await renderedLinks(['link-stubs-selected']);
      expect(rendered.length, `z${zoom}`).toBeGreaterThan(0);
      expect(rendered.every((line) => line.selected && expected.includes(line.id!))).toBe(true);
      expect((await renderedLinks(STUB_LINE_LAYERS)).length).toBeLessThanOrEqual(MAX_LINK_FEATURES);
      await page.screenshot({ path: `${SHOTS}/selected-${firm}-z${zoom}.png` });
    }
  });
  it('says in the legend what is drawn at each zoom: flows, stubs, whole links (en, fr, it)', async () => {
    const place = places[0]!;
    await open('/?lang=en');
    const legend = async () => ({
      level: await page.locator('#flow-legend details').getAttribute('data-level'),
      drawn: await page.locator('#flow-legend .flow-level').textContent(),
      stubKey: await page.locator('#flow-legend .flow-stub-key').allTextContents(),
    });
    const en = translator('en');
    for (const [zoom, level] of [[11, 'commune'], [12, 'stub'], [14, 'stub'], [15, 'link']] as const) {
      await view(place.center, zoom);
      const shown = await legend();
      expect(shown.level, `z${zoom}`).toBe(level);
      expect(shown.drawn, `z${zoom}`).toBe(en.t(`flows.${level}`));
      expect(shown.stubKey.map((text) => text.includes(en.t('flows.stubKey'))), `z${zoom}`).toEqual(level === 'stub' ? [true] : []);
    }
    expect(en.t('flows.stub')).not.toBe(en.t('flows.link'));
    for (const lang of ['fr', 'it'] as const) {
      const t = translator(lang);
      await page.selectOption('#language', lang);
      await page.evaluate(() => window.atlas.settled());
      await view(place.center, 13);
      expect(await legend(), lang).toEqual({ level: 'stub', drawn: t.t('flows.stub'), stubKey: [expect.stringContaining(t.t('flows.stubKey'))] });
      await view(place.center, 15);
      expect((await legend()).drawn, lang).toBe(t.t('flows.link'));
    }
  });

  it('applies the same rule in the embed, on another site, at zoom 12 and 14', async () => {
    const place = places[0]!;
    const widget = `<mont-blanc-atlas id="w" lang="en" center="${place.center.join(',')}" zoom="12" height="640"></mont-blanc-atlas>`;
    const host = await serveHostPage(embeddingPage('A valley’s firms', widget, session.server.url));
    try {
      page = session.page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
      recordProblems(page, session.problems);
      await page.goto(`${host.url}/`);
      await page.evaluate(() => document.querySelector<AtlasElement>('#w')!.ready);
      for (const zoom of [12, 14]) {
        await page.evaluate(([c, z]) => {
          const element = document.querySelector<AtlasElement>('#w')!;
          element.map!.jumpTo({ center: c as [number, number], zoom: z as number });
          return element.settled();
        }, [place.center, zoom] as const);
        await expectStubRule(`embed over ${place.name} z${zoom}`, '#w');
        await page.locator('#w').screenshot({ path: `${SHOTS}/embed-${place.name}-z${zoom}.png` });
      }
    } finally {
      await host.close();
    }
  });

  it('draws the stubs into the PNG export (zoom 13)', async () => {
    const place = places[0]!;
    await open('/?lang=en');
    // One zoom: each costs two exports drawn in software; the stubs are the same at 12–14.
    for (const zoom of [13]) {
      await view(place.center, zoom);
      const stubs = await crossBorderStubs();
      // Precondition: cross-border stubs to look for (their colour is told apart from the basemap's).
      expect(stubs.length, `z${zoom}`).toBeGreaterThanOrEqual(3);
      const png = await downloadPng();
      writeFileSync(`${SHOTS}/export-${place.name}-z${zoom}.png`, png);
      await showStubLines(false);
      const withoutLines = await downloadPng();
      await showStubLines(true);
      const found = await stubsInPng(png, withoutLines, stubs);
      // Nearly all: one may lie under a cluster or another stub's label.
      expect(found.length, `z${zoom}: ${stubs.length} stubs drawn`).toBeGreaterThanOrEqual(Math.ceil(0.75 * stubs.length));
    }
  });
});
