import { en } from './i18n/en.ts';
import { type Dictionary, fr } from './i18n/fr.ts';
import { it } from './i18n/it.ts';

export const LANGUAGES = ['fr', 'it', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type MessageKey = keyof Dictionary;

const DICTIONARIES: Record<Lang, Dictionary> = { fr, it, en };

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', it: 'it-IT', en: 'en-GB' };

export type Translator = {
  lang: Lang;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  number(value: number): string;
  distance(metres: number): string;
  /** A fraction as a percentage: 0.253 → 25.3 %. */
  percent(fraction: number): string;
  decimal(value: number, digits: number): string;
  dateTime(iso: string): string;
  /** A calendar date (YYYY-MM-DD) in words: 30 June 2021. */
  date(iso: string): string;
};

export function translator(lang: Lang): Translator {
  const dictionary = DICTIONARIES[lang];
  const numbers = new Intl.NumberFormat(LOCALES[lang]);
  const km = new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
  const m = new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: 'meter', maximumFractionDigits: 0 });
  return {
    lang,
    t: (key, values = {}) =>
      dictionary[key].replace(/\{(\w+)\}/g, (_, name: string) =>
        typeof values[name] === 'number' ? numbers.format(values[name]) : String(values[name] ?? '')),
    number: (value) => numbers.format(value),
    distance: (metres) => (metres < 1000 ? m.format(metres) : km.format(metres / 1000)),
    percent: (fraction) => new Intl.NumberFormat(LOCALES[lang], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(fraction),
    decimal: (value, digits) => new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    dateTime: (iso) => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    date: (iso) => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)),
  };
}

/** The browser's preferred language among ours, else English. */
export function browserLanguage(preferred: readonly string[] = navigator.languages): Lang {
  for (const tag of preferred) {
    const base = tag.slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}
