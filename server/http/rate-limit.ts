import type { MiddlewareHandler } from 'hono';
import { MemoryStore, rateLimiter } from 'hono-rate-limiter';
import { clientAddress } from './client-address.ts';
import { problemResponse } from './problem.ts';

const WINDOW_MS = 60_000;

/**
 * At most `perMinute` requests a minute from one client address for anonymous callers (the map,
 * embeds, anyone), answered beyond that with a 429 problem, `Retry-After` and the `RateLimit`
 * headers. A request with a token is not counted: a valid token is an editor's or a script's the
 * Atlas gave out; a wrong one is refused (401) before any work and counts as an anonymous request,
 * so guessing tokens is limited too. The counts live in this process's memory: each process of a
 * deployment counts on its own, and a restart forgets them.
 */
export function rateLimit({ perMinute, trustedProxies }: { perMinute: number; trustedProxies: number }): MiddlewareHandler {
  const store = new MemoryStore();
  const keyOf = (c: Parameters<MiddlewareHandler>[0]) => clientAddress(c, trustedProxies);
  const anonymous = rateLimiter({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-7',
    keyGenerator: keyOf,
    store,
    handler: (c) => problemResponse(c, 429, `More than ${perMinute} requests a minute from this address; retry after the time in Retry-After`),
  });

  return async function rateLimit(c, next) {
    if (c.req.header('Authorization') === undefined) return anonymous(c, next);
    await next();
    if (c.res.status === 401) await store.increment(keyOf(c));
  };
}
