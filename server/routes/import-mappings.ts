import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { deleteMapping, listMappings, saveMapping } from '../../db/queries/import-mappings.ts';
import { authorOf, requireRole } from '../http/auth.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, writeProblems } from '../http/router.ts';
import { MappingName, MappingSchema } from '../schemas/import-mapping.ts';

const SavedMappingSchema = z
  .object({
    name: z.string(),
    mapping: z.record(z.string(), z.string().nullable()),
    savedBy: z.object({ tokenId: z.number().int().nullable(), label: z.string() }).openapi({ description: 'The token that saved it last' }),
    savedAt: z.string(),
  })
  .openapi('SavedImportMapping');

const nameParam = z.object({ name: MappingName.openapi({ param: { name: 'name', in: 'path' } }) });

const list = createRoute({
  method: 'get',
  path: '/import-mappings',
  tags: ['Import'],
  summary: 'The saved column mappings, by name (members and editors)',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'By name', ...jsonContent(z.object({ mappings: z.array(SavedMappingSchema) })) }, ...writeProblems },
});

const save = createRoute({
  method: 'put',
  path: '/import-mappings/{name}',
  tags: ['Import'],
  summary: 'Save a column mapping under a name, replacing one of that name (editors)',
  description: 'Use it with `POST /api/imports?savedMapping=NAME`, `npm run import -- --mapping NAME`, or from the upload page.',
  security: [{ bearer: [] }],
  request: {
    params: nameParam,
    body: { required: true, ...jsonContent(z.object({ mapping: MappingSchema }).strict().openapi('ImportMappingInput')) },
  },
  responses: {
    200: { description: 'Replaced', ...jsonContent(SavedMappingSchema) },
    201: { description: 'Created', ...jsonContent(SavedMappingSchema) },
    ...writeProblems,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/import-mappings/{name}',
  tags: ['Import'],
  summary: 'Delete a saved column mapping (editors)',
  security: [{ bearer: [] }],
  request: { params: nameParam },
  responses: { 204: { description: 'Deleted' }, ...writeProblems },
});

export function importMappingRoutes({ db }: { db: Database }) {
  const router = createRouter();
  router.use('/import-mappings', requireRole('member'));
  router.use('/import-mappings/:name', requireRole('editor'));

  router.openapi(list, async (c) => c.json({ mappings: await listMappings(db) }, 200));

  router.openapi(save, async (c) => {
    const { name } = c.req.valid('param');
    const { created, ...saved } = await saveMapping(db, { name, mapping: c.req.valid('json').mapping }, authorOf(c));
    if (created) {
      c.header('Location', `/api/import-mappings/${encodeURIComponent(name)}`);
      return c.json(saved, 201);
    }
    return c.json(saved, 200);
  });

  router.openapi(remove, async (c) => {
    const { name } = c.req.valid('param');
    if (!(await deleteMapping(db, name))) throw ApiError.notFound(`The saved mapping '${name}'`);
    return c.body(null, 204);
  });
  return router;
}
