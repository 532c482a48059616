/**
 * Official titles of the NACE Rev. 2 classes the Atlas knows by name (those of the three filières),
 * in its three languages: the sample registry describes its firms with them, and the map names the
 * activities it offers. A class not listed here is shown by its code alone.
 */
export const NACE_TITLES = {
  '01.28': { fr: 'Culture de plantes à épices, aromatiques, médicinales et pharmaceutiques', it: 'Coltivazione di spezie, piante aromatiche e farmaceutiche', en: 'Growing of spices, aromatic, drug and pharmaceutical crops' },
  '10.83': { fr: 'Transformation du thé et du café', it: 'Lavorazione del tè e del caffè', en: 'Processing of tea and coffee' },
  '14.19': { fr: "Fabrication d'autres vêtements et accessoires", it: 'Confezione di altri articoli di abbigliamento e accessori', en: 'Manufacture of other wearing apparel and accessories' },
  '16.23': { fr: "Fabrication de charpentes et d'autres menuiseries", it: "Fabbricazione di altri elementi in legno e di falegnameria per l'edilizia", en: "Manufacture of other builders' carpentry and joinery" },
  '20.42': { fr: 'Fabrication de parfums et de produits pour la toilette', it: 'Fabbricazione di prodotti per toletta: profumi, cosmetici, saponi e simili', en: 'Manufacture of perfumes and toilet preparations' },
  '20.53': { fr: "Fabrication d'huiles essentielles", it: 'Fabbricazione di oli essenziali', en: 'Manufacture of essential oils' },
  '21.20': { fr: 'Fabrication de préparations pharmaceutiques', it: 'Fabbricazione di medicinali e preparati farmaceutici', en: 'Manufacture of pharmaceutical preparations' },
  '32.30': { fr: "Fabrication d'articles de sport", it: 'Fabbricazione di articoli sportivi', en: 'Manufacture of sports goods' },
  '43.21': { fr: 'Installation électrique', it: 'Installazione di impianti elettrici', en: 'Electrical installation' },
  '43.22': { fr: "Travaux de plomberie et installation de chauffage et de conditionnement d'air", it: "Installazione di impianti idraulici, di riscaldamento e di condizionamento dell'aria", en: 'Plumbing, heat and air-conditioning installation' },
  '43.29': { fr: "Autres travaux d'installation", it: 'Altri lavori di costruzione e installazione', en: 'Other construction installation' },
  '43.32': { fr: 'Travaux de menuiserie', it: 'Posa in opera di infissi', en: 'Joinery installation' },
  '43.39': { fr: 'Autres travaux de finition', it: 'Altri lavori di completamento e di finitura degli edifici', en: 'Other building completion and finishing' },
  '43.91': { fr: 'Travaux de couverture', it: 'Realizzazione di coperture', en: 'Roofing activities' },
  '47.64': { fr: "Commerce de détail d'articles de sport en magasin spécialisé", it: 'Commercio al dettaglio di articoli sportivi in esercizi specializzati', en: 'Retail sale of sporting equipment in specialised stores' },
  '47.75': { fr: 'Commerce de détail de parfumerie et de produits de beauté en magasin spécialisé', it: 'Commercio al dettaglio di articoli di profumeria e per l’igiene personale', en: 'Retail sale of cosmetic and toilet articles in specialised stores' },
  '71.11': { fr: "Activités d'architecture", it: 'Attività degli studi di architettura', en: 'Architectural activities' },
  '71.12': { fr: "Activités d'ingénierie", it: "Attività degli studi d'ingegneria ed altri studi tecnici", en: 'Engineering activities and related technical consultancy' },
  '77.21': { fr: "Location et location-bail d'articles de loisirs et de sport", it: 'Noleggio di attrezzature sportive e ricreative', en: 'Renting and leasing of recreational and sports goods' },
  '79.90': { fr: 'Autres services de réservation et activités connexes', it: 'Altri servizi di prenotazione e attività connesse', en: 'Other reservation service and related activities' },
  '85.51': { fr: "Enseignement de disciplines sportives et d'activités de loisirs", it: 'Corsi sportivi e ricreativi', en: 'Sports and recreation education' },
  '86.90': { fr: 'Autres activités pour la santé humaine', it: 'Altri servizi di assistenza sanitaria', en: 'Other human health activities' },
  '93.19': { fr: 'Autres activités liées au sport', it: 'Altre attività sportive', en: 'Other sports activities' },
  '93.29': { fr: 'Autres activités récréatives et de loisirs', it: 'Altre attività ricreative e di divertimento', en: 'Other amusement and recreation activities' },
  '96.04': { fr: 'Entretien corporel', it: 'Servizi dei centri per il benessere fisico', en: 'Physical well-being activities' },
} as const satisfies Record<string, { fr: string; it: string; en: string }>;

/**
 * Official titles of the NACE Rev. 2 divisions of those classes (NAF rév. 2 in French, ATECO 2007
 * in Italian): the missing chains are found between divisions by default, and an adviser reads
 * "43 — Specialised construction activities" where "43" alone says nothing.
 */
export const NACE_DIVISION_TITLES = {
  '01': { fr: 'Culture et production animale, chasse et services annexes', it: 'Coltivazioni agricole e produzione di prodotti animali, caccia e servizi connessi', en: 'Crop and animal production, hunting and related service activities' },
  '10': { fr: 'Industries alimentaires', it: 'Industrie alimentari', en: 'Manufacture of food products' },
  '14': { fr: "Industrie de l'habillement", it: 'Confezione di articoli di abbigliamento; confezione di articoli in pelle e pelliccia', en: 'Manufacture of wearing apparel' },
  '16': { fr: "Travail du bois et fabrication d'articles en bois et en liège, à l'exception des meubles ; fabrication d'articles en vannerie et sparterie", it: 'Industria del legno e dei prodotti in legno e sughero (esclusi i mobili); fabbricazione di articoli in paglia e materiali da intreccio', en: 'Manufacture of wood and of products of wood and cork, except furniture; manufacture of articles of straw and plaiting materials' },
  '20': { fr: 'Industrie chimique', it: 'Fabbricazione di prodotti chimici', en: 'Manufacture of chemicals and chemical products' },
  '21': { fr: 'Industrie pharmaceutique', it: 'Fabbricazione di prodotti farmaceutici di base e di preparati farmaceutici', en: 'Manufacture of basic pharmaceutical products and pharmaceutical preparations' },
  '32': { fr: 'Autres industries manufacturières', it: 'Altre industrie manifatturiere', en: 'Other manufacturing' },
  '43': { fr: 'Travaux de construction spécialisés', it: 'Lavori di costruzione specializzati', en: 'Specialised construction activities' },
  '47': { fr: "Commerce de détail, à l'exception des automobiles et des motocycles", it: 'Commercio al dettaglio (escluso quello di autoveicoli e di motocicli)', en: 'Retail trade, except of motor vehicles and motorcycles' },
  '71': { fr: "Activités d'architecture et d'ingénierie ; activités de contrôle et analyses techniques", it: "Attività degli studi di architettura e d'ingegneria; collaudi ed analisi tecniche", en: 'Architectural and engineering activities; technical testing and analysis' },
  '77': { fr: 'Activités de location et location-bail', it: 'Attività di noleggio e leasing operativo', en: 'Rental and leasing activities' },
  '79': { fr: 'Activités des agences de voyage, voyagistes, services de réservation et activités connexes', it: 'Attività dei servizi delle agenzie di viaggio, dei tour operator e servizi di prenotazione e attività connesse', en: 'Travel agency, tour operator reservation service and related activities' },
  '85': { fr: 'Enseignement', it: 'Istruzione', en: 'Education' },
  '86': { fr: 'Activités pour la santé humaine', it: 'Assistenza sanitaria', en: 'Human health activities' },
  '93': { fr: 'Activités sportives, récréatives et de loisirs', it: 'Attività sportive, di intrattenimento e di divertimento', en: 'Sports activities and amusement and recreation activities' },
  '96': { fr: 'Autres services personnels', it: 'Altre attività di servizi per la persona', en: 'Other personal service activities' },
} as const satisfies Record<string, { fr: string; it: string; en: string }>;

type Titles = Record<string, { fr: string; it: string; en: string }>;

/** The title of a NACE class (43.32) or division (43) in `lang`, or null when the Atlas does not know it. */
export function naceTitle(code: string, lang: 'fr' | 'it' | 'en'): string | null {
  const titles: Titles = code.length === 2 ? NACE_DIVISION_TITLES : NACE_TITLES;
  return titles[code]?.[lang] ?? null;
}
