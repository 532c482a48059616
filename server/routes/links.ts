import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { getCompany } from '../../db/queries/companies.ts';
import {
  type LinkInput,
  createLink,
  deleteLink,
  findLink,
  getLink,
  listLinks,
  updateLink,
} from '../../db/queries/links.ts';
import { type Country, LINK_KINDS } from '../../shared/vocabulary.ts';
import type { Config } from '../config.ts';
import { type Caller, assertInScope, authorOf, callerOf, requireRole } from '../http/auth.ts';
import { mergePatch } from '../http/merge-patch.ts';
import { booleanParam, csvEnumParam, cursorParam, encodeCursor, idParam, limitParam, numberParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { conflictProblem, createRouter, fieldErrors, ifMatchHeaders, jsonContent, problems, staleProblem, writeProblems } from '../http/router.ts';
import { ifMatchOf, recordTag, staleRecord } from '../http/record-etag.ts';
import { year } from '../schemas/company.ts';
import { LinkFeature, featurePage, linkFeature } from '../schemas/features.ts';
import { companyFilterParams, nextPageUrl, toLinkFilter } from '../schemas/filters.ts';


const linkFields = {
  from: z.number().int().positive('must be a company id').openapi({ description: 'Company id', example: 1 }),
  to: z.number().int().positive('must be a company id').openapi({ description: 'Company id', example: 2 }),
  kind: z.enum(LINK_KINDS, { message: `expected one of ${LINK_KINDS.join(', ')}` }),
  since: z.number().int('must be a whole number').min(1800).max(year, `must not be after ${year}`).nullish(),
  note: z.string().trim().max(500, 'at most 500 characters').nullish(),
};

const LinkBody = z
  .object(linkFields)
  .strict()
  .refine((l) => l.from !== l.to, { path: ['to'], message: 'a company cannot be linked to itself' })
  .openapi('LinkInput');
const LinkPatch = z.object(linkFields).partial().strict().openapi('LinkPatch');

const list = createRoute({
  method: 'get',
  path: '/links',
  tags: ['Links'],
  summary: 'Links between companies, as GeoJSON lines',
  description:
    'A link matches the company filters (sector, country, q, commune) when at least one of its two firms does; `bbox` keeps the lines that cross the box.',
  request: {
    query: z.object({
      ...companyFilterParams,
      crossBorder: booleanParam,
      kind: csvEnumParam(LINK_KINDS, 'supplier,partner'),
      company: numberParam(1, 2_147_483_647, { integer: true })
        .optional()
        .openapi({ type: 'integer', description: 'Only the links of this company' }),
      limit: limitParam(1000, 5000),
      cursor: cursorParam,
    }),
  },
  responses: { 200: { description: 'A page of links', ...jsonContent(featurePage(LinkFeature, 'LinkPage')) }, 400: problems[400] },
});

const getOne = createRoute({
  method: 'get',
  path: '/links/{id}',
  tags: ['Links'],
  summary: 'One link',
  description: 'Its `ETag` names its version: send it back as `If-Match` with a change or a deletion.',
  request: { params: idParam },
  responses: { 200: { description: 'The link', ...jsonContent(LinkFeature) }, ...problems },
});

const create = createRoute({
  method: 'post',
  path: '/links',
  tags: ['Links'],
  summary: 'Add a link between two companies',
  security: [{ bearer: [] }],
  request: { body: { required: true, ...jsonContent(LinkBody) } },
  responses: { 201: { description: 'Created', ...jsonContent(LinkFeature) }, 409: conflictProblem, ...writeProblems },
});

const patch = createRoute({
  method: 'patch',
  path: '/links/{id}',
  tags: ['Links'],
  summary: 'Change a link',
  description: 'A JSON merge patch (RFC 7396). With `If-Match`, only over that version of the link; the answer carries the new `ETag`.',
  security: [{ bearer: [] }],
  request: { params: idParam, headers: ifMatchHeaders, body: { required: true, ...jsonContent(LinkPatch) } },
  responses: {
    200: { description: 'The updated link', ...jsonContent(LinkFeature) },
    409: conflictProblem,
    412: staleProblem(LinkFeature, 'StaleLink'),
    ...writeProblems,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/links/{id}',
  tags: ['Links'],
  summary: 'Delete a link',
  description: 'With `If-Match`, only if the link is still at that version.',
  security: [{ bearer: [] }],
  request: { params: idParam, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, 412: staleProblem(LinkFeature, 'StaleLink'), ...writeProblems },
});

export function linkRoutes({ db, config }: { db: Database; config: Config }) {
  const router = createRouter();

  /** The companies must exist and the link must not exist yet (other than as `selfId`). */
  /** The link's firms exist, it is not another's twin, and a scoped caller holds one of its ends. */
  async function checkLink(caller: Caller, input: LinkInput, selfId?: number) {
    const countries: Country[] = [];
    for (const field of ['from', 'to'] as const) {
      const id = field === 'from' ? input.fromId : input.toId;
      const company = await getCompany(db, id);
      if (!company) throw ApiError.invalid([{ field, message: `company ${id} does not exist` }]);
      countries.push(company.country);
    }
    // A link across the border is the point: an adviser may join a firm of theirs to any other.
    if (!countries.some((country) => caller.countries === null || caller.countries.includes(country))) {
      assertInScope(caller, countries[0]!, `neither firm of the link (${countries.join(', ')})`);
    }
    const existing = await findLink(db, input);
    if (existing !== undefined && existing !== selfId) {
      throw new ApiError(409, `Link ${existing} already joins these companies with kind ${input.kind}`);
    }
  }

  const toInput = (body: z.infer<typeof LinkBody>): LinkInput => ({
    fromId: body.from,
    toId: body.to,
    kind: body.kind,
    since: body.since ?? null,
    note: body.note ?? null,
  });

  router.openapi(list, async (c) => {
    const { crossBorder, kind, company, limit = 1000, cursor, ...filterQuery } = c.req.valid('query');
    const page = await listLinks(
      db,
      { ...toLinkFilter(filterQuery), crossBorder, kinds: kind, companyId: company },
      { limit, afterId: cursor },
    );
    const last = page.links.at(-1);
    return c.json(
      {
        type: 'FeatureCollection' as const,
        numberMatched: page.numberMatched,
        numberReturned: page.links.length,
        next: last && page.links.length === limit ? nextPageUrl(c.req.url, encodeCursor(last.id)) : null,
        features: page.links.map(linkFeature),
      },
      200,
    );
  });

  router.openapi(getOne, async (c) => {
    const { id } = c.req.valid('param');
    const link = await getLink(db, id);
    if (!link) throw ApiError.notFound(`Link ${id}`);
    c.header('ETag', recordTag(link.version));
    return c.json(linkFeature(link), 200);
  });

  /** The 412 of a stale If-Match, with the link as it is now (a 404 if it went meanwhile). */
  const stale = async (id: number) => {
    const current = await getLink(db, id);
    if (!current) return ApiError.notFound(`Link ${id}`);
    return staleRecord(`Link ${id}`, linkFeature(current), current.version);
  };

  router.use('/links', async (c, next) => (c.req.method === 'POST' ? requireRole('editor')(c, next) : next()));
  router.use('/links/:id', async (c, next) => (c.req.method === 'GET' ? next() : requireRole('editor')(c, next)));

  router.openapi(create, async (c) => {
    const input = toInput(c.req.valid('json'));
    await checkLink(callerOf(c), input);
    const link = await createLink(db, input, authorOf(c));
    c.header('Location', `/api/links/${link.id}`);
    return c.json(linkFeature(link), 201);
  });

  router.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const current = await getLink(db, id);
    if (!current) throw ApiError.notFound(`Link ${id}`);
    await checkLink(callerOf(c), { fromId: current.from.id, toId: current.to.id, kind: current.kind, since: null, note: null }, id);
    const currentBody = { from: current.from.id, to: current.to.id, kind: current.kind, since: current.since, note: current.note };
    const result = LinkBody.safeParse(mergePatch(currentBody, c.req.valid('json')));
    if (!result.success) throw ApiError.invalid(fieldErrors(result.error, 'json'));
    const input = toInput(result.data);
    await checkLink(callerOf(c), input, id);
    const outcome = await updateLink(db, id, input, authorOf(c), { matches: ifMatchOf(c) });
    if (outcome === 'stale') throw await stale(id);
    const link = outcome === 'done' ? await getLink(db, id) : undefined;
    if (!link) throw ApiError.notFound(`Link ${id}`);
    c.header('ETag', recordTag(link.version));
    return c.json(linkFeature(link), 200);
  });

  router.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    const current = await getLink(db, id);
    if (current) await checkLink(callerOf(c), { fromId: current.from.id, toId: current.to.id, kind: current.kind, since: null, note: null }, id);
    const outcome = await deleteLink(db, id, authorOf(c), { matches: ifMatchOf(c) });
    if (outcome === 'missing') throw ApiError.notFound(`Link ${id}`);
    if (outcome === 'stale') throw await stale(id);
    return c.body(null, 204);
  });

  return router;
}
