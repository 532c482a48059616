import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { MemoryStore, rateLimiter } from 'hono-rate-limiter';
import type { Database } from '../../db/database.ts';
import { accountLinkOwner, redeemAccountLink } from '../../db/queries/account-links.ts';
import { getAccount } from '../../db/queries/accounts.ts';
import { deleteSession } from '../../db/queries/sessions.ts';
import { hashPassword } from '../auth/passwords.ts';
import { reachedOverHttps } from '../auth/request-origin.ts';
import { checkPassword } from '../auth/sign-in.ts';
import { clearSessionCookie, sessionSecretOf } from '../auth/session-cookie.ts';
import { startSession } from '../auth/start-session.ts';
import type { Config } from '../config.ts';
import { callerOf } from '../http/auth.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiError, problemResponse } from '../http/problem.ts';
import { createRouter, jsonContent, problem, problems } from '../http/router.ts';
import { InvitationBody, MeSchema, SignInBody } from '../schemas/accounts.ts';

const signIn = createRoute({
  method: 'post',
  path: '/session',
  tags: ['Accounts'],
  summary: 'Sign in with an email and a password: sets the session cookie',
  request: { body: { required: true, ...jsonContent(SignInBody) } },
  responses: {
    200: { description: 'Signed in', ...jsonContent(MeSchema) },
    400: problems[400],
    401: problem('The email or the password is not right, or the account is disabled (one answer for all three)'),
    403: problem('Sent from another site'),
    429: problem('Too many wrong passwords for this email, or attempts from this address: see Retry-After'),
  },
});

const signOut = createRoute({
  method: 'delete',
  path: '/session',
  tags: ['Accounts'],
  summary: 'Sign out: ends the session at once and clears its cookie',
  responses: { 204: { description: 'Signed out (also when there was no session)' }, 403: problem('Sent from another site') },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Accounts'],
  summary: 'The signed-in person',
  responses: { 200: { description: 'Signed in', ...jsonContent(MeSchema) }, 401: problem('Not signed in') },
});

const current = createRoute({
  method: 'get',
  path: '/session',
  tags: ['Accounts'],
  summary: 'The signed-in person, or null: what a page asks before drawing its header (never a 401 in the console)',
  responses: { 200: { description: 'Signed in or not', ...jsonContent(z.object({ me: z.union([MeSchema, z.null()]) }).openapi('CurrentSession')) } },
});

const options = createRoute({
  method: 'get',
  path: '/session/options',
  tags: ['Accounts'],
  summary: 'How one may sign in here: a password, and an organisation’s OpenID provider when configured',
  responses: {
    200: {
      description: 'The sign-in page’s choices',
      ...jsonContent(z.object({ password: z.literal(true), oidc: z.object({ label: z.string(), url: z.string() }).nullable() }).openapi('SignInOptions')),
    },
  },
});

const invitation = createRoute({
  method: 'get',
  path: '/invitation',
  tags: ['Accounts'],
  summary: 'Who a one-time link (an invitation or a reset) is for, while it can be used',
  request: { query: z.object({ token: z.string().min(1).max(200) }) },
  responses: {
    200: { description: 'The link works', ...jsonContent(z.object({ name: z.string(), email: z.string(), purpose: z.enum(['invitation', 'reset']) }).openapi('InvitationOwner')) },
    400: problems[400],
    410: problem('The link was used, has expired, or never existed'),
  },
});

const accept = createRoute({
  method: 'post',
  path: '/invitation',
  tags: ['Accounts'],
  summary: 'Choose a password on a one-time link; signs in',
  request: { body: { required: true, ...jsonContent(InvitationBody) } },
  responses: {
    200: { description: 'Password set and signed in', ...jsonContent(MeSchema) },
    400: problems[400],
    403: problem('Sent from another site'),
    410: problem('The link was used, has expired, or never existed'),
  },
});

const GONE = 'This link cannot be used: it was used already, has expired, or was replaced by a newer one. Ask an administrator for a new link';

/** At most `perWindow` sign-in attempts per 15 minutes from one address, whatever the emails. */
function limitAttempts(perWindow: number, trustedProxies: number): MiddlewareHandler {
  if (perWindow === 0) return async (_, next) => next();
  return rateLimiter({
    windowMs: 15 * 60_000,
    limit: perWindow,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => clientAddress(c, trustedProxies),
    store: new MemoryStore(),
    handler: (c) => problemResponse(c, 429, 'Too many sign-in attempts from this address; retry after the time in Retry-After'),
  });
}

/** Signing in and out, the signed-in person, and one-time links. */
export function sessionRoutes({ db, config }: { db: Database; config: Config }) {
  const router = createRouter();
  const attempts = limitAttempts(config.signInRate, config.trustProxy);
  router.on('POST', ['/session', '/invitation'], attempts);

  const meOf = async (accountId: number) => {
    const account = await getAccount(db, accountId);
    if (!account) throw new ApiError(401, 'Not signed in');
    const { id, email, name, role, countries } = account;
    return { id, email, name, role, countries };
  };

  router.openapi(signIn, async (c) => {
    const { email, password } = c.req.valid('json');
    const { accountId } = await checkPassword(db, email, password);
    await startSession(c, db, config, accountId, 'password');
    return c.json(await meOf(accountId), 200);
  });

  router.openapi(signOut, async (c) => {
    const secret = sessionSecretOf(c);
    if (secret) await deleteSession(db, secret);
    clearSessionCookie(c, { secure: reachedOverHttps(c, config.trustProxy) });
    return c.body(null, 204);
  });

  router.openapi(me, async (c) => {
    const caller = callerOf(c);
    if (caller.via !== 'session' || caller.accountId === null) throw new ApiError(401, 'Not signed in');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await meOf(caller.accountId), 200);
  });

  router.openapi(current, async (c) => {
    const caller = callerOf(c);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ me: caller.via === 'session' && caller.accountId !== null ? await meOf(caller.accountId) : null }, 200);
  });

  router.openapi(options, (c) =>
    c.json({ password: true as const, oidc: config.oidc ? { label: config.oidc.label, url: '/api/session/oidc' } : null }, 200));

  router.openapi(invitation, async (c) => {
    const owner = await accountLinkOwner(db, c.req.valid('query').token);
    if (!owner) throw new ApiError(410, GONE);
    c.header('Cache-Control', 'no-store');
    return c.json({ name: owner.name, email: owner.email, purpose: owner.purpose }, 200);
  });

  router.openapi(accept, async (c) => {
    const { token, password } = c.req.valid('json');
    const accountId = await redeemAccountLink(db, token, await hashPassword(password));
    if (accountId === undefined) throw new ApiError(410, GONE);
    await startSession(c, db, config, accountId, 'password');
    return c.json(await meOf(accountId), 200);
  });
  return router;
}
