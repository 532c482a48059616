import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** What a request that no route answers is counted and logged under. */
export const UNMATCHED = 'unmatched';

/**
 * The pattern of the route that answers a request (`/api/companies/:id{[0-9]+}`), never its path:
 * logs and metrics must not carry ids (one series per firm) or whatever a caller puts in a URL.
 * Middleware is registered for every method (`ALL`); the last route of a method is the handler,
 * whether it ran or a cache answered in its place.
 */
export function routePatternOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i -= 1) {
    if (routes[i]!.method !== 'ALL') return routes[i]!.path;
  }
  return UNMATCHED;
}
