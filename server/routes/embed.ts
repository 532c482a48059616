import { Hono } from 'hono';
import { EMBED_ATTRIBUTES } from '../../shared/embed/attributes.ts';
import { elementMarkup } from '../../shared/embed/snippet.ts';

/** The only inline style of the Atlas: the Content-Security-Policy allows it by its hash. */
export const EMBED_PAGE_CSS = 'html,body{margin:0;height:100%;background:#fff}';

/**
 * The iframe form of the embed, for sites that allow no scripts: `/embed?sector=...` is a page
 * holding one widget that fills it, its attributes taken from the query (the same names). The
 * widget itself comes from `/embed.js`, exactly as on a host page.
 */
export function embedRoutes() {
  const router = new Hono();

  router.get('/embed', (c) => {
    const query = new URL(c.req.url).searchParams;
    const attributes = EMBED_ATTRIBUTES.filter((name) => name !== 'height' && query.has(name)).map((name) => [name, query.get(name)!] as [typeof name, string]);
    const page = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Mont-Blanc Sector Atlas</title>
<style>${EMBED_PAGE_CSS}</style>
<script src="/embed.js" async></script>
</head>
<body>
${elementMarkup([...attributes, ['height', '100%']])}
</body>
</html>
`;
    // Who may frame it (ATLAS_EMBED_ORIGINS) is said by its Content-Security-Policy: see security-headers.ts.
    return c.html(page, 200, { 'Cache-Control': 'public, max-age=300' });
  });

  return router;
}
