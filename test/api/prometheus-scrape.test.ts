import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createMetrics } from '../../server/metrics/metrics.ts';
import { serveMetrics } from '../../server/metrics/metrics-server.ts';
import { ADMIN_TOKEN, type AtlasServer, serveApp } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { type PrometheusServer, prometheusAvailable, type Sample, startPrometheus } from '../support/prometheus-server.ts';

const upOf = (samples: Sample[], job: string) => samples.find((sample) => sample.metric.job === job)?.value[1];
const valueOf = (samples: Sample[]) => Number(samples[0]?.value[1] ?? Number.NaN);

// A real Prometheus scrapes a running Atlas the two ways docs/operator/monitoring.md offers:
// /api/metrics with an admin token, and /metrics on the loopback metrics port.
describe.skipIf(!prometheusAvailable).each(testEngines())('a real Prometheus scraping the Atlas on %s', (engine) => {
  let db: Database;
  let atlas: AtlasServer;
  let loopback: { server: ServerType; port: number };
  let prometheus: PrometheusServer;
  const hostOf = (url: string) => new URL(url).host;

  beforeAll(async () => {
    db = await openTestDb(engine);
    const metrics = createMetrics();
    atlas = await serveApp(db, {}, { metrics });
    loopback = await serveMetrics(metrics.registry, 0);
    for (let i = 0; i < 3; i += 1) expect((await fetch(`${atlas.url}/api/health`)).status).toBe(200);
    prometheus = await startPrometheus([
      { name: 'atlas', target: hostOf(atlas.url), path: '/api/metrics', bearer: ADMIN_TOKEN },
      { name: 'atlas-loopback', target: `127.0.0.1:${loopback.port}`, path: '/metrics' },
      { name: 'atlas-wrong-token', target: hostOf(atlas.url), path: '/api/metrics', bearer: 'not-the-admin-token' },
    ]);
    // Every job scraped at least once: each has an `up` sample, whatever its value.
    await prometheus.until('up', (samples) => samples.length === 3);
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    loopback?.server.close();
    await atlas?.close();
    await db?.close();
  });

  it('finds the token and the loopback targets up, and the wrong token\'s down', async () => {
    const up = await prometheus.query('up');
    expect(upOf(up, 'atlas')).toBe('1');
    expect(upOf(up, 'atlas-loopback')).toBe('1');
    expect(upOf(up, 'atlas-wrong-token')).toBe('0');
  });

  it('reads the requests counted under their route and status', async () => {
    const health = await prometheus.query('atlas_http_requests_total{job="atlas", method="GET", route="/api/health", status="200"}');
    expect(valueOf(health)).toBeGreaterThanOrEqual(3);
    // Its own scrapes are requests too: refused ones under 403 or 401, the admin's under 200.
    const refused = await prometheus.until('sum(atlas_http_requests_total{job="atlas", route="/api/metrics", status=~"40[13]"})', (s) => valueOf(s) > 0);
    expect(valueOf(refused)).toBeGreaterThan(0);
  });

  it('computes a latency quantile from the histogram, per route', async () => {
    // rate() needs two scrapes of a counter that moved between them.
    const quantile = await prometheus.until(
      'histogram_quantile(0.99, sum by (le, route) (rate(atlas_http_request_duration_seconds_bucket{job="atlas", route="/api/metrics"}[30s])))',
      (samples) => samples.length === 1 && Number.isFinite(valueOf(samples)),
    );
    expect(valueOf(quantile)).toBeGreaterThan(0);
    expect(valueOf(quantile)).toBeLessThan(10);
  }, 30_000);

  it('sees the database pool, the same figures on both paths', async () => {
    const pool = await prometheus.query('atlas_db_pool_size');
    const byJob = Object.fromEntries(pool.filter((s) => s.metric.database === 'primary').map((s) => [s.metric.job, s.value[1]]));
    expect(byJob.atlas).toBeDefined();
    expect(byJob['atlas-loopback']).toBe(byJob.atlas);
  });
});
