/**
 * The fields an import fills, and the column names (French, Italian, German, English, and the
 * Atlas's own export) that suggest each. Names are compared folded: lower case, no accents,
 * words joined by `_` (`Code INSEE` = `code_insee`, `officialId` = `official_id`).
 */
export const IMPORT_FIELDS = {
  officialId: ['official_id', 'siret', 'numero_siret', 'identifiant', 'id_officiel', 'codice_fiscale', 'partita_iva', 'p_iva', 'piva', 'rea', 'numero_rea', 'uid', 'ide', 'uid_nummer', 'unternehmens_id', 'identifier'],
  name: ['name', 'nom', 'raison_sociale', 'denomination', 'enseigne', 'denominazione', 'ragione_sociale', 'firma', 'firmenname', 'company', 'company_name'],
  sectors: ['sectors', 'sector', 'secteurs', 'secteur', 'filiere', 'settori', 'settore', 'filiera', 'branchen', 'branche'],
  primarySector: ['primary_sector', 'secteur_principal', 'settore_principale', 'hauptbranche'],
  country: ['country', 'pays', 'paese', 'nazione', 'land'],
  communeCode: ['commune_code', 'code_commune', 'code_insee', 'insee', 'codgeo', 'depcom', 'codice_istat', 'istat', 'codice_comune', 'bfs', 'bfs_nr', 'bfs_nummer', 'gemeindenummer', 'gemeinde_nr', 'ofs'],
  communeName: ['commune_name', 'commune', 'ville', 'libelle_commune', 'comune', 'localita', 'gemeinde', 'ort', 'municipality', 'city'],
  postcode: ['postcode', 'code_postal', 'cp', 'cap', 'plz', 'postleitzahl', 'zip'],
  address: ['address', 'adresse', 'indirizzo', 'via', 'strasse', 'street'],
  x: ['longitude', 'lon', 'lng', 'x', 'coord_x', 'coordonnee_x', 'x_lambert93', 'x_l93', 'est', 'east', 'easting', 'e', 'ost', 'rechtswert', 'coordinata_x'],
  y: ['latitude', 'lat', 'y', 'coord_y', 'coordonnee_y', 'y_lambert93', 'y_l93', 'nord', 'north', 'northing', 'n', 'hochwert', 'coordinata_y'],
  locationApproximate: ['location_approximate'],
  nace: ['nace', 'code_nace', 'nace_rev2', 'activity_nace'],
  nationalCode: ['national_code', 'activity_national_code', 'naf', 'ape', 'code_naf', 'code_ape', 'activite_principale', 'ateco', 'codice_ateco', 'noga', 'noga_code', 'activity_code', 'code_activite'],
  employees: ['employees', 'effectif', 'effectifs', 'salaries', 'dipendenti', 'addetti', 'mitarbeiter', 'beschaeftigte', 'headcount'],
  employeesMin: ['employees_min'],
  employeesMax: ['employees_max'],
  employeesYear: ['employees_year', 'annee_effectif', 'annee_effectifs', 'anno_addetti'],
  founded: ['founded', 'date_creation', 'date_de_creation', 'annee_creation', 'creation', 'anno_fondazione', 'fondazione', 'data_costituzione', 'gruendungsjahr', 'gruendung', 'year_founded'],
  openedOn: ['opened_on', 'date_ouverture', 'data_apertura', 'data_inizio_attivita'],
  closedOn: ['closed_on', 'date_fermeture', 'date_cessation', 'data_cessazione', 'data_chiusura', 'loeschdatum'],
  status: ['status', 'statut', 'stato', 'etat'],
  website: ['website', 'site_web', 'site_internet', 'sito_web', 'sito', 'webseite', 'url', 'web'],
  descriptionFr: ['description_fr', 'description', 'descriptif'],
  descriptionIt: ['description_it', 'descrizione'],
  descriptionEn: ['description_en'],
  contactEmail: ['contact_email', 'email', 'e_mail', 'courriel', 'mail'],
  contactPhone: ['contact_phone', 'phone', 'telephone', 'tel', 'telefono', 'telefon'],
  note: ['note', 'notes', 'remarque', 'commentaire', 'nota', 'note_interne', 'bemerkung'],
  source: ['source'],
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;

/** Column name → field; null for a column the import leaves aside. */
export type Mapping = Record<string, ImportField | null>;

export function foldName(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

const BY_NAME = new Map<string, ImportField>(
  Object.entries(IMPORT_FIELDS).flatMap(([field, names]) => names.map((name) => [name, field as ImportField] as const)),
);

/** The mapping suggested from the header: each field at most once, the first column that names it winning. */
export function suggestMapping(columns: string[]): Mapping {
  const taken = new Set<ImportField>();
  return Object.fromEntries(
    columns.map((column) => {
      const field = BY_NAME.get(foldName(column));
      if (!field || taken.has(field)) return [column, null];
      taken.add(field);
      return [column, field];
    }),
  );
}

/**
 * The mapping an import uses: the suggestion from the header, overridden column by column by a
 * saved or hand-made mapping. A field the overrides give to a column is taken from the column the
 * suggestion gave it to, so that no field is read from two columns.
 */
export function resolveMapping(columns: string[], overrides: Mapping = {}): Mapping {
  const claimed = new Set(Object.values(overrides).filter((field) => field !== null));
  const suggested = suggestMapping(columns);
  return Object.fromEntries(
    columns.map((column) => {
      if (column in overrides) return [column, overrides[column] ?? null];
      const field = suggested[column] ?? null;
      return [column, field && claimed.has(field) ? null : field];
    }),
  );
}

/** A saved mapping describes a tool's export: the columns a given file lacks are passed over. */
export function mappingForColumns(mapping: Record<string, string | null>, columns: string[]): Mapping {
  return Object.fromEntries(Object.entries(mapping).filter(([column]) => columns.includes(column))) as Mapping;
}
