import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { STUB_LINE_LAYERS } from '../../shared/style/flows.ts';
import { MAX_LINK_FEATURES } from '../../web/src/map/flows/link-stubs.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { useChromiumSession } from './chromium-session.ts';

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

/** The link lines drawn, one per feature (a line cut by tiles counts once), with its extent on screen. */
function renderedLinks(layers: readonly string[]) {
  const ids = [...layers];
  return page.evaluate((ids) => {
    const map = window.atlas.map;
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
  }, ids);
}

/** Nine views, each waiting for its tiles and links: longer than one page's test on a shared machine. */
describe('links at zoom 12–14 readable in any view', { timeout: 4 * BROWSER_TEST_TIMEOUT }, () => {
  let places: Place[];
  beforeAll(async () => {
    places = busiestPlaces(await allLinks());
  });

  it('draws at most 40 link lines over the busiest places, none across the view', async () => {
    await open('/?lang=en');
    expect(places).toHaveLength(3);
    for (const place of places) {
      for (const zoom of [12, 13, 14]) {
        await view(place.center, zoom);
        const lines = await renderedLinks(STUB_LINE_LAYERS);
        // Precondition: the view has links to draw.
        expect(lines.length, `${place.name} z${zoom}`).toBeGreaterThan(0);
        expect(lines.length, `${place.name} z${zoom}`).toBeLessThanOrEqual(MAX_LINK_FEATURES);
        for (const line of lines) expect(line.span, `${place.name} z${zoom}`).toBeLessThan(MAX_SPAN);
        // The tile layer of whole links is not drawn at these zooms.
        expect(await page.evaluate(() => window.atlas.map.queryRenderedFeatures({ layers: ['links-domestic', 'links-cross-border'] }).length)).toBe(0);
        await page.screenshot({ path: `${SHOTS}/${place.name}-z${zoom}.png` });
      }
    }
    expect(await page.locator('#flow-legend .flow-stub-key').textContent()).toContain('→ Aosta · 11');
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
    for (const zoom of [12, 13, 14]) {
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
});
