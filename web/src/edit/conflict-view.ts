import { h } from '../dom.ts';
import type { MessageKey, Translator } from '../i18n.ts';
import type { CompanyDraft } from './company-draft.ts';

export type ConflictChoice = {
  /** What the other person saved since this form was opened (a patch from the version it read). */
  theirs: Partial<CompanyDraft>;
  /** What this person typed (a patch from the same version). */
  mine: Partial<CompanyDraft>;
  /** Opens the form again on the new version with this person's changes over it. */
  reapply(): void;
  /** Keeps the other person's version, dropping what this person typed. */
  discard(): void;
};

const LABELLED = new Set(['name', 'sectors', 'primarySector', 'country', 'commune', 'address', 'location', 'activity', 'employees', 'employeesRange',
  'employeesYear', 'openedOn', 'closedOn', 'status', 'founded', 'website', 'description', 'contact', 'note', 'officialId']);

/** A field's name in the reader's language (`commune.code` under Commune); an unknown one as the API names it. */
export function fieldLabel(t: Translator, field: string): string {
  const top = field.split('.')[0]!;
  return LABELLED.has(top) ? t.t(`edit.field.${top}` as MessageKey) : field;
}

/** A field's value as one line of text. */
export function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'Point' && Array.isArray(record.coordinates)) return (record.coordinates as number[]).map((x) => x.toFixed(5)).join(', ');
    if (Array.isArray(value)) return value.join(', ');
    return Object.entries(record).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}: ${shown(v)}`).join(' · ') || '—';
  }
  return String(value);
}

/** The two people's changes side by side, the fields both changed first, nothing saved until chosen. */
export function conflictView(t: Translator, choice: ConflictChoice): HTMLElement {
  const fields = [...new Set([...Object.keys(choice.mine), ...Object.keys(choice.theirs)])] as (keyof CompanyDraft)[];
  const both = (field: keyof CompanyDraft) => field in choice.mine && field in choice.theirs;
  fields.sort((a, b) => Number(both(b)) - Number(both(a)));
  return h('article', { class: 'company conflict', role: 'alert', 'aria-labelledby': 'conflict-heading' },
    h('h2', { id: 'conflict-heading' }, t.t('edit.conflict.heading')),
    h('p', {}, t.t('edit.conflict.explain')),
    h('table', { class: 'conflict-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.t('edit.conflict.field')), h('th', { scope: 'col' }, t.t('edit.conflict.theirs')), h('th', { scope: 'col' }, t.t('edit.conflict.mine')))),
      h('tbody', {}, fields.map((field) =>
        h('tr', { 'data-field': field, class: both(field) ? 'both' : undefined },
          h('th', { scope: 'row' }, fieldLabel(t, field)),
          h('td', { class: 'theirs' }, field in choice.theirs ? shown(choice.theirs[field]) : t.t('edit.conflict.unchanged')),
          h('td', { class: 'mine' }, field in choice.mine ? shown(choice.mine[field]) : t.t('edit.conflict.unchanged')))))),
    h('div', { class: 'edit-actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => choice.reapply() }, t.t('edit.conflict.reapply')),
      h('button', { type: 'button', onclick: () => choice.discard() }, t.t('edit.conflict.discard'))));
}
