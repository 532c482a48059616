import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { SINGLE_LINKS_FROM, WHOLE_LINKS_FROM } from '../../../../shared/style/flows.ts';
import type { components } from '../../../../shared/api/types.ts';
import { maplibregl } from '../create-map.ts';
import { viewBBox } from '../atlas-map.ts';
import { type ViewLink, linkStubs } from './link-stubs.ts';

type LinkFeature = components['schemas']['LinkFeature'];
type Page = { features: LinkFeature[]; links?: { next?: string } };

/** Links fetched per view: far more than a town's at zoom 12 in the sample (124 over Chamonix). */
const LIMIT = 5000;

function viewLink(f: LinkFeature): ViewLink {
  const c = f.geometry.coordinates;
  const end = (p: LinkFeature['properties']['from'], at: [number, number]) => ({ id: p.id, name: p.name, commune: p.commune, at });
  return { id: f.id, from: end(f.properties.from, c[0]!), to: end(f.properties.to, c.at(-1)!), crossBorder: f.properties.crossBorder, coordinates: c };
}

async function fetchLinks(url: string, signal: AbortSignal): Promise<ViewLink[]> {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return ((await response.json()) as Page).features.map(viewLink);
}

/**
 * The links of zoom 12–14 as stubs (link-stubs.ts), from /api/links over the view, recomputed
 * for every view since a stub depends on which ends are on screen. Clicking a stub names its
 * partners and offers to fly to the far place.
 */
export function createStubsView(map: MapLibreMap, { origin = '', flyLabel }: { origin?: string; flyLabel(place: string): string }) {
  let filters = new URLSearchParams();
  let selected: number | null = null;
  let links: ViewLink[] = [];
  let own: ViewLink[] = [];
  let request: AbortController | undefined;
  let drawn: Promise<void> = Promise.resolve();
  const popup = new maplibregl.Popup({ className: 'stub-popup', maxWidth: '280px' });
  const active = () => map.getZoom() >= SINGLE_LINKS_FROM && map.getZoom() < WHOLE_LINKS_FROM;

  function draw() {
    const source = map.getSource('link-stubs') as GeoJSONSource | undefined;
    if (!source) return;
    const canvas = map.getCanvas();
    const view = {
      width: canvas.clientWidth,
      height: canvas.clientHeight,
      project: (p: [number, number]) => { const q = map.project(p); return [q.x, q.y] as [number, number]; },
      unproject: (p: [number, number]) => map.unproject(p).toArray() as [number, number],
    };
    const byId = new Map([...links, ...own].map((l) => [l.id, l]));
    source.setData(active() ? linkStubs([...byId.values()], view, selected).features : { type: 'FeatureCollection', features: [] });
  }

  function refresh(): Promise<void> {
    drawn = fetchAndDraw();
    return drawn;
  }

  async function fetchAndDraw() {
    request?.abort();
    if (!active()) return draw();
    const controller = (request = new AbortController());
    const query = new URLSearchParams([...filters, ['bbox', viewBBox(map)], ['limit', String(LIMIT)]]);
    try {
      const [inView, mine] = await Promise.all([
        fetchLinks(`${origin}/api/links?${query}`, controller.signal),
        selected === null ? Promise.resolve([]) : fetchLinks(`${origin}/api/links?company=${selected}&limit=${LIMIT}`, controller.signal),
      ]);
      [links, own] = [inView, mine];
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      throw error;
    }
    draw();
  }

  map.on('click', 'link-stubs-hit', (event) => {
    const p = event.features?.[0]?.properties;
    if (!p) return;
    const far = JSON.parse(String(p.far)) as [number, number];
    const list = document.createElement('div');
    const names = document.createElement('p');
    names.textContent = (JSON.parse(String(p.partners)) as string[]).join(', ');
    const fly = document.createElement('button');
    fly.type = 'button';
    fly.className = 'link-button stub-fly';
    fly.textContent = flyLabel(String(p.place));
    fly.onclick = () => {
      popup.remove();
      map.flyTo({ center: far, zoom: map.getZoom() });
    };
    const title = document.createElement('strong');
    title.textContent = String(p.label);
    list.append(title, names, fly);
    popup.setLngLat(event.lngLat).setDOMContent(list).addTo(map);
  });
  map.on('mouseenter', 'link-stubs-hit', () => (map.getCanvas().style.cursor = 'pointer'));
  map.on('mouseleave', 'link-stubs-hit', () => (map.getCanvas().style.cursor = ''));
  map.on('moveend', () => void refresh());

  return {
    /** The links of these filters (a query such as `sector=outdoor`). */
    load(next: URLSearchParams) {
      filters = new URLSearchParams([...next].filter(([key]) => key !== 'bbox'));
      return refresh();
    },
    /** This firm's links are drawn whole and highlighted, the others dimmed (null: none selected). */
    select(id: number | null) {
      if (id === selected) return Promise.resolve();
      selected = id;
      return refresh();
    },
    /** Resolves once the stubs of the latest view are drawn. */
    drawn: () => drawn.catch(() => {}),
  };
}
