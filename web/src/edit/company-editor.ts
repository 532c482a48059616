import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { Me } from '../account/session.ts';
import type { Company } from '../api.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { type CompanyDraft, draftOf, draftPatch } from './company-draft.ts';
import { companyForm } from './company-form.ts';
import { conflictView } from './conflict-view.ts';
import { communesOf, companyForEdit, createCompany, saveCompany } from './edit-api.ts';
import { duplicatesOf } from './duplicates.ts';
import type { MapPick } from './map-pick.ts';

export type EditorContext = {
  t: Translator;
  me: Me;
  map: MapLibreMap;
  pick: MapPick;
  panel: HTMLElement;
  /** The firm's panel again (after a save or a cancel), or none (null: a new firm abandoned). */
  done(id: number | null): void;
};

/** A draggable marker for the location being edited, and the map's next click for "Place on the map". */
function locationPicker(context: EditorContext, at: [number, number] | null, moved: (lon: number, lat: number) => void) {
  const marker = new Marker({ draggable: true, color: '#b5179e' });
  marker.getElement().classList.add('edit-marker');
  if (at && at.every(Number.isFinite)) marker.setLngLat(at).addTo(context.map);
  marker.on('dragend', () => {
    const { lng, lat } = marker.getLngLat();
    moved(lng, lat);
  });
  return {
    placeNext() {
      context.pick.next(({ lngLat }) => {
        marker.setLngLat(lngLat).addTo(context.map);
        moved(lngLat[0], lngLat[1]);
      });
    },
    remove() {
      context.pick.cancel();
      marker.remove();
    },
  };
}

/** The edit form of a firm in its panel: Save sends what changed, with the version read (If-Match). */
export async function openCompanyEditor(id: number, context: EditorContext): Promise<void> {
  const { company, etag } = await companyForEdit(id);
  const original = draftOf(company);
  showEditor(company, original, etag, original, context);
  context.panel.hidden = false;
}

function showEditor(company: Company, original: CompanyDraft, etag: string | null, values: CompanyDraft, context: EditorContext) {
  const { t, panel } = context;
  const picker = locationPicker(context, values.location.coordinates, (lon, lat) => form.setLocation(lon, lat));
  const finish = (next: number | null) => {
    picker.remove();
    context.done(next);
  };
  const form = companyForm(values, t, {
    withPrivate: original.note !== undefined,
    communes: communesOf,
    placeOnMap: () => picker.placeNext(),
    submitLabel: t.t('edit.save'),
    cancel: () => finish(company.id),
    async submit(draft) {
      const patch = draftPatch(original, draft);
      if (Object.keys(patch).length === 0) return finish(company.id);
      form.busy(true);
      const outcome = await saveCompany(company.id, patch, etag).catch(() => null);
      form.busy(false);
      if (!outcome) return form.showErrors([{ field: '', message: t.t('error') }]);
      if (outcome.kind === 'saved') return finish(company.id);
      if (outcome.kind === 'invalid') return form.showErrors(outcome.errors);
      if (outcome.kind === 'stale') {
        picker.remove();
        const latest = outcome.current ?? (await companyForEdit(company.id)).company;
        const latestEtag = outcome.current ? outcome.etag : (await companyForEdit(company.id)).etag;
        return showConflict(company, original, draft, latest, latestEtag, context);
      }
      form.showErrors([{ field: '', message: outcome.detail }]);
    },
  });
  clear(panel, h('article', { class: 'company editing', 'aria-labelledby': 'edit-heading', 'data-company': company.id },
    h('header', {}, h('h2', { id: 'edit-heading' }, t.t('edit.heading', { name: company.properties.name }))),
    form.element));
  form.element.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
}

/**
 * Someone saved the firm after this person opened the form: what they changed beside what this
 * person typed, to reapply (over the new version) or to drop.
 */
function showConflict(company: Company, original: CompanyDraft, mine: CompanyDraft, latest: Company, latestEtag: string | null, context: EditorContext) {
  const { t, panel } = context;
  const theirs = draftOf(latest);
  clear(panel, conflictView(t, {
    theirs: draftPatch(original, theirs),
    mine: draftPatch(original, mine),
    reapply() {
      // The other person's version, with this person's changes over it: saved against the new version.
      const merged = { ...theirs, ...draftPatch(original, mine) };
      showEditor(latest, theirs, latestEtag, merged, context);
    },
    discard: () => context.done(company.id),
  }));
}

/** "Add a firm": the same form, empty, at `at` (a click on the map) or to be placed. */
export function openNewCompany(at: [number, number] | null, country: string, context: EditorContext): void {
  const { t, panel } = context;
  const blank: CompanyDraft = {
    name: '', sectors: [], primarySector: 'outdoor', country, commune: { code: '', name: '' }, address: null,
    location: { type: 'Point', coordinates: at ?? [Number.NaN, Number.NaN] }, activity: { nace: null, national: null },
    employees: null, employeesRange: null, employeesYear: null, openedOn: null, closedOn: null, status: 'active',
    founded: null, website: null, description: { fr: null, it: null, en: null }, officialId: null,
    ...(context.me.role === 'member' ? {} : { contact: { email: null, phone: null }, note: null }),
  };
  const picker = locationPicker(context, at, (lon, lat) => form.setLocation(lon, lat));
  let warned = '';
  const finish = (id: number | null) => {
    picker.remove();
    context.done(id);
  };
  const form = companyForm(blank, t, {
    withPrivate: true,
    communes: communesOf,
    placeOnMap: () => picker.placeNext(),
    submitLabel: t.t('edit.create'),
    cancel: () => finish(null),
    async submit(draft) {
      // The duplicate check warns once per set of look-alikes; saving again saves anyway.
      const duplicates = await duplicatesOf(draft).catch(() => []);
      const key = duplicates.map((d) => d.id).join(',');
      if (duplicates.length > 0 && key !== warned) {
        warned = key;
        return showDuplicates(form.element, duplicates, t);
      }
      form.busy(true);
      const outcome = await createCompany(draft).catch(() => null);
      form.busy(false);
      if (!outcome) return form.showErrors([{ field: '', message: t.t('error') }]);
      if (outcome.kind === 'saved') return finish(outcome.value.id);
      if (outcome.kind === 'invalid') return form.showErrors(outcome.errors);
      form.showErrors([{ field: '', message: outcome.kind === 'refused' ? outcome.detail : t.t('error') }]);
    },
  });
  if (at) form.setLocation(at[0], at[1]);
  clear(panel, h('article', { class: 'company editing', 'aria-labelledby': 'edit-heading' },
    h('header', {}, h('h2', { id: 'edit-heading' }, t.t('edit.newHeading'))),
    form.element));
  panel.hidden = false;
  form.element.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
}

function showDuplicates(form: HTMLFormElement, duplicates: { id: number; name: string; reason: string }[], t: Translator) {
  form.querySelector('.duplicates')?.remove();
  form.querySelector('.edit-actions')!.before(h('div', { class: 'duplicates', role: 'alert' },
    h('p', {}, t.t('edit.duplicates')),
    h('ul', {}, duplicates.map((d) => h('li', {}, h('a', { href: `?firm=${d.id}`, target: '_blank' }, d.name), ` · ${d.reason}`))),
    h('p', { class: 'muted' }, t.t('edit.duplicatesSaveAnyway'))));
}
