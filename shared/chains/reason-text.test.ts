import { describe, expect, it } from 'vitest';
import { reasonText } from './reason-text.ts';
import type { Reason } from './score.ts';

const shared = (partners: number, adamicAdar: number): Reason => ({ term: 'sharedPartners', points: 0, partners, adamicAdar });
const learned = { source: 'learned' as const, sourceName: null, level: 'class' as const, from: '47.64', to: '32.30', ratio: 3.14, links: 14, expected: 4.5 };

describe('the reasons in words', () => {
  it.each([
    { name: 'no shared partner', reason: shared(0, 0), en: 'No shared partner', fr: 'Aucun partenaire en commun', it: 'Nessun partner in comune' },
    { name: 'one shared partner', reason: shared(1, 1.4427), en: 'Shares 1 partner (Adamic–Adar 1.44)', fr: '1 partenaire en commun (Adamic–Adar 1,44)', it: '1 partner in comune (Adamic–Adar 1,44)' },
    { name: 'two shared partners', reason: shared(2, 2.1), en: 'Shares 2 partners (Adamic–Adar 2.1)', fr: '2 partenaires en commun (Adamic–Adar 2,1)', it: '2 partner in comune (Adamic–Adar 2,1)' },
    {
      name: 'a related pair of classes',
      reason: { term: 'relatedness', points: 0.5168, evidence: learned, fromClass: '47.64', toClass: '32.30' } as Reason,
      en: 'Firms of 47.64 link with firms of 32.30 3.1× more than chance (14 links, class level)',
      fr: 'Les entreprises de 47.64 sont liées à celles de 32.30 3,1 fois plus que le hasard (14 liens, niveau classe)',
      it: 'Le imprese di 47.64 sono collegate a quelle di 32.30 3,1 volte più del caso (14 legami, livello classe)',
    },
    {
      name: 'a loaded matrix, named by its source',
      reason: { term: 'relatedness', points: 0.5, evidence: { ...learned, source: 'loaded', sourceName: 'IO 2020', level: 'division', from: '47', to: '32', ratio: 3, links: null, expected: null }, fromClass: '47.64', toClass: '32.30' } as Reason,
      en: 'Related according to “IO 2020”: 47 and 32, 3 (division level)',
      fr: 'Selon « IO 2020 », 47 et 32 sont apparentées : 3 (niveau division)',
      it: 'Secondo «IO 2020», 47 e 32 sono affini: 3 (livello divisione)',
    },
    {
      name: 'an unknown activity',
      reason: { term: 'relatedness', points: 0, evidence: null, fromClass: null, toClass: '32.30' } as Reason,
      en: 'Activity unknown: no relatedness', fr: 'Activité inconnue : pas de parenté d’activité', it: 'Attività sconosciuta: nessuna affinità di attività',
    },
    {
      name: 'a distance',
      reason: { term: 'distance', points: 0.4, distanceM: 26_512, halfDistanceM: 20_000 } as Reason,
      en: '26.5 km away (points halve every 20 km)', fr: 'À 26,5 km (les points diminuent de moitié tous les 20 km)', it: 'A 26,5 km (i punti si dimezzano ogni 20 km)',
    },
  ])('$name', ({ reason, en, fr, it: italian }) => {
    expect(reasonText(reason, 'en', 5)).toBe(en);
    expect(reasonText(reason, 'fr', 5).replace(/\u202f|\u00a0/g, ' ')).toBe(fr);
    expect(reasonText(reason, 'it', 5)).toBe(italian);
  });
});
