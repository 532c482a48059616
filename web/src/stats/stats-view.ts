import './stats.css';
import { bbox } from '@turf/bbox';
import { featureCollection, point } from '@turf/helpers';
import type { MultiPolygon, Point } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { removeStatsLayers, showChoropleth } from './choropleth.ts';
import { type StatsData, loadStats } from './data.ts';
import { type StatsView, defaultYears } from './figures.ts';
import { type StatsPanelActions, renderStatsPanel } from './stats-panel.ts';

export type StatsElements = { map: MapLibreMap; panel: HTMLElement; legend: HTMLElement; styleLoaded: Promise<void> };

/**
 * The statistics panel and its map layer, kept in step with the app's state: figures are
 * fetched again when the territory level or the map's filters change, and only redrawn when
 * just the figure or the sector does.
 */
export function createStatsView({ map, panel, legend, styleLoaded }: StatsElements) {
  let request: AbortController | undefined;
  let loaded: { key: string; data: StatsData } | undefined;
  let framed: string | undefined;

  /** Brings the level's territories into view, once per level shown, not at every filter change. */
  function frame(data: StatsData) {
    if (framed === data.level || data.territories.length === 0) return;
    framed = data.level;
    const points = data.territories.map((x) => point(x.labelPoint));
    const [minLon, minLat, maxLon, maxLat] = bbox(featureCollection<Point | MultiPolygon>([...points, ...data.outlines.features]));
    map.fitBounds([[minLon!, minLat!], [maxLon!, maxLat!]], { padding: { top: 50, right: 50, bottom: 50, left: 50 }, maxZoom: 10, duration: 0 });
  }

  /** Re-renders the panel where the reader was: same scroll position, same control focused. */
  function render(content: HTMLElement) {
    const scroll = panel.scrollTop;
    const focused = (document.activeElement as HTMLSelectElement | null)?.name;
    clear(panel, content);
    panel.scrollTop = scroll;
    if (focused && panel.contains(document.activeElement) === false) {
      panel.querySelector<HTMLElement>(`[name="${focused}"]`)?.focus();
    }
  }

  return {
    async show(view: StatsView, filters: URLSearchParams, t: Translator, actions: StatsPanelActions): Promise<void> {
      request?.abort();
      const controller = (request = new AbortController());
      const years = view.years ?? defaultYears();
      const key = `${view.level}?${filters}&years=${years.from}-${years.to}`;
      panel.hidden = false;
      let data = loaded?.key === key ? loaded.data : null;
      render(renderStatsPanel(view, data, filters, t, actions));
      try {
        data ??= await loadStats(view.level, filters, years, controller.signal);
      } catch (error) {
        if ((error as Error).name !== 'AbortError') render(h('p', { class: 'muted' }, t.t('error')));
        return;
      }
      if (controller.signal.aborted) return;
      loaded = { key, data };
      render(renderStatsPanel(view, data, filters, t, actions));
      await styleLoaded;
      if (controller.signal.aborted) return;
      clear(legend, showChoropleth(map, data, view, t));
      legend.hidden = false;
      frame(data);
    },

    hide(): void {
      request?.abort();
      // Figures are live: the next opening fetches them again.
      loaded = undefined;
      framed = undefined;
      panel.hidden = true;
      clear(panel);
      legend.hidden = true;
      clear(legend);
      removeStatsLayers(map);
    },
  };
}
