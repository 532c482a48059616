import { COUNTRIES, SECTORS, SIZE_BANDS, STATUS_FILTERS, type StatusFilter } from '../../../shared/vocabulary.ts';
import { SECTOR_COLORS } from '../../../shared/style/palette.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { AtlasState } from '../state.ts';
import { checkboxes } from './checkboxes.ts';

type Change = (partial: Partial<AtlasState>) => void;

/** Sector, country, size and status filters; every change goes through `change`, which keeps the URL. */
export function renderFilters(state: AtlasState, t: Translator, change: Change): HTMLElement {
  const sectorBoxes = checkboxes({
    name: 'sector',
    values: SECTORS,
    checked: state.sectors,
    label: (sector) => t.t(`sector.${sector}`),
    swatch: (sector) => SECTOR_COLORS[sector],
    onChange: (sectors) => change({ sectors }),
  });
  const countryBoxes = checkboxes({
    name: 'country',
    values: COUNTRIES,
    checked: state.countries,
    label: (country) => t.t(`country.${country}`),
    inline: true,
    onChange: (countries) => change({ countries }),
  });
  const size = h('select', {
    name: 'size',
    'aria-label': t.t('size'),
    onchange: (e) => {
      const value = (e.target as HTMLSelectElement).value;
      change({ sizes: value ? [value as AtlasState['sizes'][number]] : [] });
    },
  },
  h('option', { value: '' }, t.t('size.any')),
  SIZE_BANDS.map((band) => h('option', { value: band, selected: state.sizes[0] === band }, t.t(`size.${band}`))));
  const status = h('select', {
    name: 'status',
    'aria-label': t.t('status'),
    onchange: (e) => change({ status: (e.target as HTMLSelectElement).value as StatusFilter }),
  },
  STATUS_FILTERS.map((value) => h('option', { value, selected: state.status === value }, t.t(`status.${value}`))));
  const active = state.sectors.length + state.countries.length + state.sizes.length > 0 || state.status !== 'active';
  return h('section', { class: 'filters', 'aria-labelledby': 'filters-title' },
    h('h2', { id: 'filters-title' }, t.t('filters')),
    h('fieldset', {}, h('legend', {}, t.t('sectors')), sectorBoxes),
    h('fieldset', {}, h('legend', {}, t.t('countries')), countryBoxes),
    // Side by side: the sidebar keeps the strongest flows of its legend on the first screen.
    h('div', { class: 'field-pair' },
      h('label', { class: 'field' }, h('span', {}, t.t('size')), size),
      h('label', { class: 'field' }, h('span', {}, t.t('status')), status)),
    active && h('button', { type: 'button', class: 'link-button', onclick: () => change({ sectors: [], countries: [], sizes: [], status: 'active' }) }, t.t('clearFilters')));
}
