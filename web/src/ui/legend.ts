import { LAYER_GROUPS, type LayerGroup } from '../../../shared/style/atlas.ts';
import { COLORS, SECTOR_COLORS } from '../../../shared/style/palette.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

const SWATCHES: Record<LayerGroup, string> = {
  companies: `conic-gradient(${SECTOR_COLORS.outdoor} 0 33%, ${SECTOR_COLORS.phyto_wellbeing} 0 66%, ${SECTOR_COLORS.building_renovation} 0)`,
  density: `radial-gradient(${SECTOR_COLORS.outdoor}, transparent)`,
  links: COLORS.links,
  territories: COLORS.territory,
  actors: COLORS.actor,
};

/** The layer switches. */
export function renderLegend(active: LayerGroup[], t: Translator, onChange: (layers: LayerGroup[]) => void): HTMLElement {
  const groups = Object.keys(LAYER_GROUPS) as LayerGroup[];
  return h('section', { class: 'legend', 'aria-labelledby': 'legend-title' },
    h('h2', { id: 'legend-title' }, t.t('layers')),
    groups.map((group) =>
      h('label', { class: 'check' },
        h('input', {
          type: 'checkbox',
          name: 'layer',
          value: group,
          checked: active.includes(group),
          onchange: (e) => {
            const on = (e.target as HTMLInputElement).checked;
            onChange(groups.filter((g) => (g === group ? on : active.includes(g))));
          },
        }),
        h('span', { class: `swatch ${group}`, style: `background:${SWATCHES[group]}`, 'aria-hidden': 'true' }),
        t.t(`layer.${group}`))),
    active.includes('companies') && clusterKey(t));
}

/** How to read a cluster: a sample ring (the three sectors in equal parts) and what it means. */
function clusterKey(t: Translator): HTMLElement {
  return h('p', { class: 'cluster-key muted' },
    h('span', { class: 'ring-sample', style: `background:${SWATCHES.companies}`, 'aria-hidden': 'true' }, h('span', {}, '12')),
    h('span', {}, t.t('legend.clusters')));
}
