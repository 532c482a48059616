import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { COLORS } from '../../style/palette.ts';

maplibregl.setWorkerUrl(workerUrl);

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

export type MapOptions = { container: HTMLElement; styleUrl: string; attribution: string[] };

export function createMap({ container, styleUrl, attribution }: MapOptions): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: styleUrl,
    hash: 'map',
    // Without a view in the URL, show the three partner territories whole.
    ...(location.hash.includes('map=') ? {} : { bounds: [[6.45, 45.5], [7.8, 46.3]] as [[number, number], [number, number]] }),
    minZoom: 6,
    maxZoom: 17,
    maxBounds: [[4.8, 44.6], [9.3, 47.2]],
    fadeDuration: 0,
    attributionControl: { compact: false, customAttribution: attribution },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.on('styleimagemissing', (event) => {
    if (event.id === 'actor' && !map.hasImage('actor')) map.addImage('actor', actorIcon(), { pixelRatio: 1 });
  });
  return map;
}

export { maplibregl };
