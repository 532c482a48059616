import { type SQL, sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { BuiltinTerritory } from '../territories/builtin.ts';
import type { Database } from '../database.ts';
import { envelope } from '../filters.ts';
import { type BBox } from '../../shared/bbox.ts';
import { COUNTRIES, type Country, type TerritoryBasis, type TerritoryKind, type TerritoryNames, TERRITORY_KINDS } from '../../shared/vocabulary.ts';

export type Territory = {
  id: string;
  kind: TerritoryKind;
  basis: TerritoryBasis;
  name: string;
  names: TerritoryNames;
  shortNames: TerritoryNames;
  country: Country | null;
  officialCode: string | null;
  members: string[] | null;
  labelPoint: [number, number];
  source: string;
  licence: string;
  hasGeometry: boolean;
  /** The outline, only when asked for. */
  geometry?: MultiPolygon | null;
};

/**
 * A territory an administrator loads: an outline from a boundary file, or a list of communes
 * (then `labelPoint` says where its symbol goes; an outline gets a point on its surface).
 */
export type CustomTerritoryInput = Pick<BuiltinTerritory, 'id' | 'name' | 'names' | 'members' | 'geometry' | 'labelPoint' | 'source' | 'licence'> & {
  country: Country | null;
};

type TerritoryRow = {
  id: string;
  kind: TerritoryKind;
  basis: TerritoryBasis;
  name: string;
  names: TerritoryNames | string;
  short_names: TerritoryNames | string;
  country: Country | null;
  official_code: string | null;
  members: string[] | null;
  lon: number;
  lat: number;
  source: string;
  licence: string;
  has_geometry: boolean;
  geometry?: string | null;
};

// postgres.js hands jsonb over as text when it comes from a raw query; PGlite parses it.
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function fromRow(r: TerritoryRow): Territory {
  return {
    id: r.id,
    kind: r.kind,
    basis: r.basis,
    name: r.name,
    names: parsed(r.names),
    shortNames: parsed(r.short_names),
    country: r.country,
    officialCode: r.official_code,
    members: r.members,
    labelPoint: [r.lon, r.lat],
    source: r.source,
    licence: r.licence,
    hasGeometry: r.has_geometry,
    ...(r.geometry === undefined ? {} : { geometry: r.geometry === null ? null : (JSON.parse(r.geometry) as MultiPolygon) }),
  };
}

/**
 * The order territories are listed in, and the tie-break of the statistics: kind (countries
 * first), country (FR, IT, CH, then territories across borders), id (byte order, the same on every engine).
 */
export const TERRITORY_ORDER = sql`array_position(ARRAY[${sql.join(TERRITORY_KINDS.map((k) => sql`${k}`), sql`, `)}]::territory_kind[], t.kind),
  coalesce(array_position(ARRAY[${sql.join(COUNTRIES.map((c) => sql`${c}`), sql`, `)}]::country[], t.country), ${COUNTRIES.length + 1}), t.id COLLATE "C"`;

export type TerritorySelection = { kinds?: TerritoryKind[] | undefined; ids?: string[] | undefined };

function selectionCondition(selection: TerritorySelection): SQL {
  const conditions = [sql`TRUE`];
  if (selection.kinds) conditions.push(sql`t.kind::text IN (${sql.join(selection.kinds.map((k) => sql`${k}`), sql`, `)})`);
  if (selection.ids) conditions.push(sql`t.id IN (${sql.join(selection.ids.map((id) => sql`${id}`), sql`, `)})`);
  return sql.join(conditions, sql` AND `);
}

/** Territories in their listing order; with `withGeometry`, outlines as GeoJSON (6 decimals, about 0.1 m). */
export async function listTerritories(
  db: Database,
  selection: TerritorySelection = {},
  options: { withGeometry?: boolean } = {},
): Promise<Territory[]> {
  if (selection.ids?.length === 0 || selection.kinds?.length === 0) return [];
  const geometry = options.withGeometry ? sql`, ST_AsGeoJSON(t.geometry, 6) AS geometry` : sql``;
  const rows = await db.rows<TerritoryRow>(sql`
    SELECT t.id, t.kind::text AS kind, t.basis::text AS basis, t.name, t.names, t.short_names, t.country::text AS country,
      t.official_code, t.members, ST_X(t.label_point) AS lon, ST_Y(t.label_point) AS lat, t.source, t.licence,
      t.geometry IS NOT NULL AS has_geometry ${geometry}
    FROM territories t WHERE ${selectionCondition(selection)} ORDER BY ${TERRITORY_ORDER}`);
  return rows.map(fromRow);
}

export type GeometryProblem = { index: number; message: string };

/**
 * What PostGIS finds wrong with outlines before they are stored: invalid rings (self-intersection,
 * with the spot) or an outline that does not reach the service area (often a file in another
 * coordinate system, or with latitude and longitude swapped).
 */
export async function geometryProblems(
  db: Database,
  geometries: (Polygon | MultiPolygon)[],
  serviceArea: BBox,
): Promise<GeometryProblem[]> {
  if (geometries.length === 0) return [];
  const rows = await db.rows<{ index: number; valid: boolean; reason: string; reaches: boolean }>(sql`
    SELECT ordinality::int - 1 AS index, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Intersects(g, ${envelope(serviceArea)}) AS reaches
    FROM unnest(ARRAY[${sql.join(geometries.map((g) => sql`${JSON.stringify(g)}`), sql`, `)}]::text[]) WITH ORDINALITY AS input(geojson, ordinality),
      LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326) AS g) AS shape`);
  return rows.flatMap((r) => {
    if (!r.valid) return [{ index: r.index, message: `not a valid polygon: ${r.reason}` }];
    if (!r.reaches) return [{ index: r.index, message: `lies wholly outside the service area (${serviceArea.join(', ')}): are the coordinates WGS84 longitude, latitude?` }];
    return [];
  });
}

/** The ids among these that are taken already. */
export async function existingTerritoryIds(db: Database, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.rows<{ id: string }>(sql`SELECT id FROM territories WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  return rows.map((r) => r.id);
}

/** Stores custom territories in one transaction: all or none. */
export async function insertCustomTerritories(db: Database, inputs: CustomTerritoryInput[]): Promise<void> {
  await db.drizzle.transaction(async (tx) => {
    for (const t of inputs) {
      const shape = t.geometry ? sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(t.geometry)}), 4326))` : sql`NULL::geometry`;
      const point = t.labelPoint ? sql`ST_SetSRID(ST_MakePoint(${t.labelPoint[0]}, ${t.labelPoint[1]}), 4326)` : sql`ST_PointOnSurface(g)`;
      const members = t.members ? sql`ARRAY[${sql.join(t.members.map((m) => sql`${m}`), sql`, `)}]::text[]` : sql`NULL::text[]`;
      await tx.execute(sql`
        INSERT INTO territories (id, kind, basis, name, names, short_names, country, official_code, members, geometry, label_point, source, licence)
        SELECT ${t.id}, 'custom', ${t.geometry ? 'area' : 'communes'}::territory_basis, ${t.name}, ${JSON.stringify(t.names)}::jsonb,
          ${JSON.stringify(t.names)}::jsonb, ${t.country}::country, NULL, ${members}, g, ${point}, ${t.source}, ${t.licence}
        FROM (SELECT ${shape} AS g) AS shape`);
    }
  });
}

/** The middle of the firms registered in these communes; null when there is none. */
export async function firmsCentre(db: Database, communeCodes: string[]): Promise<[number, number] | null> {
  if (communeCodes.length === 0) return null;
  const [row] = await db.rows<{ lon: number | null; lat: number | null }>(sql`
    SELECT ST_X(centre) AS lon, ST_Y(centre) AS lat
    FROM (SELECT ST_Centroid(ST_Collect(location)) AS centre FROM companies WHERE commune_code IN (${sql.join(communeCodes.map((c) => sql`${c}`), sql`, `)})) AS middle`);
  return row && row.lon !== null && row.lat !== null ? [row.lon, row.lat] : null;
}

export type DeleteOutcome = 'deleted' | 'missing' | 'builtin';

/** Deletes a custom territory; the built-in ones come from geodata and stay. */
export async function deleteCustomTerritory(db: Database, id: string): Promise<DeleteOutcome> {
  const [row] = await db.rows<{ kind: TerritoryKind }>(sql`SELECT kind::text AS kind FROM territories WHERE id = ${id}`);
  if (!row) return 'missing';
  if (row.kind !== 'custom') return 'builtin';
  await db.drizzle.execute(sql`DELETE FROM territories WHERE id = ${id} AND kind = 'custom'`);
  return 'deleted';
}
