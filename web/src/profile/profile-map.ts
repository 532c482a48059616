import type { LayerGroup } from '../../../shared/style/atlas.ts';
import { showLayerGroups, styleLoaded } from '../map/atlas-map.ts';
import { ATTRIBUTION, createMap, mapLocale } from '../map/create-map.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

/** The profile's map shows the territory's firms and its communes; flows and density belong to the full map. */
const PROFILE_LAYERS: LayerGroup[] = ['companies', 'territories'];

/**
 * A still map of one territory's firms (the tiles of `within=<id>` and the page's other filters),
 * framed on their extent. Once drawn, the frame is also kept as an image that print shows: a live
 * WebGL map resized to the printed page would be caught half redrawn. Resolves with its sources'
 * attribution, which the caption repeats.
 */
export async function profileMap(container: HTMLElement, id: string, extent: [number, number, number, number], filters: URLSearchParams, t: Translator): Promise<string> {
  const query = new URLSearchParams([...filters, ['within', id], ['lang', t.lang]]);
  const [minLon, minLat, maxLon, maxLat] = extent;
  // A single firm is a point: frame a few kilometres around it.
  const pad = Math.max(0, 0.03 - (maxLon - minLon)) / 2;
  const map = createMap(container, `/api/style.json?${query}`, {
    bounds: [[minLon - pad, minLat - pad], [maxLon + pad, maxLat + pad]],
    fitBoundsOptions: { padding: 36, maxZoom: 13 },
    interactive: false,
    locale: mapLocale(t),
    canvasContextAttributes: { preserveDrawingBuffer: true },
    attributionControl: { compact: true, customAttribution: ATTRIBUTION },
  });
  map.getContainer().setAttribute('aria-label', t.t('profile.map'));
  await styleLoaded(map, location.origin);
  showLayerGroups(map, PROFILE_LAYERS);
  // The page may have settled its layout (fonts, a phone's single column) since the map measured its box.
  map.resize();
  map.fitBounds([[minLon - pad, minLat - pad], [maxLon + pad, maxLat + pad]], { padding: 36, maxZoom: 13, duration: 0 });
  await new Promise<void>((resolve) => (map.loaded() ? resolve() : map.once('idle', () => resolve())));
  container.append(h('img', { class: 'print-map', src: map.getCanvas().toDataURL('image/png'), alt: '' }));
  // The caption carries the sources in full: the control folds to its button, off the firms.
  container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
  return container.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent ?? ATTRIBUTION.join(' | ');
}
