import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Frame, Page } from 'playwright-core';

/** A `<mont-blanc-atlas>` element, as the scripts of its page see it. */
export type AtlasElement = HTMLElement & { map: MapLibreMap | null; ready: Promise<void>; settled(): Promise<void> };

/**
 * Firms drawn on a map: cluster counts plus single points, each counted once. The map is the
 * embed widget's of the element `selector`, else the full app's.
 */
export function renderedFirms(target: Page | Frame, selector: string | null = null): Promise<number> {
  return target.evaluate((selector) => {
    const map = selector ? document.querySelector<AtlasElement>(selector)!.map! : window.atlas.map;
    const seen = new Map<string, number>();
    for (const f of map.queryRenderedFeatures({ layers: ['clusters', 'companies'] })) {
      // A feature drawn at a tile edge may be returned once per tile that draws it: count it once.
      const key = `${f.id ?? ''}|${JSON.stringify((f.geometry as GeoJSON.Point).coordinates)}|${f.properties.count}`;
      seen.set(key, f.properties.count as number);
    }
    return [...seen.values()].reduce((sum, n) => sum + n, 0);
  }, selector);
}
