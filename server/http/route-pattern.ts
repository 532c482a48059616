import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** What a request that no route answers is counted and logged under. */
export const UNMATCHED = 'unmatched';

/**
 * The pattern of the route that answers a request (`/api/companies/:id{[0-9]+}`), never its path:
 * logs and metrics must not carry ids (one series per firm) or whatever a caller puts in a URL.
 * Middleware is registered for every method (`ALL`); the first route of a method is the handler
 * that answers (later ones, such as the web app's `/*`, only match too), whether it ran or a
 * cache answered in its place.
 */
export function routePatternOf(c: Context): string {
  return matchedRoutes(c).find((route) => route.method !== 'ALL')?.path ?? UNMATCHED;
}
