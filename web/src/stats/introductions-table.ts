import type { IntroductionStatsValue } from '../../../shared/api/wire.ts';
import { fetchMe } from '../account/session.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { type Table, cell, renderTable } from './tables.ts';

type Group = IntroductionStatsValue['groups'][number];
/** A territory's name for the table, or null when the pair's territory is not one to show. */
export type TerritoryName = (id: string | null | undefined) => string | null;

const percent = (value: number | null, t: Translator) => (value === null ? '–' : t.percent(value));

/** Introductions, cooperations, conversion, median days and cross-border share per pair of territories. */
export function introductionsTable(groups: Group[], nameOf: TerritoryName, t: Translator, fileStem: string): Table {
  const rows = groups
    .map((g) => ({ g, from: nameOf(g.from), to: nameOf(g.to) }))
    .filter((r): r is { g: Group; from: string; to: string } => r.from !== null && r.to !== null)
    .sort((a, b) => b.g.introductions - a.g.introductions || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return {
    id: 'introductions-table',
    title: t.t('introStats.title'),
    note: t.t('introStats.note'),
    header: [t.t('introStats.pair'), t.t('introStats.introductions'), t.t('introStats.cooperations'), t.t('introStats.conversion'), t.t('introStats.medianDays'), t.t('introStats.crossBorder')],
    rows: rows.map(({ g, from, to }) => ({
      header: cell(`${from} → ${to}`, `${from} → ${to}`, undefined, { from: g.from ?? '', to: g.to ?? '' }),
      cells: [
        cell(t.number(g.introductions), g.introductions),
        cell(t.number(g.cooperations), g.cooperations),
        cell(percent(g.conversion, t), g.conversion),
        cell(g.medianDaysToCooperation === null ? '–' : t.number(g.medianDaysToCooperation), g.medianDaysToCooperation),
        cell(percent(g.crossBorderShare, t), g.crossBorderShare),
      ],
    })),
    filename: `${fileStem}-introductions.csv`,
  };
}

/**
 * The introductions table for signed-in staff, filled in once the page knows who is signed in;
 * hidden (and never asked for) for anonymous visitors, to whom the figures are not public.
 */
export function introductionsSection(nameOf: TerritoryName, t: Translator, fileStem: string, keep: (g: Group) => boolean = () => true): HTMLElement {
  const section = h('div', { class: 'introduction-stats', hidden: true });
  void fetchMe().then(async (me) => {
    if (!me) return;
    const response = await fetch('/api/stats/introductions?by=territory', { headers: { Accept: 'application/json' } }).catch(() => null);
    if (!response?.ok) return;
    const stats = (await response.json()) as IntroductionStatsValue;
    const table = introductionsTable(stats.groups.filter(keep), nameOf, t, fileStem);
    clear(section, table.rows.length === 0
      ? h('section', { class: 'stats-table', id: table.id }, h('h3', {}, table.title), h('p', { class: 'muted' }, t.t('introStats.none')))
      : renderTable(table, t));
    section.hidden = false;
  });
  return section;
}
