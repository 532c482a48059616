import type { Map as MapLibreMap } from 'maplibre-gl';
import { townLabelFilter } from '../../../../shared/style/basemap.ts';

/**
 * Keeps a town's name off the map where a flow's end already writes it (the district of Martigny
 * is "Martigny", beside the town of Martigny), and only while those ends are shown: with the links
 * switched off, the town is named again. `names` are the flow ends' labels of the moment.
 */
export function labelTownsOnce(map: MapLibreMap, names: () => readonly string[]): () => void {
  let applied = '';
  const apply = () => {
    if (!map.getLayer('town-labels') || !map.getLayer('flow-node-labels')) return;
    const shown = map.getLayoutProperty('flow-node-labels', 'visibility') !== 'none';
    const hidden = shown ? [...new Set(names())].sort() : [];
    const key = hidden.join('\n');
    // A filter change is itself a style change: only a real change is applied, or this would loop.
    if (key === applied) return;
    applied = key;
    map.setFilter('town-labels', townLabelFilter(hidden));
  };
  map.on('styledata', apply);
  return apply;
}
