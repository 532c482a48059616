import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import { createAccountLink } from '../../db/queries/account-links.ts';
import { EmailTakenError, createAccount, getAccount, listAccounts, updateAccount } from '../../db/queries/accounts.ts';
import { deleteSessionsOf } from '../../db/queries/sessions.ts';
import { hashPassword } from '../auth/passwords.ts';
import { publicOrigin } from '../auth/request-origin.ts';
import type { Config } from '../config.ts';
import { callerOf, requireRole } from '../http/auth.ts';
import { idParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { conflictProblem, createRouter, jsonContent, writeProblems } from '../http/router.ts';
import { AccountInput, AccountPatch, AccountSchema, OneTimeLinkSchema } from '../schemas/accounts.ts';

/** How long an invitation or a reset link works. */
export const ONE_TIME_LINK_MS = 7 * 86_400_000;

const list = createRoute({
  method: 'get',
  path: '/accounts',
  tags: ['Accounts'],
  summary: 'Every account, disabled ones too (admins)',
  security: [{ bearer: [] }],
  responses: { 200: { description: 'By name', ...jsonContent(z.object({ accounts: z.array(AccountSchema) })) }, ...writeProblems },
});

const create = createRoute({
  method: 'post',
  path: '/accounts',
  tags: ['Accounts'],
  summary: 'Create an account (admins): with a password it can sign in at once; without, the answer carries a one-time invitation link',
  security: [{ bearer: [] }],
  request: { body: { required: true, ...jsonContent(AccountInput) } },
  responses: {
    201: { description: 'Created', ...jsonContent(z.object({ account: AccountSchema, invitation: z.union([OneTimeLinkSchema, z.null()]) }).openapi('NewAccount')) },
    409: conflictProblem,
    ...writeProblems,
  },
});

const one = createRoute({
  method: 'get',
  path: '/accounts/{id}',
  tags: ['Accounts'],
  summary: 'One account (admins)',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 200: { description: 'The account', ...jsonContent(AccountSchema) }, ...writeProblems },
});

const patch = createRoute({
  method: 'patch',
  path: '/accounts/{id}',
  tags: ['Accounts'],
  summary: 'Change a name, role or scope, disable or re-enable (admins); disabling ends its sessions at once',
  security: [{ bearer: [] }],
  request: { params: idParam, body: { required: true, ...jsonContent(AccountPatch) } },
  responses: { 200: { description: 'The account as changed', ...jsonContent(AccountSchema) }, ...writeProblems },
});

const reset = createRoute({
  method: 'post',
  path: '/accounts/{id}/reset',
  tags: ['Accounts'],
  summary: 'A new one-time link on which the person chooses a new password (admins); earlier links stop working',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: { 201: { description: 'The link', ...jsonContent(OneTimeLinkSchema) }, ...writeProblems },
});

/** People's accounts, for admins. */
export function accountRoutes({ db, config }: { db: Database; config: Config }) {
  const router = createRouter();
  router.use('/accounts', requireRole('admin'));
  router.use('/accounts/*', requireRole('admin'));

  const linkFor = async (c: Context, accountId: number, purpose: 'invitation' | 'reset') => {
    const { secret, expiresAt } = await createAccountLink(db, accountId, purpose, ONE_TIME_LINK_MS);
    // In the fragment: browsers send it neither to the server's logs nor in a Referer.
    const url = `${publicOrigin(c, { publicUrl: config.publicUrl, trustedProxies: config.trustProxy })}/invitation#${secret}`;
    c.header('Cache-Control', 'no-store');
    return { url, expiresAt };
  };

  router.openapi(list, async (c) => c.json({ accounts: await listAccounts(db) }, 200));

  router.openapi(create, async (c) => {
    const { password, countries, ...input } = c.req.valid('json');
    const passwordHash = password === undefined ? null : await hashPassword(password);
    const account = await createAccount(db, { ...input, countries: input.role === 'admin' ? null : (countries ?? null), passwordHash }).catch((error: unknown) => {
      if (error instanceof EmailTakenError) throw new ApiError(409, error.message, [{ field: 'email', message: 'already has an account' }]);
      throw error;
    });
    const invitation = password === undefined ? await linkFor(c, account.id, 'invitation') : null;
    c.header('Location', `/api/accounts/${account.id}`);
    return c.json({ account, invitation }, 201);
  });

  router.openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const account = await getAccount(db, id);
    if (!account) throw ApiError.notFound(`Account ${id}`);
    return c.json(account, 200);
  });

  router.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const self = callerOf(c).accountId === id;
    // An admin who could disable or demote themselves could leave the Atlas with no admin.
    if (self && change.disabled === true) throw ApiError.invalid([{ field: 'disabled', message: 'you cannot disable your own account' }]);
    if (self && change.role !== undefined && change.role !== 'admin') throw ApiError.invalid([{ field: 'role', message: 'you cannot take away your own admin role' }]);
    const before = await getAccount(db, id);
    if (!before) throw ApiError.notFound(`Account ${id}`);
    const role = change.role ?? before.role;
    const account = await updateAccount(db, id, role === 'admin' ? { ...change, countries: null } : change);
    if (!account) throw ApiError.notFound(`Account ${id}`);
    if (change.disabled) await deleteSessionsOf(db, id);
    return c.json(account, 200);
  });

  router.openapi(reset, async (c) => {
    const { id } = c.req.valid('param');
    const account = await getAccount(db, id);
    if (!account) throw ApiError.notFound(`Account ${id}`);
    if (account.disabled) throw new ApiError(409, `Account ${id} is disabled: enable it first`);
    return c.json(await linkFor(c, id, 'reset'), 201);
  });
  return router;
}
