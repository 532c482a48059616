import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pbf': 'application/x-protobuf',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const DEFAULT_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * The built web app (`vite build` → dist/web). Hashed assets are immutable; the page itself is
 * revalidated. A missing file is a 404, never the page: a glyph answered with HTML would break labels.
 */
export function webRoutes(webDir = DEFAULT_DIR) {
  const root = resolve(webDir);
  const router = new Hono();
  const cache = new Map<string, Buffer | null>();

  const read = (path: string) => {
    if (!cache.has(path)) cache.set(path, existsSync(path) ? readFileSync(path) : null);
    return cache.get(path) ?? null;
  };

  router.get('/*', (c) => {
    const requested = decodeURIComponent(new URL(c.req.url).pathname);
    const path = normalize(join(root, requested === '/' ? 'index.html' : requested));
    if (!path.startsWith(root + sep)) return c.notFound();
    const body = read(path);
    if (!body) {
      if (requested === '/') return c.text('The web app is not built: run `npm run build`.', 503);
      return c.notFound();
    }
    const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
    const immutable = requested.startsWith('/assets/') || requested.startsWith('/fonts/');
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': type,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
  return router;
}
