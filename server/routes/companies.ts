import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import {
  createCompany,
  deleteCompany,
  getCompany,
  listCompanies,
  updateCompany,
} from '../../db/queries/companies.ts';
import type { Config } from '../config.ts';
import { isAdmin, requireAdmin } from '../http/auth.ts';
import { cursorParam, encodeCursor, idParam, limitParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { mergePatch } from '../http/merge-patch.ts';
import { createRouter, fieldErrors, jsonContent, problems, writeProblems } from '../http/router.ts';
import {
  CompanyBody,
  type CompanyBodyValue,
  CompanyPatch,
  locationErrors,
  toBody,
  toInput,
} from '../schemas/company.ts';
import { CompanyFeature, companyFeature, featurePage } from '../schemas/features.ts';
import { companyFilterParams, nextPageUrl, toCompanyFilter } from '../schemas/filters.ts';


const list = createRoute({
  method: 'get',
  path: '/companies',
  tags: ['Companies'],
  summary: 'Companies matching the filters, as a GeoJSON page',
  request: {
    query: z.object({
      ...companyFilterParams,
      limit: limitParam(100, 1000),
      cursor: cursorParam,
      format: z.enum(['geojson'], { message: "expected 'geojson'" }).optional().openapi({
        description: '`geojson`: every match in one FeatureCollection (no paging; limit and cursor are ignored)',
      }),
    }),
  },
  responses: { 200: { description: 'A page of companies', ...jsonContent(featurePage(CompanyFeature, 'CompanyPage')) }, 400: problems[400] },
});

const getOne = createRoute({
  method: 'get',
  path: '/companies/{id}',
  tags: ['Companies'],
  summary: 'One company',
  request: { params: idParam },
  responses: { 200: { description: 'The company', ...jsonContent(CompanyFeature) }, ...problems },
});

const create = createRoute({
  method: 'post',
  path: '/companies',
  tags: ['Companies'],
  summary: 'Add a company',
  security: [{ bearer: [] }],
  request: { body: { required: true, ...jsonContent(CompanyBody) } },
  responses: { 201: { description: 'Created', ...jsonContent(CompanyFeature) }, ...writeProblems },
});

const patch = createRoute({
  method: 'patch',
  path: '/companies/{id}',
  tags: ['Companies'],
  summary: 'Change some fields of a company',
  security: [{ bearer: [] }],
  request: { params: idParam, body: { required: true, ...jsonContent(CompanyPatch) } },
  responses: { 200: { description: 'The updated company', ...jsonContent(CompanyFeature) }, ...writeProblems },
});

const remove = createRoute({
  method: 'delete',
  path: '/companies/{id}',
  tags: ['Companies'],
  summary: 'Delete a company and its links',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...writeProblems },
});

export function companyRoutes({ db, config }: { db: Database; config: Config }) {
  const router = createRouter();
  const withContact = (c: Parameters<typeof isAdmin>[0]) => ({ withContact: isAdmin(c, config.adminToken) });

  const assertLocation = (body: CompanyBodyValue) => {
    const errors = locationErrors(body, config.serviceArea);
    if (errors.length) throw ApiError.invalid(errors);
  };

  router.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const everything = query.format === 'geojson';
    const limit = everything ? undefined : (query.limit ?? 100);
    const page = await listCompanies(db, toCompanyFilter(query), { limit, afterId: everything ? undefined : query.cursor });
    const last = page.companies.at(-1);
    const more = last !== undefined && page.companies.length === limit;
    return c.json(
      {
        type: 'FeatureCollection' as const,
        numberMatched: page.numberMatched,
        numberReturned: page.companies.length,
        next: more ? nextPageUrl(c.req.url, encodeCursor(last.id)) : null,
        features: page.companies.map((company) => companyFeature(company, withContact(c))),
      },
      200,
    );
  });

  router.openapi(getOne, async (c) => {
    const { id } = c.req.valid('param');
    const company = await getCompany(db, id);
    if (!company) throw ApiError.notFound(`Company ${id}`);
    return c.json(companyFeature(company, withContact(c)), 200);
  });

  router.use('/companies', async (c, next) => (c.req.method === 'POST' ? requireAdmin(config.adminToken)(c, next) : next()));
  router.use('/companies/:id', async (c, next) => (c.req.method === 'GET' ? next() : requireAdmin(config.adminToken)(c, next)));

  router.openapi(create, async (c) => {
    const body = c.req.valid('json');
    assertLocation(body);
    const company = await createCompany(db, toInput(body, 'manual'));
    c.header('Location', `/api/companies/${company.id}`);
    return c.json(companyFeature(company, { withContact: true }), 201);
  });

  router.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    const company = await updateCompany(db, id, (current) => {
      // The merged company must pass every rule a new one does.
      const result = CompanyBody.safeParse(mergePatch(toBody(current), changes));
      if (!result.success) throw ApiError.invalid(fieldErrors(result.error, 'json'));
      assertLocation(result.data);
      return toInput(result.data, current.source);
    });
    if (!company) throw ApiError.notFound(`Company ${id}`);
    return c.json(companyFeature(company, { withContact: true }), 200);
  });

  router.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteCompany(db, id))) throw ApiError.notFound(`Company ${id}`);
    return c.body(null, 204);
  });

  return router;
}
