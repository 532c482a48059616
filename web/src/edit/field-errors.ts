import { h } from '../dom.ts';

/** One entry of a 400 problem's `errors`: the field's path (`commune.code`, `location.coordinates.0`) and why. */
export type FieldError = { field: string; message: string };

/**
 * The form field an error belongs to: the longest of `fields` that is the error's path or a
 * parent of it (`location.coordinates.0` → `location`); null when none is, so the message is
 * shown for the whole form rather than lost.
 */
export function fieldFor(path: string, fields: readonly string[]): string | null {
  let best: string | null = null;
  for (const field of fields) {
    const matches = path === field || path.startsWith(`${field}.`);
    if (matches && (best === null || field.length > best.length)) best = field;
  }
  return best;
}

/** Shows each error next to the field it names (and the rest above the buttons); clears earlier ones. */
export function showFieldErrors(form: HTMLElement, errors: readonly FieldError[], summary: string): void {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
  const rows = new Map([...form.querySelectorAll<HTMLElement>('[data-field]')].map((row) => [row.dataset.field!, row]));
  const general: string[] = [];
  for (const error of errors) {
    const field = fieldFor(error.field, [...rows.keys()]);
    const row = field === null ? undefined : rows.get(field);
    if (!row || row.hidden) {
      general.push(`${error.field}: ${error.message}`);
      continue;
    }
    const id = `error-${error.field.replace(/\W/g, '-')}`;
    row.append(h('p', { class: 'field-error', id }, error.message));
    const control = row.querySelector('input, select, textarea');
    control?.setAttribute('aria-invalid', 'true');
    control?.setAttribute('aria-describedby', id);
  }
  const message = form.querySelector<HTMLElement>('.form-error');
  if (message) {
    message.hidden = errors.length === 0;
    message.textContent = errors.length === 0 ? '' : [summary, ...general].join(' ');
  }
  form.querySelector<HTMLElement>('[aria-invalid]')?.focus();
}
