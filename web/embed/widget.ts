/**
 * The embed widget: the Atlas map of one `<mont-blanc-atlas>` element, drawn in its shadow root.
 * Fetched by the loader (`/embed.js`) from the Atlas host when the element comes into view; every
 * URL it asks for is absolute to that host, whatever page it runs in. It keeps no state outside
 * its element: no global, no cookie, no storage.
 */
import type { Map as MapLibreMap, Popup } from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import type { BBox } from '../../shared/bbox.ts';
import { SECTORS } from '../../shared/vocabulary.ts';
import { SECTOR_COLORS } from '../../shared/style/palette.ts';
import { type Company, createApi } from '../src/api.ts';
import { clear, h } from '../src/dom.ts';
import { type Translator, translator } from '../src/i18n.ts';
import { pointerOver, showFilters, showLayerGroups, styleLoaded, viewBBox, zoomIntoCluster } from '../src/map/atlas-map.ts';
import { ATTRIBUTION, TERRITORIES_BOUNDS, createMap, mapLocale, maplibregl } from '../src/map/create-map.ts';
import { createFlowsView } from '../src/map/flows/flows-view.ts';
import { filterQuery } from '../src/state.ts';
import rowsCss from '../src/ui/rows.css?inline';
import { BAR_HEIGHT, LIST_HEIGHT, fillsHost } from '../../shared/embed/attributes.ts';
import { firmList } from './firm-list.ts';
import { embedLanguage } from './language.ts';
import { type Camera, type EmbedOptions, fullMapUrl, readOptions } from './options.ts';
import { firmPopup } from './popup.ts';
import { applyTheme } from './theme.ts';
import widgetCss from './widget.css?inline';

/** The Atlas host: this module is always served by it. */
const ORIGIN = new URL(import.meta.url).origin;
const api = createApi(ORIGIN, 'omit');
/** Firms listed under the map at most (the count above the list says how many more there are). */
const LIST_LIMIT = 100;
const TERRITORIES = { bbox: [...TERRITORIES_BOUNDS[0], ...TERRITORIES_BOUNDS[1]] as BBox };

let sheets: CSSStyleSheet[] | undefined;
/** Parsed once per page and shared by the shadow roots of all its widgets; nothing goes into the page's own styles. */
const styleSheets = () =>
  (sheets ??= [maplibreCss, rowsCss, widgetCss].map((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  }));

/** Whether the registry holds sample firms: asked once per page (again after a failure). */
let health: Promise<{ sampleCompanies: number }> | undefined;
const sampleHealth = () =>
  (health ??= api.health().catch((error: unknown) => {
    health = undefined;
    throw error;
  }));

export type Widget = {
  readonly map: MapLibreMap;
  /** Resolves when the first render with data is complete. */
  readonly ready: Promise<void>;
  /** Resolves when the latest change is loaded and rendered. */
  settled(): Promise<void>;
  /** Reads the element's attributes again and applies what changed. */
  update(): void;
  destroy(): void;
};

export function mountWidget(host: HTMLElement, shadow: ShadowRoot): Widget {
  return new AtlasWidget(host, shadow);
}

const isAbort = (error: unknown) => (error as Error).name === 'AbortError';
const sameCamera = (a: EmbedOptions, b: EmbedOptions) => JSON.stringify(a.camera) === JSON.stringify(b.camera);

class AtlasWidget implements Widget {
  map!: MapLibreMap;
  readonly ready: Promise<void>;
  readonly #host: HTMLElement;
  #options: EmbedOptions;
  #t: Translator;
  /** Resolves when the current map's style is loaded (or the map is gone). */
  #styled!: Promise<void>;
  #pending: Promise<unknown> = Promise.resolve();
  #dataRequest?: AbortController;
  #flows?: ReturnType<typeof createFlowsView>;
  #listRequest?: AbortController;
  #popup: Popup | null = null;
  #selected: number | null = null;
  readonly #frame = h('div', { class: 'atlas' });
  readonly #mapBox = h('div', { class: 'map-box' });
  readonly #notice = h('p', { class: 'notice', role: 'note', hidden: true });
  readonly #bar = h('div', { class: 'bar' });
  readonly #count = h('span', { class: 'total', role: 'status' });
  readonly #legend = h('span', { class: 'legend' });
  readonly #link = h('a', { class: 'open', target: '_blank', rel: 'noopener' });
  readonly #list = h('div', { class: 'list', hidden: true });

  constructor(host: HTMLElement, shadow: ShadowRoot) {
    this.#host = host;
    this.#options = this.#read();
    this.#t = translator(this.#options.view.lang);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, ...styleSheets()];
    this.#bar.append(this.#count, this.#legend, this.#link);
    this.#frame.append(this.#mapBox, this.#bar, this.#list);
    shadow.replaceChildren(this.#frame);
    this.#layout();
    this.#mount(null);
    this.ready = this.#track(this.#loadData()).then(() => this.#settle());
  }

  async settled(): Promise<void> {
    await this.ready;
    await this.#settle();
  }

  update(): void {
    const before = this.#options;
    const after = (this.#options = this.#read());
    this.#t = translator(after.view.lang);
    this.#layout();
    if (after.view.lang !== before.view.lang || after.interactive !== before.interactive) {
      // MapLibre takes its words and its interactivity when it is made: a new map, at the same place.
      const { lng, lat } = this.map.getCenter();
      const here = { center: [lng, lat] as [number, number], zoom: this.map.getZoom() };
      this.#unmount();
      this.#mount(sameCamera(before, after) ? here : null);
      void this.#track(this.#loadData());
      return;
    }
    if (filterQuery(after.view).toString() !== filterQuery(before.view).toString()) void this.#track(this.#loadData());
    else if (after.list && !before.list) void this.#track(this.#loadList());
    if (after.view.layers.join() !== before.view.layers.join() || after.theme !== before.theme) void this.#track(this.#styled.then(() => this.#paint()));
    if (!sameCamera(before, after)) void this.#track(this.#styled.then(() => this.#moveTo(after.camera ?? TERRITORIES)));
    this.#showLink();
  }

  destroy(): void {
    this.#dataRequest?.abort();
    this.#listRequest?.abort();
    this.#unmount();
  }

  #read(): EmbedOptions {
    return readOptions((name) => this.#host.getAttribute(name), embedLanguage(this.#host));
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#pending = Promise.all([this.#pending, work.catch(() => {})]);
    return work;
  }

  async #settle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.#pending;
      await seen;
    } while (seen !== this.#pending);
    const map = this.map;
    if (!map.loaded() || map.isMoving()) await new Promise<void>((resolve) => map.once('idle', () => resolve()));
  }

  // --- the map -------------------------------------------------------------------------

  #mount(keep: { center: [number, number]; zoom: number } | null): void {
    const { view, camera, interactive } = this.#options;
    const style = filterQuery(view);
    style.set('lang', view.lang);
    const container = h('div', { class: 'map' });
    this.#mapBox.replaceChildren(this.#notice, container);
    const start = keep ?? (camera && 'center' in camera ? camera : null);
    const { bbox } = camera && 'bbox' in camera ? camera : TERRITORIES;
    const map = (this.map = createMap(container, `${ORIGIN}/api/style.json?${style}`, {
      ...(start ? { center: start.center, zoom: start.zoom, bounds: undefined } : { bounds: bbox }),
      fitBoundsOptions: { padding: 16 },
      // A widget is often small and zoomed out: kept inside the window the basemap's data is cut to
      // (WINDOW in geodata/build/countries.ts), it never shows the cut edges.
      maxBounds: [[5.3, 44.8], [8.8, 46.9]],
      interactive,
      // On a host page the wheel scrolls the page: zooming takes Ctrl (⌘) + wheel, or two fingers.
      cooperativeGestures: interactive,
      attributionControl: { customAttribution: ATTRIBUTION },
      locale: mapLocale(this.#t),
    }));
    // Territory flows below zoom 10, as in the full map (its legend stays with the full map).
    this.#flows = createFlowsView(map, { origin: ORIGIN, onChange: () => {} });
    const removed = new Promise<void>((resolve) => map.once('remove', () => resolve()));
    this.#styled = Promise.race([styleLoaded(map, ORIGIN).then(() => this.#paint()), removed]);
    map.on('click', 'clusters', (event) => {
      const cluster = event.features?.[0];
      if (cluster) zoomIntoCluster(map, cluster);
    });
    map.on('click', 'companies', (event) => {
      const id = event.features?.[0]?.id;
      if (typeof id === 'number') void this.#track(api.company(id).then((company) => this.#select(company, null)));
    });
    pointerOver(map, ['clusters', 'companies']);
    map.on('moveend', () => {
      this.#showLink();
      if (this.#options.list) void this.#track(this.#loadList());
    });
    this.#showLink();
  }

  #unmount(): void {
    this.#closePopup();
    this.map.remove();
  }

  /** Layers and theme, on a loaded style. */
  #paint(): void {
    if (!this.map.getStyle()) return;
    showLayerGroups(this.map, this.#options.view.layers);
    applyTheme(this.map, this.#options.theme);
  }

  #moveTo(camera: Camera): void {
    if ('bbox' in camera) this.map.fitBounds(camera.bbox, { padding: 16, animate: false });
    else this.map.jumpTo({ center: camera.center, zoom: camera.zoom });
  }

  // --- data ----------------------------------------------------------------------------

  /** The tiles, the count and the list for the current filters. */
  async #loadData(): Promise<void> {
    this.#dataRequest?.abort();
    const request = (this.#dataRequest = new AbortController());
    const { map } = this;
    const query = filterQuery(this.#options.view);
    try {
      const [page, { sampleCompanies }] = await Promise.all([api.search(query, 1, request.signal), sampleHealth()]);
      await this.#styled;
      if (request.signal.aborted || map !== this.map) return;
      showFilters(map, ORIGIN, query);
      await this.#flows?.load(query, this.#t);
      this.#notice.textContent = this.#t.t('sampleNotice');
      this.#notice.hidden = sampleCompanies === 0;
      this.#count.textContent = this.#t.t('firmsShown', { count: page.numberMatched });
      this.#count.dataset.count = String(page.numberMatched);
      if (this.#options.list) await this.#loadList();
    } catch (error) {
      if (isAbort(error)) return;
      this.#count.textContent = this.#t.t('error');
      throw error;
    }
  }

  /** The firms in view (the map itself only has tiles), as a keyboard-friendly list. */
  async #loadList(): Promise<void> {
    this.#listRequest?.abort();
    const request = (this.#listRequest = new AbortController());
    const query = filterQuery(this.#options.view);
    query.set('bbox', viewBBox(this.map));
    try {
      const page = await api.search(query, LIST_LIMIT, request.signal);
      clear(this.#list, firmList(page.features, page.numberMatched, this.#t, (company, row) => this.#select(company, row)));
    } catch (error) {
      if (!isAbort(error)) clear(this.#list, h('p', { class: 'muted' }, this.#t.t('error')));
    }
  }

  // --- a firm --------------------------------------------------------------------------

  /** Shows a firm in a popup; closing it (Escape too) gives the focus back to where it came from. */
  #select(company: Company, returnFocus: HTMLElement | null): void {
    this.#closePopup();
    this.#selected = company.id;
    this.map.setFilter('company-selected', ['==', ['id'], company.id]);
    void this.#flows?.select(company.id);
    const popup = new maplibregl.Popup({ maxWidth: '280px', focusAfterOpen: true })
      .setLngLat(company.geometry.coordinates as [number, number])
      .setDOMContent(firmPopup(company, this.#t, this.#fullMapUrl()))
      .addTo(this.map);
    popup.getElement().addEventListener('keydown', (event) => {
      if (event.key === 'Escape') popup.remove();
    });
    popup.on('close', () => {
      if (this.#popup !== popup) return;
      this.#popup = null;
      this.#selected = null;
      if (this.map.getLayer('company-selected')) this.map.setFilter('company-selected', ['==', ['id'], -1]);
      void this.#flows?.select(null);
      this.#showLink();
      returnFocus?.focus();
    });
    this.#popup = popup;
    this.#showLink();
  }

  #closePopup(): void {
    const popup = this.#popup;
    // Cleared first: the popup's close handler then leaves the selection and the focus alone.
    this.#popup = null;
    popup?.remove();
  }

  // --- around the map ------------------------------------------------------------------

  #fullMapUrl(): string {
    const center = this.map.getCenter();
    return fullMapUrl(ORIGIN, this.#options.view, { center: [center.lng, center.lat], zoom: this.map.getZoom() }, this.#selected);
  }

  #showLink(): void {
    this.#link.href = this.#fullMapUrl();
  }

  /** Sizes, theme, accent and the words around the map, from the options. */
  #layout(): void {
    const { height, list, theme, accent, view } = this.#options;
    const fill = fillsHost(height);
    this.#frame.classList.toggle('fill', fill);
    this.#frame.classList.toggle('dark', theme === 'dark');
    this.#frame.lang = view.lang;
    // A colour the browser does not understand is left out rather than breaking the widget's colours.
    if (accent && CSS.supports('color', accent)) this.#frame.style.setProperty('--accent', accent);
    else this.#frame.style.removeProperty('--accent');
    this.#mapBox.style.height = fill ? '' : height;
    this.#bar.style.height = `${BAR_HEIGHT}px`;
    this.#list.style.height = `${LIST_HEIGHT}px`;
    this.#list.hidden = !list;
    const sectors = view.sectors.length ? view.sectors : SECTORS;
    clear(this.#legend, sectors.map((sector) =>
      h('span', { class: 'key' },
        h('span', { class: 'dot', style: `background:${SECTOR_COLORS[sector]}`, 'aria-hidden': 'true' }),
        this.#t.t(`sectorShort.${sector}`))));
    clear(this.#link, this.#t.t('openFullMap'), h('span', { 'aria-hidden': 'true' }, ' ↗'));
  }
}
