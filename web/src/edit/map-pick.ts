import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

type Picked = { lngLat: [number, number]; firmId: number | null };

/**
 * "Place on the map" and "pick the partner on the map": the map's next click is the answer, and
 * no other click handler acts on it (the app's handlers ask `active()` first, so the click that
 * places a firm does not also open the panel of the firm under it).
 */
export function createMapPick(map: MapLibreMap, firmLayers: readonly string[]) {
  let waiting: ((picked: Picked) => void) | null = null;
  let consuming = false;
  const stop = () => {
    waiting = null;
    map.getCanvas().classList.remove('picking');
  };
  map.on('click', (event: MapMouseEvent) => {
    if (!waiting) return;
    const answer = waiting;
    stop();
    // Cleared after every handler of this click has run, whatever the order they were added in.
    consuming = true;
    setTimeout(() => (consuming = false), 0);
    const layers = firmLayers.filter((id) => map.getLayer(id));
    const hit = layers.length ? map.queryRenderedFeatures(event.point, { layers }).find((f) => typeof f.id === 'number') : undefined;
    answer({ lngLat: [event.lngLat.lng, event.lngLat.lat], firmId: (hit?.id as number | undefined) ?? null });
  });
  return {
    active: () => waiting !== null || consuming,
    next(answer: (picked: Picked) => void) {
      waiting = answer;
      map.getCanvas().classList.add('picking');
    },
    cancel: stop,
  };
}

export type MapPick = ReturnType<typeof createMapPick>;
