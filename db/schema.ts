import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  geometry,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ACTOR_KINDS,
  COMPANY_STATUSES,
  COUNTRIES,
  LINK_KINDS,
  ROLES,
  SECTORS,
  SIZE_BANDS,
  SIZE_BAND_HEADCOUNTS,
  TERRITORY_BASES,
  TERRITORY_KINDS,
  type TerritoryNames,
  sizeBandNumber,
} from '../shared/vocabulary.ts';
import { EVENT_KINDS, INTRODUCTION_STAGES, OUTCOMES } from '../shared/prospecting/vocabulary.ts';

/** Web Mercator world width in the integer units of `companies.mx/my`: cells down to level 31. */
export const WORLD_UNITS = 2 ** 31;

/** The size band holding the whole headcount range (`sizeBandOfRange`); 0 when unknown or straddling two. */
function sizeBandSql(min: string, max: string): string {
  const cases = SIZE_BANDS.map((band) => {
    const [low, high] = SIZE_BAND_HEADCOUNTS[band];
    return `WHEN ${min} >= ${low}${high === null ? '' : ` AND ${max} <= ${high}`} THEN ${sizeBandNumber(band)}`;
  });
  return `CASE ${cases.join(' ')} ELSE 0 END`;
}

function sectorsMaskSql(sectors: string): string {
  return SECTORS.map((s, i) => `(CASE WHEN '${s}'::sector = ANY(${sectors}) THEN ${1 << i} ELSE 0 END)`).join(' | ');
}

/** Web Mercator geometries, read only by the tile queries (drizzle's geometry type knows only WGS84 points). */
const mercatorLine = customType<{ data: string }>({ dataType: () => 'geometry(LineString, 3857)' });
const mercatorPoint = customType<{ data: string }>({ dataType: () => 'geometry(Point, 3857)' });

export const sectorEnum = pgEnum('sector', SECTORS);
export const countryEnum = pgEnum('country', COUNTRIES);
export const linkKindEnum = pgEnum('link_kind', LINK_KINDS);
export const actorKindEnum = pgEnum('actor_kind', ACTOR_KINDS);
export const companyStatusEnum = pgEnum('company_status', COMPANY_STATUSES);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const companies = pgTable(
  'companies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    sectors: sectorEnum('sectors').array().notNull(),
    primarySector: sectorEnum('primary_sector').notNull(),
    country: countryEnum('country').notNull(),
    communeCode: text('commune_code').notNull(),
    communeName: text('commune_name').notNull(),
    address: text('address'),
    location: geometry('location', { type: 'point', mode: 'xy', srid: 4326 }).notNull(),
    naceCode: text('nace_code'),
    nationalCode: text('national_code'),
    // An exact headcount; else the band a registry gives (employees_max null: an open band such as
    // 10,000+), with the year it refers to. An exact headcount is the band of one figure.
    employees: integer('employees'),
    employeesMin: integer('employees_min'),
    employeesMax: integer('employees_max'),
    employeesYear: smallint('employees_year'),
    founded: integer('founded'),
    // Either date may be unknown; a firm closed on an unknown date is `closed` with no closed_on.
    openedOn: date('opened_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    status: companyStatusEnum('status').notNull().default('active'),
    website: text('website'),
    descriptionFr: text('description_fr'),
    descriptionIt: text('description_it'),
    descriptionEn: text('description_en'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    // Private, like the contact: for members and editors only.
    note: text('note'),
    // The official identifier, `FR:` + SIRET, `IT:` + codice fiscale / partita IVA, `CH:` + UID
    // (CHE + 9 digits): what an import matches rows on, so that re-importing a file changes nothing.
    officialId: text('official_id'),
    // True when the firm is placed at its commune's centre because its row had no coordinates.
    locationApproximate: boolean('location_approximate').notNull().default(false),
    source: text('source').notNull(),
    // Where an import took the firm from: the source profile, the file's name and the date of its
    // extract (the import that last created or changed it).
    sourceProfile: text('source_profile'),
    sourceFile: text('source_file'),
    sourceExtractDate: date('source_extract_date', { mode: 'string' }),
    // Folded (lower-case, accent- and punctuation-free) text that `q=` searches; kept by the
    // database itself so that no writer can forget it. atlas_fold() is defined in db/sql/fold.sql.
    search: text('search')
      .notNull()
      .generatedAlwaysAs(
        sql`atlas_fold(name || ' ' || commune_name || ' ' || coalesce(description_fr, '') || ' ' || coalesce(description_it, '') || ' ' || coalesce(description_en, ''))`,
      ),
    // Kept by the database, for the tile queries: the Web Mercator position in integer world
    // units (2^31 across), so a firm's grid cell at any zoom is a shift, decided in integers and
    // the same on both engines; and the size band and sectors as small keys to aggregate on.
    mx: integer('mx').notNull().generatedAlwaysAs(sql`least(floor((ST_X(location) + 180) / 360 * ${sql.raw(String(WORLD_UNITS))}), ${sql.raw(String(WORLD_UNITS - 1))})::int`),
    my: integer('my')
      .notNull()
      .generatedAlwaysAs(
        sql`least(greatest(floor((1 - ln(tan(radians(least(greatest(ST_Y(location), -85.05), 85.05))) + 1 / cos(radians(least(greatest(ST_Y(location), -85.05), 85.05)))) / pi()) / 2 * ${sql.raw(String(WORLD_UNITS))}), 0), ${sql.raw(String(WORLD_UNITS - 1))})::int`,
      ),
    sizeBand: smallint('size_band').notNull().generatedAlwaysAs(sql.raw(sizeBandSql('employees_min', 'employees_max'))),
    sectorsMask: smallint('sectors_mask').notNull().generatedAlwaysAs(sql.raw(sectorsMaskSql('sectors'))),
    // The record's version, raised by a trigger on every update that changes it (db/sql/record-versions.sql):
    // the ETag of its reads and what an If-Match is compared with.
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('companies_location_idx').using('gist', t.location),
    // Nearby search orders by true (geography) distance; this index lets the planner do it by KNN.
    index('companies_geography_idx').using('gist', sql`(${t.location}::geography)`),
    index('companies_search_idx').using('gin', sql`${t.search} gin_trgm_ops`),
    index('companies_sectors_idx').using('gin', t.sectors),
    index('companies_country_idx').on(t.country),
    index('companies_commune_idx').on(t.communeCode),
    index('companies_status_idx').on(t.status),
    index('companies_opened_on_idx').on(t.openedOn),
    index('companies_closed_on_idx').on(t.closedOn),
    // Partner suggestions walk the firms of one country and one activity nearest first (btree_gist
    // puts the two equalities in the same GiST index as the distance order): each walk reads about
    // as many firms as it keeps, whatever the size of the registry.
    index('companies_country_nace_geography_idx').using('gist', t.country, t.naceCode, sql`(${t.location}::geography)`),
    uniqueIndex('companies_official_id_idx').on(t.officialId),
    check('companies_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('companies_sectors_not_empty', sql`cardinality(${t.sectors}) > 0`),
    check('companies_primary_in_sectors', sql`${t.primarySector} = ANY(${t.sectors})`),
    check('companies_employees_positive', sql`${t.employees} IS NULL OR ${t.employees} >= 0`),
    check(
      'companies_employees_range',
      sql`(${t.employeesMin} IS NULL AND ${t.employeesMax} IS NULL) OR (${t.employeesMin} >= 0 AND (${t.employeesMax} IS NULL OR ${t.employeesMax} >= ${t.employeesMin}))`,
    ),
    check(
      'companies_employees_exact',
      sql`${t.employees} IS NULL OR (${t.employeesMin} = ${t.employees} AND ${t.employeesMax} = ${t.employees})`,
    ),
    check('companies_closed_on_closed', sql`${t.closedOn} IS NULL OR ${t.status} = 'closed'`),
    check('companies_closed_after_opened', sql`${t.closedOn} IS NULL OR ${t.openedOn} IS NULL OR ${t.closedOn} >= ${t.openedOn}`),
    check(
      'companies_source_known',
      sql`${t.source} IN ('sample', 'manual') OR ${t.source} LIKE 'import:_%'`,
    ),
  ],
);

export const links = pgTable(
  'links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fromId: integer('from_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    toId: integer('to_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    kind: linkKindEnum('kind').notNull(),
    since: integer('since'),
    note: text('note'),
    // Kept by triggers (db/sql/link-ends.sql): the link's line as the tiles draw it, in Web Mercator,
    // so a tile finds the links crossing it through the index and never draws a curve itself.
    curve: mercatorLine('curve'),
    // Copied from the two firms by the same triggers, so that the low-zoom flows group the links
    // alone instead of joining every firm on every tile.
    fromCommune: text('from_commune'),
    toCommune: text('to_commune'),
    fromCountry: countryEnum('from_country'),
    toCountry: countryEnum('to_country'),
    fromPoint: mercatorPoint('from_point'),
    toPoint: mercatorPoint('to_point'),
    // Both firms active (copied by the same triggers): the default reads and flows show only those.
    endsActive: boolean('ends_active').notNull().default(true),
    // The record's version, raised by a trigger on every update that changes it (db/sql/record-versions.sql):
    // the ETag of its reads and what an If-Match is compared with.
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('links_curve_idx').using('gist', t.curve),
    index('links_from_idx').on(t.fromId),
    index('links_to_idx').on(t.toId),
    uniqueIndex('links_pair_kind_idx').on(t.fromId, t.toId, t.kind),
    check('links_not_self', sql`${t.fromId} <> ${t.toId}`),
  ],
);

export const actors = pgTable(
  'actors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    kind: actorKindEnum('kind').notNull(),
    country: countryEnum('country').notNull(),
    communeName: text('commune_name').notNull(),
    location: geometry('location', { type: 'point', mode: 'xy', srid: 4326 }).notNull(),
    website: text('website'),
    sectors: sectorEnum('sectors').array().notNull(),
    // Territory ids (see geodata/territories.json) the organisation covers.
    territories: text('territories').array().notNull(),
    ...timestamps,
  },
  (t) => [index('actors_location_idx').using('gist', t.location)],
);

/**
 * The links between each pair of communes (`commune1` < `commune2`, whichever way the links go),
 * with the sums of their ends' Web Mercator positions: the low-zoom flows of the links tiles
 * without filters on firms. Kept by triggers on links (db/sql/link-flows.sql), as company_cells is.
 */
export const linkFlows = pgTable(
  'link_flows',
  {
    commune1: text('commune1').notNull(),
    commune2: text('commune2').notNull(),
    crossBorder: boolean('cross_border').notNull(),
    n: integer('n').notNull(),
    sx1: doublePrecision('sx1').notNull(),
    sy1: doublePrecision('sy1').notNull(),
    sx2: doublePrecision('sx2').notNull(),
    sy2: doublePrecision('sy2').notNull(),
    // The flow's line from its ends' mean positions, indexed so a tile finds the flows crossing it.
    line: mercatorLine('line').generatedAlwaysAs(
      sql`CASE WHEN n > 0 THEN ST_SetSRID(ST_MakeLine(ST_MakePoint(sx1 / n, sy1 / n), ST_MakePoint(sx2 / n, sy2 / n)), 3857) END`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.commune1, t.commune2, t.crossBorder] }),
    index('link_flows_empty_idx').on(t.n).where(sql`${t.n} = 0`),
    index('link_flows_line_idx').using('gist', t.line),
  ],
);

/**
 * One row whose `version` goes up with every statement that changes companies, links or actors
 * (triggers in db/sql/data-version.sql): HTTP caches key on it, so no client sees data older than an edit.
 */
export const dataVersion = pgTable(
  'data_version',
  {
    id: boolean('id').primaryKey().default(true),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
  },
  (t) => [check('data_version_single_row', sql`${t.id}`)],
);

/**
 * The version of each tile region as the tile caches key on it: per layer (`companies`, drawn by
 * the companies and density layers; `links`), per tile of zooms 0 to 8 (a tile deeper than 8 takes
 * its zoom-8 ancestor's), and one row `*` 0/0/0 that every tile follows (actors, territories,
 * truncations). Raised by triggers on companies and links (db/sql/tile-versions.sql) only for the
 * tiles a change draws differently, so a website edit recomputes no tile.
 */
export const tileVersions = pgTable(
  'tile_versions',
  {
    layer: text('layer').notNull(),
    z: smallint('z').notNull(),
    x: integer('x').notNull(),
    y: integer('y').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.layer, t.z, t.x, t.y] })],
);

/**
 * Firms counted per grid cell at the zoom levels where tiles cluster them (levels 3 to 16: a tile
 * at zoom z has its 8 × 8 cluster cells at level z + 3 and its 16 × 16 density cells at z + 4),
 * split by the keys the tile filters use. Kept by triggers on companies (db/sql/company-cells.sql), so a
 * low-zoom tile adds up a few hundred rows instead of scanning every firm.
 */
/** A grid cell at a level and a filter key: what company_cells and company_cell_years are keyed on. */
const cellKey = () => ({
  level: smallint('level').notNull(),
  gx: integer('gx').notNull(),
  gy: integer('gy').notNull(),
  primarySector: sectorEnum('primary_sector').notNull(),
  sectorsMask: smallint('sectors_mask').notNull(),
  country: countryEnum('country').notNull(),
  sizeBand: smallint('size_band').notNull(),
});

/** A count of firms and the sums of their mx and my, for the cell's centroid. */
const cellSums = () => ({
  n: integer('n').notNull(),
  sx: bigint('sx', { mode: 'number' }).notNull(),
  sy: bigint('sy', { mode: 'number' }).notNull(),
});

export const companyCells = pgTable(
  'company_cells',
  { ...cellKey(), status: companyStatusEnum('status').notNull(), ...cellSums() },
  (t) => [
    primaryKey({ columns: [t.level, t.gy, t.gx, t.primarySector, t.sectorsMask, t.country, t.sizeBand, t.status] }),
    index('company_cells_empty_idx').on(t.level).where(sql`${t.n} = 0`),
  ],
);

/**
 * The firms of company_cells' cells and keys (status aside) by year: `n` = openings − closings of
 * that year (year 0: openings of unknown date), with the same signed sums of positions. The firms
 * open on 31 December of a year are the sums over the years up to it, so a tile as of a year's end
 * adds up precomputed rows too. A firm closed on an unknown date has no row: no date can say
 * whether it was open. Kept by the same triggers (db/sql/company-cells.sql).
 */
export const companyCellYears = pgTable(
  'company_cell_years',
  { ...cellKey(), year: smallint('year').notNull(), ...cellSums() },
  (t) => [
    primaryKey({ columns: [t.level, t.gy, t.gx, t.primarySector, t.sectorsMask, t.country, t.sizeBand, t.year] }),
    index('company_cell_years_empty_idx').on(t.level).where(sql`${t.n} = 0`),
  ],
);

export const territoryKindEnum = pgEnum('territory_kind', TERRITORY_KINDS);
export const territoryBasisEnum = pgEnum('territory_basis', TERRITORY_BASES);

/** Boundaries of territories loaded from geodata or a boundary file (drizzle's geometry type knows only points). */
const multiPolygon = customType<{ data: string }>({ dataType: () => 'geometry(MultiPolygon, 4326)' });

/**
 * The places statistics are grouped by: the countries, the regions and the programme's partner
 * territories (built in from geodata/ by db/sql/builtin-territories.sql), and territories an administrator loads
 * from a boundary file (`custom`).
 */
export const territories = pgTable(
  'territories',
  {
    id: text('id').primaryKey(),
    kind: territoryKindEnum('kind').notNull(),
    basis: territoryBasisEnum('basis').notNull(),
    name: text('name').notNull(),
    names: jsonb('names').$type<TerritoryNames>().notNull(),
    // Labels short enough for a chart axis or a matrix header.
    shortNames: jsonb('short_names').$type<TerritoryNames>().notNull(),
    country: countryEnum('country'),
    officialCode: text('official_code'),
    members: text('members').array(),
    geometry: multiPolygon('geometry'),
    // Where the map puts a territory's symbol: a territory defined by its communes has no outline.
    labelPoint: geometry('label_point', { type: 'point', mode: 'xy', srid: 4326 }).notNull(),
    source: text('source').notNull(),
    licence: text('licence').notNull(),
    ...timestamps,
  },
  (t) => [
    index('territories_geometry_idx').using('gist', t.geometry),
    check('territories_id_format', sql`${t.id} ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,63}$'`),
    check(
      'territories_basis_defined',
      sql`CASE ${t.basis} WHEN 'country' THEN ${t.country} IS NOT NULL WHEN 'communes' THEN cardinality(${t.members}) > 0 ELSE ${t.geometry} IS NOT NULL END`,
    ),
  ],
);

/**
 * Which territories hold each firm, kept by triggers on companies and territories
 * (db/sql/territory-memberships.sql), so that statistics group by territory with a join instead of
 * testing every firm against every outline on each request. Derived rows: the triggers also remove
 * them, so no foreign key checks each of the many rows a bulk insert derives.
 */
export const companyTerritories = pgTable(
  'company_territories',
  {
    territoryId: text('territory_id').notNull(),
    companyId: integer('company_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.territoryId, t.companyId] }), index('company_territories_company_idx').on(t.companyId)],
);

/**
 * The firms each territory holds (and, under territory '', the whole registry), per filter key and
 * pair of opening and closing years: `opened` 0 when the register gives no date, `closed` 0 for a
 * firm still active and -1 for one closed on a date the register does not give. Trends and
 * shift-share add up these rows (a few thousand per territory) instead of grouping every firm.
 * Kept by triggers on companies and company_territories (db/sql/territory-lifetimes.sql).
 */
export const territoryLifetimes = pgTable(
  'territory_lifetimes',
  {
    territoryId: text('territory_id').notNull(),
    primarySector: sectorEnum('primary_sector').notNull(),
    sectorsMask: smallint('sectors_mask').notNull(),
    country: countryEnum('country').notNull(),
    sizeBand: smallint('size_band').notNull(),
    opened: smallint('opened').notNull(),
    closed: smallint('closed').notNull(),
    sample: boolean('sample').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.territoryId, t.primarySector, t.sectorsMask, t.country, t.sizeBand, t.opened, t.closed, t.sample] })],
);

/**
 * For each pair of territories (`a` < `b`) that hold a firm in common, how many: a set of
 * territories with no pair here holds each of its firms once, so territory_lifetimes can answer
 * for it. Kept by the same triggers.
 */
export const territoryOverlaps = pgTable(
  'territory_overlaps',
  { a: text('a').notNull(), b: text('b').notNull(), firms: integer('firms').notNull() },
  (t) => [primaryKey({ columns: [t.a, t.b] })],
);

export const roleEnum = pgEnum('role', ROLES);

/**
 * API tokens. Only the SHA-256 of a token is kept: the token itself is shown once, when it is
 * created, and a leaked table gives no usable token. A revoked token stays listed (who had it).
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    label: text('label').notNull(),
    role: roleEnum('role').notNull(),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.hash), check('api_tokens_label_not_blank', sql`length(trim(${t.label})) > 0`)],
);

/**
 * People who sign in: the programme's advisers (editors, often scoped to their country) and the
 * think-tank's members. Only a memory-hard hash of a password is kept (server/auth/passwords.ts).
 * `countries` null: not scoped. A disabled account keeps its row: the history names it.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    // Stored lower-cased, so that one address is one account however it is typed.
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    countries: countryEnum('countries').array(),
    passwordHash: text('password_hash'),
    // Sessions opened before it end: a changed password signs out every other browser.
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('accounts_email_idx').on(t.email),
    check('accounts_email_lower', sql`${t.email} = lower(${t.email})`),
    check('accounts_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * One-time links on which a person chooses a password: an invitation to a new account, or a reset.
 * Only the SHA-256 of the link's secret is kept; using a link stamps `used_at`, so it works once.
 */
export const accountLinks = pgTable(
  'account_links',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'invitation' | 'reset'>().notNull(),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('account_links_hash_idx').on(t.hash), index('account_links_account_idx').on(t.accountId)],
);

/**
 * Signed-in browsers. The cookie holds a random secret; the row is keyed by its SHA-256, so a
 * leaked table (or a backup) opens no session. A sign-out deletes the row.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    via: text('via').$type<'password' | 'oidc'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/**
 * Wrong passwords per sign-in key (an email, known or not, so that both answer alike): the
 * failures in the current window, and the lock they led to, longer at each lock.
 */
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  locks: integer('locks').notNull().default(0),
});

/**
 * Every write to a company: who (the account, the token, or `ATLAS_ADMIN_TOKEN`), when, and each
 * changed field before and after. No foreign key: the history of a deleted company (or account) stays.
 */
export const companyHistory = pgTable(
  'company_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer('company_id').notNull(),
    tokenId: integer('token_id'),
    accountId: integer('account_id'),
    // The author's name as it was: the token's label or the account's name.
    tokenLabel: text('token_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    changes: jsonb('changes').notNull(),
  },
  (t) => [index('company_history_company_idx').on(t.companyId, t.id)],
);

/**
 * Column mappings saved under a name (e.g. "SIRENE extract"), so that the next file from the same
 * tool is read the same way from the upload page or the command line. Who saved it last is kept as
 * the history keeps a writer: the token's id (null for ATLAS_ADMIN_TOKEN or the command line) and label.
 */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    // Column name → import field, or null for a column left aside.
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull(),
    savedByTokenId: integer('saved_by_token_id').references(() => apiTokens.id, { onDelete: 'set null' }),
    savedByLabel: text('saved_by_label').notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('import_mappings_name_idx').on(t.name),
    check('import_mappings_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * The relatedness matrix an administrator loaded from a file (`PUT /api/relatedness/matrix`), if
 * any: one row naming its source, shown wherever its values are; the values in relatedness_values.
 */
export const relatednessMatrix = pgTable(
  'relatedness_matrix',
  {
    id: boolean('id').primaryKey().default(true),
    source: text('source').notNull(),
    url: text('url'),
    licence: text('licence'),
    loadedBy: text('loaded_by').notNull(),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('relatedness_matrix_single_row', sql`${t.id}`), check('relatedness_matrix_source_not_blank', sql`length(trim(${t.source})) > 0`)],
);

/** The loaded matrix's values: a ratio on the scale of the learned one (1 = chance) per pair of NACE codes of one level, `a` ≤ `b`. */
export const relatednessValues = pgTable(
  'relatedness_values',
  {
    a: text('a').notNull(),
    b: text('b').notNull(),
    ratio: doublePrecision('ratio').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.a, t.b] }),
    check('relatedness_values_ordered', sql`${t.a} <= ${t.b}`),
    check('relatedness_values_ratio', sql`${t.ratio} >= 0`),
  ],
);

export const introductionStageEnum = pgEnum('introduction_stage', INTRODUCTION_STAGES);
export const introductionOutcomeEnum = pgEnum('introduction_outcome', OUTCOMES);
export const introductionEventKindEnum = pgEnum('introduction_event_kind', EVENT_KINDS);

/**
 * An adviser's introduction of a firm to another firm or to a support organisation (issue 27).
 * Exactly one of `to_company_id` and `to_actor_id` is set: two foreign keys rather than a kind and
 * an id, so the database itself refuses an introduction to nothing. `last_activity_at` moves with
 * every timeline entry: the dormant proposal reads it alone.
 */
export const introductions = pgTable(
  'introductions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fromId: integer('from_id').notNull().references(() => companies.id, { onDelete: 'cascade' }),
    toCompanyId: integer('to_company_id').references(() => companies.id, { onDelete: 'cascade' }),
    toActorId: integer('to_actor_id').references(() => actors.id, { onDelete: 'cascade' }),
    stage: introductionStageEnum('stage').notNull().default('proposed'),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }).notNull().defaultNow(),
    // First reached: the follow-up is asked from then, and again some months later.
    metAt: timestamp('met_at', { withTimezone: true }),
    cooperatingAt: timestamp('cooperating_at', { withTimezone: true }),
    ownerId: integer('owner_id').references(() => accounts.id, { onDelete: 'set null' }),
    nextStep: text('next_step'),
    dueOn: date('due_on', { mode: 'string' }),
    outcome: introductionOutcomeEnum('outcome'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    // The partner suggestion as it was when the introduction was made from it: score and reasons.
    suggestion: jsonb('suggestion'),
    linkId: integer('link_id').references(() => links.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('introductions_owner_idx').on(t.ownerId),
    index('introductions_from_idx').on(t.fromId),
    index('introductions_to_company_idx').on(t.toCompanyId),
    check('introductions_one_target', sql`(${t.toCompanyId} IS NULL) <> (${t.toActorId} IS NULL)`),
    check('introductions_not_self', sql`${t.toCompanyId} IS NULL OR ${t.toCompanyId} <> ${t.fromId}`),
  ],
);

/** The timeline of an introduction: each change, with who made it and when (`data` by kind). */
export const introductionEvents = pgTable(
  'introduction_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    introductionId: integer('introduction_id').notNull().references(() => introductions.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    kind: introductionEventKindEnum('kind').notNull(),
    accountId: integer('account_id'),
    label: text('label').notNull(),
    data: jsonb('data').notNull(),
  },
  (t) => [index('introduction_events_introduction_idx').on(t.introductionId, t.id)],
);

/**
 * Private calendar subscriptions: the URL carries a random token, only its SHA-256 is kept. One
 * per account; a new one replaces it, a deletion revokes it.
 */
export const calendarTokens = pgTable('calendar_tokens', {
  accountId: integer('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  hash: text('hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
