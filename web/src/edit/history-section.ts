import { clear, h } from '../dom.ts';
import type { MessageKey, Translator } from '../i18n.ts';
import { fieldLabel, shown } from './conflict-view.ts';
import { type HistoryEntry, companyHistory, undoChange } from './edit-api.ts';

const ACTIONS = new Set(['create', 'update', 'delete', 'import', 'link', 'undo']);

/** One change: who and when, each field before → after, and Undo (which the API may refuse, saying why). */
function entryItem(entry: HistoryEntry, t: Translator, undone: () => void): HTMLElement {
  const reason = h('p', { class: 'undo-refused', role: 'status' });
  const undo = async () => {
    const outcome = await undoChange(entry.id).catch(() => null);
    if (outcome?.kind === 'saved') return undone();
    reason.textContent = outcome && 'detail' in outcome ? outcome.detail : t.t('error');
  };
  return h('li', { 'data-entry': entry.id },
    h('p', { class: 'history-who' },
      h('strong', {}, ACTIONS.has(entry.action) ? t.t(`edit.action.${entry.action}` as MessageKey) : entry.action), ' · ', entry.by.label, ' · ', h('time', { datetime: entry.at }, t.dateTime(entry.at))),
    h('ul', { class: 'history-changes' }, Object.entries(entry.changes).map(([field, change]) =>
      h('li', {}, h('span', { class: 'field' }, fieldLabel(t, field)), ': ', h('del', {}, shown(change.before)), ' → ', h('ins', {}, shown(change.after))))),
    h('button', { type: 'button', class: 'undo', onclick: () => void undo() }, t.t('edit.undo')),
    reason);
}

/** The firm's history, newest first, for editors (the API answers them only); loaded when opened. */
export function historySection(companyId: number, t: Translator, undone: () => void): HTMLElement {
  const list = h('ol', { class: 'history' });
  const details = h('details', { class: 'firm-history' }, h('summary', {}, t.t('edit.history')), list);
  details.addEventListener('toggle', async () => {
    if (!details.open) return;
    const entries = await companyHistory(companyId);
    clear(list, entries.length ? entries.map((entry) => entryItem(entry, t, undone)) : h('li', { class: 'muted' }, t.t('edit.noHistory')));
  });
  return details;
}
