import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import {
  type CustomTerritoryInput,
  deleteCustomTerritory,
  existingTerritoryIds,
  firmsCentre,
  geometryProblems,
  insertCustomTerritories,
  listTerritories,
} from '../../db/queries/territories.ts';
import { TERRITORY_KINDS } from '../../shared/vocabulary.ts';
import { communes } from '../../geodata/index.ts';
import type { Config } from '../config.ts';
import { requireRole } from '../http/auth.ts';
import { formatBytes, limitBody } from '../http/body-limit.ts';
import { csvEnumParam } from '../http/params.ts';
import { ApiError, type FieldError } from '../http/problem.ts';
import { conflictProblem, createRouter, jsonContent, problem, problems, writeProblems } from '../http/router.ts';
import {
  type ImportFeature,
  TerritoryImport,
  type TerritoryImportValue,
  TerritoryList,
  TerritoryOutlines,
  territoryValue,
} from '../schemas/territories.ts';

/** Boundary files of a few districts are a few MB; a whole country's communes do not belong in one import. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

const propertyName = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'expected a property name')
    .optional()
    .openapi({ description: `The feature property to read instead of \`${fallback}\` (e.g. \`NOM\` in IGN ADMIN EXPRESS, \`NAME\` in swissBOUNDARIES3D)` });

const list = createRoute({
  method: 'get',
  path: '/territories',
  tags: ['Territories'],
  summary: 'The territories statistics are grouped by',
  description:
    'Countries, regions and the programme’s partner territories are built in (from geodata, with their sources and licences); `custom` ones are loaded by an administrator. `?format=geojson` gives the outlines of those that have one (partner territories are defined by their communes’ official codes and have none).',
  request: {
    query: z.object({
      kind: csvEnumParam(TERRITORY_KINDS, 'partner,custom'),
      format: z.enum(['geojson'], { message: "expected 'geojson'" }).optional().openapi({ description: '`geojson`: the outlines as a FeatureCollection of MultiPolygons' }),
    }),
  },
  responses: {
    200: {
      description: 'The territories, in their listing order (kind, country, name)',
      content: { 'application/json': { schema: TerritoryList }, 'application/geo+json': { schema: TerritoryOutlines } },
    },
    400: problems[400],
  },
});

const importBody = { required: true, content: { 'application/json': { schema: TerritoryImport }, 'application/geo+json': { schema: TerritoryImport } } };

const create = createRoute({
  method: 'post',
  path: '/territories',
  tags: ['Territories'],
  summary: 'Load custom territories from a boundary file (GeoJSON)',
  description:
    'A GeoJSON Feature or FeatureCollection in WGS84 longitude/latitude (RFC 7946): official boundaries (IGN ADMIN EXPRESS, ISTAT, swisstopo swissBOUNDARIES3D) once converted, e.g. `ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson in.shp`. ' +
    'Each feature is one territory: a Polygon or MultiPolygon (firms inside it count in it), or a null geometry with `properties.members`, official commune codes. ' +
    `All or nothing: any invalid feature refuses the whole import, naming it. At most 500 features and ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      nameProperty: propertyName('name'),
      idProperty: propertyName('id'),
      source: z.string().trim().min(1).max(500, 'at most 500 characters').optional().openapi({ description: 'Where the boundaries come from, for every feature without `properties.source`' }),
      licence: z.string().trim().min(1).max(200, 'at most 200 characters').optional().openapi({ description: 'Their licence, for every feature without `properties.licence`' }),
    }),
    body: importBody,
  },
  responses: {
    201: { description: 'The territories created', ...jsonContent(TerritoryList) },
    409: conflictProblem,
    413: problem('The body is larger than the limit'),
    ...writeProblems,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/territories/{id}',
  tags: ['Territories'],
  summary: 'Delete a custom territory (built-in ones stay)',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'custom-grand-geneve' }) }) },
  responses: {
    204: { description: 'Deleted' },
    ...writeProblems,
    403: problem('Not an admin, or a built-in territory: only custom ones can be deleted'),
  },
});

/** An id made from a name: `Pays d'Évian` → `pays-d-evian`. */
function slug(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
}

/** The middle of the member communes' town points, when geodata has any. */
function communesCentre(codes: string[]): [number, number] | null {
  const points = communes.filter((c) => codes.includes(c.code) && c.lon !== null && c.lat !== null);
  if (points.length === 0) return null;
  return [points.reduce((s, c) => s + c.lon!, 0) / points.length, points.reduce((s, c) => s + c.lat!, 0) / points.length];
}

type Options = { nameProperty?: string | undefined; idProperty?: string | undefined; source?: string | undefined; licence?: string | undefined };

/** Reads the features of an import into territories, or throws one problem naming every bad field. */
async function toInputs(db: Database, body: TerritoryImportValue, options: Options, serviceArea: Config['serviceArea']): Promise<CustomTerritoryInput[]> {
  const features: ImportFeature[] = body.type === 'Feature' ? [body] : body.features;
  const at = (i: number, path: string) => (body.type === 'Feature' ? path : `features.${i}.${path}`);
  const errors: FieldError[] = [];
  const nameKey = options.nameProperty ?? 'name';
  const idKey = options.idProperty ?? 'id';
  const inputs = await Promise.all(features.map(async (feature, i): Promise<CustomTerritoryInput> => {
    const p = feature.properties as Record<string, unknown> & ImportFeature['properties'];
    const rawName = p[nameKey];
    const name = typeof rawName === 'string' || typeof rawName === 'number' ? String(rawName).trim() : '';
    if (!name) errors.push({ field: at(i, `properties.${nameKey}`), message: 'missing: every territory needs a name' });
    const rawId = idKey === 'id' ? (p.id ?? feature.id) : p[idKey];
    const id = rawId === undefined || rawId === null || rawId === '' ? slug(name) : String(rawId);
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(id)) {
      errors.push({ field: at(i, `properties.${idKey}`), message: `'${id}' is not a usable id: letters, digits and hyphens, at most 64; give an \`${idKey}\`` });
    }
    let labelPoint: [number, number] | null = null;
    if (p.members) {
      labelPoint = communesCentre(p.members) ?? (await firmsCentre(db, p.members));
      if (!labelPoint) errors.push({ field: at(i, 'properties.members'), message: 'none of these communes has a known location (no town point in geodata, no firm registered there)' });
    }
    return {
      id,
      name,
      names: { fr: p.names?.fr ?? name, it: p.names?.it ?? name, en: p.names?.en ?? name },
      country: p.country ?? null,
      members: p.members ?? null,
      geometry: feature.geometry,
      labelPoint,
      source: p.source ?? options.source ?? 'Boundary file loaded by an administrator (no source given)',
      licence: p.licence ?? options.licence ?? 'not given',
    };
  }));
  const seen = new Map<string, number>();
  inputs.forEach((t, i) => {
    if (seen.has(t.id)) errors.push({ field: at(i, `properties.${idKey}`), message: `'${t.id}' is also the id of feature ${seen.get(t.id)}` });
    seen.set(t.id, i);
  });
  const shapes = inputs.flatMap((t, i) => (t.geometry ? [{ i, geometry: t.geometry }] : []));
  for (const problem of await geometryProblems(db, shapes.map((s) => s.geometry), serviceArea)) {
    errors.push({ field: at(shapes[problem.index]!.i, 'geometry'), message: problem.message });
  }
  if (errors.length) throw ApiError.invalid(errors);
  const taken = new Set(await existingTerritoryIds(db, inputs.map((t) => t.id)));
  const conflicts = inputs.flatMap((t, i) => (taken.has(t.id) ? [{ field: at(i, `properties.${idKey}`), message: `territory '${t.id}' exists already (delete it first, or give another id)` }] : []));
  if (conflicts.length) throw new ApiError(409, conflicts.map((e) => `${e.field}: ${e.message}`).join('; '), conflicts);
  return inputs;
}

export function territoryRoutes({ db, config }: { db: Database; config: Config }) {
  const router = createRouter();

  router.openapi(list, async (c) => {
    const { kind, format } = c.req.valid('query');
    const outlines = format === 'geojson';
    const territories = await listTerritories(db, { kinds: kind }, { withGeometry: outlines });
    if (outlines) {
      const features = territories.flatMap(({ geometry, members: _members, hasGeometry: _has, ...properties }) =>
        geometry ? [{ type: 'Feature' as const, id: properties.id, geometry, properties }] : []);
      return c.json({ type: 'FeatureCollection' as const, features } as never, 200, { 'Content-Type': 'application/geo+json' });
    }
    return c.json({ territories: territories.map(territoryValue) }, 200);
  });

  const limitFile = limitBody(
    MAX_BODY_BYTES,
    `The boundary file is larger than ${formatBytes(MAX_BODY_BYTES)}: simplify it (e.g. \`ogr2ogr -simplify 0.0001\`) or load it in parts`,
  );
  router.use('/territories', async (c, next) => (c.req.method === 'POST' ? requireRole('admin')(c, next) : next()));
  router.use('/territories', async (c, next) => (c.req.method === 'POST' ? limitFile(c, next) : next()));
  router.use('/territories/:id', async (c, next) => (c.req.method === 'GET' ? next() : requireRole('admin')(c, next)));

  router.openapi(create, async (c) => {
    const inputs = await toInputs(db, c.req.valid('json'), c.req.valid('query'), config.serviceArea);
    await insertCustomTerritories(db, inputs);
    const created = await listTerritories(db, { ids: inputs.map((t) => t.id) });
    return c.json({ territories: created.map(territoryValue) }, 201);
  });

  router.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    const outcome = await deleteCustomTerritory(db, id);
    if (outcome === 'missing') throw ApiError.notFound(`Territory ${id}`);
    if (outcome === 'builtin') throw new ApiError(403, `Territory ${id} is built in (from geodata); only custom territories can be deleted`);
    return c.body(null, 204);
  });

  return router;
}
