import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { createToken, listTokens, revokeToken } from '../../db/queries/tokens.ts';
import { ROLES } from '../../shared/vocabulary.ts';
import { requireRole } from '../http/auth.ts';
import { idParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, writeProblems } from '../http/router.ts';

const TokenSchema = z
  .object({
    id: z.number().int(),
    label: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

const TokenBody = z
  .object({
    label: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').openapi({ example: 'CCI Haute-Savoie editors' }),
    role: z.enum(ROLES, { message: `expected one of ${ROLES.join(', ')}` }),
  })
  .strict()
  .openapi('ApiTokenInput');

const list = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['Tokens'],
  summary: 'Every API token with its label, role and last use, revoked ones too (admins)',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'Newest first', ...jsonContent(z.object({ tokens: z.array(TokenSchema) })) }, ...writeProblems },
});

const create = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['Tokens'],
  summary: 'Create a token (admins); the answer is the only time the token is shown',
  security: [{ bearer: [] }],
  request: { body: { required: true, ...jsonContent(TokenBody) } },
  responses: {
    201: { description: 'Created', ...jsonContent(TokenSchema.extend({ token: z.string() }).openapi('NewApiToken')) },
    ...writeProblems,
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['Tokens'],
  summary: 'Revoke a token at once (admins); it stays listed',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 200: { description: 'The revoked token', ...jsonContent(TokenSchema) }, ...writeProblems },
});

export function tokenRoutes({ db }: { db: Database }) {
  const router = createRouter();
  router.use('/tokens', requireRole('admin'));
  router.use('/tokens/*', requireRole('admin'));

  router.openapi(list, async (c) => c.json({ tokens: await listTokens(db) }, 200));

  router.openapi(create, async (c) => {
    const token = await createToken(db, c.req.valid('json'));
    c.header('Location', `/api/tokens/${token.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json(token, 201);
  });

  router.openapi(revoke, async (c) => {
    const { id } = c.req.valid('param');
    const token = await revokeToken(db, id);
    if (!token) throw ApiError.notFound(`Token ${id}`);
    return c.json(token, 200);
  });
  return router;
}
