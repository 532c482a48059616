import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  geometry,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const SECTORS = ['outdoor', 'phyto_wellbeing', 'building_renovation'] as const;
export const COUNTRIES = ['FR', 'IT', 'CH'] as const;
export const LINK_KINDS = ['supplier', 'customer', 'partner', 'rnd', 'joint_project'] as const;
export const ACTOR_KINDS = ['accelerator', 'chamber', 'cluster', 'public_body'] as const;

export type Sector = (typeof SECTORS)[number];
export type Country = (typeof COUNTRIES)[number];
export type LinkKind = (typeof LINK_KINDS)[number];
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const sectorEnum = pgEnum('sector', SECTORS);
export const countryEnum = pgEnum('country', COUNTRIES);
export const linkKindEnum = pgEnum('link_kind', LINK_KINDS);
export const actorKindEnum = pgEnum('actor_kind', ACTOR_KINDS);

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
    employees: integer('employees'),
    founded: integer('founded'),
    website: text('website'),
    descriptionFr: text('description_fr'),
    descriptionIt: text('description_it'),
    descriptionEn: text('description_en'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    source: text('source').notNull(),
    // Folded (lower-case, accent- and punctuation-free) text that `q=` searches; kept by the
    // database itself so that no writer can forget it. atlas_fold() is created in migration 0000.
    search: text('search')
      .notNull()
      .generatedAlwaysAs(
        sql`atlas_fold(name || ' ' || commune_name || ' ' || coalesce(description_fr, '') || ' ' || coalesce(description_it, '') || ' ' || coalesce(description_en, ''))`,
      ),
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
    check('companies_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('companies_sectors_not_empty', sql`cardinality(${t.sectors}) > 0`),
    check('companies_primary_in_sectors', sql`${t.primarySector} = ANY(${t.sectors})`),
    check('companies_employees_positive', sql`${t.employees} IS NULL OR ${t.employees} >= 0`),
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
    ...timestamps,
  },
  (t) => [
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
 * One row whose `version` goes up with every statement that changes companies, links or actors
 * (triggers in migration 0003): HTTP caches key on it, so no client sees data older than an edit.
 */
export const dataVersion = pgTable(
  'data_version',
  {
    id: boolean('id').primaryKey().default(true),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
  },
  (t) => [check('data_version_single_row', sql`${t.id}`)],
);
