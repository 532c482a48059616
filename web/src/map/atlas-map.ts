import type { Map as MapLibreMap, MapGeoJSONFeature, VectorTileSource } from 'maplibre-gl';
import { LAYER_GROUPS, type LayerGroup, atlasLayers, atlasSources, atlasUnderLabels, tileJsonUrl } from '../../../shared/style/atlas.ts';

/** What the full app and the embed widget both do to an Atlas map. */

const ATLAS_LAYER_IDS = new Set([...atlasUnderLabels(), ...atlasLayers('en')].map((layer) => layer.id));
const ATLAS_SOURCE_IDS = new Set(Object.keys(atlasSources('')));
const mapConfigs = new Map<string, Promise<{ basemapStyle: string | null }>>();

/**
 * Resolves once the map's style is loaded: its sources and layers can be changed, though their
 * tiles may still be loading. (Not the `load` event, which waits for a first complete render:
 * the filters would then reach the tiles only after a first set was loaded and drawn for nothing.)
 * A deployment may have a richer basemap (ATLAS_BASEMAP_STYLE): the Atlas layers then go on top
 * of it. Several maps of one page ask the Atlas at `origin` for its configuration once.
 */
export async function styleLoaded(map: MapLibreMap, origin: string): Promise<void> {
  const loaded = map.isStyleLoaded() ? Promise.resolve() : new Promise<void>((resolve) => map.once('style.load', () => resolve()));
  if (!mapConfigs.has(origin)) mapConfigs.set(origin, fetch(`${origin}/api/map-config`).then((response) => response.json()));
  const [{ basemapStyle }] = await Promise.all([mapConfigs.get(origin)!, loaded]);
  if (!basemapStyle) return;
  const own = map.getStyle();
  const layers = own.layers.filter((layer) => ATLAS_LAYER_IDS.has(layer.id));
  map.setStyle(basemapStyle, {
    transformStyle: (_, basemap) => ({
      ...basemap!,
      sources: { ...basemap!.sources, ...Object.fromEntries(Object.entries(own.sources).filter(([id]) => ATLAS_SOURCE_IDS.has(id))) },
      layers: [...basemap!.layers, ...layers],
    }),
  });
  await new Promise<void>((resolve) => map.once('style.load', () => resolve()));
}

/** Points the tile sources at the tiles of these filters (a query string such as `sector=outdoor`). */
export function showFilters(map: MapLibreMap, origin: string, filters: URLSearchParams): void {
  for (const layer of ['companies', 'density', 'links'] as const) {
    const source = map.getSource(layer) as VectorTileSource;
    const url = tileJsonUrl(origin, layer, filters.toString());
    if (source.url !== url) source.setUrl(url);
  }
}

/** Fetches the tile layers' TileJSON again, hence tiles of the current data version. */
export function reloadTiles(map: MapLibreMap): void {
  for (const layer of ['companies', 'density', 'links'] as const) {
    const source = map.getSource(layer) as VectorTileSource;
    source.setUrl(source.url);
  }
}

/** Shows the layer groups listed, hides the others. */
export function showLayerGroups(map: MapLibreMap, groups: readonly LayerGroup[]): void {
  for (const [group, ids] of Object.entries(LAYER_GROUPS) as [LayerGroup, readonly string[]][]) {
    const visibility = groups.includes(group) ? 'visible' : 'none';
    for (const id of ids) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visibility);
  }
}

/** The map's view as a `bbox` parameter of the API. */
export function viewBBox(map: MapLibreMap): string {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => Math.min(180, Math.max(-180, n)).toFixed(5)).join(',');
}

/** Server clusters are cells of about 64 px: two zoom levels in split one into its firms or sub-clusters. */
export function zoomIntoCluster(map: MapLibreMap, cluster: MapGeoJSONFeature): void {
  const center = (cluster.geometry as GeoJSON.Point).coordinates as [number, number];
  map.easeTo({ center, zoom: Math.min(map.getZoom() + 2, 16) });
}

/** A pointer cursor over the features of these layers, so that they look clickable. */
export function pointerOver(map: MapLibreMap, layers: readonly string[]): void {
  for (const layer of layers) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
}
