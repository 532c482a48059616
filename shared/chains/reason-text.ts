import type { Reason } from './score.ts';

/**
 * The reasons of a suggestion in words, in the three languages of the Atlas: the API answers them
 * in the language asked for, and the map shows the same sentences.
 */

export const REASON_LANGUAGES = ['fr', 'it', 'en'] as const;
export type ReasonLang = (typeof REASON_LANGUAGES)[number];

const LOCALES: Record<ReasonLang, string> = { fr: 'fr-FR', it: 'it-IT', en: 'en-GB' };

type Numbers = { n(value: number, digits?: number): string; km(metres: number): string };

function numbers(lang: ReasonLang): Numbers {
  return {
    n: (value, digits = 0) => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value),
    km: (metres) =>
      metres < 1000
        ? new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres)
        : new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000),
  };
}

const LEVEL_WORDS: Record<ReasonLang, Record<'class' | 'group' | 'division', string>> = {
  fr: { class: 'classe', group: 'groupe', division: 'division' },
  it: { class: 'classe', group: 'gruppo', division: 'divisione' },
  en: { class: 'class', group: 'group', division: 'division' },
};

type Templates = {
  related(v: { from: string; to: string; ratio: string; links: string; level: string }): string;
  unrelated(v: { from: string; to: string; ratio: string; links: string; level: string }): string;
  external(v: { from: string; to: string; ratio: string; source: string; level: string }): string;
  thin(v: { from: string; to: string; min: string }): string;
  unknown(): string;
  shared(v: { partners: string; one: boolean; aa: string }): string;
  noShared(): string;
  distance(v: { km: string; half: string }): string;
};

const TEMPLATES: Record<ReasonLang, Templates> = {
  fr: {
    related: (v) => `Les entreprises de ${v.from} sont liées à celles de ${v.to} ${v.ratio} fois plus que le hasard (${v.links} liens, niveau ${v.level})`,
    unrelated: (v) => `Les entreprises de ${v.from} sont liées à celles de ${v.to} ${v.ratio} fois ce que donnerait le hasard (${v.links} liens, niveau ${v.level}) : pas plus que le hasard`,
    external: (v) => `Selon « ${v.source} », ${v.from} et ${v.to} sont apparentées : ${v.ratio} (niveau ${v.level})`,
    thin: (v) => `Trop peu de liens entre ${v.from} et ${v.to} pour en juger (moins de ${v.min} à chaque niveau)`,
    unknown: () => 'Activité inconnue : pas de parenté d’activité',
    shared: (v) => `${v.partners} ${v.one ? 'partenaire' : 'partenaires'} en commun (Adamic–Adar ${v.aa})`,
    noShared: () => 'Aucun partenaire en commun',
    distance: (v) => `À ${v.km} (les points diminuent de moitié tous les ${v.half})`,
  },
  it: {
    related: (v) => `Le imprese di ${v.from} sono collegate a quelle di ${v.to} ${v.ratio} volte più del caso (${v.links} legami, livello ${v.level})`,
    unrelated: (v) => `Le imprese di ${v.from} sono collegate a quelle di ${v.to} ${v.ratio} volte quanto darebbe il caso (${v.links} legami, livello ${v.level}): non più del caso`,
    external: (v) => `Secondo «${v.source}», ${v.from} e ${v.to} sono affini: ${v.ratio} (livello ${v.level})`,
    thin: (v) => `Troppo pochi legami tra ${v.from} e ${v.to} per giudicare (meno di ${v.min} a ogni livello)`,
    unknown: () => 'Attività sconosciuta: nessuna affinità di attività',
    shared: (v) => `${v.partners} partner in comune (Adamic–Adar ${v.aa})`,
    noShared: () => 'Nessun partner in comune',
    distance: (v) => `A ${v.km} (i punti si dimezzano ogni ${v.half})`,
  },
  en: {
    related: (v) => `Firms of ${v.from} link with firms of ${v.to} ${v.ratio}× more than chance (${v.links} links, ${v.level} level)`,
    unrelated: (v) => `Firms of ${v.from} link with firms of ${v.to} ${v.ratio}× as often as chance (${v.links} links, ${v.level} level): no more than chance`,
    external: (v) => `Related according to “${v.source}”: ${v.from} and ${v.to}, ${v.ratio} (${v.level} level)`,
    thin: (v) => `Too few links between ${v.from} and ${v.to} to tell (fewer than ${v.min} at every level)`,
    unknown: () => 'Activity unknown: no relatedness',
    shared: (v) => `Shares ${v.partners} ${v.one ? 'partner' : 'partners'} (Adamic–Adar ${v.aa})`,
    noShared: () => 'No shared partner',
    distance: (v) => `${v.km} away (points halve every ${v.half})`,
  },
};

/** One reason in words, without its points (shown beside it). */
export function reasonText(reason: Reason, lang: ReasonLang, minLinks: number): string {
  const words = TEMPLATES[lang];
  const { n, km } = numbers(lang);
  if (reason.term === 'sharedPartners') {
    return reason.partners === 0 ? words.noShared() : words.shared({ partners: n(reason.partners), one: reason.partners === 1, aa: n(reason.adamicAdar, 2) });
  }
  if (reason.term === 'distance') return words.distance({ km: km(reason.distanceM), half: km(reason.halfDistanceM) });
  const e = reason.evidence;
  if (!reason.fromClass || !reason.toClass) return words.unknown();
  if (!e) return words.thin({ from: reason.fromClass, to: reason.toClass, min: n(minLinks) });
  const level = LEVEL_WORDS[lang][e.level];
  if (e.source === 'loaded') return words.external({ from: e.from, to: e.to, ratio: n(e.ratio, 2), source: e.sourceName ?? '?', level });
  const values = { from: e.from, to: e.to, ratio: n(e.ratio, 1), links: n(e.links ?? 0), level };
  return e.ratio > 1 ? words.related(values) : words.unrelated(values);
}
