import { createRoute, z } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';
import { requireRole } from '../http/auth.ts';
import { createRouter, problem } from '../http/router.ts';

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['Service'],
  summary: 'The service\'s figures in the Prometheus text format, for a scraper (admins; or ATLAS_METRICS_PORT on loopback, without a token)',
  description:
    'Requests per route pattern, method and status and their durations, the response cache, the database queries and pool, ' +
    'imports, backups, live-event connections and the process itself. The metrics are listed in the operator guide (monitoring).',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'Prometheus text exposition format 0.0.4',
      content: { 'text/plain': { schema: z.string().openapi({ example: 'atlas_http_requests_total{method="GET",route="/api/health",status="200"} 3' }) } },
    },
    401: problem('Not signed in, or a missing or wrong bearer token'),
    403: problem('The role is not admin'),
  },
});

/** `GET /metrics` of the API, for admins: the one registry of this app. */
export function metricsRoutes({ registry }: { registry: Registry }) {
  const router = createRouter();
  router.use('/metrics', requireRole('admin'));
  router.openapi(metricsRoute, async (c) => {
    const text = await registry.metrics();
    return c.text(text, 200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
  });
  return router;
}
