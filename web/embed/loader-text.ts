import type { Lang } from '../src/i18n.ts';

/**
 * The few words the loader shows before (or instead of) the widget. Kept apart from the app's
 * dictionaries so that the loader stays a couple of kilobytes.
 */
export const LOADER_TEXT: Record<Lang, { label: string; failed: string; open: string }> = {
  fr: {
    label: 'Atlas des filières du Mont-Blanc : carte des entreprises',
    failed: 'La carte n’a pas pu être chargée.',
    open: 'Ouvrir l’Atlas',
  },
  it: {
    label: 'Atlante delle filiere del Monte Bianco: mappa delle imprese',
    failed: 'Impossibile caricare la mappa.',
    open: 'Apri l’Atlante',
  },
  en: {
    label: 'Mont-Blanc Sector Atlas: map of the firms',
    failed: 'The map could not be loaded.',
    open: 'Open the Atlas',
  },
};
