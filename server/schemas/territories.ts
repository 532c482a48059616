import { z } from '@hono/zod-openapi';
import type { Territory } from '../../db/queries/territories.ts';
import { COUNTRIES, TERRITORY_BASES, TERRITORY_KINDS } from '../../shared/vocabulary.ts';

/** Territories in and out of the API: the list, the outlines as GeoJSON, and boundary-file imports. */

const names = z.object({ fr: z.string(), it: z.string(), en: z.string() });

export const TerritorySchema = z
  .object({
    id: z.string().openapi({ example: 'fr-cc-chamonix' }),
    kind: z.enum(TERRITORY_KINDS).openapi({ description: '`country`, `region`, `partner` (the programme’s partner territories) or `custom` (loaded by an administrator)' }),
    basis: z.enum(TERRITORY_BASES).openapi({
      description: 'How firms are placed in it: `country` by their registered country, `communes` by their commune’s official code among `members`, `area` by their location inside the outline',
    }),
    name: z.string().openapi({ description: 'Official name, as the source writes it' }),
    names,
    shortNames: names.openapi({ description: 'Short labels for charts and tables' }),
    country: z.enum(COUNTRIES).nullable(),
    officialCode: z.string().nullable().openapi({ description: 'EPCI SIREN (FR), ISTAT region code (IT), BFS district number (CH), ISO 3166 code (countries, regions)' }),
    members: z.array(z.string()).nullable().openapi({ description: 'Official codes of the member communes (INSEE, ISTAT, BFS) when `basis` is `communes`' }),
    labelPoint: z.tuple([z.number(), z.number()]).openapi({ description: 'Where maps put the territory’s symbol: inside the outline, or the middle of the member communes' }),
    hasGeometry: z.boolean().openapi({ description: 'Whether `?format=geojson` has an outline for it' }),
    source: z.string(),
    licence: z.string(),
  })
  .openapi('Territory');

export type TerritoryValue = z.infer<typeof TerritorySchema>;

export function territoryValue(t: Territory): TerritoryValue {
  const { geometry: _geometry, ...rest } = t;
  return rest;
}

export const TerritoryList = z.object({ territories: z.array(TerritorySchema) }).openapi('TerritoryList');

export const TerritoryOutlines = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))) }),
        properties: TerritorySchema.omit({ members: true, hasGeometry: true }),
      }),
    ),
  })
  .openapi('TerritoryOutlines');

// --- import ----------------------------------------------------------------------------------

/** At most this many territories in one import. */
export const MAX_IMPORT_FEATURES = 500;

const longitude = z.number({ message: 'longitude must be a number' }).min(-180, 'longitude must be from -180 to 180').max(180, 'longitude must be from -180 to 180');
const latitude = z.number({ message: 'latitude must be a number' }).min(-90, 'latitude must be from -90 to 90').max(90, 'latitude must be from -90 to 90');
// RFC 7946 allows an elevation as a third number; it is dropped.
const position = z
  .tuple([longitude, latitude], { message: 'expected a position [longitude, latitude]' })
  .rest(z.number())
  .transform(([lon, lat]): [number, number] => [lon, lat]);
const ring = z
  .array(position, { message: 'expected a linear ring (an array of positions)' })
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], 'a ring must be closed: its last position must equal its first');
const polygonCoordinates = z.array(ring, { message: 'expected an array of rings' }).min(1, 'a polygon needs an outer ring');

const boundary = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinates, { message: 'expected an array of polygons' }).min(1, 'a MultiPolygon needs a polygon') }),
  ],
  { error: 'expected a Polygon or MultiPolygon: a territory is an area (or null with `properties.members`)' },
);

const importProperties = z
  .looseObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'letters, digits and hyphens, at most 64, not starting with a hyphen')
      .optional(),
    name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').optional(),
    names: z.object({ fr: z.string().trim().min(1).max(200), it: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).partial().strict().optional(),
    country: z.enum(COUNTRIES, { message: `expected one of ${COUNTRIES.join(', ')}` }).optional(),
    members: z
      .array(z.string().trim().regex(/^[0-9AB]{1,6}$/, 'expected an official commune code (INSEE, ISTAT or BFS)'))
      .min(1, 'at least one commune')
      .max(5000, 'at most 5,000 communes')
      .optional(),
    source: z.string().trim().max(500, 'at most 500 characters').optional(),
    licence: z.string().trim().max(200, 'at most 200 characters').optional(),
  })
  .openapi({
    description:
      'Other properties of the boundary file are kept out. `name` (or the property named by `?nameProperty=`) is required; `id` (or `?idProperty=`) defaults to one made from the name.',
  });

const importFeature = z
  .object({
    type: z.literal('Feature', { message: "expected 'Feature'" }),
    id: z.union([z.string(), z.number()]).optional(),
    geometry: boundary.nullable(),
    properties: importProperties,
  })
  .superRefine((feature, ctx) => {
    if (feature.geometry === null && !feature.properties.members) {
      ctx.addIssue({ code: 'custom', path: ['geometry'], message: 'a territory needs an outline (Polygon or MultiPolygon) or `properties.members`' });
    }
    if (feature.geometry !== null && feature.properties.members) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'members'], message: 'give an outline or member communes, not both' });
    }
  });

export type ImportFeature = z.infer<typeof importFeature>;

/** `crs` is not GeoJSON any more (RFC 7946), but files still carry it: a projected one is refused. */
const crs = z
  .object({ properties: z.object({ name: z.string() }).partial().optional() })
  .optional()
  .superRefine((value, ctx) => {
    const name = value?.properties?.name ?? '';
    if (name && !/(CRS84|EPSG::?4326)$/i.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `coordinates must be WGS84 longitude/latitude (RFC 7946); this file declares ${name}: reproject it first, e.g. \`ogr2ogr -t_srs EPSG:4326 out.geojson in.shp\``,
      });
    }
  });

export const TerritoryImport = z
  .discriminatedUnion(
    'type',
    [
      importFeature.safeExtend({ crs }),
      z.object({
        type: z.literal('FeatureCollection'),
        crs,
        features: z
          .array(importFeature)
          .min(1, 'at least one feature')
          .max(MAX_IMPORT_FEATURES, `at most ${MAX_IMPORT_FEATURES} features in one import`),
      }),
    ],
    { error: 'expected a GeoJSON Feature or FeatureCollection' },
  )
  .openapi('TerritoryImport', {
    description: 'A GeoJSON Feature or FeatureCollection (RFC 7946, WGS84) of Polygons/MultiPolygons, or of Features with a null geometry and `properties.members`',
  });

export type TerritoryImportValue = z.infer<typeof TerritoryImport>;
