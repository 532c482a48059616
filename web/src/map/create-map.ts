import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { TERRITORIES_BOUNDS } from '../../../shared/style/default-view.ts';
import { COLORS } from '../../../shared/style/palette.ts';
import type { Translator } from '../i18n.ts';
import { clusterRing } from './cluster-ring.ts';
import { flowArrow } from './flows/arrow-image.ts';

// Absolute, from the module's own URL: an embedded map runs on another site's page, whose
// origin is not the Atlas's (MapLibre then starts the worker through a blob that imports it).
maplibregl.setWorkerUrl(new URL(workerUrl, import.meta.url).href);

/** Sources credited beside the style's own attributions. */
export const ATTRIBUTION = ['INSEE / Etalab', 'ISTAT', 'BFS / OFS'];

/** The three partner territories whole: the view when none is asked for. */
export { TERRITORIES_BOUNDS } from '../../../shared/style/default-view.ts';

const imageArgs = ({ image, pixelRatio }: { image: ImageData; pixelRatio: number }) => [image, { pixelRatio }] as const;

/** The actor symbol, drawn once on a canvas: a diamond, unlike any firm's circle. */
function actorIcon(): ImageData {
  const size = 22;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  ctx.translate(size / 2, size / 2);
  ctx.rotate(Math.PI / 4);
  ctx.fillStyle = COLORS.actor;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 2.5;
  ctx.fillRect(-6.5, -6.5, 13, 13);
  ctx.strokeRect(-6.5, -6.5, 13, 13);
  return ctx.getImageData(0, 0, size, size);
}

const defaultOptions = {
  bounds: TERRITORIES_BOUNDS,
  minZoom: 6,
  maxZoom: 17,
  maxBounds: [[4.8, 44.6], [9.3, 47.2]] as [[number, number], [number, number]],
  // Labels are placed at once, so a render is complete when `idle` fires.
  fadeDuration: 0,
  attributionControl: { compact: false, customAttribution: ATTRIBUTION },
};

/** MapLibre's own words (controls, gesture hints) in the interface language. */
export const mapLocale = (t: Translator): Record<string, string> => ({
  'Map.Title': t.t('mapLabel'),
  'NavigationControl.ZoomIn': t.t('map.zoomIn'),
  'NavigationControl.ZoomOut': t.t('map.zoomOut'),
  'AttributionControl.ToggleAttribution': t.t('map.attribution'),
  'Popup.Close': t.t('close'),
  'CooperativeGesturesHandler.WindowsHelpText': t.t('map.ctrlScroll'),
  'CooperativeGesturesHandler.MacHelpText': t.t('map.cmdScroll'),
  'CooperativeGesturesHandler.MobileHelpText': t.t('map.twoFingers'),
});

/** The Atlas map with its controls; `options` override the defaults (camera, hash, interactivity...). */
export function createMap(container: HTMLElement, style: string, options: Partial<maplibregl.MapOptions> = {}): maplibregl.Map {
  const map = new maplibregl.Map({ ...defaultOptions, ...options, container, style });
  if (options.interactive !== false) map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  // Images made on demand: the actor diamond, the flows' arrowheads, and each cluster's ring.
  map.setMissingStyleImageResolver((id) => {
    if (map.hasImage(id)) return;
    if (id === 'actor') map.addImage('actor', actorIcon(), { pixelRatio: 1 });
    else if (id === 'flow-arrow-cross-border') map.addImage(id, ...imageArgs(flowArrow(COLORS.links)));
    else if (id === 'flow-arrow-domestic') map.addImage(id, ...imageArgs(flowArrow(COLORS.domesticLinks)));
    else {
      const ring = clusterRing(id);
      if (ring) map.addImage(id, ...imageArgs(ring));
    }
  });

  return map;
}

export { maplibregl };
