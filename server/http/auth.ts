import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Database } from '../../db/database.ts';
import { useToken } from '../../db/queries/tokens.ts';
import type { Role } from '../../shared/vocabulary.ts';
import { ApiError } from './problem.ts';

/** Who is calling: anonymous (the public, embeds) or the holder of a token with its role. */
export type Caller = { role: 'anonymous' | Role; tokenId: number | null; label: string };

declare module 'hono' {
  interface ContextVariableMap {
    caller: Caller;
  }
}

const RANK: Record<Caller['role'], number> = { anonymous: 0, member: 1, editor: 2, admin: 3 };

const ANONYMOUS: Caller = { role: 'anonymous', tokenId: null, label: 'anonymous' };

/** The label history and token lists show for the bootstrap token of the environment. */
export const BOOTSTRAP_LABEL = 'ATLAS_ADMIN_TOKEN';

const digest = (text: string) => createHash('sha256').update(text).digest();

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, 'Send the token as `Authorization: Bearer <token>`');
  return match[1];
}

/**
 * Resolves the caller once per request, from the database every time (a revoked token is refused
 * from the next request on). `ATLAS_ADMIN_TOKEN` stays an admin, so that a new installation can
 * create its first tokens. A token that is sent but not valid is a 401 even for a public read:
 * silently answering as anonymous would hide a revoked or mistyped token.
 */
export function authenticate({ db, adminToken }: { db: Database; adminToken: string | undefined }): MiddlewareHandler {
  return async function authenticate(c, next) {
    const token = bearer(c);
    if (token === undefined) {
      c.set('caller', ANONYMOUS);
    } else if (adminToken && timingSafeEqual(digest(token), digest(adminToken))) {
      c.set('caller', { role: 'admin', tokenId: null, label: BOOTSTRAP_LABEL });
    } else {
      const found = await useToken(db, token);
      if (!found) throw new ApiError(401, 'The bearer token is not valid (unknown or revoked)');
      c.set('caller', { role: found.role, tokenId: found.id, label: found.label });
    }
    await next();
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

/** Guards an endpoint: 401 without a token, 403 with one whose role is too low. */
export function requireRole(role: Role): MiddlewareHandler {
  return async function requireRole(c, next) {
    const caller = callerOf(c);
    if (caller.role === 'anonymous') throw new ApiError(401, `Send a token of role ${role} or above as \`Authorization: Bearer <token>\``);
    if (!hasRole(caller, role)) throw new ApiError(403, `This needs the role ${role} or above; the token '${caller.label}' is ${caller.role}`);
    await next();
  };
}

/** The caller as the history records a write: the token's id and label. */
export function authorOf(c: Context): { tokenId: number | null; label: string } {
  const { tokenId, label } = callerOf(c);
  return { tokenId, label };
}
