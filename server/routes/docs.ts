import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// Only these files of swagger-ui-dist are served: the page needs nothing else, and no CDN.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Mont-Blanc Sector Atlas API</title>
  <link rel="icon" href="/api/docs/favicon-32x32.png">
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** Human-readable API docs (Swagger UI), served from the installed package so they work offline. */
export function docsRoutes() {
  const router = new Hono();
  const cache = new Map<string, Buffer>();
  router.get('/docs', (c) => c.html(PAGE));
  router.get('/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  router.get('/docs/:file', (c) => {
    const file = c.req.param('file');
    // Own keys only: `constructor` is no asset.
    if (!Object.hasOwn(ASSETS, file)) return c.notFound();
    const type = ASSETS[file]!;
    let body = cache.get(file);
    if (!body) cache.set(file, (body = readFileSync(join(swaggerDir, file))));
    return c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
  return router;
}
