import { DENSITY_CLASSES, DENSITY_RAMPS } from '../../../shared/style/density.ts';
import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

/** The density surface's subject (all firms or one sector) and its colour classes in firms per km². */
export function renderDensityLegend(sector: Sector | null, t: Translator, choose: (sector: Sector | null) => void): HTMLElement {
  const ramp = DENSITY_RAMPS[sector ?? 'all'];
  const bound = (value: number) => t.decimal(value, value < 1 ? 2 : 0);
  return h('section', { class: 'density-legend', 'aria-labelledby': 'density-legend-title' },
    h('div', { class: 'field' },
      h('span', { id: 'density-legend-title' }, t.t('density.of')),
      // Named by its caption alone (a wrapping label would add every option's words to its name).
      h('select', { name: 'density', 'aria-labelledby': 'density-legend-title', onchange: (e) => choose(((e.target as HTMLSelectElement).value || null) as Sector | null) },
        h('option', { value: '', selected: sector === null }, t.t('density.all')),
        SECTORS.map((s) => h('option', { value: s, selected: sector === s }, t.t(`sector.${s}`))))),
    h('ul', { class: 'density-classes' },
      DENSITY_CLASSES.map((from, i) => {
        const to = DENSITY_CLASSES[i + 1];
        return h('li', {},
          h('span', { class: 'legend-swatch', style: `background:${ramp[i]}`, 'aria-hidden': 'true' }),
          to === undefined ? `≥ ${bound(from)}` : `${bound(from)} – ${bound(to)}`);
      })),
    h('p', { class: 'muted' }, `${t.t('density.unit')}. ${t.t('density.note')}`));
}
