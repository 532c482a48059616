import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import { getAccount } from '../../db/queries/accounts.ts';
import { actorCountry } from '../../db/queries/actors.ts';
import { getCompany } from '../../db/queries/companies.ts';
import {
  type FollowUpRules,
  type IntroductionChange,
  changeIntroduction,
  createIntroduction,
  getIntroduction,
  introductionTimeline,
  listIntroductions,
} from '../../db/queries/introductions.ts';
import type { RelatednessStore } from '../../db/queries/relatedness.ts';
import { COUNTRIES, SECTORS } from '../../shared/vocabulary.ts';
import { INTRODUCTION_STAGES } from '../../shared/prospecting/vocabulary.ts';
import { assertInScope, authorOf, callerOf, requireRole } from '../http/auth.ts';
import { booleanParam, csvEnumParam, idParam, limitParam, numberParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, problems, writeProblems } from '../http/router.ts';
import { IntroductionDetail, IntroductionInput, IntroductionList, IntroductionPatch } from '../schemas/introductions.ts';
import { currentSuggestion } from './partners.ts';

const readProblems = { ...problems, 401: writeProblems[401], 403: writeProblems[403] };

const list = createRoute({
  method: 'get',
  path: '/introductions',
  tags: ['Prospecting'],
  summary: 'Introductions between firms, overdue first (members and editors)',
  request: {
    query: z.object({
      stage: csvEnumParam(INTRODUCTION_STAGES, 'proposed,contacted'),
      owner: z
        .string()
        .regex(/^(me|[1-9][0-9]{0,9})$/, "expected an account id or 'me'")
        .optional()
        .openapi({ description: "An account id, or `me`: the introductions that account is in charge of" }),
      country: csvEnumParam(COUNTRIES, 'IT'),
      sector: csvEnumParam(SECTORS, 'outdoor'),
      territory: z.string().min(1).max(100).optional().openapi({ description: 'A territory id: either firm in it' }),
      company: z
        .string()
        .regex(/^[1-9][0-9]{0,9}$/, 'expected a firm id')
        .transform(Number)
        .optional()
        .openapi({ type: 'integer', description: 'A firm id: the introductions it is part of, on either side' }),
      overdue: booleanParam,
      dormant: z.enum(['proposed'], { message: "expected 'proposed'" }).optional().openapi({ description: '`proposed`: the open introductions without activity for ATLAS_DORMANT_DAYS' }),
      limit: limitParam(100, 1000),
      offset: numberParam(0, 1_000_000, { integer: true }).optional().openapi({ type: 'integer', minimum: 0, default: 0, description: 'How many matches to skip (the next page: offset + limit)' }),
    }),
  },
  responses: { 200: { description: 'The introductions', ...jsonContent(IntroductionList) }, ...readProblems },
});

const getOne = createRoute({
  method: 'get',
  path: '/introductions/{id}',
  tags: ['Prospecting'],
  summary: 'One introduction with its timeline',
  request: { params: idParam },
  responses: { 200: { description: 'The introduction', ...jsonContent(IntroductionDetail) }, ...readProblems },
});

const create = createRoute({
  method: 'post',
  path: '/introductions',
  tags: ['Prospecting'],
  summary: 'Introduce a firm to another firm (any country) or to a support organisation',
  request: { body: { required: true, ...jsonContent(IntroductionInput) } },
  responses: { 201: { description: 'Created', ...jsonContent(IntroductionDetail) }, ...writeProblems },
});

const patch = createRoute({
  method: 'patch',
  path: '/introductions/{id}',
  tags: ['Prospecting'],
  summary: 'Move an introduction on: stage, next step, note, owner, outcome',
  description: 'Stage `cooperating` with a `linkKind` links the two firms (unless such a link exists), in the same transaction.',
  request: { params: idParam, body: { required: true, ...jsonContent(IntroductionPatch) } },
  responses: { 200: { description: 'The introduction', ...jsonContent(IntroductionDetail) }, ...writeProblems },
});

export function introductionRoutes({ db, store, rules }: { db: Database; store: RelatednessStore; rules: FollowUpRules }) {
  const router = createRouter();
  router.use('/introductions', async (c, next) => requireRole(c.req.method === 'GET' ? 'member' : 'editor')(c, next));
  router.use('/introductions/:id{[0-9]+}', async (c, next) => requireRole(c.req.method === 'GET' ? 'member' : 'editor')(c, next));

  const detail = async (id: number) => {
    const found = await getIntroduction(db, id, rules);
    if (!found) throw ApiError.notFound(`Introduction ${id}`);
    return { ...found, timeline: await introductionTimeline(db, id) };
  };

  /** The introducing firm must be one of a scoped adviser's countries; the other end may be anywhere. */
  const assertMine = async (c: Context, fromId: number) => {
    const from = await getCompany(db, fromId);
    if (!from) throw ApiError.invalid([{ field: 'from', message: `company ${fromId} does not exist` }]);
    assertInScope(callerOf(c), from.country, `the introduced firm ${from.name}`);
  };

  router.openapi(list, async (c) => {
    const { stage, owner, country, sector, territory, company, overdue, dormant, limit, offset } = c.req.valid('query');
    const me = callerOf(c).accountId;
    // A token has no account: `owner=me` then matches nothing rather than everything.
    const ownerId = owner === undefined ? undefined : owner === 'me' ? (me ?? -1) : Number(owner);
    const filter = { stages: stage, ownerId, countries: country, sectors: sector, territory, companyId: company, overdue, dormantProposed: dormant === 'proposed' ? true : undefined };
    return c.json(await listIntroductions(db, filter, rules, { limit: limit ?? 100, offset: offset ?? 0 }), 200);
  });

  router.openapi(getOne, async (c) => c.json(await detail(c.req.valid('param').id), 200));

  router.openapi(create, async (c) => {
    const body = c.req.valid('json');
    await assertMine(c, body.from);
    if (body.to !== undefined && !(await getCompany(db, body.to))) throw ApiError.invalid([{ field: 'to', message: `company ${body.to} does not exist` }]);
    if (body.toActor !== undefined && !(await actorCountry(db, body.toActor))) throw ApiError.invalid([{ field: 'toActor', message: `support organisation ${body.toActor} does not exist` }]);
    let suggestion = null;
    if (body.fromSuggestion) {
      suggestion = (await currentSuggestion(db, store, body.from, body.to!)) ?? null;
      if (!suggestion) throw ApiError.invalid([{ field: 'fromSuggestion', message: `company ${body.to} is not among the current suggestions for company ${body.from}` }]);
    }
    const id = await createIntroduction(
      db,
      {
        fromId: body.from,
        to: body.to !== undefined ? { companyId: body.to } : { actorId: body.toActor! },
        note: body.note ?? null,
        nextStep: body.nextStep ?? null,
        dueOn: body.dueOn ?? null,
        suggestion,
        ownerId: callerOf(c).accountId,
      },
      authorOf(c),
    );
    c.header('Location', `/api/introductions/${id}`);
    return c.json(await detail(id), 201);
  });

  router.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const current = await getIntroduction(db, id, rules);
    if (!current) throw ApiError.notFound(`Introduction ${id}`);
    await assertMine(c, current.from.id);
    if (body.owner !== undefined && body.owner !== null) {
      const account = await getAccount(db, body.owner);
      if (!account || account.disabled) throw ApiError.invalid([{ field: 'owner', message: `account ${body.owner} does not exist or is disabled` }]);
    }
    if (body.stage === 'cooperating' && current.stage !== 'cooperating' && current.to.type === 'company' && body.linkKind === undefined) {
      throw ApiError.invalid([{ field: 'linkKind', message: 'needed to move two firms to cooperating: the kind of the link it creates' }]);
    }
    const change: IntroductionChange = { stage: body.stage, nextStep: body.nextStep, dueOn: body.dueOn, note: body.note, ownerId: body.owner, outcome: body.outcome, linkKind: body.linkKind };
    await changeIntroduction(db, id, change, authorOf(c));
    return c.json(await detail(id), 200);
  });

  return router;
}
