import './suggestions.css';
import { naceTitle } from '../../../shared/nace-titles.ts';
import type { PartnerSuggestion, PartnersResult } from '../api.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { companyRow } from '../ui/company-row.ts';
import { download, toCsv } from '../ui/csv.ts';

export type SuggestionsActions = { select(id: number): void };

const TERMS = ['relatedness', 'sharedPartners', 'distance'] as const;

/** The suggestions as a spreadsheet: one line per firm, the three terms' points and the reasons in words. */
function exportCsv(result: PartnersResult, t: Translator) {
  const separator = t.lang === 'en' ? ',' : ';';
  const decimal = (x: number) => (separator === ';' ? String(x).replace('.', ',') : x);
  const header = [
    t.t('partners.csv.rank'), 'id', t.t('name'), t.t('country'), t.t('commune'), 'NACE', t.t('crossBorder'), `${t.t('distance')} (m)`, 'score',
    ...TERMS.map((term) => t.t('partners.csv.points', { term: t.t(`partners.term.${term}`) })), t.t('partners.csv.reasons'), t.t('source'),
  ];
  const rows = result.features.map((f, i) => [
    i + 1, f.id, f.properties.name, f.properties.country, f.properties.commune.name, f.properties.activity.nace, f.properties.crossBorder,
    Math.round(f.properties.distance_m), decimal(f.properties.score),
    ...TERMS.map((term) => decimal(f.properties.reasons.find((r) => r.term === term)?.points ?? 0)),
    f.properties.reasons.map((r) => r.text).join(' | '), f.properties.source,
  ]);
  const origin = result.origin.company ? `firm-${result.origin.company}` : `${result.origin.coordinates.map((c) => c.toFixed(4)).join('_')}-${result.origin.nace}`;
  download(`partners-${origin}-v${result.dataVersion}${result.sampleData ? '-sample-data' : ''}.csv`, toCsv(header, rows, separator));
}

function reasonList(f: PartnerSuggestion, t: Translator) {
  return h('ul', { class: 'reasons' },
    f.properties.reasons.map((r) =>
      h('li', { 'data-term': r.term, 'data-points': r.points },
        h('span', { class: 'points' }, `+${t.decimal(r.points, 2)}`),
        ' ',
        r.text)));
}

/** One suggestion: the firm (click to open it), its score, a cross-border badge, and why. */
function suggestionItem(f: PartnerSuggestion, t: Translator, actions: SuggestionsActions) {
  const item = companyRow(f, t, actions.select,
    h('span', { class: 'row-end' },
      f.properties.crossBorder && h('span', { class: 'badge' }, t.t('crossBorder')),
      h('span', { class: 'score' }, t.t('partners.score', { score: t.decimal(f.properties.score, 2) })),
      h('span', { class: 'distance' }, t.distance(f.properties.distance_m))));
  item.classList.add('suggestion');
  item.dataset.score = String(f.properties.score);
  const nace = f.properties.activity.nace;
  if (nace) item.append(h('p', { class: 'activity' }, activityName(nace, t)));
  item.append(reasonList(f, t));
  return item;
}

/**
 * The "Suggested partners" section of a firm's panel and of the nearby tool: the ranked firms with
 * the reasons of their scores, a note when the links behind them are sample data, and a CSV export.
 * `controls` (the cross-border switch, the newcomer's activity) go above the list.
 */
export function renderSuggestions(result: PartnersResult | null, t: Translator, actions: SuggestionsActions, controls: Node[] = [], placeholder?: string): HTMLElement {
  const list = result === null
    ? [h('p', { class: 'muted' }, placeholder ?? t.t('loading'))]
    : [
        result.sampleData && h('p', { class: 'sample-tag' }, t.t('partners.sample')),
        result.relatedness.source === 'loaded' && h('p', { class: 'muted' }, t.t('partners.loaded', { source: result.relatedness.sourceName ?? '' })),
        h('button', { type: 'button', class: 'secondary', onclick: () => exportCsv(result, t), disabled: result.features.length === 0 }, t.t('exportCsv')),
        result.features.length
          ? h('ol', { class: 'rows suggestions' }, result.features.map((f) => suggestionItem(f, t, actions)))
          : h('p', { class: 'muted' }, t.t('partners.none')),
      ];
  return h('section', { class: 'partner-suggestions', 'aria-labelledby': 'partners-title' },
    h('h3', { id: 'partners-title' }, t.t('partners.title')),
    h('p', { class: 'muted note' }, t.t('partners.help')),
    controls,
    list);
}

/** A NACE class with its official title where the Atlas knows it: "43.32 — Joinery installation". */
function activityName(code: string, t: Translator): string {
  const title = naceTitle(code, t.lang);
  return title ? `NACE ${code} — ${title}` : `NACE ${code}`;
}

/** The switch between cross-border suggestions only and suggestions on both sides. */
export function crossBorderSwitch(checked: boolean, t: Translator, onChange: (checked: boolean) => void): HTMLElement {
  return h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'partners-cross-border', checked, onchange: (e) => onChange((e.target as HTMLInputElement).checked) }),
    ' ', t.t('partners.crossBorderOnly'));
}

/** The newcomer's activity, for suggestions from a place: the classes of the registry's firms. */
export function activitySelect(classes: string[], selected: string | null, t: Translator, onChange: (nace: string | null) => void): HTMLElement {
  return h('label', { class: 'field' },
    h('span', {}, t.t('partners.activity')),
    h('select', { name: 'partners-nace', onchange: (e) => onChange((e.target as HTMLSelectElement).value || null) },
      h('option', { value: '', selected: selected === null }, '—'),
      classes.map((code) => h('option', { value: code, selected: code === selected }, activityName(code, t)))));
}

/** Which relatedness the score uses, when an administrator has loaded a matrix: learned, or the matrix (named by its source). */
export function relatednessSelect(selected: 'learned' | 'loaded', loadedSource: string, t: Translator, onChange: (source: 'learned' | 'loaded') => void): HTMLElement {
  return h('label', { class: 'field' },
    h('span', {}, t.t('partners.relatedness')),
    h('select', { name: 'partners-relatedness', onchange: (e) => onChange((e.target as HTMLSelectElement).value as 'learned' | 'loaded') },
      h('option', { value: 'learned', selected: selected === 'learned' }, t.t('partners.learned')),
      h('option', { value: 'loaded', selected: selected === 'loaded' }, loadedSource)));
}
