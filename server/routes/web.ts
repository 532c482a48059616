import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import { projectPath } from '../../project-root.ts';
import { etagMatches } from '../http/conditional.ts';

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

const DEFAULT_DIR = projectPath('dist', 'web');

/** The staff pages, one built page for all (web/src/account/main.ts tells them apart). */
const STAFF_PAGES = ['/sign-in', '/invitation', '/accounts', '/prospecting'];

/** The file a path is answered with: the pages of the app (the map, a territory's profile, the staff pages), or the file itself. */
function pageFile(path: string): string {
  if (path === '/') return 'index.html';
  if (path === '/profile' || /^\/profile\/[^/]+\/?$/.test(path)) return 'profile.html';
  if (STAFF_PAGES.includes(path.replace(/\/$/, ''))) return 'account.html';
  return path;
}

type File = { body: Buffer; tag: string };

/** The file's content; null for a missing file, a folder, or a name no file system takes (too long, a NUL). */
function fileAt(path: string): Buffer | null {
  try {
    return statSync(path).isFile() ? readFileSync(path) : null;
  } catch {
    return null;
  }
}

/** The path with its escapes decoded; null when they are not valid UTF-8 (`/%zz`, `/%E0%A4`): no file has such a name. */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** How long browsers and proxies keep a file whose URL never changes while its content does. */
function cacheControl(path: string): string {
  if (path.startsWith('/assets/') || path.startsWith('/fonts/')) return 'public, max-age=31536000, immutable';
  // The embed loader's URL is pasted into other sites: a few minutes of cache, then a cheap
  // revalidation, so a release reaches them quickly without a request on every page view.
  if (path === '/embed.js') return 'public, max-age=300';
  return 'no-cache';
}

/**
 * The built web app (`vite build` → dist/web). Hashed assets are immutable; the page itself is
 * revalidated. A missing file is a 404, never the page: a glyph answered with HTML would break labels.
 */
export function webRoutes(webDir = DEFAULT_DIR) {
  const root = resolve(webDir);
  const router = new Hono();
  // Only files found are kept: remembering misses would let anyone fill the memory with made-up paths.
  const cache = new Map<string, File>();

  const read = (path: string) => {
    if (!cache.has(path)) {
      const body = fileAt(path);
      if (body) cache.set(path, { body, tag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"` });
    }
    return cache.get(path) ?? null;
  };

  router.get('/*', (c) => {
    const requested = decodedPath(new URL(c.req.url).pathname);
    if (requested === null) return c.notFound();
    const path = normalize(join(root, pageFile(requested)));
    if (!path.startsWith(root + sep)) return c.notFound();
    const file = read(path);
    if (!file) {
      if (pageFile(requested) !== requested) return c.text('The web app is not built: run `npm run build`.', 503);
      return c.notFound();
    }
    const headers = { ETag: file.tag, 'Cache-Control': cacheControl(requested) };
    if (etagMatches(c.req.header('If-None-Match'), file.tag)) return c.body(null, 304, headers);
    const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
    return c.body(new Uint8Array(file.body), 200, { ...headers, 'Content-Type': type });
  });
  return router;
}
