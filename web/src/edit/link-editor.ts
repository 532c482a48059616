import { type Company, type Link, api } from '../api.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { LinkEditingTools } from '../ui/company-panel.ts';
import { LINK_KINDS } from '../../../shared/vocabulary.ts';
import { type LinkDraft, type WriteOutcome, createLink, deleteLink, linkForEdit, saveLink } from './edit-api.ts';
import { showFieldErrors } from './field-errors.ts';
import type { MapPick } from './map-pick.ts';

type Context = { t: Translator; pick: MapPick; done(): void };

type Fields = Pick<LinkDraft, 'kind' | 'since' | 'note'>;

/** The kind, the year since and the note: the part of a link its editor may change. */
function linkFields(t: Translator, initial: Fields): HTMLElement[] {
  return [
    h('label', { 'data-field': 'kind' }, t.t('edit.linkKind'),
      h('select', { name: 'kind' }, LINK_KINDS.map((kind) => h('option', { value: kind, selected: kind === initial.kind }, t.t(`kind.${kind}`))))),
    h('label', { 'data-field': 'since' }, t.t('edit.linkSince'),
      h('input', { name: 'since', type: 'number', inputmode: 'numeric', value: initial.since ?? '' })),
    h('label', { 'data-field': 'note' }, t.t('edit.linkNote'),
      h('textarea', { name: 'note', rows: 2, maxlength: 500 }, initial.note ?? '')),
  ];
}

/** The fields as the API takes them; a year that is not a number is sent as typed, for the API to name it. */
function readFields(form: HTMLFormElement): Fields {
  const data = new FormData(form);
  const since = String(data.get('since') ?? '').trim();
  const note = String(data.get('note') ?? '').trim();
  return { kind: String(data.get('kind')), since: since === '' ? null : Number.isFinite(Number(since)) ? Number(since) : (since as never), note: note || null };
}

/** Why a write did not go through, in `message`: changed meanwhile, or the API's reason. */
function showRefusal(message: HTMLElement, outcome: WriteOutcome<unknown> | null, t: Translator): void {
  message.hidden = false;
  message.textContent = outcome?.kind === 'stale' ? t.t('edit.linkStale') : outcome && 'detail' in outcome ? outcome.detail : t.t('error');
}

/** A form's outcome: saved closes it; otherwise the errors at their fields, or the reason above the buttons. */
function settle(form: HTMLFormElement, outcome: WriteOutcome<unknown> | null, t: Translator, saved: () => void): void {
  if (outcome?.kind === 'saved') return saved();
  if (outcome?.kind === 'invalid') return showFieldErrors(form, outcome.errors, t.t('edit.fixFields'));
  showRefusal(form.querySelector<HTMLElement>('.form-error')!, outcome, t);
}

const buttons = (t: Translator, submit: string, cancel: () => void) => [
  h('p', { class: 'form-error', role: 'alert', hidden: true }),
  h('div', { class: 'edit-actions' },
    h('button', { type: 'submit', class: 'primary' }, submit),
    h('button', { type: 'button', onclick: cancel }, t.t('edit.cancel'))),
];

/**
 * The partner of a new link: found by name (the registry's search, this firm left out) or by a
 * click on it on the map; the chosen firm's id goes in the form's `to`.
 */
function partnerChooser(company: Company, context: Context): HTMLElement {
  const { t } = context;
  const chosen = h('input', { type: 'hidden', name: 'to', value: '' });
  const label = h('p', { class: 'partner-chosen', 'aria-live': 'polite' }, t.t('edit.noPartner'));
  const results = h('ul', { class: 'rows partner-results' });
  const choose = (id: number, name: string) => {
    chosen.value = String(id);
    label.textContent = name;
    clear(results);
  };
  const search = h('input', { type: 'search', name: 'partnerSearch', placeholder: t.t('edit.linkSearch'), 'aria-label': t.t('edit.linkSearch'), autocomplete: 'off' });
  let asked = 0;
  search.addEventListener('input', async () => {
    const q = search.value.trim();
    const ask = ++asked;
    if (q.length < 2) return clear(results);
    const page = await api.search(new URLSearchParams({ q }), 9).catch(() => null);
    if (ask !== asked || !page) return;
    const others = page.features.filter((f) => f.id !== company.id).slice(0, 8);
    clear(results, others.length ? others.map((f) =>
      h('li', {}, h('button', { type: 'button', class: 'row', 'data-id': f.id, onclick: () => choose(f.id as number, f.properties.name) },
        h('span', { class: 'row-main' }, h('span', { class: 'row-name' }, f.properties.name),
          h('span', { class: 'row-sub' }, `${f.properties.commune.name} · ${t.t(`country.${f.properties.country as 'FR'}`)}`)))))
      : h('li', { class: 'muted' }, t.t('noResults')));
  });
  const onMap = h('button', { type: 'button', class: 'pick-partner', onclick: () => {
    label.textContent = t.t('edit.pickPartnerHint');
    context.pick.next(async ({ firmId }) => {
      if (firmId === null || firmId === company.id) return void (label.textContent = t.t('edit.pickPartnerMissed'));
      const partner = await api.company(firmId).catch(() => null);
      if (partner) choose(firmId, partner.properties.name);
    });
  } }, t.t('edit.pickPartner'));
  return h('div', { class: 'partner-chooser', 'data-field': 'to' },
    h('span', { class: 'label' }, t.t('edit.linkPartner')), label, chosen, search, onMap, results);
}

/** "Add a link": the partner, the kind, the year since and a note, saved as a new link from this firm. */
function addLinkForm(company: Company, context: Context): HTMLElement {
  const { t } = context;
  const open = h('button', { type: 'button', class: 'add-link' }, t.t('edit.addLink'));
  const form = h('form', { class: 'link-form add-link-form', hidden: true }) as HTMLFormElement;
  const reset = () => {
    context.pick.cancel();
    form.hidden = true;
    open.hidden = false;
  };
  clear(form, partnerChooser(company, context), ...linkFields(t, { kind: 'partner', since: null, note: null }), ...buttons(t, t.t('edit.addLinkSave'), reset));
  open.addEventListener('click', () => {
    form.hidden = false;
    open.hidden = true;
    form.querySelector<HTMLInputElement>('[name=partnerSearch]')?.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const to = Number(new FormData(form).get('to'));
    if (!to) return showFieldErrors(form, [{ field: 'to', message: t.t('edit.noPartner') }], t.t('edit.fixFields'));
    settle(form, await createLink({ from: company.id, to, ...readFields(form) }).catch(() => null), t, context.done);
  });
  return h('div', { class: 'link-add' }, open, form);
}

/** Only the fields that differ from the link as read, so a save changes no more than was typed. */
function changedFields(link: Link, fields: Fields): Partial<Fields> {
  const p = link.properties;
  const before: Fields = { kind: p.kind, since: p.since ?? null, note: p.note ?? null };
  return Object.fromEntries(Object.entries(fields).filter(([key, value]) => before[key as keyof Fields] !== value));
}

/** Edit (kind, since, note, against the version read: a stale one is refused) and Remove, asked twice. */
function linkItemTools(link: Link, context: Context): HTMLElement {
  const { t } = context;
  const tools = h('div', { class: 'link-tools' });
  const idle = () => clear(tools,
    h('button', { type: 'button', class: 'edit-link', onclick: () => void edit() }, t.t('edit.editLink')),
    h('button', { type: 'button', class: 'remove-link', onclick: confirmRemove }, t.t('edit.removeLink')));
  const edit = async () => {
    const { link: current, etag } = await linkForEdit(link.id as number);
    const form = h('form', { class: 'link-form edit-link-form' },
      ...linkFields(t, { kind: current.properties.kind, since: current.properties.since ?? null, note: current.properties.note ?? null }),
      ...buttons(t, t.t('edit.save'), idle)) as HTMLFormElement;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const patch = changedFields(current, readFields(form));
      if (Object.keys(patch).length === 0) return idle();
      settle(form, await saveLink(current.id as number, patch, etag).catch(() => null), t, context.done);
    });
    clear(tools, form);
  };
  function confirmRemove() {
    const status = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const remove = async () => {
      const { etag } = await linkForEdit(link.id as number);
      const outcome = await deleteLink(link.id as number, etag).catch(() => null);
      if (outcome?.kind === 'saved') return context.done();
      showRefusal(status, outcome, t);
    };
    clear(tools,
      h('button', { type: 'button', class: 'danger confirm-remove', onclick: () => void remove() }, t.t('edit.removeLinkConfirm')),
      h('button', { type: 'button', onclick: idle }, t.t('edit.cancel')),
      status);
  }
  idle();
  return tools;
}

/** The panel's link editing for an editor: Add a link, and Edit / Remove beside each. */
export function linkEditing(company: Company, context: Context): LinkEditingTools {
  return { add: addLinkForm(company, context), itemTools: (link) => linkItemTools(link, context) };
}
