import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import type { CompanyFilter } from '../../db/filters.ts';
import { companyCsv } from '../export/company-csv.ts';
import {
  companyBatches,
  createCompany,
  deleteCompany,
  getCompany,
  listCompanies,
  updateCompany,
} from '../../db/queries/companies.ts';
import type { Config } from '../config.ts';
import { assertInScope, authorOf, callerOf, requireRole, seesPrivate } from '../http/auth.ts';
import { companyHistoryOf } from '../../db/queries/history.ts';
import { cursorParam, encodeCursor, idParam, limitParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { mergePatch } from '../http/merge-patch.ts';
import { createRouter, fieldErrors, ifMatchHeaders, jsonContent, problems, staleProblem, writeProblems } from '../http/router.ts';
import { ifMatchOf, recordTag, staleRecord } from '../http/record-etag.ts';
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
      format: z.enum(['geojson', 'csv'], { message: "expected 'geojson' or 'csv'" }).optional().openapi({
        description:
          'Every match at once (no paging; limit and cursor are ignored): `geojson`, one FeatureCollection; `csv`, ' +
          'a spreadsheet (RFC 4180, UTF-8 with BOM, longitude/latitude columns) that the import reads back',
      }),
    }),
  },
  responses: {
    200: {
      description: 'A page of companies, or every match with `format`',
      content: {
        'application/json': { schema: featurePage(CompanyFeature, 'CompanyPage') },
        'text/csv': { schema: z.string().openapi({ description: 'With `format=csv`' }) },
      },
    },
    400: problems[400],
  },
});

const getOne = createRoute({
  method: 'get',
  path: '/companies/{id}',
  tags: ['Companies'],
  summary: 'One company',
  description: 'Its `ETag` names its version: send it back as `If-Match` with a change or a deletion.',
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
  description: 'A JSON merge patch (RFC 7396). With `If-Match`, only over that version of the company; the answer carries the new `ETag`.',
  request: { params: idParam, headers: ifMatchHeaders, body: { required: true, ...jsonContent(CompanyPatch) } },
  responses: {
    200: { description: 'The updated company', ...jsonContent(CompanyFeature) },
    412: staleProblem(CompanyFeature, 'StaleCompany'),
    ...writeProblems,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/companies/{id}',
  tags: ['Companies'],
  summary: 'Delete a company and its links',
  description: 'With `If-Match`, only if the company is still at that version.',
  security: [{ bearer: [] }],
  request: { params: idParam, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, 412: staleProblem(CompanyFeature, 'StaleCompany'), ...writeProblems },
});

const HistoryEntrySchema = z
  .object({
    id: z.number().int(),
    companyId: z.number().int(),
    at: z.string(),
    action: z.enum(['create', 'update', 'delete', 'import', 'link']),
    by: z.object({ tokenId: z.number().int().nullable(), accountId: z.number().int().nullable(), label: z.string() }).openapi({ description: 'Who made the change: the account (its name as it was) or the API token' }),
    changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  })
  .openapi('CompanyHistoryEntry');

const history = createRoute({
  method: 'get',
  path: '/companies/{id}/history',
  tags: ['Companies'],
  summary: "A company's history: every write, who made it, when, and each field before and after (editors)",
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: {
    200: { description: 'Newest first; kept after the company is deleted', ...jsonContent(z.object({ companyId: z.number().int(), entries: z.array(HistoryEntrySchema) })) },
    ...writeProblems,
  },
});

export function companyRoutes({ db, config }: { db: Database; config: Config }) {
  const router = createRouter();

  /** Streams every match, a keyset batch at a time, so that the whole registry never sits in memory. */
  const csvExport = (c: Context, filter: CompanyFilter) => {
    const csv = companyCsv({ withPrivate: seesPrivate(c) });
    const batches = companyBatches(db, filter);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode(csv.header)),
      async pull(controller) {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(csv.rows(next.value)));
      },
      cancel: async () => {
        await batches.return(undefined);
      },
    });
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': 'attachment; filename="companies.csv"',
    });
  };
  const withPrivate = (c: Parameters<typeof seesPrivate>[0]) => ({ withPrivate: seesPrivate(c) });

  const assertLocation = (body: CompanyBodyValue) => {
    const errors = locationErrors(body, config.serviceArea);
    if (errors.length) throw ApiError.invalid(errors);
  };

  router.openapi(list, async (c) => {
    const query = c.req.valid('query');
    if (query.format === 'csv') return csvExport(c, toCompanyFilter(query));
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
        features: page.companies.map((company) => companyFeature(company, withPrivate(c))),
      },
      200,
    );
  });

  router.openapi(getOne, async (c) => {
    const { id } = c.req.valid('param');
    const company = await getCompany(db, id);
    if (!company) throw ApiError.notFound(`Company ${id}`);
    c.header('ETag', recordTag(company.version));
    return c.json(companyFeature(company, withPrivate(c)), 200);
  });

  router.use('/companies', async (c, next) => (c.req.method === 'POST' ? requireRole('editor')(c, next) : next()));
  router.use('/companies/:id', async (c, next) => (c.req.method === 'GET' ? next() : requireRole('editor')(c, next)));
  router.use('/companies/:id/history', requireRole('editor'));

  router.openapi(history, async (c) => {
    const { id } = c.req.valid('param');
    const entries = await companyHistoryOf(db, id);
    if (entries.length === 0 && !(await getCompany(db, id))) throw ApiError.notFound(`Company ${id}`);
    return c.json({ companyId: id, entries }, 200);
  });

  router.openapi(create, async (c) => {
    const body = c.req.valid('json');
    assertInScope(callerOf(c), body.country, 'the new firm');
    assertLocation(body);
    const company = await createCompany(db, toInput(body, 'manual'), authorOf(c));
    c.header('Location', `/api/companies/${company.id}`);
    return c.json(companyFeature(company, { withPrivate: true }), 201);
  });

  router.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    const caller = callerOf(c);
    const matches = ifMatchOf(c);
    if (changes.country) assertInScope(caller, changes.country, `the country given to firm ${id}`);
    const company = await updateCompany(db, id, (current) => {
      assertInScope(caller, current.country, `firm ${id}`);
      if (matches && !matches(current.version)) throw staleRecord(`Company ${id}`, companyFeature(current, { withPrivate: true }), current.version);
      // The merged company must pass every rule a new one does.
      const result = CompanyBody.safeParse(mergePatch(toBody(current), changes));
      if (!result.success) throw ApiError.invalid(fieldErrors(result.error, 'json'));
      assertLocation(result.data);
      // A firm placed at its commune stays approximate until someone gives it a location.
      const moved = JSON.stringify(result.data.location.coordinates) !== JSON.stringify(current.location);
      return { ...toInput(result.data, current.source, current.locationApproximate && !moved), provenance: current.provenance };
    }, authorOf(c));
    if (!company) throw ApiError.notFound(`Company ${id}`);
    c.header('ETag', recordTag(company.version));
    return c.json(companyFeature(company, { withPrivate: true }), 200);
  });

  router.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    const caller = callerOf(c);
    if (caller.countries !== null) {
      const current = await getCompany(db, id);
      if (current) assertInScope(caller, current.country, `firm ${id}`);
    }
    const outcome = await deleteCompany(db, id, authorOf(c), { matches: ifMatchOf(c) });
    if (outcome === 'missing') throw ApiError.notFound(`Company ${id}`);
    if (outcome === 'stale') {
      const current = await getCompany(db, id);
      if (!current) throw ApiError.notFound(`Company ${id}`);
      throw staleRecord(`Company ${id}`, companyFeature(current, { withPrivate: true }), current.version);
    }
    return c.body(null, 204);
  });

  return router;
}
