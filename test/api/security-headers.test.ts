import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testClient } from '../support/app.ts';
import { useTestDb } from '../support/databases.ts';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Record<string, string[]> {
  expect(header).not.toBeNull();
  return Object.fromEntries(header!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('security headers', () => {
  const holder = useTestDb('pglite');
  const request = async (path: string, env: Record<string, string> = {}, init?: RequestInit) =>
    testClient(holder.db, env).app.request(`http://localhost${path}`, init);

  it('runs only the Atlas’s own scripts on the map page, never inline ones', async () => {
    const csp = directives((await request('/')).headers.get('content-security-policy'));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
  });

  it('lets MapLibre start its worker from a blob: URL and draw data: and blob: images', async () => {
    const csp = directives((await request('/')).headers.get('content-security-policy'));
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['connect-src']).toEqual(["'self'"]);
  });

  it('lets an external basemap’s tiles, glyphs and sprites in over https', async () => {
    const csp = directives((await request('/', { ATLAS_BASEMAP_STYLE: 'https://tiles.example.org/style.json' })).headers.get('content-security-policy'));
    expect(csp['connect-src']).toEqual(["'self'", 'https:']);
    expect(csp['img-src']).toContain('https:');
  });

  it('lets nobody frame the map or the API', async () => {
    for (const path of ['/', '/api/companies', '/api/nothing']) {
      const response = await request(path);
      expect(directives(response.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('sends the usual headers with every answer, refusals included', async () => {
    for (const [path, status] of [['/', 200], ['/api/companies', 200], ['/api/companies/0', 400], ['/api/tokens', 401], ['/nothing', 404]] as const) {
      const response = await request(path);
      expect(response.status).toBe(status);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(response.headers.get('content-security-policy')).not.toBeNull();
    }
  });

  it('sends Strict-Transport-Security only when ATLAS_HSTS_MAX_AGE asks for it', async () => {
    expect((await request('/api/live')).headers.get('strict-transport-security')).toBeNull();
    expect((await request('/api/live', { ATLAS_HSTS_MAX_AGE: '31536000' })).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('lets any site frame the iframe form by default, with no X-Frame-Options', async () => {
    const response = await request('/embed?sector=outdoor');
    expect(directives(response.headers.get('content-security-policy'))['frame-ancestors']).toEqual(['*']);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('lets only ATLAS_EMBED_ORIGINS and the Atlas itself frame the iframe form when set', async () => {
    const response = await request('/embed', { ATLAS_EMBED_ORIGINS: 'https://www.cci.example,https://cluster.example' });
    expect(directives(response.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'self'", 'https://www.cci.example', 'https://cluster.example']);
  });

  it('allows the one inline style of the iframe form by its hash, and no inline script', async () => {
    const response = await request('/embed');
    const css = /<style>(.*)<\/style>/.exec(await response.text())![1]!;
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp['style-src']).toEqual(["'self'", `'sha256-${createHash('sha256').update(css).digest('base64')}'`]);
    expect(csp['script-src']).toEqual(["'self'"]);
  });

  it('allows inline styles on the API documentation only, which Swagger UI sets', async () => {
    expect(directives((await request('/api/docs')).headers.get('content-security-policy'))['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives((await request('/api/docs')).headers.get('content-security-policy'))['script-src']).toEqual(["'self'"]);
  });
});
