import type { MiddlewareHandler } from 'hono';
import { publicOrigin } from '../auth/request-origin.ts';
import { sessionSecretOf } from '../auth/session-cookie.ts';
import { isWrite } from './auth.ts';
import { ApiError } from './problem.ts';

/**
 * Refuses a write that a browser sends from another site (cross-site request forgery): every
 * write without a bearer token, JSON ones included (`hono/csrf` looks at form posts only), must
 * say it comes from the Atlas's own pages — `Sec-Fetch-Site: same-origin`, or else an `Origin`
 * equal to the Atlas's. A write that carries a session cookie but neither header is refused too
 * (every current browser sends them). Scripts with a bearer token, and clients that send no
 * cookie (curl signing in), are not browsers a forged page could drive.
 */
export function sameOriginWrites(options: { publicUrl: string | undefined; trustedProxies: number }): MiddlewareHandler {
  return async function sameOriginWrites(c, next) {
    if (!isWrite(c) || c.req.header('Authorization') !== undefined) return next();
    const fetchSite = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    if (fetchSite !== undefined) {
      if (fetchSite !== 'same-origin') throw new ApiError(403, `A write from another site (Sec-Fetch-Site: ${fetchSite}) is refused`);
    } else if (origin !== undefined) {
      const own = publicOrigin(c, options);
      if (origin !== own) throw new ApiError(403, `A write from another origin (${origin}, not ${own}) is refused`);
    } else if (sessionSecretOf(c) !== undefined) {
      throw new ApiError(403, 'A signed-in write must come from the Atlas’s pages (no Origin or Sec-Fetch-Site header)');
    }
    await next();
  };
}
