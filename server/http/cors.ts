import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const READS = ['GET', 'HEAD'];

/**
 * CORS for the embed widget, whose page is another site's: it may read (GET, HEAD) the API, the
 * tiles, the style, the fonts and the scripts, from any origin or only from ATLAS_EMBED_ORIGINS.
 * Writes stay same-origin: they get no CORS header, and a preflight never allows their methods
 * or an `Authorization` header. No credentials are allowed, so a browser sends no cookie with an
 * embed's requests.
 */
export function embedCors(origins: '*' | readonly string[]): MiddlewareHandler {
  const allow = cors({
    origin: origins === '*' ? '*' : [...origins],
    allowMethods: READS,
    // Named, so that a preflight's requested headers are not simply echoed back.
    allowHeaders: ['Accept'],
    exposeHeaders: ['ETag', 'X-Data-Version'],
    // Browsers cap it (Chromium at 2 hours); it spares most preflights anyway.
    maxAge: 86_400,
  });
  return async function embedCors(c, next) {
    if (c.req.method !== 'OPTIONS' && !READS.includes(c.req.method)) return next();
    return allow(c, next);
  };
}
