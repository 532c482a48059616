import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type Options = {
  /** Sites that may frame `/embed` (ATLAS_EMBED_ORIGINS); nothing may frame the rest. */
  embedOrigins: '*' | readonly string[];
  /** An external basemap style (ATLAS_BASEMAP_STYLE): its tiles, glyphs and sprites come from elsewhere. */
  basemapStyle: string | undefined;
  /** `Strict-Transport-Security` max-age, 0 for none. */
  hstsMaxAge: number;
  /** The inline `<style>` of the `/embed` page, allowed by its hash. */
  embedPageCss: string;
};

const hashSource = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * Content-Security-Policy and the usual security headers on every answer (hono's secureHeaders).
 * Scripts only from the Atlas itself, never inline; what MapLibre needs besides: its worker
 * starts from a `blob:` URL, and it makes images from `data:` and `blob:` URLs. Styles are files
 * or constructed stylesheets (which CSP does not restrict), and element styles set through the
 * CSSOM, which CSP allows, so no inline style is needed but the one of the `/embed` page, by hash.
 *
 * `/embed` may be framed by the sites of ATLAS_EMBED_ORIGINS (and the Atlas's own Share dialog);
 * the rest of the Atlas by nobody. The API documentation (Swagger UI) sets inline styles: its
 * pages alone allow them.
 */
export function securityHeaders({ embedOrigins, basemapStyle, hstsMaxAge, embedPageCss }: Options): MiddlewareHandler {
  // An external basemap's tiles, glyphs and sprites may come from any host its style names.
  const external = basemapStyle ? ['https:'] : [];
  const policy = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    connectSrc: ["'self'", ...external],
    imgSrc: ["'self'", 'data:', 'blob:', ...external],
    styleSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
  const common = {
    crossOriginEmbedderPolicy: false,
    // Other sites' pages load the embed's scripts, tiles and fonts: no answer is private to a
    // browser (the Atlas sets no cookie; tokens are only sent by scripts, with CORS), so none is held back.
    crossOriginResourcePolicy: 'cross-origin',
    // The Atlas opens other sites (firms' websites) only with noopener: cutting the opener costs nothing.
    crossOriginOpenerPolicy: 'same-origin',
    // The origin is still sent to an external basemap's tile server, which may check it.
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: hstsMaxAge > 0 ? `max-age=${hstsMaxAge}` : false,
    xFrameOptions: 'DENY',
  } as const;

  const app = secureHeaders({ ...common, contentSecurityPolicy: policy });
  const embed = secureHeaders({
    ...common,
    contentSecurityPolicy: {
      ...policy,
      styleSrc: ["'self'", hashSource(embedPageCss)],
      frameAncestors: embedOrigins === '*' ? ['*'] : ["'self'", ...embedOrigins],
    },
    // X-Frame-Options can only deny or allow the same origin: frame-ancestors says it all.
    xFrameOptions: false,
  });
  const docs = secureHeaders({ ...common, contentSecurityPolicy: { ...policy, styleSrc: ["'self'", "'unsafe-inline'"] } });

  return async function securityHeaders(c, next) {
    const path = c.req.path;
    if (path === '/embed') return embed(c, next);
    if (path === '/api/docs' || path.startsWith('/api/docs/')) return docs(c, next);
    return app(c, next);
  };
}
