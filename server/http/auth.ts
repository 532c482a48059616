import { timingSafeEqual, createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './problem.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** True when the request carries the admin token (compared in constant time). */
export function isAdmin(c: Context, adminToken: string | undefined): boolean {
  const token = bearer(c);
  return Boolean(adminToken && token && timingSafeEqual(digest(token), digest(adminToken)));
}

/** Guards the write endpoints: one admin token for now (roles come with the data-in/out work). */
export function requireAdmin(adminToken: string | undefined): MiddlewareHandler {
  return async function requireAdminToken(c, next) {
    if (!adminToken) {
      throw new ApiError(401, 'Writes are disabled: the server was started without ATLAS_ADMIN_TOKEN');
    }
    if (!bearer(c)) throw new ApiError(401, 'Send the admin token as `Authorization: Bearer <token>`');
    if (!isAdmin(c, adminToken)) throw new ApiError(401, 'The bearer token is not valid');
    await next();
  };
}
