import type { Country, Sector } from '../../shared/vocabulary.ts';

/**
 * NACE Rev. 2 classes typical of each filière, with their official titles and the French NAF
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
    { nace: '32.30', trade: { fr: 'Équipement alpin', it: 'Attrezzatura alpina' }, naf: '32.30Z', weight: 14, typicalSize: 18, label: { fr: "Fabrication d'articles de sport", it: 'Fabbricazione di articoli sportivi', en: 'Manufacture of sports goods' } },
    { nace: '14.19', trade: { fr: 'Textiles montagne', it: 'Abbigliamento montagna' }, naf: '14.19Z', weight: 6, typicalSize: 12, label: { fr: "Fabrication d'autres vêtements et accessoires", it: 'Confezione di altri articoli di abbigliamento e accessori', en: 'Manufacture of other wearing apparel and accessories' } },
    { nace: '47.64', trade: { fr: 'Sports', it: 'Sport' }, naf: '47.64Z', weight: 22, typicalSize: 5, label: { fr: "Commerce de détail d'articles de sport en magasin spécialisé", it: 'Commercio al dettaglio di articoli sportivi in esercizi specializzati', en: 'Retail sale of sporting equipment in specialised stores' } },
    { nace: '77.21', trade: { fr: 'Location ski', it: 'Noleggio sci' }, naf: '77.21Z', weight: 12, typicalSize: 4, label: { fr: "Location et location-bail d'articles de loisirs et de sport", it: 'Noleggio di attrezzature sportive e ricreative', en: 'Renting and leasing of recreational and sports goods' } },
    { nace: '85.51', trade: { fr: 'École de glisse', it: 'Scuola di sci' }, naf: '85.51Z', weight: 18, typicalSize: 6, label: { fr: "Enseignement de disciplines sportives et d'activités de loisirs", it: 'Corsi sportivi e ricreativi', en: 'Sports and recreation education' } },
    { nace: '93.19', trade: { fr: 'Guides', it: 'Guide alpine' }, naf: '93.19Z', weight: 16, typicalSize: 3, label: { fr: 'Autres activités liées au sport', it: 'Altre attività sportive', en: 'Other sports activities' } },
    { nace: '93.29', trade: { fr: 'Loisirs', it: 'Tempo libero' }, naf: '93.29Z', weight: 6, typicalSize: 4, label: { fr: 'Autres activités récréatives et de loisirs', it: 'Altre attività ricreative e di divertimento', en: 'Other amusement and recreation activities' } },
    { nace: '79.90', trade: { fr: 'Séjours montagne', it: 'Viaggi montagna' }, naf: '79.90Z', weight: 6, typicalSize: 4, label: { fr: 'Autres services de réservation et activités connexes', it: 'Altri servizi di prenotazione e attività connesse', en: 'Other reservation service and related activities' } },
  ],
  phyto_wellbeing: [
    { nace: '01.28', trade: { fr: 'Plantes alpines', it: 'Erbe alpine' }, naf: '01.28Z', weight: 14, typicalSize: 3, label: { fr: 'Culture de plantes à épices, aromatiques, médicinales et pharmaceutiques', it: 'Coltivazione di spezie, piante aromatiche e farmaceutiche', en: 'Growing of spices, aromatic, drug and pharmaceutical crops' } },
    { nace: '20.53', trade: { fr: 'Essences', it: 'Essenze' }, naf: '20.53Z', weight: 8, typicalSize: 8, label: { fr: "Fabrication d'huiles essentielles", it: 'Fabbricazione di oli essenziali', en: 'Manufacture of essential oils' } },
    { nace: '20.42', trade: { fr: 'Cosmétique alpine', it: 'Cosmetica alpina' }, naf: '20.42Z', weight: 8, typicalSize: 15, label: { fr: 'Fabrication de parfums et de produits pour la toilette', it: 'Fabbricazione di prodotti per toletta: profumi, cosmetici, saponi e simili', en: 'Manufacture of perfumes and toilet preparations' } },
    { nace: '21.20', trade: { fr: 'Laboratoire', it: 'Laboratorio' }, naf: '21.20Z', weight: 3, typicalSize: 40, label: { fr: 'Fabrication de préparations pharmaceutiques', it: 'Fabbricazione di medicinali e preparati farmaceutici', en: 'Manufacture of pharmaceutical preparations' } },
    { nace: '10.83', trade: { fr: 'Tisanes', it: 'Tisane' }, naf: '10.83Z', weight: 4, typicalSize: 7, label: { fr: 'Transformation du thé et du café', it: 'Lavorazione del tè e del caffè', en: 'Processing of tea and coffee' } },
    { nace: '96.04', trade: { fr: 'Bien-être', it: 'Benessere' }, naf: '96.04Z', weight: 22, typicalSize: 4, label: { fr: 'Entretien corporel', it: 'Servizi dei centri per il benessere fisico', en: 'Physical well-being activities' } },
    { nace: '86.90', trade: { fr: 'Santé', it: 'Salute' }, naf: '86.90F', weight: 12, typicalSize: 3, label: { fr: 'Autres activités pour la santé humaine', it: 'Altri servizi di assistenza sanitaria', en: 'Other human health activities' } },
    { nace: '47.75', trade: { fr: 'Herboristerie', it: 'Erboristeria' }, naf: '47.75Z', weight: 9, typicalSize: 4, label: { fr: 'Commerce de détail de parfumerie et de produits de beauté en magasin spécialisé', it: 'Commercio al dettaglio di articoli di profumeria e per l’igiene personale', en: 'Retail sale of cosmetic and toilet articles in specialised stores' } },
  ],
  building_renovation: [
    { nace: '43.29', trade: { fr: 'Isolation', it: 'Isolamenti' }, naf: '43.29A', weight: 14, typicalSize: 6, label: { fr: "Autres travaux d'installation", it: 'Altri lavori di costruzione e installazione', en: 'Other construction installation' } },
    { nace: '43.32', trade: { fr: 'Menuiserie', it: 'Serramenti' }, naf: '43.32A', weight: 16, typicalSize: 5, label: { fr: 'Travaux de menuiserie', it: 'Posa in opera di infissi', en: 'Joinery installation' } },
    { nace: '43.22', trade: { fr: 'Chauffage', it: 'Impianti termici' }, naf: '43.22B', weight: 16, typicalSize: 6, label: { fr: "Travaux de plomberie et installation de chauffage et de conditionnement d'air", it: "Installazione di impianti idraulici, di riscaldamento e di condizionamento dell'aria", en: 'Plumbing, heat and air-conditioning installation' } },
    { nace: '43.21', trade: { fr: 'Électricité', it: 'Impianti elettrici' }, naf: '43.21A', weight: 10, typicalSize: 6, label: { fr: 'Installation électrique', it: 'Installazione di impianti elettrici', en: 'Electrical installation' } },
    { nace: '16.23', trade: { fr: 'Charpente', it: 'Carpenteria' }, naf: '16.23Z', weight: 10, typicalSize: 12, label: { fr: "Fabrication de charpentes et d'autres menuiseries", it: "Fabbricazione di altri elementi in legno e di falegnameria per l'edilizia", en: "Manufacture of other builders' carpentry and joinery" } },
    { nace: '43.91', trade: { fr: 'Toitures', it: 'Coperture' }, naf: '43.91B', weight: 10, typicalSize: 5, label: { fr: 'Travaux de couverture', it: 'Realizzazione di coperture', en: 'Roofing activities' } },
    { nace: '71.11', trade: { fr: 'Architecture', it: 'Architettura' }, naf: '71.11Z', weight: 10, typicalSize: 3, label: { fr: "Activités d'architecture", it: 'Attività degli studi di architettura', en: 'Architectural activities' } },
    { nace: '71.12', trade: { fr: 'Ingénierie', it: 'Ingegneria' }, naf: '71.12B', weight: 8, typicalSize: 5, label: { fr: "Activités d'ingénierie", it: "Attività degli studi d'ingegneria ed altri studi tecnici", en: 'Engineering activities and related technical consultancy' } },
    { nace: '43.39', trade: { fr: 'Finitions', it: 'Finiture' }, naf: '43.39Z', weight: 6, typicalSize: 4, label: { fr: 'Autres travaux de finition', it: 'Altri lavori di completamento e di finitura degli edifici', en: 'Other building completion and finishing' } },
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
