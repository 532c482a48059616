import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import { EMBED_PAGE_CSS } from '../routes/embed.ts';
import { limitBody } from './body-limit.ts';
import { rateLimit } from './rate-limit.ts';
import { securityHeaders } from './security-headers.ts';

/** The two file uploads (imports, boundary files): their routes set larger limits of their own. */
const UPLOADS = ['/api/imports', '/api/territories'];

/**
 * What every request goes through against hostile input and load, in order: the security headers
 * (on every answer, refusals included), the rate limit of anonymous callers, the body size limit.
 */
export function hardening(config: Config): MiddlewareHandler[] {
  const limitWrite = limitBody(config.bodyLimit);
  return [
    securityHeaders({ embedOrigins: config.embedOrigins, basemapStyle: config.basemapStyle, hstsMaxAge: config.hstsMaxAge, embedPageCss: EMBED_PAGE_CSS }),
    ...(config.rateLimit > 0 ? [rateLimit({ perMinute: config.rateLimit, trustedProxies: config.trustProxy })] : []),
    async function limitBodies(c, next) {
      return UPLOADS.includes(c.req.path) ? next() : limitWrite(c, next);
    },
  ];
}
