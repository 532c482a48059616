import { NACE_TITLES } from '../../../shared/nace-titles.ts';
import { COUNTRIES, SECTORS } from '../../../shared/vocabulary.ts';
import { h } from '../dom.ts';
import type { MessageKey, Translator } from '../i18n.ts';
import type { CompanyDraft } from './company-draft.ts';
import { type FieldError, showFieldErrors } from './field-errors.ts';

/** A commune the form offers for a country (`GET /api/communes`). */
export type CommuneChoice = { code: string; name: string; lon: number | null; lat: number | null };

export type CompanyFormOptions = {
  /** The private fields (contact, note) are in the form: the person may see them. */
  withPrivate: boolean;
  communes(country: string): Promise<CommuneChoice[]>;
  /** "Place on the map": the next click on the map gives the location. */
  placeOnMap(): void;
  submitLabel: string;
  submit(draft: CompanyDraft): void;
  cancel(): void;
};

export type CompanyForm = {
  element: HTMLFormElement;
  draft(): CompanyDraft;
  setLocation(lon: number, lat: number): void;
  showErrors(errors: FieldError[]): void;
  /** Disables Save while a request is out, so a double click sends one write. */
  busy(on: boolean): void;
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A labelled control for one API field: `data-field` is the path a 400 names. */
function row(field: string, label: string, control: Control | HTMLElement, hint?: string): HTMLElement {
  const id = `edit-${field.replace(/\W/g, '-')}`;
  if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) control.id = id;
  return h('div', { class: 'edit-row', 'data-field': field },
    h('label', { for: id }, label),
    control,
    hint && h('small', { class: 'hint' }, hint));
}

const input = (name: string, value: string | number | null | undefined, attributes: Record<string, string> = {}) =>
  h('input', { name, value: value === null || value === undefined ? '' : String(value), ...attributes });

/** Empty is null; a number that does not parse is sent as typed, so the API's 400 names the field. */
const textOf = (control: Control) => (control.value.trim() === '' ? null : control.value.trim());
function numberOf(control: Control): number | null {
  const text = textOf(control);
  if (text === null) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : (text as unknown as number);
}

/** The form over every editable field of a firm, filled from `initial`. */
export function companyForm(initial: CompanyDraft, t: Translator, options: CompanyFormOptions): CompanyForm {
  const tt = (key: string) => t.t(key as MessageKey);
  const sectorBoxes = SECTORS.map((sector) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sectors', value: sector, checked: initial.sectors.includes(sector) }), tt(`sector.${sector}`)));
  const primary = h('select', { name: 'primarySector' }, SECTORS.map((s) => h('option', { value: s, selected: s === initial.primarySector }, tt(`sector.${s}`))));
  const country = h('select', { name: 'country' }, COUNTRIES.map((c) => h('option', { value: c, selected: c === initial.country }, tt(`country.${c}`))));
  const communeList = h('datalist', { id: 'edit-communes' });
  const communeName = input('commune.name', initial.commune.name, { list: 'edit-communes', autocomplete: 'off' });
  const communeCode = input('commune.code', initial.commune.code, { inputmode: 'numeric', size: '8' });
  let communes: CommuneChoice[] = [];
  const loadCommunes = async () => {
    communes = await options.communes(country.value).catch(() => []);
    communeList.replaceChildren(...communes.map((c) => h('option', { value: c.name }, c.code)));
  };
  void loadCommunes();
  country.addEventListener('change', () => void loadCommunes());
  // Picking a commune by its name fills its official code.
  communeName.addEventListener('change', () => {
    const picked = communes.find((c) => c.name.toLowerCase() === communeName.value.trim().toLowerCase());
    if (picked) communeCode.value = picked.code;
  });

  const naceList = h('datalist', { id: 'edit-nace' },
    Object.entries(NACE_TITLES).map(([code, titles]) => h('option', { value: code }, titles[t.lang])));
  const nace = input('activity.nace', initial.activity.nace, { list: 'edit-nace', autocomplete: 'off', size: '8' });
  const naceTitle = h('small', { class: 'hint' });
  const showNaceTitle = () => (naceTitle.textContent = NACE_TITLES[nace.value.trim() as keyof typeof NACE_TITLES]?.[t.lang] ?? '');
  showNaceTitle();
  nace.addEventListener('input', showNaceTitle);
  const national = input('activity.national', initial.activity.national, { size: '12' });

  const lon = input('location.lon', initial.location.coordinates[0], { inputmode: 'decimal', size: '10' });
  const lat = input('location.lat', initial.location.coordinates[1], { inputmode: 'decimal', size: '10' });

  const mode = initial.employees !== null ? 'exact' : initial.employeesRange ? 'band' : 'unknown';
  const headcountMode = h('select', { name: 'headcount' }, (['exact', 'band', 'unknown'] as const).map((m) => h('option', { value: m, selected: m === mode }, tt(`edit.headcount.${m}`))));
  const employees = input('employees', initial.employees, { inputmode: 'numeric', size: '8' });
  const bandMin = input('employeesRange.min', initial.employeesRange?.min, { inputmode: 'numeric', size: '6' });
  const bandMax = input('employeesRange.max', initial.employeesRange?.max, { inputmode: 'numeric', size: '6', placeholder: '∞' });
  const exactRow = row('employees', tt('edit.employees'), employees);
  const bandRow = row('employeesRange', tt('edit.band'), h('span', { class: 'pair' }, bandMin, '–', bandMax));
  const showHeadcount = () => {
    exactRow.hidden = headcountMode.value !== 'exact';
    bandRow.hidden = headcountMode.value !== 'band';
  };
  showHeadcount();
  headcountMode.addEventListener('change', showHeadcount);
  const employeesYear = input('employeesYear', initial.employeesYear, { inputmode: 'numeric', size: '6' });

  const status = h('select', { name: 'status' }, (['active', 'closed'] as const).map((s) => h('option', { value: s, selected: s === initial.status }, tt(`edit.status.${s}`))));
  const closedOn = input('closedOn', initial.closedOn, { type: 'date' });
  const closedRow = row('closedOn', tt('edit.closedOn'), closedOn, tt('edit.closedOnHint'));
  const showClosed = () => (closedRow.hidden = status.value !== 'closed');
  showClosed();
  status.addEventListener('change', showClosed);

  const name = input('name', initial.name, { required: 'true', maxlength: '200' });
  const address = input('address', initial.address);
  const openedOn = input('openedOn', initial.openedOn, { type: 'date' });
  const founded = input('founded', initial.founded, { inputmode: 'numeric', size: '6' });
  const website = input('website', initial.website, { type: 'url', placeholder: 'https://' });
  const officialId = input('officialId', initial.officialId);
  const descriptions = (['fr', 'it', 'en'] as const).map((lang) => h('textarea', { name: `description.${lang}`, rows: 2 }, initial.description[lang] ?? ''));
  const email = input('contact.email', initial.contact?.email, { type: 'email' });
  const phone = input('contact.phone', initial.contact?.phone, { type: 'tel' });
  const note = h('textarea', { name: 'note', rows: 3 }, initial.note ?? '');

  const save = h('button', { type: 'submit', class: 'primary' }, options.submitLabel);
  const element = h('form', { class: 'company-edit', novalidate: true, 'aria-label': options.submitLabel },
    row('name', tt('edit.name'), name),
    h('fieldset', { 'data-field': 'sectors', class: 'edit-row' }, h('legend', {}, tt('sectors')), sectorBoxes),
    row('primarySector', tt('edit.primarySector'), primary),
    row('activity.nace', tt('edit.nace'), nace), naceTitle, naceList,
    row('activity.national', tt('edit.national'), national, tt(`edit.nationalHint.${initial.country}`)),
    row('country', tt('edit.country'), country),
    row('commune.name', tt('edit.commune'), communeName), communeList,
    row('commune.code', tt('edit.communeCode'), communeCode),
    row('address', tt('edit.address'), address),
    h('div', { class: 'edit-row', 'data-field': 'location' },
      h('span', { class: 'label' }, tt('edit.location')),
      h('span', { class: 'pair' }, h('label', { class: 'sr-only', for: 'edit-lon' }, tt('edit.lon')), lon, h('label', { class: 'sr-only', for: 'edit-lat' }, tt('edit.lat')), lat),
      h('button', { type: 'button', class: 'place', onclick: () => options.placeOnMap() }, tt('edit.placeOnMap'))),
    row('headcount', tt('edit.headcount'), headcountMode), exactRow, bandRow,
    row('employeesYear', tt('edit.employeesYear'), employeesYear),
    row('status', tt('edit.status'), status), closedRow,
    row('openedOn', tt('edit.openedOn'), openedOn),
    row('founded', tt('edit.founded'), founded),
    row('website', tt('edit.website'), website),
    row('officialId', tt('edit.officialId'), officialId),
    (['fr', 'it', 'en'] as const).map((lang, i) => row(`description.${lang}`, tt(`edit.description.${lang}`), descriptions[i]!)),
    options.withPrivate && h('fieldset', { class: 'private-fields' }, h('legend', {}, tt('private.heading')),
      row('contact.email', tt('edit.email'), email),
      row('contact.phone', tt('edit.phone'), phone),
      row('note', tt('private.note'), note)),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'edit-actions' }, save, h('button', { type: 'button', onclick: () => options.cancel() }, tt('edit.cancel'))));
  lon.id = 'edit-lon';
  lat.id = 'edit-lat';

  const draft = (): CompanyDraft => {
    const sectors = sectorBoxes.map((label) => label.querySelector('input')!).filter((box) => box.checked).map((box) => box.value);
    const headcount = headcountMode.value;
    const range = headcount === 'band' ? { min: numberOf(bandMin) as number, max: numberOf(bandMax) } : null;
    const result: CompanyDraft = {
      name: name.value.trim(),
      sectors,
      primarySector: primary.value,
      country: country.value,
      commune: { code: communeCode.value.trim(), name: communeName.value.trim() },
      address: textOf(address),
      location: { type: 'Point', coordinates: [numberOf(lon) as number, numberOf(lat) as number] },
      activity: { nace: textOf(nace), national: textOf(national) },
      employees: headcount === 'exact' ? numberOf(employees) : null,
      employeesRange: range,
      employeesYear: numberOf(employeesYear),
      openedOn: textOf(openedOn),
      status: status.value as 'active' | 'closed',
      closedOn: status.value === 'closed' ? textOf(closedOn) : null,
      founded: numberOf(founded),
      website: textOf(website),
      description: { fr: textOf(descriptions[0]!), it: textOf(descriptions[1]!), en: textOf(descriptions[2]!) },
      officialId: textOf(officialId),
    };
    if (options.withPrivate) {
      result.contact = { email: textOf(email), phone: textOf(phone) };
      result.note = textOf(note);
    }
    return result;
  };

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    options.submit(draft());
  });

  return {
    element,
    draft,
    setLocation(x, y) {
      lon.value = x.toFixed(6);
      lat.value = y.toFixed(6);
    },
    showErrors: (errors) => showFieldErrors(element, errors, tt('edit.fixFields')),
    busy(on) {
      save.disabled = on;
    },
  };
}
