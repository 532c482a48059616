import type { MiddlewareHandler } from 'hono';
import { routePatternOf } from '../http/route-pattern.ts';
import type { Metrics } from './metrics.ts';

/** Counts and times every request under its route's pattern, method and status. */
export function observeRequests(metrics: Metrics): MiddlewareHandler {
  return async function observeRequests(c, next) {
    const started = performance.now();
    await next();
    metrics.observeRequest({ method: c.req.method, route: routePatternOf(c), status: c.res.status }, (performance.now() - started) / 1000);
  };
}
