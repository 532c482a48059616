import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';
import type { NearbyResult } from '../api.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { Nearby } from '../state.ts';
import { checkboxes } from './checkboxes.ts';
import { companyRow } from './company-row.ts';
import { download, toCsv } from './csv.ts';

export type NearbyActions = {
  setRadius(radius: number): void;
  setSectors(sectors: Sector[]): void;
  select(id: number): void;
  close(): void;
};

const RADII = [1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

/** The radii offered: the usual ones and the one in use (a shared URL may give any, e.g. 15 km). */
export function radiusChoices(current: number): number[] {
  return [...new Set([...RADII, current])].sort((a, b) => a - b);
}

function exportCsv(result: NearbyResult, t: Translator) {
  const header = ['id', t.t('name'), t.t('distance') + ' (m)', t.t('crossBorder'), t.t('country'), t.t('commune'), t.t('sector'), t.t('employees'), t.t('source')];
  const rows = result.features.map((f) => [
    f.id, f.properties.name, Math.round(f.properties.distance_m), f.properties.crossBorder, f.properties.country,
    f.properties.commune.name, f.properties.primarySector, f.properties.employees, f.properties.source,
  ]);
  download(`nearby-${result.origin.coordinates.map((c) => c.toFixed(4)).join('_')}-${result.radius}m.csv`, toCsv(header, rows));
}

/** The advisers' tool: firms around a point or a firm, nearest first, with cross-border badges. */
export function renderNearbyPanel(
  nearby: Nearby,
  sectors: Sector[],
  result: NearbyResult | null,
  originName: string | null,
  t: Translator,
  actions: NearbyActions,
  suggestions: Node | null = null,
): HTMLElement {
  const radius = h('select', { name: 'radius', 'aria-label': t.t('radius'), onchange: (e) => actions.setRadius(Number((e.target as HTMLSelectElement).value)) },
    radiusChoices(nearby.radius).map((r) => h('option', { value: r, selected: r === nearby.radius }, t.distance(r))));
  const sectorChips = checkboxes({
    name: 'nearby-sector',
    values: SECTORS,
    checked: sectors,
    label: (sector) => t.t(`sector.${sector}`),
    inline: true,
    onChange: actions.setSectors,
  });
  const origin = originName ?? `${nearby.lat.toFixed(4)}, ${nearby.lon.toFixed(4)}`;
  return h('article', { class: 'nearby', 'aria-labelledby': 'nearby-title' },
    h('header', {},
      h('h2', { id: 'nearby-title' }, t.t('nearbyTool')),
      h('button', { type: 'button', class: 'close', 'aria-label': t.t('close'), onclick: actions.close }, '×')),
    h('p', { class: 'muted' }, `${t.t('origin')}: ${origin}`),
    h('label', { class: 'field' }, h('span', {}, t.t('radius')), radius),
    h('fieldset', {}, h('legend', {}, t.t('sectors')), sectorChips),
    suggestions,
    result === null
      ? h('p', { class: 'muted' }, t.t('loading'))
      : [
          h('p', { class: 'count', role: 'status' }, t.t('firmsShown', { count: result.features.length })),
          h('button', { type: 'button', class: 'secondary', onclick: () => exportCsv(result, t), disabled: result.features.length === 0 }, t.t('exportCsv')),
          h('ol', { class: 'rows nearby-results' },
            result.features.map((f) => companyRow(f, t, actions.select,
              h('span', { class: 'row-end' },
                f.properties.crossBorder && h('span', { class: 'badge' }, t.t('crossBorder')),
                h('span', { class: 'distance' }, t.distance(f.properties.distance_m)))))),
        ]);
}
