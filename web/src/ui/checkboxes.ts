import { h } from '../dom.ts';

export type CheckboxOptions<T extends string> = {
  name: string;
  values: readonly T[];
  checked: readonly T[];
  label(value: T): string;
  /** A colour dot before the label (sectors). */
  swatch?(value: T): string;
  inline?: boolean;
  onChange(checked: T[]): void;
};

/** A group of checkboxes whose change reports the whole new selection. */
export function checkboxes<T extends string>(options: CheckboxOptions<T>): HTMLLabelElement[] {
  return options.values.map((value) =>
    h('label', { class: options.inline ? 'check inline' : 'check' },
      h('input', {
        type: 'checkbox',
        name: options.name,
        value,
        checked: options.checked.includes(value),
        onchange: (e) => {
          const on = (e.target as HTMLInputElement).checked;
          options.onChange(on ? [...options.checked, value] : options.checked.filter((x) => x !== value));
        },
      }),
      options.swatch && h('span', { class: 'swatch', style: `background:${options.swatch(value)}`, 'aria-hidden': 'true' }),
      options.label(value)));
}
