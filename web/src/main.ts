import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { bbox as turfBbox } from '@turf/bbox';
import { circle } from '@turf/circle';
import { point } from '@turf/helpers';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { localName, peakLabel } from '../../shared/style/basemap.ts';
import type { LayerGroup } from '../../shared/style/atlas.ts';
import { api, type NearbyResult } from './api.ts';
import { followLiveUpdates } from './live-updates.ts';
import { clear, h } from './dom.ts';
import { type Lang, LANGUAGES, browserLanguage, translator } from './i18n.ts';
import { pointerOver, reloadTiles, showFilters, showLayerGroups, styleLoaded as atlasStyleLoaded, viewBBox, zoomIntoCluster } from './map/atlas-map.ts';
import { createMap, mapLocale } from './map/create-map.ts';
import { type AtlasState, filterQuery, openingStats, readState, writeState } from './state.ts';
import { renderCompanyPanel } from './ui/company-panel.ts';
import { firmIntroductions } from './chains/firm-introductions.ts';
import { renderAccountMenu } from './ui/account-menu.ts';
import { type Me, fetchMe, signOut } from './account/session.ts';
import { renderFilters } from './ui/filters.ts';
import { renderLegend } from './ui/legend.ts';
import { renderDensityLegend } from './ui/density-legend.ts';
import { renderFlowLegend } from './ui/flow-legend.ts';
import { createFlowsView } from './map/flows/flows-view.ts';
import { densityPaint } from '../../shared/style/density.ts';
import { mapPng } from './map/export-png.ts';
import { pngSheet } from './ui/png-sheet.ts';
import { renderNearbyPanel } from './ui/nearby-panel.ts';
import { renderSearch } from './ui/search.ts';
import { openImportDialog } from './ui/import-dialog.ts';
import { openShareDialog } from './ui/share-dialog.ts';
import { renderVisibleList } from './ui/visible-list.ts';
import { createTimeSlider } from './ui/time-slider.ts';
import { createStatsView } from './stats/stats-view.ts';
import { createSuggestionsView } from './chains/suggestions-view.ts';
import { type EditorContext, openCompanyEditor, openNewCompany } from './edit/company-editor.ts';
import { firmActions } from './edit/firm-actions.ts';
import { historySection } from './edit/history-section.ts';
import { linkEditing } from './edit/link-editor.ts';
import { createMapPick } from './edit/map-pick.ts';
import { trackBottomControls } from './map/bottom-controls.ts';

declare global {
  interface Window {
    atlas: {
      map: MapLibreMap;
      /** Resolves when the first render with data is complete. */
      ready: Promise<void>;
      /** Resolves when the latest data and panels are loaded and the map has rendered them. */
      settled(): Promise<void>;
      state(): AtlasState;
    };
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let state = readState(location.search, browserLanguage());
let t = translator(state.lang);
let nearbySectors: AtlasState['sectors'] = state.sectors;
let dataRequest: AbortController | undefined;

const styleQuery = filterQuery(state);
styleQuery.set('lang', state.lang);
const map = createMap($('map'), `/api/style.json?${styleQuery}`, { hash: 'map', locale: mapLocale(t) });
const styleLoaded = atlasStyleLoaded(map, location.origin);
/** The map's next click, when the edit form asks for a location or a partner. */
const pick = createMapPick(map, ['companies']);
trackBottomControls(map, $('map').parentElement!);

function saveUrl() {
  history.replaceState(null, '', `?${writeState(state)}${location.hash}`);
}

/** The time slider puts its date on every layer, list and figure, as a filter does. */
const timeSlider = createTimeSlider($('time'), (asOf) => update({ asOf }));

let pending: Promise<unknown> = Promise.resolve();
const track = <T>(work: Promise<T>) => {
  pending = Promise.all([pending, work.catch(() => {})]);
  return work;
};

function update(partial: Partial<AtlasState>) {
  const before = state;
  state = { ...state, ...partial };
  // The statistics and a firm's or the nearby panel take the same place: opening one closes the other.
  if (partial.stats) state = { ...state, firm: null, nearby: null };
  else if (partial.firm || partial.nearby) state = { ...state, stats: null };
  saveUrl();
  const filtersChanged = (['sectors', 'countries', 'sizes', 'status', 'q', 'asOf'] as const).some((k) => before[k] !== state[k]);
  if (before.asOf !== state.asOf) timeSlider.render(state.asOf, t);
  if (partial.lang && partial.lang !== before.lang) return applyLanguage();
  if (partial.nearby && partial.nearby !== before.nearby && !before.nearby) nearbySectors = state.sectors;
  if (filtersChanged) {
    renderSidebar(false);
    void track(loadData());
    if (state.nearby && !('nearby' in partial)) void track(showNearby());
  }
  if (partial.layers) {
    renderSidebar(false);
    applyLayers();
  }
  if ('density' in partial) {
    renderSidebar(false);
    void styleLoaded.then(applyDensity);
  }
  if ('firm' in partial || before.firm !== state.firm) void track(showFirm());
  if ('nearby' in partial || before.nearby !== state.nearby) void track(showNearby());
  if (before.stats !== state.stats || (filtersChanged && state.stats)) void track(showStats());
}

// --- sidebar -----------------------------------------------------------------------------

function renderSidebar(withSearch = true) {
  if (withSearch) {
    clear($('search'), renderSearch(state.q, () => filterQuery({ ...state, q: '' }), t, {
      setQ: (q) => update({ q }),
      select: (id) => update({ firm: id }),
    }));
  }
  clear($('filters'), renderFilters(state, t, update));
  clear($('legend'), renderLegend(state.layers, t, (layers) => update({ layers })));
  $('density-legend').hidden = !state.layers.includes('density');
  clear($('density-legend'), renderDensityLegend(state.density, t, (density) => update({ density })));
  renderFlowLegendNow();
}

function renderFlowLegendNow() {
  $('flow-legend').hidden = !state.layers.includes('links') || state.stats !== null;
  // Beside the layer switch, not over the map, whose middle it would hide; open until the reader closes it.
  const open = ($('flow-legend').firstElementChild as HTMLDetailsElement | null)?.open ?? true;
  clear($('flow-legend'), renderFlowLegend(flows.summary(), t, flows.focus, open));
}

let visibleRequest: AbortController | undefined;

/** The firms in view, from the API (the map itself only has tiles). */
async function renderVisible() {
  visibleRequest?.abort();
  const request = (visibleRequest = new AbortController());
  const query = filterQuery(state);
  query.set('bbox', viewBBox(map));
  try {
    const page = await api.search(query, 60, request.signal);
    clear($('visible'), renderVisibleList(page.features, page.numberMatched, t, (id) => update({ firm: id })));
  } catch (error) {
    if ((error as Error).name !== 'AbortError') clear($('visible'), h('p', { class: 'muted' }, t.t('error')));
  }
}

/** The signed-in person (null for a visitor): the header shows them, the import needs no token. */
let me: Me | null = null;

function renderAccount() {
  const editor = me !== null && me.role !== 'member';
  clear($('account'),
    editor && h('button', { type: 'button', class: 'tool', id: 'add-firm', title: t.t('edit.addFirm'), onclick: () => addFirm() },
      h('span', { 'aria-hidden': 'true' }, '+'), ' ', h('span', { class: 'tool-label' }, t.t('edit.addFirm'))),
    renderAccountMenu(me, t, () => void signOut().then(() => location.reload())));
}

/** What the edit form needs of the page; once it is done, the map, the list and the panel show the change. */
function editorContext(): EditorContext {
  return {
    t, me: me!, map, pick, panel: $('panel'),
    done(id) {
      reloadTiles(map);
      void track(loadData());
      if (id === null || id !== state.firm) update({ firm: id, nearby: null });
      else void track(showFirm());
    },
  };
}

function addFirm() {
  update({ firm: null, nearby: null, stats: null });
  const country = me?.countries?.[0] ?? 'FR';
  openNewCompany(null, country, editorContext());
}

function renderChrome() {
  document.documentElement.lang = t.lang;
  document.title = t.t('title');
  $('title').textContent = t.t('title');
  $('subtitle').textContent = t.t('subtitle');
  $('map').setAttribute('aria-label', t.t('mapLabel'));
  $('sample-notice').textContent = t.t('sampleNotice');
  clear($('language'), LANGUAGES.map((lang) => h('option', { value: lang, selected: lang === t.lang }, lang.toUpperCase())));
  $('language').setAttribute('aria-label', t.t('language'));
  $('menu-toggle').textContent = t.t('filters');
  $('nearby-mode').setAttribute('aria-label', t.t('nearbyTool'));
  $('nearby-mode').title = t.t('nearbyTool');
  $('share-label').textContent = t.t('share.open');
  $('stats-label').textContent = t.t('statistics');
  $('stats-toggle').title = t.t('statsTool');
  $('export-label').textContent = t.t('export.label');
  $('import-label').textContent = t.t('import.open');
  $('import').setAttribute('aria-label', t.t('import.title'));
  $('share').setAttribute('aria-label', t.t('share.open'));
  $('stats-toggle').setAttribute('aria-label', t.t('statistics'));
  $('png-label').textContent = t.t('png.download');
  renderAccount();
  $('download-png').title = t.t('png.title');
  $('download-png').setAttribute('aria-label', t.t('png.title'));
  timeSlider.render(state.asOf, t);
}

// --- map data ----------------------------------------------------------------------------

/** Set by each loadData: the map's tiles asked for with its filters (the first render waits for that). */
let filtersShown: Promise<void> = Promise.resolve();

async function loadData() {
  dataRequest?.abort();
  const request = (dataRequest = new AbortController());
  const query = filterQuery(state);
  // The exports are the server's, with the filters of the map: every match, not just the page in view.
  for (const format of ['csv', 'geojson']) {
    ($(`export-${format}`) as HTMLAnchorElement).href = `/api/companies?${new URLSearchParams([...query, ['format', format]])}`;
  }
  // The tiles, the list and the count load side by side: none waits for another.
  const shown = (filtersShown = styleLoaded.then(() => showFilters(map, location.origin, query)));
  const listed = renderVisible();
  const counted = showCount(query, request.signal);
  await shown;
  await Promise.all([listed, counted, flows.load(query, t)]);
}

/** The number of firms matching the filters in the header, and the sample notice. */
async function showCount(query: URLSearchParams, signal: AbortSignal) {
  const [count, health] = await Promise.all([api.search(query, 1, signal), api.health()]);
  if (signal.aborted) return;
  $('sample-notice').hidden = health.sampleCompanies === 0;
  $('total').textContent = state.asOf
    ? t.t('firmsShownAsOf', { count: count.numberMatched, date: t.date(state.asOf) })
    : t.t('firmsShown', { count: count.numberMatched });
  $('total').dataset.count = String(count.numberMatched);
}

function applyDensity() {
  for (const [name, value] of Object.entries(densityPaint(state.density))) map.setPaintProperty('density', name as 'heatmap-color', value as never);
}

/** The statistics map stands alone while it is open: firms, densities and links would cover it. */
const HIDDEN_BY_STATS: LayerGroup[] = ['companies', 'density', 'links'];

function applyLayers() {
  showLayerGroups(map, state.layers.filter((group) => !(state.stats && HIDDEN_BY_STATS.includes(group))));
}

function applyLanguage() {
  t = translator(state.lang);
  void track(flows.load(filterQuery(state), t));
  for (const id of ['region-labels', 'lake-labels', 'actor-labels']) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', localName(state.lang));
  }
  if (map.getLayer('peak-labels')) map.setLayoutProperty('peak-labels', 'text-field', peakLabel(state.lang));
  renderChrome();
  renderSidebar();
  void track(renderVisible());
  void track(showFirm());
  void track(showNearby());
  void track(showStats());
}

// --- panels ------------------------------------------------------------------------------

const suggestions = createSuggestionsView({ track, select: (id) => update({ firm: id, nearby: null }) });

function closePanel() {
  $('panel').hidden = true;
  clear($('panel'));
}

/** Below a firm's details: staff see the introductions it is part of, everyone its suggested partners. */
function panelExtras(id: number): DocumentFragment {
  const extras = document.createDocumentFragment();
  if (me && me.role !== 'member') extras.append(historySection(id, t, () => editorContext().done(id)));
  extras.append(firmIntroductions(id, t), suggestions.mount(new URLSearchParams({ company: String(id) }), t));
  return extras;
}

async function showFirm() {
  map.setFilter('company-selected', ['==', ['id'], state.firm ?? -1]);
  void flows.select(state.firm ?? null);
  if (!state.firm) {
    if (!state.nearby) closePanel();
    return;
  }
  const id = state.firm;
  try {
    const company = await api.company(id);
    const [links, nearby] = await Promise.all([
      api.linksOf(id),
      api.nearby(new URLSearchParams({ company: String(id), radius: '10000', limit: '5' })),
    ]);
    if (state.firm !== id) return;
    $('panel').hidden = false;
    clear($('panel'), renderCompanyPanel(company, links.features, nearby.features, t, {
      select: (other) => update({ firm: other }),
      nearbyFrom: (c) => update({ firm: null, nearby: { lon: c.geometry.coordinates[0]!, lat: c.geometry.coordinates[1]!, company: c.id, radius: state.nearby?.radius ?? 10_000 } }),
      close: () => update({ firm: null }),
    }, panelExtras(id), firmActions(company, links.features, me, t, {
      edit: () => void openCompanyEditor(id, editorContext()),
      refresh: () => editorContext().done(id),
      gone: () => editorContext().done(null),
    }), me && me.role !== 'member' ? linkEditing(company, { t, pick, done: () => editorContext().done(id) }) : null));
    const [lon, lat] = company.geometry.coordinates as [number, number];
    if (!map.getBounds().contains([lon, lat]) || map.getZoom() < 11) map.flyTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 13) });
  } catch {
    clear($('panel'), h('p', { class: 'muted' }, t.t('error')));
  }
}

let lastNearby: NearbyResult | null = null;

async function showNearby() {
  const nearby = state.nearby;
  const source = map.getSource('nearby') as GeoJSONSource | undefined;
  if (!nearby) {
    lastNearby = null;
    source?.setData({ type: 'FeatureCollection', features: [] });
    if (!state.firm) closePanel();
    return;
  }
  // The suggestions follow the nearby tool's radius and sector chips.
  const suggested = suggestions.mount(new URLSearchParams([
    ...(nearby.company ? [['company', String(nearby.company)]] : [['lon', String(nearby.lon)], ['lat', String(nearby.lat)]]),
    ['radius', String(nearby.radius)],
    ...(nearbySectors.length ? [['sector', nearbySectors.join(',')]] : []),
  ]), t);
  const render = (result: NearbyResult | null, originName: string | null) => {
    $('panel').hidden = false;
    clear($('panel'), renderNearbyPanel(nearby, nearbySectors, result, originName, t, {
      setRadius: (radius) => update({ nearby: { ...nearby, radius } }),
      setSectors: (sectors) => {
        nearbySectors = sectors;
        void track(showNearby());
      },
      select: (id) => update({ firm: id, nearby: null }),
      close: () => update({ nearby: null }),
    }, suggested));
  };
  render(null, null);
  // The list follows the main filters (countries, size, search); its own sector chips start
  // from the main sector filter and can be changed without touching the map.
  const params = filterQuery({ ...state, sectors: nearbySectors });
  params.set('radius', String(nearby.radius));
  params.set('limit', '1000');
  if (nearby.company) params.set('company', String(nearby.company));
  else {
    params.set('lon', String(nearby.lon));
    params.set('lat', String(nearby.lat));
  }
  const result = await api.nearby(params);
  if (state.nearby !== nearby) return;
  lastNearby = result;
  const origin = result.origin.coordinates;
  await styleLoaded;
  (map.getSource('nearby') as GeoJSONSource).setData({
    type: 'FeatureCollection',
    features: [circle(origin, nearby.radius / 1000, { steps: 96 }), point(origin)],
  });
  const originName = nearby.company ? (await api.company(nearby.company)).properties.name : null;
  render(result, originName);
  map.fitBounds(turfBbox(circle(origin, nearby.radius / 1000)) as [number, number, number, number], { padding: 40, maxZoom: 14 });
}

const flows = createFlowsView(map, { onChange: () => renderFlowLegendNow() });

const statsView = createStatsView({ map, panel: $('stats'), legend: $('stats-legend'), styleLoaded });

async function showStats() {
  $('stats-toggle').setAttribute('aria-pressed', String(state.stats !== null));
  renderFlowLegendNow();
  void styleLoaded.then(applyLayers);
  if (!state.stats) return statsView.hide();
  await statsView.show(state.stats, filterQuery(state), t, {
    change: (stats) => update({ stats }),
    close: () => update({ stats: null }),
  });
}

// --- map interaction ---------------------------------------------------------------------

map.on('click', 'clusters', (event) => {
  if (pick.active()) return;
  const feature = event.features?.[0];
  if (feature) zoomIntoCluster(map, feature);
});
map.on('click', 'companies', (event) => {
  if (pick.active()) return;
  const id = event.features?.[0]?.id;
  if (typeof id === 'number') update({ firm: id });
});
map.on('click', (event) => {
  if (pick.active()) return;
  const hit = map.queryRenderedFeatures(event.point, { layers: ['clusters', 'companies', 'actors'] });
  if (hit.length === 0 && $('nearby-mode').getAttribute('aria-pressed') === 'true') {
    setNearbyMode(false);
    update({ firm: null, nearby: { lon: event.lngLat.lng, lat: event.lngLat.lat, company: null, radius: state.nearby?.radius ?? 10_000 } });
  }
});
pointerOver(map, ['clusters', 'companies', 'actors']);
map.on('moveend', () => void track(renderVisible()));

// --- start -------------------------------------------------------------------------------

$<HTMLSelectElement>('language').addEventListener('change', (e) => update({ lang: (e.target as HTMLSelectElement).value as Lang }));
$('menu-toggle').addEventListener('click', () => {
  const open = document.body.classList.toggle('sidebar-open');
  $('menu-toggle').setAttribute('aria-expanded', String(open));
});
/** Nearby mode: the next click on an empty spot of the map starts a search there. */
function setNearbyMode(on: boolean) {
  $('nearby-mode').setAttribute('aria-pressed', String(on));
  $('nearby-hint').hidden = !on;
  $('nearby-hint').textContent = t.t('nearbyHint');
  map.getCanvas().style.cursor = on ? 'crosshair' : '';
}
$('nearby-mode').addEventListener('click', () => setNearbyMode($('nearby-mode').getAttribute('aria-pressed') !== 'true'));
$('share').addEventListener('click', () => {
  const { lng, lat } = map.getCenter();
  openShareDialog({ state, center: [lng, lat], zoom: map.getZoom(), url: location.href }, t);
});
$('download-png').addEventListener('click', () => void track(downloadPng()));

/** The view as a PNG with its title, data date, legend and attribution (see map/export-png.ts). */
async function downloadPng() {
  const button = $<HTMLButtonElement>('download-png');
  button.disabled = true;
  try {
    const filters = filterQuery(state);
    const stats = await (await fetch(`/api/stats?${new URLSearchParams([['by', 'sector'], ...filters])}`)).json();
    const attribution = document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent ?? '';
    const png = await mapPng(map, pngSheet({ state, filters, flows: flows.summary(), stats, attribution, t }));
    const link = h('a', { href: URL.createObjectURL(png), download: `mont-blanc-atlas-${new Date().toISOString().slice(0, 10)}.png` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } finally {
    button.disabled = false;
  }
}
$('stats-toggle').addEventListener('click', () => update({ stats: state.stats ? null : openingStats(state.sectors) }));

$('import').addEventListener('click', () => {
  const dialog = openImportDialog(t, me !== null && me.role !== 'member');
  // The registry may have changed: redraw with the new data once the dialog is closed.
  dialog.addEventListener('close', () => void loadData());
});

renderChrome();
renderSidebar();
saveUrl();
void fetchMe().then((found) => {
  me = found;
  renderAccount();
  // A firm opened from the address before the person was known gets its staff tools now.
  if (me && state.firm) void track(showFirm());
});

/**
 * The first render with data: the firms' tiles drawn with the filters. The list, the count, the
 * flows, an opened panel and the statistics follow on their own (`settled` waits for them too).
 */
const ready = track((async () => {
  const data = track(loadData());
  void track(data.then(() => Promise.all([showFirm(), showNearby(), showStats()])));
  await styleLoaded;
  applyLayers();
  applyDensity();
  await filtersShown;
  if (!map.loaded()) await new Promise<void>((resolve) => map.once('idle', () => resolve()));
  performance.mark('atlas-ready');
})());

async function settled() {
  await ready;
  let seen: Promise<unknown>;
  do {
    seen = pending;
    await seen;
  } while (seen !== pending);
  await flows.stubsDrawn();
  if (!map.loaded() || map.isMoving()) await new Promise<void>((resolve) => map.once('idle', () => resolve()));
}

/** Another editor's write (or an import) reached the registry: what the page shows is read again. */
function refreshAfterChange() {
  reloadTiles(map);
  void track(loadData());
  // An editor's form in the panel is left alone: its conflict check handles a concurrent change.
  if (state.firm && !$('panel').querySelector('form')) void track(showFirm());
  if (state.stats) void track(showStats());
}

void ready.then(() => followLiveUpdates('/api/events', async () => (await api.health()).dataVersion, refreshAfterChange));

window.atlas = { map, ready, settled, state: () => state };
