import type { Me } from '../account/session.ts';
import type { Company, Link } from '../api.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { companyForEdit, deleteCompany, saveCompany } from './edit-api.ts';

export type FirmActions = {
  edit(): void;
  /** The panel again, with the firm as it now is. */
  refresh(): void;
  /** The firm is gone: close its panel. */
  gone(): void;
};

/** The outcome's message in the panel's status line, or nothing when it went through. */
function report(status: HTMLElement, outcome: { kind: string; detail?: string } | null, t: Translator): boolean {
  if (outcome?.kind === 'saved') return true;
  status.textContent = outcome?.detail ?? (outcome?.kind === 'stale' ? t.t('edit.staleAction') : t.t('error'));
  return false;
}

/** Close on a date (or on an unknown one), or reopen: a one-field change, against the version read. */
function closeOrReopen(company: Company, t: Translator, actions: FirmActions, status: HTMLElement): HTMLElement {
  const change = async (patch: { status: 'active' | 'closed'; closedOn: string | null }) => {
    const { etag } = await companyForEdit(company.id);
    if (report(status, await saveCompany(company.id, patch, etag).catch(() => null), t)) actions.refresh();
  };
  if (company.properties.status === 'closed') {
    return h('button', { type: 'button', class: 'reopen', onclick: () => void change({ status: 'active', closedOn: null }) }, t.t('edit.reopen'));
  }
  const date = h('input', { type: 'date', name: 'closingDate', 'aria-label': t.t('edit.closedOn') });
  const form = h('form', { class: 'close-firm', hidden: true },
    h('label', {}, t.t('edit.closedOn'), ' ', date),
    h('small', { class: 'hint' }, t.t('edit.closedOnHint')),
    h('button', { type: 'submit', class: 'primary' }, t.t('edit.closeConfirm')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void change({ status: 'closed', closedOn: date.value || null });
  });
  return h('span', {},
    h('button', { type: 'button', class: 'close-firm-open', onclick: () => (form.hidden = !form.hidden) }, t.t('edit.close')),
    form);
}

/** Deleting asks first, naming the links that go with the firm. */
function deleteButton(company: Company, links: Link[], t: Translator, actions: FirmActions, status: HTMLElement): HTMLElement {
  const partners = links.map((link) => (link.properties.from.id === company.id ? link.properties.to : link.properties.from).name);
  const dialog = h('dialog', { class: 'confirm-delete', 'aria-labelledby': 'delete-heading' },
    h('h3', { id: 'delete-heading' }, t.t('edit.deleteHeading', { name: company.properties.name })),
    h('p', {}, partners.length ? t.t('edit.deleteLinks', { count: partners.length }) : t.t('edit.deleteNoLinks')),
    partners.length > 0 && h('ul', {}, partners.map((name) => h('li', {}, name))),
    h('form', { method: 'dialog', class: 'edit-actions' },
      h('button', { type: 'submit', value: 'delete', class: 'danger' }, t.t('edit.deleteConfirm')),
      h('button', { type: 'submit', value: 'cancel', autofocus: true }, t.t('edit.cancel'))));
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'delete') return;
    const { etag } = await companyForEdit(company.id);
    if (report(status, await deleteCompany(company.id, etag).catch(() => null), t)) actions.gone();
  });
  return h('span', {},
    h('button', { type: 'button', class: 'danger', onclick: () => dialog.showModal() }, t.t('edit.delete')),
    dialog);
}

/**
 * The editing tools under a firm's name: Edit, Close or Reopen, and Delete for admins. An editor
 * of other countries sees why they cannot (the API would refuse it too).
 */
export function firmActions(company: Company, links: Link[], me: Me | null, t: Translator, actions: FirmActions): HTMLElement | null {
  if (!me || me.role === 'member') return null;
  const countries = me.countries ?? [];
  const inScope = me.role === 'admin' || countries.length === 0 || countries.includes(company.properties.country);
  if (!inScope) return h('p', { class: 'muted edit-scope' }, t.t('edit.outOfScope', { countries: countries.join(', ') }));
  const status = h('p', { class: 'edit-status', role: 'status' });
  return h('div', { class: 'firm-actions' },
    h('button', { type: 'button', class: 'primary edit', onclick: () => actions.edit() }, t.t('edit.open')),
    closeOrReopen(company, t, actions, status),
    me.role === 'admin' && deleteButton(company, links, t, actions, status),
    status);
}
