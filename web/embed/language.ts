import { LANGUAGES, type Lang, browserLanguage } from '../src/i18n.ts';

/**
 * The widget's language: its own `lang` attribute, else the language of the page around it (the
 * nearest `lang`), else the browser's. `lang` is a global HTML attribute: screen readers read the
 * widget in the language it is shown in.
 */
export function embedLanguage(host: Element): Lang {
  const tag = host.closest('[lang]')?.getAttribute('lang')?.slice(0, 2).toLowerCase() ?? '';
  return (LANGUAGES as readonly string[]).includes(tag) ? (tag as Lang) : browserLanguage();
}
