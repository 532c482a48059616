import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Database } from '../../db/database.ts';
import type { Author } from '../../db/queries/history.ts';
import { type SessionLifetimes, resolveSession } from '../../db/queries/sessions.ts';
import { useToken } from '../../db/queries/tokens.ts';
import type { Country, Role } from '../../shared/vocabulary.ts';
import type { Config } from '../config.ts';
import { reachedOverHttps } from '../auth/request-origin.ts';
import { clearingCookieHeader, sessionSecretOf } from '../auth/session-cookie.ts';
import { ApiError } from './problem.ts';

/**
 * Who is calling: anonymous (the public, embeds), the holder of an API token (scripts), or a
 * person signed in with a session cookie. `countries` scopes an account's writes (null: not scoped).
 */
export type Caller = {
  role: 'anonymous' | Role;
  via: 'anonymous' | 'token' | 'session';
  tokenId: number | null;
  accountId: number | null;
  label: string;
  countries: Country[] | null;
};

declare module 'hono' {
  interface ContextVariableMap {
    caller: Caller;
  }
}

const RANK: Record<Caller['role'], number> = { anonymous: 0, member: 1, editor: 2, admin: 3 };

const ANONYMOUS: Caller = { role: 'anonymous', via: 'anonymous', tokenId: null, accountId: null, label: 'anonymous', countries: null };

/** The label history and token lists show for the bootstrap token of the environment. */
export const BOOTSTRAP_LABEL = 'ATLAS_ADMIN_TOKEN';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isWrite = (c: Context) => !SAFE_METHODS.has(c.req.method);

const digest = (text: string) => createHash('sha256').update(text).digest();

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, 'Send the token as `Authorization: Bearer <token>`');
  return match[1];
}

async function tokenCaller(db: Database, adminToken: string | undefined, token: string): Promise<Caller> {
  if (adminToken && timingSafeEqual(digest(token), digest(adminToken))) return { ...ANONYMOUS, role: 'admin', via: 'token', label: BOOTSTRAP_LABEL };
  const found = await useToken(db, token);
  if (!found) throw new ApiError(401, 'The bearer token is not valid (unknown or revoked)');
  return { ...ANONYMOUS, role: found.role, via: 'token', tokenId: found.id, label: found.label };
}

export type AuthOptions = { db: Database; adminToken: string | undefined; sessions: SessionLifetimes; trustedProxies: number };

/** The authentication options of a configuration. */
export const authOptions = (db: Database, config: Config): AuthOptions => ({ db, adminToken: config.adminToken, sessions: config.sessions, trustedProxies: config.trustProxy });

/**
 * Resolves the caller once per request, from the database every time: a revoked token, a
 * signed-out session, a disabled account or a changed password is refused from the next request
 * on. A bearer token wins over a cookie. A token that is sent but not valid is a 401 even for a
 * public read (answering as anonymous would hide a revoked or mistyped token). A session cookie
 * that no longer opens a session is answered as anonymous on a read, and the cookie cleared; on a
 * write it is a 401, so that nobody's edit is silently refused as anonymous.
 */
export function authenticate({ db, adminToken, sessions, trustedProxies }: AuthOptions): MiddlewareHandler {
  return async function authenticate(c, next) {
    const token = bearer(c);
    if (token !== undefined) {
      c.set('caller', await tokenCaller(db, adminToken, token));
      return next();
    }
    const secret = sessionSecretOf(c);
    const account = secret ? await resolveSession(db, secret, sessions) : undefined;
    if (account) {
      const { accountId, name, role, countries } = account;
      c.set('caller', { role, via: 'session', tokenId: null, accountId, label: name, countries: role === 'admin' ? null : countries });
      return next();
    }
    c.set('caller', ANONYMOUS);
    if (secret === undefined) return next();
    const clearing = clearingCookieHeader(reachedOverHttps(c, trustedProxies));
    if (isWrite(c)) {
      throw new ApiError(401, 'Your session has ended (signed out, expired or the account changed): sign in again', undefined, { 'Set-Cookie': clearing });
    }
    await next();
    c.res.headers.append('Set-Cookie', clearing);
  };
}

/** The caller of this request; anonymous where no authentication ran. */
export function callerOf(c: Context): Caller {
  return c.get('caller') ?? ANONYMOUS;
}

export function hasRole(caller: Caller, role: Role): boolean {
  return RANK[caller.role] >= RANK[role];
}

/** Members and above see the private fields (contacts, internal notes). */
export const seesPrivate = (c: Context) => hasRole(callerOf(c), 'member');

/** Guards an endpoint: 401 when not signed in and without a token, 403 with a role too low. */
export function requireRole(role: Role): MiddlewareHandler {
  return async function requireRole(c, next) {
    const caller = callerOf(c);
    if (caller.role === 'anonymous') throw new ApiError(401, `Sign in, or send a token of role ${role} or above as \`Authorization: Bearer <token>\``);
    if (!hasRole(caller, role)) {
      const who = caller.via === 'session' ? `your account (${caller.label})` : `the token '${caller.label}'`;
      throw new ApiError(403, `This needs the role ${role} or above; ${who} is ${caller.role}`);
    }
    await next();
  };
}

/**
 * Refuses a write to a firm of a country outside the caller's scope (an adviser for Italy
 * changes Italian firms only; reading is never limited). Admins and tokens are not scoped.
 */
export function assertInScope(caller: Caller, country: Country, what: string): void {
  if (caller.countries === null || caller.countries.includes(country)) return;
  throw new ApiError(403, `Your account writes firms of ${caller.countries.join(', ')} only; ${what} is in ${country}`);
}

/** The caller as the history records a write: the account or token, and its name. */
export function authorOf(c: Context): Author {
  const { tokenId, accountId, label } = callerOf(c);
  return { tokenId, accountId, label };
}
