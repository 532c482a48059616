import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { FLOW_LAYERS, SINGLE_LINKS_FROM, TERRITORY_FLOWS_UNTIL } from '../../../../shared/style/flows.ts';
import type { LinkStatsValue, TerritoryValue } from '../../../../shared/api/wire.ts';
import type { Translator } from '../../i18n.ts';
import { maplibregl } from '../create-map.ts';
import { arc } from './arc.ts';
import { createStubsView } from './stubs-view.ts';
import { labelTownsOnce } from './town-labels.ts';
import { type FlowPair, type Readable, dominantDirection, flowOpacity, flowWidth, pairsOf, rankFlows, readableFlows } from './flow-pairs.ts';

export type FlowLevel = 'territory' | 'commune' | 'link';

/** What the legend says about the flows in view. */
export type FlowSummary = Readable & { level: FlowLevel; outside: number };

/** Territory pairs a default view can show legibly: the partner territories make 15 pairs at most. */
export const MAX_TERRITORY_FLOWS = 10;
/** Commune pairs in one view, none lighter than this share of the heaviest: single links crossing the view are noise there. */
export const MAX_COMMUNE_FLOWS = 25;
const MIN_COMMUNE_SHARE = 0.15;

export const flowLevel = (zoom: number): FlowLevel =>
  zoom < TERRITORY_FLOWS_UNTIL ? 'territory' : zoom < SINGLE_LINKS_FROM ? 'commune' : 'link';

const COMMUNE_LAYERS = ['links-flows-domestic', 'links-flows-cross-border'] as const;

/** One sentence naming a flow's places and counts, in both directions where they are known. */
export function flowCaption(pair: FlowPair, t: Translator): string {
  const head = t.t('flows.caption', { a: pair.aName, b: pair.bName, count: pair.count });
  const ways = pair.ab !== null && pair.ba !== null
    ? ` (${t.t('flows.direction', { from: pair.aName, to: pair.bName, count: pair.ab })}; ${t.t('flows.direction', { from: pair.bName, to: pair.aName, count: pair.ba })})`
    : '';
  return `${head}${ways}${pair.crossBorder ? ` · ${t.t('crossBorder')}` : ''}`;
}

/** A rendered flow feature back as a pair (its properties are the pair's). */
export function pairOf(feature: Pick<MapGeoJSONFeature, 'properties'>): FlowPair {
  const p = feature.properties as Record<string, string | number | boolean | undefined>;
  const count = Number(p.count);
  return {
    key: `${p.a}|${p.b}`,
    a: String(p.a),
    b: String(p.b),
    aName: String(p.aName ?? p.a),
    bName: String(p.bName ?? p.b),
    ab: p.ab === undefined ? null : Number(p.ab),
    ba: p.ba === undefined ? null : Number(p.ba),
    count,
    crossBorder: p.crossBorder === true || p.crossBorder === 'true',
  };
}

type TerritoryData = { pairs: FlowPair[]; within: Map<string, number>; outside: number; territories: TerritoryValue[] };

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The flows of the links layer: between partner territories at low zoom, drawn from the very
 * figures of the statistics (/api/stats/links), and between communes further in, from the links
 * tiles. Either way only the heaviest that can be read are drawn, sized against the heaviest in
 * view; `onChange` hears what the legend should say. Hovering a flow names it in a popup.
 */
export function createFlowsView(map: MapLibreMap, { origin = '', onChange }: { origin?: string; onChange(summary: FlowSummary): void }) {
  let t: Translator;
  let data: TerritoryData | null = null;
  let request: AbortController | undefined;
  let communeThreshold = -1;
  let summary: FlowSummary = { level: 'territory', shown: [], folded: { flows: 0, links: 0 }, outside: 0 };
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'flow-popup', maxWidth: '320px' });
  const stubs = createStubsView(map, { origin, flyLabel: (place) => t.t('flows.flyTo', { place }) });
  const relabelTowns = labelTownsOnce(map, () => (data ? data.territories.map((x) => x.shortNames[t.lang]) : []));

  function territoryFeatures(d: TerritoryData, shown: FlowPair[]): FeatureCollection<LineString> {
    const points = new Map(d.territories.map((x) => [x.id, x.labelPoint as [number, number]]));
    const max = shown[0]?.count ?? 1;
    const features = shown.map((pair): Feature<LineString> => {
      const way = dominantDirection(pair);
      const [from, to] = way === 'ba' ? [pair.b, pair.a] : [pair.a, pair.b];
      return {
        type: 'Feature',
        properties: { ...pair, width: flowWidth(pair.count, max), opacity: flowOpacity(pair.count, max), arrow: way !== null },
        geometry: { type: 'LineString', coordinates: arc(points.get(from)!, points.get(to)!) },
      };
    });
    return { type: 'FeatureCollection', features };
  }

  function nodeFeatures(d: TerritoryData): FeatureCollection<Point> {
    return {
      type: 'FeatureCollection',
      features: d.territories.map((x) => ({
        type: 'Feature',
        properties: { id: x.id, label: x.shortNames[t.lang], within: d.within.get(x.id) ?? 0 },
        geometry: { type: 'Point', coordinates: x.labelPoint },
      })),
    };
  }

  function showTerritories() {
    if (!data) return;
    const readable = readableFlows(data.pairs, MAX_TERRITORY_FLOWS);
    (map.getSource('flows') as GeoJSONSource | undefined)?.setData(territoryFeatures(data, readable.shown));
    (map.getSource('flow-nodes') as GeoJSONSource | undefined)?.setData(nodeFeatures(data));
    relabelTowns();
    publish({ ...readable, level: 'territory', outside: data.outside });
  }

  /** The commune flows of the loaded tiles that reach into the view, once each. */
  function communePairsInView(): FlowPair[] {
    const bounds = map.getBounds();
    const pairs = new Map<string, FlowPair>();
    for (const feature of map.querySourceFeatures('links', { sourceLayer: 'links', filter: ['!', ['has', 'kind']] })) {
      const pair = pairOf(feature);
      if (pairs.has(pair.key)) continue;
      const coordinates = feature.geometry.type === 'LineString' ? feature.geometry.coordinates
        : feature.geometry.type === 'MultiLineString' ? feature.geometry.coordinates.flat() : [];
      if (coordinates.some(([lon, lat]) => bounds.contains([lon!, lat!]))) pairs.set(pair.key, pair);
    }
    return rankFlows([...pairs.values()]);
  }

  function showCommunes() {
    const readable = readableFlows(communePairsInView(), MAX_COMMUNE_FLOWS, MIN_COMMUNE_SHARE);
    const threshold = readable.shown.at(-1)?.count ?? 0;
    const max = readable.shown[0]?.count ?? 1;
    if (threshold !== communeThreshold || max !== summary.shown[0]?.count) {
      communeThreshold = threshold;
      const ratio: ExpressionSpecification = ['/', ['get', 'count'], max];
      for (const id of COMMUNE_LAYERS) {
        const base = map.getFilter(id) as ExpressionSpecification;
        const kept = (base[0] === 'all' ? base.slice(1, 3) : [base]) as ExpressionSpecification[];
        map.setFilter(id, ['all', ...kept, ['>=', ['get', 'count'], threshold]]);
        // Linear, unlike territory flows: most commune pairs have one to three links, and a square
        // root would draw those almost as wide as the heaviest, across the whole view.
        map.setPaintProperty(id, 'line-width', ['+', 1.5, ['*', 10, ratio]]);
        map.setPaintProperty(id, 'line-opacity', ['+', 0.45, ['*', 0.5, ratio]]);
      }
    }
    publish({ ...readable, level: 'commune', outside: 0 });
  }

  function publish(next: FlowSummary) {
    const same = next.level === summary.level && next.shown.map((p) => `${p.key}:${p.count}`).join() === summary.shown.map((p) => `${p.key}:${p.count}`).join() &&
      next.folded.flows === summary.folded.flows && next.outside === summary.outside;
    summary = next;
    if (!same) onChange(next);
  }

  function refresh() {
    const level = flowLevel(map.getZoom());
    if (level === 'territory') showTerritories();
    else if (level === 'commune') showCommunes();
    else publish({ level, shown: [], folded: { flows: 0, links: 0 }, outside: 0 });
  }

  /** Points a flow out: the popup at the middle of its arc, and (territories) a halo under it. */
  function focus(pair: FlowPair | null) {
    if (map.getLayer('flows-highlight')) map.setFilter('flows-highlight', ['==', ['get', 'key'], pair?.key ?? '']);
    if (!pair) {
      popup.remove();
      return;
    }
    const layers = summary.level === 'territory' ? ['flows-domestic', 'flows-cross-border'] : [...COMMUNE_LAYERS];
    const feature = map.querySourceFeatures(summary.level === 'territory' ? 'flows' : 'links', summary.level === 'territory' ? {} : { sourceLayer: 'links' })
      .find((f) => `${f.properties.a}|${f.properties.b}` === pair.key && layers.length > 0);
    const line = feature?.geometry.type === 'LineString' ? feature.geometry.coordinates : feature?.geometry.type === 'MultiLineString' ? feature.geometry.coordinates[0] : undefined;
    if (!line?.length) return;
    const [lon, lat] = line[Math.floor(line.length / 2)]!;
    popup.setLngLat([lon!, lat!]).setText(flowCaption(pair, t)).addTo(map);
  }

  for (const layer of FLOW_LAYERS) {
    map.on('mousemove', layer, (event) => {
      const feature = event.features?.[0];
      if (!feature) return;
      map.getCanvas().style.cursor = 'help';
      popup.setLngLat(event.lngLat).setText(flowCaption(pairOf(feature), t)).addTo(map);
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    });
  }
  map.on('zoomend', refresh);
  // Commune flows come with the tiles: rank them again once the view's tiles are in.
  map.on('idle', () => {
    if (flowLevel(map.getZoom()) === 'commune') showCommunes();
  });

  return {
    /** Fetches the territory flows for these filters (a query such as `sector=outdoor`) and redraws. */
    async load(filters: URLSearchParams, translator: Translator): Promise<void> {
      t = translator;
      // The stubs do not hold up the territory flows (nor the first render): they draw when in.
      stubs.load(filters).catch((error: unknown) => console.error(error));
      request?.abort();
      const controller = (request = new AbortController());
      const query = new URLSearchParams([['by', 'territory'], ['level', 'partner'], ...filters]);
      try {
        const [links, { territories }] = await Promise.all([
          getJson<LinkStatsValue>(`${origin}/api/stats/links?${query}`, controller.signal),
          getJson<{ territories: TerritoryValue[] }>(`${origin}/api/territories?kind=partner`, controller.signal),
        ]);
        const names = new Map(territories.map((x) => [x.id, x.shortNames[t.lang]]));
        data = { ...pairsOf(links.rows, (id) => names.get(id) ?? id), territories };
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
        throw error;
      }
      summary = { ...summary, shown: [] };
      refresh();
    },
    focus,
    /** The selected firm's links drawn whole and highlighted at zoom 12–14 (null: none). */
    select: (id: number | null) => stubs.select(id).catch((error: unknown) => console.error(error)),
    stubsDrawn: () => stubs.drawn(),
    summary: () => summary,
  };
}
