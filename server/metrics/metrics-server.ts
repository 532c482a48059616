import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Registry } from 'prom-client';

/** Loopback only: whoever reaches this port is on the machine (or in its pod), so no token is asked. */
export const METRICS_HOST = '127.0.0.1';

/** `GET /metrics` and nothing else, without authentication, for a scraper beside the Atlas. */
export function metricsApp(registry: Registry) {
  const app = new Hono();
  app.get('/metrics', async (c) => c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }));
  app.notFound((c) => c.text('Only /metrics is served here', 404));
  return app;
}

/** Serves `metricsApp` on 127.0.0.1:`port` (0: a free port); resolves with the server and its port once it listens. */
export function serveMetrics(registry: Registry, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: metricsApp(registry).fetch, port, hostname: METRICS_HOST }, (info) => resolve({ server, port: info.port }));
  });
}
