import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/logging/logger.ts';
import { createMetrics, type Metrics } from '../../server/metrics/metrics.ts';
import { serveMetrics } from '../../server/metrics/metrics-server.ts';
import { ADMIN_TOKEN, testConfig } from '../support/app.ts';
import { browserOn } from '../support/browser-session.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { chamonixGuides } from '../fixtures/companies.ts';
import { parsePrometheusText, type Scrape, valueOf } from '../support/prometheus-text.ts';

const PASSWORD = 'a long enough passphrase';

type LogLine = Record<string, unknown>;

describe.each(testEngines())('metrics and request logs on %s', (engine) => {
  let db: Database;
  let metrics: Metrics;
  let app: ReturnType<typeof createApp>;
  const written: string[] = [];
  let firm: number;
  let memberToken: string;

  const call = (path: string, init: RequestInit = {}) => app.request(`http://localhost${path}`, init);
  const asAdmin = (path: string, init: RequestInit = {}) => call(path, { ...init, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } });
  const scrape = async (): Promise<Scrape> => {
    const answer = await asAdmin('/api/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await answer.text());
  };
  const requestsOf = (scraped: Scrape, labels: Record<string, string>) => valueOf(scraped, 'atlas_http_requests_total', labels) ?? 0;
  const logLines = (): LogLine[] => written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine);
  const requestLines = () => logLines().filter((line) => line.msg === 'request');

  beforeAll(async () => {
    db = await openTestDb(engine);
    metrics = createMetrics();
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void written.push(line) } });
    app = createApp({ db, config: testConfig(), logger, metrics });
    firm = (await (await asAdmin('/api/companies', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(chamonixGuides) })).json()).id;
    const created = await asAdmin('/api/accounts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
      body: JSON.stringify({ email: 'admin@example.org', name: 'Admin', role: 'admin', password: PASSWORD }),
    });
    expect(created.status).toBe(201);
    const token = await asAdmin('/api/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ label: 'member', role: 'member' }) });
    memberToken = (await token.json()).token;
  });
  afterAll(() => db?.close());

  it('counts each request under its route pattern, method and status, never its path', async () => {
    const before = await scrape();
    const route = '/api/companies/:id';
    const counted = requestsOf(before, { method: 'GET', route, status: '200' });
    for (let i = 0; i < 3; i += 1) expect((await call(`/api/companies/${firm}`)).status).toBe(200);
    expect((await call('/api/companies/999999')).status).toBe(404);
    const after = await scrape();
    expect(requestsOf(after, { method: 'GET', route, status: '200' })).toBe(counted + 3);
    expect(requestsOf(after, { method: 'GET', route, status: '404' })).toBe(1);
    const routes = after.samples.filter((s) => s.name.startsWith('atlas_http_')).map((s) => s.labels.route!);
    expect(routes.some((r) => /\/\d+(\/|$)/.test(r))).toBe(false);
    expect(after.types.get('atlas_http_request_duration_seconds')).toBe('histogram');
    const series = { method: 'GET', route, status: '200' };
    expect(valueOf(after, 'atlas_http_request_duration_seconds_count', series)).toBe(counted + 3);
    expect(valueOf(after, 'atlas_http_request_duration_seconds_bucket', { ...series, le: '+Inf' })).toBe(counted + 3);
  });

  it('reports the response cache, the database queries and pool, and imports', async () => {
    await call('/api/stats');
    await call('/api/stats');
    const scraped = await scrape();
    expect(valueOf(scraped, 'atlas_response_cache_hits_total')).toBeGreaterThanOrEqual(1);
    expect(valueOf(scraped, 'atlas_response_cache_misses_total')).toBeGreaterThanOrEqual(1);
    expect(valueOf(scraped, 'atlas_response_cache_bytes')).toBeGreaterThan(0);
    expect(valueOf(scraped, 'atlas_db_query_duration_seconds_count', { database: 'primary', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(scraped, 'atlas_db_pool_size', { database: 'primary' })).toBe(engine === 'pglite' ? 1 : 4);
    const csv = 'name;sector;country;commune_code;longitude;latitude\nMetric SARL;outdoor;FR;74056;6.87;45.92\n';
    expect((await asAdmin('/api/imports?dryRun=true', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv })).status).toBe(200);
    expect(valueOf(await scrape(), 'atlas_imports_total', { mode: 'dry_run', outcome: 'ok' })).toBe(1);
  });

  it('exposes the hooks for backups and live connections', async () => {
    metrics.backups.record('ok', { bytes: 1234, at: new Date('2026-12-07T09:00:00Z') });
    metrics.liveConnections.inc();
    const scraped = await scrape();
    expect(valueOf(scraped, 'atlas_backups_total', { outcome: 'ok' })).toBe(1);
    expect(valueOf(scraped, 'atlas_backup_last_size_bytes')).toBe(1234);
    expect(valueOf(scraped, 'atlas_backup_last_success_timestamp_seconds')).toBe(Date.parse('2026-12-07T09:00:00Z') / 1000);
    expect(valueOf(scraped, 'atlas_live_connections')).toBe(1);
    metrics.liveConnections.dec();
  });

  it('answers only admins: 401 anonymous, 403 a member, as problems; an admin session may scrape', async () => {
    const anonymous = await call('/api/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('Content-Type')).toBe('application/problem+json');
    const member = await call('/api/metrics', { headers: { Authorization: `Bearer ${memberToken}` } });
    expect(member.status).toBe(403);
    expect((await member.json()).status).toBe(403);
    const browser = browserOn(app);
    expect((await browser.signIn('admin@example.org', PASSWORD)).status).toBe(200);
    expect((await browser.get('/api/metrics')).status).toBe(200);
  });

  it('serves /metrics without a token on the loopback port, to a real scrape', async () => {
    const { server, port } = await serveMetrics(metrics.registry, 0);
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(answer.status).toBe(200);
      expect(requestsOf(parsePrometheusText(await answer.text()), { method: 'GET', route: '/api/metrics', status: '200' })).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/api/companies`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('writes one JSON line per request, with its id sent back as X-Request-Id', async () => {
    const before = requestLines().length;
    const given = await call('/api/health', { headers: { 'X-Request-Id': 'edge-42.abc' } });
    expect(given.headers.get('X-Request-Id')).toBe('edge-42.abc');
    const forged = await call(`/api/companies/${firm}`, { headers: { 'X-Request-Id': 'bad id "forged"' } });
    const made = forged.headers.get('X-Request-Id')!;
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    await asAdmin('/api/tokens');
    const lines = requestLines().slice(before);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ requestId: 'edge-42.abc', method: 'GET', route: '/api/health', status: 200, caller: 'anonymous', level: 30 });
    expect(lines[1]).toMatchObject({ requestId: made, route: '/api/companies/:id', status: 200 });
    expect(lines[2]).toMatchObject({ route: '/api/tokens', caller: 'token:ATLAS_ADMIN_TOKEN', role: 'admin' });
    for (const line of lines) {
      expect(Date.parse(String(line.time))).toBeGreaterThan(0);
      expect(typeof line.durationMs).toBe('number');
    }
    expect(written.join('')).not.toContain('forged');
  });

  it('names a signed-in caller by account id and never logs a token, a cookie, a password or a query secret', async () => {
    const browser = browserOn(app);
    const signedIn = await browser.signIn('admin@example.org', PASSWORD);
    const cookie = signedIn.headers.get('Set-Cookie')!.split(';')[0]!;
    const before = requestLines().length;
    await call('/api/session', { headers: { Cookie: cookie } });
    await call('/api/session?token=query-secret-123&password=query-password', {
      method: 'POST',
      headers: { Authorization: `Bearer ${memberToken}`, Cookie: cookie, 'Content-Type': 'application/json', Origin: 'http://localhost' },
      body: JSON.stringify({ email: 'admin@example.org', password: PASSWORD }),
    });
    const lines = requestLines().slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.caller).toMatch(/^account:\d+$/);
    expect(lines[1]!.caller).toMatch(/^token:\d+$/);
    const everything = written.join('') + (await (await asAdmin('/api/metrics')).text());
    for (const secret of [ADMIN_TOKEN, memberToken, cookie.split('=')[1]!, PASSWORD, 'query-secret-123', 'query-password']) {
      expect(everything).not.toContain(secret);
    }
  });
});
