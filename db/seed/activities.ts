import { NACE_TITLES } from '../../shared/nace-titles.ts';
import type { Country, Sector } from '../../shared/vocabulary.ts';

/**
 * NACE Rev. 2 classes typical of each filière, with their official titles (shared/nace-titles.ts) and the French NAF
 * sub-class used for French firms. `weight` is how common the activity is among the sector's
 * firms; `typicalSize` the median headcount of such a firm (manufacturers are larger).
 */
export type Activity = {
  nace: string;
  naf: string;
  weight: number;
  typicalSize: number;
  label: { fr: string; it: string; en: string };
  /** A short word for the trade, used in the fictitious names of sample firms. */
  trade: { fr: string; it: string };
};

export const ACTIVITIES: Record<Sector, Activity[]> = {
  outdoor: [
    { nace: '32.30', trade: { fr: 'Équipement alpin', it: 'Attrezzatura alpina' }, naf: '32.30Z', weight: 14, typicalSize: 18, label: NACE_TITLES['32.30'] },
    { nace: '14.19', trade: { fr: 'Textiles montagne', it: 'Abbigliamento montagna' }, naf: '14.19Z', weight: 6, typicalSize: 12, label: NACE_TITLES['14.19'] },
    { nace: '47.64', trade: { fr: 'Sports', it: 'Sport' }, naf: '47.64Z', weight: 22, typicalSize: 5, label: NACE_TITLES['47.64'] },
    { nace: '77.21', trade: { fr: 'Location ski', it: 'Noleggio sci' }, naf: '77.21Z', weight: 12, typicalSize: 4, label: NACE_TITLES['77.21'] },
    { nace: '85.51', trade: { fr: 'École de glisse', it: 'Scuola di sci' }, naf: '85.51Z', weight: 18, typicalSize: 6, label: NACE_TITLES['85.51'] },
    { nace: '93.19', trade: { fr: 'Guides', it: 'Guide alpine' }, naf: '93.19Z', weight: 16, typicalSize: 3, label: NACE_TITLES['93.19'] },
    { nace: '93.29', trade: { fr: 'Loisirs', it: 'Tempo libero' }, naf: '93.29Z', weight: 6, typicalSize: 4, label: NACE_TITLES['93.29'] },
    { nace: '79.90', trade: { fr: 'Séjours montagne', it: 'Viaggi montagna' }, naf: '79.90Z', weight: 6, typicalSize: 4, label: NACE_TITLES['79.90'] },
  ],
  phyto_wellbeing: [
    { nace: '01.28', trade: { fr: 'Plantes alpines', it: 'Erbe alpine' }, naf: '01.28Z', weight: 14, typicalSize: 3, label: NACE_TITLES['01.28'] },
    { nace: '20.53', trade: { fr: 'Essences', it: 'Essenze' }, naf: '20.53Z', weight: 8, typicalSize: 8, label: NACE_TITLES['20.53'] },
    { nace: '20.42', trade: { fr: 'Cosmétique alpine', it: 'Cosmetica alpina' }, naf: '20.42Z', weight: 8, typicalSize: 15, label: NACE_TITLES['20.42'] },
    { nace: '21.20', trade: { fr: 'Laboratoire', it: 'Laboratorio' }, naf: '21.20Z', weight: 3, typicalSize: 40, label: NACE_TITLES['21.20'] },
    { nace: '10.83', trade: { fr: 'Tisanes', it: 'Tisane' }, naf: '10.83Z', weight: 4, typicalSize: 7, label: NACE_TITLES['10.83'] },
    { nace: '96.04', trade: { fr: 'Bien-être', it: 'Benessere' }, naf: '96.04Z', weight: 22, typicalSize: 4, label: NACE_TITLES['96.04'] },
    { nace: '86.90', trade: { fr: 'Santé', it: 'Salute' }, naf: '86.90F', weight: 12, typicalSize: 3, label: NACE_TITLES['86.90'] },
    { nace: '47.75', trade: { fr: 'Herboristerie', it: 'Erboristeria' }, naf: '47.75Z', weight: 9, typicalSize: 4, label: NACE_TITLES['47.75'] },
  ],
  building_renovation: [
    { nace: '43.29', trade: { fr: 'Isolation', it: 'Isolamenti' }, naf: '43.29A', weight: 14, typicalSize: 6, label: NACE_TITLES['43.29'] },
    { nace: '43.32', trade: { fr: 'Menuiserie', it: 'Serramenti' }, naf: '43.32A', weight: 16, typicalSize: 5, label: NACE_TITLES['43.32'] },
    { nace: '43.22', trade: { fr: 'Chauffage', it: 'Impianti termici' }, naf: '43.22B', weight: 16, typicalSize: 6, label: NACE_TITLES['43.22'] },
    { nace: '43.21', trade: { fr: 'Électricité', it: 'Impianti elettrici' }, naf: '43.21A', weight: 10, typicalSize: 6, label: NACE_TITLES['43.21'] },
    { nace: '16.23', trade: { fr: 'Charpente', it: 'Carpenteria' }, naf: '16.23Z', weight: 10, typicalSize: 12, label: NACE_TITLES['16.23'] },
    { nace: '43.91', trade: { fr: 'Toitures', it: 'Coperture' }, naf: '43.91B', weight: 10, typicalSize: 5, label: NACE_TITLES['43.91'] },
    { nace: '71.11', trade: { fr: 'Architecture', it: 'Architettura' }, naf: '71.11Z', weight: 10, typicalSize: 3, label: NACE_TITLES['71.11'] },
    { nace: '71.12', trade: { fr: 'Ingénierie', it: 'Ingegneria' }, naf: '71.12B', weight: 8, typicalSize: 5, label: NACE_TITLES['71.12'] },
    { nace: '43.39', trade: { fr: 'Finitions', it: 'Finiture' }, naf: '43.39Z', weight: 6, typicalSize: 4, label: NACE_TITLES['43.39'] },
  ],
};

/**
 * The national code a firm of `country` carries for a NACE class. NAF (France) is kept at its
 * sub-class; ATECO (Italy) and NOGA (Switzerland) at the class level, where all three schemes
 * agree with NACE Rev. 2, rather than guessing a sub-category.
 */
export function nationalCode(activity: Activity, country: Country): string {
  return country === 'FR' ? activity.naf : activity.nace;
}
