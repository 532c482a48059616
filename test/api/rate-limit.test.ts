import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.ts';
import { ADMIN_TOKEN, type AtlasServer, serveApp } from '../support/app.ts';
import { useTestDb } from '../support/databases.ts';

describe('the rate limit of anonymous callers', () => {
  const holder = useTestDb('pglite');
  let server: AtlasServer | undefined;
  afterEach(() => server?.close());

  /** A real server (the limit counts by socket address), fresh counts for each test. */
  const serve = async (env: Record<string, string>) => (server = await serveApp(holder.db, env));
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server!.url}${path}`, { headers });
  const statuses = async (n: number, headers: Record<string, string> = {}) => {
    const answers: number[] = [];
    for (let i = 0; i < n; i++) answers.push((await get('/api/live', headers)).status);
    return answers;
  };

  it('answers past ATLAS_RATE_LIMIT a minute with a 429 problem, Retry-After and RateLimit headers', async () => {
    await serve({ ATLAS_RATE_LIMIT: '3' });
    const first = await get('/api/companies?limit=1');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit')).toMatch(/^limit=3, remaining=2, reset=\d+$/);
    expect(first.headers.get('ratelimit-policy')).toBe('3;w=60');
    await statuses(2);
    const refused = await get('/api/companies?limit=1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 429, title: 'Too many requests' });
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit')).toMatch(/^limit=3, remaining=0, reset=\d+$/);
  });

  it('lets an embed on another site read the 429 (CORS headers)', async () => {
    await serve({ ATLAS_RATE_LIMIT: '1' });
    await statuses(1);
    const refused = await get('/api/tiles/companies/8/133/90.mvt', { Origin: 'https://www.cci.example' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('does not count the requests of a caller with a token', async () => {
    await serve({ ATLAS_RATE_LIMIT: '2' });
    expect(await statuses(5, { Authorization: `Bearer ${ADMIN_TOKEN}` })).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(3)).toEqual([200, 200, 429]);
  });

  it('counts a wrong token as an anonymous request, so that guessing is limited too', async () => {
    await serve({ ATLAS_RATE_LIMIT: '2' });
    expect(await statuses(2, { Authorization: 'Bearer atlas_guess' })).toEqual([401, 401]);
    expect(await statuses(1)).toEqual([429]);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
    await serve({ ATLAS_RATE_LIMIT: '2' });
    const answers = [];
    for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) answers.push((await get('/api/live', { 'X-Forwarded-For': client })).status);
    expect(answers).toEqual([200, 200, 429]);
  });

  it('counts each client behind a trusted proxy apart, by the address the proxy saw', async () => {
    await serve({ ATLAS_RATE_LIMIT: '2', ATLAS_TRUST_PROXY: '1' });
    expect(await statuses(2, { 'X-Forwarded-For': '198.51.100.1' })).toEqual([200, 200]);
    // What the client itself put in front of the proxy's entry changes nothing.
    expect(await statuses(1, { 'X-Forwarded-For': '203.0.113.9, 198.51.100.1' })).toEqual([429]);
    expect(await statuses(2, { 'X-Forwarded-For': '198.51.100.2' })).toEqual([200, 200]);
  });

  it('is off with ATLAS_RATE_LIMIT=0', async () => {
    await serve({ ATLAS_RATE_LIMIT: '0' });
    const answers = await statuses(30);
    expect(answers.every((status) => status === 200)).toBe(true);
  });
});

describe('ATLAS_RATE_LIMIT and ATLAS_TRUST_PROXY', () => {
  it('allow 1200 anonymous requests a minute and trust no proxy by default', () => {
    expect(parseConfig({})).toMatchObject({ rateLimit: 1200, trustProxy: 0 });
  });
});
