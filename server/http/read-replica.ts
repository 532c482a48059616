import type { MiddlewareHandler } from 'hono';
import { createDataVersion } from '../../db/queries/data-version.ts';
import type { ReadRouting } from '../../db/read-routing.ts';

/**
 * Sends reads (GET, HEAD) to the read replica when it has caught up with the primary, and to the
 * primary otherwise: a client that has just written reads its own write, and the data version
 * (hence the ETag) a replica answers with is never behind one the client has already seen.
 * A replica out of reach is skipped, so it never takes the service down with it.
 */
export function readsFromReplica(routing: ReadRouting): MiddlewareHandler {
  const primary = createDataVersion(routing.primary);
  const replica = createDataVersion(routing.replica);
  return async function readsFromReplica(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const [written, replicated] = await Promise.all([primary.current(), replica.current().catch(() => -1)]);
    if (replicated < written) return next();
    return routing.onReplica(() => next());
  };
}
