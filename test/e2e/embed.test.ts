import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../web/src/state.ts';
import { BROWSER_TEST_TIMEOUT, launchChromium, recordProblems } from '../support/browser.ts';
import { type AtlasServer, serveAtlas, startAtlasServer } from './atlas-server.ts';
import { type AtlasElement, renderedFirms } from './rendered.ts';

const ARTIFACTS = 'test-results/screenshots';
/** Every sample firm in view, whatever a widget's size. */
const WHOLE_AREA = '6.4,45.45,7.85,46.35';

/** What a careless (or hostile) site's styles might do; none of it may reach into a widget. */
const HOSTILE_CSS = `
* { all: unset; }
div, section, ul, li, button, a, canvas { display: none !important; }
p, span, h2 { color: red !important; font-size: 40px; }
mont-blanc-atlas { font: italic 30px/5 serif; color: red; letter-spacing: 6px; text-align: right; }
.atlas, .map, .bar, .row, .placeholder, .maplibregl-map, .maplibregl-canvas { display: none !important; position: fixed; }
`;

/** Two widgets with different options (the second static, dark, with its list). */
const TWO_WIDGETS = `
<mont-blanc-atlas id="a" sector="outdoor" country="FR,IT" lang="it" bbox="${WHOLE_AREA}" height="420"></mont-blanc-atlas>
<p id="probe" class="row atlas bar maplibregl-map">A paragraph of the host page, named like the widget's parts.</p>
<mont-blanc-atlas id="b" sector="phyto_wellbeing" country="CH" lang="fr" bbox="${WHOLE_AREA}" height="360" list theme="dark" accent="#e0742b" interactive="false"></mont-blanc-atlas>`;

let atlas: AtlasServer;
let host: { url: string; close(): Promise<void> };
let browser: Browser;

/** A site of its own (another port, so another origin), serving pages that embed the Atlas at `atlasUrl`. */
async function startHost(atlasUrl: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const page = (body: string, loader: string | null) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A chamber of commerce</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/hostile.css"></head>
<body><h1>Our members on the map</h1>
${body}
${loader ? `<script src="${loader}/embed.js" async></script>` : ''}
</body></html>`;
  const pages: Record<string, (atlas: string) => string> = {
    // The snippet pasted twice, script included, as sites do: one definition, no error.
    '/two-widgets': (a) => page(`${TWO_WIDGETS}<script src="${a}/embed.js" async></script>`, a),
    '/two-widgets-without-atlas': () => page(TWO_WIDGETS, null),
    '/one-widget': (a) => page(`<mont-blanc-atlas id="a" sector="outdoor" lang="it" bbox="${WHOLE_AREA}" height="420"></mont-blanc-atlas>`, a),
    '/list': (a) => page(`<mont-blanc-atlas id="b" sector="phyto_wellbeing" country="CH" lang="fr" bbox="${WHOLE_AREA}" height="360" list interactive="false"></mont-blanc-atlas>`, a),
    '/below-the-fold': (a) =>
      page(`<p style="display:block;height:3000px">A long page.</p><mont-blanc-atlas id="late" sector="outdoor" bbox="${WHOLE_AREA}" height="300"></mont-blanc-atlas>`, a),
    '/iframe': (a) =>
      page(`<iframe src="${a}/embed?sector=building_renovation&amp;country=IT&amp;lang=en&amp;bbox=${WHOLE_AREA}" title="Atlas" style="display:block;width:800px;height:500px;border:0"></iframe>`, null),
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://host').pathname;
    if (path === '/hostile.css') return response.writeHead(200, { 'Content-Type': 'text/css' }).end(HOSTILE_CSS);
    const render = pages[path] ?? (path.startsWith('/denied/') ? () => page('<mont-blanc-atlas id="a" lang="en"></mont-blanc-atlas>', decodeURIComponent(path.slice('/denied/'.length))) : null);
    if (!render) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(render(atlasUrl()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Opened = { page: Page; problems: string[]; requests: string[] };

/** A host page in a fresh browser page, with its errors and requests recorded. */
async function open(path: string, viewport = { width: 1100, height: 1000 }): Promise<Opened> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  const requests: string[] = [];
  recordProblems(page, problems);
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${host.url}${path}`);
  return { page, problems, requests };
}

/** Waits for the widget's first render, then for its latest change to be rendered. */
async function settled(target: Page | Frame, selector: string): Promise<void> {
  await target.evaluate((s) => document.querySelector<AtlasElement>(s)!.ready, selector);
  await target.evaluate((s) => document.querySelector<AtlasElement>(s)!.settled(), selector);
}

async function apiCount(query: string): Promise<number> {
  return ((await (await fetch(`${atlas.url}/api/companies?limit=1&${query}`)).json()) as { numberMatched: number }).numberMatched;
}

/** The text of a part of a widget (Playwright's CSS selectors go through open shadow roots). */
const text = (target: Page | Frame, selector: string) => target.locator(selector).first().textContent();

/** The list row focused in a widget's shadow root, if any. */
const focusedRow = (page: Page, selector: string) =>
  page.evaluate((s) => (document.querySelector(s)!.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id ?? null, selector);

/** Waits for a frame of the page whose URL matches. */
async function frameOf(page: Page, url: RegExp): Promise<Frame> {
  for (;;) {
    const found = page.frames().find((frame) => url.test(frame.url()));
    if (found) return found;
    await page.waitForTimeout(50);
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [atlas, browser, host] = await Promise.all([startAtlasServer(), launchChromium(), startHost(() => atlas.url)]);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await atlas?.close();
});

describe('two widgets on another site with hostile CSS', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let shared: Opened;
  beforeAll(async () => {
    shared = await open('/two-widgets');
    await Promise.all([settled(shared.page, '#a'), settled(shared.page, '#b')]);
    await shared.page.screenshot({ path: `${ARTIFACTS}/embed-host-page.png`, fullPage: true });
  });
  afterAll(() => shared?.page.close());

  it('renders in each widget exactly the firms of its own filters', async () => {
    const [a, b] = await Promise.all([apiCount('sector=outdoor&country=FR,IT'), apiCount('sector=phyto_wellbeing&country=CH')]);
    expect(a).toBeGreaterThan(b);
    expect(b).toBeGreaterThan(0);
    expect(await renderedFirms(shared.page, '#a')).toBe(a);
    expect(await renderedFirms(shared.page, '#b')).toBe(b);
    expect(await shared.page.locator('#a .total').getAttribute('data-count')).toBe(String(a));
  });

  it('draws each map at the height asked for, whatever the page’s CSS', async () => {
    const heights = await shared.page.evaluate(() =>
      ['#a', '#b'].map((s) => document.querySelector<AtlasElement>(s)!.map!.getCanvas().getBoundingClientRect().height));
    expect(heights).toEqual([420, 360]);
  });

  it('raises no error on the host page', () => {
    expect(shared.problems).toEqual([]);
  });

  it('adds no global but its element, no cookie, no storage, and asks only the Atlas', async () => {
    const baseline = await open('/two-widgets-without-atlas');
    const globals = (page: Page) => page.evaluate(() => Object.getOwnPropertyNames(window));
    const before = new Set(await globals(baseline.page));
    await baseline.page.close();
    expect((await globals(shared.page)).filter((name) => !before.has(name))).toEqual([]);
    expect(await shared.page.evaluate(() => customElements.get('mont-blanc-atlas') !== undefined)).toBe(true);
    const storage = await shared.page.evaluate(async () => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    }));
    expect(storage).toEqual({ cookie: '', local: 0, session: 0, databases: 0, caches: 0 });
    expect(await shared.page.context().cookies()).toEqual([]);
    const origins = new Set(shared.requests.filter((url) => /^https?:/.test(url)).map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([atlas.url, host.url].sort());
  });

  it('keeps its styles in its shadow root, and the page’s out of it', async () => {
    const probe = (page: Page) =>
      page.evaluate(() => {
        const style = getComputedStyle(document.getElementById('probe')!);
        return { display: style.display, position: style.position, border: style.border, font: style.font, color: style.color };
      });
    const baseline = await open('/two-widgets-without-atlas');
    expect(await probe(shared.page)).toEqual(await probe(baseline.page));
    await baseline.page.close();
    expect(await shared.page.evaluate(() => ({
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      elements: document.querySelectorAll('style, link[rel=stylesheet]').length,
    }))).toEqual({ sheets: 1, adopted: 0, elements: 1 });
    const inside = await shared.page.locator('#a .atlas').evaluate((frame) => {
      const style = getComputedStyle(frame);
      return { display: style.display, fontStyle: style.fontStyle, letterSpacing: style.letterSpacing, color: style.color };
    });
    expect(inside).toEqual({ display: 'flex', fontStyle: 'normal', letterSpacing: 'normal', color: 'rgb(30, 42, 50)' });
    expect(await shared.page.locator('#b a.open').evaluate((link) => getComputedStyle(link).color)).toBe('rgb(224, 116, 43)');
  });

  it('shows the attribution and the sample-data notice, in its language', async () => {
    const attribution = await text(shared.page, '#a .maplibregl-ctrl-attrib');
    expect(attribution).toMatch(/© OpenStreetMap contributors/);
    expect(attribution).toMatch(/GeoNames/);
    expect(await shared.page.locator('#a .notice').isVisible()).toBe(true);
    expect(await text(shared.page, '#a .notice')).toBe('Dati di esempio: le imprese mostrate sono fittizie.');
    expect(await text(shared.page, '#b .notice')).toBe('Données d’exemple : les entreprises affichées sont fictives.');
  });

  it('links to the same view in the full map', async () => {
    const href = (await shared.page.locator('#a a.open').getAttribute('href'))!;
    const url = new URL(href);
    expect(url.origin).toBe(atlas.url);
    expect(readState(url.search, 'en')).toMatchObject({ lang: 'it', sectors: ['outdoor'], countries: ['FR', 'IT'] });
    const full = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await full.goto(href);
    await full.evaluate(() => window.atlas.settled());
    const [zoom, center] = url.hash.replace('#map=', '').split('/').map(Number) as [number, number];
    expect(await full.evaluate(() => window.atlas.map.getZoom())).toBeCloseTo(zoom, 1);
    expect(await full.evaluate(() => window.atlas.map.getCenter().lat)).toBeCloseTo(center, 2);
    expect(await full.locator('#total').getAttribute('data-count')).toBe(String(await apiCount('sector=outdoor&country=FR,IT')));
    await full.close();
  });

  it('labels each widget for assistive technology, in its language', async () => {
    const cdp = await shared.page.context().newCDPSession(shared.page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value: string }; name?: { value: string } }[] };
    const regions = nodes.filter((node) => node.role?.value === 'region').map((node) => node.name?.value);
    expect(regions).toEqual(expect.arrayContaining([
      'Atlante delle filiere del Monte Bianco: mappa delle imprese',
      'Atlas des filières du Mont-Blanc : carte des entreprises',
    ]));
  });

  it('keeps a static widget still when it is dragged, and shows it no zoom buttons', async () => {
    const before = await shared.page.evaluate(() => document.querySelector<AtlasElement>('#b')!.map!.getCenter().toArray());
    const box = (await shared.page.locator('#b .maplibregl-canvas').boundingBox())!;
    await shared.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await shared.page.mouse.down();
    await shared.page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 80, { steps: 8 });
    await shared.page.mouse.up();
    expect(await shared.page.evaluate(() => document.querySelector<AtlasElement>('#b')!.map!.getCenter().toArray())).toEqual(before);
    expect(await shared.page.locator('#b .maplibregl-ctrl-zoom-in').count()).toBe(0);
    expect(await shared.page.locator('#a .maplibregl-ctrl-zoom-in').count()).toBe(1);
  });
});

describe('a widget on another site', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('follows an attribute change live, leaving the other widget alone', async () => {
    const { page, problems } = await open('/two-widgets');
    await Promise.all([settled(page, '#a'), settled(page, '#b')]);
    const b = await renderedFirms(page, '#b');
    await page.evaluate(() => {
      const a = document.querySelector('#a')!;
      a.setAttribute('sector', 'building_renovation');
      a.setAttribute('country', 'IT');
    });
    await settled(page, '#a');
    expect(await renderedFirms(page, '#a')).toBe(await apiCount('sector=building_renovation&country=IT'));
    expect(await renderedFirms(page, '#b')).toBe(b);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('changes language, height, layers and theme when those attributes change', async () => {
    const { page, problems } = await open('/one-widget');
    await settled(page, '#a');
    await page.evaluate(() => {
      const a = document.querySelector('#a')!;
      a.setAttribute('lang', 'en');
      a.setAttribute('height', '300');
      a.setAttribute('layers', 'companies,density');
      a.setAttribute('theme', 'dark');
    });
    await settled(page, '#a');
    expect(await page.evaluate(() => {
      const map = document.querySelector<AtlasElement>('#a')!.map!;
      return [map.getLayoutProperty('links-cross-border', 'visibility'), map.getLayoutProperty('density', 'visibility'), map.getPaintProperty('background', 'background-color')];
    })).toEqual(['none', 'visible', '#1c242a']);
    expect(await text(page, '#a a.open')).toBe('Open the full map ↗');
    expect(await text(page, '#a .notice')).toBe('Sample data: the firms shown are fictitious.');
    expect(await page.evaluate(() => document.querySelector<AtlasElement>('#a')!.map!.getCanvas().getBoundingClientRect().height)).toBe(300);
    expect(await renderedFirms(page, '#a')).toBe(await apiCount('sector=outdoor'));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fetches the map only when it comes into view, in the space it kept for it', async () => {
    const { page, problems, requests } = await open('/below-the-fold');
    const reserved = await page.evaluate(() => document.querySelector('#late')!.shadowRoot!.firstElementChild!.getBoundingClientRect().height);
    await page.waitForTimeout(1000);
    expect(requests.filter((url) => url.includes('/assets/'))).toEqual([]);
    expect(await page.evaluate(() => document.querySelector<AtlasElement>('#late')!.map)).toBeNull();
    await page.locator('#late').scrollIntoViewIfNeeded();
    await settled(page, '#late');
    expect(requests.some((url) => /\/assets\/maplibre-.*\.js$/.test(url))).toBe(true);
    expect(await renderedFirms(page, '#late')).toBeGreaterThan(0);
    // No `lang` of its own: the page's.
    expect(await text(page, '#late a.open')).toBe('Open the full map ↗');
    expect(await page.evaluate(() => document.querySelector('#late')!.shadowRoot!.querySelector('.atlas')!.getBoundingClientRect().height)).toBe(reserved);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists the firms in view, one tab stop, opened and closed from the keyboard', async () => {
    const { page, problems } = await open('/list');
    await settled(page, '#b');
    const listed = await page.locator('#b button.row').evaluateAll((rows) => rows.map((row) => ({ id: Number(row.dataset.id), tabIndex: (row as HTMLButtonElement).tabIndex })));
    expect(listed.filter((row) => row.tabIndex === 0)).toHaveLength(1);
    const bbox = await page.evaluate(() => document.querySelector<AtlasElement>('#b')!.map!.getBounds().toArray().flat().map((n) => n.toFixed(5)).join(','));
    const inView = (await (await fetch(`${atlas.url}/api/companies?sector=phyto_wellbeing&country=CH&bbox=${bbox}&limit=100`)).json()) as { features: { id: number }[] };
    expect(listed.map((row) => row.id).sort()).toEqual(inView.features.map((f) => f.id).sort());

    for (let i = 0; i < 15 && (await focusedRow(page, '#b')) === null; i++) await page.keyboard.press('Tab');
    expect(await focusedRow(page, '#b')).toBe(String(listed[0]!.id));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedRow(page, '#b')).toBe(String(listed[2]!.id));
    await page.keyboard.press('Enter');
    const popup = page.locator('#b .maplibregl-popup');
    await popup.waitFor();
    expect(await popup.locator('.popup').getAttribute('data-id')).toBe(String(listed[2]!.id));
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });
    expect(await focusedRow(page, '#b')).toBe(String(listed[2]!.id));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works as an iframe on a page without any script', async () => {
    const { page, problems } = await open('/iframe');
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    const frame = await frameOf(page, /\/embed\?/);
    await frame.waitForFunction(() => document.querySelector('mont-blanc-atlas')?.shadowRoot);
    await settled(frame, 'mont-blanc-atlas');
    expect(await renderedFirms(frame, 'mont-blanc-atlas')).toBe(await apiCount('sector=building_renovation&country=IT'));
    await page.screenshot({ path: `${ARTIFACTS}/embed-iframe.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so, with a link to the Atlas, on a site outside ATLAS_EMBED_ORIGINS', async () => {
    const restricted = await serveAtlas(atlas.db, { ATLAS_EMBED_ORIGINS: 'https://www.another-site.example' });
    const { page } = await open(`/denied/${encodeURIComponent(restricted.url)}`);
    const outcome = await page.evaluate(() => document.querySelector<AtlasElement>('#a')!.ready.then(() => 'shown', () => 'refused'));
    expect(outcome).toBe('refused');
    expect(await text(page, '#a .placeholder')).toBe('The map could not be loaded.Open the Atlas');
    expect(await page.locator('#a .placeholder a').getAttribute('href')).toBe(`${restricted.url}/`);
    await page.close();
    await restricted.close();
  });
});

describe('the Share / Embed dialog of the full map', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('builds the snippet of the current view and filters, with a live preview', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: atlas.url });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${atlas.url}/?lang=en&sector=outdoor&country=IT#map=9/45.75/7.3`);
    await page.evaluate(() => window.atlas.settled());
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    expect(await page.getByRole('dialog', { name: 'Share or embed this map' }).isVisible()).toBe(true);
    const script = () => page.locator('#share-script').inputValue();
    expect(await script()).toContain(`<script src="${atlas.url}/embed.js" async></script>\n<mont-blanc-atlas lang="en" sector="outdoor" country="IT" center="7.3,45.75" zoom="9">`);

    await page.getByLabel('Map height (px)').fill('360');
    await page.getByLabel('List of the firms under the map').check();
    expect(await script()).toContain('zoom="9" height="360" list>');
    expect(await page.locator('#share-iframe').inputValue()).toContain(`src="${atlas.url}/embed?lang=en&amp;sector=outdoor&amp;country=IT&amp;center=7.3,45.75&amp;zoom=9&amp;list"`);

    await page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('.share-preview')?.src.includes('list'));
    const preview = await frameOf(page, /\/embed\?.*list/);
    await preview.waitForFunction(() => document.querySelector('mont-blanc-atlas')?.shadowRoot);
    await settled(preview, 'mont-blanc-atlas');
    expect(await preview.locator('mont-blanc-atlas .total').getAttribute('data-count')).toBe(String(await apiCount('sector=outdoor&country=IT')));
    expect(await preview.locator('mont-blanc-atlas button.row').count()).toBeGreaterThan(0);

    await page.locator('.copy-row', { has: page.locator('#share-script') }).getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await script());
    await page.screenshot({ path: `${ARTIFACTS}/share-dialog.png` });
    await page.keyboard.press('Escape');
    // The dialog leaves the page once its close event has run, a moment after the key.
    await expect.poll(() => page.locator('dialog.share').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
