import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.ts';
import { ADMIN_TOKEN, type TestClient, testClient } from '../support/app.ts';
import { useTestDb } from '../support/databases.ts';
import { builtWebDir } from '../support/web-build.ts';

const SITE = 'https://www.cci-haute-savoie.example';
const OTHER = 'https://elsewhere.example';

/** The app over a fresh database for the enclosing `describe`, serving this run's build, asked as a browser would. */
function useApp(env: Record<string, string> = {}) {
  const test = useTestDb();
  let app: TestClient['app'];
  beforeAll(() => {
    app = testClient(test.db, { ATLAS_WEB_DIR: builtWebDir(), ...env }).app;
  });
  return async (path: string, init?: RequestInit): Promise<Response> => app.request(`http://localhost${path}`, init);
}

/** The hashed widget module of the build. */
const widgetAsset = () => `/assets/${readdirSync(join(builtWebDir(), 'assets')).find((file) => /^embed-widget-.*\.js$/.test(file))}`;

describe('CORS for the embed', () => {
  const request = useApp();

  it.each([
    '/api/companies?sector=outdoor&limit=5',
    '/api/health',
    '/api/tiles/companies.json?sector=outdoor',
    '/api/tiles/companies/8/133/90.mvt',
    '/api/style.json?lang=it',
    '/geodata/countries.geojson',
    '/fonts/Noto Sans Regular/0-255.pbf',
    '/embed.js',
  ])('lets any site read %s', async (path) => {
    const response = await request(path, { headers: { Origin: SITE } });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('lets any site import the widget module, which it loads as an ES module', async () => {
    const response = await request(widgetAsset(), { headers: { Origin: SITE } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keeps the CORS headers on a 304, so a revalidated answer stays readable', async () => {
    const first = await request('/api/companies?limit=1', { headers: { Origin: SITE } });
    const again = await request('/api/companies?limit=1', { headers: { Origin: SITE, 'If-None-Match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a preflight for a read with the read methods only', async () => {
    const response = await request('/api/companies', {
      method: 'OPTIONS',
      headers: { Origin: SITE, 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('never allows a write or the admin token in a preflight', async () => {
    const response = await request('/api/companies', {
      method: 'OPTIONS',
      headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(response.headers.get('access-control-allow-methods')).not.toMatch(/POST|PATCH|DELETE|PUT/);
    expect(response.headers.get('access-control-allow-headers')).not.toMatch(/authorization/i);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives writes no CORS header', async () => {
    const response = await request('/api/companies', {
      method: 'POST',
      headers: { Origin: SITE, Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS with an ATLAS_EMBED_ORIGINS allow-list', () => {
  const request = useApp({ ATLAS_EMBED_ORIGINS: `${SITE}, https://cluster.example` });

  it('lets a listed site read, and says that the answer depends on the Origin', async () => {
    const response = await request('/api/companies?limit=1', { headers: { Origin: SITE } });
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('gives another site no CORS header, for reads and preflights', async () => {
    const read = await request('/api/companies?limit=1', { headers: { Origin: OTHER } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('vary')).toMatch(/\bOrigin\b/);
    const preflight = await request('/api/companies', { method: 'OPTIONS', headers: { Origin: OTHER, 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets only the listed sites frame the iframe form', async () => {
    const response = await request('/embed?sector=outdoor');
    expect(response.headers.get('content-security-policy')).toMatch(new RegExp(`(^|; )frame-ancestors 'self' ${SITE} https://cluster\\.example(;|$)`));
  });
});

describe('ATLAS_EMBED_ORIGINS', () => {
  it('is any site by default', () => {
    expect(parseConfig({}).embedOrigins).toBe('*');
  });

  it('takes origins as browsers send them', () => {
    expect(parseConfig({ ATLAS_EMBED_ORIGINS: 'https://WWW.Example.org/, http://localhost:3000' }).embedOrigins).toEqual([
      'https://www.example.org',
      'http://localhost:3000',
    ]);
  });

  it('refuses what is not an origin, naming the variable and the culprit', () => {
    expect(() => parseConfig({ ATLAS_EMBED_ORIGINS: 'https://ok.example,cci.example,https://x.example/path' })).toThrow(ConfigError);
    expect(() => parseConfig({ ATLAS_EMBED_ORIGINS: 'https://ok.example,cci.example' })).toThrow(/ATLAS_EMBED_ORIGINS: .*not cci\.example/);
  });
});

describe('the embed page and loader', () => {
  const request = useApp();

  it('serves the iframe form with its query as the widget’s attributes, escaped', async () => {
    const response = await request('/embed?sector=outdoor&country=FR,IT&q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&list&unknown=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<script src="/embed.js" async></script>');
    expect(html).toContain('<mont-blanc-atlas sector="outdoor" country="FR,IT" q="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" list height="100%">');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('unknown');
  });

  it('lets any site frame the iframe form by default', async () => {
    const response = await request('/embed');
    expect(response.headers.get('content-security-policy')).toMatch(/(^|; )frame-ancestors \*(;|$)/);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('caches the loader briefly, as its URL never changes, and revalidates it with an ETag', async () => {
    const response = await request('/embed.js');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await request('/embed.js', { headers: { 'If-None-Match': `W/${response.headers.get('etag')}` } });
    expect(again.status).toBe(304);
  });

  it('caches the hashed widget module for good', async () => {
    const response = await request(widgetAsset());
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
